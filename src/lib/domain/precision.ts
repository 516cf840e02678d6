/**
 * Location precisions, from most to least precise. One enum for every dataset.
 * `named_place` is a place known by name that may be a town or a village (ACLED's
 * `geo_precision` 1 does not say which), so it sits between the two.
 */
export const LOCATION_PRECISIONS = [
  'exact',
  'village',
  'named_place',
  'town',
  'near',
  'township',
  'district',
  'region',
  'country',
] as const;
export type LocationPrecision = (typeof LOCATION_PRECISIONS)[number];

/** How a location precision reads in a sentence: "location known to township level". */
export const LOCATION_PRECISION_TEXT: Record<LocationPrecision, string> = {
  exact: 'exact location',
  village: 'location known to village level',
  named_place: 'location known to a named place, a town or village',
  town: 'location known to town level',
  near: 'location known to within about 25 km',
  township: 'location known to township level',
  district: 'location known to district level',
  region: 'location known to state or region level',
  country: 'location known to country level only',
};

/** Short labels for filters and legends. */
export const LOCATION_PRECISION_LABEL: Record<LocationPrecision, string> = {
  exact: 'Exact',
  village: 'Village',
  named_place: 'Named place',
  town: 'Town',
  near: 'Within about 25 km',
  township: 'Township',
  district: 'District',
  region: 'State / region',
  country: 'Country',
};

/**
 * Radius in metres of the uncertainty ring drawn around a point of this precision, or null where
 * the point itself is honest (exact, village, named place, town). `near` is UCDP's "within about
 * 25 km". A township is drawn as its own polygon when its place code is known; the ring, about the
 * radius of a typical Myanmar township (~1,500 km²), stands in only when no polygon matches.
 */
export const UNCERTAINTY_RADIUS_M: Record<LocationPrecision, number | null> = {
  exact: null,
  village: null,
  named_place: null,
  town: null,
  near: 25_000,
  township: 22_000,
  district: 50_000,
  region: null,
  country: null,
};

/** Precisions that may be drawn as a solid marker at a point. Coarser ones never are. */
export const POINT_PRECISIONS: readonly LocationPrecision[] = ['exact', 'village', 'named_place', 'town', 'near', 'township'];

/** True when the precision is too coarse to be shown as a pin (district, region, country). */
export function isAreaPrecision(p: LocationPrecision): boolean {
  return p === 'district' || p === 'region' || p === 'country';
}

/** Index of a precision, 0 = most precise; used for sorting and numeric map properties. */
export function precisionRank(p: LocationPrecision): number {
  return LOCATION_PRECISIONS.indexOf(p);
}

/** Type guard for the precision enum. */
export function isLocationPrecision(v: unknown): v is LocationPrecision {
  return typeof v === 'string' && (LOCATION_PRECISIONS as readonly string[]).includes(v);
}

/** Date precisions. A `range` has explicit start and end days. */
export const DATE_PRECISIONS = ['day', 'week', 'month', 'range'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];
