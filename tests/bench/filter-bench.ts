/**
 * Issue 4's benchmark: for 100,000 synthetic incidents, the median time from changing the date
 * range to the map's next `idle`, through the app's own path (clustered setData, and the live
 * global-state layers used while scrubbing), next to a bare MapLibre `setFilter` on a plain
 * circle layer of the same points, measured in the same page and run.
 */
import type { Page } from 'playwright-core';
import { syntheticIncidents } from './synthetic-incidents.ts';
import { incidentsToFeatureCollection } from '../../src/lib/geo/incident-features.ts';

export interface FilterBenchResult {
  readonly incidents: number;
  readonly steps: number;
  readonly settledMedianMs: number;
  readonly liveMedianMs: number;
  readonly bareSetFilterMedianMs: number;
}

/** The median of some timings (NaN for none). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
}

/** A date range as the filter holds it: first and last day, YYYY-MM-DD. */
export type DateRangeStep = readonly [start: string, end: string];

/** Month-long date ranges across the synthetic data, in an order that changes a lot each step. */
export const RANGES: readonly DateRangeStep[] = [
  ['2022-01-01', '2022-01-31'], ['2022-07-01', '2022-07-31'], ['2021-03-01', '2021-03-31'],
  ['2023-05-01', '2023-05-31'], ['2022-10-01', '2022-10-31'], ['2021-09-01', '2021-09-30'],
  ['2023-11-01', '2023-11-30'], ['2022-04-01', '2022-04-30'], ['2021-12-01', '2021-12-31'],
];

/**
 * Sets each date range in turn through the app (`setFilter`, as the filter panel does) and times
 * each change to the map's next `idle` after the clustered source has taken the new visible set
 * (it is updated by a debounced `setData`); ms per step. The page is the app opened with `?handle`.
 */
export async function settledDateRangeSteps(page: Page, ranges: readonly DateRangeStep[]): Promise<number[]> {
  return page.evaluate(async (ranges) => {
    const { map, app } = (window as any).conflictMap;
    const times: number[] = [];
    for (const [start, end] of ranges) {
      const t0 = performance.now();
      const data = new Promise<void>((r) => {
        const on = (e: any) => { if (e.sourceId === 'incidents' && e.isSourceLoaded) { map.off('sourcedata', on); r(); } };
        map.on('sourcedata', on);
      });
      app.setFilter({ ...app.filter, dateRange: { start, end } });
      await data;
      await new Promise((r) => map.once('idle', r));
      times.push(performance.now() - t0);
    }
    return times;
  }, ranges as [string, string][]);
}

/** Runs the filter benchmark on a page opened at the app with `?handle`. */
export async function benchFilter(page: Page, n = 100_000): Promise<FilterBenchResult> {
  const incidents = syntheticIncidents(n, 7);
  await page.evaluate(async (json) => {
    const { map, app } = (window as any).conflictMap;
    app.curated = JSON.parse(json);
    await new Promise((r) => setTimeout(r, 300));
    await new Promise((r) => map.once('idle', r));
  }, JSON.stringify(incidents));

  const settled = await settledDateRangeSteps(page, RANGES);

  const live: number[] = await page.evaluate(async (ranges) => {
    const { map, app } = (window as any).conflictMap;
    app.scrubbing = true;
    await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => map.once('idle', r));
    const times: number[] = [];
    for (const [start, end] of ranges) {
      const t0 = performance.now();
      app.setFilter({ ...app.filter, dateRange: { start, end } });
      await new Promise((r) => map.once('idle', r));
      times.push(performance.now() - t0);
    }
    app.scrubbing = false;
    return times;
  }, RANGES as [string, string][]);

  const fc = incidentsToFeatureCollection(incidents);
  const bare: number[] = await page.evaluate(async ({ json, ranges }) => {
    const { map } = (window as any).conflictMap;
    for (const l of map.getStyle().layers) if (l.id.startsWith('incident') || l.id.startsWith('dataset')) map.setLayoutProperty(l.id, 'visibility', 'none');
    map.addSource('bench-bare', { type: 'geojson', data: JSON.parse(json) });
    map.addLayer({ id: 'bench-bare', type: 'circle', source: 'bench-bare', paint: { 'circle-radius': 3, 'circle-color': '#c0162c' } });
    await new Promise((r) => map.once('idle', r));
    const day = (s: string) => Math.round(Date.parse(`${s}T00:00:00Z`) / 86_400_000);
    const times: number[] = [];
    for (const [start, end] of ranges) {
      const t0 = performance.now();
      map.setFilter('bench-bare', ['all', ['<=', ['get', 'startDay'], day(end)], ['>=', ['get', 'endDay'], day(start)]]);
      await new Promise((r) => map.once('idle', r));
      times.push(performance.now() - t0);
    }
    return times;
  }, { json: JSON.stringify(fc), ranges: RANGES as [string, string][] });

  return {
    incidents: n,
    steps: RANGES.length,
    settledMedianMs: median(settled),
    liveMedianMs: median(live),
    bareSetFilterMedianMs: median(bare),
  };
}

/** Lines for the bench report. */
export function formatFilterBench(r: FilterBenchResult): string {
  const ratio = (x: number) => (x / r.bareSetFilterMedianMs).toFixed(2);
  return [
    `Date-range change → map idle, ${r.incidents.toLocaleString('en-GB')} incidents, median of ${r.steps} steps:`,
    `  app, settled (clustered setData):   ${r.settledMedianMs.toFixed(0)} ms  (${ratio(r.settledMedianMs)}× bare)`,
    `  app, live (global-state, scrubbing): ${r.liveMedianMs.toFixed(0)} ms  (${ratio(r.liveMedianMs)}× bare)`,
    `  bare MapLibre setFilter, circles:    ${r.bareSetFilterMedianMs.toFixed(0)} ms  (1.00×)`,
  ].join('\n');
}
