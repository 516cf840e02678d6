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
import { benchPublish, formatPublishBench } from './publish-bench.ts';
import { benchMillion, formatMillion, millionRowFile } from './million-bench.ts';
import { benchPackage, formatPackageBench } from './package-bench.ts';
import { benchLocalFind, benchLocalLoad, formatLocalFind, formatLocalLoad } from './local-bench.ts';
import { benchByTownship, formatByTownship } from './by-township-bench.ts';
import { benchBuiltinLoad } from './builtin-bench.ts';
import { benchLinking, formatLinkBench } from './link-bench.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
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
console.log(`\nConflict Map benchmark (${new Date().toISOString()}, headless Chromium, SwiftShader)\n`);
/**
 * Prints a section as soon as it is measured; a failed section is reported and the rest still run.
 * Each starts with the machine's load average: on a shared machine it says how much to trust the times.
 */
async function section(name: string, run: () => Promise<string>): Promise<void> {
  if (!want(name)) return;
  const load = `[${name}: load average ${loadavg().map((x) => x.toFixed(2)).join(', ')} (1, 5, 15 min) on ${availableParallelism()} cores at the start]`;
  console.log(load);
  let text: string;
  try {
    text = await run();
  } catch (e) {
    text = `${name}: FAILED — ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
  }
  out.push(`${load}\n${text}`);
  console.log(`${text}\n`);
}
// tsx (esbuild keepNames) wraps named functions inside page.evaluate callbacks in `__name(...)`.
const newPage = async () => {
  const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  await page.addInitScript('window.__name = (f) => f;');
  return page;
};
try {
  await section('load', async () => {
    const page = await newPage();
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = Date.now();
      await page.goto(`${url}?handle`);
      await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 120_000 });
      times.push(Date.now() - t0);
    }
    await page.close();
    return `Page load → first map idle (production build): ${times.join(', ')} ms (3 loads)`;
  });
  await section('filter', async () => {
    const page = await newPage();
    await page.goto(`${url}?handle#5/19.8/96.6`);
    await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 120_000 });
    const text = formatFilterBench(await benchFilter(page));
    await page.close();
    return text;
  });
  await section('export', async () => {
    const page = await newPage();
    await page.goto(`${url}?handle#7/19.6/96.9`);
    await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 120_000 });
    const text = formatExportBench(await benchExportRuns(page));
    await page.close();
    return text;
  });
  await section('import', async () => {
    const rows = 200_000;
    const dir = await mkdtemp(join(tmpdir(), 'conflict-map-bench-'));
    try {
      const file = join(dir, `acled-synthetic-${rows}.csv`);
      const bytes = await writeSyntheticAcledCsv(file, rows, { notesLength: 200 });
      const app = await benchImport(browser, file, { baseURL: url });
      const bare = await benchBarePage(browser, file, { baseURL: url });
      return formatImportBench({ rows, bytes, app, bare });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
  // Issue 15: a reader of a site published with 200,000 incidents, next to the built-in data only.
  await section('publish', async () => formatPublishBench(await benchPublish(browser, outDir)));
  // Issue 7: a million ACLED rows with 300-character notes (about 614 MB, under the 800 MB limit).
  await section('package', async () => formatPackageBench(await benchPackage()));
  // Issue 11: the local geography's cost at the country view and for "find Tabayin", next to the
  // same page with every local tile answered empty; "By township" with 200,000 imported rows.
  // Issue 13: the built-in UCDP record's cost at the country view, and linking 200,000 imported rows against it.
  await section('builtin-load', async () => benchBuiltinLoad(browser, url, outDir));
  await section('link', async () => formatLinkBench(await benchLinking()));
  await section('local-load', async () => formatLocalLoad(await benchLocalLoad(browser, url, outDir)));
  await section('local-find', async () => formatLocalFind(await benchLocalFind(browser, url)));
  await section('township', async () => {
    const rows = 200_000;
    const dir = await mkdtemp(join(tmpdir(), 'conflict-map-township-bench-'));
    try {
      const file = join(dir, `acled-synthetic-${rows}.csv`);
      await writeSyntheticAcledCsv(file, rows, { notesLength: 200 });
      return formatByTownship(await benchByTownship(browser, file, url), rows);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
  await section('million', async () => formatMillion(await benchMillion(browser, await millionRowFile(), { baseURL: url })));
} finally {
  await browser.close();
  await server.close();
}
console.log('Summary:\n');
console.log(out.join('\n\n'));
