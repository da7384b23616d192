import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../../../electron/host/server';
import { tempWorkspace } from '../../support/workspace';

/** A raw HTTP request: the path is sent exactly as given (fetch would normalise `..`). */
function raw(
  host: Host,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((ok, fail) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, method: options.method ?? 'GET', path: options.path, headers: { Host: `127.0.0.1:${host.port}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      },
    );
    req.on('error', fail);
    if (options.body) req.write(options.body);
    req.end();
  });
}

const hosts: Host[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
});

async function setup() {
  const { ws, dir, router } = tempWorkspace();
  // The renderer folder, and a secret right next to it that must never be served.
  const staticDir = join(dir, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>ISO Desk</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'TOP SECRET');
  const host = await startHost({ router, staticDir });
  hosts.push(host);
  const changes = () => ws.sqlite.prepare('SELECT count(*) FROM change_log').pluck().get() as number;
  const operator = () => ws.sqlite.prepare("SELECT value FROM settings WHERE key = 'operator'").pluck().get();
  return { host, changes, operator };
}

const write = (host: Host, headers: Record<string, string>) =>
  raw(host, {
    method: 'POST',
    path: '/api/settings.setOperator',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ operator: 'Kẻ lạ' }),
  });

describe('the localhost host', () => {
  it('serves the API with the token, from its own origin', async () => {
    const { host, operator } = await setup();
    const res = await write(host, { Authorization: `Bearer ${host.token}`, Origin: host.url });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).ok).toBe(true);
    expect(operator()).toBe('Kẻ lạ');
  });

  it('refuses API calls without the token or with a wrong one, and writes nothing', async () => {
    const { host, operator } = await setup();
    for (const auth of [undefined, '', 'Bearer', `Bearer ${host.token.slice(0, -1)}x`, `Bearer ${host.token}extra`, `Basic ${host.token}`, host.token]) {
      const res = await write(host, auth === undefined ? {} : { Authorization: auth });
      expect(res.status, String(auth)).toBe(401);
      expect(JSON.parse(res.body).error.code).toBe('UNAUTHORISED');
    }
    const list = await raw(host, { path: '/api/methods' });
    expect(list.status).toBe(401);
    expect(operator()).toBe('Thư ký ISO');
  });

  it('refuses requests from other origins even with the token (cross-site pages)', async () => {
    const { host, operator } = await setup();
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${host.port + 1}`, `https://127.0.0.1:${host.port}`]) {
      const res = await write(host, { Authorization: `Bearer ${host.token}`, Origin: origin });
      expect(res.status, origin).toBe(403);
    }
    expect(operator()).toBe('Thư ký ISO');
  });

  it('refuses a wrong Host header (DNS rebinding), for the API and static files', async () => {
    const { host, operator } = await setup();
    for (const h of ['evil.example', `evil.example:${host.port}`, '127.0.0.1', `127.0.0.1:${host.port}.evil.example`, `0.0.0.0:${host.port}`]) {
      const api = await write(host, { Authorization: `Bearer ${host.token}`, Host: h });
      expect(api.status, h).toBe(403);
      const page = await raw(host, { path: '/', headers: { Host: h } });
      expect(page.status, h).toBe(403);
    }
    expect(operator()).toBe('Thư ký ISO');
  });

  it('confines static files to the renderer folder (path traversal)', async () => {
    const { host } = await setup();
    const ok = await raw(host, { path: '/assets/app.js' });
    expect(ok.status).toBe(200);
    expect(ok.headers['content-security-policy']).toBeTruthy();
    for (const path of [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/....//secret.txt',
      '//../secret.txt',
      '/%252e%252e/secret.txt',
      '/assets/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/%00../secret.txt',
    ]) {
      const res = await raw(host, { path });
      expect(res.body, path).not.toContain('TOP SECRET');
      expect(res.body, path).not.toContain('root:');
    }
  });

  it('answers malformed bodies and unknown methods with an error envelope', async () => {
    const { host, changes } = await setup();
    const before = changes();
    const auth = { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' };
    const bad = await raw(host, { method: 'POST', path: '/api/units.create', headers: auth, body: '{not json' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.code).toBe('INVALID_INPUT');
    const unknown = await raw(host, { method: 'POST', path: '/api/%2e%2e%2fsetup.complete', headers: auth, body: '{}' });
    expect(JSON.parse(unknown.body).error.code).toBe('UNKNOWN_METHOD');
    const get = await raw(host, { method: 'GET', path: '/api/settings.setOperator', headers: auth });
    expect(get.status).toBe(405);
    expect(changes()).toBe(before);
  });
});
