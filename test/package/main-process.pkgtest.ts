/**
 * The built main process (out/main/index.js, as packaged) run under Node with
 * a stand-in 'electron' module: the real wiring of window options, IPC
 * sender checks, app:// serving, session rules, file hand-over, window state
 * and crash logging — without Electron's binary. Node's better-sqlite3 build
 * plays the Electron one (same code, other ABI).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/common/csp';

const root = process.cwd();
const support = join(root, 'test/package/support');
let work: string;

function runMain(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', join(support, 'electron-hook.mjs'), join(support, 'run-main.mjs'), join(root, 'out/main/index.js'), ...args], {
    cwd: work,
    env: { ...process.env, STAND_IN_APP_PATH: join(work, 'app'), ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('@@REPORT@@'));
  if (!line) throw new Error(`main process run failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(line.slice('@@REPORT@@'.length));
}

beforeAll(() => {
  if (!existsSync(join(root, 'out/main/index.js'))) throw new Error('out/ is missing: run `npm run test:package` (it builds first)');
  work = mkdtempSync(join(tmpdir(), 'isodesk-main-'));
  mkdirSync(join(work, 'app', '.native', 'electron-stand-in'), { recursive: true });
  copyFileSync(join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), join(work, 'app', '.native', 'electron-stand-in', 'better_sqlite3.node'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the built main process', () => {
  let r: any;
  let dataDir: string;
  beforeAll(() => {
    dataDir = join(work, 'data');
    r = runMain(['--data-dir', dataDir, 'goi-hai-phong.isodesk']);
  });

  it('starts, opens and migrates the data folder, and loads the app from app://', () => {
    expect(r.errors).toEqual([]);
    expect(r.exitCode).toBeNull();
    expect(existsSync(join(dataDir, 'isodesk.db'))).toBe(true);
    expect(r.window.loaded).toBe('app://isodesk/index.html');
    expect(r.sandboxEnabled).toBe(true);
    expect(r.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('keeps its Chromium profile, lock and crash dumps in the data folder', () => {
    expect(r.paths.userData).toBe(join(dataDir, 'electron-profile'));
    expect(r.paths.crashDumps).toBe(join(dataDir, 'logs', 'crashes'));
    expect(r.singleInstanceData).toEqual({ files: [join(work, 'goi-hai-phong.isodesk')] });
  });

  it('creates the window with the hardened options', () => {
    expect(r.window.options.show).toBe(false);
    expect(r.window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(r.window.options.webPreferences.preload).toBe(join(root, 'out/preload/index.cjs'));
  });

  it('replaces the English default menu with one in the app language', () => {
    expect(r.menu).toEqual(['Chỉnh sửa', 'Xem']);
  });

  it('serves the router to the app frame only; bad input gets a clear error', () => {
    expect(r.calls.trusted.ok).toBe(true);
    expect(r.calls.badInput).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'language' } });
    expect(r.calls.unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    for (const k of ['otherOrigin', 'subframe', 'otherContents']) expect(r.calls[k], k).toMatchObject({ ok: false, error: { code: 'UNAUTHORISED' } });
    expect(r.dialogs.bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(r.dialogs.cancelled).toEqual({ ok: true, value: { paths: [] } });
  });

  it('serves its own files with the CSP and nothing outside the renderer', () => {
    expect(r.protocol.index).toEqual({ status: 200, csp: CONTENT_SECURITY_POLICY, type: 'text/html; charset=utf-8' });
    expect(r.protocol.traversal).toBe(404);
    expect(r.protocol.otherHost).toBe(404);
  });

  it('refuses permissions, remote requests, navigation away, webviews and new windows', () => {
    expect(r.session.permission).toBe(false);
    expect(r.session.permissionCheck).toBe(false);
    expect(r.session.remote).toEqual({ cancel: true });
    expect(r.session.own).toEqual({ cancel: false });
    expect(r.session.headers.responseHeaders['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(r.session.headers.responseHeaders['content-security-policy']).toBeUndefined();
    expect(r.navigation).toEqual({ prevented: 2, windowOpen: { action: 'deny' } });
  });

  it('hands bundle files to the window once it listens, and those of a second launch', () => {
    expect(r.filesBeforeReady).toBe(0);
    expect(r.sent).toEqual([
      ['isodesk:open-files', [join(work, 'goi-hai-phong.isodesk')]],
      ['isodesk:open-files', ['/media/usb/b.isodesk']],
    ]);
  });

  it('remembers the window, and logs an uncaught error with a message to the user', () => {
    expect(JSON.parse(readFileSync(join(dataDir, 'window-state.json'), 'utf8'))).toMatchObject({ bounds: { width: 1280, height: 800 }, maximized: false });
    expect(r.errorsAfterCrash).toBe(1);
    const log = readFileSync(join(dataDir, 'logs', 'main.log'), 'utf8');
    expect(log).toContain('ERROR Uncaught exception');
    expect(log).toContain('stand-in failure');
  });
});

describe('start-up refusals', () => {
  it('a second launch on the same data folder hands over and exits without opening anything', () => {
    const dataDir = join(work, 'second');
    const r = runMain(['--data-dir', dataDir, 'x.isodesk'], { STAND_IN_SECOND: '1' });
    expect(r.exitCode).toBe(0);
    expect(r.window).toBeUndefined();
    expect(r.singleInstanceData).toEqual({ files: [join(work, 'x.isodesk')] });
    expect(existsSync(join(dataDir, 'isodesk.db'))).toBe(false);
  });

  it('a data folder that cannot be created is explained, and the app stops before taking any lock', () => {
    writeFileSync(join(work, 'a-file'), 'not a folder');
    const r = runMain(['--data-dir', join(work, 'a-file', 'data')]);
    expect(r.exitCode).toBe(1);
    expect(r.window).toBeUndefined();
    expect(r.singleInstanceData).toBeNull();
    expect(r.errors[0].message).toContain('Không tạo được thư mục dữ liệu (ENOTDIR)');
  });

  it('a missing native module is explained, in Vietnamese and English, and the app stops', () => {
    const r = runMain(['--data-dir', join(work, 'nonative')], { STAND_IN_APP_PATH: join(work, 'no-such-app') });
    expect(r.exitCode).toBe(1);
    expect(r.errors[0].message).toContain('better-sqlite3');
    expect(r.errors[0].message).toContain('Chưa có better-sqlite3 cho Electron');
  });
});
