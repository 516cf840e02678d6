/**
 * Issue 11's "Speed and size" of the local geography, each figure next to the same page without
 * the local layers, measured in the same run. Figures and ratios, never assertions.
 *
 * The baseline "without the local layers": the same build, in a browser context where every
 * request under `tiles/local/` (the vector source `SOURCE.local`: townships, districts, towns,
 * villages, rivers, water, roads, and the township tints and "By township" fills drawn from them)
 * is answered with an empty 200 body, so MapLibre draws no local feature and no tile byte is
 * fetched. The style still lists the local layers and the bundle still holds their code (a few
 * KB), so the baseline is a little heavier than a build without them would be. The place search's
 * towns and villages (`data/places-local.json`) load only when the search box is first used, so
 * they are outside both windows below; their size is printed apart.
 *
 * - `local-load`: the country view (the app's default view, no hash): page start → the map's first
 *   `idle` (`data-ready`), and the bytes fetched before it, as gzip bytes (each distinct URL's body
 *   gzipped with zlib's default level from the built files; the empty answers count 0), next to
 *   the bytes `vite preview` actually sent (it gzips text; tiles and fonts go as they are).
 * - `local-find`: "find Tabayin" from the country view through the search box (type "Tabayin",
 *   pick the township, which fits the map to the township's bounds from the app's own township
 *   file, animated 600 ms): the click → the map's first `idle` after the move ends.
 *
 * Loads alternate with and without (with, without, with, …), each in a fresh browser context,
 * so neither is helped by the HTTP cache or by running second.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page, Request } from 'playwright-core';
import { LAYER, SOURCE } from '../../src/lib/map/ids.ts';
import { LOCAL_PLACES_PATH } from '../../src/lib/data/local-places.ts';
import { freshPage } from './import-bench.ts';
import { median } from './filter-bench.ts';
import { waitForIdle } from '../e2e/harness.ts';

/**
 * Where the local tiles are served, as `LOCAL_TILES.path` in src/lib/map/local-geography.ts says
 * (that module pulls in font files Node cannot import). Each baseline load checks that requests
 * under it were answered empty, so a moved folder fails the section instead of measuring nothing.
 */
const LOCAL_TILES_PATH = 'tiles/local/';

/** The two pages compared: the app as built, and the same with one part of it left out. */
export type LocalMode = 'with' | 'without';

/**
 * A part of the page the baseline leaves out, by answering its requests in the browser: the
 * local tiles (an empty 200 body: no feature drawn), or the built-in UCDP files (a 404: the app
 * says the dataset could not load, and draws the rest).
 */
export interface LeftOut {
  /** What is left out, for the printed text ("the local layers"). */
  readonly label: string;
  /** The short name of its files in the per-load lines ("local tiles"). */
  readonly files: string;
  /** A same-origin path fragment its URLs contain (`tiles/local/`). */
  readonly path: string;
  /** What the baseline answers each of its requests with. */
  readonly answer: { readonly status: number; readonly body: string };
  /**
   * Measure to the first idle after every built-in dataset has loaded (or failed to) and is drawn,
   * not to the map's first idle (which the built-in data, loaded beside the map, may come after).
   */
  readonly untilDataDrawn?: boolean;
}

export const LOCAL_LAYERS: LeftOut = { label: 'the local layers', files: 'local tiles', path: LOCAL_TILES_PATH, answer: { status: 200, body: '' } };

/** A fresh page (own context, empty cache) for one mode. */
async function pageFor(browser: Browser, mode: LocalMode, part: LeftOut = LOCAL_LAYERS): Promise<Page> {
  const { page } = await freshPage(browser);
  if (mode === 'without') await page.context().route(`**/${part.path}**`, (route) => route.fulfill(part.answer));
  return page;
}

/** Whether a URL is one of the part's files. */
const isPartOf = (part: LeftOut, url: string): boolean => new URL(url).pathname.includes(`/${part.path}`);

/** Gzip sizes of the built files by path, each computed once. */
class GzipSizes {
  readonly #sizes = new Map<string, number>();
  constructor(readonly outDir: string) {}
  /** The gzip size of the built file a same-origin URL names (`/` is index.html), or 0 if there is none. */
  of(url: string): number {
    const path = decodeURIComponent(new URL(url).pathname).replace(/^\/+/, '') || 'index.html';
    let n = this.#sizes.get(path);
    if (n === undefined) {
      try {
        n = gzipSync(readFileSync(join(this.outDir, path))).length;
      } catch {
        n = 0;
      }
      this.#sizes.set(path, n);
    }
    return n;
  }
}

/** One page load at the country view. */
export interface CountryLoad {
  readonly mode: LocalMode;
  /** Page start → the map's first `idle`, ms. */
  readonly firstIdleMs: number;
  /** Gzip bytes of the distinct URLs fetched before that idle (empty answers count 0). */
  readonly gzipBytes: number;
  /** Of them, the left-out part's files (the local tiles). */
  readonly partGzipBytes: number;
  /** Body bytes the server sent before that idle, as sent (gzip for text, tiles and fonts raw). */
  readonly wireBytes: number;
  /** Requests finished before that idle, and of them the part's. */
  readonly requests: number;
  readonly partRequests: number;
  /** The distinct paths fetched before that idle, other than the part's, with their gzip bytes. */
  readonly files: ReadonlyMap<string, number>;
}

type IdleWindow = { __firstIdle?: { epochMs: number; sinceStartMs: number } };

/** Notes the moment the map container says its first `idle` (`data-ready`), as wall time and since navigation start. */
const FIRST_IDLE_PROBE = `new MutationObserver((_, obs) => {
  if (document.querySelector('[data-testid="map"][data-ready="true"]')) {
    window.__firstIdle = { epochMs: Date.now(), sinceStartMs: performance.now() };
    obs.disconnect();
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });`;

/**
 * The first map idle after every built-in or shipped dataset has loaded (or failed to), the page
 * holds at least `expectedRecords` records, and the visible set has reached the map: wall time,
 * time since navigation start, and the records held. The publish bench waits the same way.
 */
export async function dataDrawnIdle(page: Page, expectedRecords = 0): Promise<{ epochMs: number; sinceStartMs: number; records: number }> {
  return page.evaluate(async (expected) => {
    type W = { conflictMap?: { map: import('maplibre-gl').Map; app: { builtinsSettled: boolean; incidents: readonly unknown[] } } };
    const w = window as unknown as W;
    while (!(w.conflictMap?.app.builtinsSettled && w.conflictMap.app.incidents.length >= expected)) await new Promise((r) => setTimeout(r, 20));
    const { map, app } = w.conflictMap;
    // The visible set reaches the map's source in an effect, debounced; then the next idle is the one with it drawn.
    await new Promise((r) => setTimeout(r, 100));
    await new Promise<void>((resolve) => {
      map.once('idle', () => resolve());
      map.triggerRepaint();
    });
    return { epochMs: Date.now(), sinceStartMs: performance.now(), records: app.incidents.length };
  }, expectedRecords);
}

/** Loads the app at the country view in a fresh context and measures the first idle and the bytes before it. */
async function countryLoad(browser: Browser, baseURL: string, mode: LocalMode, gzip: GzipSizes, part: LeftOut): Promise<CountryLoad> {
  const page = await pageFor(browser, mode, part);
  const isPart = (url: string): boolean => isPartOf(part, url);
  try {
    await page.addInitScript(FIRST_IDLE_PROBE);
    const finished: Promise<{ url: string; endEpochMs: number; wire: number }>[] = [];
    const onFinished = (req: Request): void => {
      const seenAt = Date.now();
      finished.push(
        req.sizes().then((sizes) => {
          const t = req.timing();
          return { url: req.url(), endEpochMs: t.responseEnd >= 0 ? t.startTime + t.responseEnd : seenAt, wire: sizes.responseBodySize };
        }),
      );
    };
    // A request the baseline answers 404 can end as failed in Chromium's eyes (the app drops the
    // body): it was still made, at no cost in bytes.
    const onFailed = (req: Request): void => void finished.push(Promise.resolve({ url: req.url(), endEpochMs: Date.now(), wire: 0 }));
    page.on('requestfinished', onFinished);
    page.on('requestfailed', onFailed);
    await page.goto(`${baseURL}?handle`);
    await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 300_000 });
    const idle = part.untilDataDrawn ? await dataDrawnIdle(page) : await page.evaluate(() => (window as unknown as IdleWindow).__firstIdle);
    if (!idle) throw new Error('the first idle was not seen');
    // Network events of the page and its workers can reach us after the selector; later ones are dropped by their time.
    await page.waitForTimeout(1000);
    page.off('requestfinished', onFinished);
    page.off('requestfailed', onFailed);
    const before = (await Promise.all(finished)).filter((r) => r.url.startsWith(baseURL) && r.endEpochMs <= idle.epochMs);
    const distinct = new Set(before.map((r) => r.url));
    let gzipBytes = 0;
    let partGzipBytes = 0;
    for (const url of distinct) {
      if (!isPart(url)) gzipBytes += gzip.of(url);
      else if (mode === 'with') partGzipBytes += gzip.of(url);
    }
    const partRequests = before.filter((r) => isPart(r.url));
    if (partRequests.length === 0) throw new Error(`no request under ${part.path} before the first idle (${mode} ${part.label}): have its files moved?`);
    return {
      mode,
      firstIdleMs: idle.sinceStartMs,
      gzipBytes: gzipBytes + partGzipBytes,
      partGzipBytes,
      wireBytes: before.reduce((sum, r) => sum + (mode === 'without' && isPart(r.url) ? 0 : r.wire), 0),
      requests: before.length,
      partRequests: partRequests.length,
      files: new Map([...distinct].filter((u) => !isPart(u)).map((u) => [new URL(u).pathname, gzip.of(u)] as const)),
    };
  } finally {
    await page.context().close();
  }
}

/** What `local-load` measured. */
export interface LocalLoadResult {
  readonly loads: readonly CountryLoad[];
  /** Gzip size of the place search's towns and villages, fetched when the search box is first used. */
  readonly placesLocalGzipBytes: number;
}

/** Loads the country view `loads` times with and `loads` times without the local layers, alternating. */
export async function benchLocalLoad(browser: Browser, baseURL: string, outDir: string, loads = 5, part: LeftOut = LOCAL_LAYERS): Promise<LocalLoadResult> {
  const gzip = new GzipSizes(outDir);
  const all: CountryLoad[] = [];
  for (let i = 0; i < loads; i++) {
    for (const mode of ['with', 'without'] as const) all.push(await countryLoad(browser, baseURL, mode, gzip, part));
  }
  return { loads: all, placesLocalGzipBytes: gzip.of(new URL(LOCAL_PLACES_PATH, baseURL).href) };
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const sec = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const of = <T extends { readonly mode: LocalMode }>(list: readonly T[], mode: LocalMode): T[] => list.filter((x) => x.mode === mode);

/** Each load, then the medians of the first idle and of the bytes before it, with and without the part. */
export function formatCountryLoads(loads: readonly CountryLoad[], part: LeftOut): { lines: string[]; medians: string[] } {
  const w = of(loads, 'with');
  const wo = of(loads, 'without');
  const lines = loads.map(
    (l) => `    ${l.mode === 'with' ? 'with   ' : 'without'}  first idle ${sec(l.firstIdleMs)}  ${kb(l.gzipBytes)} gzip (${part.files} ${l.partRequests}: ${kb(l.partGzipBytes)})  sent ${kb(l.wireBytes)}  ${l.requests} requests`,
  );
  const mIdle = median(w.map((l) => l.firstIdleMs));
  const bIdle = median(wo.map((l) => l.firstIdleMs));
  const mGz = median(w.map((l) => l.gzipBytes));
  const bGz = median(wo.map((l) => l.gzipBytes));
  return {
    lines,
    medians: [
      `  first idle, median of ${w.length}: with ${sec(mIdle)}  vs without ${sec(bIdle)}  = ${(mIdle / bIdle).toFixed(2)}x`,
      `  bytes before it, gzip (each distinct URL's built file gzipped once, zlib default level), median: with ${kb(mGz)}  vs without ${kb(bGz)}  = +${kb(mGz - bGz)}`,
      `  bytes vite preview sent before it (text gzipped, tiles and fonts raw; repeated URLs counted each time), median: with ${kb(median(w.map((l) => l.wireBytes)))}  vs without ${kb(median(wo.map((l) => l.wireBytes)))}`,
    ],
  };
}

/** The figures as text: each load, then medians and the ratios against the issue's goals. */
export function formatLocalLoad(r: LocalLoadResult): string {
  const w = of(r.loads, 'with');
  const wo = of(r.loads, 'without');
  const loads = formatCountryLoads(r.loads, LOCAL_LAYERS);
  // A file that arrives around the first idle (a dataset, say) is before it in some loads only.
  const sizes = new Map(r.loads.flatMap((l) => [...l.files]));
  const sometimes = [...sizes.keys()].filter((p) => !r.loads.every((l) => l.files.has(p)));
  const share = (path: string, list: readonly CountryLoad[]): string => `${list.filter((l) => l.files.has(path)).length}/${list.length}`;
  return [
    `Local geography, country view (no hash): page start -> first map idle, with the local layers vs without`,
    `  (without = same build, every tiles/local/ request answered with an empty 200 body in a fresh context; loads alternate, fresh context each):`,
    ...loads.lines,
    `${loads.medians[0]}  (goal <= 1.1x)`,
    `${loads.medians[1]}  (goal <= +100 KB)`,
    loads.medians[2] as string,
    ...(sometimes.length
      ? [`  before the first idle in some loads only: ${sometimes.map((p) => `${p} ${kb(sizes.get(p) ?? 0)} gzip (with ${share(p, w)}, without ${share(p, wo)})`).join('; ')}`]
      : []),
    `  not in either: the place search's towns and villages (${LOCAL_PLACES_PATH}), ${kb(r.placesLocalGzipBytes)} gzip, fetched when the search box is first used`,
  ].join('\n');
}

/** One "find Tabayin" from the country view. */
export interface FindRun {
  readonly mode: LocalMode;
  /** The click on the township in the search results → the map's first `idle` after the move ends, ms. */
  readonly clickToIdleMs: number;
  /** The click → the end of the camera move (the app's 600 ms fit animation), ms. */
  readonly clickToMoveEndMs: number;
  /** The zoom the fit ended at, and whether the view holds the township's whole box. */
  readonly zoom: number;
  readonly boxInView: boolean;
  /** Local features drawn at the end (every layer of the local source), and whether the township's name label is placed. */
  readonly localFeatures: number;
  readonly tabayinLabelled: boolean;
}

type SearchWindow = {
  conflictMap: {
    map: import('maplibre-gl').Map;
    app: { areas: ReadonlyMap<string, { kind: string; name: string; bbox: readonly [number, number, number, number] | null }> };
  };
};

/** Opens the country view, types the name in "Find a place", and times choosing the township from the results. */
async function findTownship(browser: Browser, baseURL: string, mode: LocalMode, name: string): Promise<FindRun> {
  const page = await pageFor(browser, mode);
  try {
    await page.goto(`${baseURL}?handle`);
    await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 300_000 });
    // The first use of the box loads the towns and villages; wait for them, so the results stay put.
    const placesLoaded = page.waitForResponse((r) => r.url().endsWith(LOCAL_PLACES_PATH), { timeout: 120_000 });
    await page.fill('#place-search', name);
    await placesLoaded;
    const option = page.locator('#place-results [role="option"]').filter({ hasText: /township/ }).filter({ has: page.locator('strong', { hasText: name }) });
    await option.first().waitFor({ timeout: 60_000 });
    await waitForIdle(page);
    return {
      mode,
      ...(await page.evaluate(
        async ({ name, localSource, labelLayer }) => {
          const { map, app } = (window as unknown as SearchWindow).conflictMap;
          const button = [...document.querySelectorAll<HTMLButtonElement>('#place-results [role="option"] button')].find(
            (b) => b.querySelector('strong')?.textContent === name && /^township/.test(b.querySelector('.small')?.textContent ?? ''),
          );
          if (!button) throw new Error(`no township "${name}" in the search results`);
          let movedAt = NaN;
          const t0 = performance.now();
          const idle = new Promise<void>((resolve) =>
            map.once('moveend', () => {
              movedAt = performance.now();
              map.once('idle', () => resolve());
            }),
          );
          button.click();
          await idle;
          const clickToIdleMs = performance.now() - t0;
          const box = [...app.areas.values()].find((a) => a.kind === 'township' && a.name === name)?.bbox ?? null;
          const b = map.getBounds();
          const local = map.queryRenderedFeatures().filter((f) => f.source === localSource);
          return {
            clickToIdleMs,
            clickToMoveEndMs: movedAt - t0,
            zoom: map.getZoom(),
            boxInView: box !== null && b.getWest() <= box[0] && b.getSouth() <= box[1] && b.getEast() >= box[2] && b.getNorth() >= box[3],
            localFeatures: local.length,
            tabayinLabelled: local.some((f) => f.layer.id === labelLayer && f.properties['name_en'] === name),
          };
        },
        { name, localSource: SOURCE.local, labelLayer: LAYER.townshipLabels },
      )),
    };
  } finally {
    await page.context().close();
  }
}

/** What `local-find` measured. */
export interface LocalFindResult {
  readonly place: string;
  readonly runs: readonly FindRun[];
}

/** "Find Tabayin" `runs` times with and `runs` times without the local layers, alternating. */
export async function benchLocalFind(browser: Browser, baseURL: string, runs = 4, place = 'Tabayin'): Promise<LocalFindResult> {
  const all: FindRun[] = [];
  for (let i = 0; i < runs; i++) {
    for (const mode of ['with', 'without'] as const) all.push(await findTownship(browser, baseURL, mode, place));
  }
  return { place, runs: all };
}

/** The figures as text: each run, then medians and the ratio against the issue's goal. */
export function formatLocalFind(r: LocalFindResult): string {
  const w = of(r.runs, 'with');
  const wo = of(r.runs, 'without');
  const line = (f: FindRun): string =>
    `    ${f.mode === 'with' ? 'with   ' : 'without'}  click -> idle ${sec(f.clickToIdleMs)} (move ends at ${sec(f.clickToMoveEndMs)})  zoom ${f.zoom.toFixed(2)}, township box in view: ${f.boxInView ? 'yes' : 'NO'}, local features drawn ${f.localFeatures}, "${r.place}" labelled: ${f.tabayinLabelled ? 'yes' : 'no'}`;
  const m = median(w.map((f) => f.clickToIdleMs));
  const b = median(wo.map((f) => f.clickToIdleMs));
  const after = (list: readonly FindRun[]): number => median(list.map((f) => f.clickToIdleMs - f.clickToMoveEndMs));
  return [
    `Local geography, "find ${r.place}" from the country view: type "${r.place}" in Find a place, click the township -> first map idle after the move`,
    `  (the app fits the township's box from its township file, animated 600 ms; without = every tiles/local/ request answered empty; runs alternate, fresh context each):`,
    ...r.runs.map(line),
    `  median of ${w.length}: with ${sec(m)}  vs without ${sec(b)}  = ${(m / b).toFixed(2)}x  (goal <= 2x)`,
    `  of which after the move ended, median: with ${sec(after(w))}  vs without ${sec(after(wo))}`,
  ].join('\n');
}
