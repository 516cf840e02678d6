/**
 * The header's one line on what the map shows now, derived from the visible incidents and the
 * filter, so it never claims a year or a count the data do not have.
 */
import { dayNumber, dayParts, monthName } from '../domain/calendar.ts';
import type { DateRange } from '../domain/filter.ts';
import type { IncidentRecord } from '../domain/incident.ts';
import { incidentDaySpan } from '../domain/date-span.ts';

/** "7 Jan 2022" for a day number. */
function shortDay(n: number): string {
  const p = dayParts(n);
  return `${p.day} ${monthName(p.month, true)} ${p.year}`;
}

/**
 * A span of days in short words, year and month said once where shared:
 * "7 Jan – 14 Sep 2022", "3–17 Jul 2022", "20 Dec 2021 – 14 Sep 2022", "7 Jan 2022".
 */
export function shortDayRange(start: number, end: number): string {
  if (start === end) return shortDay(start);
  const a = dayParts(start);
  const b = dayParts(end);
  if (a.year !== b.year) return `${shortDay(start)} – ${shortDay(end)}`;
  if (a.month !== b.month) return `${a.day} ${monthName(a.month, true)} – ${shortDay(end)}`;
  return `${a.day}–${shortDay(end)}`;
}

/** First and last day the incidents may have happened on, or null when none has a real date. */
function spanOf(incidents: readonly IncidentRecord[]): [number, number] | null {
  let first = Infinity;
  let last = -Infinity;
  for (const inc of incidents) {
    const span = incidentDaySpan(inc.date);
    if (!span) continue;
    if (span[0] < first) first = span[0];
    if (span[1] > last) last = span[1];
  }
  return first <= last ? [first, last] : null;
}

/**
 * What is shown, in words: the country, the dates (the date filter when set, else the span of
 * the visible incidents), and how many incidents (`events`: records of one event count once) from how many datasets.
 * @example describeShown(visible, null) // "Myanmar · 7 Jan – 14 Sep 2022 · 16 incidents from 1 dataset"
 */
export function describeShown(visible: readonly IncidentRecord[], dateRange: DateRange | null, events: number = visible.length): string {
  const parts = ['Myanmar'];
  const filtered = dateRange ? [dayNumber(dateRange.start), dayNumber(dateRange.end)] : null;
  const span = filtered && filtered[0] !== null && filtered[1] !== null ? [filtered[0], filtered[1]] : spanOf(visible);
  if (span) parts.push(shortDayRange(span[0] as number, span[1] as number));
  if (visible.length === 0) {
    parts.push('no incidents shown');
  } else {
    const datasets = new Set(visible.map((i) => i.dataset)).size;
    parts.push(`${events.toLocaleString('en-GB')} ${events === 1 ? 'incident' : 'incidents'} from ${datasets} ${datasets === 1 ? 'dataset' : 'datasets'}`);
  }
  return parts.join(' · ');
}
