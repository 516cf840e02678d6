import type { Feature, FeatureCollection, Point } from 'geojson';
import { CATEGORY_IDS } from '../domain/categories.ts';
import type { Incident } from '../domain/incident.ts';
import { UNCERTAINTY_RADIUS_M, isAreaPrecision, precisionRank, type LocationPrecision } from '../domain/precision.ts';
import { isWeakEvidence } from '../domain/verification.ts';
import { incidentDaySpan } from '../domain/date-span.ts';

/**
 * Properties of an incident point on the map. Only short, typed fields go in: long text stays
 * in the incident records and is read when a popup asks for it.
 */
export interface IncidentProps {
  readonly id: string;
  readonly category: string;
  readonly catIndex: number;
  readonly precision: LocationPrecision;
  readonly precRank: number;
  /** Drawn as an area (district, region, country), never as a pin. */
  readonly area: boolean;
  /** Radius of the uncertainty ring in metres, 0 where there is none. */
  readonly uncertaintyM: number;
  /** Weaker evidence (single source, unverified): drawn hollow. */
  readonly weak: boolean;
  readonly startDay: number;
  readonly endDay: number;
  readonly dataset: string;
  /** Outline style of the incident's dataset ('' for the curated data, which has none). */
  readonly outline: string;
}

/** Keys of IncidentProps, so style expressions never spell a property name that does not exist. */
export function prop<K extends keyof IncidentProps>(key: K): ['get', K] {
  return ['get', key];
}

/** Builds the map feature of one incident. */
export function incidentToFeature(inc: Incident, outline = ''): Feature<Point, IncidentProps> {
  const catIndex = CATEGORY_IDS.indexOf(inc.category);
  // The same span the visible-set function uses, so the map's time filter agrees with it.
  const span = incidentDaySpan(inc.date) ?? [0, -1];
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [inc.lon, inc.lat] },
    properties: {
      id: inc.id,
      category: inc.category,
      catIndex: catIndex < 0 ? CATEGORY_IDS.length - 1 : catIndex,
      precision: inc.precision,
      precRank: precisionRank(inc.precision),
      area: isAreaPrecision(inc.precision),
      uncertaintyM: UNCERTAINTY_RADIUS_M[inc.precision] ?? 0,
      weak: isWeakEvidence(inc.verification.status),
      startDay: span[0],
      endDay: span[1],
      dataset: inc.dataset,
      outline,
    },
  };
}

/** Incidents as a GeoJSON FeatureCollection for a map source. */
export function incidentsToFeatureCollection(
  incidents: readonly Incident[],
  outlineOf: (dataset: string) => string = () => '',
): FeatureCollection<Point, IncidentProps> {
  return {
    type: 'FeatureCollection',
    features: incidents.map((i) => incidentToFeature(i, outlineOf(i.dataset))),
  };
}
