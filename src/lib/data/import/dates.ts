/**
 * Date parsing for imported rows. Dates are calendar days (`YYYY-MM-DD`), never instants:
 * nothing here goes through `new Date(text)` or local time, so "15 July 2022" is the 15th
 * in every time zone.
 */
import { dayNumber, dayString, isoWeekStart, monthSpan, type IsoDay } from '../../domain/calendar.ts';
import type { IncidentDate } from '../../domain/incident.ts';
import { codeTable } from './code-tables.ts';

const MONTH_NUMBER: Readonly<Record<string, number>> = codeTable({
  january: 1, jan: 1,
  february: 2, feb: 2,
  march: 3, mar: 3,
  april: 4, apr: 4,
  may: 5,
  june: 6, jun: 6,
  july: 7, jul: 7,
  august: 8, aug: 8,
  september: 9, sep: 9, sept: 9,
  october: 10, oct: 10,
  november: 11, nov: 11,
  december: 12, dec: 12,
});

// "15 July 2022", "15-July-2022", "15 Jul 2022", "5-jul-2022".
const DAY_MONTH_YEAR = /^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4})$/;

// ACLED files repeat the same few hundred dates thousands of times; remembering them makes
// parsing a 200,000-row file cost a lookup per row. The cap keeps a hostile file from growing it.
const cache = new Map<string, IsoDay | null>();
const CACHE_LIMIT = 4096;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** True when `text` starts with `YYYY-MM-DD` (checked by character, no regex). */
function startsWithIsoDay(text: string): boolean {
  return (
    text.length >= 10 &&
    isDigit(text.charCodeAt(0)) && isDigit(text.charCodeAt(1)) && isDigit(text.charCodeAt(2)) && isDigit(text.charCodeAt(3)) &&
    text.charCodeAt(4) === 45 &&
    isDigit(text.charCodeAt(5)) && isDigit(text.charCodeAt(6)) &&
    text.charCodeAt(7) === 45 &&
    isDigit(text.charCodeAt(8)) && isDigit(text.charCodeAt(9))
  );
}

/** True when `text` is exactly `YYYY-MM-DD` and a day `parseDay` would return (cached check). */
function isIsoDayShape(text: string): boolean {
  return text.length === 10 && parseDay(text) === text;
}

function parseUncached(text: string): IsoDay | null {
  const t = text.trim();
  if (startsWithIsoDay(t)) {
    // A time after the date ("2022-07-15 00:00:00.000", "2022-07-15T00:00:00Z") is dropped,
    // not converted: the day written is the day meant.
    if (t.length > 10 && t[10] !== ' ' && t[10] !== 'T') return null;
    const day = t.slice(0, 10);
    return dayNumber(day) === null ? null : day;
  }
  const m = DAY_MONTH_YEAR.exec(t);
  if (!m) return null;
  const month = MONTH_NUMBER[(m[2] as string).toLowerCase()];
  if (month === undefined) return null;
  const day = `${m[3]}-${String(month).padStart(2, '0')}-${(m[1] as string).padStart(2, '0')}`;
  return dayNumber(day) === null ? null : day;
}

/**
 * Parses a date as ACLED and UCDP write it (`2022-07-15`, `2022-07-15 00:00:00.000`,
 * `15 July 2022`, `15-July-2022`, `15 Jul 2022`) into a calendar day, or null.
 * Slashed dates (`07/08/2022`) are refused: day-first or month-first cannot be told apart.
 * @example parseDay('15 July 2022') // '2022-07-15'
 */
export function parseDay(text: string): IsoDay | null {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const day = parseUncached(text);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, day);
  return day;
}

/**
 * The incident date for a day known to a given precision: the day itself, the ISO week
 * (Monday–Sunday) containing it, or the calendar month containing it. Null when that week
 * runs outside the years 0000–9999 (the week of 9999-12-31 ends in year 10000, which no
 * `YYYY-MM-DD` day can name).
 * @example dateAtPrecision('2022-07-15', 'week') // { precision: 'week', start: '2022-07-11', end: '2022-07-17' }
 */
export function dateAtPrecision(day: IsoDay, precision: 'day' | 'week' | 'month', note?: string): IncidentDate | null {
  // The common case, once per row on big files: no calendar arithmetic needed.
  if (precision === 'day' && note === undefined && isIsoDayShape(day)) return { precision, start: day, end: day };
  const n = dayNumber(day);
  if (n === null) throw new RangeError(`not a calendar day: ${day}`);
  let start = day;
  let end = day;
  if (precision === 'week') {
    const monday = isoWeekStart(n);
    start = dayString(monday);
    end = dayString(monday + 6);
  } else if (precision === 'month') {
    const [first, last] = monthSpan(n);
    start = dayString(first);
    end = dayString(last);
  }
  if (!startsWithIsoDay(start) || !startsWithIsoDay(end)) return null;
  return note === undefined ? { precision, start, end } : { precision, start, end, note };
}

/** True when `start`..`end` is exactly one ISO week, Monday to Sunday. */
export function isIsoWeek(start: IsoDay, end: IsoDay): boolean {
  const s = dayNumber(start);
  const e = dayNumber(end);
  return s !== null && e !== null && e - s === 6 && isoWeekStart(s) === s;
}

/** True when `start`..`end` is exactly one calendar month, first day to last. */
export function isCalendarMonth(start: IsoDay, end: IsoDay): boolean {
  const s = dayNumber(start);
  const e = dayNumber(end);
  if (s === null || e === null) return false;
  const [first, last] = monthSpan(s);
  return first === s && last === e;
}

/**
 * The incident date for explicit first and last days with a nominal precision. The precision
 * is kept only when the days fit it (one day; an ISO week; a calendar month); otherwise it is
 * `range`, so `week` and `month` always mean the same thing whichever dataset a row came from.
 * Returns null when a day is not a real date or the end is before the start.
 */
export function dateFromBounds(start: IsoDay, end: IsoDay, nominal: IncidentDate['precision'], note?: string): IncidentDate | null {
  const s = dayNumber(start);
  const e = dayNumber(end);
  if (s === null || e === null || e < s) return null;
  let precision: IncidentDate['precision'] = 'range';
  if (s === e) precision = 'day';
  else if (nominal === 'week' && isIsoWeek(start, end)) precision = 'week';
  else if (nominal === 'month' && isCalendarMonth(start, end)) precision = 'month';
  return note === undefined ? { precision, start, end } : { precision, start, end, note };
}
