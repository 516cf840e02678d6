/**
 * Import through the real file input, in Chromium (issue #6): the report's counts match the
 * pure ImportSession run in Node on the same file, the map's clusters and points add up to
 * the rows shown, and an imported dataset survives a reload until it is erased.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { gotoApp, waitForIdle, type PageProblems, useRecordedPages } from './harness.ts';
import { importCsvText, importGeoJsonText } from '../../src/lib/data/import/import-text.ts';
import { SOURCE } from '../../src/lib/map/ids.ts';
import type { ImportReport } from '../../src/lib/data/import/types.ts';
import { makeSyntheticAcledCsv } from '../bench/import-bench.ts';
import { testGeography } from '../helpers/import-geography.ts';

type Handle = {
  map: import('maplibre-gl').Map;
  app: { visible: readonly { id: string; lon: number; lat: number }[]; visibleCounts: { events: number }; groups: { groupCount: number }; datasets: readonly { id: string; incidents: readonly unknown[] }[] };
};

const UCDP = resolve('tests/fixtures/ucdp_ged_myanmar_2022_sagaing_kayah_kayin.csv');
const ACLED = resolve('tests/fixtures/import-e2e/acled-synthetic.csv');

/** What the pure pipeline reports for a file, in Node. */
function nodeReport(path: string): ImportReport {
  return nodeReportOf(readFileSync(path, 'utf8'));
}

function nodeReportOf(text: string): ImportReport {
  return importCsvText(text, { datasetId: 'node', fileName: 'node.csv' });
}

const pages = useRecordedPages();
let page: Page;
let problems: PageProblems;

async function openApp(): Promise<void> {
  await gotoApp(page);
  await page.waitForFunction(() => document.querySelectorAll('[role="option"]').length > 0);
  await waitForIdle(page);
}

async function freshPage(): Promise<void> {
  ({ page, problems } = await pages.open({ viewport: { width: 1300, height: 850 }, acceptDownloads: true }));
  await openApp();
}

/** The three numbers of the report dialog. */
async function reportCounts(): Promise<{ read: number; shown: number; rejected: number }> {
  const dialog = page.getByRole('dialog', { name: /Import report/ });
  await dialog.waitFor();
  const refused = dialog.getByTestId('import-refused');
  if (await refused.count()) throw new Error(await refused.innerText());
  const n = async (k: string): Promise<number> => Number((await dialog.locator(`[data-count="${k}"]`).innerText()).replace(/,/g, ''));
  return { read: await n('read'), shown: await n('shown'), rejected: await n('rejected') };
}

/**
 * Sums the incidents source as drawn: each cluster's `total` plus each marker's `count` (a marker
 * stands for every incident at its point or area), after fitting the visible incidents in view.
 * Features repeated across tile edges are counted once. `visible` is the number of incidents
 * (events) the app shows.
 */
async function drawnCount(): Promise<{ drawn: number; visible: number }> {
  return page.evaluate(async (source) => {
    const { map, app } = (window as unknown as { conflictMap: Handle }).conflictMap;
    let [w, s, e, n] = [180, 90, -180, -90];
    for (const i of app.visible) [w, s, e, n] = [Math.min(w, i.lon), Math.min(s, i.lat), Math.max(e, i.lon), Math.max(n, i.lat)];
    map.fitBounds([w, s, e, n], { padding: 60, animate: false });
    await new Promise<void>((r) => map.once('idle', () => r()));
    const clusters = new Map<number, number>();
    const markers = new Map<string, number>();
    for (const f of map.querySourceFeatures(source)) {
      const p = f.properties as Record<string, unknown>;
      if (p['cluster']) clusters.set(Number(p['cluster_id']), Number(p['total']));
      else markers.set(String(p['ids']), Number(p['count']));
    }
    let drawn = 0;
    for (const c of [...clusters.values(), ...markers.values()]) drawn += c;
    return { drawn, visible: app.visibleCounts.events };
  }, SOURCE.incidents);
}

/** Waits until the map's source holds what the state shows (the map is fed after a short debounce). */
async function settledDrawnCount(expected: number): Promise<number> {
  let last = -1;
  for (let i = 0; i < 20; i++) {
    last = (await drawnCount()).drawn;
    if (last === expected) return last;
    await page.waitForTimeout(250);
  }
  return last;
}

describe('import through the file input', () => {
  it('imports the UCDP sample: the report adds up, matches Node, and the map draws every row', async () => {
    await freshPage();
    const expected = nodeReport(UCDP);
    const eventCount = () => page.evaluate(() => (window as unknown as { conflictMap: Handle }).conflictMap.app.groups.groupCount);
    const eventsBefore = await eventCount();
    const input = page.getByLabel('Import data');
    await input.setInputFiles(UCDP);
    const counts = await reportCounts();
    // The sample is part of the built-in UCDP record: every row joins the event it already tells,
    // by its UCDP id, so the map gains records, not incidents (#13).
    await expect.poll(eventCount).toBe(eventsBefore);
    expect(counts).toEqual({ read: expected.rowsRead, shown: expected.rowsShown, rejected: expected.rowsRejected });
    expect(counts.read).toBe(807);
    expect(counts.read).toBe(counts.shown + counts.rejected);
    await expect(page.getByRole('dialog').innerText()).resolves.toMatch(/807 read = 807 shown \+ 0 rejected/);

    // The worker fetched the township files beside the page and coded the places as Node does
    // with the same files; the report says so in words.
    const dialogText = (await page.getByRole('dialog').innerText()).replace(/\s+/g, ' ');
    expect(dialogText).toContain('drawn as that area: 427 rows as their township, 13 rows as their district, 14 rows as their state or region.');
    expect(dialogText).toContain('37 rows name a place we could not match to a township: Between Myawaddy and Waw Lay (11),');
    const codes = await page.evaluate(() => {
      const { app } = (window as unknown as { conflictMap: Handle }).conflictMap;
      const imported = app.datasets.find((d) => d.id !== 'curated')?.incidents ?? [];
      return (imported as { place: { townshipCode?: string; areaCode?: string } }[]).map((i) => [i.place.townshipCode ?? null, i.place.areaCode ?? null]);
    });
    const coded = importCsvText(readFileSync(UCDP, 'utf8'), { datasetId: 'node', fileName: 'node.csv', geography: testGeography() });
    expect(codes).toEqual(coded.incidents.map((i) => [i.place.townshipCode ?? null, i.place.areaCode ?? null]));

    // Escape closes the dialog and focus goes back to the file input that opened it.
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('import-file');

    // The dataset is listed with its count, and UCDP's attribution is in the legend.
    await expect(page.locator('[data-dataset]').innerText()).resolves.toMatch(/807 shown/);
    await expect(page.locator('section.legend').innerText()).resolves.toContain('UCDP Georeferenced Event Dataset');

    // Curated, built-in and imported incidents share the source: its markers stand for every
    // incident shown (each marker's count is the incidents at its point or area).
    const all = await page.evaluate(async (source) => {
      const { map, app } = (window as unknown as { conflictMap: Handle }).conflictMap;
      const data = await map.getSource<import('maplibre-gl').GeoJSONSource>(source)?.getData();
      const inSource = data && 'features' in data ? data.features.reduce((n, f) => n + Number(f.properties?.['count'] ?? 0), 0) : -1;
      return { inSource, visible: app.visibleCounts.events };
    }, SOURCE.incidents);
    expect(all.visible).toBeGreaterThan(807);
    expect(all.inSource).toBe(all.visible);

    // With the curated dataset and the built-in UCDP record hidden, the map holds exactly the 807 imported rows.
    await page.getByRole('checkbox', { name: /Curated incidents/ }).uncheck();
    await page.getByRole('checkbox', { name: /UCDP Georeferenced Event Dataset \(GED\), Myanmar/ }).uncheck();
    await page.waitForFunction(() => (window as unknown as { conflictMap: Handle }).conflictMap.app.visible.length === 807);
    expect(await settledDrawnCount(807)).toBe(807);
  });

  it('imports a synthetic ACLED file, lists its rejects, keeps it across a reload, then erases it', async () => {
    await freshPage();
    const expected = nodeReport(ACLED);
    await page.getByLabel('Import data').setInputFiles(ACLED);
    const counts = await reportCounts();
    expect(counts).toEqual({ read: expected.rowsRead, shown: expected.rowsShown, rejected: expected.rowsRejected });
    expect(counts).toEqual({ read: 406, shown: 402, rejected: 4 });

    const dialog = page.getByRole('dialog', { name: /Import report/ });
    const rejectedRows = await dialog.getByTestId('rejected-rows').locator('tbody tr').allInnerTexts();
    expect(rejectedRows.map((r) => r.split('\t')[0])).toEqual(['401', '402', '403', '404']);
    expect(rejectedRows[0]).toContain('Latitude and longitude look swapped');
    await expect(dialog.innerText()).resolves.toMatch(/Repeated event ids: 1/);

    // The rejected rows download as CSV: a header and one line per rejected row.
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download rejected rows (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe('acled-synthetic-rejected-rows.csv');
    const rejectsCsv = readFileSync(await download.path(), 'utf8');
    expect(rejectsCsv.trim().split('\r\n')).toHaveLength(5);
    await dialog.getByRole('button', { name: 'Close' }).click();

    // HTML in a note stays text: nothing from the file became an element.
    await expect(page.locator('img[src="x"]').count()).resolves.toBe(0);
    await expect(page.locator('section.legend').innerText()).resolves.toContain('Armed Conflict Location & Event Data (ACLED)');

    // Saving to IndexedDB runs after the dataset is shown; wait for it before reloading.
    await page.waitForFunction(async () => {
      const req = indexedDB.open('conflict-map-imports');
      const db = await new Promise<IDBDatabase>((r) => (req.onsuccess = () => r(req.result)));
      const n = await new Promise<number>((r) => {
        const c = db.transaction('datasets').objectStore('datasets').count();
        c.onsuccess = () => r(c.result);
      });
      db.close();
      return n === 1;
    });
    await page.reload();
    await openApp();
    await page.waitForFunction(() => (window as unknown as { conflictMap: Handle }).conflictMap.app.datasets.length === 1);
    await expect(page.locator('[data-dataset]').innerText()).resolves.toMatch(/acled-synthetic\.csv[\s\S]*402 shown, 4 rejected/);
    const restored = await page.evaluate(() => (window as unknown as { conflictMap: Handle }).conflictMap.app.datasets[0]?.incidents.length);
    expect(restored).toBe(402);

    // One click erases it from the page and from this device.
    await page.getByRole('button', { name: 'Erase imported data' }).click();
    await expect(page.locator('[data-dataset]').count()).resolves.toBe(0);
    await expect(page.getByRole('status').filter({ hasText: 'erased' }).innerText()).resolves.toMatch(/erased from this page and this device/);
    await page.reload();
    await openApp();
    await page.waitForTimeout(500);
    await expect(page.locator('[data-dataset]').count()).resolves.toBe(0);
  });

  it('exports the filtered incidents as CSV that imports again to the same rows', async () => {
    await freshPage();
    await page.getByLabel('Import data').setInputFiles(ACLED);
    await reportCounts();
    await page.keyboard.press('Escape');
    const visible = await page.evaluate(() => (window as unknown as { conflictMap: Handle }).conflictMap.app.visible.map((i) => i.id));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export filtered incidents as CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^conflict-map-incidents-\d{4}-\d{2}-\d{2}\.csv$/);
    const again = importCsvText(readFileSync(await download.path(), 'utf8'), { datasetId: 'again', fileName: 'export.csv' });
    expect(again.format).toBe('conflict-map');
    expect([again.rowsRead, again.rowsShown, again.rowsRejected]).toEqual([visible.length, visible.length, 0]);
    await page.getByRole('button', { name: 'Erase imported data' }).click();
  });

  it('shows progress while a larger file loads, and Cancel stops it leaving nothing behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-e2e-'));
    const big = join(dir, 'acled-60000.csv');
    writeFileSync(big, makeSyntheticAcledCsv(60_000));
    try {
      await freshPage();
      await page.getByLabel('Import data').setInputFiles(big);
      const bar = page.getByRole('progressbar', { name: /Importing acled-60000\.csv/ });
      await bar.waitFor();
      await page.getByRole('button', { name: 'Cancel' }).click();
      await expect(bar.count()).resolves.toBe(0);
      await page.waitForTimeout(500);
      await expect(page.getByRole('dialog').count()).resolves.toBe(0);
      await expect(page.locator('[data-dataset]').count()).resolves.toBe(0);
      // Chunks the worker stored before it was stopped are deleted.
      await page.waitForFunction(async () => {
        const req = indexedDB.open('conflict-map-imports');
        const db = await new Promise<IDBDatabase>((r) => (req.onsuccess = () => r(req.result)));
        const names = [...db.objectStoreNames];
        const n = names.includes('chunks')
          ? await new Promise<number>((r) => {
              const c = db.transaction('chunks').objectStore('chunks').count();
              c.onsuccess = () => r(c.result);
            })
          : 0;
        db.close();
        return n === 0;
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('imports GeoJSON points and a file dropped on the page', async () => {
    await freshPage();
    const geojsonPath = resolve('tests/fixtures/import/geojson-points.geojson');
    const expected = importGeoJsonText(readFileSync(geojsonPath, 'utf8'), { datasetId: 'node', fileName: 'node.geojson' });
    await page.getByLabel('Import data').setInputFiles(geojsonPath);
    expect(await reportCounts()).toEqual({ read: expected.rowsRead, shown: expected.rowsShown, rejected: expected.rowsRejected });
    await page.keyboard.press('Escape');

    // A drag carrying files shows the overlay; dropping imports them.
    const csv = readFileSync(resolve('tests/fixtures/import/acled-current.csv'), 'utf8');
    const transfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
      return dt;
    }, csv);
    await page.dispatchEvent('[data-testid="map"]', 'dragenter', { dataTransfer: transfer });
    await expect(page.getByTestId('drop-zone').innerText()).resolves.toBe('Drop CSV or GeoJSON to import');
    await page.dispatchEvent('[data-testid="map"]', 'drop', { dataTransfer: transfer });
    await expect(page.getByTestId('drop-zone').count()).resolves.toBe(0);
    const dropped = nodeReportOf(csv);
    expect(await reportCounts()).toEqual({ read: dropped.rowsRead, shown: dropped.rowsShown, rejected: dropped.rowsRejected });
    await expect(page.getByRole('dialog', { name: 'Import report: dropped.csv' }).count()).resolves.toBe(1);
    await page.keyboard.press('Escape');
    await expect(page.locator('[data-dataset]').count()).resolves.toBe(2);
  });

  it('refuses a spreadsheet renamed .csv at once, saying what it is', async () => {
    await freshPage();
    await page.getByLabel('Import data').setInputFiles({ name: 'events.csv', mimeType: 'text/csv', buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]) });
    const dialog = page.getByRole('dialog', { name: /Import report/ });
    await expect(dialog.getByTestId('import-refused').innerText()).resolves.toMatch(/Not imported\.[\s\S]*Excel workbook/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(page.locator('[data-dataset]').count()).resolves.toBe(0);
  });
});
