import type { BBox, Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { bbox as bboxOf, bboxClip } from '@turf/turf';

function overlaps(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
}

/**
 * Clips (multi)polygons to a bounding box with Turf's `bboxClip` and drops the features, parts
 * and holes that fall outside it. A clipped MultiPolygon with one part left becomes a Polygon.
 *
 * @example
 * const nearMyanmar = clipToBbox(countries, [84, 5, 106, 32]);
 */
export function clipToBbox<P>(
  collection: FeatureCollection<Polygon | MultiPolygon, P>,
  box: BBox,
): FeatureCollection<Polygon | MultiPolygon, P> {
  const features: Feature<Polygon | MultiPolygon, P>[] = [];
  for (const feature of collection.features) {
    // Skip far-away features cheaply; bboxClip would return them empty anyway.
    if (!overlaps(bboxOf(feature.geometry), box)) continue;
    const clipped = bboxClip(feature.geometry, box).geometry;
    let parts: Position[][][] = [];
    if (clipped.type === 'Polygon') parts = [clipped.coordinates];
    else if (clipped.type === 'MultiPolygon') parts = clipped.coordinates;
    parts = parts.filter((rings) => rings.length > 0);
    const [onlyPart] = parts;
    if (!onlyPart) continue;
    const geometry: Polygon | MultiPolygon =
      parts.length === 1
        ? { type: 'Polygon', coordinates: onlyPart }
        : { type: 'MultiPolygon', coordinates: parts };
    features.push({ ...feature, geometry });
  }
  return { type: 'FeatureCollection', features };
}
