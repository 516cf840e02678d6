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
