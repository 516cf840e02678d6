import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { gotoApp, waitForIdle, useRecordedPages } from './harness.ts';
import type { Incident } from '../../src/lib/domain/incident.ts';
import { EMPTY_FILTER, type DateRange, type IncidentFilter } from '../../src/lib/domain/filter.ts';
import { visibleIncidents } from '../../src/lib/query/visible-incidents.ts';
import { LAYER } from '../../src/lib/map/ids.ts';
import type { CategoryId } from '../../src/lib/domain/categories.ts';
import { LIVE_LAYERS } from '../../src/lib/map/incident-layers.ts';

type Handle = { map: import('maplibre-gl').Map; app: { filter: IncidentFilter } };

const curated = (JSON.parse(readFileSync('public/data/incidents.json', 'utf8')) as { incidents: Incident[] }).incidents;

const pages = useRecordedPages();
let page: Page;

async function openPage(hashOrUrl: string): Promise<void> {
  ({ page } = await pages.open({ viewport: { width: 1300, height: 900 } }));
  if (hashOrUrl.startsWith('http')) {
    await page.goto(hashOrUrl);
    await page.waitForSelector('[data-testid="map"][data-ready="true"]');
  } else await gotoApp(page, hashOrUrl);
  await page.waitForFunction(() => document.querySelectorAll('[role="option"]').length > 0 || document.body.textContent?.includes(' 0 of '));
  await waitForIdle(page);
}

/**
 * Incidents drawn on the map: each cluster's `total` plus each marker's `count` (a marker stands
 * for every incident at one point or one area, and says how many).
 */
async function drawnCount(p: Page): Promise<number> {
  return p.evaluate(
    ([clusters, markers, areas]) => {
      const { map } = (window as unknown as { conflictMap: Handle }).conflictMap;
      const byCluster = new Map<number, number>();
      for (const f of map.queryRenderedFeatures({ layers: [clusters as string] })) {
        byCluster.set(f.properties['cluster_id'] as number, f.properties['total'] as number);
      }
      const byMarker = new Map<string, number>();
      for (const f of map.queryRenderedFeatures({ layers: [markers as string, areas as string] })) {
        byMarker.set(String(f.properties['ids']), Number(f.properties['count']));
      }
      const sum = (m: Map<unknown, number>): number => [...m.values()].reduce((a, b) => a + b, 0);
      return sum(byCluster) + sum(byMarker);
    },
    [LAYER.clusters, LAYER.incidents, LAYER.incidentAreaMarkers],
  );
}

async function feedCount(p: Page): Promise<number> {
  return Number(await p.getByTestId('visible-count').getAttribute('data-events'));
}

/** Waits until the count says `n` incidents are shown. */
async function shownCountIs(p: Page, n: number): Promise<void> {
  await p.waitForFunction((want) => document.querySelector('[data-testid="visible-count"]')?.getAttribute('data-events') === String(want), n);
}

describe('filters, feed and permalinks', () => {
  it('filters by date range and category through the UI, shares the state as a link, and plays through time', async () => {
    // The curated dataset alone (the built-in UCDP record switched off through the link), so the
    // expected incidents come from public/data/incidents.json.
    await openPage('#5/19.8/96.6&ds=curated');
    // 1. A date range (preset Q1 2022) and a category (air strikes only), through the UI.
    await page.selectOption('label.period select', '2022-Q1');
    await page.click('details.filters > summary');
    for (const id of ['helicopter_attack', 'shelling', 'massacre_raid', 'clash', 'displacement', 'other']) {
      await page.uncheck(`fieldset[data-facet="categories"] input[data-value="${id}"]`);
    }
    const filter: IncidentFilter = { ...EMPTY_FILTER, dateRange: { start: '2022-01-01', end: '2022-03-31' }, categories: new Set(['air_strike']) };
    const expected = visibleIncidents(curated, filter);
    expect(expected.length).toBeGreaterThan(2);
    expect(expected.length).toBeLessThan(curated.length);
    await shownCountIs(page, expected.length);
    await waitForIdle(page);
    expect(await feedCount(page)).toBe(expected.length);
    expect(await page.locator('[role="option"]').count()).toBe(expected.length);
    await expect.poll(() => drawnCount(page), { timeout: 15_000 }).toBe(expected.length);
    const url = page.url();
    expect(url).toContain('cat=air_strike');
    expect(url).toContain('from=2022-01-01');

    // 2. The link opens the same state in a new page.
    const first = page;
    await openPage(url);
    await page.click('details.filters > summary');
    expect(await feedCount(page)).toBe(expected.length);
    expect(await page.isChecked('fieldset[data-facet="categories"] input[data-value="helicopter_attack"]')).toBe(false);
    expect(await page.isChecked('fieldset[data-facet="categories"] input[data-value="air_strike"]')).toBe(true);
    await expect(page.locator('label.period select').inputValue()).resolves.toBe('2022-Q1');
    await expect.poll(() => drawnCount(page), { timeout: 15_000 }).toBe(expected.length);
    await first.close();

    // Back steps through deliberate changes: the category change before, then the preset.
    await page.click('button[data-preset="all"]');
    await page.waitForFunction(() => window.location.hash.includes('from=') && !window.location.hash.includes('from=2022-01-01'));
    await page.goBack();
    await page.waitForFunction(() => window.location.hash.includes('from=2022-01-01'));
    await shownCountIs(page, expected.length);

    // 3. Play from the coup: every step the map draws exactly visibleIncidents(data, stepRange).
    await page.click('button[data-preset="coup"]');
    await page.evaluate(
      ([markers, areas]) => {
        const { map, app } = (window as unknown as { conflictMap: Handle }).conflictMap;
        const samples: { range: DateRange | null; categories: string[] | null; ids: string[] }[] = [];
        (window as unknown as { playSamples: typeof samples }).playSamples = samples;
        map.on('idle', () => {
          // Only while playing: the live layers stand in for the settled ones then.
          if (document.querySelector('button.play')?.getAttribute('aria-pressed') !== 'true') return;
          const ids = new Set<string>();
          for (const f of map.queryRenderedFeatures({ layers: [markers as string, areas as string] })) {
            for (const id of String(f.properties['ids']).split('|')) if (id) ids.add(id);
          }
          const cats = app.filter.categories;
          samples.push({ range: app.filter.dateRange, categories: cats ? [...cats] : null, ids: [...ids].sort() });
        });
      },
      [LIVE_LAYERS.markers, LIVE_LAYERS.areaMarkers],
    );
    await page.selectOption('label:has-text("Speed") select', 'slow');
    await page.click('button.play');
    await page.waitForFunction(() => (window as unknown as { playSamples: unknown[] }).playSamples.length >= 6, undefined, { timeout: 60_000 });
    await page.click('button.play');
    const samples = await page.evaluate(
      () => (window as unknown as { playSamples: { range: DateRange | null; categories: CategoryId[] | null; ids: string[] }[] }).playSamples,
    );
    const stepped = samples.filter((s) => s.range !== null);
    expect(new Set(stepped.map((s) => s.range?.start)).size).toBeGreaterThanOrEqual(3);
    for (const s of stepped) {
      // The category filter from the link is still in effect while playing.
      expect(s.categories).toEqual(['air_strike']);
      const stepFilter = { ...EMPTY_FILTER, categories: new Set(s.categories ?? []), dateRange: s.range };
      const want = visibleIncidents(curated, stepFilter).map((i) => i.id).sort();
      expect(s.ids, `step ${s.range?.start}–${s.range?.end}`).toEqual(want);
    }
  });
});

