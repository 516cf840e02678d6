/**
 * The one place that decides which incidents are visible. The map, the feed, the counts and
 * the export all derive from `visibleIndices`, so they can never disagree.
 *
 * Incidents are indexed once into parallel typed arrays (date order, then id), and a filter
 * becomes a few lookup tables, so one pass over 200,000 rows takes a few milliseconds.
 */
import { dayNumber } from '../domain/calendar.ts';
import { CATEGORY_IDS, type CategoryId } from '../domain/categories.ts';
import type { IncidentFilter } from '../domain/filter.ts';
import type { IncidentRecord } from '../domain/incident.ts';
import { LOCATION_PRECISIONS, type LocationPrecision } from '../domain/precision.ts';
import { VERIFICATION_STATUSES, type VerificationStatus } from '../domain/verification.ts';
import { incidentDaySpan, rangeDaySpan, type DaySpan } from '../domain/date-span.ts';
import { canonicalAdmin1 } from '../domain/place-names.ts';

/** Code stored for a value outside its enum: it passes only a facet that is not filtered. */
const UNKNOWN = 255;
/** Day numbers given to an incident without a real date, so it sorts last and overlaps no range. */
const NO_START = 0x7fffffff;
const NO_END = -0x80000000;

export interface IncidentIndex {
  /** The incidents in date order (start day, then id). Every array below is parallel to it. */
  readonly incidents: readonly IncidentRecord[];
  readonly startDay: Int32Array;
  readonly endDay: Int32Array;
  /** Index into `CATEGORY_IDS`. */
  readonly category: Uint8Array;
  /** Index into `LOCATION_PRECISIONS`, or 255. */
  readonly precision: Uint8Array;
  /** Index into `VERIFICATION_STATUSES`, or 255. */
  readonly verification: Uint8Array;
  /** Index into `admin1Names`. */
  readonly admin1: Uint32Array;
  /** Distinct admin1 names as the app writes them (`canonicalAdmin1`), sorted. */
  readonly admin1Names: readonly string[];
  /** Index into `datasetIds`. */
  readonly dataset: Uint32Array;
  /** Distinct dataset ids, sorted. */
  readonly datasetIds: readonly string[];
  /** Index into `townshipCodes` of the township each incident counts in. */
  readonly township: Uint32Array;
  /** Distinct township codes, sorted; '' (no township: known only to a district or wider, or unmatched) among them. */
  readonly townshipCodes: readonly string[];
  /** First and last day any incident may have happened on, or null when none has a real date. */
  readonly dataSpan: DaySpan | null;
  /** The longest incident span minus one, in days; bounds the search for a date range. */
  readonly maxSpanDays: number;
}

/** Live counts for the filter panel. */
export interface FacetCounts {
  /** Incidents passing every filter. */
  readonly total: number;
  readonly categories: Readonly<Record<CategoryId, number>>;
  readonly precisions: Readonly<Record<LocationPrecision, number>>;
  readonly verification: Readonly<Record<VerificationStatus, number>>;
  /** Every admin1 name in the data, in sorted order, zeros included. */
  readonly admin1: ReadonlyMap<string, number>;
  /** Every dataset id in the data, in sorted order, zeros included. */
  readonly datasets: ReadonlyMap<string, number>;
  /** Every township code in the data ('' for none), zeros included. */
  readonly townships: ReadonlyMap<string, number>;
}

function codeOf(values: readonly string[], v: string): number {
  const i = values.indexOf(v);
  return i < 0 ? UNKNOWN : i;
}

function dictionary(values: Iterable<string>): { names: string[]; code: Map<string, number> } {
  const names = [...new Set(values)].sort();
  return { names, code: new Map(names.map((n, i) => [n, i])) };
}

/** Compares ids, then input positions, so equal ids keep their input order. */
function byId(incidents: readonly IncidentRecord[]): (a: number, b: number) => number {
  return (a, b) => {
    const ia = (incidents[a] as IncidentRecord).id;
    const ib = (incidents[b] as IncidentRecord).id;
    return ia < ib ? -1 : ia > ib ? 1 : a - b;
  };
}

/**
 * Positions in order of start day, then id. Days span a few thousand values at most, so a
 * counting sort by day plus a small sort by id within each day beats one comparison sort.
 */
function dateOrder(starts: Int32Array, incidents: readonly IncidentRecord[]): Uint32Array {
  const n = starts.length;
  let min = NO_START;
  let max = NO_END;
  for (const s of starts) {
    if (s === NO_START) continue;
    if (s < min) min = s;
    if (s > max) max = s;
  }
  const compareIds = byId(incidents);
  const width = max >= min ? max - min + 1 : 0;
  if (width > 4 * n + 100_000) {
    // Dates scattered over millennia: fall back to one comparison sort.
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => (starts[a] as number) - (starts[b] as number) || compareIds(a, b));
    return Uint32Array.from(order);
  }
  // Bucket `width` holds the undated, which sort last.
  const bucketOf = (s: number) => (s === NO_START ? width : s - min);
  const offsets = new Uint32Array(width + 2);
  for (const s of starts) offsets[bucketOf(s) + 1] = (offsets[bucketOf(s) + 1] as number) + 1;
  for (let b = 1; b < offsets.length; b++) offsets[b] = (offsets[b] as number) + (offsets[b - 1] as number);
  const next = offsets.slice(0, width + 1);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const b = bucketOf(starts[i] as number);
    order[next[b] as number] = i;
    next[b] = (next[b] as number) + 1;
  }
  for (let b = 0; b <= width; b++) {
    const from = offsets[b] as number;
    const to = offsets[b + 1] as number;
    if (to - from > 1) order.subarray(from, to).sort(compareIds);
  }
  return order;
}

/** Builds the typed-array index of a list of incidents (sorts them by start day, then id). */
export function buildIncidentIndex(incidents: readonly IncidentRecord[]): IncidentIndex {
  const n = incidents.length;
  const rawStart = new Int32Array(n);
  const rawEnd = new Int32Array(n);
  // Thousands of incidents share a day, so each distinct day string is parsed once.
  const days = new Map<string, number | null>();
  const dayOf = (day: string) => {
    let n = days.get(day);
    if (n === undefined) {
      n = dayNumber(day);
      days.set(day, n);
    }
    return n;
  };
  incidents.forEach((inc, i) => {
    const span = incidentDaySpan(inc.date, dayOf);
    rawStart[i] = span ? span[0] : NO_START;
    rawEnd[i] = span ? span[1] : NO_END;
  });
  const order = dateOrder(rawStart, incidents);

  const sorted = Array.from(order, (i) => incidents[i] as IncidentRecord);
  // Datasets write one state several ways ("Magway ", "Magwe", "Karen"): the filter offers each once.
  const admin1Of = (inc: IncidentRecord): string => canonicalAdmin1(inc.place.admin1);
  const admin1Dict = dictionary(sorted.map(admin1Of));
  const datasetDict = dictionary(sorted.map((inc) => inc.dataset));
  const townshipDict = dictionary(sorted.map((inc) => inc.place.townshipCode ?? ''));
  const other = CATEGORY_IDS.indexOf('other');
  const index = {
    incidents: sorted,
    startDay: new Int32Array(n),
    endDay: new Int32Array(n),
    category: new Uint8Array(n),
    precision: new Uint8Array(n),
    verification: new Uint8Array(n),
    admin1: new Uint32Array(n),
    admin1Names: admin1Dict.names,
    dataset: new Uint32Array(n),
    datasetIds: datasetDict.names,
    township: new Uint32Array(n),
    townshipCodes: townshipDict.names,
  };
  let first = NO_START;
  let last = NO_END;
  let maxSpanDays = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    const inc = sorted[k] as IncidentRecord;
    const s = rawStart[i] as number;
    const e = rawEnd[i] as number;
    index.startDay[k] = s;
    index.endDay[k] = e;
    if (s !== NO_START) {
      first = Math.min(first, s);
      last = Math.max(last, e);
      maxSpanDays = Math.max(maxSpanDays, e - s);
    }
    const c = codeOf(CATEGORY_IDS, inc.category);
    // Unknown categories draw as "other" (see categoryDef), so they filter as "other" too.
    index.category[k] = c === UNKNOWN ? other : c;
    index.precision[k] = codeOf(LOCATION_PRECISIONS, inc.precision);
    index.verification[k] = codeOf(VERIFICATION_STATUSES, inc.verification.status);
    index.admin1[k] = admin1Dict.code.get(admin1Of(inc)) as number;
    index.dataset[k] = datasetDict.code.get(inc.dataset) as number;
    index.township[k] = townshipDict.code.get(inc.place.townshipCode ?? '') as number;
  }
  return { ...index, dataSpan: first === NO_START ? null : [first, last], maxSpanDays };
}

const cache = new WeakMap<readonly IncidentRecord[], IncidentIndex>();

/** The index of an incident array, built once per array identity and then reused. */
export function incidentIndex(incidents: readonly IncidentRecord[]): IncidentIndex {
  let index = cache.get(incidents);
  if (!index) {
    index = buildIncidentIndex(incidents);
    cache.set(incidents, index);
  }
  return index;
}

/** Lookup table: 1 where a code passes the facet. A null facet passes every code. */
function allowTable(size: number, allowed: ReadonlySet<string> | null, names: readonly string[]): Uint8Array {
  const table = new Uint8Array(size);
  if (allowed === null) return table.fill(1);
  names.forEach((name, code) => {
    if (allowed.has(name)) table[code] = 1;
  });
  return table;
}

interface CompiledFilter {
  readonly category: Uint8Array;
  readonly precision: Uint8Array;
  readonly verification: Uint8Array;
  readonly admin1: Uint8Array;
  readonly dataset: Uint8Array;
  readonly township: Uint8Array;
  /** Null when dates are not filtered (or the range is not made of real days). */
  readonly range: DaySpan | null;
}

function compile(index: IncidentIndex, filter: IncidentFilter): CompiledFilter {
  return {
    category: allowTable(256, filter.categories, CATEGORY_IDS),
    precision: allowTable(256, filter.precisions, LOCATION_PRECISIONS),
    verification: allowTable(256, filter.verification, VERIFICATION_STATUSES),
    admin1: allowTable(index.admin1Names.length, filter.admin1, index.admin1Names),
    dataset: allowTable(index.datasetIds.length, filter.datasets, index.datasetIds),
    township: allowTable(index.townshipCodes.length, filter.townships, index.townshipCodes),
    // A malformed range cannot come from the UI; ignoring it beats showing an empty map.
    range: filter.dateRange ? rangeDaySpan(filter.dateRange) : null,
  };
}

/** First position whose start day is >= day (start days are sorted). */
function lowerBound(starts: Int32Array, day: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((starts[mid] as number) < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The rows a date range can touch: a row overlapping [a, b] starts in [a - maxSpanDays, b]. */
function candidateRows(index: IncidentIndex, range: DaySpan | null): [number, number] {
  if (range === null) return [0, index.startDay.length];
  return [lowerBound(index.startDay, range[0] - index.maxSpanDays), lowerBound(index.startDay, range[1] + 1)];
}

/**
 * Positions (into `index.incidents`, ascending, so in date order) of the incidents that pass
 * the filter. A dated incident passes a date range when its day span overlaps it.
 */
export function visibleIndices(index: IncidentIndex, filter: IncidentFilter): Uint32Array {
  const f = compile(index, filter);
  const [from, to] = candidateRows(index, f.range);
  const out = new Uint32Array(Math.max(0, to - from));
  const { category, precision, verification, admin1, dataset, township, startDay, endDay } = index;
  const lo = f.range ? f.range[0] : NO_END;
  const hi = f.range ? f.range[1] : NO_START;
  let count = 0;
  for (let i = from; i < to; i++) {
    if (
      (startDay[i] as number) <= hi &&
      (endDay[i] as number) >= lo &&
      f.category[category[i] as number] === 1 &&
      f.precision[precision[i] as number] === 1 &&
      f.verification[verification[i] as number] === 1 &&
      f.admin1[admin1[i] as number] === 1 &&
      f.dataset[dataset[i] as number] === 1 &&
      f.township[township[i] as number] === 1
    ) {
      out[count++] = i;
    }
  }
  return out.slice(0, count);
}

/** The visible incidents, in date order (start day, then id). */
export function visibleIncidents(incidents: readonly IncidentRecord[], filter: IncidentFilter): IncidentRecord[] {
  const index = incidentIndex(incidents);
  return Array.from(visibleIndices(index, filter), (i) => index.incidents[i] as IncidentRecord);
}

function bump(counts: Uint32Array, i: number): void {
  counts[i] = (counts[i] as number) + 1;
}

// One bit per filter a row fails; a row failing exactly one facet still counts in that facet.
const FAIL_DATE = 1;
const FAIL_CATEGORY = 2;
const FAIL_PRECISION = 4;
const FAIL_VERIFICATION = 8;
const FAIL_ADMIN1 = 16;
const FAIL_DATASET = 32;
const FAIL_TOWNSHIP = 64;

/**
 * Live counts per facet value, as faceted search shows them: the count beside a value is the
 * number of incidents it would show if ticked, i.e. with every OTHER filter applied (the date
 * range included) and its own facet ignored. So ticking one category does not zero the others.
 */
export function countsByFacet(index: IncidentIndex, filter: IncidentFilter): FacetCounts {
  const f = compile(index, filter);
  const categories = new Uint32Array(CATEGORY_IDS.length);
  const precisions = new Uint32Array(LOCATION_PRECISIONS.length);
  const verifications = new Uint32Array(VERIFICATION_STATUSES.length);
  const admin1 = new Uint32Array(index.admin1Names.length);
  const datasets = new Uint32Array(index.datasetIds.length);
  const townships = new Uint32Array(index.townshipCodes.length);
  const lo = f.range ? f.range[0] : NO_END;
  const hi = f.range ? f.range[1] : NO_START;
  let total = 0;
  for (let i = 0; i < index.incidents.length; i++) {
    const c = index.category[i] as number;
    const p = index.precision[i] as number;
    const v = index.verification[i] as number;
    const a = index.admin1[i] as number;
    const d = index.dataset[i] as number;
    const t = index.township[i] as number;
    const fails =
      ((index.startDay[i] as number) > hi || (index.endDay[i] as number) < lo ? FAIL_DATE : 0) |
      (f.category[c] === 1 ? 0 : FAIL_CATEGORY) |
      (f.precision[p] === 1 ? 0 : FAIL_PRECISION) |
      (f.verification[v] === 1 ? 0 : FAIL_VERIFICATION) |
      (f.admin1[a] === 1 ? 0 : FAIL_ADMIN1) |
      (f.dataset[d] === 1 ? 0 : FAIL_DATASET) |
      (f.township[t] === 1 ? 0 : FAIL_TOWNSHIP);
    if (fails === 0) total++;
    // Unknown enum codes (255) are not counted anywhere: there is no box to tick for them.
    if ((fails & ~FAIL_CATEGORY) === 0) bump(categories, c);
    if ((fails & ~FAIL_PRECISION) === 0 && p !== UNKNOWN) bump(precisions, p);
    if ((fails & ~FAIL_VERIFICATION) === 0 && v !== UNKNOWN) bump(verifications, v);
    if ((fails & ~FAIL_ADMIN1) === 0) bump(admin1, a);
    if ((fails & ~FAIL_DATASET) === 0) bump(datasets, d);
    if ((fails & ~FAIL_TOWNSHIP) === 0) bump(townships, t);
  }
  const record = <K extends string>(keys: readonly K[], counts: Uint32Array) =>
    Object.fromEntries(keys.map((k, i) => [k, counts[i] as number])) as Record<K, number>;
  const map = (keys: readonly string[], counts: Uint32Array) =>
    new Map(keys.map((k, i) => [k, counts[i] as number]));
  return {
    total,
    categories: record(CATEGORY_IDS, categories),
    precisions: record(LOCATION_PRECISIONS, precisions),
    verification: record(VERIFICATION_STATUSES, verifications),
    admin1: map(index.admin1Names, admin1),
    datasets: map(index.datasetIds, datasets),
    townships: map(index.townshipCodes, townships),
  };
}
