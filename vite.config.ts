import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The renderer build, shared by the desktop app (electron-vite reuses it) and
 * the browser preview (`npm run web`). Relative base so it loads from any origin.
 */
export const rendererConfig = defineConfig({
  root: resolve(__dirname, 'renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(__dirname, 'out/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
  },
});

export default rendererConfig;
