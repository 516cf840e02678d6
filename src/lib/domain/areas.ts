/** The three focus areas and the muted rest of Myanmar. The style and the legend both read this. */
export interface FocusAreaDef {
  readonly id: 'sagaing' | 'kayah' | 'kayin';
  readonly code: string;
  readonly label: string;
  readonly fill: string;
  readonly outline: string;
  /** [west, south, east, north] of the area, from the derived boundaries. */
  readonly bbox: readonly [number, number, number, number];
}

export const FOCUS_AREAS = [
  { id: 'sagaing', code: 'MM-01', label: 'Sagaing Region', fill: '#f2cf8a', outline: '#9a6a12', bbox: [93.96, 21.55, 97.03, 27.11] },
  { id: 'kayah', code: 'MM-12', label: 'Kayah (Karenni) State', fill: '#a8d5b0', outline: '#2e7d43', bbox: [96.83, 18.67, 97.92, 19.97] },
  { id: 'kayin', code: 'MM-13', label: 'Kayin (Karen) State', fill: '#b9c6ec', outline: '#3b54a6', bbox: [96.7, 15.1, 98.9, 19.4] },
] as const satisfies readonly FocusAreaDef[];

export type FocusAreaId = (typeof FOCUS_AREAS)[number]['id'];

/** Myanmar's extent, for the "whole country" button. */
export const MYANMAR_BBOX = [92.17, 9.6, 101.17, 28.55] as const;

/** Basemap colours that are not tied to a category or focus area. */
export const BASEMAP_COLORS = {
  sea: '#c9dde8',
  neighbour: '#ecebe6',
  neighbourOutline: '#b5b2a8',
  myanmarMuted: '#f7f5ef',
  admin1Outline: '#8f8a7c',
  countryOutline: '#5b574d',
  label: '#3a372f',
  labelHalo: '#ffffff',
} as const;

/** What kind of area a code names: a MIMU township ("MMR005010"), a MIMU district ("MMR005D002") or a state or region (ISO 3166-2, "MM-01"). */
export type AreaKind = 'township' | 'district' | 'region';

/** The kind of area a code names, or null for a code of no known form. */
export function areaKindOf(code: string): AreaKind | null {
  if (/^MMR\d{6}$/.test(code)) return 'township';
  if (/^MMR\d{3}D\d{3}$/.test(code)) return 'district';
  if (/^MM-\d{2}$/.test(code)) return 'region';
  return null;
}

/**
 * ISO 3166-2 code of each state and region, under the English name the app uses for it (the
 * `name_en` → `code` pairs of `public/data/admin1-labels.geojson`; a unit test keeps them equal).
 * Nay Pyi Taw (MM-18) has no outline of its own in the app: it lies inside Mandalay, so a place
 * known only to Nay Pyi Taw is coded, and drawn, as Mandalay.
 */
export const ADMIN1_ISO_CODES = {
  Sagaing: 'MM-01',
  Bago: 'MM-02',
  Magway: 'MM-03',
  Mandalay: 'MM-04',
  Tanintharyi: 'MM-05',
  Yangon: 'MM-06',
  Ayeyarwady: 'MM-07',
  Kachin: 'MM-11',
  Kayah: 'MM-12',
  Kayin: 'MM-13',
  Chin: 'MM-14',
  Mon: 'MM-15',
  Rakhine: 'MM-16',
  Shan: 'MM-17',
} as const satisfies Readonly<Record<string, string>>;

/**
 * The ISO 3166-2 code of a state or region by the app's English name, or null.
 *
 * @example
 * admin1IsoCode('Kayin'); // "MM-13"
 */
export function admin1IsoCode(name: string): string | null {
  return Object.hasOwn(ADMIN1_ISO_CODES, name) ? ADMIN1_ISO_CODES[name as keyof typeof ADMIN1_ISO_CODES] : null;
}
