import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  isBundlePath,
  parseLaunchArgs,
  PendingFiles,
  profileDirFor,
  readSecondInstanceMessage,
} from '../../../electron/main/launch';

const cwd = resolve('/home/thu-ky/Tải về');
const env = { HOME: '/home/thu-ky', XDG_CONFIG_HOME: '/home/thu-ky/.config' } as NodeJS.ProcessEnv;
const packaged = { cwd, env, platform: 'linux' as const, defaultApp: false };

describe('launch arguments', () => {
  it('uses the per-OS default data folder and no files on a plain start', () => {
    expect(parseLaunchArgs(['/opt/ISO Desk/isodesk'], packaged)).toEqual({
      dataDir: '/home/thu-ky/.config/ISO Desk',
      files: [],
      ignored: [],
    });
    const win = parseLaunchArgs(['C:\\ISO Desk\\ISO Desk.exe'], { ...packaged, platform: 'win32', env: { APPDATA: 'C:\\Users\\A\\AppData\\Roaming' } });
    expect(win.dataDir).toContain('ISO Desk');
  });

  it('takes --data-dir in both spellings, relative to the launch folder, over ISODESK_DATA_DIR', () => {
    expect(parseLaunchArgs(['exe', '--data-dir', '/srv/iso'], packaged).dataDir).toBe('/srv/iso');
    expect(parseLaunchArgs(['exe', '--data-dir=du-lieu'], packaged).dataDir).toBe(join(cwd, 'du-lieu'));
    const withEnv = { ...packaged, env: { ...env, ISODESK_DATA_DIR: '/from/env' } };
    expect(parseLaunchArgs(['exe'], withEnv).dataDir).toBe('/from/env');
    expect(parseLaunchArgs(['exe', '--data-dir', '/flag'], withEnv).dataDir).toBe('/flag');
  });

  it('finds bundle files (relative, absolute, file:// URLs), case-insensitively, once each', () => {
    const url = pathToFileURL('/mnt/usb/Gói Hải Phòng.isodesk').href;
    const r = parseLaunchArgs(['exe', 'isodesk-3101-000007.zip', '/mnt/usb/B.ISODESK', url, 'isodesk-3101-000007.zip'], packaged);
    expect(r.files).toEqual([join(cwd, 'isodesk-3101-000007.zip'), '/mnt/usb/B.ISODESK', '/mnt/usb/Gói Hải Phòng.isodesk']);
  });

  it('skips Chromium and macOS switches and reports stray arguments without opening them', () => {
    const r = parseLaunchArgs(['exe', '--no-sandbox', '--inspect=9229', '-psn_0_12345', 'notes.docx', 'b.isodesk'], packaged);
    expect(r.files).toEqual([join(cwd, 'b.isodesk')]);
    expect(r.ignored).toEqual(['notes.docx']);
  });

  it('skips the app path when run as `electron .` in development', () => {
    const dev = { ...packaged, defaultApp: true };
    expect(parseLaunchArgs(['electron', '.', 'x.isodesk'], dev).files).toEqual([join(cwd, 'x.isodesk')]);
    expect(parseLaunchArgs(['electron', 'y.isodesk'], dev).files).toEqual([]);
  });

  it('does not take a following switch as the --data-dir value', () => {
    expect(parseLaunchArgs(['exe', '--data-dir', '--no-sandbox'], packaged).dataDir).toBe('/home/thu-ky/.config/ISO Desk');
  });

  it('recognises bundle names only with a real name before the extension', () => {
    expect(isBundlePath('a.isodesk')).toBe(true);
    expect(isBundlePath('A.ZIP')).toBe(true);
    expect(isBundlePath('.isodesk')).toBe(false);
    expect(isBundlePath('report.xlsx')).toBe(false);
    expect(isBundlePath('isodesk')).toBe(false);
  });
});

describe('single instance per data folder', () => {
  it('keeps the Chromium profile (and its lock) inside the data folder, so two folders can run side by side', () => {
    expect(profileDirFor('/srv/a')).toBe(join('/srv/a', 'electron-profile'));
    expect(profileDirFor('/srv/a')).not.toBe(profileDirFor('/srv/b'));
  });

  it('passes the second launch files to the first, and lets only absolute bundle paths through', () => {
    const second = parseLaunchArgs(['exe', 'goi.isodesk'], packaged);
    expect(readSecondInstanceMessage({ files: second.files })).toEqual({ files: [join(cwd, 'goi.isodesk')] });
    expect(readSecondInstanceMessage({ files: ['relative.isodesk', '/etc/passwd', 42, '/ok/a.zip'] })).toEqual({ files: ['/ok/a.zip'] });
    for (const junk of [null, undefined, 'x', { files: 'a' }, []]) expect(readSecondInstanceMessage(junk)).toEqual({ files: [] });
    const many = Array.from({ length: 50 }, (_, i) => `/f/${i}.isodesk`);
    expect(readSecondInstanceMessage({ files: many }).files).toHaveLength(20);
  });
});

describe('files waiting for the window', () => {
  it('queues until the renderer listens, then delivers once; later files go straight through', () => {
    const delivered: string[][] = [];
    const q = new PendingFiles((f) => delivered.push(f));
    q.add(['/a.isodesk']);
    q.add(['/a.isodesk', '/b.isodesk']);
    expect(delivered).toEqual([]);
    q.markReady();
    expect(delivered).toEqual([['/a.isodesk', '/b.isodesk']]);
    q.markReady();
    expect(delivered).toHaveLength(1);
    q.add(['/c.isodesk']);
    expect(delivered.at(-1)).toEqual(['/c.isodesk']);
  });

  it('queues again while the window reloads', () => {
    const delivered: string[][] = [];
    const q = new PendingFiles((f) => delivered.push(f));
    q.markReady();
    q.markNotReady();
    q.add(['/d.isodesk']);
    expect(delivered).toEqual([]);
    q.markReady();
    expect(delivered).toEqual([['/d.isodesk']]);
  });
});
