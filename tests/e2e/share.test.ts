/**
 * Share a map (issue 15), in Chromium: a map of the UCDP sample with a filter and a selection is
 * saved as a map package; opened in a new browser profile it gives the same incidents, view,
 * filters and selection, with the dataset's name and attribution; opened again it is "already
 * on this device". A permalink to the imported dataset, opened in a new profile, says plainly
 * that the dataset is not on this device, with its name and count.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { baseURL, gotoApp, useRecordedPages, waitForIdle } from './harness.ts';

type Handle = {
  app: {
    visible: readonly { id: string }[];
    selectedId: string | null;
    view: { zoom: number; lat: number; lon: number; bearing: number; pitch: number };
    datasets: readonly { id: string; name: string; attribution: string | null; incidents: readonly unknown[] }[];
  };
};

const UCDP = resolve('tests/fixtures/ucdp_ged_myanmar_2022_sagaing_kayah_kayin.csv');
const UCDP_NAME = 'ucdp_ged_myanmar_2022_sagaing_kayah_kayin.csv';

const pages = useRecordedPages();
const dir = mkdtempSync(join(tmpdir(), 'share-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a page shows, read through the documented test handle. */
function shown(page: Page): Promise<{ visible: string[]; selectedId: string | null; view: Handle['app']['view']; hash: string; datasets: { id: string; name: string; attribution: string | null; rows: number }[] }> {
  return page.evaluate(() => {
    const { app } = (window as unknown as { conflictMap: Handle }).conflictMap;
    return {
      visible: app.visible.map((r) => r.id).sort(),
      selectedId: app.selectedId,
      view: { ...app.view },
      hash: window.location.hash,
      datasets: app.datasets.map((d) => ({ id: d.id, name: d.name, attribution: d.attribution, rows: d.incidents.length })),
    };
  });
}

async function openPage(hash = ''): Promise<Page> {
  const { page } = await pages.open({ viewport: { width: 1300, height: 850 }, acceptDownloads: true });
  await gotoApp(page, hash);
  await page.waitForFunction(() => document.querySelectorAll('[role="option"]').length > 0);
  return page;
}

async function importFile(page: Page, path: string): Promise<string> {
  await page.getByLabel('Import data').setInputFiles(path);
  const dialog = page.getByRole('dialog', { name: /Import report/ });
  await dialog.waitFor();
  return (await dialog.innerText()).replace(/\s+/g, ' ');
}

describe('share a map', () => {
  let permalink = '';

  it('a package of the UCDP sample reopens in a new profile with the same incidents, view, filters, selection, name and attribution', async () => {
    // The sender imports the sample, keeps only it and the first half of 2022, and selects an incident.
    const sender = await openPage();
    expect(await importFile(sender, UCDP)).toMatch(/807 read = 807 shown \+ 0 rejected/);
    await sender.getByRole('dialog', { name: /Import report/ }).getByRole('button', { name: 'Close' }).click();
    const [imported] = (await shown(sender)).datasets;
    expect(imported?.name).toBe(UCDP_NAME);
    await sender.evaluate((id) => (window.location.hash = `#6.5/22.5/95.8&ds=${id}&from=2022-01-01&to=2022-06-30`), imported?.id ?? '');
    await sender.waitForFunction(() => window.location.hash.includes('from=2022-01-01') && window.location.hash.includes('d.'));
    await sender.locator('[role="option"]').nth(2).click();
    await sender.waitForFunction(() => window.location.hash.includes('sel='));
    await waitForIdle(sender);
    const before = await shown(sender);
    expect(before.visible.length).toBeGreaterThan(10);
    expect(before.visible.length).toBeLessThan(807);
    expect(before.selectedId).not.toBeNull();
    permalink = `${baseURL()}?handle${before.hash}`;

    // Share…: the dialog states the file and its size before saving.
    await sender.getByRole('button', { name: 'Share…' }).click();
    const dialog = sender.getByRole('dialog', { name: 'Share this map' });
    await dialog.getByLabel('Title').fill('Sagaing, first half of 2022');
    await expect(dialog.getByTestId('share-size').filter({ hasText: 'bytes' }).innerText()).resolves.toMatch(
      /^Sagaing, first half of 2022\.conflictmap\.geojson: [\d.]+ [kM]B \([\d,]+ bytes\), 807 incidents included\./,
    );
    const [download] = await Promise.all([sender.waitForEvent('download'), dialog.getByRole('button', { name: 'Save map package' }).click()]);
    expect(download.suggestedFilename()).toBe('Sagaing, first half of 2022.conflictmap.geojson');
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const stated = Number((await dialog.getByTestId('share-size').innerText()).match(/\(([\d,]+) bytes\)/)?.[1]?.replace(/,/g, ''));
    expect(readFileSync(file).length).toBe(stated);
    const geojson = JSON.parse(readFileSync(file, 'utf8')) as { type: string; features: unknown[]; conflictMap: { title: string; datasets: { name: string }[] } };
    expect(geojson.type).toBe('FeatureCollection');
    expect(geojson.features).toHaveLength(807);
    expect(geojson.conflictMap.datasets.map((d) => d.name)).toEqual([UCDP_NAME]);

    // The colleague, in a new profile, opens the package with Import data and takes its view.
    const receiver = await openPage();
    const report = await importFile(receiver, file);
    expect(report).toContain('Sagaing, first half of 2022');
    expect(report).toContain(`${UCDP_NAME}: 807 records added.`);
    await receiver.getByRole('button', { name: 'Replace my view' }).click();
    await receiver.waitForFunction(() => window.location.hash.includes('sel='));
    await waitForIdle(receiver);
    const after = await shown(receiver);
    expect(after.visible).toEqual(before.visible);
    expect(after.selectedId).toBe(before.selectedId);
    for (const k of ['zoom', 'lat', 'lon', 'bearing', 'pitch'] as const) expect(after.view[k]).toBeCloseTo(before.view[k], 6);
    // The same link: view, filters, selection and the datasets it names.
    expect(after.hash).toBe(before.hash);
    expect(after.datasets).toEqual([{ ...imported, rows: 807 }]);
    await expect(receiver.locator(`li[data-dataset="${imported?.id}"]`).innerText()).resolves.toContain(UCDP_NAME);
    await expect(receiver.locator('section.legend').innerText()).resolves.toContain('UCDP Georeferenced Event Dataset');

    // Opened again, nothing is added twice.
    expect(await importFile(receiver, file)).toContain(`${UCDP_NAME} is already on this device: nothing was added.`);
    expect((await shown(receiver)).datasets).toHaveLength(1);
    // Two profiles each load the app (about 10 s apiece on SwiftShader, several times that on a busy machine).
  }, 300_000);

  it('a permalink to an imported dataset, opened in a new profile, says the dataset is not on this device', async () => {
    expect(permalink).toContain('d.');
    const { page } = await pages.open({ viewport: { width: 1300, height: 850 } });
    await page.goto(permalink);
    await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 60_000 });
    await expect(page.getByTestId('link-notice').innerText()).resolves.toContain(
      `This link shows 807 incidents from ${UCDP_NAME}, which is not on this device. Ask the sender for the map package.`,
    );
  }, 180_000);
});
