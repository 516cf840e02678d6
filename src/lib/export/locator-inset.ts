/**
 * The locator inset (issue #11): a small map of the country with the exported extent outlined,
 * as OCHA's maps have. Pure geometry in Web Mercator, as the map projects: the inset's scale,
 * where the extent falls in it, and whether the map needs one at all.
 *
 * Part of the export composition layer (`src/lib/export/`): no maplibre-gl, no DOM. The shapes
 * come through the export's inputs (`SnapshotPort.locatorGeography`, from the data the map has
 * already loaded), so drawing the inset makes no request.
 */
import type { LocatorGeography, LonLatRing } from '../domain/snapshot-port.ts';
import { mercatorXFromLng, mercatorYFromLat } from '../geo/web-mercator.ts';
import type { Box } from './legend-layout.ts';

/** A box in Web Mercator units (0…1 across the world, y down): [minX, minY, maxX, maxY]. */
export type MercatorBounds = readonly [number, number, number, number];

/** The geography and extent the inset shows. */
export interface LocatorContent {
  readonly geography: LocatorGeography;
  /** [lon, lat] of the exported map area's corners: top left, top right, bottom right, bottom left. */
  readonly extent: readonly (readonly [number, number])[];
}

/** Share of the country's bounding box the extent may cover and still get an inset; see `locatorWanted`. */
export const LOCATOR_MAX_SHARE = 0.5;

/** Room around the country inside the inset, as a share of its larger side, so its outline is not cut. */
const INSET_MARGIN = 0.06;

/** Narrowest inset, as width over height: a tall, thin country still gets some neighbours beside it. */
const MIN_INSET_ASPECT = 0.62;

function toMercator([lon, lat]: readonly [number, number]): [number, number] {
  return [mercatorXFromLng(lon), mercatorYFromLat(lat)];
}

/** The Web Mercator bounding box of the country's polygons (outer rings). */
export function countryBounds(geography: LocatorGeography): MercatorBounds {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const polygon of geography.country) {
    for (const p of polygon[0] ?? []) {
      const [x, y] = toMercator(p);
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  if (!(minX <= maxX && minY <= maxY)) throw new RangeError('The locator geography has no country outline');
  return [minX, minY, maxX, maxY];
}

/** The country's bounds with the inset's margin around them. */
function paddedBounds(bounds: MercatorBounds): MercatorBounds {
  const m = INSET_MARGIN * Math.max(bounds[2] - bounds[0], bounds[3] - bounds[1]);
  return [bounds[0] - m, bounds[1] - m, bounds[2] + m, bounds[3] + m];
}

/** Width over height of the inset for a country: its own shape with a margin, never thinner than `MIN_INSET_ASPECT`. */
export function insetAspect(bounds: MercatorBounds): number {
  const b = paddedBounds(bounds);
  return Math.max(MIN_INSET_ASPECT, (b[2] - b[0]) / (b[3] - b[1]));
}

/** Maps [lon, lat] to CSS pixels in an inset box. */
export type InsetProjection = (lonLat: readonly [number, number]) => [number, number];

/**
 * The projection of an inset: Web Mercator, the country (with a margin) fitted to `box` and
 * centred in it, so the inset reads like a zoomed-out copy of the map.
 *
 * @example
 * const project = insetProjection(countryBounds(geo), { x: 10, y: 60, width: 70, height: 120 });
 * project([96, 21.9]); // a point near the middle of the box
 */
export function insetProjection(bounds: MercatorBounds, box: Box): InsetProjection {
  const b = paddedBounds(bounds);
  const scale = Math.min(box.width / (b[2] - b[0]), box.height / (b[3] - b[1]));
  const cx = (b[0] + b[2]) / 2;
  const cy = (b[1] + b[3]) / 2;
  return (lonLat) => {
    const [x, y] = toMercator(lonLat);
    return [box.x + box.width / 2 + (x - cx) * scale, box.y + box.height / 2 + (y - cy) * scale];
  };
}

/**
 * The exported extent drawn in the inset: its four corners projected, in order. A turned map
 * (bearing) gives a turned quadrilateral, as its footprint on the ground is.
 */
export function extentInInset(extent: readonly (readonly [number, number])[], project: InsetProjection): [number, number][] {
  return extent.map(project);
}

/** Area of a polygon given by its corners (shoelace formula), in the corners' units squared. */
function polygonArea(points: readonly (readonly [number, number])[]): number {
  let twice = 0;
  points.forEach(([x, y], i) => {
    const [nx, ny] = points[(i + 1) % points.length] as readonly [number, number];
    twice += x * ny - nx * y;
  });
  return Math.abs(twice) / 2;
}

/**
 * Whether an export of this extent gets an inset: only when it shows less than about the country
 * (under `LOCATOR_MAX_SHARE` of the country's bounding box, in Web Mercator area). A map of the
 * whole country already shows where everything is, and an inset would only repeat it and cover
 * a corner of the map.
 */
export function locatorWanted(extent: readonly (readonly [number, number])[], bounds: MercatorBounds): boolean {
  if (extent.length < 3 || extent.some(([lon, lat]) => !Number.isFinite(lon) || !Number.isFinite(lat))) return false;
  const area = polygonArea(extent.map(toMercator));
  return area < LOCATOR_MAX_SHARE * (bounds[2] - bounds[0]) * (bounds[3] - bounds[1]);
}

/** Rings of polygons in inset pixels, for drawing. */
export function projectPolygons(polygons: readonly (readonly LonLatRing[])[], project: InsetProjection): [number, number][][][] {
  return polygons.map((rings) => rings.map((ring) => ring.map(project)));
}
