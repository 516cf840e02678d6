/**
 * Shapes of the township files that `geo/derive-local-geo.ts` writes for the app:
 * `public/data/townships.json` (names, codes, areas, label points and boxes) and
 * `public/data/townships-match.json` (simplified polygons for point-in-polygon checks: TopoJSON,
 * object `townships`, decoded to {@link TownshipPolygons} with topojson-client's `feature()`).
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';

/** [west, south, east, north] in degrees, 4 decimals, rounded outwards. */
export type Bbox4 = [number, number, number, number];

/** One township (MIMU admin level 3, 2014 boundaries) in `townships.json`. */
export interface TownshipEntry {
  /** MIMU place code, e.g. "MMR005010" (Tabayin). */
  pcode: string;
  name_en: string;
  /** Burmese name (Unicode, MIMU `Myanmar3`). */
  name_my: string;
  district_pcode: string;
  district_en: string;
  /** The app's state/region name, as in `admin1-labels.geojson` (Shan North/South/East → "Shan", Nay Pyi Taw → "Mandalay"). */
  admin1: string;
  /** Geodesic area of the cleaned polygon, km², rounded to 10 km². */
  area_km2: number;
  /** Label point inside the township, [lon, lat] with 4 decimals. */
  label: [number, number];
  bbox: Bbox4;
}

/** One district (dissolved from its townships) in `townships.json`. */
export interface DistrictEntry {
  pcode: string;
  name_en: string;
  /** Burmese name where the MIMU district file gives one for the same place code; otherwise null. */
  name_my: string | null;
  admin1: string;
  area_km2: number;
  label: [number, number];
  bbox: Bbox4;
}

/** `public/data/townships.json`. */
export interface TownshipIndex {
  /** First 12 hex digits of the SHA-256 of the inputs' checksums and this file's records. */
  version: string;
  /** Input file name → SHA-256, as checked by the derivation. */
  inputs: Record<string, string>;
  townships: TownshipEntry[];
  districts: DistrictEntry[];
}

/** Properties of a polygon in `public/data/townships-match.json`. */
export interface TownshipPolygonProps {
  pcode: string;
}

/** The decoded `public/data/townships-match.json`: one simplified (multi)polygon per township. */
export type TownshipPolygons = FeatureCollection<Polygon | MultiPolygon, TownshipPolygonProps>;
