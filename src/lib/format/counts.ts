/** Counts for people: records and the events they make once linked records count once (issue #13). */

function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/**
 * "1,548 records, 1,530 events" when linking made some records one event, and just
 * "1,548 records" when every record is its own event, so the second number appears only where
 * it says something.
 * @example recordsAndEvents({ records: 1548, events: 1530 }) // '1,548 records, 1,530 events'
 */
export function recordsAndEvents(counts: { readonly records: number; readonly events: number }): string {
  const records = count(counts.records, 'record', 'records');
  return counts.events === counts.records ? records : `${records}, ${count(counts.events, 'event', 'events')}`;
}
