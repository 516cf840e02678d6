/**
 * One event counted once across datasets (issue #13). Records of different datasets are joined
 * into **groups** by exact links (a record naming another's event id; two datasets holding the
 * same UCDP or ACLED id) and by a person's "same event" decisions. Records that may be the same
 * event by date, place and category are proposed as **candidates**; nothing is joined without a
 * decision, and no group ever holds two records of one dataset.
 *
 * Pure and typed-array based, with no DOM: the caller builds `LinkRecords` once per dataset
 * change (on the page or in a worker; everything here is structured-clone safe) and calls
 * `linkEvents`. Candidates are found through a grid of ~5 km cells and a township index, each
 * joined by day span, so 200,000 imported rows against the 7,374 built-in ones take a fraction
 * of a second (`tests/bench/link-bench.ts`).
 *
 * ```ts
 * const records = linkRecordsFromIncidents(index.incidents); // record i = index position i
 * const links = linkEvents(records, decisions);
 * links.groupOf[i]   // the event (group) of record i
 * links.candidates   // pairs to ask a person about
 * ```
 */
import { CATEGORY_IDS } from '../domain/categories.ts';
import { categoryCodesCompatible } from '../domain/category-compatibility.ts';
import { dayNumber } from '../domain/calendar.ts';
import { incidentDaySpan } from '../domain/date-span.ts';
import {
  CANDIDATE_RULES,
  externalRefKey,
  latestDecisions,
  linkFactsOf,
  recordRefKey,
  type ExternalRef,
  type LinkDecision,
  type LinkFacts,
} from '../domain/event-link.ts';
import type { IncidentRecord } from '../domain/incident.ts';
import { townshipKey } from '../domain/place-names.ts';
import { LOCATION_PRECISIONS } from '../domain/precision.ts';
import { EARTH_RADIUS_M } from '../geo/web-mercator.ts';
import { haversineMetres } from '../geo/distance.ts';

/** Day numbers of a record without a real date: it overlaps nothing, so it is never a candidate. */
const NO_START = 0x7fffffff;
const NO_END = -0x80000000;
const NONE = -1;
const TOWNSHIP = LOCATION_PRECISIONS.indexOf('township');

/** The loaded records as parallel typed arrays; record i is the i-th one added. */
export interface LinkRecords {
  readonly count: number;
  /** Index into `datasetIds`. */
  readonly dataset: Uint16Array;
  readonly datasetIds: readonly string[];
  /** Day span (`incidentDaySpan`); NO_START / NO_END when the record has no real date. */
  readonly startDay: Int32Array;
  readonly endDay: Int32Array;
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  /** Index into CATEGORY_IDS. */
  readonly category: Uint8Array;
  readonly categoryFallback: Uint8Array;
  /** Index into LOCATION_PRECISIONS. */
  readonly precision: Uint8Array;
  /** Index into `townshipKeys` (see `townshipKey`), or -1. */
  readonly township: Int32Array;
  readonly townshipKeys: readonly string[];
  /** The record's own public-dataset id, as an index into `externalKeys`, or -1. */
  readonly ownId: Int32Array;
  /** Record r's references are `refKey[refStart[r]]` … `refKey[refStart[r + 1] - 1]` (indexes into `externalKeys`). */
  readonly refStart: Uint32Array;
  readonly refKey: Int32Array;
  /** `ucdp-ged 448773`, … (see `externalRefKey`). */
  readonly externalKeys: readonly string[];
  /** `recordRefKey` of each record: how decisions name it. */
  readonly recordKeys: readonly string[];
}

function dictionary(): { code(key: string): number; readonly keys: string[] } {
  const codes = new Map<string, number>();
  const keys: string[] = [];
  return {
    keys,
    code(key) {
      let c = codes.get(key);
      if (c === undefined) {
        c = keys.length;
        keys.push(key);
        codes.set(key, c);
      }
      return c;
    },
  };
}

/** Collects LinkFacts one record at a time into LinkRecords (typed arrays grow as needed). */
export class LinkRecordsBuilder {
  #n = 0;
  #cap: number;
  #dataset: Uint16Array;
  #start: Int32Array;
  #end: Int32Array;
  #lon: Float64Array;
  #lat: Float64Array;
  #category: Uint8Array;
  #fallback: Uint8Array;
  #precision: Uint8Array;
  #township: Int32Array;
  #ownId: Int32Array;
  #refStart: number[] = [0];
  #refKey: number[] = [];
  readonly #recordKeys: string[] = [];
  readonly #datasets = dictionary();
  readonly #townships = dictionary();
  // External ids by dataset, then by the id string itself: hashing the id as given (V8 keeps a
  // string's hash) is much cheaper than building and hashing "dataset id" for 200,000 rows.
  readonly #externalByDataset = new Map<string, Map<string, number>>();
  readonly #externalKeys: string[] = [];
  // Thousands of records share a day, so each day string is parsed once.
  readonly #days = new Map<string, number | null>();

  constructor(expected = 1024) {
    this.#cap = Math.max(16, expected);
    this.#dataset = new Uint16Array(this.#cap);
    this.#start = new Int32Array(this.#cap);
    this.#end = new Int32Array(this.#cap);
    this.#lon = new Float64Array(this.#cap);
    this.#lat = new Float64Array(this.#cap);
    this.#category = new Uint8Array(this.#cap);
    this.#fallback = new Uint8Array(this.#cap);
    this.#precision = new Uint8Array(this.#cap);
    this.#township = new Int32Array(this.#cap);
    this.#ownId = new Int32Array(this.#cap);
  }

  #grow(): void {
    this.#cap *= 2;
    const grow = <T extends Uint16Array | Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(this.#cap);
      b.set(a);
      return b;
    };
    this.#dataset = grow(this.#dataset, (n) => new Uint16Array(n));
    this.#start = grow(this.#start, (n) => new Int32Array(n));
    this.#end = grow(this.#end, (n) => new Int32Array(n));
    this.#lon = grow(this.#lon, (n) => new Float64Array(n));
    this.#lat = grow(this.#lat, (n) => new Float64Array(n));
    this.#category = grow(this.#category, (n) => new Uint8Array(n));
    this.#fallback = grow(this.#fallback, (n) => new Uint8Array(n));
    this.#precision = grow(this.#precision, (n) => new Uint8Array(n));
    this.#township = grow(this.#township, (n) => new Int32Array(n));
    this.#ownId = grow(this.#ownId, (n) => new Int32Array(n));
  }

  #day = (day: string): number | null => {
    let n = this.#days.get(day);
    if (n === undefined) {
      n = dayNumber(day);
      this.#days.set(day, n);
    }
    return n;
  };

  // Folding a name takes a dozen regular expressions; a file repeats a few hundred townships.
  readonly #townshipCodes = new Map<string, number>();
  #townshipCode(admin1: string, township: string | undefined): number {
    if (township === undefined) return NONE;
    const raw = `${admin1}\u0000${township}`;
    let code = this.#townshipCodes.get(raw);
    if (code === undefined) {
      const key = townshipKey(admin1, township);
      code = key === '' ? NONE : this.#townships.code(key);
      this.#townshipCodes.set(raw, code);
    }
    return code;
  }

  #externalCode(ref: ExternalRef): number {
    let ids = this.#externalByDataset.get(ref.dataset);
    if (ids === undefined) {
      ids = new Map();
      this.#externalByDataset.set(ref.dataset, ids);
    }
    let code = ids.get(ref.id);
    if (code === undefined) {
      code = this.#externalKeys.length;
      this.#externalKeys.push(externalRefKey(ref));
      ids.set(ref.id, code);
    }
    return code;
  }

  /** Adds one record and returns its index. */
  add(facts: LinkFacts): number {
    if (this.#n === this.#cap) this.#grow();
    const i = this.#n++;
    const dataset = this.#datasets.code(facts.dataset);
    if (dataset > 0xffff) throw new RangeError('more than 65,536 datasets');
    this.#dataset[i] = dataset;
    const span = incidentDaySpan(facts.date as IncidentRecord['date'], this.#day);
    this.#start[i] = span ? span[0] : NO_START;
    this.#end[i] = span ? span[1] : NO_END;
    this.#lon[i] = facts.lon;
    this.#lat[i] = facts.lat;
    this.#category[i] = Math.max(0, CATEGORY_IDS.indexOf(facts.category));
    this.#fallback[i] = facts.categoryFallback ? 1 : 0;
    this.#precision[i] = Math.max(0, LOCATION_PRECISIONS.indexOf(facts.precision));
    this.#township[i] = this.#townshipCode(facts.admin1, facts.township);
    this.#ownId[i] = facts.ownRef === null ? NONE : this.#externalCode(facts.ownRef);
    for (const ref of facts.refs) this.#refKey.push(this.#externalCode(ref));
    this.#refStart.push(this.#refKey.length);
    this.#recordKeys.push(recordRefKey(facts.ref));
    return i;
  }

  /** The records added so far. */
  build(): LinkRecords {
    const n = this.#n;
    return {
      count: n,
      dataset: this.#dataset.slice(0, n),
      datasetIds: this.#datasets.keys.slice(),
      startDay: this.#start.slice(0, n),
      endDay: this.#end.slice(0, n),
      lon: this.#lon.slice(0, n),
      lat: this.#lat.slice(0, n),
      category: this.#category.slice(0, n),
      categoryFallback: this.#fallback.slice(0, n),
      precision: this.#precision.slice(0, n),
      township: this.#township.slice(0, n),
      townshipKeys: this.#townships.keys.slice(),
      ownId: this.#ownId.slice(0, n),
      refStart: Uint32Array.from(this.#refStart),
      refKey: Int32Array.from(this.#refKey),
      externalKeys: this.#externalKeys.slice(),
      recordKeys: this.#recordKeys.slice(),
    };
  }
}

/** LinkRecords of incidents, in their order (pass `index.incidents` so record i is index position i). */
export function linkRecordsFromIncidents(incidents: readonly IncidentRecord[]): LinkRecords {
  const builder = new LinkRecordsBuilder(incidents.length);
  for (const incident of incidents) builder.add(linkFactsOf(incident));
  return builder.build();
}

/** Why two records are in one group. */
export const LINK_KIND = { ownId: 0, ref: 1, decision: 2 } as const;
export type LinkKind = keyof typeof LINK_KIND;

/** Why two records are proposed: their points are within the distance, or they share a township. */
export const CANDIDATE_BASIS = { distance: 0, township: 1 } as const;

/** A link or decision that was not applied, and why (shown to the person who decided). */
export interface LinkRefusal {
  readonly a: number;
  readonly b: number;
  readonly kind: LinkKind | 'different';
  readonly reason: string;
}

export interface EventLinks {
  /** The group (event) of each record: 0 … groupCount − 1, numbered in order of each group's first record. */
  readonly groupOf: Uint32Array;
  readonly groupCount: number;
  /** Group g's records are `members[memberStart[g]]` … `members[memberStart[g + 1] - 1]`, ascending. */
  readonly memberStart: Uint32Array;
  readonly members: Uint32Array;
  /** The links that joined records (kind: LINK_KIND), for the details to say why records are one event. */
  readonly links: { readonly a: Uint32Array; readonly b: Uint32Array; readonly kind: Uint8Array };
  /**
   * "Possibly the same event": one pair per two groups that could be joined (the closest pair of
   * their records), sorted by record index. Never within a group, never two records of one
   * dataset, never two groups that share a dataset, never a pair decided "not the same".
   */
  readonly candidates: {
    readonly a: Uint32Array;
    readonly b: Uint32Array;
    readonly distanceM: Float64Array;
    readonly basis: Uint8Array;
  };
  readonly refused: readonly LinkRefusal[];
  /** Decisions about records that are not loaded: kept, waiting for their data. */
  readonly decisionsWaiting: number;
}

/** Union-find over records that never puts two records of one dataset, or two decided apart, in one group. */
class Groups {
  readonly parent: Int32Array;
  readonly #dataset: Uint16Array;
  /** Members of groups with more than one record, by root. */
  readonly #members = new Map<number, number[]>();
  /** Pairs a person decided are different, both ways. */
  readonly #apart = new Map<number, number[]>();

  constructor(records: LinkRecords) {
    this.parent = new Int32Array(records.count).map((_, i) => i);
    this.#dataset = records.dataset;
  }

  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r] as number;
    // Path halving keeps later finds short.
    let x = i;
    while (this.parent[x] !== r) {
      const next = this.parent[x] as number;
      this.parent[x] = r;
      x = next;
    }
    return r;
  }

  membersOf(root: number): readonly number[] {
    return this.#members.get(root) ?? [root];
  }

  /** True when the record is alone in its group (most are). */
  isSingleton(root: number): boolean {
    return !this.#members.has(root);
  }

  /** True when some decision keeps records apart (most runs have none). */
  get hasApart(): boolean {
    return this.#apart.size > 0;
  }

  keepApart(a: number, b: number): void {
    for (const [x, y] of [[a, b], [b, a]] as const) {
      const list = this.#apart.get(x);
      if (list) list.push(y);
      else this.#apart.set(x, [y]);
    }
  }

  /** Why the groups of a and b cannot be one, or null when they can. */
  conflict(ra: number, rb: number, respectApart: boolean): string | null {
    const ma = this.membersOf(ra);
    const mb = this.membersOf(rb);
    for (const x of ma) for (const y of mb) if (this.#dataset[x] === this.#dataset[y]) return 'one event cannot hold two records of the same dataset';
    if (respectApart) {
      for (const x of ma) for (const y of this.#apart.get(x) ?? []) if (this.find(y) === rb) return 'two of these records were decided not the same event';
    }
    return null;
  }

  /** Joins the groups of a and b; returns why not, or null when joined (or already one). */
  union(a: number, b: number, respectApart: boolean): string | null {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return null;
    const why = this.conflict(ra, rb, respectApart);
    if (why !== null) return why;
    const [big, small] = this.membersOf(ra).length >= this.membersOf(rb).length ? [ra, rb] : [rb, ra];
    this.parent[small] = big;
    const joined = [...this.membersOf(big), ...this.membersOf(small)];
    this.#members.delete(small);
    this.#members.set(big, joined);
    return null;
  }

}

class PairList {
  a: number[] = [];
  b: number[] = [];
  kind: number[] = [];
  push(a: number, b: number, kind: number): void {
    this.a.push(a);
    this.b.push(b);
    this.kind.push(kind);
  }
}

/** Exact links: records holding the same public id, and records naming another's id. */
function linkExactly(records: LinkRecords, groups: Groups, links: PairList, refused: LinkRefusal[]): void {
  const holder = new Int32Array(records.externalKeys.length).fill(NONE);
  // The datasets already holding an id, for ids held more than once.
  const heldIn = new Map<number, number[]>();
  for (let i = 0; i < records.count; i++) {
    const id = records.ownId[i] as number;
    if (id === NONE) continue;
    const first = holder[id] as number;
    if (first === NONE) {
      holder[id] = i;
      continue;
    }
    const datasets = heldIn.get(id) ?? [records.dataset[first] as number];
    // A second row with one id in one file is the importer's duplicate, listed in its report.
    if (datasets.includes(records.dataset[i] as number)) continue;
    const why = groups.union(first, i, false);
    if (why === null) {
      links.push(first, i, LINK_KIND.ownId);
      datasets.push(records.dataset[i] as number);
      heldIn.set(id, datasets);
    } else {
      refused.push({ a: first, b: i, kind: 'ownId', reason: `both hold ${records.externalKeys[id]}, but ${why}` });
    }
  }
  for (let i = 0; i < records.count; i++) {
    for (let k = records.refStart[i] as number; k < (records.refStart[i + 1] as number); k++) {
      const target = holder[records.refKey[k] as number] as number;
      if (target === NONE || target === i) continue;
      const why = groups.union(i, target, false);
      if (why === null) links.push(i, target, LINK_KIND.ref);
      else refused.push({ a: i, b: target, kind: 'ref', reason: `it names ${records.externalKeys[records.refKey[k] as number]}, but ${why}` });
    }
  }
}

/** Applies decisions (the latest per pair): "different" keeps records apart, "same" joins them. */
function applyDecisions(records: LinkRecords, decisions: readonly LinkDecision[], groups: Groups, links: PairList, refused: LinkRefusal[]): number {
  const latest = latestDecisions(decisions);
  if (latest.length === 0) return 0;
  const wanted = new Set<string>();
  for (const d of latest) {
    wanted.add(recordRefKey(d.a));
    wanted.add(recordRefKey(d.b));
  }
  const recordsOf = new Map<string, number[]>();
  records.recordKeys.forEach((key, i) => {
    if (!wanted.has(key)) return;
    const list = recordsOf.get(key);
    if (list) list.push(i);
    else recordsOf.set(key, [i]);
  });
  let waiting = 0;
  for (const d of latest) {
    const as = recordsOf.get(recordRefKey(d.a));
    const bs = recordsOf.get(recordRefKey(d.b));
    if (!as || !bs) {
      waiting++;
      continue;
    }
    const a = as[0] as number;
    const b = bs[0] as number;
    if (d.verdict === 'different') {
      for (const x of as) for (const y of bs) groups.keepApart(x, y);
      if (groups.find(a) === groups.find(b)) refused.push({ a, b, kind: 'different', reason: 'the records name the same public event id, so they stay linked' });
    }
  }
  for (const d of latest) {
    if (d.verdict !== 'same') continue;
    const a = recordsOf.get(recordRefKey(d.a))?.[0];
    const b = recordsOf.get(recordRefKey(d.b))?.[0];
    if (a === undefined || b === undefined) continue;
    const why = groups.union(a, b, true);
    if (why === null) links.push(a, b, LINK_KIND.decision);
    else refused.push({ a, b, kind: 'decision', reason: `"same event" not applied: ${why}` });
  }
  return waiting;
}

/** Records sorted into buckets (by a key, then dataset), each bucket sorted by start day. */
interface Buckets {
  /** Bucket b holds `order[start[b]]` … `order[start[b + 1] - 1]`. */
  readonly order: Uint32Array;
  readonly start: Uint32Array;
  readonly key: Float64Array;
  readonly dataset: Uint16Array;
  /** Longest span − 1 in the bucket, in days: bounds the search for overlaps. */
  readonly maxSpan: Int32Array;
  /** Buckets of each key, consecutive: key → [first bucket, last bucket + 1]. */
  readonly byKey: Map<number, readonly [number, number]>;
}

function bucketize(records: LinkRecords, keyOf: Float64Array, include: (i: number) => boolean): Buckets {
  const { dataset, startDay, endDay } = records;
  const n = records.count;
  // A bucket per (key, dataset), found through one Map; then a counting sort into buckets and a
  // small sort by start day within each, rather than one comparison sort of every record.
  const bucketOf = new Int32Array(n).fill(NONE);
  const idOf = new Map<number, number>();
  const keys: number[] = [];
  const datasets: number[] = [];
  const sizes: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!include(i)) continue;
    const composite = (keyOf[i] as number) * 65_536 + (dataset[i] as number);
    let b = idOf.get(composite);
    if (b === undefined) {
      b = keys.length;
      idOf.set(composite, b);
      keys.push(keyOf[i] as number);
      datasets.push(dataset[i] as number);
      sizes.push(0);
    }
    bucketOf[i] = b;
    sizes[b] = (sizes[b] as number) + 1;
  }
  // Buckets of one key next to each other, datasets in order within it.
  const rank = keys.map((_, b) => b).sort((x, y) => (keys[x] as number) - (keys[y] as number) || (datasets[x] as number) - (datasets[y] as number));
  const count = rank.length;
  const position = new Int32Array(count);
  const start = new Uint32Array(count + 1);
  rank.forEach((b, r) => {
    position[b] = r;
    start[r + 1] = (start[r] as number) + (sizes[b] as number);
  });
  const order = new Uint32Array(start[count] as number);
  const fill = start.slice(0, count);
  for (let i = 0; i < n; i++) {
    const b = bucketOf[i] as number;
    if (b === NONE) continue;
    const r = position[b] as number;
    order[fill[r] as number] = i;
    fill[r] = (fill[r] as number) + 1;
  }
  const maxSpan = new Int32Array(count);
  const byKey = new Map<number, readonly [number, number]>();
  for (let r = 0; r < count; r++) {
    const from = start[r] as number;
    const to = start[r + 1] as number;
    // Records were placed in index order, so equal start days stay in index order.
    if (to - from > 1) order.subarray(from, to).sort((a, b) => (startDay[a] as number) - (startDay[b] as number) || a - b);
    let span = 0;
    for (let k = from; k < to; k++) span = Math.max(span, (endDay[order[k] as number] as number) - (startDay[order[k] as number] as number));
    maxSpan[r] = span;
    const key = keys[rank[r] as number] as number;
    const seen = byKey.get(key);
    byKey.set(key, seen ? [seen[0], r + 1] : [r, r + 1]);
  }
  return {
    order,
    start,
    key: Float64Array.from(rank, (b) => keys[b] as number),
    dataset: Uint16Array.from(rank, (b) => datasets[b] as number),
    maxSpan,
    byKey,
  };
}

/** First position in bucket b whose record starts on or after `day`. */
function lowerBound(buckets: Buckets, b: number, startDay: Int32Array, day: number): number {
  let lo = buckets.start[b] as number;
  let hi = buckets.start[b + 1] as number;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((startDay[buckets.order[mid] as number] as number) < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Calls `visit(i, j)` for every record i of bucket p and j of bucket q whose spans overlap or
 * lie at most `slack` days apart. Bucket q is sorted by start, so only its records starting
 * from `start_i − slack − maxSpan_q` to `end_i + slack` are read.
 */
function joinBuckets(records: LinkRecords, buckets: Buckets, p: number, q: number, slack: number, visit: (i: number, j: number) => void): void {
  const { startDay, endDay } = records;
  const qEnd = buckets.start[q + 1] as number;
  const qSpan = buckets.maxSpan[q] as number;
  for (let x = buckets.start[p] as number; x < (buckets.start[p + 1] as number); x++) {
    const i = buckets.order[x] as number;
    const si = startDay[i] as number;
    const ei = endDay[i] as number;
    // j is near i in time when start_j ≤ end_i + slack and end_j ≥ start_i − slack.
    for (let y = lowerBound(buckets, q, startDay, si - slack - qSpan); y < qEnd; y++) {
      const j = buckets.order[y] as number;
      if ((startDay[j] as number) > ei + slack) break;
      if ((endDay[j] as number) >= si - slack) visit(i, j);
    }
  }
}

const METRES_PER_DEGREE = (Math.PI / 180) * EARTH_RADIUS_M;

/**
 * Proposes candidates (see EventLinks.candidates): pairs of records of different datasets whose
 * day spans overlap or are one day apart, whose categories are compatible, and
 * whose points are within 5 km, or who name the same township while one of them is known only to
 * the township.
 */
function findCandidates(records: LinkRecords, groups: Groups): EventLinks['candidates'] {
  const n = records.count;
  const slack = CANDIDATE_RULES.daySlack;
  const maxM = CANDIDATE_RULES.maxDistanceM;
  const { lon, lat, startDay, category, categoryFallback, precision, township } = records;
  const dated = (i: number) => (startDay[i] as number) !== NO_START && Number.isFinite(lon[i]) && Number.isFinite(lat[i]);

  // The best pair per two groups, by distance then record indices.
  const best = new Map<number, number>();
  const ca: number[] = [];
  const cb: number[] = [];
  const cd: number[] = [];
  const cbasis: number[] = [];
  const consider = (i: number, j: number, basis: number, distance: number): void => {
    const ri = groups.find(i);
    const rj = groups.find(j);
    if (ri === rj) return;
    if (!categoryCodesCompatible(category[i] as number, categoryFallback[i] === 1, category[j] as number, categoryFallback[j] === 1)) return;
    // Two records alone in their groups are of different datasets here; only larger groups, or
    // decisions that keep records apart, need the full check.
    if ((groups.hasApart || !groups.isSingleton(ri) || !groups.isSingleton(rj)) && groups.conflict(ri, rj, true) !== null) return;
    const [a, b] = i < j ? [i, j] : [j, i];
    const key = Math.min(ri, rj) * n + Math.max(ri, rj);
    const at = best.get(key);
    if (at !== undefined) {
      const d = cd[at] as number;
      if (distance > d || (distance === d && (a > (ca[at] as number) || (a === ca[at] && b >= (cb[at] as number))))) return;
      ca[at] = a;
      cb[at] = b;
      cd[at] = distance;
      cbasis[at] = basis;
      return;
    }
    best.set(key, ca.length);
    ca.push(a);
    cb.push(b);
    cd.push(distance);
    cbasis.push(basis);
  };

  // Grid cells at least 5 km wide everywhere in the data, so a pair within 5 km is in one
  // cell or two neighbouring ones.
  let maxAbsLat = 0;
  for (let i = 0; i < n; i++) if (dated(i)) maxAbsLat = Math.max(maxAbsLat, Math.abs(lat[i] as number));
  const latStep = (maxM / METRES_PER_DEGREE) * 1.001;
  const lonStep = latStep / Math.max(Math.cos(Math.min(maxAbsLat, 89) * (Math.PI / 180)), 1e-6);
  const ROWS = 1 << 22;
  const cellOf = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = Math.floor((lon[i] as number) / lonStep);
    const y = Math.floor((lat[i] as number) / latStep);
    cellOf[i] = x * ROWS + (y + ROWS / 2);
  }
  const grid = bucketize(records, cellOf, dated);
  const byDistance = (i: number, j: number): void => {
    const d = haversineMetres(lon[i] as number, lat[i] as number, lon[j] as number, lat[j] as number);
    if (d <= maxM) consider(i, j, CANDIDATE_BASIS.distance, d);
  };
  // Each cell with itself and the four neighbours after it, so every pair of cells is met once.
  for (const [cell, [first, last]] of grid.byKey) {
    for (const next of [cell, cell + 1, cell + ROWS - 1, cell + ROWS, cell + ROWS + 1]) {
      const range = grid.byKey.get(next);
      if (!range) continue;
      for (let p = first; p < last; p++) {
        for (let q = range[0]; q < range[1]; q++) {
          if (grid.dataset[p] === grid.dataset[q]) continue;
          // Within one cell, each pair of datasets once.
          if (next === cell && (grid.dataset[p] as number) > (grid.dataset[q] as number)) continue;
          joinBuckets(records, grid, p, q, slack, byDistance);
        }
      }
    }
  }

  // Same township, farther than 5 km apart, one of the two known only to the township.
  const townshipOf = new Float64Array(n);
  for (let i = 0; i < n; i++) townshipOf[i] = township[i] as number;
  const towns = bucketize(records, townshipOf, (i) => dated(i) && (township[i] as number) !== NONE);
  const byTownship = (i: number, j: number): void => {
    if (precision[i] !== TOWNSHIP && precision[j] !== TOWNSHIP) return;
    const d = haversineMetres(lon[i] as number, lat[i] as number, lon[j] as number, lat[j] as number);
    if (d > maxM) consider(i, j, CANDIDATE_BASIS.township, d);
  };
  for (const [, [first, last]] of towns.byKey) {
    for (let p = first; p < last; p++) for (let q = p + 1; q < last; q++) joinBuckets(records, towns, p, q, slack, byTownship);
  }

  const order = ca.map((_, k) => k).sort((x, y) => (ca[x] as number) - (ca[y] as number) || (cb[x] as number) - (cb[y] as number));
  return {
    a: Uint32Array.from(order, (k) => ca[k] as number),
    b: Uint32Array.from(order, (k) => cb[k] as number),
    distanceM: Float64Array.from(order, (k) => cd[k] as number),
    basis: Uint8Array.from(order, (k) => cbasis[k] as number),
  };
}

/**
 * Links the loaded records into events: exact links first (they are facts of the data), then
 * "not the same" decisions (which keep records apart), then "same event" decisions (refused,
 * with a reason, when they would put two records of one dataset, or two records decided apart,
 * in one group), then candidates among what is left. Deterministic for the same input.
 * @example linkEvents(linkRecordsFromIncidents(incidents), []).groupCount
 */
export function linkEvents(records: LinkRecords, decisions: readonly LinkDecision[] = []): EventLinks {
  const groups = new Groups(records);
  const links = new PairList();
  const refused: LinkRefusal[] = [];
  linkExactly(records, groups, links, refused);
  const decisionsWaiting = applyDecisions(records, decisions, groups, links, refused);
  const candidates = findCandidates(records, groups);

  // Dense group ids in order of each group's first record, and the members of each group.
  const n = records.count;
  const groupOf = new Uint32Array(n);
  const idOfRoot = new Int32Array(n).fill(NONE);
  let groupCount = 0;
  for (let i = 0; i < n; i++) {
    const root = groups.find(i);
    if ((idOfRoot[root] as number) === NONE) idOfRoot[root] = groupCount++;
    groupOf[i] = idOfRoot[root] as number;
  }
  const memberStart = new Uint32Array(groupCount + 1);
  for (let i = 0; i < n; i++) memberStart[(groupOf[i] as number) + 1] = (memberStart[(groupOf[i] as number) + 1] as number) + 1;
  for (let g = 0; g < groupCount; g++) memberStart[g + 1] = (memberStart[g + 1] as number) + (memberStart[g] as number);
  const next = memberStart.slice(0, groupCount);
  const members = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const g = groupOf[i] as number;
    members[next[g] as number] = i;
    next[g] = (next[g] as number) + 1;
  }
  return {
    groupOf,
    groupCount,
    memberStart,
    members,
    links: { a: Uint32Array.from(links.a), b: Uint32Array.from(links.b), kind: Uint8Array.from(links.kind) },
    candidates,
    refused,
    decisionsWaiting,
  };
}

/** The records of one group, ascending. */
export function groupMembers(links: Pick<EventLinks, 'members' | 'memberStart'>, group: number): Uint32Array {
  return links.members.subarray(links.memberStart[group] as number, links.memberStart[group + 1] as number);
}

/** What linking did with one dataset's rows, for the import report of the file just read. */
export interface DatasetLinkSummary {
  readonly rows: number;
  /** Rows joined to a record of another dataset by an id (their own, or one they name). */
  readonly linkedExactly: number;
  /** Rows in at least one "possibly the same event" pair. */
  readonly candidates: number;
}

/**
 * How many rows of a dataset linked exactly and how many became candidates.
 * @example datasetLinkSummary(records, links, 'acled-2022') // { rows: 200000, linkedExactly: 0, candidates: 3120 }
 */
export function datasetLinkSummary(records: LinkRecords, links: EventLinks, dataset: string): DatasetLinkSummary {
  const code = records.datasetIds.indexOf(dataset);
  const mark = (a: Uint32Array, b: Uint32Array, keep: (k: number) => boolean): number => {
    const seen = new Uint8Array(records.count);
    let n = 0;
    for (let k = 0; k < a.length; k++) {
      if (!keep(k)) continue;
      for (const i of [a[k] as number, b[k] as number]) {
        if (records.dataset[i] === code && seen[i] === 0) {
          seen[i] = 1;
          n++;
        }
      }
    }
    return n;
  };
  let rows = 0;
  for (let i = 0; i < records.count; i++) if (records.dataset[i] === code) rows++;
  return {
    rows,
    linkedExactly: code < 0 ? 0 : mark(links.links.a, links.links.b, (k) => links.links.kind[k] !== LINK_KIND.decision),
    candidates: code < 0 ? 0 : mark(links.candidates.a, links.candidates.b, () => true),
  };
}
