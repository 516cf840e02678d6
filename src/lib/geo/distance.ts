/**
 * Great-circle distance on MapLibre's sphere, for "within 5 km" questions (event linking, the
 * validator's checks of cited events). Plain arithmetic rather than Turf: linking calls it
 * millions of times on typed arrays.
 */
import { EARTH_RADIUS_M } from './web-mercator.ts';

const RAD = Math.PI / 180;

/**
 * Haversine distance in metres between two points given in degrees.
 * @example haversineMetres(95.40087, 22.67697, 95.18, 22.6524) // ≈ 22.8 km
 */
export function haversineMetres(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
