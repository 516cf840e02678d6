/**
 * Import benchmark (issue #6): a synthetic ACLED CSV, imported through the app's file input,
 * next to a bare papaparse parse in the same worker and a bare page that parses on the main
 * thread and draws one circle layer, all in the same run. Figures only; no assertions.
 *
 * Run alone: `npx tsx tests/bench/import-bench.ts [rows]` (default 200,000). It builds the app
 * into .cache/bench-dist/ (the bare page under bench/ inside it, so tests' dist/ is never
 * touched), serves both with one `vite preview`, and prints the figures. The bench runner
 * calls the exported functions: `buildBarePage(outDir)` after its own build, then
 * `benchImport` and `benchBarePage` with the same browser and server.
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { Browser, CDPSession, Page } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');

/** The 31 columns of a current ACLED export, in ACLED's order. */
export const ACLED_COLUMNS = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type',
  'actor1', 'assoc_actor_1', 'inter1', 'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting',
  'iso', 'region', 'country', 'admin1', 'admin2', 'admin3', 'location', 'latitude', 'longitude', 'geo_precision',
  'source', 'source_scale', 'notes', 'fatalities', 'tags', 'timestamp',
] as const;

/** Places from the project gazetteer: admin1 (state/region), admin2 (district), admin3 (township), location, lat, lon. */
const PLACES: readonly (readonly [string, string, string, string, number, number])[] = [
  ['Sagaing', 'Shwebo', 'Tabayin', 'Depayin', 22.6862, 95.3202],
  ['Sagaing', 'Shwebo', 'Tabayin', 'Let Yet Kone', 22.67697, 95.40087],
  ['Sagaing', 'Shwebo', 'Ye-U', 'Ye-U', 22.76722, 95.42758],
  ['Sagaing', 'Shwebo', 'Shwebo', 'Shwebo', 22.56925, 95.69818],
  ['Sagaing', 'Monywa', 'Monywa', 'Monywa', 22.10856, 95.13583],
  ['Sagaing', 'Sagaing', 'Sagaing', 'Sagaing', 21.8787, 95.97965],
  ['Kayah', 'Loikaw', 'Loikaw', 'Loikaw', 19.6742, 97.2094],
  ['Kayah', 'Loikaw', 'Demoso', 'Demoso', 19.5507, 97.1577],
  ['Kayah', 'Loikaw', 'Hpruso', 'Mo So', 19.41682, 97.09566],
  ['Kayah', 'Bawlakhe', 'Hpasawng', 'Hpasawng', 18.8333, 97.2667],
  ['Kayah', 'Bawlakhe', 'Mese', 'Mese', 18.6409, 97.6544],
  ['Kayah', 'Bawlakhe', 'Bawlakhe', 'Bawlakhe', 19.1758, 97.3436],
  ['Kayin', 'Hpapun', 'Hpapun', 'Hpapun', 18.0622, 97.443],
  ['Kayin', 'Myawaddy', 'Myawaddy', 'Lay Kay Kaw Myothit', 16.5992, 98.5242],
  ['Kayin', 'Myawaddy', 'Myawaddy', 'Thay Baw Boe', 16.35898, 98.64944],
  ['Kayin', 'Kawkareik', 'Kyainseikgyi', 'Kyainseikgyi', 16.0394, 98.119],
  ['Kayin', 'Hpa-An', 'Hpa-An', 'Hpa-An', 16.88953, 97.63482],
  ['Chin', 'Mindat', 'Mindat', 'Mindat', 21.3765, 93.9664],
  ['Chin', 'Hakha', 'Hakha', 'Hakha', 22.64452, 93.61076],
  ['Shan', 'Taunggyi', 'Taunggyi', 'Taunggyi', 20.78919, 97.03776],
  ['Kachin', 'Myitkyina', 'Myitkyina', 'Myitkyina', 25.38327, 97.39637],
  ['Mon', 'Mawlamyine', 'Mawlamyine', 'Mawlamyine', 16.49051, 97.62825],
  ['Mandalay', 'Mandalay', 'Chanayethazan', 'Mandalay', 21.97473, 96.08359],
];

/** Burmese township names for a share of the notes, so multi-byte text crosses chunk boundaries. */
const BURMESE = ['ဒီပဲယင်းမြို့နယ်', 'လွိုင်ကော်မြို့နယ်', 'ဖာပွန်မြို့နယ်', 'မြဝတီမြို့နယ်', 'စစ်ကိုင်းတိုင်းဒေသကြီး'];

/** sub_event_type → event_type, disorder_type, and a phrase for the notes. */
const SUB_EVENTS: readonly (readonly [string, string, string, string])[] = [
  ['Air/drone strike', 'Explosions/Remote violence', 'Political violence', 'military aircraft bombed'],
  ['Shelling/artillery/missile attack', 'Explosions/Remote violence', 'Political violence', 'troops shelled'],
  ['Armed clash', 'Battles', 'Political violence', 'resistance forces clashed with the military near'],
  ['Attack', 'Violence against civilians', 'Political violence', 'soldiers attacked civilians in'],
  ['Looting/property destruction', 'Strategic developments', 'Political violence', 'troops burned houses in'],
  ['Remote explosive/landmine/IED', 'Explosions/Remote violence', 'Political violence', 'a landmine exploded near'],
  ['Abduction/forced disappearance', 'Violence against civilians', 'Political violence', 'soldiers abducted villagers from'],
  ['Government regains territory', 'Battles', 'Political violence', 'the military retook a camp near'],
];

const SOURCES = ['Myanmar Now', 'Radio Free Asia', 'Democratic Voice of Burma', 'The Irrawaddy', 'Khit Thit Media', 'Mizzima', 'BBC News'];
const FILLER =
  ' Residents said several houses were damaged and families fled to nearby forests; local groups reported the figures, which could not be independently confirmed.';
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A small deterministic PRNG (mulberry32), so every run writes the same file. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Options for the synthetic file. */
export interface SyntheticAcledOptions {
  /** Length of each `notes` cell (default 200; use ~300 for the million-row case). */
  readonly notesLength?: number;
  readonly seed?: number;
}

/** Rows of a synthetic ACLED file (without the header), each ending in a newline. */
export function* syntheticAcledLines(rows: number, options: SyntheticAcledOptions = {}): Generator<string> {
  const rand = random(options.seed ?? 2022);
  const notesLength = options.notesLength ?? 200;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const day0 = Date.UTC(2021, 1, 1);
  for (let i = 1; i <= rows; i++) {
    const [admin1, admin2, admin3, location, lat0, lon0] = pick(PLACES);
    const [sub, eventType, disorder, phrase] = pick(SUB_EVENTS);
    const t = new Date(day0 + Math.floor(rand() * 1034) * 86_400_000);
    const iso = t.toISOString().slice(0, 10);
    const dayText = `${t.getUTCDate()} ${MONTHS[t.getUTCMonth()]} ${t.getUTCFullYear()}`;
    const r = rand();
    const timePrecision = r < 0.85 ? 1 : r < 0.95 ? 2 : 3;
    const g = rand();
    const geoPrecision = g < 0.6 ? 1 : g < 0.9 ? 2 : 3;
    // Points spread around the place, so the map clusters many distinct positions.
    const lat = (lat0 + (rand() - 0.5) * 0.3).toFixed(4);
    const lon = (lon0 + (rand() - 0.5) * 0.3).toFixed(4);
    const fatalities = rand() < 0.55 ? 0 : Math.floor(rand() * rand() * 25);
    const source = rand() < 0.3 ? `${pick(SOURCES)}; ${pick(SOURCES)}` : pick(SOURCES);
    const burmese = rand() < 0.1 ? ` (${pick(BURMESE)})` : '';
    let notes = `On ${dayText}, ${phrase} ${location}${burmese}, ${admin3} township, ${admin1}. ${fatalities} fatalities were reported, "according to local sources".`;
    // One row in fifty has a line break in its notes, as real exports do.
    if (i % 50 === 0) notes += '\nUpdated with a second report.';
    while (notes.length < notesLength) notes += FILLER;
    notes = notes.slice(0, notesLength);
    const civilians = sub === 'Attack' || sub === 'Abduction/forced disappearance' || sub === 'Air/drone strike';
    const row = [
      `MMR${String(100000 + i)}`,
      rand() < 0.9 ? iso : dayText,
      t.getUTCFullYear(),
      timePrecision,
      disorder,
      eventType,
      sub,
      'Military Forces of Myanmar (2021-)',
      '',
      'State forces',
      civilians ? 'Civilians (Myanmar)' : 'PDF: People\'s Defense Force',
      '',
      civilians ? 'Civilians' : 'Rebel group',
      civilians ? 'State forces-Civilians' : 'State forces-Rebel group',
      civilians ? 'Civilian targeting' : '',
      104,
      'Southeast Asia',
      'Myanmar',
      admin1,
      admin2,
      admin3,
      location,
      lat,
      lon,
      geoPrecision,
      source,
      pick(['National', 'International', 'Subnational', 'National-International']),
      notes,
      fatalities,
      '',
      1_650_000_000 + i,
    ];
    yield `${row.map(csvCell).join(',')}\n`;
  }
}

/**
 * A deterministic synthetic ACLED CSV (31 columns, Myanmar admin names, notes of the given
 * length with some Burmese text, quoted commas and line breaks). Not ACLED data.
 */
export function makeSyntheticAcledCsv(rows: number, options: SyntheticAcledOptions = {}): string {
  const parts = [`${ACLED_COLUMNS.join(',')}\n`];
  for (const line of syntheticAcledLines(rows, options)) parts.push(line);
  return parts.join('');
}

/** Writes the synthetic CSV to a file without holding it in memory (a million rows exceed a string's limit). */
export async function writeSyntheticAcledCsv(path: string, rows: number, options: SyntheticAcledOptions = {}): Promise<number> {
  const out = createWriteStream(path);
  const write = async (s: string): Promise<void> => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(`${ACLED_COLUMNS.join(',')}\n`);
  let batch: string[] = [];
  for (const line of syntheticAcledLines(rows, options)) {
    batch.push(line);
    if (batch.length === 2000) {
      await write(batch.join(''));
      batch = [];
    }
  }
  await write(batch.join(''));
  out.end();
  await once(out, 'finish');
  return (await stat(path)).size;
}

// ————— measuring in Chromium —————

/** Peak memory seen during one measurement. */
export interface MemoryPeak {
  /** Main-thread JS heap in use (CDP Performance.getMetrics JSHeapUsedSize), peak of samples, MB. */
  readonly jsHeapUsedMB: number;
  /** Resident memory of the page's renderer process before the run, MB (Linux /proc VmRSS). */
  readonly rendererBaselineMB: number | null;
  /** Peak resident memory of the page's renderer process (Linux /proc VmHWM, kernel-tracked), MB. */
  readonly rendererPeakMB: number | null;
}

const MB = 1024 * 1024;

/** The OS process ids of renderer processes, as Chromium reports them (CDP SystemInfo.getProcessInfo). */
async function rendererPids(browser: Browser): Promise<number[]> {
  const session = await browser.newBrowserCDPSession();
  try {
    const info = (await session.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
    return info.processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
  } finally {
    await session.detach();
  }
}

function procStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/**
 * Samples the page's JS heap every 200 ms while `run` runs, and reads the renderer's peak
 * resident memory afterwards. The page's renderer is the one renderer created for its
 * (fresh) browser context: the pids new since before the page was opened.
 */
async function withMemory<T>(page: Page, pids: readonly number[], run: () => Promise<T>): Promise<{ result: T; memory: MemoryPeak }> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  let heapPeak = 0;
  let sampling = true;
  const sample = async (): Promise<void> => {
    while (sampling) {
      const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      heapPeak = Math.max(heapPeak, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const baseline = pids.map((p) => procStatusKb(p, 'VmRSS') ?? 0);
  const sampler = sample();
  try {
    const result = await run();
    return {
      result,
      memory: {
        jsHeapUsedMB: heapPeak / MB,
        rendererBaselineMB: pids.length ? Math.max(...baseline) / 1024 : null,
        rendererPeakMB: pids.length ? Math.max(...pids.map((p) => procStatusKb(p, 'VmHWM') ?? 0)) / 1024 : null,
      },
    };
  } finally {
    sampling = false;
    await sampler.catch(() => {});
    await cdp.detach().catch(() => {});
  }
}

/** A page in a fresh context (its own renderer process and HTTP cache), with that renderer's pids. */
export async function freshPage(browser: Browser): Promise<{ page: Page; pids: number[] }> {
  const before = new Set(await rendererPids(browser));
  const context = await browser.newContext({ viewport: { width: 1300, height: 850 } });
  const page = await context.newPage();
  // tsx (esbuild keepNames) wraps named functions inside page.evaluate callbacks in `__name(...)`.
  await page.addInitScript('window.__name = (f) => f;');
  await page.goto('about:blank');
  const pids = (await rendererPids(browser)).filter((p) => !before.has(p));
  return { page, pids };
}

/** What one import through the app measured. */
export interface ImportBenchResult {
  readonly rows: number;
  readonly bytes: number;
  readonly counts: { readonly read: number; readonly shown: number; readonly rejected: number };
  /** Choosing the file → the report dialog on screen, ms. */
  readonly chooseToReportMs: number;
  /** Choosing the file → the map's first `idle` with the points drawn, ms. */
  readonly fileToDrawnMs: number;
  /** Main-thread tasks over 50 ms while the file was read (choose → report): the longest and their sum, ms. */
  readonly whileReading: { readonly longestTaskMs: number; readonly longTasksMs: number };
  /** The same from the report to the points drawn (adding the dataset, clustering, drawing). */
  readonly whileDrawing: { readonly longestTaskMs: number; readonly longTasksMs: number };
  /** Same worker, same reader and configuration: import (parse, map, validate), best of `repeats`, ms. */
  readonly workerImportMs: number;
  /** The same import plus posting every incident to the page (as the app does), best of `repeats`, ms. */
  readonly workerImportDeliveredMs: number;
  /** Same worker, same reader and configuration: bare papaparse parse, best of `repeats`, ms. */
  readonly workerBareMs: number;
  /** Same worker: papaparse's own File reader (which splits UTF-8 characters at chunk edges), best of `repeats`, ms. */
  readonly workerBarePapaFileMs: number;
  readonly memory: MemoryPeak;
}

type BenchWindow = {
  conflictMap: { map: import('maplibre-gl').Map; app: { visible: readonly unknown[] } };
  __bench: { chosenAt?: number; reportAt?: number; drawnAt?: number; longTasks: { start: number; duration: number }[] };
};

/** Options shared by the page measurements. */
export interface BenchOptions {
  /** The origin serving the build (with the bare page under bench/). */
  readonly baseURL: string;
  /** Worker-only runs per mode (the best is kept). Default 3. */
  readonly repeats?: number;
}

/** What choosing a file in the app's "Import data" input measured, up to the points drawn. */
export type AppImportResult = Pick<ImportBenchResult, 'counts' | 'chooseToReportMs' | 'fileToDrawnMs' | 'whileReading' | 'whileDrawing'>;

/** Where `instrumentAppImport` keeps its marks in the page. */
export type AppImportWindow = BenchWindow;

/**
 * Marks, in `window.__bench` of an app page at its first idle (opened with `?handle`), when a
 * file is chosen in "Import data", when the report shows, and the map's first `idle` after the
 * imported points reach it, and records main-thread tasks over 50 ms.
 */
export async function instrumentAppImport(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as BenchWindow;
    const bench: BenchWindow['__bench'] = { longTasks: [] };
    w.__bench = bench;
    // Tasks that block the page for over 50 ms: how responsive the map stays during the import.
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask' });
    const input = document.querySelector<HTMLInputElement>('#import-file');
    input?.addEventListener('change', () => (bench.chosenAt = performance.now()), { capture: true });
    new MutationObserver(() => {
      if (bench.reportAt === undefined && document.querySelector('[data-testid="import-counts"], [data-testid="import-refused"]')) {
        bench.reportAt = performance.now();
      }
    }).observe(document.body, { childList: true, subtree: true });
    const map = w.conflictMap.map;
    let sourceUpdated = false;
    map.on('sourcedata', (e) => {
      if (e.sourceId === 'incidents' && bench.reportAt !== undefined) sourceUpdated = true;
    });
    map.on('idle', () => {
      if (sourceUpdated && bench.drawnAt === undefined) bench.drawnAt = performance.now();
    });
  });
}

/** Reads what `instrumentAppImport` marked, and the report's counts, once the points are drawn. */
export function readAppImport(page: Page): Promise<AppImportResult> {
  return page.evaluate(() => {
    const b = (window as unknown as BenchWindow).__bench;
    const n = (sel: string): number => Number(document.querySelector(sel)?.textContent?.replace(/,/g, '') ?? NaN);
    const tasks = (from = 0, to = Infinity): { longestTaskMs: number; longTasksMs: number } => {
      const within = b.longTasks.filter((t) => t.start >= from && t.start < to);
      return { longestTaskMs: Math.max(0, ...within.map((t) => t.duration)), longTasksMs: within.reduce((sum, t) => sum + t.duration, 0) };
    };
    return {
      whileReading: tasks(b.chosenAt, b.reportAt),
      whileDrawing: tasks(b.reportAt, b.drawnAt),
      chooseToReportMs: (b.reportAt ?? NaN) - (b.chosenAt ?? NaN),
      fileToDrawnMs: (b.drawnAt ?? NaN) - (b.chosenAt ?? NaN),
      counts: { read: n('[data-count="read"]'), shown: n('[data-count="shown"]'), rejected: n('[data-count="rejected"]') },
    };
  });
}

/**
 * Chooses the file in the "Import data" input of an app page already at its first idle (opened
 * with `?handle`), and waits until the map's first `idle` with the imported points drawn; the
 * report's counts, the times, and the main-thread tasks over 50 ms while reading and drawing.
 */
export async function importThroughApp(page: Page, filePath: string, timeoutMs = 600_000): Promise<AppImportResult> {
  await instrumentAppImport(page);
  await page.setInputFiles('#import-file', filePath);
  await page.waitForFunction(() => (window as unknown as BenchWindow).__bench.drawnAt !== undefined, null, { timeout: timeoutMs, polling: 100 });
  return readAppImport(page);
}

/**
 * Imports a file through the app's "Import data" input in a fresh page and measures the
 * import, the drawing and memory; then, in the same page, runs the import worker directly in
 * its `import` and `bare` modes on the same file.
 */
export async function benchImport(browser: Browser, filePath: string, options: BenchOptions): Promise<ImportBenchResult> {
  const { page, pids } = await freshPage(browser);
  try {
    const bytes = (await stat(filePath)).size;
    let workerUrl: string | null = null;
    page.on('worker', (w) => {
      if (/import\.worker/.test(w.url())) workerUrl = w.url();
    });
    await page.goto(`${options.baseURL}?handle`);
    await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 120_000 });
    const { result: ui, memory } = await withMemory(page, pids, () => importThroughApp(page, filePath));
    if (workerUrl === null) throw new Error('The import worker was not seen');
    // The worker-only runs use the bench's own worker (the same importer, plus benchmark modes),
    // which the bare page of the same origin starts.
    await page.goto(new URL('bench/bare-page.html', options.baseURL).href);
    await page.waitForSelector('#map[data-ready="true"]', { timeout: 120_000 });
    const worker = await workerRuns(page, filePath, options.repeats ?? 3);
    return { rows: ui.counts.read, bytes, ...ui, ...worker, memory };
  } finally {
    await page.context().close();
  }
}

/** Runs the import worker directly on the file: import, bare (same reader), bare (papaparse's File reader). */
async function workerRuns(
  page: Page,
  filePath: string,
  repeats: number,
): Promise<Pick<ImportBenchResult, 'workerImportMs' | 'workerImportDeliveredMs' | 'workerBareMs' | 'workerBarePapaFileMs'>> {
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'file';
    input.id = 'bench-file';
    input.hidden = true;
    document.body.append(input);
  });
  await page.setInputFiles('#bench-file', filePath);
  const run = (request: Record<string, unknown>): Promise<number> =>
    page.evaluate(
      ({ request }) =>
        new Promise<number>((resolve, reject) => {
          const file = document.querySelector<HTMLInputElement>('#bench-file')?.files?.[0];
          const worker = (window as unknown as { __benchImportWorker: () => Worker }).__benchImportWorker();
          const started = performance.now();
          worker.onmessage = (e: MessageEvent<{ type: string; message?: string }>) => {
            if (e.data.type === 'done' || e.data.type === 'bare-done') {
              worker.terminate();
              resolve(performance.now() - started);
            } else if (e.data.type === 'refused') {
              worker.terminate();
              reject(new Error(e.data.message));
            }
          };
          worker.onerror = (e) => reject(new Error(e.message));
          // The township files lie at the app's root, one level above this page: the worker codes
          // places as the app's does (#11).
          const baseUrl = request.type === 'import' ? new URL('../', document.baseURI).href : undefined;
          worker.postMessage({ ...request, file, baseUrl });
        }),
      { request },
    );
  const best = { import: Infinity, delivered: Infinity, bare: Infinity, papaFile: Infinity };
  const importRequest = { type: 'import', fileName: 'bench.csv', datasetId: 'bench', maxGeoJsonBytes: 0, persistTo: null };
  // Alternated, so warm-up and file caching favour no mode.
  for (let i = 0; i < repeats; i++) {
    best.bare = Math.min(best.bare, await run({ type: 'bare', reader: 'stream' }));
    best.import = Math.min(best.import, await run({ ...importRequest, deliver: false }));
    best.delivered = Math.min(best.delivered, await run({ ...importRequest, deliver: true }));
    best.papaFile = Math.min(best.papaFile, await run({ type: 'bare', reader: 'papa-file' }));
  }
  return { workerImportMs: best.import, workerImportDeliveredMs: best.delivered, workerBareMs: best.bare, workerBarePapaFileMs: best.papaFile };
}

/** What the bare page measured. */
export interface BarePageResult {
  readonly rows: number;
  /** Choosing the file → papaparse done (main thread), ms. */
  readonly parseMs: number;
  /** Choosing the file → the map's first `idle` with the circles drawn, ms. */
  readonly fileToDrawnMs: number;
  readonly memory: MemoryPeak;
}

/** Loads the bare page (bench/bare-page.html of the build) in a fresh page and times one file through it. */
export async function benchBarePage(browser: Browser, filePath: string, options: BenchOptions): Promise<BarePageResult> {
  const { page, pids } = await freshPage(browser);
  try {
    await page.goto(new URL('bench/bare-page.html', options.baseURL).href);
    await page.waitForSelector('#map[data-ready="true"]', { timeout: 120_000 });
    const { result, memory } = await withMemory(page, pids, async () => {
      await page.setInputFiles('#file', filePath);
      await page.waitForFunction(() => (window as unknown as { __bare?: { drawnAt?: number } }).__bare?.drawnAt !== undefined, null, {
        timeout: 600_000,
        polling: 100,
      });
      return page.evaluate(() => {
        const b = (window as unknown as { __bare: { chosenAt: number; parsedAt: number; drawnAt: number; rows: number } }).__bare;
        return { rows: b.rows, parseMs: b.parsedAt - b.chosenAt, fileToDrawnMs: b.drawnAt - b.chosenAt };
      });
    });
    return { ...result, memory };
  } finally {
    await page.context().close();
  }
}

/** Where the bench builds, apart from the tests' dist/ so a benchmark never races a test run. */
export const BENCH_OUT_DIR = process.env['BENCH_OUT_DIR'] ?? '.cache/bench-dist';

/** Builds the bare page into `<outDir>/bench/`; run after the app's build into `outDir`, which empties it. */
export async function buildBarePage(outDir = BENCH_OUT_DIR): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: join(HERE, 'vite.bench.config.ts'),
    logLevel: 'warn',
    mode: 'production',
    build: { outDir: resolve(ROOT, outDir, 'bench'), emptyOutDir: true },
  });
}

/** Everything the bench prints for one file size. */
export interface ImportBenchReport {
  readonly rows: number;
  readonly bytes: number;
  readonly app: ImportBenchResult;
  readonly bare: BarePageResult;
}

/** Builds the app and the bare page, generates the file, and runs both measurements in one browser. */
export async function runImportBench(rows = 200_000, options: { notesLength?: number; outDir?: string } = {}): Promise<ImportBenchReport> {
  const { build, preview } = await import('vite');
  const { chromium } = await import('playwright-core');
  const { CHROMIUM_ARGS } = await import('../e2e/harness.ts');
  const outDir = options.outDir ?? BENCH_OUT_DIR;
  await build({ root: ROOT, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  await buildBarePage(outDir);
  const dir = await mkdtemp(join(tmpdir(), 'import-bench-'));
  const file = join(dir, `acled-synthetic-${rows}.csv`);
  const server = await preview({ root: ROOT, build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'warn' });
  const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const bytes = await writeSyntheticAcledCsv(file, rows, { notesLength: options.notesLength ?? (rows >= 1_000_000 ? 300 : 200) });
    const baseURL = server.resolvedUrls?.local[0];
    if (!baseURL) throw new Error('vite preview did not report a URL');
    const app = await benchImport(browser, file, { baseURL });
    const bare = await benchBarePage(browser, file, { baseURL });
    return { rows, bytes, app, bare };
  } finally {
    await browser.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The figures as text, ratios first. */
export function formatImportBench(r: ImportBenchReport): string {
  const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  const mb = (v: number | null): string => (v === null ? 'n/a' : `${Math.round(v)} MB`);
  const { app, bare } = r;
  return [
    `Import bench: ${r.rows.toLocaleString('en-GB')} synthetic ACLED rows, ${mb(r.bytes / MB)} (Chromium, SwiftShader)`,
    `  report counts: read ${app.counts.read}, shown ${app.counts.shown}, rejected ${app.counts.rejected}`,
    `  parse (same worker, same reader and config, best of runs):`,
    `    import (parse + map + validate) ${s(app.workerImportMs)}  vs bare papaparse ${s(app.workerBareMs)}  = ${(app.workerImportMs / app.workerBareMs).toFixed(2)}x  (goal <= 1.5x)`,
    `    import and post every incident to the page (what the app does): ${s(app.workerImportDeliveredMs)}`,
    `    bare papaparse with its own File reader (splits UTF-8 characters at chunk edges): ${s(app.workerBarePapaFileMs)}`,
    `  choose file -> report shown: ${s(app.chooseToReportMs)}`,
    `    page responsiveness while reading: longest main-thread task ${Math.round(app.whileReading.longestTaskMs)} ms, tasks over 50 ms ${s(app.whileReading.longTasksMs)} in all`,
    `    while adding and drawing: longest task ${Math.round(app.whileDrawing.longestTaskMs)} ms, tasks over 50 ms ${s(app.whileDrawing.longTasksMs)} in all`,
    `  file -> drawn (first idle): app ${s(app.fileToDrawnMs)}  vs bare page ${s(bare.fileToDrawnMs)}  = ${(app.fileToDrawnMs / bare.fileToDrawnMs).toFixed(2)}x  (goal <= 1.2x)`,
    `    bare page main-thread parse: ${s(bare.parseMs)} (${bare.rows.toLocaleString('en-GB')} rows)`,
    `  peak memory, app: renderer ${mb(app.memory.rendererPeakMB)} (VmHWM; ${mb(app.memory.rendererBaselineMB)} before the import), main-thread JS heap ${mb(app.memory.jsHeapUsedMB)}`,
    `  peak memory, bare page: renderer ${mb(bare.memory.rendererPeakMB)} (VmHWM; ${mb(bare.memory.rendererBaselineMB)} before), main-thread JS heap ${mb(bare.memory.jsHeapUsedMB)}`,
  ].join('\n');
}

// Run alone: `npx tsx tests/bench/import-bench.ts [rows]`.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rows = Number(process.argv[2] ?? 200_000);
  runImportBench(rows)
    .then((r) => console.log(formatImportBench(r)))
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
}
