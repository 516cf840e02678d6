/**
 * Issue 11's "By township" with 200,000 imported incidents, in the app: a synthetic ACLED CSV
 * (`writeSyntheticAcledCsv`, whose rows name their state/region, district and township, admin1–3,
 * as ACLED's do) is imported through "Import data", then timed, each to the map's next `idle`:
 * (a) clicking "By township" on (counting every visible incident by township, colouring the
 * townships, showing the legend); (b) date-range changes while it is on (`app.setFilter`, as
 * tests/bench/filter-bench.ts does); next to the baseline (c) the same date-range changes with
 * it off. Rounds alternate which of (b) and (c) goes first; medians of every step. Figures and
 * ratios, never assertions. (tests/bench/township-bench.ts is another benchmark: the township
 * matching of the importer, in Node.)
 */
import type { Browser, Page } from 'playwright-core';
import { freshPage, importThroughApp, type AppImportResult } from './import-bench.ts';
import { median, RANGES, settledDateRangeSteps } from './filter-bench.ts';
import { waitForIdle } from '../e2e/harness.ts';

/** How many imported incidents count in a township, with all dates shown. */
export interface TownshipSpread {
  /** Townships holding at least one incident. */
  readonly townships: number;
  /** Incidents counted in a township, known only to a district or wider, and placed in none. */
  readonly inTownships: number;
  readonly widerOnly: number;
  readonly unplaced: number;
  readonly total: number;
}

/** What the "By township" benchmark measured. */
export interface ByTownshipBenchResult {
  readonly imported: AppImportResult;
  /** The import report's township lines, as shown. */
  readonly placeMatch: string;
  readonly spread: TownshipSpread;
  /** Clicking "By township" on → idle, ms, once a round. */
  readonly switchOnMs: readonly number[];
  /** Clicking "Incidents" (it off again) → idle, ms, once a round. */
  readonly switchOffMs: readonly number[];
  /** Date-range change → idle with it on, and with it off, ms per step. */
  readonly stepsOnMs: readonly number[];
  readonly stepsOffMs: readonly number[];
}

type TownshipWindow = {
  conflictMap: {
    map: import('maplibre-gl').Map;
    app: {
      filter: { dateRange: unknown };
      setFilter(f: object): void;
      townshipCounts: { counts: ReadonlyMap<string, number>; widerOnly: number; unplaced: number; total: number } | null;
    };
  };
};

/** Clicks a button of the map's mode switch ("Incidents" / "By township") and times it to the map's next idle. */
function switchMode(page: Page, label: 'By township' | 'Incidents'): Promise<number> {
  return page.evaluate(async (label) => {
    const { map } = (window as unknown as TownshipWindow).conflictMap;
    const button = [...document.querySelectorAll<HTMLButtonElement>('[aria-label="The map shows"] button')].find((b) => b.textContent?.trim() === label);
    if (!button) throw new Error(`no "${label}" button`);
    const t0 = performance.now();
    button.click();
    // The state's effects (the counts, the map's feature state, the legend) run after the click's task.
    await new Promise((r) => setTimeout(r, 0));
    const idle = new Promise((r) => map.once('idle', r));
    map.triggerRepaint();
    await idle;
    return performance.now() - t0;
  }, label);
}

/** Shows every date again (the filter as the import left it), untimed. */
async function restoreDates(page: Page, dateRange: unknown): Promise<void> {
  await page.evaluate((dateRange) => {
    const { app } = (window as unknown as TownshipWindow).conflictMap;
    app.setFilter({ ...app.filter, dateRange });
  }, dateRange);
  await page.waitForTimeout(300);
  await waitForIdle(page);
}

/** Imports the file in a fresh app page, then runs `rounds` rounds of the three measurements. */
export async function benchByTownship(browser: Browser, filePath: string, baseURL: string, rounds = 3): Promise<ByTownshipBenchResult> {
  const { page } = await freshPage(browser);
  try {
    await page.goto(`${baseURL}?handle`);
    await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 300_000 });
    const imported = await importThroughApp(page, filePath, 1_200_000);
    const placeMatch = (await page.locator('[data-testid="place-match"], [data-testid="place-match-unmatched"], [data-testid="place-match-unavailable"]').allInnerTexts()).join(' ');
    await page.keyboard.press('Escape');
    await waitForIdle(page);
    const allDates = await page.evaluate(() => (window as unknown as TownshipWindow).conflictMap.app.filter.dateRange);
    const switchOnMs: number[] = [];
    const switchOffMs: number[] = [];
    const stepsOnMs: number[] = [];
    const stepsOffMs: number[] = [];
    let spread: TownshipSpread | null = null;
    for (let round = 0; round < rounds; round++) {
      const on = async (): Promise<void> => {
        await restoreDates(page, allDates);
        switchOnMs.push(await switchMode(page, 'By township'));
        spread ??= await page.evaluate(() => {
          const c = (window as unknown as TownshipWindow).conflictMap.app.townshipCounts;
          if (!c) throw new Error('"By township" did not count');
          return { townships: c.counts.size, inTownships: [...c.counts.values()].reduce((a, b) => a + b, 0), widerOnly: c.widerOnly, unplaced: c.unplaced, total: c.total };
        });
        stepsOnMs.push(...(await settledDateRangeSteps(page, RANGES)));
        switchOffMs.push(await switchMode(page, 'Incidents'));
      };
      const off = async (): Promise<void> => {
        await restoreDates(page, allDates);
        stepsOffMs.push(...(await settledDateRangeSteps(page, RANGES)));
      };
      if (round % 2 === 0) {
        await on();
        await off();
      } else {
        await off();
        await on();
      }
    }
    if (!spread) throw new Error('no round ran');
    return { imported, placeMatch, spread, switchOnMs, switchOffMs, stepsOnMs, stepsOffMs };
  } finally {
    await page.context().close();
  }
}

/** The figures as text, with the ratios to the baseline. */
export function formatByTownship(r: ByTownshipBenchResult, rows: number): string {
  const ms = (x: number): string => `${Math.round(x)} ms`;
  const list = (xs: readonly number[]): string => xs.map((x) => Math.round(x)).join(', ');
  const off = median(r.stepsOffMs);
  const on = median(r.stepsOnMs);
  const sw = median(r.switchOnMs);
  const s = r.spread;
  const n = (x: number): string => x.toLocaleString('en-GB');
  return [
    `"By township" with ${n(rows)} imported synthetic ACLED rows (fresh page; ${RANGES.length} month-long date ranges a round, ${r.switchOnMs.length} rounds alternating which goes first):`,
    `  import: read ${n(r.imported.counts.read)}, shown ${n(r.imported.counts.shown)}, rejected ${n(r.imported.counts.rejected)}; file -> drawn ${(r.imported.fileToDrawnMs / 1000).toFixed(1)} s`,
    `  township matching (import report): ${r.placeMatch.replace(/\s+/g, ' ').trim() || '(no township lines)'}`,
    `  all dates, "By township" counts: ${n(s.inTownships)} in ${s.townships} townships, ${n(s.widerOnly)} known only to a district or wider, ${n(s.unplaced)} in no township (of ${n(s.total)} visible events)`,
    `  (a) click "By township" on -> idle: median ${ms(sw)} (${list(r.switchOnMs)}); off again ("Incidents"): median ${ms(median(r.switchOffMs))} (${list(r.switchOffMs)})`,
    `  (b) date-range change -> idle, "By township" on:  median ${ms(on)} of ${r.stepsOnMs.length} steps  = ${(on / off).toFixed(2)}x the same change with it off`,
    `  (c) date-range change -> idle, off (baseline):    median ${ms(off)} of ${r.stepsOffMs.length} steps  (1.00x)`,
    `  switching on / a date-range change with it off: ${(sw / off).toFixed(2)}x`,
  ].join('\n');
}
