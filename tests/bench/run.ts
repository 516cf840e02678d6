/**
 * `npm run bench`: builds the app once, serves it, and prints every speed figure the issues ask
 * for, each next to its baseline measured in the same run. Figures, never assertions.
 */
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../e2e/harness.ts';
import { benchFilter, formatFilterBench } from './filter-bench.ts';
import { benchExportRuns, formatExportBench } from './export-bench.ts';
import { benchBarePage, benchImport, buildBarePage, formatImportBench, writeSyntheticAcledCsv } from './import-bench.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const only = new Set(process.argv.slice(2));
const want = (name: string): boolean => only.size === 0 || only.has(name);

// Its own output folder, so a benchmark never races a test run's build in dist/.
const outDir = process.env['BENCH_OUT_DIR'] ?? '.cache/bench-dist';
await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
await buildBarePage(outDir);
const server = await preview({ build: { outDir }, preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
const url = server.resolvedUrls?.local[0] ?? '';
const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
const out: string[] = [];
// tsx (esbuild keepNames) wraps named functions inside page.evaluate callbacks in `__name(...)`.
const newPage = async () => {
  const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  await page.addInitScript('window.__name = (f) => f;');
  return page;
};
try {
  if (want('load')) {
    const page = await newPage();
    const t0 = Date.now();
    await page.goto(`${url}?handle`);
    await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 120_000 });
    out.push(`Page load → first map idle: ${Date.now() - t0} ms`);
    await page.close();
  }
  if (want('filter')) {
    const page = await newPage();
    await page.goto(`${url}?handle#5/19.8/96.6`);
    await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 120_000 });
    out.push(formatFilterBench(await benchFilter(page)));
    await page.close();
  }
  if (want('export')) {
    const page = await newPage();
    await page.goto(`${url}?handle#7/19.6/96.9`);
    await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 120_000 });
    out.push(formatExportBench(await benchExportRuns(page)));
    await page.close();
  }
  if (want('import')) {
    const rows = 200_000;
    const dir = await mkdtemp(join(tmpdir(), 'conflict-map-bench-'));
    try {
      const file = join(dir, `acled-synthetic-${rows}.csv`);
      const bytes = await writeSyntheticAcledCsv(file, rows, { notesLength: 200 });
      const app = await benchImport(browser, file, { baseURL: url });
      const bare = await benchBarePage(browser, file, { baseURL: url });
      out.push(formatImportBench({ rows, bytes, app, bare }));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`\nConflict Map benchmark (${new Date().toISOString()}, headless Chromium, SwiftShader)\n`);
console.log(out.join('\n\n'));
