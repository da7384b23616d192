import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../common/csp';
import { AppError } from '../common/errors';
import type { Router } from '../api/router';

const MAX_BODY = 16 * 1024 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface HostOptions {
  router: Router;
  /** The built renderer (index.html and assets). */
  staticDir: string;
  port?: number;
  token?: string;
}

export interface Host {
  url: string;
  /** The URL to open: carries the token in the fragment, which is never sent to the server. */
  openUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'application/json; charset=utf-8') {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new AppError('INVALID_INPUT', { details: 'request body too large' });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The browser preview and end-to-end host: serves the built renderer and the
 * same API as the desktop app's IPC, on 127.0.0.1 only. API calls need the
 * per-launch token; requests naming another host or origin are refused
 * (DNS rebinding, cross-site pages).
 */
export async function startHost(options: HostOptions): Promise<Host> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const root = resolve(options.staticDir);
  let origin = '';
  let port = 0;

  const server = createServer(async (req, res) => {
    try {
      const hostHeader = req.headers.host ?? '';
      if (hostHeader !== `127.0.0.1:${port}` && hostHeader !== `localhost:${port}`) {
        return send(res, 403, JSON.stringify({ error: 'forbidden host' }));
      }
      const url = new URL(req.url ?? '/', origin);
      if (url.pathname.startsWith('/api/')) {
        const reqOrigin = req.headers.origin;
        if (reqOrigin && reqOrigin !== origin && reqOrigin !== `http://localhost:${port}`) {
          return send(res, 403, JSON.stringify({ ok: false, error: new AppError('UNAUTHORISED').toPayload() }));
        }
        const auth = req.headers.authorization ?? '';
        if (!auth.startsWith('Bearer ') || !sameToken(auth.slice(7), token)) {
          return send(res, 401, JSON.stringify({ ok: false, error: new AppError('UNAUTHORISED').toPayload() }));
        }
        if (req.method === 'GET' && url.pathname === '/api/methods') {
          return send(res, 200, JSON.stringify(options.router.methodNames));
        }
        if (req.method !== 'POST') return send(res, 405, JSON.stringify({ error: 'method not allowed' }));
        const method = decodeURIComponent(url.pathname.slice('/api/'.length));
        let input: unknown;
        try {
          const body = await readBody(req);
          input = body ? JSON.parse(body) : {};
        } catch (err) {
          const error = err instanceof AppError ? err : new AppError('INVALID_INPUT', { details: 'body is not JSON' });
          return send(res, 400, JSON.stringify({ ok: false, error: error.toPayload() }));
        }
        const envelope = await options.router.call(method, input);
        return send(res, 200, JSON.stringify(envelope));
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, '');
      // Static files, confined to the renderer folder.
      const rel = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
      let file = resolve(join(root, rel || 'index.html'));
      if (file !== root && !file.startsWith(root + sep)) return send(res, 403, '');
      let stat = statSync(file, { throwIfNoEntry: false });
      if (!stat || stat.isDirectory()) {
        file = join(root, 'index.html');
        stat = statSync(file, { throwIfNoEntry: false });
        if (!stat) return send(res, 404, 'renderer not built: run `npm run web`', 'text/plain; charset=utf-8');
      }
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Length': stat.size,
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'X-Frame-Options': 'DENY',
        'Referrer-Policy': 'no-referrer',
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).pipe(res);
    } catch (err) {
      send(res, 500, JSON.stringify({ error: String(err) }));
    }
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    openUrl: `${origin}/#token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
