import { existsSync, statSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';

/**
 * Maps app://isodesk/<path> to a file of the built renderer. Only files
 * inside the renderer folder are served; anything else is "not found".
 */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export interface AppFile {
  file: string;
  type: string;
}

/** The file for a request URL's path, or null (outside the folder, missing, a folder, odd encoding). */
export function resolveAppFile(rendererDir: string, url: string): AppFile | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const root = resolve(rendererDir);
  const file = resolve(join(root, pathname));
  const rel = relative(root, file);
  if (!rel || rel.startsWith('..') || rel.split(sep).includes('..') || resolve(root, rel) !== file) return null;
  if (!existsSync(file) || !statSync(file).isFile()) return null;
  return { file, type: TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' };
}
