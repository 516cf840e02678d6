import type { Feature, FeatureCollection, Point } from 'geojson';
import { CATEGORY_IDS } from '../domain/categories.ts';
import { incidentDaySpan } from '../domain/date-span.ts';
import type { IncidentRecord } from '../domain/incident.ts';
import { UNCERTAINTY_RADIUS_M, isAreaPrecision, precisionRank, type LocationPrecision } from '../domain/precision.ts';
import { isWeakEvidence } from '../domain/verification.ts';

/**
 * Properties of one marker on the map. A marker stands for one incident or for several: every
 * incident known only to the same area (drawn once, at the area's label point), or several
 * incidents at exactly the same point. Only short, typed fields go in; the long text stays in
 * the incident records.
 */
export interface IncidentProps {
  /** Names the marker: `a:<area code>` for an area, `p:<lon>,<lat>` for a point, the id for a live feature. */
  readonly key: string;
  /** The incident ids it stands for, as `|id1|id2|`, so a style expression can test one id. */
  readonly ids: string;
  /** How many incidents it stands for. */
  readonly count: number;
  /** The incidents' category, or "other" when they differ (`mixed`). */
  readonly category: string;
  readonly mixed: boolean;
  readonly catIndex: number;
  readonly precision: LocationPrecision;
  readonly precRank: number;
  /** Drawn as an area marker (place known only to an area), never as a pin. */
  readonly area: boolean;
  /** The area's code when the marker stands at an area's label point, else ''. */
  readonly areaCode: string;
  /** Radius of the uncertainty ring in metres, 0 where there is none. */
  readonly uncertaintyM: number;
  /** Weaker evidence (single source, unverified) for every incident it stands for: drawn hollow. */
  readonly weak: boolean;
  /** The first and last day any of its incidents may have happened on. */
  readonly startDay: number;
  readonly endDay: number;
  readonly dataset: string;
  /** Outline style of its dataset ('' for the curated data and for markers of several datasets). */
  readonly outline: string;
}

/** Keys of IncidentProps, so style expressions never spell a property name that does not exist. */
export function prop<K extends keyof IncidentProps>(key: K): ['get', K] {
  return ['get', key];
}

/** What the map draws: an event as one record, and the ids of all its records (the record's own first). */
export interface MarkerItem {
  readonly record: IncidentRecord;
  readonly ids: readonly string[];
}

/** Where a marker goes and what it needs from the rest of the map. */
export interface MarkerContext {
  /** Outline style of a dataset ('' for none). */
  readonly outlineOf: (dataset: string) => string;
  /** The label point of an area (township, district, state) by its code, or null when unknown. */
  readonly areaPoint: (code: string) => readonly [number, number] | null;
}

const NO_AREA: MarkerContext['areaPoint'] = () => null;

/** Whether an incident is drawn as its area: a place known only to a township, district or wider, with the area's point known. */
/** Whether the map draws the incident as its area (a township, district or state it is known only to) rather than a point. */
export function knownAsArea(inc: Pick<IncidentRecord, 'precision' | 'place'>): boolean {
  return Boolean(inc.place.areaCode) && (inc.precision === 'township' || isAreaPrecision(inc.precision));
}

function areaAnchor(inc: IncidentRecord, ctx: MarkerContext): readonly [number, number] | null {
  const code = inc.place.areaCode;
  if (!code || !knownAsArea(inc)) return null;
  return ctx.areaPoint(code);
}

/** The ring radius: for "within about 25 km", and for a township whose polygon is not known. */
function ringMetres(inc: IncidentRecord, drawnAsArea: boolean): number {
  return drawnAsArea ? 0 : (UNCERTAINTY_RADIUS_M[inc.precision] ?? 0);
}

function catIndexOf(category: string): number {
  const i = CATEGORY_IDS.indexOf(category as (typeof CATEGORY_IDS)[number]);
  return i < 0 ? CATEGORY_IDS.length - 1 : i;
}

/** One feature per incident, at its point or its area's label point (the live layers filter these by date). */
export function incidentToFeature(inc: IncidentRecord, ctx: MarkerContext, ids: readonly string[] = [inc.id]): Feature<Point, IncidentProps> {
  const anchor = areaAnchor(inc, ctx);
  // The same span the visible-set function uses, so the map's time filter agrees with it.
  const span = incidentDaySpan(inc.date) ?? [0, -1];
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: anchor ? [anchor[0], anchor[1]] : [inc.lon, inc.lat] },
    properties: {
      key: inc.id,
      ids: `|${ids.join('|')}|`,
      count: 1,
      category: inc.category,
      mixed: false,
      catIndex: catIndexOf(inc.category),
      precision: inc.precision,
      precRank: precisionRank(inc.precision),
      area: anchor !== null || isAreaPrecision(inc.precision),
      areaCode: anchor ? (inc.place.areaCode ?? '') : '',
      uncertaintyM: ringMetres(inc, anchor !== null),
      weak: isWeakEvidence(inc.verification.status),
      startDay: span[0],
      endDay: span[1],
      dataset: inc.dataset,
      outline: ctx.outlineOf(inc.dataset),
    },
  };
}

/** Events (or plain records) as one feature each, for a map source that filters them by date. */
export function incidentsToFeatureCollection(items: readonly (IncidentRecord | MarkerItem)[], ctx: Partial<MarkerContext> = {}): FeatureCollection<Point, IncidentProps> {
  const full: MarkerContext = { outlineOf: ctx.outlineOf ?? (() => ''), areaPoint: ctx.areaPoint ?? NO_AREA };
  return { type: 'FeatureCollection', features: items.map((it) => ('record' in it ? incidentToFeature(it.record, full, it.ids) : incidentToFeature(it, full))) };
}

/** The markers of a visible set, and which incidents each one stands for. */
export interface IncidentMarkers {
  readonly collection: FeatureCollection<Point, IncidentProps>;
  /** Marker key → the ids of its incidents, in the order given. */
  readonly members: ReadonlyMap<string, readonly string[]>;
}

/**
 * The visible incidents as markers: every incident known only to the same area becomes one
 * marker at the area's label point, and incidents at exactly the same point become one marker,
 * each with its count, so that a reader sees "3" rather than one marker hiding two others.
 */
export function incidentsToMarkers(items: readonly (IncidentRecord | MarkerItem)[], ctx: MarkerContext): IncidentMarkers {
  const groups = new Map<string, Feature<Point, IncidentProps>>();
  const members = new Map<string, string[]>();
  for (const item of items) {
    const inc = 'record' in item ? item.record : item;
    const itemIds = 'record' in item ? item.ids : [inc.id];
    const single = incidentToFeature(inc, ctx, itemIds);
    const p = single.properties;
    const [lon, lat] = single.geometry.coordinates as [number, number];
    const key = p.areaCode ? `a:${p.areaCode}` : `p:${lon.toFixed(6)},${lat.toFixed(6)}`;
    const ids = members.get(key);
    const group = groups.get(key);
    if (!ids || !group) {
      members.set(key, [...itemIds]);
      groups.set(key, { ...single, properties: { ...p, key } });
      continue;
    }
    ids.push(...itemIds);
    const g = group.properties;
    const mixed = g.mixed || g.category !== p.category;
    group.properties = {
      ...g,
      ids: `${g.ids}${itemIds.join('|')}|`,
      count: g.count + 1,
      mixed,
      category: mixed ? 'other' : g.category,
      catIndex: mixed ? catIndexOf('other') : g.catIndex,
      precRank: Math.min(g.precRank, p.precRank),
      uncertaintyM: Math.max(g.uncertaintyM, p.uncertaintyM),
      weak: g.weak && p.weak,
      startDay: Math.min(g.startDay, p.startDay),
      endDay: Math.max(g.endDay, p.endDay),
      dataset: g.dataset === p.dataset ? g.dataset : '',
      outline: g.outline === p.outline ? g.outline : '',
    };
  }
  return { collection: { type: 'FeatureCollection', features: [...groups.values()] }, members };
}

/** How many visible incidents known only to an area each area holds, by area code (its tint and count). */
export function areaIncidentCounts(items: readonly (IncidentRecord | MarkerItem)[], ctx: Pick<MarkerContext, 'areaPoint'>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const inc = 'record' in item ? item.record : item;
    const code = inc.place.areaCode;
    if (code && areaAnchor(inc, { outlineOf: () => '', areaPoint: ctx.areaPoint })) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return counts;
}
