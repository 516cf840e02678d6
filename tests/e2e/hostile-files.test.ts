/**
 * Hostile files through the whole import pipeline, in Chromium (issue #7): chosen in the real
 * file input, read by the worker, refused with a clear message in the import report. Each page
 * first imports a small valid file; after the hostile one the tab must still respond, draw the
 * map, and show both that dataset and the curated incidents, and nothing new is stored.
 *
 * The large files are written to a temporary directory at test time (a sparse 1 GiB file takes
 * no disk space); the small ones are committed in tests/fixtures/hostile/ (see generate.ts there).
 * How soon each refusal shows is printed, never asserted (speed belongs in `npm run bench`): what
 * is asserted is that a refusal by size starts no worker, and each message says why.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertClean, gotoApp, launchChromium, openRecordedPage, waitForIdle, type PageProblems } from './harness.ts';
import { waitForStoredDatasets } from './stored-datasets.ts';
import { ACLED_HEADER, acledRow, acledWithWideRow, wideCsv, writeSparseFile } from '../fixtures/hostile/generate.ts';

type Handle = {
  map: import('maplibre-gl').Map;
  app: {
    curated: readonly unknown[];
    visible: readonly { id: string }[];
    datasets: readonly { id: string; incidents: readonly unknown[] }[];
  };
};

const HOSTILE = resolve('tests/fixtures/hostile');
const VALID = resolve('tests/fixtures/import/acled-current.csv');
/** acled-current.csv: 8 rows, all shown (tests/fixtures/import/acled-current.expected.json). */
const VALID_SHOWN = 8;

let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: PageProblems;
let dir: string;
/** How long each refusal took to show, printed at the end for the record. */
const timings: string[] = [];
const big = {
  overLimit: '',
  overGeoJsonLimit: '',
  zeros: '',
  millionColumns: '',
  millionFieldRow: '',
  longTextThenBinary: '',
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'conflict-map-hostile-'));
  big.overLimit = join(dir, 'acled-2022-full.csv');
  writeSparseFile(big.overLimit, 1024 ** 3);
  big.overGeoJsonLimit = join(dir, 'events.geojson');
  writeSparseFile(big.overGeoJsonLimit, 150 * 1024 ** 2);
  big.zeros = join(dir, 'disk-image.csv');
  writeSparseFile(big.zeros, 200 * 1024 ** 2);
  big.millionColumns = join(dir, 'million-columns.csv');
  writeFileSync(big.millionColumns, wideCsv(1_000_000));
  big.millionFieldRow = join(dir, 'acled-million-field-row.csv');
  writeFileSync(big.millionFieldRow, acledWithWideRow(1_000_000));
  // Past the worker's first 4 MB slice, so rows are parsed (and stored) before the bad bytes.
  big.longTextThenBinary = join(dir, 'acled-then-binary.csv');
  const rows = [ACLED_HEADER];
  for (let n = 1, size = 0; size < 6_000_000; n++) {
    const row = acledRow(n);
    rows.push(row);
    size += row.length + 1;
  }
  writeFileSync(big.longTextThenBinary, Buffer.concat([Buffer.from(`${rows.join('\n')}\n`), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0x0a])]));
  browser = await launchChromium();
});
afterAll(async () => {
  if (timings.length) console.info(`refusal shown after:\n  ${timings.join('\n  ')}`);
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  assertClean(problems);
  await context?.close();
});

/** What the page showed before the hostile file. */
interface Baseline {
  readonly curated: number;
  readonly visible: number;
  readonly countText: string;
}

/** A fresh page with the curated data and one small imported dataset. */
async function pageWithData(): Promise<Baseline> {
  context = await browser.newContext({ viewport: { width: 1300, height: 850 } });
  ({ page, problems } = await openRecordedPage(context));
  await gotoApp(page);
  await page.waitForFunction(() => document.querySelectorAll('[role="option"]').length > 0);
  await waitForIdle(page);
  await page.getByLabel('Import data').setInputFiles(VALID);
  const dialog = page.getByRole('dialog', { name: /Import report/ });
  await expect(dialog.locator('[data-count="shown"]').innerText()).resolves.toBe(String(VALID_SHOWN));
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await waitForStoredDatasets(page, 1);
  return page.evaluate(() => {
    const { app } = (window as unknown as { conflictMap: Handle }).conflictMap;
    const countText = document.querySelector('[data-testid="visible-count"]')?.textContent?.trim() ?? '';
    return { curated: app.curated.length, visible: app.visible.length, countText };
  });
}

/** The datasets that have incident chunks in IndexedDB (a refused file must leave none behind). */
async function datasetsWithStoredChunks(): Promise<string[]> {
  return page.evaluate(async () => {
    const req = indexedDB.open('conflict-map-imports');
    const db = await new Promise<IDBDatabase>((r) => (req.onsuccess = () => r(req.result)));
    const all = await new Promise<{ dataset: string }[]>((r) => {
      const g = db.transaction('chunks').objectStore('chunks').getAll();
      g.onsuccess = () => r(g.result as { dataset: string }[]);
    });
    db.close();
    return [...new Set(all.map((c) => c.dataset))];
  });
}

/** Chooses a file and waits for the refusal: its text, how long it took and the workers started. */
async function refusalFor(file: string): Promise<{ message: string; ms: number; workers: number }> {
  let workers = 0;
  const onWorker = (): void => void workers++;
  page.on('worker', onWorker);
  const started = Date.now();
  await page.getByLabel('Import data').setInputFiles(file);
  const refused = page.getByRole('dialog', { name: /Import report/ }).getByTestId('import-refused');
  await refused.waitFor({ timeout: 60_000 });
  const ms = Date.now() - started;
  page.off('worker', onWorker);
  timings.push(`${ms} ms  ${file.split('/').at(-1)}`);
  return { message: await refused.innerText(), ms, workers };
}

/** The tab responds, the map still moves and draws, and what was shown before is still shown. */
async function expectAliveWithData(before: Baseline): Promise<void> {
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: /Import report/ }).waitFor({ state: 'detached' });
  await expect(page.evaluate('1 + 1')).resolves.toBe(2);
  const zoomed = await page.evaluate(async () => {
    const { map } = (window as unknown as { conflictMap: Handle }).conflictMap;
    const from = map.getZoom();
    map.zoomTo(from + 1, { animate: false });
    await new Promise<void>((r) => map.once('idle', () => r()));
    return map.getZoom() - from;
  });
  expect(zoomed).toBeCloseTo(1, 5);
  const after = await page.evaluate(() => {
    const { app } = (window as unknown as { conflictMap: Handle }).conflictMap;
    return {
      curated: app.curated.length,
      visible: app.visible.length,
      datasets: app.datasets.map((d) => [d.id, d.incidents.length]),
      countText: document.querySelector('[data-testid="visible-count"]')?.textContent?.trim() ?? '',
      feedRows: document.querySelectorAll('[role="listbox"] [role="option"]').length,
    };
  });
  expect(after.datasets).toEqual([['acled-current', VALID_SHOWN]]);
  expect(after.curated).toBe(before.curated);
  expect(after.visible).toBe(before.visible);
  expect(after.countText).toBe(before.countText);
  expect(after.feedRows).toBeGreaterThan(0);
  await expect(page.locator('[data-dataset]').innerText()).resolves.toMatch(/acled-current\.csv[\s\S]*8 shown/);
  await expect(page.getByRole('checkbox', { name: /Curated incidents/ }).isChecked()).resolves.toBe(true);
  await waitForStoredDatasets(page, 1);
  await expect(datasetsWithStoredChunks()).resolves.toEqual(['acled-current']);
}

describe('hostile files through the file input', () => {
  it('refuses a 1 GiB file by its size at once, without starting a worker', async () => {
    const before = await pageWithData();
    const { message, workers } = await refusalFor(big.overLimit);
    expect(message).toMatch(/Not imported\.[\s\S]*"acled-2022-full\.csv" \(1,024 MB\) is over the 800 MB limit, so it was not read/);
    expect(workers).toBe(0);
    await expectAliveWithData(before);

    // GeoJSON is read whole, so its own, lower limit applies the same way.
    const geo = await refusalFor(big.overGeoJsonLimit);
    expect(geo.message).toMatch(/"events\.geojson" \(150 MB\) is over the 100 MB limit for GeoJSON/);
    expect(geo.workers).toBe(0);
    await expectAliveWithData(before);
  });

  it('refuses binary files renamed .csv, saying what they are', async () => {
    const before = await pageWithData();
    const cases: [string, RegExp][] = [
      [join(HOSTILE, 'png-renamed.csv'), /"png-renamed\.csv" contains binary data, not text/],
      [join(HOSTILE, 'high-bytes.csv'), /"high-bytes\.csv" is not UTF-8 text/],
      // 200 MB of zero bytes: only the first 64 KB are looked at.
      [big.zeros, /"disk-image\.csv" contains binary data, not text/],
      // 100 KB of good rows, then bytes that are not UTF-8: refused whole, nothing half-imported.
      [join(HOSTILE, 'text-then-binary.csv'), /stops being valid UTF-8 text[\s\S]*nothing was imported/],
      // The same after 6 MB of good rows, of which the worker had parsed and stored a first slice.
      [big.longTextThenBinary, /stops being valid UTF-8 text near byte 4,194,304[\s\S]*nothing was imported/],
    ];
    for (const [file, expected] of cases) {
      const { message, workers } = await refusalFor(file);
      expect(message, file).toMatch(expected);
      expect(workers, file).toBe(1);
      await expectAliveWithData(before);
    }
  });

  it('refuses GeoJSON nested 10,000 levels deep before parsing it', async () => {
    const before = await pageWithData();
    for (const name of ['nested-10000.geojson', 'nested-65.geojson']) {
      const { message } = await refusalFor(join(HOSTILE, name));
      expect(message, name).toMatch(/nests more than 64 levels deep/);
      await expectAliveWithData(before);
    }
  });

  it('carries GeoJSON nested exactly at the limit through worker, IndexedDB, map and reload', async () => {
    await pageWithData();
    await page.getByLabel('Import data').setInputFiles(join(HOSTILE, 'nested-64.geojson'));
    const dialog = page.getByRole('dialog', { name: /Import report/ });
    await expect(dialog.locator('[data-count="shown"]').innerText()).resolves.toBe('1');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() =>
      (window as unknown as { conflictMap: Handle }).conflictMap.app.visible.some((i) => i.id === 'nested-64:deep-64'),
    );
    await waitForIdle(page);
    await waitForStoredDatasets(page, 2);
    await page.reload();
    await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 60_000 });
    await page.waitForFunction(() => (window as unknown as { conflictMap: Handle }).conflictMap.app.datasets.length === 2);
    await expect(page.locator('[data-dataset="nested-64"]').innerText()).resolves.toMatch(/nested-64\.geojson[\s\S]*1 shown/);
    await page.getByRole('button', { name: 'Erase imported data' }).click();
    await waitForStoredDatasets(page, 0);
  });

  it('refuses a CSV with a million columns from its header row', async () => {
    const before = await pageWithData();
    const { message } = await refusalFor(big.millionColumns);
    expect(message).toMatch(/"million-columns\.csv" has more than 1,000 columns in its header row/);
    await expectAliveWithData(before);
  });

  it('refuses an ACLED file with a row of a million fields', async () => {
    const before = await pageWithData();
    const { message } = await refusalFor(big.millionFieldRow);
    expect(message).toMatch(/"acled-million-field-row\.csv" has a line longer than 1,000,000 characters/);
    await expectAliveWithData(before);
  });
});
