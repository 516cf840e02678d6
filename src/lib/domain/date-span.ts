/**
 * The days an incident may have happened on, as whole day numbers. Filters ask whether this
 * span overlaps the chosen range, so an event known only to "July 2022" is not lost from a
 * range of 31 July – 5 August.
 */
import { dayNumber, isoWeekStart, monthSpan } from './calendar.ts';
import type { IncidentDate } from './incident.ts';
import type { DateRange } from './filter.ts';

/** Inclusive `[startDay, endDay]` day numbers. */
export type DaySpan = readonly [start: number, end: number];

/**
 * The inclusive day span of an incident date, or null when its start is not a real day.
 * - `day`: the start day alone.
 * - `week`: the source's own start..end when it gives a later end, else the ISO week (Mon–Sun) holding the start.
 * - `month`: from the first day of the start's month to the last day of the end's month.
 * - `range`: start..end.
 * An end that is missing, malformed or before the start falls back to the start's own span.
 * `dayOf` lets a caller indexing many incidents pass a memoised `dayNumber`.
 * @example incidentDaySpan({ precision: 'week', start: '2022-07-13', end: '2022-07-13' }) // 11–17 July 2022
 */
export function incidentDaySpan(date: IncidentDate, dayOf: (day: string) => number | null = dayNumber): DaySpan | null {
  const start = dayOf(date.start);
  if (start === null) return null;
  const rawEnd = dayOf(date.end);
  const end = rawEnd !== null && rawEnd >= start ? rawEnd : start;
  switch (date.precision) {
    case 'day':
      return [start, start];
    case 'week': {
      if (end > start) return [start, end];
      const monday = isoWeekStart(start);
      return [monday, monday + 6];
    }
    case 'month':
      return [monthSpan(start)[0], monthSpan(end)[1]];
    case 'range':
      return [start, end];
    default:
      // A precision added later still gets an honest span rather than a crash.
      return [start, end];
  }
}

/** The day numbers of a filter range, or null when either end is not a real day. */
export function rangeDaySpan(range: DateRange): DaySpan | null {
  const start = dayNumber(range.start);
  const end = dayNumber(range.end);
  return start === null || end === null ? null : [start, end];
}

/** True when two inclusive spans share at least one day. */
export function spansOverlap(a: DaySpan, b: DaySpan): boolean {
  return a[0] <= b[1] && b[0] <= a[1];
}
