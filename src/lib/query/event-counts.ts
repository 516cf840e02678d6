/**
 * Counted once (issue #13): the visible count, the facet counts, the timeline and the counts by
 * place count **events** (linked groups), beside the records, so the app can say
 * "1,548 records, 1,530 events". Pure functions over the typed-array `IncidentIndex` and the
 * groups of `linkEvents`; which records are visible is still decided only by `visibleIndices`.
 *
 * The groups must be given per index position: build the link records from `index.incidents`
 * (`linkRecordsFromIncidents(index.incidents)`) so record i is index position i.
 *
 * Rules:
 * - An event is visible when at least one of its records is.
 * - **Category**: an event has one, its curated record's if it has one, otherwise its most
 *   precise record's (see `mostPrecise`). `withGroupCategories` gives every record its event's
 *   category, so the map, the category filter and the category counts agree.
 * - **Other facets** (state or region, location precision, verification, dataset): beside each
 *   value, the number of events with at least one record that has that value and passes every
 *   other filter. An event counts once per value, but under each value its records have: an
 *   event with a curated and a UCDP record counts under both datasets, so a facet's counts can
 *   add up to more than the total.
 * - **Place and date**: an event's place is its most precisely placed record's, and its date
 *   its most precisely dated record's (which may be another record); the summaries say which.
 * - **Timeline**: each event is binned once, by its date record's span.
 */
import { CATEGORY_IDS } from '../domain/categories.ts';
import { CURATED_DATASET } from '../domain/dataset.ts';
import { FILTER_FACETS, type FilterFacet, type IncidentFilter } from '../domain/filter.ts';
import { LOCATION_PRECISIONS } from '../domain/precision.ts';
import { VERIFICATION_STATUSES } from '../domain/verification.ts';
import { histogramOfSpans, type WeeklyHistogram } from './timeline-bins.ts';
import { countsByFacet, visibleIndices, type FacetCounts, type IncidentIndex } from './visible-incidents.ts';

/** The groups of `linkEvents`, per index position (an `EventLinks` is one). */
export interface EventGroups {
  readonly groupOf: Uint32Array;
  readonly groupCount: number;
  readonly memberStart: Uint32Array;
  readonly members: Uint32Array;
}

/** Each record alone: the groups when nothing is linked (before linking has run, or without it). */
export function singletonGroups(count: number): EventGroups {
  const groupOf = new Uint32Array(count).map((_, i) => i);
  return { groupOf, groupCount: count, memberStart: new Uint32Array(count + 1).map((_, i) => i), members: groupOf };
}

/**
 * The groups as a reader with some datasets hidden sees them: a record of a hidden dataset
 * leaves its event and stands alone (where the dataset filter then hides it), so an event is
 * placed, dated and categorised by its shown records only. With UCDP hidden, a curated incident
 * linked to a UCDP point is drawn where the curated record places it, not at UCDP's point.
 * Groups keep their order; `shown` null (every dataset shown) returns `groups` itself.
 */
export function groupsAmongShown(groups: EventGroups, index: IncidentIndex, shown: ReadonlySet<string> | null): EventGroups {
  if (shown === null) return groups;
  const hidden = new Uint8Array(index.datasetIds.length);
  index.datasetIds.forEach((id, code) => (hidden[code] = shown.has(id) ? 0 : 1));
  const isHidden = (i: number): boolean => hidden[index.dataset[i] as number] === 1;
  // Most often no linked event has a hidden record: keep the groups as they are.
  let splits = 0;
  for (let g = 0; g < groups.groupCount; g++) {
    const from = groups.memberStart[g] as number;
    const to = groups.memberStart[g + 1] as number;
    if (to - from < 2) continue;
    let shownCount = 0;
    for (let m = from; m < to; m++) if (!isHidden(groups.members[m] as number)) shownCount++;
    if (shownCount < to - from) splits += shownCount === 0 ? to - from - 1 : to - from - shownCount;
  }
  if (splits === 0) return groups;
  const n = groups.groupOf.length;
  const groupOf = new Uint32Array(n);
  const memberStart = new Uint32Array(groups.groupCount + splits + 1);
  const members = new Uint32Array(groups.members.length);
  let group = 0;
  let at = 0;
  const close = (): void => {
    group++;
    memberStart[group] = at;
  };
  for (let g = 0; g < groups.groupCount; g++) {
    const from = groups.memberStart[g] as number;
    const to = groups.memberStart[g + 1] as number;
    let shownHere = 0;
    for (let m = from; m < to; m++) {
      const i = groups.members[m] as number;
      if (to - from > 1 && isHidden(i)) continue;
      members[at++] = i;
      groupOf[i] = group;
      shownHere++;
    }
    if (shownHere > 0) close();
    if (to - from < 2) continue;
    for (let m = from; m < to; m++) {
      const i = groups.members[m] as number;
      if (!isHidden(i)) continue;
      members[at++] = i;
      groupOf[i] = group;
      close();
    }
  }
  return { groupOf, groupCount: group, memberStart, members };
}

/** What each event shows, and which of its records gives it. All arrays are per group. */
export interface GroupSummaries {
  /** Index into CATEGORY_IDS. */
  readonly category: Uint8Array;
  /** The record (index position) whose category the event takes. */
  readonly categoryRecord: Uint32Array;
  /** The record whose place the event shows: the most precisely placed. */
  readonly placeRecord: Uint32Array;
  /** The record whose date the event shows: the most precisely dated. */
  readonly dateRecord: Uint32Array;
}

const UNKNOWN = 255;

/**
 * Orders two records by how precisely they are known: place first (`place` true) or date first.
 * Ties go to a category that was not a fallback, then to the curated record (checked by hand),
 * then to the lower index position, so the choice is stable.
 */
function compareRecords(index: IncidentIndex, curated: number, fallback: Uint8Array | undefined, place: boolean): (a: number, b: number) => number {
  const rank = (i: number) => {
    const p = index.precision[i] as number;
    return p === UNKNOWN ? LOCATION_PRECISIONS.length : p;
  };
  const span = (i: number) => {
    const s = index.startDay[i] as number;
    const e = index.endDay[i] as number;
    // A record without a real date is the least precisely dated.
    return s > e ? Number.MAX_SAFE_INTEGER : e - s;
  };
  return (a, b) => {
    const first = place ? rank(a) - rank(b) || span(a) - span(b) : span(a) - span(b) || rank(a) - rank(b);
    if (first !== 0) return first;
    const fa = fallback?.[a] ?? 0;
    const fb = fallback?.[b] ?? 0;
    if (fa !== fb) return fa - fb;
    const ca = index.dataset[a] === curated ? 0 : 1;
    const cb = index.dataset[b] === curated ? 0 : 1;
    return ca - cb || a - b;
  };
}

/**
 * Each event's category, place record and date record (see the rules above). `categoryFallback`
 * (per index position, 1 = the importer's fallback category) breaks ties toward a record that
 * names its weapon; without it, ties go to the curated record, then the first.
 */
export function summarizeGroups(index: IncidentIndex, groups: EventGroups, categoryFallback?: Uint8Array): GroupSummaries {
  const g = groups.groupCount;
  const curated = index.datasetIds.indexOf(CURATED_DATASET);
  const byPlace = compareRecords(index, curated, categoryFallback, true);
  const byDate = compareRecords(index, curated, categoryFallback, false);
  const out = {
    category: new Uint8Array(g),
    categoryRecord: new Uint32Array(g),
    placeRecord: new Uint32Array(g),
    dateRecord: new Uint32Array(g),
  };
  for (let k = 0; k < g; k++) {
    const from = groups.memberStart[k] as number;
    const to = groups.memberStart[k + 1] as number;
    let place = groups.members[from] as number;
    let date = place;
    let curatedRecord = curated >= 0 && index.dataset[place] === curated ? place : -1;
    for (let m = from + 1; m < to; m++) {
      const i = groups.members[m] as number;
      if (byPlace(i, place) < 0) place = i;
      if (byDate(i, date) < 0) date = i;
      if (curatedRecord < 0 && curated >= 0 && index.dataset[i] === curated) curatedRecord = i;
    }
    const categoryRecord = curatedRecord >= 0 ? curatedRecord : place;
    out.category[k] = index.category[categoryRecord] as number;
    out.categoryRecord[k] = categoryRecord;
    out.placeRecord[k] = place;
    out.dateRecord[k] = date;
  }
  return out;
}

/**
 * The index with every record's category replaced by its event's, so filtering by category,
 * the category counts and the marker colour all use the event's one category. The other
 * columns are shared, not copied.
 */
export function withGroupCategories(index: IncidentIndex, groups: EventGroups, summaries: GroupSummaries): IncidentIndex {
  const category = new Uint8Array(index.category.length);
  for (let i = 0; i < category.length; i++) category[i] = summaries.category[groups.groupOf[i] as number] as number;
  return { ...index, category };
}

/** Records and events among visible index positions. */
export interface RecordAndEventCount {
  readonly records: number;
  readonly events: number;
}

/** Counts distinct groups among rows; a group of one record needs no bookkeeping. */
function distinctGroups(rows: Iterable<number>, groups: EventGroups): number {
  let events = 0;
  const seen = new Set<number>();
  for (const i of rows) {
    const g = groups.groupOf[i] as number;
    if ((groups.memberStart[g + 1] as number) - (groups.memberStart[g] as number) === 1) events++;
    else if (!seen.has(g)) {
      seen.add(g);
      events++;
    }
  }
  return events;
}

/**
 * How many records and how many events the visible positions hold.
 * @example countEvents(visibleIndices(index, filter), links) // { records: 1548, events: 1530 }
 */
export function countEvents(visible: Uint32Array, groups: EventGroups): RecordAndEventCount {
  return { records: visible.length, events: distinctGroups(visible, groups) };
}

/** The column and names of a facet, as the index codes it. */
function facetColumn(index: IncidentIndex, facet: FilterFacet): { codes: ArrayLike<number>; names: readonly string[] } {
  switch (facet) {
    case 'categories':
      return { codes: index.category, names: CATEGORY_IDS };
    case 'precisions':
      return { codes: index.precision, names: LOCATION_PRECISIONS };
    case 'verification':
      return { codes: index.verification, names: VERIFICATION_STATUSES };
    case 'admin1':
      return { codes: index.admin1, names: index.admin1Names };
    case 'datasets':
      return { codes: index.dataset, names: index.datasetIds };
    case 'townships':
      return { codes: index.township, names: index.townshipCodes };
  }
}

/**
 * Distinct groups per code among rows: `counts[c]` is the number of groups with at least one
 * row of code c. Codes at or above `size` (unknown enum values) are not counted.
 */
export function countGroupsByCode(rows: Iterable<number>, codes: ArrayLike<number>, size: number, groups: EventGroups): Uint32Array {
  const counts = new Uint32Array(size);
  const seen = new Set<number>();
  for (const i of rows) {
    const c = codes[i] as number;
    if (c >= size) continue;
    const g = groups.groupOf[i] as number;
    if ((groups.memberStart[g + 1] as number) - (groups.memberStart[g] as number) > 1) {
      const key = g * size + c;
      if (seen.has(key)) continue;
      seen.add(key);
    }
    counts[c] = (counts[c] as number) + 1;
  }
  return counts;
}

/** Facet counts by records (as `countsByFacet` gives them) and by events. */
export interface EventFacetCounts {
  readonly records: FacetCounts;
  readonly events: FacetCounts;
}

/**
 * Live facet counts by records and by events: beside each value, how many records, and how many
 * events, it would show if ticked (every other filter applied, its own facet ignored, as
 * `countsByFacet`). Pass the index of `withGroupCategories` so categories count by event.
 */
export function eventCountsByFacet(index: IncidentIndex, groups: EventGroups, filter: IncidentFilter): EventFacetCounts {
  const records = countsByFacet(index, filter);
  const perFacet = {} as Record<FilterFacet, Uint32Array>;
  for (const facet of FILTER_FACETS) {
    const { codes, names } = facetColumn(index, facet);
    perFacet[facet] = countGroupsByCode(visibleIndices(index, { ...filter, [facet]: null }), codes, names.length, groups);
  }
  const record = <K extends string>(keys: readonly K[], counts: Uint32Array) => Object.fromEntries(keys.map((k, i) => [k, counts[i] as number])) as Record<K, number>;
  const map = (keys: readonly string[], counts: Uint32Array) => new Map(keys.map((k, i) => [k, counts[i] as number]));
  return {
    records,
    events: {
      total: distinctGroups(visibleIndices(index, filter), groups),
      categories: record(CATEGORY_IDS, perFacet.categories),
      precisions: record(LOCATION_PRECISIONS, perFacet.precisions),
      verification: record(VERIFICATION_STATUSES, perFacet.verification),
      admin1: map(index.admin1Names, perFacet.admin1),
      datasets: map(index.datasetIds, perFacet.datasets),
      townships: map(index.townshipCodes, perFacet.townships),
    },
  };
}

/**
 * The weekly histogram by events: every filter but the date range applied, each event with a
 * record passing binned once, by its date record's span (`summaries.dateRecord`).
 */
export function weeklyEventHistogram(index: IncidentIndex, groups: EventGroups, summaries: GroupSummaries, filter: IncidentFilter): WeeklyHistogram {
  const shown = new Uint8Array(groups.groupCount);
  const rows: number[] = [];
  for (const i of visibleIndices(index, { ...filter, dateRange: null })) {
    const g = groups.groupOf[i] as number;
    if (shown[g] === 1) continue;
    shown[g] = 1;
    rows.push(summaries.dateRecord[g] as number);
  }
  return histogramOfSpans(index.dataSpan, index.startDay, index.endDay, rows);
}
