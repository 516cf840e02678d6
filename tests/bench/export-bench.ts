/**
 * Issue 5's benchmark: the time to export the current view at 1600 × 1000 and 2× (a 3200 × 2000
 * PNG) through the export dialog, from the click on "Export PNG" to the download, as the median of
 * a few runs after a warm-up export. `benchExport(page)` is called by `npm run bench`; run alone,
 * `npx tsx tests/bench/export-bench.ts` builds, serves and prints the figure itself.
 */
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';

export interface ExportBenchResult {
  /** Median of the timed runs, in milliseconds. */
  readonly medianMs: number;
  readonly runsMs: readonly number[];
  /** The first export, which also loads the fonts and warms the worker. */
  readonly firstMs: number;
  /**
   * Baseline in the same page: a bare MapLibre map with the live style, created hidden at the same
   * size and ratio, to `idle`, then `redraw` + `toBlob`; median of the same number of runs.
   */
  readonly bareMedianMs: number;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
}

/**
 * A bare MapLibre render of the live style at 1600 × 1000, 2×, to a PNG blob. The Map class is
 * read from the live map's constructor, so the page needs no extra code. A string, because tsx
 * rewrites named functions in evaluated callbacks.
 */
const BARE_RENDER = `(async () => {
  const live = window.conflictMap.map;
  const el = document.createElement('div');
  Object.assign(el.style, { position: 'fixed', left: '-3000px', top: '0', width: '1600px', height: '1000px' });
  document.body.append(el);
  const c = live.getCenter();
  const t0 = performance.now();
  const map = new live.constructor({ container: el, style: live.getStyle(), center: c, zoom: live.getZoom() + Math.log2(Math.min(1600 / live.getContainer().clientWidth, 1000 / live.getContainer().clientHeight)),
    pixelRatio: 2, maxCanvasSize: [8192, 8192], interactive: false, attributionControl: false, fadeDuration: 0 });
  map.setMissingStyleImageResolver(() => {});
  await new Promise((r) => map.once('idle', r));
  map.redraw();
  const blob = await new Promise((r) => map.getCanvas().toBlob(r, 'image/png'));
  const ms = performance.now() - t0;
  map.remove();
  el.remove();
  return blob ? ms : NaN;
})()`;

async function timedExport(page: Page): Promise<number> {
  const dialog = page.getByRole('dialog', { name: 'Export snapshot' });
  const t0 = Date.now();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 180_000 }),
    dialog.getByRole('button', { name: 'Export PNG' }).click(),
  ]);
  const ms = Date.now() - t0;
  await download.path();
  return ms;
}

/** Exports the page's current view at 1600 × 1000, 2×, `runs` times after one warm-up; the page shows the app with its map ready. */
export async function benchExportRuns(page: Page, runs = 5): Promise<ExportBenchResult> {
  await page.getByRole('button', { name: 'Export snapshot' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export snapshot' });
  await dialog.getByRole('radio', { name: '1600 × 1000' }).check();
  await dialog.getByRole('radio', { name: '2×', exact: true }).check();
  const firstMs = await timedExport(page);
  const runsMs: number[] = [];
  const bareMs: number[] = [];
  // Alternating, so a busy moment on the machine weighs on both figures alike.
  for (let i = 0; i < runs; i++) {
    runsMs.push(await timedExport(page));
    bareMs.push(await page.evaluate<number>(BARE_RENDER));
  }
  await page.keyboard.press('Escape');
  return { medianMs: median(runsMs), runsMs, firstMs, bareMedianMs: median(bareMs) };
}

/** The median time in milliseconds to export the current view at 1600 × 1000 and 2×. */
export async function benchExport(page: Page): Promise<number> {
  return (await benchExportRuns(page)).medianMs;
}

/** The figure as `npm run bench` prints it. */
export function formatExportBench(r: ExportBenchResult): string {
  return [
    'Snapshot export, current view at 1600 × 1000 and 2× (3200 × 2000 PNG), click → download:',
    `  median ${Math.round(r.medianMs)} ms over ${r.runsMs.length} runs (${r.runsMs.map((m) => Math.round(m)).join(', ')} ms); first export ${Math.round(r.firstMs)} ms`,
    `  baseline, bare MapLibre map of the same style and size to idle + toBlob: median ${Math.round(r.bareMedianMs)} ms` +
      ` (export / baseline ${(r.medianMs / r.bareMedianMs).toFixed(2)})`,
  ].join('\n');
}

async function main(): Promise<void> {
  const { build, preview } = await import('vite');
  const { chromium } = await import('playwright-core');
  const { CHROMIUM_ARGS } = await import('../e2e/harness.ts');
  // Its own output folder, so it never races a test run's build in dist/.
  const outDir = process.env['BENCH_OUT_DIR'] ?? '.cache/bench-export-dist';
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await preview({ build: { outDir }, preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
  const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    await page.goto(`${server.resolvedUrls?.local[0] ?? ''}?handle#7/19.6/96.9`);
    await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 120_000 });
    console.log(formatExportBench(await benchExportRuns(page)));
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
