/**
 * The visible events as the list and the map show them: one row and one marker per event (a
 * linked group of records, or one record alone). An event reads as its headline record (the
 * curated one if it has one, else its most precise) with the event's category, placed where its
 * most precisely placed record is and dated as its most precisely dated record.
 */
import type { IncidentRecord } from '../domain/incident.ts';
import type { EventGroups, GroupSummaries } from './event-counts.ts';
import type { IncidentIndex } from './visible-incidents.ts';
import { CATEGORY_IDS } from '../domain/categories.ts';

/** One event, for the list and the map. */
export interface EventView {
  /** The event as one record: its headline record's id and title, the event's place, date and category. */
  readonly record: IncidentRecord;
  /** The ids of every record of the event, the headline's first. */
  readonly ids: readonly string[];
  /** The group number (`EventGroups`). */
  readonly group: number;
}

/**
 * The events that have a record among `rows` (index positions, in date order), in the order their
 * first record appears; a record alone is its own event, returned as it is (no copy).
 */
export function eventViews(index: IncidentIndex, groups: EventGroups, summaries: GroupSummaries, rows: Uint32Array): EventView[] {
  const seen = new Uint8Array(groups.groupCount);
  const out: EventView[] = [];
  for (const i of rows) {
    const g = groups.groupOf[i] as number;
    if (seen[g] === 1) continue;
    seen[g] = 1;
    const from = groups.memberStart[g] as number;
    const to = groups.memberStart[g + 1] as number;
    const only = index.incidents[i] as IncidentRecord;
    if (to - from === 1) {
      out.push({ record: only, ids: [only.id], group: g });
      continue;
    }
    const headline = index.incidents[summaries.categoryRecord[g] as number] as IncidentRecord;
    const place = index.incidents[summaries.placeRecord[g] as number] as IncidentRecord;
    const date = index.incidents[summaries.dateRecord[g] as number] as IncidentRecord;
    const ids = [headline.id];
    for (let m = from; m < to; m++) {
      const id = (index.incidents[groups.members[m] as number] as IncidentRecord).id;
      if (id !== headline.id) ids.push(id);
    }
    out.push({
      record: {
        ...headline,
        category: CATEGORY_IDS[summaries.category[g] as number] ?? headline.category,
        date: date.date,
        place: place.place,
        lon: place.lon,
        lat: place.lat,
        precision: place.precision,
      },
      ids,
      group: g,
    });
  }
  return out;
}
