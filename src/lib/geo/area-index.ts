/**
 * Every area a place can be known only to — the 330 townships and 73 districts of
 * `townships.json` and the 14 states and regions — by code, with its names, label point and size.
 * The map anchors area markers at the label points, and the details state the area's size.
 */
import type { FeatureCollection, Point } from 'geojson';
import { areaKindOf, type AreaKind } from '../domain/areas.ts';
import type { TownshipIndex } from './township-index.ts';

/** One area. */
export interface AreaEntry {
  readonly code: string;
  readonly kind: AreaKind;
  readonly name: string;
  readonly nameMy: string | null;
  /** The state or region it lies in (its own name for a state or region). */
  readonly admin1: string;
  /** Where its marker and its name go: a point inside it. */
  readonly label: readonly [number, number];
  /** Its area in km², rounded to 10 km², where known. */
  readonly areaKm2: number | null;
  /** [west, south, east, north], where known. */
  readonly bbox: readonly [number, number, number, number] | null;
}

/** Areas by code. */
export type AreaIndex = ReadonlyMap<string, AreaEntry>;

/** Properties of `admin1-labels.geojson`. */
export interface Admin1LabelProps {
  readonly code: string;
  readonly name_en: string;
  readonly name_my: string | null;
  readonly label: string;
}

/**
 * The area index from the township file and the state/region label points.
 * @example buildAreaIndex(townships, admin1Labels).get('MMR002002')?.name // "Demoso"
 */
export function buildAreaIndex(townships: TownshipIndex | null, admin1Labels: FeatureCollection<Point, Admin1LabelProps> | null): AreaIndex {
  const index = new Map<string, AreaEntry>();
  for (const f of admin1Labels?.features ?? []) {
    const [lon = 0, lat = 0] = f.geometry.coordinates;
    const p = f.properties;
    index.set(p.code, { code: p.code, kind: 'region', name: p.name_en, nameMy: p.name_my, admin1: p.name_en, label: [lon, lat], areaKm2: null, bbox: null });
  }
  for (const d of townships?.districts ?? []) {
    index.set(d.pcode, { code: d.pcode, kind: 'district', name: d.name_en, nameMy: d.name_my, admin1: d.admin1, label: d.label, areaKm2: d.area_km2, bbox: d.bbox });
  }
  for (const t of townships?.townships ?? []) {
    index.set(t.pcode, { code: t.pcode, kind: 'township', name: t.name_en, nameMy: t.name_my || null, admin1: t.admin1, label: t.label, areaKm2: t.area_km2, bbox: t.bbox });
  }
  return index;
}

/** The code of a state or region by its English name (the app's `Place.admin1`), or null. */
export function admin1Code(index: AreaIndex, name: string): string | null {
  for (const a of index.values()) if (a.kind === 'region' && a.name === name) return a.code;
  return null;
}

/** Whether a code has the form of an area code. */
export function isAreaCode(code: string): boolean {
  return areaKindOf(code) !== null;
}
