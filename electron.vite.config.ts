import { cpSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { rendererConfig } from './vite.config';

/**
 * Builds the desktop app into out/: main (ESM, all JavaScript bundled in;
 * only better-sqlite3 stays external, loaded from the Electron-ABI binary),
 * the sandboxed preload (a single CommonJS file, as sandboxed preloads must
 * be), and the renderer with the same config as the browser preview.
 */

/** Copies the drizzle migrations next to the main bundle (out/main/migrations): the database opens them from there. */
function copyMigrations(): Plugin {
  return {
    name: 'isodesk:copy-migrations',
    writeBundle(options) {
      const target = resolve(options.dir ?? resolve(__dirname, 'out/main'), 'migrations');
      rmSync(target, { recursive: true, force: true });
      cpSync(resolve(__dirname, 'db/migrations'), target, { recursive: true });
    },
  };
}

export default defineConfig({
  main: {
    plugins: [copyMigrations()],
    build: {
      externalizeDeps: false,
      sourcemap: false,
      lib: { entry: resolve(__dirname, 'electron/main/index.ts'), formats: ['es'] },
      rolldownOptions: {
        external: ['better-sqlite3'],
        output: { entryFileNames: 'index.js' },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      sourcemap: false,
      lib: { entry: resolve(__dirname, 'electron/preload/index.ts'), formats: ['cjs'] },
      rolldownOptions: {
        output: { format: 'cjs', entryFileNames: 'index.cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    build: { ...rendererConfig.build, rolldownOptions: { input: resolve(__dirname, 'renderer/index.html') } },
  },
});
