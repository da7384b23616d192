import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createRouter } from '../../electron/api/router';
import { completeSetup } from '../../electron/services/setup';
import { openWorkspace, type Workspace } from '../../electron/services/workspace';

const opened: { ws: Workspace; dir: string }[] = [];

afterEach(() => {
  for (const { ws, dir } of opened.splice(0)) {
    ws.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A fresh data folder with a real SQLite file, removed after the test. */
export function tempWorkspace(options: { now?: string; office?: string; demo?: boolean; setup?: boolean } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'isodesk-test-'));
  const fixed = options.now ? new Date(options.now) : null;
  const ws = openWorkspace(dir, fixed ? { now: () => new Date(fixed) } : {});
  opened.push({ ws, dir });
  if (options.setup !== false) {
    ws.sqlite.transaction(() =>
      completeSetup(ws, { office: { code: options.office ?? '31' }, operator: 'Thư ký ISO', demo: options.demo ?? false }),
    )();
  }
  return { ws, dir, router: createRouter(ws) };
}

export { call } from './call';
