import { join } from 'node:path';

/**
 * Where the desktop app finds its parts, in `npm start` and in the packaged
 * app. `mainDir` is the folder of the built main script (out/main).
 *
 *   out/main/index.js           main process (this bundle)
 *   out/main/migrations/        the drizzle migrations (copied at build)
 *   out/preload/index.cjs       the sandboxed preload
 *   out/renderer/               the built renderer
 *   native/better_sqlite3.node  better-sqlite3 for Electron's ABI (packaged: app.asar.unpacked/native)
 *   .native/electron-<v>/…      the same, for `npm start` (build/scripts/ensure-electron-native.js)
 */
export interface AppPaths {
  preload: string;
  rendererDir: string;
  migrationsFolder: string;
  nativeBinding: string;
}

export function appPaths(p: { packaged: boolean; appPath: string; mainDir: string; electronVersion: string }): AppPaths {
  const nativeBinding = p.packaged
    ? join(p.appPath.replace(/app\.asar$/, 'app.asar.unpacked'), 'native', 'better_sqlite3.node')
    : join(p.appPath, '.native', `electron-${p.electronVersion}`, 'better_sqlite3.node');
  return {
    preload: join(p.mainDir, '..', 'preload', 'index.cjs'),
    rendererDir: join(p.mainDir, '..', 'renderer'),
    migrationsFolder: join(p.mainDir, 'migrations'),
    nativeBinding,
  };
}
