/**
 * Builds the bench's bare page into <app build>/bench/, so the app's `vite preview` serves it
 * next to the app (same origin, same server). `buildBarePage` in import-bench.ts sets the
 * output folder; the default here is for a plain `vite build -c tests/bench/vite.bench.config.ts`.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  build: {
    target: 'es2022',
    outDir: resolve(here, '../../dist/bench'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: { input: resolve(here, 'bare-page.html') },
  },
  worker: { format: 'es' },
});
