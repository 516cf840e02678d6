/**
 * The million-row benchmark (issue #7): a 1,000,000-row synthetic ACLED CSV with notes of about
 * 300 characters, imported through the app's "Import data" input in a fresh page; then the time
 * filter is changed a few times and timed to the map's next `idle`. It records the renderer's
 * peak memory as it goes, so a crashed tab still reports how far it got and how much it used.
 *
 * Run alone: `npx tsx tests/bench/million-bench.ts [rows]`. The file is written to `.cache/`
 * once and reused while its size matches. It builds the app into .cache/bench-dist/ and serves it
 * with `vite preview`. The bench runner calls `benchMillion` with its own browser and server.
 */
import { readFileSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { BENCH_OUT_DIR, instrumentAppImport, readAppImport, writeSyntheticAcledCsv, type AppImportWindow } from './import-bench.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const MB = 1024 * 1024;

/** Month-long date ranges inside the synthetic data (Feb 2021 – Nov 2023), each far from the last. */
const RANGES: readonly (readonly [string, string])[] = [
  ['2022-01-01', '2022-01-31'],
  ['2022-07-01', '2022-07-31'],
  ['2021-03-01', '2021-03-31'],
  ['2023-05-01', '2023-05-31'],
  ['2022-10-01', '2022-10-31'],
];

/** What the million-row run measured; figures are null where the run did not get that far. */
export interface MillionBenchResult {
  readonly rows: number;
  readonly bytes: number;
  /** Where the run stopped: `done`, or the phase in which the tab crashed or the step timed out. */
  readonly outcome: 'done' | 'crashed-importing' | 'crashed-drawing' | 'crashed-filtering' | 'crashed-reloading' | 'timed-out';
  readonly error: string | null;
  readonly counts: { readonly read: number; readonly shown: number; readonly rejected: number } | null;
  /** Choosing the file → the import report on screen, ms. */
  readonly chooseToReportMs: number | null;
  /** Choosing the file → the map's first `idle` with the points drawn, ms. */
  readonly fileToDrawnMs: number | null;
  /** Per date-range change: ms to the map's next `idle`, and how many incidents were then visible. */
  readonly filterSteps: readonly { readonly ms: number; readonly visible: number }[];
  readonly filterMedianMs: number | null;
  /** Renderer resident memory before the import, MB (VmRSS). */
  readonly rendererBaselineMB: number | null;
  /** Peak renderer resident memory (VmHWM, sampled every 250 ms so a crash keeps the last figure), MB. */
  readonly rendererPeakMB: number | null;
  /** Peak main-thread JS heap in use (CDP JSHeapUsedSize), MB. */
  readonly jsHeapPeakMB: number | null;
  /** Renderer resident memory (VmRSS) when the report appeared and when the points were drawn, MB: where the peak comes from. */
  readonly rendererAtReportMB: number | null;
  readonly rendererAtDrawnMB: number | null;
  /** Main-thread JS heap still in use after the filter steps and a forced garbage collection, MB. */
  readonly retainedHeapMB: number | null;
  /** The report on screen → the dataset's record stored on this device (the worker stores as it reads), ms. */
  readonly reportToStoredMs: number | null;
  /**
   * The app opened again in a new page, with the dataset kept on this device (the last date
   * range stays in the link): navigation → every row restored and drawn (map idle), ms.
   */
  readonly reloadToDrawnMs: number | null;
  /** Peak resident memory of that page's renderer (VmHWM), MB; null when Chromium kept the first page's process. */
  readonly reloadPeakMB: number | null;
  /** Peak main-thread JS heap in use in that page, MB. */
  readonly reloadHeapPeakMB: number | null;
}

type MillionWindow = {
  conflictMap: {
    map: import('maplibre-gl').Map;
    app: { visible: readonly unknown[]; incidents: readonly unknown[]; filter: object; setFilter(f: object): void };
  };
};

function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? null) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

function procStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

async function rendererPids(browser: Browser): Promise<number[]> {
  const session = await browser.newBrowserCDPSession();
  try {
    const info = (await session.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
    return info.processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
  } finally {
    await session.detach();
  }
}

/** Rejects when the page crashes, so every wait below ends at once instead of at its timeout. */
function crashSignal(page: Page): Promise<never> {
  return new Promise((_, reject) => page.once('crash', () => reject(new Error('the tab crashed'))));
}

/** In the page: true once an imported dataset's own record is in IndexedDB (it is written after every chunk). */
async function datasetRecordStored(): Promise<boolean> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('conflict-map-imports');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  try {
    if (!db.objectStoreNames.contains('datasets')) return false;
    const count = await new Promise<number>((resolve, reject) => {
      const req = db.transaction('datasets').objectStore('datasets').count();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    return count > 0;
  } finally {
    db.close();
  }
}

/** Writes the million-row file into `.cache/` unless a file of the expected size is already there. */
export async function millionRowFile(rows = 1_000_000, dir = join(ROOT, '.cache')): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `acled-synthetic-${rows}-notes300.csv`);
  const sizePath = `${path}.size`;
  try {
    const [actual, expected] = [(await stat(path)).size, Number(readFileSync(sizePath, 'utf8'))];
    if (actual === expected) return path;
  } catch {
    // No file yet, or no recorded size: write it.
  }
  const bytes = await writeSyntheticAcledCsv(path, rows, { notesLength: 300 });
  const { writeFile } = await import('node:fs/promises');
  await writeFile(sizePath, String(bytes));
  return path;
}

/**
 * Imports `filePath` through the app in a fresh page (its own renderer), then times date-range
 * changes to the map's next `idle`. Never throws for a crash: the result says where it stopped.
 */
export async function benchMillion(
  browser: Browser,
  filePath: string,
  options: { readonly baseURL: string; readonly timeoutMs?: number },
): Promise<MillionBenchResult> {
  const timeout = options.timeoutMs ?? 1_200_000;
  const bytes = (await stat(filePath)).size;
  const before = new Set(await rendererPids(browser));
  const context = await browser.newContext({ viewport: { width: 1300, height: 850 } });
  const page = await context.newPage();
  // tsx (esbuild keepNames) wraps named functions inside page.evaluate callbacks in `__name(...)`.
  await page.addInitScript('window.__name = (f) => f;');
  await page.goto('about:blank');
  const pids = (await rendererPids(browser)).filter((p) => !before.has(p));
  const crashed = crashSignal(page);
  crashed.catch(() => {});

  let rendererPeakKb = 0;
  let reloadPeakKb: number | null = null;
  let jsHeapPeak = 0;
  let sampling = true;
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const sampler = (async () => {
    while (sampling) {
      for (const p of pids) rendererPeakKb = Math.max(rendererPeakKb, procStatusKb(p, 'VmHWM') ?? 0);
      try {
        const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
        jsHeapPeak = Math.max(jsHeapPeak, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
      } catch {
        // The page is busy or gone; the /proc figure still counts.
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  })();

  let phase: 'importing' | 'drawing' | 'filtering' | 'reloading' = 'importing';
  let reportToStoredMs: number | null = null;
  let reloadToDrawnMs: number | null = null;
  let reloadHeapPeakMB: number | null = null;
  let counts: MillionBenchResult['counts'] = null;
  let chooseToReportMs: number | null = null;
  let fileToDrawnMs: number | null = null;
  const filterSteps: { ms: number; visible: number }[] = [];
  let rendererBaselineMB: number | null = null;
  let rendererAtReportMB: number | null = null;
  let rendererAtDrawnMB: number | null = null;
  let retainedHeapMB: number | null = null;
  const rssMB = (): number | null => (pids.length ? Math.max(...pids.map((p) => procStatusKb(p, 'VmRSS') ?? 0)) / 1024 : null);
  let error: string | null = null;
  let outcome: MillionBenchResult['outcome'] = 'done';
  const race = <T>(p: Promise<T>): Promise<T> => Promise.race([p, crashed]);
  try {
    await race(page.goto(`${options.baseURL}?handle`));
    await race(page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 120_000 }));
    rendererBaselineMB = rssMB();
    await race(instrumentAppImport(page));
    await race(page.setInputFiles('#import-file', filePath));
    await race(page.waitForFunction(() => (window as unknown as AppImportWindow).__bench.reportAt !== undefined, null, { timeout, polling: 500 }));
    phase = 'drawing';
    rendererAtReportMB = rssMB();
    const refused = await race(page.locator('[data-testid="import-refused"]').count());
    if (refused > 0) throw new Error(`refused: ${await page.locator('[data-testid="import-refused"]').innerText()}`);
    await race(page.waitForFunction(() => (window as unknown as AppImportWindow).__bench.drawnAt !== undefined, null, { timeout, polling: 500 }));
    const drawn = await race(readAppImport(page));
    ({ chooseToReportMs, fileToDrawnMs, counts } = drawn);
    rendererAtDrawnMB = rssMB();
    phase = 'filtering';
    for (const [start, end] of RANGES) {
      const step = await race(
        page.evaluate(
          async ({ start, end }) => {
            const { map, app } = (window as unknown as MillionWindow).conflictMap;
            const t0 = performance.now();
            // The clustered source is updated by a debounced setData: wait for its data, then idle.
            const data = new Promise<void>((r) => {
              const on = (e: import('maplibre-gl').MapSourceDataEvent): void => {
                if (e.sourceId === 'incidents' && e.isSourceLoaded) {
                  map.off('sourcedata', on);
                  r();
                }
              };
              map.on('sourcedata', on);
            });
            app.setFilter({ ...app.filter, dateRange: { start, end } });
            await data;
            await new Promise((r) => map.once('idle', r));
            return { ms: performance.now() - t0, visible: app.visible.length };
          },
          { start, end },
        ),
      );
      filterSteps.push(step);
    }
    await race(cdp.send('HeapProfiler.collectGarbage'));
    const usage = (await race(cdp.send('Runtime.getHeapUsage'))) as { usedSize: number };
    retainedHeapMB = usage.usedSize / MB;

    phase = 'reloading';
    await race(page.waitForFunction(datasetRecordStored, null, { timeout, polling: 1000 }));
    reportToStoredMs = await race(page.evaluate(() => performance.now() - ((window as unknown as AppImportWindow).__bench.reportAt ?? NaN)));
    // The import's figures end here; the reopened app gets a page (and renderer) of its own.
    sampling = false;
    await sampler;
    const url = page.url();
    await page.close();
    // Wait for the first page's renderer to exit, so the new page cannot inherit its peak.
    for (let i = 0; i < 60 && (await rendererPids(browser)).some((p) => pids.includes(p)); i++) await new Promise((r) => setTimeout(r, 250));
    const reopened = await context.newPage();
    await reopened.addInitScript('window.__name = (f) => f;');
    const reopenedCdp = await context.newCDPSession(reopened);
    await reopenedCdp.send('Performance.enable');
    let reopenedHeapPeak = 0;
    let reopenedSampling = true;
    const reopenedSampler = (async () => {
      while (reopenedSampling) {
        try {
          const { metrics } = (await reopenedCdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
          reopenedHeapPeak = Math.max(reopenedHeapPeak, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
        } catch {
          // Busy or gone.
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
    const reopenedCrash = crashSignal(reopened);
    reopenedCrash.catch(() => {});
    const raceReopened = <T>(p: Promise<T>): Promise<T> => Promise.race([p, reopenedCrash]);
    const reloadStarted = Date.now();
    await raceReopened(reopened.goto(url));
    await raceReopened(
      reopened.waitForFunction((rows) => ((window as unknown as MillionWindow).conflictMap?.app.incidents.length ?? 0) >= rows, counts.shown, {
        timeout,
        polling: 500,
      }),
    );
    await raceReopened(reopened.evaluate(() => new Promise((r) => (window as unknown as MillionWindow).conflictMap.map.once('idle', r))));
    reloadToDrawnMs = Date.now() - reloadStarted;
    reopenedSampling = false;
    await reopenedSampler;
    reloadHeapPeakMB = reopenedHeapPeak / MB;
    // Which process the new page got cannot be asked: once the first page's renderer is gone, the
    // largest peak among the renderers left is the app's (the others are Chromium's own, small).
    const left = await rendererPids(browser);
    reloadPeakKb = left.some((p) => pids.includes(p)) ? null : Math.max(0, ...left.map((p) => procStatusKb(p, 'VmHWM') ?? 0));
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
    outcome = /crashed/.test(error) ? `crashed-${phase}` : 'timed-out';
  } finally {
    sampling = false;
    await sampler.catch(() => {});
    await cdp.detach().catch(() => {});
    await context.close().catch(() => {});
  }
  return {
    rows: counts?.read ?? NaN,
    bytes,
    outcome,
    error,
    counts,
    chooseToReportMs,
    fileToDrawnMs,
    filterSteps,
    filterMedianMs: median(filterSteps.map((s) => s.ms)),
    rendererBaselineMB,
    rendererPeakMB: rendererPeakKb ? rendererPeakKb / 1024 : null,
    jsHeapPeakMB: jsHeapPeak ? jsHeapPeak / MB : null,
    rendererAtReportMB,
    rendererAtDrawnMB,
    retainedHeapMB,
    reportToStoredMs,
    reloadToDrawnMs,
    reloadPeakMB: reloadPeakKb ? reloadPeakKb / 1024 : null,
    reloadHeapPeakMB,
  };
}

/** The million-row figures as text. */
export function formatMillion(r: MillionBenchResult): string {
  const s = (ms: number | null): string => (ms === null || Number.isNaN(ms) ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);
  const mb = (v: number | null): string => (v === null ? 'n/a' : `${Math.round(v)} MB`);
  const lines = [
    `Million-row import: ${Math.round(r.bytes / MB)} MB synthetic ACLED CSV, notes of 300 characters (Chromium, SwiftShader): ${r.outcome}`,
  ];
  if (r.error) lines.push(`  stopped: ${r.error}`);
  if (r.counts) lines.push(`  report counts: read ${r.counts.read}, shown ${r.counts.shown}, rejected ${r.counts.rejected}`);
  lines.push(`  choose file -> report shown: ${s(r.chooseToReportMs)}; -> points drawn (first idle): ${s(r.fileToDrawnMs)}`);
  lines.push(
    `  time filter, date range -> map idle: median ${s(r.filterMedianMs)} over ${r.filterSteps.length} changes` +
      (r.filterSteps.length ? ` (${r.filterSteps.map((x) => `${Math.round(x.ms)} ms / ${x.visible.toLocaleString('en-GB')} visible`).join(', ')})` : ''),
  );
  lines.push(`  peak memory: renderer ${mb(r.rendererPeakMB)} (VmHWM; ${mb(r.rendererBaselineMB)} before the import), main-thread JS heap ${mb(r.jsHeapPeakMB)}`);
  lines.push(
    `    renderer when the report appeared ${mb(r.rendererAtReportMB)}, when the points were drawn ${mb(r.rendererAtDrawnMB)}; main-thread JS heap kept after GC ${mb(r.retainedHeapMB)}`,
  );
  lines.push(
    `  kept on this device: stored ${s(r.reportToStoredMs)} after the report; opened again, it restores and draws every row in ${s(r.reloadToDrawnMs)}, renderer peak ${mb(r.reloadPeakMB)} (VmHWM), main-thread JS heap ${mb(r.reloadHeapPeakMB)}`,
  );
  return lines.join('\n');
}

/** Builds the app, writes (or reuses) the file, serves the build and runs `benchMillion`. */
export async function runMillionBench(rows = 1_000_000, outDir = BENCH_OUT_DIR): Promise<MillionBenchResult> {
  const { build, preview } = await import('vite');
  const { chromium } = await import('playwright-core');
  const { CHROMIUM_ARGS } = await import('../e2e/harness.ts');
  if (!process.env['MILLION_NO_BUILD']) await build({ root: ROOT, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const file = await millionRowFile(rows);
  const server = await preview({ root: ROOT, build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'warn' });
  const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const baseURL = server.resolvedUrls?.local[0];
    if (!baseURL) throw new Error('vite preview did not report a URL');
    return await benchMillion(browser, file, { baseURL });
  } finally {
    await browser.close();
    await server.close();
  }
}

// Run alone: `npx tsx tests/bench/million-bench.ts [rows]`.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runMillionBench(Number(process.argv[2] ?? 1_000_000))
    .then((r) => console.log(formatMillion(r)))
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
}
