import type { Feature, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { area, bbox, pointOnFeature, pointToPolygonDistance, polygon } from '@turf/turf';

/** Grid steps per side and refinement rounds of the search; 16 × 3 places labels within ~0.1 % of the extent. */
const GRID_STEPS = 16;
const ROUNDS = 3;

/** The part of a (multi)polygon with the largest area, where the label should go. */
function largestPart(geometry: Polygon | MultiPolygon): Feature<Polygon> {
  if (geometry.type === 'Polygon') return polygon(geometry.coordinates);
  let best: Feature<Polygon> | undefined;
  let bestArea = -1;
  for (const rings of geometry.coordinates) {
    const part = polygon(rings);
    const partArea = area(part);
    if (partArea > bestArea) {
      best = part;
      bestArea = partArea;
    }
  }
  if (!best) throw new Error('labelPoint: empty MultiPolygon');
  return best;
}

/** Distance from a point to the outline, positive inside and negative outside (planar, km). */
function depth(position: Position, part: Feature<Polygon>): number {
  return -pointToPolygonDistance(position, part, { units: 'kilometers', method: 'planar' });
}

/**
 * A point inside the largest part of a (multi)polygon, as far as possible from its edges
 * (an approximate pole of inaccessibility found by a refined grid search). Unlike a centroid it
 * stays inside crescent-shaped units, and it sits in their widest part, where a label fits.
 *
 * @example
 * const label = labelPoint(sagaing); // Feature<Point> with Sagaing's properties
 */
export function labelPoint<P>(feature: Feature<Polygon | MultiPolygon, P>): Feature<Point, P> {
  const part = largestPart(feature.geometry);
  let [minX, minY, maxX, maxY] = bbox(part);
  let best: Position | undefined;
  let bestDepth = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const stepX = (maxX - minX) / GRID_STEPS;
    const stepY = (maxY - minY) / GRID_STEPS;
    for (let i = 0; i < GRID_STEPS; i++) {
      for (let j = 0; j < GRID_STEPS; j++) {
        const candidate = [minX + (i + 0.5) * stepX, minY + (j + 0.5) * stepY];
        const d = depth(candidate, part);
        if (d > bestDepth) {
          best = candidate;
          bestDepth = d;
        }
      }
    }
    if (!best) break;
    const [x = 0, y = 0] = best;
    [minX, minY, maxX, maxY] = [x - stepX, y - stepY, x + stepX, y + stepY];
  }
  // Slivers thinner than a grid cell: fall back to Turf's guaranteed point on the surface.
  const coordinates = best ?? pointOnFeature(part).geometry.coordinates;
  return {
    type: 'Feature',
    properties: feature.properties,
    geometry: { type: 'Point', coordinates },
  };
}
