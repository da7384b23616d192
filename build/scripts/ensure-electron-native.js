#!/usr/bin/env node
/**
 * better-sqlite3 for Electron's ABI, without touching Node's build.
 *
 * `npm test` (and the CLI, the browser preview) load better-sqlite3 from
 * node_modules, built for Node. The desktop app (`npm start`, packages) needs
 * the same module built for Electron. This script puts that build in
 *
 *   .native/electron-<electron version>/better_sqlite3.node
 *
 * which the main process passes to better-sqlite3 as `nativeBinding`. It works
 * on a private copy of the better-sqlite3 package, so node_modules never
 * changes: `npm test` and `npm start` work from a fresh clone in any order.
 *
 *   1. prebuild-install --runtime electron (downloads the maintainers'
 *      prebuilt binary from GitHub: needs the Internet, no compiler), else
 *   2. node-gyp rebuild against Electron's headers (needs the Internet for
 *      the headers, Python 3 and a C++ compiler).
 *
 * Options:
 *   --require   fail (exit 1) when no build can be made (used by `npm run dist`);
 *               without it the script only warns and exits 0 (`npm start` then
 *               shows a clear message in the app).
 *   --stage     also copy the build to .native/package/ for electron-builder.
 *   --force     rebuild even when a build exists.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));
const args = new Set(process.argv.slice(2));
const mustSucceed = args.has('--require');

function say(line) {
  process.stdout.write(`[electron-native] ${line}\n`);
}

function finish(ok, why) {
  if (ok) process.exit(0);
  const lines = [
    `better-sqlite3 could not be built for Electron: ${why}`,
    'The desktop app needs it (the tests do not). Fix, then run again:',
    '  node build/scripts/ensure-electron-native.js --force',
    '- it downloads a prebuilt binary from github.com (WiseLibs/better-sqlite3 releases), or',
    '- it compiles one: needs Python 3, a C++ compiler (Visual Studio Build Tools on Windows,',
    '  Xcode command line tools on macOS, build-essential on Linux) and electronjs.org/headers.',
    'Behind a proxy set HTTPS_PROXY; see docs/desktop.md.',
  ];
  for (const l of lines) process.stderr.write(`[electron-native] ${l}\n`);
  process.exit(mustSucceed ? 1 : 0);
}

function packageVersion(name) {
  try {
    return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
  } catch {
    return null;
  }
}

const electronVersion = packageVersion('electron');
const sqliteVersion = packageVersion('better-sqlite3');
if (!electronVersion || !sqliteVersion) finish(false, 'electron or better-sqlite3 is not installed (run npm ci)');

const platform = process.env.npm_config_platform || process.platform;
const arch = process.env.npm_config_arch || process.arch;
const outDir = join(root, '.native', `electron-${electronVersion}`);
const binary = join(outDir, 'better_sqlite3.node');
const stampFile = join(outDir, 'build.json');
const stamp = { electron: electronVersion, betterSqlite3: sqliteVersion, platform, arch };

function stampMatches() {
  try {
    const s = JSON.parse(readFileSync(stampFile, 'utf8'));
    return s.electron === stamp.electron && s.betterSqlite3 === stamp.betterSqlite3 && s.platform === platform && s.arch === arch;
  } catch {
    return false;
  }
}

function stage() {
  if (!args.has('--stage')) return;
  const target = join(root, '.native', 'package');
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  cpSync(binary, join(target, 'better_sqlite3.node'));
  writeFileSync(join(target, 'build.json'), `${JSON.stringify(stamp, null, 2)}\n`);
  say(`staged for packaging: .native/package/better_sqlite3.node`);
}

if (!args.has('--force') && existsSync(binary) && stampMatches()) {
  say(`ok: better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${platform}-${arch})`);
  stage();
  finish(true);
}

// A private copy of the package: prebuild-install and node-gyp write into build/ of the folder they run in.
const work = join(root, '.native', `work-${electronVersion}`);
const pkgDir = dirname(require.resolve('better-sqlite3/package.json'));
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
for (const part of ['package.json', 'binding.gyp', 'src', 'deps', 'lib']) {
  if (existsSync(join(pkgDir, part))) cpSync(join(pkgDir, part), join(work, part), { recursive: true });
}
const built = join(work, 'build', 'Release', 'better_sqlite3.node');

function run(label, script, scriptArgs, timeoutMs) {
  say(`${label}…`);
  const r = spawnSync(process.execPath, [script, ...scriptArgs], {
    cwd: work,
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: timeoutMs,
    env: { ...process.env, npm_config_runtime: 'electron', npm_config_target: electronVersion },
  });
  if (r.error) say(`${label} failed: ${r.error.message}`);
  return r.status === 0 && existsSync(built);
}

let method = null;
let prebuild = null;
let gyp = null;
try {
  prebuild = require.resolve('prebuild-install/bin.js');
} catch {
  prebuild = null;
}
try {
  gyp = require.resolve('node-gyp/bin/node-gyp.js');
} catch {
  gyp = null;
}

if (prebuild && run('downloading the prebuilt binary (prebuild-install)', prebuild, ['--runtime', 'electron', '--target', electronVersion, '--arch', arch, '--platform', platform, '--verbose'], 120_000)) {
  method = 'prebuild-install';
} else if (gyp && run('compiling against Electron headers (node-gyp)', gyp, ['rebuild', '--release', `--target=${electronVersion}`, `--arch=${arch}`, '--dist-url=https://electronjs.org/headers'], 15 * 60_000)) {
  method = 'node-gyp';
}

if (!method) {
  rmSync(work, { recursive: true, force: true });
  finish(false, 'no prebuilt binary could be downloaded and compiling failed (no Internet here?)');
}

mkdirSync(outDir, { recursive: true });
cpSync(built, binary);
writeFileSync(stampFile, `${JSON.stringify({ ...stamp, method, builtAt: new Date().toISOString() }, null, 2)}\n`);
rmSync(work, { recursive: true, force: true });
say(`ok: ${binary.slice(root.length + 1)} (${method})`);
stage();
finish(true);
