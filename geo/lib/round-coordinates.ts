import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';

/**
 * Rounds one position to `decimals` places (x and y only; a third value is dropped).
 *
 * @example
 * roundPosition([96.123456, 21.987654], 4); // [96.1235, 21.9877]
 */
export function roundPosition(position: Position, decimals: number): Position {
  const factor = 10 ** decimals;
  const [x = NaN, y = NaN] = position;
  return [Math.round(x * factor) / factor, Math.round(y * factor) / factor];
}

function samePosition(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

function roundLine(line: Position[], decimals: number): Position[] {
  const out: Position[] = [];
  for (const position of line) {
    const rounded = roundPosition(position, decimals);
    const previous = out[out.length - 1];
    // Rounding can merge neighbouring vertices; a repeated vertex is a zero-length edge.
    if (!previous || !samePosition(previous, rounded)) out.push(rounded);
  }
  return out;
}

function roundRing(ring: Position[], decimals: number): Position[] | null {
  const out = roundLine(ring, decimals);
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && !samePosition(first, last)) out.push(first);
  return out.length >= 4 ? out : null;
}

function roundPolygon(rings: Position[][], decimals: number): Position[][] | null {
  const [outer, ...holes] = rings;
  const roundedOuter = outer ? roundRing(outer, decimals) : null;
  if (!roundedOuter) return null;
  const roundedHoles = holes
    .map((hole) => roundRing(hole, decimals))
    .filter((hole): hole is Position[] => hole !== null);
  return [roundedOuter, ...roundedHoles];
}

function roundGeometry(geometry: Geometry, decimals: number): Geometry | null {
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: roundPosition(geometry.coordinates, decimals) };
    case 'MultiPoint':
      return {
        type: 'MultiPoint',
        coordinates: geometry.coordinates.map((p) => roundPosition(p, decimals)),
      };
    case 'LineString': {
      const line = roundLine(geometry.coordinates, decimals);
      return line.length >= 2 ? { type: 'LineString', coordinates: line } : null;
    }
    case 'MultiLineString': {
      const lines = geometry.coordinates
        .map((l) => roundLine(l, decimals))
        .filter((l) => l.length >= 2);
      return lines.length > 0 ? { type: 'MultiLineString', coordinates: lines } : null;
    }
    case 'Polygon': {
      const polygon = roundPolygon(geometry.coordinates, decimals);
      return polygon ? { type: 'Polygon', coordinates: polygon } : null;
    }
    case 'MultiPolygon': {
      const polygons = geometry.coordinates
        .map((p) => roundPolygon(p, decimals))
        .filter((p): p is Position[][] => p !== null);
      return polygons.length > 0 ? { type: 'MultiPolygon', coordinates: polygons } : null;
    }
    case 'GeometryCollection': {
      const geometries = geometry.geometries
        .map((g) => roundGeometry(g, decimals))
        .filter((g): g is Geometry => g !== null);
      return geometries.length > 0 ? { type: 'GeometryCollection', geometries } : null;
    }
  }
}

/**
 * Rounds every coordinate to `decimals` places, removes the repeated vertices this creates and
 * drops rings, parts and features that collapse (a ring needs four positions).
 *
 * @example
 * roundCoordinates(featureCollection([polygon([[[0, 0], [1.00001, 0], [1, 1], [0, 0]]])]), 4);
 */
export function roundCoordinates<G extends Geometry, P>(
  collection: FeatureCollection<G, P>,
  decimals: number,
): FeatureCollection<G, P> {
  const features: Feature<G, P>[] = [];
  for (const feature of collection.features) {
    // A geometry keeps its type when rounded, or becomes null and its feature is dropped.
    const geometry = roundGeometry(feature.geometry, decimals) as G | null;
    if (geometry) features.push({ ...feature, geometry });
  }
  return { type: 'FeatureCollection', features };
}
