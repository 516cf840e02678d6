/**
 * Coordinate checks shared by every importer, including the swapped latitude/longitude
 * heuristic. A row is never "fixed" silently: a suspect row is rejected with its reason,
 * and the user decides.
 */
import { MYANMAR_BBOX } from '../../domain/areas.ts';
import type { RejectReason } from './types.ts';

/** Checked coordinates, or why they were refused. */
export type CoordinateResult =
  | { readonly ok: true; readonly lon: number; readonly lat: number }
  | { readonly ok: false; readonly reason: RejectReason; readonly message: string };

/** A CSV cell as a finite number, or null for blank or non-numeric text. */
export function parseNumberCell(text: string | undefined): number | null {
  if (text === undefined) return null;
  const t = text.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

function inMyanmar(lon: number, lat: number): boolean {
  const [w, s, e, n] = MYANMAR_BBOX;
  return lon >= w && lon <= e && lat >= s && lat <= n;
}

/** True when a row's `country` value names Myanmar (ACLED "Myanmar", UCDP "Myanmar (Burma)"). */
export function isMyanmarCountry(country: string | undefined): boolean {
  // The two spellings the datasets use are checked first; this runs once per row.
  if (country === 'Myanmar' || country === 'Myanmar (Burma)') return true;
  return country !== undefined && country.toLowerCase().includes('myanmar');
}

/**
 * Checks a latitude and longitude, in this order:
 * 1. either missing or not a number, or both exactly 0 (the usual "no location" filler) → `no_coordinates`;
 * 2. |latitude| > 90 while |longitude| ≤ 90, so the pair only makes sense swapped → `swapped_coordinates`;
 * 3. |latitude| > 90 → `latitude_out_of_range`; |longitude| > 180 → `longitude_out_of_range`.
 * For rows in Myanmar, rule 2 is the whole swap test: Myanmar's longitudes (92–101°) are never
 * valid latitudes, so a swapped Myanmar point always fails it, and a point that passes it cannot
 * be a swapped Myanmar point. (A separate "swapped, it would fall in Myanmar" box test could
 * never fire after rule 2, so there is none; `myanmar` only sharpens the message.)
 */
export function checkCoordinates(lat: number | null, lon: number | null, myanmar: boolean, latText = String(lat), lonText = String(lon)): CoordinateResult {
  if (lat === null || lon === null) {
    const which = lat === null && lon === null ? 'latitude and longitude' : lat === null ? 'latitude' : 'longitude';
    return { ok: false, reason: 'no_coordinates', message: `No usable ${which} (latitude "${latText}", longitude "${lonText}").` };
  }
  if (lat === 0 && lon === 0) {
    return { ok: false, reason: 'no_coordinates', message: 'Coordinates are 0, 0, the usual filler for "no location".' };
  }
  const latOut = lat < -90 || lat > 90;
  if (latOut && lon >= -90 && lon <= 90) {
    const fits = myanmar && inMyanmar(lat, lon) ? ', and swapped the point falls in Myanmar' : '';
    return {
      ok: false,
      reason: 'swapped_coordinates',
      message: `Latitude ${lat} is impossible but longitude ${lon} would be a valid latitude${fits}: latitude and longitude look swapped.`,
    };
  }
  if (latOut) return { ok: false, reason: 'latitude_out_of_range', message: `Latitude ${lat} is outside -90..90.` };
  if (lon < -180 || lon > 180) return { ok: false, reason: 'longitude_out_of_range', message: `Longitude ${lon} is outside -180..180.` };
  return { ok: true, lon, lat };
}
