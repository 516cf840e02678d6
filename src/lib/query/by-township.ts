/**
 * "By township": how many visible events each township holds, counted honestly. An event (a
 * linked group of records, or one record) counts once, in the township of its most precisely
 * placed record's place code (the township its source names, or for a precise point the township
 * the point lies in), never in the township its drawn point happens to fall in; one known only to
 * a district or wider counts in no township and is counted apart.
 */
import type { IncidentFilter } from '../domain/filter.ts';
import { isAreaPrecision, LOCATION_PRECISIONS } from '../domain/precision.ts';
import { visibleIndices, type IncidentIndex } from './visible-incidents.ts';
import { singletonGroups, summarizeGroups, type EventGroups } from './event-counts.ts';

export interface TownshipCounts {
  /** Township code → visible incidents that count in it (townships with none are absent). */
  readonly counts: ReadonlyMap<string, number>;
  /** Visible events known only to a district, a state or region, or the country. */
  readonly widerOnly: number;
  /** Visible incidents with a precise place but no township (outside every township polygon, or unmatched). */
  readonly unplaced: number;
  /** Every visible incident (the three above add up to it). */
  readonly total: number;
}

/**
 * Counts the incidents passing the filter by township. The filter's own township choice is
 * ignored, as facet counts ignore their own facet: picking one township leaves the others coloured.
 * @example townshipCounts(index, filter).counts.get('MMR005010') // incidents in Tabayin
 */
export function townshipCounts(index: IncidentIndex, filter: IncidentFilter, groups: EventGroups = singletonGroups(index.incidents.length)): TownshipCounts {
  const wider = new Uint8Array(LOCATION_PRECISIONS.length + 1);
  LOCATION_PRECISIONS.forEach((p, i) => (wider[i] = isAreaPrecision(p) ? 1 : 0));
  const places = groups.groupCount === index.incidents.length ? null : summarizeGroups(index, groups).placeRecord;
  const perCode = new Uint32Array(index.townshipCodes.length);
  const counted = new Uint8Array(groups.groupCount);
  let widerOnly = 0;
  let unplaced = 0;
  let total = 0;
  for (const i of visibleIndices(index, { ...filter, townships: null })) {
    const g = groups.groupOf[i] as number;
    if (counted[g] === 1) continue;
    counted[g] = 1;
    total++;
    const r = places ? (places[g] as number) : i;
    const t = index.township[r] as number;
    if (index.townshipCodes[t] !== '') perCode[t] = (perCode[t] as number) + 1;
    else if (wider[index.precision[r] as number] === 1) widerOnly++;
    else unplaced++;
  }
  const counts = new Map<string, number>();
  perCode.forEach((n, t) => {
    if (n > 0) counts.set(index.townshipCodes[t] as string, n);
  });
  return { counts, widerOnly, unplaced, total };
}

/** One class of the choropleth: counts from `min` to `max` inclusive (`max` null for "and more"). */
export interface CountClass {
  readonly min: number;
  readonly max: number | null;
}

/** Class lower bounds tried in order; the classes end where the largest count is reached. */
const BREAKS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];

/**
 * Classes of counts for the legend, at most `maxClasses`: 1, 2–4, 5–9, 10–24, … up to the
 * largest count, the last class open-ended when the classes run out. Equal steps on a
 * roughly logarithmic scale, since a few townships hold most incidents.
 * @example countClasses(30) // 1, 2–4, 5–9, 10–24, 25–30
 */
export function countClasses(largest: number, maxClasses = 6): CountClass[] {
  if (largest < 1) return [];
  const lows = BREAKS.filter((b) => b <= largest);
  const kept = lows.slice(0, maxClasses);
  const truncated = lows.length > kept.length;
  return kept.map((min, i) => {
    const next = kept[i + 1];
    if (next !== undefined) return { min, max: next - 1 };
    return { min, max: truncated ? null : largest };
  });
}

/** The class (1-based) a count falls in, or 0 for none. */
export function classOf(count: number, classes: readonly CountClass[]): number {
  if (count < 1) return 0;
  for (let i = classes.length - 1; i >= 0; i--) if (count >= (classes[i] as CountClass).min) return i + 1;
  return 0;
}
