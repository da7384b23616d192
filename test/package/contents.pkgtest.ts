/**
 * What the installers ship, checked without Electron's real binary:
 * electron-builder packages the app (the real electron-builder.yml) around a
 * stand-in Electron distribution folder (electronDist) as a plain `dir`
 * target, then app.asar is read back with @electron/asar.
 *
 * Run with `npm run test:package` (builds out/ first; ~1 minute). It is not
 * part of `npm test`; .ci/run calls it.
 */
import { listPackage, extractFile, statFile } from '@electron/asar';
import { build, Platform } from 'electron-builder';
import yaml from 'js-yaml';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = process.cwd();
/** Budget for the app's own content (asar + unpacked), on top of the Electron runtime. */
const APP_CONTENT_BUDGET_BYTES = 12 * 1024 * 1024;
const STAND_IN_STAGE = join(root, '.native', 'test-package');

let work: string;
let resources: string;
let asarFile: string;
let entries: string[];

function fakeElectronDist(dir: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  mkdirSync(join(dir, 'locales'), { recursive: true });
  for (const l of ['vi', 'en-US', 'fr', 'de']) writeFileSync(join(dir, 'locales', `${l}.pak`), 'stand-in');
  writeFileSync(join(dir, 'electron'), '#!/bin/sh\necho "stand-in Electron"\n');
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'version'), JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version);
}

beforeAll(async () => {
  if (!existsSync(join(root, 'out/main/index.js'))) throw new Error('out/ is missing: run `npm run test:package` (it builds first)');
  work = mkdtempSync(join(tmpdir(), 'isodesk-pkg-'));
  fakeElectronDist(join(work, 'electron-dist'));
  // A stand-in native module staged beside the real staging folder; everything else is the real config.
  mkdirSync(STAND_IN_STAGE, { recursive: true });
  writeFileSync(join(STAND_IN_STAGE, 'better_sqlite3.node'), 'stand-in native module');
  const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;
  const native = (config.files as unknown[]).find((f): f is { from: string } => typeof f === 'object' && f !== null && (f as { from?: string }).from === '.native/package');
  expect(native, 'electron-builder.yml maps .native/package into the app').toBeTruthy();
  native!.from = '.native/test-package';
  config.electronDist = join(work, 'electron-dist');
  // Fuses are flipped inside Electron's real binary; the stand-in has none (checked in test/unit/main/builder-config.test.ts).
  delete config.electronFuses;
  config.directories = { ...config.directories, output: join(work, 'dist') };
  // Given as a file, the config replaces electron-builder.yml instead of being merged into it (arrays would add up).
  const configFile = join(work, 'electron-builder.json');
  writeFileSync(configFile, JSON.stringify(config));
  await build({ projectDir: root, targets: Platform.LINUX.createTarget(['dir']), config: configFile, publish: 'never' });
  resources = join(work, 'dist', 'linux-unpacked', 'resources');
  asarFile = join(resources, 'app.asar');
  entries = listPackage(asarFile, { isPack: false }).map((e) => e.replace(/\\/g, '/').replace(/^\//, ''));
}, 300_000);

afterAll(() => {
  rmSync(STAND_IN_STAGE, { recursive: true, force: true });
  if (work) rmSync(work, { recursive: true, force: true });
});

const read = (path: string) => extractFile(asarFile, path).toString('utf8');

describe('packaged app contents', () => {
  it('starts from the bundled main process with the version of package.json', () => {
    const pkg = JSON.parse(read('package.json'));
    const project = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('out/main/index.js');
    expect(pkg.version).toBe(project.version);
    expect(pkg.productName).toBe('ISO Desk');
    for (const f of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) expect(entries).toContain(f);
  });

  it('loads nothing at run time that the package does not carry', () => {
    const main = read('out/main/index.js');
    const specs = [...main.matchAll(/^import\s[^;]*?from\s*"([^"]+)"|^import\s*"([^"]+)"/gm)].map((m) => m[1] ?? m[2]);
    const dynamic = [...main.matchAll(/\b(?:import|require|__require)\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1]);
    const bare = [...specs, ...dynamic].filter((s) => !s.startsWith('node:') && !s.startsWith('.') && !builtinModules.includes(s));
    expect(new Set(bare)).toEqual(new Set(['electron', 'better-sqlite3']));
    // The sandboxed preload must be one CommonJS file that needs only 'electron'.
    const preload = read('out/preload/index.cjs');
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
    expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
  });

  it('ships every migration of the journal next to the main bundle', () => {
    const journal = JSON.parse(read('out/main/migrations/meta/_journal.json')) as { entries: { tag: string }[] };
    const project = JSON.parse(readFileSync(join(root, 'db/migrations/meta/_journal.json'), 'utf8'));
    expect(journal.entries.length).toBe(project.entries.length);
    for (const { tag } of journal.entries) {
      expect(read(`out/main/migrations/${tag}.sql`)).toBe(readFileSync(join(root, 'db/migrations', `${tag}.sql`), 'utf8'));
    }
  });

  it('carries the reference data and the renderer', () => {
    expect(read('out/main/index.js')).toContain('quận Hồng Bàng');
    const html = read('out/renderer/index.html');
    const scripts = [...html.matchAll(/src="\.\/([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect(entries).toContain(`out/renderer/${s}`);
  });

  it('unpacks the native module from the asar and ships no Node-ABI build', () => {
    expect(statFile(asarFile, 'native/better_sqlite3.node')).toMatchObject({ unpacked: true });
    expect(readFileSync(join(resources, 'app.asar.unpacked', 'native', 'better_sqlite3.node'), 'utf8')).toBe('stand-in native module');
    expect(entries.filter((e) => e.endsWith('.node') && e !== 'native/better_sqlite3.node')).toEqual([]);
    expect(entries).toContain('node_modules/better-sqlite3/lib/index.js');
    expect(entries.some((e) => e.startsWith('node_modules/better-sqlite3/build') || e.startsWith('node_modules/better-sqlite3/deps'))).toBe(false);
  });

  it('ships no tests, sources, source maps or other node_modules', () => {
    const bad = entries.filter(
      (e) =>
        /\.map$/.test(e) ||
        /(^|\/)(test|tests|__tests__|e2e)\//.test(e) ||
        /\.(test|spec|pkgtest)\.[cm]?[jt]sx?$/.test(e) ||
        /\.tsx?$/.test(e) ||
        /^(electron|renderer|db|build|docs|\.native)\//.test(e) ||
        (e.startsWith('node_modules/') && !e.startsWith('node_modules/better-sqlite3')),
    );
    expect(bad).toEqual([]);
    expect(read('out/main/index.js')).not.toContain('sourceMappingURL');
  });

  it(`stays within the size budget (${APP_CONTENT_BUDGET_BYTES / 1024 / 1024} MB of app content)`, () => {
    const unpacked = statSync(join(resources, 'app.asar.unpacked', 'native', 'better_sqlite3.node')).size;
    const total = statSync(asarFile).size + unpacked;
    expect(total).toBeLessThan(APP_CONTENT_BUDGET_BYTES);
  });
});
