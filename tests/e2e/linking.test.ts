/**
 * The built-in UCDP record and the links between datasets, in Chromium (issue #13): the filters
 * find exactly what the importer makes of UCDP's own rows, and an import of UCDP rows joins the
 * events they already tell instead of adding markers.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { gotoApp, waitForIdle, useRecordedPages } from './harness.ts';
import { importCsvText } from '../../src/lib/data/import/import-text.ts';
import { visibleIncidents } from '../../src/lib/query/visible-incidents.ts';
import { EMPTY_FILTER, type IncidentFilter } from '../../src/lib/domain/filter.ts';
import { testGeography } from '../helpers/import-geography.ts';

type Handle = {
  app: {
    visible: readonly { id: string; dataset: string }[];
    groups: { groupCount: number };
    recordCountOf: (id: string) => number;
    select: (id: string | null) => void;
    builtinsSettled: boolean;
  };
};

/** The file the built-in dataset is derived from (geo/derive-ucdp.ts), with its dataset id. */
const UCDP_FULL = resolve('../shared/samples/ucdp_ged_myanmar_1989_2023.csv');
const UCDP_SAMPLE = resolve('tests/fixtures/ucdp_ged_myanmar_2022_sagaing_kayah_kayin.csv');

const pages = useRecordedPages();
let page: Page;

async function open(hash: string): Promise<void> {
  ({ page } = await pages.open({ viewport: { width: 1300, height: 850 } }));
  await gotoApp(page, hash);
  await page.waitForFunction(() => (window as unknown as { conflictMap: Handle }).conflictMap.app.builtinsSettled);
  await waitForIdle(page);
}

describe('the built-in UCDP record and links between datasets', () => {
  it('"Air strike", Sagaing, Q3 2022 shows exactly the UCDP events the importer classes so', async () => {
    const filter: IncidentFilter = {
      ...EMPTY_FILTER,
      categories: new Set(['air_strike']),
      admin1: new Set(['Sagaing']),
      dateRange: { start: '2022-07-01', end: '2022-09-30' },
    };
    const report = importCsvText(readFileSync(UCDP_FULL, 'utf8'), { datasetId: 'ucdp-ged', fileName: 'ucdp_ged_myanmar_1989_2023.csv', format: 'ucdp-ged', geography: testGeography() });
    const classed = visibleIncidents(report.incidents, filter).map((i) => i.id).sort();
    expect(classed.length).toBeGreaterThan(3);

    // With the curated incidents hidden, each UCDP event filters by UCDP's own classing.
    await open('#7/22.5/95.5&ds=ucdp-ged&cat=air_strike&adm=Sagaing&from=2022-07-01&to=2022-09-30');
    const visibleIds = () => page.evaluate(() => (window as unknown as { conflictMap: Handle }).conflictMap.app.visible.map((i) => i.id).sort());
    expect(await visibleIds()).toEqual(classed);

    // With them shown, an event a curated incident tells too takes the curated record's category
    // (E14, a helicopter attack, is UCDP 443293, which UCDP's words class as an air strike).
    const curated = (JSON.parse(readFileSync('public/data/incidents.json', 'utf8')) as { incidents: { id: string; category: string; refs?: { dataset: string; id: string }[] }[] }).incidents;
    const toldByCurated = new Map<string, string>(curated.flatMap((c) => (c.refs ?? []).map((r): [string, string] => [`${r.dataset}:${r.id}`, c.category])));
    expect(toldByCurated.get('ucdp-ged:443293')).toBe('helicopter_attack');
    const asEvents = report.incidents.map((i) => ({ ...i, category: (toldByCurated.get(i.id) ?? i.category) as typeof i.category }));
    const expectedUcdp = visibleIncidents(asEvents, filter).map((i) => i.id).sort();
    expect(expectedUcdp).not.toContain('ucdp-ged:443293');
    await open('#7/22.5/95.5&cat=air_strike&adm=Sagaing&from=2022-07-01&to=2022-09-30');
    expect((await visibleIds()).filter((id) => id.startsWith('ucdp-ged:'))).toEqual(expectedUcdp);
  });

  it('with the built-in UCDP record switched off, importing UCDP rows links E16 to event 448773', async () => {
    await open('#8/22.6/95.4');
    await page.getByRole('checkbox', { name: /UCDP Georeferenced Event Dataset \(GED\), Myanmar/ }).uncheck();
    await page.getByLabel('Import data').setInputFiles(UCDP_SAMPLE);
    const report = page.getByRole('dialog', { name: /Import report/ });
    await expect(report.locator('[data-count="shown"]').innerText()).resolves.toBe('807');
    await report.getByRole('button', { name: 'Close' }).click();

    // E16 and the imported row 448773 are one event of two records; the details list both.
    await page.waitForFunction(() => (window as unknown as { conflictMap: Handle }).conflictMap.app.recordCountOf('E16') >= 2);
    await page.evaluate(() => (window as unknown as { conflictMap: Handle }).conflictMap.app.select('E16'));
    const details = page.locator('[data-testid="details"]');
    await details.getByRole('heading', { name: /^One event, \d records$/ }).waitFor();
    const text = await details.innerText();
    expect(text).toContain('Helicopter attack on the monastery school at Let Yet Kone');
    expect(text).toContain('448773');
    expect(text).toContain('ucdp_ged_myanmar_2022_sagaing_kayah_kayin.csv');
  });
});
