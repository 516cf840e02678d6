import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { devStyleCsp } from './src/build/csp.ts';

export default defineConfig({
  plugins: [svelte(), devStyleCsp()],
  base: './',
  build: { target: 'es2022', chunkSizeWarningLimit: 1500 },
  worker: { format: 'es' },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
          // Not a speed limit: vitest's 5 s default failed healthy geometry checks (9 s) while
          // browser tests shared the two cores. Speed is measured in `npm run bench`.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        resolve: { conditions: ['browser'] },
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['tests/component/**/*.test.ts'],
          setupFiles: ['tests/component/setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts', 'tests/render/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          // Two files at a time: a test spends much of its time waiting for the map to settle, so
          // two browsers on two cores finish the suite well inside CI's 20 minutes (one at a time
          // took about 17 with the built-in UCDP record).
          fileParallelism: true,
          // One retry absorbs a SwiftShader frame arriving late on a loaded 2-core machine;
          // a real failure still fails twice.
          retry: 1,
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
