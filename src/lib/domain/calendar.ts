/**
 * Calendar days as `YYYY-MM-DD` strings and whole day numbers. A date-only value is a
 * calendar day, never an instant, so nothing here goes through local time: 14 July stays
 * 14 July in every time zone.
 */
export type IsoDay = string;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Parses `YYYY-MM-DD` into a day number (days since 1970-01-01), or null when it is not a real date. */
export function dayNumber(day: string): number | null {
  const m = ISO_DAY.exec(day);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return Math.round(t / MS_PER_DAY);
}

/** True when the string is a real `YYYY-MM-DD` calendar day. */
export function isIsoDay(day: unknown): day is IsoDay {
  return typeof day === 'string' && dayNumber(day) !== null;
}

/** The `YYYY-MM-DD` string of a day number. */
export function dayString(n: number): IsoDay {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Day of week of a day number, Monday = 0 … Sunday = 6. */
export function weekday(n: number): number {
  // 1970-01-01 was a Thursday (3 when Monday = 0).
  return (((n + 3) % 7) + 7) % 7;
}

/** The Monday that starts the ISO week containing the day. */
export function isoWeekStart(n: number): number {
  return n - weekday(n);
}

/** First and last day numbers of the calendar month containing the day. */
export function monthSpan(n: number): [number, number] {
  const d = new Date(n * MS_PER_DAY);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const first = Math.round(Date.UTC(y, m, 1) / MS_PER_DAY);
  const last = Math.round(Date.UTC(y, m + 1, 0) / MS_PER_DAY);
  return [first, last];
}

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;
const MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** English month name (0 = January). */
export function monthName(m: number, short = false): string {
  return (short ? MONTHS_SHORT : MONTHS)[m] ?? '';
}

/** Year, month (0-based) and day of a day number. */
export function dayParts(n: number): { year: number; month: number; day: number } {
  const d = new Date(n * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate() };
}

/** "14 July 2022" for a day number. */
export function formatDay(n: number): string {
  const p = dayParts(n);
  return `${p.day} ${monthName(p.month)} ${p.year}`;
}

/** The calendar day a moment falls on where the reader is (their local time zone), e.g. for "accessed on". */
export function localIsoDay(d: Date): IsoDay {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
