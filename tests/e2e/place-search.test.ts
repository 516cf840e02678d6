/**
 * The place search in the running app (issue #11): MIMU townships are found by their usual
 * spellings and choosing one fits the map to its box; towns and villages come from
 * `places-local.json`, which is fetched the first time the search box is used, not at start-up.
 */
import { describe, expect, it } from 'vitest';
import { gotoApp, useRecordedPages, waitForIdle } from './harness.ts';

type Handle = { map: import('maplibre-gl').Map };

const pages = useRecordedPages();

describe('place search', () => {
  it('loads towns and villages on first use, finds Tabayin as "Depayin" and fits the map to the township', async () => {
    const { page, problems } = await pages.open({ viewport: { width: 1440, height: 900 } });
    await gotoApp(page);
    await waitForIdle(page);
    const localPlaces = (): string[] => problems.requests.filter((u) => u.includes('places-local.json'));
    expect(localPlaces()).toEqual([]);

    const input = page.getByRole('combobox', { name: 'Find a place' });
    // The search's own results (the incident list has options too).
    const results = page.getByRole('listbox', { name: 'Places' }).getByRole('option');
    await input.focus();
    await expect.poll(localPlaces, { timeout: 20_000 }).toHaveLength(1);

    // Two villages of one name, told apart by their townships (the MIMU village file).
    await input.fill('Let Yet Kone');
    await results.filter({ hasText: 'Shwebo Township' }).waitFor();
    const villages = (await results.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()).filter((t) => t.includes('village'));
    expect(villages).toEqual(expect.arrayContaining(['Let Yet Kone village · Tabayin Township, Sagaing', 'Let Yet Kone (Leik Ya Kone) village · Shwebo Township, Sagaing']));

    await input.fill('Depayin');
    const township = results.filter({ hasText: /township · / });
    await expect.poll(async () => (await township.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())).toEqual(['Tabayin (Depayin) township · Sagaing']);
    // The gazetteer's town and MIMU's town of Tabayin are listed once.
    const towns = (await results.filter({ hasText: /town · / }).allInnerTexts()).filter((t) => t.includes('Tabayin'));
    expect(towns).toHaveLength(1);
    await township.click();
    await waitForIdle(page);
    const view = await page.evaluate(() => {
      const { map } = (window as unknown as { conflictMap: Handle }).conflictMap;
      const b = map.getBounds();
      return { west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth(), zoom: map.getZoom() };
    });
    // Tabayin's box in townships.json: [94.8163, 22.4466, 95.5597, 22.8242]. The view holds it, and not much more.
    expect(view.west).toBeLessThanOrEqual(94.8163);
    expect(view.south).toBeLessThanOrEqual(22.4466);
    expect(view.east).toBeGreaterThanOrEqual(95.5597);
    expect(view.north).toBeGreaterThanOrEqual(22.8242);
    expect(view.zoom).toBeGreaterThan(8);
    expect(problems.foreignRequests).toEqual([]);
  });
});
