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
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
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

/** The two pages compared: the app as built, and the same with every local tile answered empty. */
export type LocalMode = 'with' | 'without';

/** Answers every local-geography tile of the context with an empty 200 body (the baseline). */
async function withoutLocalTiles(context: BrowserContext): Promise<void> {
  await context.route(`**/${LOCAL_TILES_PATH}**`, (route) => route.fulfill({ status: 200, body: '' }));
}

/** A fresh page (own context, empty cache) for one mode. */
async function pageFor(browser: Browser, mode: LocalMode): Promise<Page> {
  const { page } = await freshPage(browser);
  if (mode === 'without') await withoutLocalTiles(page.context());
  return page;
}

/** Whether a URL is a local-geography tile. */
const isLocalTile = (url: string): boolean => new URL(url).pathname.includes(`/${LOCAL_TILES_PATH}`);

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
  /** Of them, the local tiles. */
  readonly localTileGzipBytes: number;
  /** Body bytes the server sent before that idle, as sent (gzip for text, tiles and fonts raw). */
  readonly wireBytes: number;
  /** Requests finished before that idle, and of them local tiles. */
  readonly requests: number;
  readonly localTileRequests: number;
  /** The distinct paths fetched before that idle, other than local tiles, with their gzip bytes. */
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

/** Loads the app at the country view in a fresh context and measures the first idle and the bytes before it. */
async function countryLoad(browser: Browser, baseURL: string, mode: LocalMode, gzip: GzipSizes): Promise<CountryLoad> {
  const page = await pageFor(browser, mode);
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
    page.on('requestfinished', onFinished);
    await page.goto(`${baseURL}?handle`);
    await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 300_000 });
    const idle = await page.evaluate(() => (window as unknown as IdleWindow).__firstIdle);
    if (!idle) throw new Error('the first idle was not seen');
    // Network events of the page and its workers can reach us after the selector; later ones are dropped by their time.
    await page.waitForTimeout(1000);
    page.off('requestfinished', onFinished);
    const before = (await Promise.all(finished)).filter((r) => r.url.startsWith(baseURL) && r.endEpochMs <= idle.epochMs);
    const distinct = new Set(before.map((r) => r.url));
    let gzipBytes = 0;
    let localTileGzipBytes = 0;
    for (const url of distinct) {
      if (!isLocalTile(url)) gzipBytes += gzip.of(url);
      else if (mode === 'with') localTileGzipBytes += gzip.of(url);
    }
    const tiles = before.filter((r) => isLocalTile(r.url));
    if (tiles.length === 0) throw new Error(`no request under ${LOCAL_TILES_PATH} before the first idle (${mode} the local layers): has the tile folder moved?`);
    return {
      mode,
      firstIdleMs: idle.sinceStartMs,
      gzipBytes: gzipBytes + localTileGzipBytes,
      localTileGzipBytes,
      wireBytes: before.reduce((sum, r) => sum + (mode === 'without' && isLocalTile(r.url) ? 0 : r.wire), 0),
      requests: before.length,
      localTileRequests: tiles.length,
      files: new Map([...distinct].filter((u) => !isLocalTile(u)).map((u) => [new URL(u).pathname, gzip.of(u)] as const)),
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
export async function benchLocalLoad(browser: Browser, baseURL: string, outDir: string, loads = 5): Promise<LocalLoadResult> {
  const gzip = new GzipSizes(outDir);
  const all: CountryLoad[] = [];
  for (let i = 0; i < loads; i++) {
    for (const mode of ['with', 'without'] as const) all.push(await countryLoad(browser, baseURL, mode, gzip));
  }
  return { loads: all, placesLocalGzipBytes: gzip.of(new URL(LOCAL_PLACES_PATH, baseURL).href) };
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const sec = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const of = <T extends { readonly mode: LocalMode }>(list: readonly T[], mode: LocalMode): T[] => list.filter((x) => x.mode === mode);

/** The figures as text: each load, then medians and the ratios against the issue's goals. */
export function formatLocalLoad(r: LocalLoadResult): string {
  const w = of(r.loads, 'with');
  const wo = of(r.loads, 'without');
  const line = (l: CountryLoad): string =>
    `    ${l.mode === 'with' ? 'with   ' : 'without'}  first idle ${sec(l.firstIdleMs)}  ${kb(l.gzipBytes)} gzip (local tiles ${l.localTileRequests}: ${kb(l.localTileGzipBytes)})  sent ${kb(l.wireBytes)}  ${l.requests} requests`;
  // A file that arrives around the first idle (a dataset, say) is before it in some loads only.
  const sizes = new Map(r.loads.flatMap((l) => [...l.files]));
  const sometimes = [...sizes.keys()].filter((p) => !r.loads.every((l) => l.files.has(p)));
  const share = (path: string, list: readonly CountryLoad[]): string => `${list.filter((l) => l.files.has(path)).length}/${list.length}`;
  const mIdle = median(w.map((l) => l.firstIdleMs));
  const bIdle = median(wo.map((l) => l.firstIdleMs));
  const mGz = median(w.map((l) => l.gzipBytes));
  const bGz = median(wo.map((l) => l.gzipBytes));
  return [
    `Local geography, country view (no hash): page start -> first map idle, with the local layers vs without`,
    `  (without = same build, every tiles/local/ request answered with an empty 200 body in a fresh context; loads alternate, fresh context each):`,
    ...r.loads.map(line),
    `  first idle, median of ${w.length}: with ${sec(mIdle)}  vs without ${sec(bIdle)}  = ${(mIdle / bIdle).toFixed(2)}x  (goal <= 1.1x)`,
    `  bytes before it, gzip (each distinct URL's built file gzipped once, zlib default level), median: with ${kb(mGz)}  vs without ${kb(bGz)}  = +${kb(mGz - bGz)}  (goal <= +100 KB)`,
    `  bytes vite preview sent before it (text gzipped, tiles and fonts raw; repeated URLs counted each time), median: with ${kb(median(w.map((l) => l.wireBytes)))}  vs without ${kb(median(wo.map((l) => l.wireBytes)))}`,
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
