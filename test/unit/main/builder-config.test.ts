import yaml from 'js-yaml';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE_EXTENSION } from '../../../electron/main/launch';

const root = process.cwd();
const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Width and height from a PNG's IHDR chunk. */
function pngSize(buf: Buffer): { width: number; height: number } {
  expect(buf.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

describe('installer configuration', () => {
  it('names the app and leaves the version to package.json', () => {
    expect(config.productName).toBe('ISO Desk');
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.version).toBeUndefined();
    expect(pkg.productName).toBe('ISO Desk');
  });

  it('builds a per-user Windows installer in Vietnamese and English, with shortcuts', () => {
    expect(config.win.target.map((t: { target: string }) => t.target)).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, createStartMenuShortcut: true, shortcutName: 'ISO Desk', deleteAppDataOnUninstall: false });
    expect(config.nsis.createDesktopShortcut).toBeTruthy();
    expect(config.nsis.installerLanguages).toEqual(['vi_VN', 'en_US']);
    expect(config.nsis.multiLanguageInstaller).toBe(true);
  });

  it('builds AppImage and deb on Linux and a dmg on macOS', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.maintainer).toBeTruthy();
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('associates bundle files with the app, with the extension the main process recognises', () => {
    expect(config.fileAssociations.map((a: { ext: string }) => a.ext)).toEqual([BUNDLE_EXTENSION]);
  });

  it('never rebuilds node_modules in place (Node keeps its better-sqlite3) and unpacks the Electron build', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.files).toContainEqual({ from: '.native/package', to: 'native', filter: ['better_sqlite3.node'] });
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.files).toContain('!**/*.map');
    expect(config.extraMetadata.main).toBe(pkg.main);
  });

  it('flips the Electron fuses that would let the binary run other code', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('has the scripts that build it', () => {
    expect(pkg.scripts.start).toContain('build/scripts/ensure-electron-native.js');
    expect(pkg.scripts.dist).toMatch(/ensure-electron-native\.js --require --stage && electron-vite build && electron-builder/);
    expect(pkg.scripts['test:package']).toContain('vitest.package.config.ts');
  });
});

describe('icons', () => {
  it('has a 1024 px icon and every Linux size, each the size its name says', () => {
    expect(pngSize(readFileSync(join(root, 'build/icon.png')))).toEqual({ width: 1024, height: 1024 });
    const names = readdirSync(join(root, 'build/icons')).filter((f) => f.endsWith('.png'));
    const sizes = names.map((n) => Number(/^(\d+)x\1\.png$/.exec(n)?.[1])).sort((a, b) => a - b);
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256, 512, 1024]);
    for (const n of names) {
      const s = Number(n.split('x')[0]);
      expect(pngSize(readFileSync(join(root, 'build/icons', n))), n).toEqual({ width: s, height: s });
    }
  });

  it('has a Windows .ico with the sizes from 16 to 256 px', () => {
    const ico = readFileSync(join(root, 'build/icon.ico'));
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
    for (let i = 0; i < count; i++) {
      const len = ico.readUInt32LE(6 + 16 * i + 8);
      const off = ico.readUInt32LE(6 + 16 * i + 12);
      expect(pngSize(ico.subarray(off, off + len)).width).toBe(sizes[i]);
    }
  });
});
