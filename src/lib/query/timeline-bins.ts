/**
 * The timeline under the map: a weekly histogram of the incidents the other filters leave,
 * the quick date presets, and the windows the "play" button steps through.
 */
import { dayNumber, dayParts, dayString, isoWeekStart, type IsoDay } from '../domain/calendar.ts';
import { EMPTY_FILTER, type DateRange, type IncidentFilter } from '../domain/filter.ts';
import type { IncidentRecord } from '../domain/incident.ts';
import { incidentIndex, visibleIndices, type IncidentIndex } from './visible-incidents.ts';
import type { DaySpan } from '../domain/date-span.ts';

export interface WeekBin {
  /** The Monday that starts the ISO week. */
  readonly start: IsoDay;
  /** Incidents whose whole day span falls inside this week. */
  readonly exact: number;
  /** Fractional share of incidents whose span crosses weeks (drawn in a lighter shade). */
  readonly spread: number;
}

export interface WeeklyHistogram {
  /** Every ISO week from the first to the last day in the data, empty weeks included. */
  readonly weeks: readonly WeekBin[];
  /** The tallest bar (exact + spread), for scaling; 0 when there is nothing. */
  readonly max: number;
}

/**
 * Weekly histogram (ISO weeks, Monday start) over the whole data span, with every filter but
 * the date range applied, so the bars show where the chosen range sits in the whole record.
 *
 * An incident whose span fits inside one ISO week (any day-dated one, and a week or range that
 * doesn't cross a Monday) adds 1 to that week's `exact`. A span that crosses weeks adds to
 * `spread` in each week it covers, in proportion to the days it has there (so it sums to 1):
 * a July 2022 event adds 3/31 to the week of 27 June and 7/31 to each of the four July weeks.
 * @example weeklyHistogram(incidents, { ...EMPTY_FILTER, categories: new Set(['air_strike']) })
 */
export function weeklyHistogram(
  source: IncidentIndex | readonly IncidentRecord[],
  filter: IncidentFilter = EMPTY_FILTER,
): WeeklyHistogram {
  const index = 'startDay' in source ? source : incidentIndex(source);
  return histogramOfSpans(index.dataSpan, index.startDay, index.endDay, visibleIndices(index, { ...filter, dateRange: null }));
}

/**
 * The weekly histogram of the given rows' day spans, over every ISO week of `dataSpan` (the rule
 * of `weeklyHistogram`: a span inside one week adds 1 to its `exact`, a span across weeks adds
 * to `spread` in proportion to its days there). The event counts bin one record per event with it.
 */
export function histogramOfSpans(dataSpan: DaySpan | null, startDay: Int32Array, endDay: Int32Array, rows: Iterable<number>): WeeklyHistogram {
  if (dataSpan === null) return { weeks: [], max: 0 };
  const firstWeek = isoWeekStart(dataSpan[0]);
  const weekCount = (isoWeekStart(dataSpan[1]) - firstWeek) / 7 + 1;
  const exact = new Float64Array(weekCount);
  const spread = new Float64Array(weekCount);
  for (const i of rows) {
    const s = startDay[i] as number;
    const e = endDay[i] as number;
    if (s > e) continue; // no real date: it has no place on a time axis
    const ws = (isoWeekStart(s) - firstWeek) / 7;
    const we = (isoWeekStart(e) - firstWeek) / 7;
    if (ws === we) {
      exact[ws] = (exact[ws] as number) + 1;
      continue;
    }
    const days = e - s + 1;
    for (let w = ws; w <= we; w++) {
      const monday = firstWeek + w * 7;
      const inWeek = Math.min(e, monday + 6) - Math.max(s, monday) + 1;
      spread[w] = (spread[w] as number) + inWeek / days;
    }
  }
  let max = 0;
  const weeks = Array.from({ length: weekCount }, (_, w) => {
    const bin = { start: dayString(firstWeek + w * 7), exact: exact[w] as number, spread: spread[w] as number };
    max = Math.max(max, bin.exact + bin.spread);
    return bin;
  });
  return { weeks, max };
}

export interface DatePreset {
  readonly id: string;
  readonly label: string;
  /** The range it sets; always explicit, so a link to "the whole record" stays the whole record. */
  readonly range: DateRange;
  /** Quick choices are buttons; years and quarters are offered in a list. */
  readonly group: 'quick' | 'year' | 'quarter';
}

/** The day of the coup: the timeline starts here unless a link says otherwise. */
export const COUP_DAY = '2021-02-01';
/** The year of the news report the project started from. */
export const REPORT_YEAR = 2022;

/** The chart starts no later than the first of January of the coup's year, so the months before it give context. */
const CHART_CONTEXT_START: IsoDay = '2021-01-01';

/**
 * The first day the timeline chart shows: the data's start when no range is chosen or the range
 * reaches back that far; otherwise the earlier of the range's start and 1 January 2021, so the
 * 1989–2020 part of a long record does not squeeze the chosen years into a sliver.
 *
 * @example chartStartDay('1989-01-02', { start: '2022-01-01', end: '2022-12-31' }) // '2021-01-01'
 */
export function chartStartDay(dataStart: IsoDay, range: DateRange | null): IsoDay {
  if (!range) return dataStart;
  const wanted = range.start < CHART_CONTEXT_START ? range.start : CHART_CONTEXT_START;
  return wanted > dataStart ? wanted : dataStart;
}

/** The default date range for data that span `dataStart`–`dataEnd`: from the coup (or the data's start, if later) to the end of the data. */
export function defaultDateRange(dataStart: IsoDay, dataEnd: IsoDay): DateRange {
  return { start: dataStart > COUP_DAY ? dataStart : COUP_DAY, end: dataEnd };
}

/**
 * Quick date choices for the data's span — since the coup, the report's year (2022), the whole
 * record and the last 30 days of data, where the data reach them — then each calendar year and
 * each quarter the data touch, newest first.
 * @example datePresets('2022-01-05', '2022-05-02').map((p) => p.id) // ['2022', 'all', 'last30', 'y2022', '2022-Q2', '2022-Q1']
 */
export function datePresets(dataStart: IsoDay, dataEnd: IsoDay): DatePreset[] {
  const s = dayNumber(dataStart);
  const e = dayNumber(dataEnd);
  if (s === null || e === null || s > e) return [];
  const first = dayParts(s);
  const last = dayParts(e);
  const presets: DatePreset[] = [];
  if (dataStart < COUP_DAY && dataEnd >= COUP_DAY) presets.push({ id: 'coup', label: 'Since the coup', range: defaultDateRange(dataStart, dataEnd), group: 'quick' });
  if (first.year <= REPORT_YEAR && last.year >= REPORT_YEAR) {
    presets.push({ id: String(REPORT_YEAR), label: `${REPORT_YEAR} (the report's year)`, range: { start: `${REPORT_YEAR}-01-01`, end: `${REPORT_YEAR}-12-31` }, group: 'quick' });
  }
  const span = first.year === last.year ? String(first.year) : `${first.year}–${last.year}`;
  presets.push({ id: 'all', label: `Whole record (${span})`, range: { start: dataStart, end: dataEnd }, group: 'quick' });
  presets.push({ id: 'last30', label: 'Last 30 days of data', range: { start: dayString(Math.max(s, e - 29)), end: dataEnd }, group: 'quick' });
  for (let y = last.year; y >= first.year; y--) {
    presets.push({ id: `y${y}`, label: String(y), range: { start: `${y}-01-01`, end: `${y}-12-31` }, group: 'year' });
  }
  const firstQ = first.year * 4 + Math.floor(first.month / 3);
  const lastQ = last.year * 4 + Math.floor(last.month / 3);
  for (let q = lastQ; q >= firstQ; q--) {
    const year = Math.floor(q / 4);
    const n = (q % 4) + 1;
    const startMonth = (n - 1) * 3;
    // Day 0 of the next quarter's first month is the last day of this quarter.
    const endDay = new Date(Date.UTC(year, startMonth + 3, 0)).getUTCDate();
    presets.push({
      id: `${year}-Q${n}`,
      label: `Q${n} ${year}`,
      range: { start: `${year}-${pad(startMonth + 1)}-01`, end: `${year}-${pad(startMonth + 3)}-${pad(endDay)}` },
      group: 'quarter',
    });
  }
  return presets;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * The windows "play" steps through: `windowDays` long, starting at `dataStart` and moving by
 * `stepDays`, until a window reaches `dataEnd`. Windows all have the same length, so the last
 * one may run past the data. Invalid days give no steps.
 * @example playSteps('2022-01-01', '2022-01-20', 7, 14) // 1–14 Jan, 8–21 Jan
 */
export function playSteps(dataStart: IsoDay, dataEnd: IsoDay, stepDays: number, windowDays: number): DateRange[] {
  if (!Number.isInteger(stepDays) || stepDays < 1 || !Number.isInteger(windowDays) || windowDays < 1) {
    throw new RangeError(`playSteps needs whole positive days, got step ${stepDays}, window ${windowDays}`);
  }
  const s = dayNumber(dataStart);
  const e = dayNumber(dataEnd);
  if (s === null || e === null || s > e) return [];
  const steps: DateRange[] = [];
  for (let from = s; ; from += stepDays) {
    const to = from + windowDays - 1;
    steps.push({ start: dayString(from), end: dayString(to) });
    if (to >= e) break;
  }
  return steps;
}
