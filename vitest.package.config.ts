import { defineConfig } from 'vitest/config';

/** `npm run test:package`: the package-content test (slow: packages the app). */
export default defineConfig({
  test: {
    include: ['test/package/**/*.pkgtest.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 300_000,
    reporters: ['default'],
  },
});
