/**
 * Issue 15, large datasets: a reader opening a site published with 200,000 synthetic ACLED-style
 * incidents, next to the same build with the built-in data only, in the same run. Both are served
 * by the same static server (`tests/helpers/static-site-server.ts`, a sub-path, the policy header),
 * each load in a fresh browser context (no cache). Figures, never assertions.
 *
 * Measured per load: page start → the map's first `idle` (`data-ready`), page start → the first
 * `idle` after every shipped dataset is loaded and drawn, and the bytes the server sent before
 * that idle. The published site ships its rows in the app's dataset format: the gzip core (what
 * the map, counts and timeline need) loads at start; the details file is fetched only when a
 * reader opens a record, so it is not among the bytes before the first idle.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { pagePolicy, publishSite } from '../../tools/publish/publish-site.ts';
import { headerPolicy } from '../../tools/publish/hosting.ts';
import { serveStaticSite, type StaticSite } from '../helpers/static-site-server.ts';
import { writeSyntheticAcledCsv } from './import-bench.ts';
import { dataDrawnIdle } from './local-bench.ts';

/** One reader's first load. */
export interface ReaderLoad {
  /** Page start → the map's first idle, ms. */
  readonly mapReadyMs: number;
  /** Page start → the first idle with every shipped dataset loaded and drawn, ms. */
  readonly dataIdleMs: number;
  /** Bytes the server sent before that idle. */
  readonly bytes: number;
  /** Of them, the shipped dataset files (`.cmds`, `incidents.json`, `displacement.json`). */
  readonly dataBytes: number;
  /** Records the page holds at that idle. */
  readonly records: number;
}

/** What the publish benchmark measured. */
export interface PublishBenchResult {
  readonly rows: number;
  readonly csvBytes: number;
  /** `npm run publish` over a ready build: import, convert, write, ms. */
  readonly publishMs: number;
  readonly coreBytes: number;
  readonly detailsBytes: number;
  readonly published: readonly ReaderLoad[];
  readonly builtinOnly: readonly ReaderLoad[];
}

async function readerLoad(browser: Browser, site: StaticSite, expectRecords: number): Promise<ReaderLoad> {
  const context = await browser.newContext({ viewport: { width: 1300, height: 850 } });
  try {
    const page = await context.newPage();
    await page.addInitScript('window.__name = (f) => f;');
    site.sent.clear();
    const t0 = Date.now();
    await page.goto(`${site.url}?handle`);
    await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 300_000 });
    const mapReadyMs = Date.now() - t0;
    const { records } = await dataDrawnIdle(page, expectRecords);
    const dataIdleMs = Date.now() - t0;
    let bytes = 0;
    let dataBytes = 0;
    for (const [path, n] of site.sent) {
      bytes += n;
      if (/\.cmds$|data\/(incidents|displacement)\.json$/.test(path)) dataBytes += n;
    }
    return { mapReadyMs, dataIdleMs, bytes, dataBytes, records };
  } finally {
    await context.close();
  }
}

/**
 * Publishes `rows` synthetic rows over the build in `appDir` (with the built-in data), serves it
 * and the plain build side by side, and loads each `loads` times, alternating.
 */
export async function benchPublish(browser: Browser, appDir: string, rows = 200_000, loads = 2): Promise<PublishBenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'conflict-map-publish-bench-'));
  const sites: StaticSite[] = [];
  try {
    const csv = join(dir, `acled-synthetic-${rows}.csv`);
    const csvBytes = await writeSyntheticAcledCsv(csv, rows, { notesLength: 200 });
    const t0 = Date.now();
    const result = await publishSite({
      data: [{ file: csv, name: 'Synthetic ACLED-style rows', attribution: null, licence: null }],
      title: 'A large published map',
      view: null,
      out: join(dir, 'site'),
      allowImport: true,
      builtin: true,
      app: appDir,
    });
    const publishMs = Date.now() - t0;
    const [shipped] = result.datasets;
    const headers = { 'Content-Security-Policy': headerPolicy(pagePolicy(await readFile(join(appDir, 'index.html'), 'utf8'))) };
    const published = await serveStaticSite({ dir: result.out, prefix: '/maps/large/', headers });
    sites.push(published);
    const plain = await serveStaticSite({ dir: appDir, prefix: '/maps/builtin/', headers });
    sites.push(plain);
    const a: ReaderLoad[] = [];
    const b: ReaderLoad[] = [];
    for (let i = 0; i < loads; i++) {
      b.push(await readerLoad(browser, plain, 1));
      a.push(await readerLoad(browser, published, rows));
    }
    return { rows, csvBytes, publishMs, coreBytes: shipped?.coreBytes ?? 0, detailsBytes: shipped?.detailsBytes ?? 0, published: a, builtinOnly: b };
  } finally {
    for (const s of sites) await s.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const MB = 1024 * 1024;

/** The figures as text, each next to its baseline of the same run. */
export function formatPublishBench(r: PublishBenchResult): string {
  const best = (list: readonly ReaderLoad[], k: 'mapReadyMs' | 'dataIdleMs'): number => Math.min(...list.map((l) => l[k]));
  const line = (name: string, list: readonly ReaderLoad[]): string =>
    `  ${name}: first idle with data ${list.map((l) => l.dataIdleMs).join(', ')} ms (map ready ${list.map((l) => l.mapReadyMs).join(', ')} ms); ` +
    `${((list[0]?.bytes ?? 0) / MB).toFixed(2)} MB fetched before it, of which data ${((list[0]?.dataBytes ?? 0) / MB).toFixed(2)} MB; ${(list[0]?.records ?? 0).toLocaleString('en-GB')} records`;
  const ratio = best(r.published, 'dataIdleMs') / Math.max(1, best(r.builtinOnly, 'dataIdleMs'));
  const bytesRatio = (r.published[0]?.bytes ?? 0) / Math.max(1, r.builtinOnly[0]?.bytes ?? 0);
  return [
    `Published site, ${r.rows.toLocaleString('en-GB')} synthetic ACLED-style rows (${(r.csvBytes / MB).toFixed(0)} MB CSV) plus the built-in data, vs the same build with the built-in data only (static server, sub-path, fresh context per load):`,
    `  publish over a ready build: ${(r.publishMs / 1000).toFixed(1)} s; shipped core ${(r.coreBytes / MB).toFixed(2)} MB (loaded at start), details ${(r.detailsBytes / MB).toFixed(2)} MB (loaded when a record is opened)`,
    line('published, 200k', r.published),
    line('built-in only  ', r.builtinOnly),
    `  ratio published / built-in only: first idle with data ×${ratio.toFixed(2)} (best of each), bytes before it ×${bytesRatio.toFixed(2)}`,
  ].join('\n');
}
