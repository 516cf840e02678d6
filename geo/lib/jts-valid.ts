import type { MultiPolygon, Polygon } from 'geojson';
import GeometryFactory from 'jsts/org/locationtech/jts/geom/GeometryFactory.js';
import GeoJSONReader from 'jsts/org/locationtech/jts/io/GeoJSONReader.js';
import IsValidOp from 'jsts/org/locationtech/jts/operation/valid/IsValidOp.js';

const reader = new GeoJSONReader(new GeometryFactory());

/**
 * Checks a polygon with JTS `IsValidOp` (the JavaScript port of the validator GEOS and PostGIS
 * `ST_IsValid` follow: OGC Simple Features rules). Returns null when valid, else JTS's message
 * with the location, e.g. "Self-intersection at or near point (95.3, 22.6, NaN)".
 *
 * @example
 * jtsValidationError({ type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] }); // "Self-intersection at ..."
 */
export function jtsValidationError(geometry: Polygon | MultiPolygon): string | null {
  const op = new IsValidOp(reader.read(geometry));
  return op.isValid() ? null : op.getValidationError().toString();
}
