/**
 * Hostile map packages (issue 15), in Chromium, on one page: each package the app's own writer
 * made and one edit spoiled (a changed record, another version, nesting 100,000 deep, a 1 MB
 * foreign member, plain GeoJSON under a package's name) is refused through the real file input
 * with its reason in plain words, adds no dataset and stores nothing, and the map goes on drawing
 * the curated incidents. A package dropped on the map opens the same way: a valid one restores
 * its dataset, and each hostile one is refused with the very message the file input gave. Text
 * from a package (title, dataset name, attribution, a place name, the file name) is shown as text,
 * never as HTML. The page must make no request off its origin and log no error.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { LAYER, SOURCE } from '../../src/lib/map/ids.ts';
import type { Incident } from '../../src/lib/domain/incident.ts';
import { acledCurrentRecords, hostilePackages, writeTestPackage, type HostilePackage } from '../helpers/hostile-packages.ts';
import { gotoApp, waitForIdle } from './harness.ts';
import { useSharedPage } from './map-probe.ts';
import { waitForStoredDatasets } from './stored-datasets.ts';

type Handle = {
  app: {
    curated: readonly { id: string }[];
    visible: readonly { id: string }[];
    datasets: readonly { id: string; name: string; attribution: string | null; incidents: readonly { id: string }[] }[];
    builtinsSettled: boolean;
    select: (id: string | null) => void;
  };
};

/** Markup that runs script if any of it is ever parsed as HTML. */
const INJECTED = '<img src=x onerror="window.__injected=1">';
const TITLE = `Sagaing ${INJECTED}`;
const DATASET_NAME = `acled ${INJECTED}.csv`;
const ATTRIBUTION = `ACLED <b>bold</b> ${INJECTED}`;
const FILE_NAME = `shared ${INJECTED}.conflictmap.geojson`;
const PLACE = `Kyauk ${INJECTED}`;

const shared = useSharedPage({ viewport: { width: 1300, height: 850 } });
let page: Page;
let records: Incident[] = [];
let good = '';
let hostile: HostilePackage[] = [];
/** The refusal the file input showed for each hostile package, by its edit. */
const refusedByInput = new Map<string, string>();

/** Every record the map draws in its view, as a marker of its own or inside a drawn cluster. */
async function recordsDrawn(): Promise<string[]> {
  return page.evaluate(
    async ([layers, source]) => {
      const { map } = (window as unknown as { conflictMap: { map: import('maplibre-gl').Map } }).conflictMap;
      const clusters = map.getSource(source) as import('maplibre-gl').GeoJSONSource;
      const ids = new Set<string>();
      const add = (p: Record<string, unknown> | null): void => {
        for (const id of String(p?.['ids'] ?? '').split('|')) if (id) ids.add(id);
      };
      for (const f of map.queryRenderedFeatures({ layers: [...layers] })) {
        if (f.properties['cluster']) for (const leaf of await clusters.getClusterLeaves(Number(f.properties['cluster_id']), Infinity, 0)) add(leaf.properties);
        else add(f.properties);
      }
      return [...ids].sort();
    },
    [[LAYER.incidents, LAYER.incidentAreaMarkers, LAYER.clusters], SOURCE.incidents] as const,
  );
}

/** What the page holds: datasets, visible and curated counts, and the curated records drawn. */
async function state(): Promise<{ datasets: [string, string, number][]; visible: number; curated: string[]; curatedDrawn: string[] }> {
  const app = await page.evaluate(() => {
    const { app: a } = (window as unknown as { conflictMap: Handle }).conflictMap;
    return { datasets: a.datasets.map((d): [string, string, number] => [d.id, d.name, d.incidents.length]), visible: a.visible.length, curated: a.curated.map((c) => c.id).sort() };
  });
  const drawn = new Set(await recordsDrawn());
  return { ...app, curatedDrawn: app.curated.filter((id) => drawn.has(id)) };
}

/** No text from a package became markup: no element made, no handler run, no request for it. */
async function expectNoInjectedHtml(): Promise<void> {
  const found = await page.evaluate(() => ({
    ran: (window as unknown as { __injected?: number }).__injected ?? null,
    elements: document.querySelectorAll('img[src="x"], [onerror]').length + [...document.querySelectorAll('b')].filter((b) => b.textContent === 'bold').length,
  }));
  expect(found).toEqual({ ran: null, elements: 0 });
  expect(shared.problems().requests.filter((u) => new URL(u).pathname === '/x')).toEqual([]);
}

/** The open import report's refusal, once shown; the report is then closed. */
async function takeRefusal(): Promise<string> {
  const refused = page.getByRole('dialog', { name: /Import report/ }).getByTestId('import-refused');
  const message = await refused.innerText();
  await page.keyboard.press('Escape');
  await refused.waitFor({ state: 'detached' });
  return message;
}

/** Drops a file onto the map, as a person dragging it from their file manager does. */
async function dropOnMap(name: string, text: string): Promise<void> {
  const transfer = await page.evaluateHandle(
    ([n, t]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], n, { type: 'application/geo+json' }));
      return dt;
    },
    [name, text] as const,
  );
  await page.dispatchEvent('[data-testid="map"] canvas', 'dragenter', { dataTransfer: transfer });
  await page.dispatchEvent('[data-testid="map"] canvas', 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent('[data-testid="map"] canvas', 'drop', { dataTransfer: transfer });
  await transfer.dispose();
}

it('opens the app with its curated incidents drawn, and builds the packages with the app\'s own writer', async () => {
  records = acledCurrentRecords();
  // One place name carries markup too; the package is written after the edit, so it is valid.
  records[0] = { ...(records[0] as Incident), place: { ...(records[0] as Incident).place, name: PLACE } };
  good = await writeTestPackage(records, { title: TITLE, datasetName: DATASET_NAME, attribution: ATTRIBUTION });
  hostile = await hostilePackages(good);
  page = shared.page();
  await gotoApp(page);
  await page.waitForFunction(() => (window as unknown as { conflictMap: Handle }).conflictMap.app.builtinsSettled, null, { timeout: 60_000 });
  await waitForIdle(page);
  const before = await state();
  expect(before.datasets).toEqual([]);
  expect(before.curated).toHaveLength(16);
  expect(before.curatedDrawn).toEqual(before.curated);
}, 120_000);

it('refuses each hostile package chosen in the file input, saying why, and adds nothing', async () => {
  const before = await state();
  for (const { edit, text, reason } of hostile) {
    await page.getByLabel('Import data').setInputFiles({ name: FILE_NAME, mimeType: 'application/geo+json', buffer: Buffer.from(text) });
    const message = await takeRefusal();
    expect(message, edit).toMatch(/^Not imported\. "shared <img src=x onerror="window\.__injected=1">\.conflictmap\.geojson" cannot be opened as a Conflict Map package\. /);
    expect(message, edit).toMatch(reason);
    expect(message, edit).toMatch(/ Nothing was imported\.$/);
    refusedByInput.set(edit, message);
    const after = await page.evaluate(() => (window as unknown as { conflictMap: Handle }).conflictMap.app.datasets.length);
    expect(after, edit).toBe(0);
  }
  // The changed record's refusal names the dataset, markup and all, as text.
  expect(refusedByInput.get('a record changed after it was made')).toContain(`The records of "${DATASET_NAME}" do not match its content hash`);
  await expectNoInjectedHtml();
  await waitForStoredDatasets(page, 0);
  // The map still zooms, and draws what it drew.
  const zoomed = await page.evaluate(async () => {
    const { map } = (window as unknown as { conflictMap: { map: import('maplibre-gl').Map } }).conflictMap;
    const from = map.getZoom();
    map.zoomTo(from + 0.5, { animate: false });
    await new Promise<void>((r) => map.once('render', () => r()));
    const by = map.getZoom() - from;
    map.zoomTo(from, { animate: false });
    await new Promise<void>((r) => map.once('idle', () => r()));
    return { by, back: map.getZoom() - from };
  });
  expect(zoomed.by).toBeCloseTo(0.5, 6);
  expect(zoomed.back).toBeCloseTo(0, 6);
  expect(await state()).toEqual(before);
  await expect(page.getByRole('checkbox', { name: /Curated incidents/ }).isChecked()).resolves.toBe(true);
});

it('opens a valid package dropped on the map, its text shown as text', async () => {
  await dropOnMap(FILE_NAME, good);
  const dialog = page.getByRole('dialog', { name: /Import report/ });
  await dialog.getByTestId('package-lines').waitFor();
  await expect(dialog.locator('h2').innerText()).resolves.toBe(`Import report: ${FILE_NAME}`);
  const report = (await dialog.innerText()).replace(/\s+/g, ' ');
  expect(report).toContain(`A Conflict Map package: ${TITLE}. Its contents were checked against their hashes.`);
  expect(report).toContain(`${DATASET_NAME}: 8 records added.`);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await page.waitForFunction(() => (window as unknown as { conflictMap: Handle }).conflictMap.app.visible.some((i) => i.id.startsWith('acled-current:')));
  await waitForIdle(page);
  const restored = await page.evaluate(() => {
    const { app } = (window as unknown as { conflictMap: Handle }).conflictMap;
    return app.datasets.map((d) => ({ id: d.id, name: d.name, attribution: d.attribution, incidents: d.incidents }));
  });
  // Every field of every record, as the sender had it.
  expect(restored).toEqual([{ id: 'acled-current', name: DATASET_NAME, attribution: ATTRIBUTION, incidents: records }]);
  await expect(page.locator('li[data-dataset="acled-current"]').innerText()).resolves.toContain(DATASET_NAME);
  await expect(page.locator('section.legend').innerText()).resolves.toContain(ATTRIBUTION);
  // The incident whose place name carries markup, opened.
  await page.evaluate((id) => (window as unknown as { conflictMap: Handle }).conflictMap.app.select(id), records[0]?.id ?? '');
  await expect(page.getByTestId('details').innerText()).resolves.toContain(PLACE);
  await page.evaluate(() => (window as unknown as { conflictMap: Handle }).conflictMap.app.select(null));
  await page.getByTestId('details').waitFor({ state: 'detached' });
  await expectNoInjectedHtml();
  await waitForStoredDatasets(page, 1);
});

it('refuses each hostile package dropped on the map with the message the file input gave', async () => {
  const before = await state();
  expect(before.datasets).toEqual([['acled-current', DATASET_NAME, 8]]);
  for (const { edit, text } of hostile) {
    await dropOnMap(FILE_NAME, text);
    expect(await takeRefusal(), edit).toBe(refusedByInput.get(edit));
  }
  await expectNoInjectedHtml();
  await waitForStoredDatasets(page, 1);
  expect(await state()).toEqual(before);
  expect(shared.problems().foreignRequests).toEqual([]);
});
