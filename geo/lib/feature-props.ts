/**
 * Property shapes of the GeoJSON files that `geo/derive-boundaries.ts` writes to `public/data/`,
 * and the small tables that decide them. The app's domain types may mirror these; this module is
 * the contract on the derivation side.
 */

/** One of the three focus areas of the project, or null for the other units. */
export type Focus = 'sagaing' | 'kayah' | 'kayin';

/** Properties of a feature in `public/data/countries.geojson`. */
export interface CountryProps {
  /** English short name as in world-atlas (Natural Earth `NAME`). */
  name: string;
  /** ISO 3166-1 numeric code, which world-atlas uses as the feature id ("104" is Myanmar). */
  iso_n3: string;
  is_myanmar: boolean;
}

/** Properties of a state or region in `public/data/admin1.geojson` and its label points. */
export interface Admin1Props {
  /** ISO 3166-2 code, e.g. "MM-01". */
  code: string;
  name_en: string;
  /** "Region" or "State" (Natural Earth still says "Division" for regions; see PROVENANCE). */
  type_en: string;
  /** Burmese name, only where it was confirmed against a public reference; otherwise null. */
  name_my: string | null;
  focus: Focus | null;
  /** English text the map draws. */
  label: string;
}

/** Town or village, as the gazetteer names the place and as `kind` records it. */
export type PlaceKind = 'town' | 'village';

/** Properties of a point in `public/data/places.geojson`. */
export interface PlaceProps {
  /** Display name without the trailing " town"/" village". */
  name: string;
  kind: PlaceKind;
  alt_names: string[];
  /** State or region as the gazetteer gives it ("Naypyidaw" is a union territory). */
  admin1: string;
  /** Natural Earth admin-1 unit that holds (or, for documented exceptions, is nearest to) the point. */
  admin1_code: string;
  /** Township name without its place code, or null. */
  township: string | null;
  /** MIMU township place code such as "MMR005010", where the gazetteer gives one. */
  township_pcode: string | null;
  /** Level the coordinate is known at ("town" or "village"). */
  precision: string;
  confidence: string;
  sources: string;
  /** True for the capitals and major cities listed for orientation. */
  orientation: boolean;
  /** 1 orientation towns, 2 other towns, 3 villages: the style shows fewer labels at low zoom. */
  rank: 1 | 2 | 3;
}

/** Focus areas by ISO 3166-2 code. */
export const FOCUS_BY_CODE: Readonly<Record<string, Focus>> = {
  'MM-01': 'sagaing',
  'MM-12': 'kayah',
  'MM-13': 'kayin',
};

/** Map labels that differ from the English name; Kayin is widely reported as Karen State. */
export const LABEL_BY_CODE: Readonly<Record<string, string>> = {
  'MM-13': 'Kayin (Karen)',
};
