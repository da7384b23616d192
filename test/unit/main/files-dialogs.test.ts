import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveAppFile } from '../../../electron/main/app-files';
import { dialogRequestSchema, saveDialogOptions } from '../../../electron/main/dialogs';
import { appPaths } from '../../../electron/main/paths';

const root = mkdtempSync(join(tmpdir(), 'isodesk-app-'));
const renderer = join(root, 'renderer');
mkdirSync(join(renderer, 'assets'), { recursive: true });
writeFileSync(join(renderer, 'index.html'), '<!doctype html>');
writeFileSync(join(renderer, 'assets', 'index-1.js'), '');
writeFileSync(join(root, 'secret.txt'), 'no');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('app:// files', () => {
  it('serves the renderer files with their types, index.html for the root', () => {
    expect(resolveAppFile(renderer, 'app://isodesk/')).toEqual({ file: join(renderer, 'index.html'), type: 'text/html; charset=utf-8' });
    expect(resolveAppFile(renderer, 'app://isodesk/assets/index-1.js?v=1')?.type).toBe('text/javascript; charset=utf-8');
  });

  it('never serves anything outside the renderer folder, folders or missing files', () => {
    for (const url of [
      'app://isodesk/../secret.txt',
      'app://isodesk/%2e%2e/secret.txt',
      'app://isodesk/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://isodesk/assets',
      'app://isodesk/missing.js',
      'app://isodesk/%00',
      'app://isodesk/%E0%A4%A',
    ]) {
      expect(resolveAppFile(renderer, url), url).toBeNull();
    }
  });
});

describe('native dialog requests', () => {
  it('accepts the three kinds with sane options', () => {
    expect(dialogRequestSchema.safeParse({ kind: 'openFile', filters: [{ name: 'Gói', extensions: ['isodesk', 'zip'] }] }).success).toBe(true);
    expect(dialogRequestSchema.safeParse({ kind: 'saveFile', defaultName: 'Báo cáo 2026.xlsx' }).success).toBe(true);
    expect(dialogRequestSchema.safeParse({ kind: 'openFolder', title: 'Chọn USB' }).success).toBe(true);
  });

  it('refuses hostile or malformed requests', () => {
    for (const bad of [
      null,
      'openFile',
      { kind: 'delete' },
      { kind: 'saveFile', defaultName: '../../.bashrc' },
      { kind: 'saveFile', defaultName: 'C:\\Windows\\x.dll' },
      { kind: 'openFile', filters: [{ name: 'x', extensions: ['.exe;rm -rf'] }] },
      { kind: 'openFolder', extra: true },
    ]) {
      expect(dialogRequestSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('proposes the default name inside the given folder', () => {
    expect(saveDialogOptions({ kind: 'saveFile', defaultName: 'a.xlsx' }, '/home/u/Documents/').defaultPath).toBe('/home/u/Documents/a.xlsx');
  });
});

describe('paths of the app parts', () => {
  it('uses the unpacked native module when packaged and the .native build in development', () => {
    const packed = appPaths({ packaged: true, appPath: '/opt/ISO Desk/resources/app.asar', mainDir: '/opt/ISO Desk/resources/app.asar/out/main', electronVersion: '45.4.1' });
    expect(packed.nativeBinding).toBe(join('/opt/ISO Desk/resources/app.asar.unpacked', 'native', 'better_sqlite3.node'));
    expect(packed.migrationsFolder).toBe(join('/opt/ISO Desk/resources/app.asar/out/main', 'migrations'));
    expect(packed.preload).toBe(join('/opt/ISO Desk/resources/app.asar/out/preload/index.cjs'));
    const dev = appPaths({ packaged: false, appPath: '/src/iso', mainDir: '/src/iso/out/main', electronVersion: '45.4.1' });
    expect(dev.nativeBinding).toBe(join('/src/iso', '.native', 'electron-45.4.1', 'better_sqlite3.node'));
  });
});
