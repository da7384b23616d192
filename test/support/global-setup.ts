/**
 * Runs once before the suite. The end-to-end tests need the built renderer;
 * it is built here (into out/renderer) when missing or older than its sources.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export default async function setup(): Promise<void> {
  const out = join(process.cwd(), 'out', 'renderer', 'index.html');
  const sources = [join(process.cwd(), 'renderer'), join(process.cwd(), 'electron', 'common')];
  const stale = !existsSync(out) || sources.some((s) => newestMtime(s) > statSync(out).mtimeMs);
  if (stale) {
    const { build } = await import('vite');
    await build({ configFile: join(process.cwd(), 'vite.config.ts'), logLevel: 'warn' });
  }
}
