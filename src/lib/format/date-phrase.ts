/**
 * Incident dates in words, at the precision the source gives. Works on day numbers only, so a
 * calendar day never passes through local time and reads the same in every time zone.
 */
import type { IncidentDate } from '../domain/incident.ts';
import { dayNumber, dayParts, formatDay, isoWeekStart, monthName, monthSpan } from '../domain/calendar.ts';

/**
 * "14 July 2022" (day), "week of 11 July 2022" (week, from its Monday), "July 2022" (month),
 * "3–7 July 2022" or "December 2021 – March 2022" (range). Unreadable days come back as written.
 * @example phraseIncidentDate({ precision: 'week', start: '2022-07-14', end: '2022-07-14' }) // "week of 11 July 2022"
 */
export function phraseIncidentDate(d: IncidentDate): string {
  const start = dayNumber(d.start);
  const end = dayNumber(d.end);
  if (start === null || end === null || end < start) return d.start === d.end ? d.start : `${d.start} – ${d.end}`;
  switch (d.precision) {
    case 'day':
      return formatDay(start);
    case 'week':
      return `week of ${formatDay(isoWeekStart(start))}`;
    case 'month':
      return monthYear(start);
    case 'range':
      return phraseRange(start, end);
  }
}

/** A span of days in the fewest words: whole months by name, shared month and year said once. */
function phraseRange(start: number, end: number): string {
  if (start === end) return formatDay(start);
  const a = dayParts(start);
  const b = dayParts(end);
  const wholeMonths = monthSpan(start)[0] === start && monthSpan(end)[1] === end;
  if (wholeMonths) {
    if (a.year === b.year && a.month === b.month) return monthYear(start);
    if (a.year === b.year) return `${monthName(a.month)} – ${monthYear(end)}`;
    return `${monthYear(start)} – ${monthYear(end)}`;
  }
  if (a.year === b.year && a.month === b.month) return `${a.day}–${b.day} ${monthYear(start)}`;
  if (a.year === b.year) return `${a.day} ${monthName(a.month)} – ${formatDay(end)}`;
  return `${formatDay(start)} – ${formatDay(end)}`;
}

/** "July 2022" for any day in that month. */
function monthYear(n: number): string {
  const p = dayParts(n);
  return `${monthName(p.month)} ${p.year}`;
}
