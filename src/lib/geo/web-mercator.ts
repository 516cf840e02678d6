/**
 * MapLibre's Web Mercator sphere, so that sizes drawn in metres (uncertainty rings) and the
 * export's scale bar agree with the live map's ScaleControl.
 */

/**
 * MapLibre's sphere (`earthRadius` in `src/geo/lng_lat.ts`). Its circumference is 40,030,173.6 m,
 * not the WGS 84 equatorial 40,075,016.7 m; we follow MapLibre so the numbers match the live map.
 */
export const EARTH_RADIUS_M = 6371008.8;

/** MapLibre's world tile size: at zoom z the world is 512 · 2^z CSS pixels wide. */
export const TILE_SIZE = 512;

/** Ground metres per CSS pixel at a latitude and zoom on MapLibre's Web Mercator sphere. */
export function metresPerPixel(lat: number, zoom: number, tileSize = TILE_SIZE): number {
  return (2 * Math.PI * EARTH_RADIUS_M * Math.cos((lat * Math.PI) / 180)) / (tileSize * 2 ** zoom);
}

/** MapLibre's `mercatorYfromLat`. */
export function mercatorYFromLat(lat: number): number {
  return (180 - (180 / Math.PI) * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))) / 360;
}

/** MapLibre's `latFromMercatorY`. */
export function latFromMercatorY(y: number): number {
  const y2 = 180 - y * 360;
  return (360 / Math.PI) * Math.atan(Math.exp((y2 * Math.PI) / 180)) - 90;
}

/** MapLibre's `LngLat.distanceTo`: spherical law of cosines. */
export function distanceMetres(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(lat1 * rad) * Math.sin(lat2 * rad) +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.cos((lng2 - lng1) * rad);
  return EARTH_RADIUS_M * Math.acos(Math.min(a, 1));
}


/** MapLibre's `mercatorXfromLng`: 0 at 180° W, 1 at 180° E. */
export function mercatorXFromLng(lng: number): number {
  return (180 + lng) / 360;
}

/** A camera on an image: centre, zoom, bearing (degrees), the image's CSS size and the padding that moves the centre. */
export interface FlatFrame {
  readonly lon: number;
  readonly lat: number;
  readonly zoom: number;
  readonly bearing: number;
  readonly widthCss: number;
  readonly heightCss: number;
  /** CSS pixels covered at the top and bottom; the centre is drawn midway between them, as MapLibre's padding does. */
  readonly padding?: { readonly top: number; readonly bottom: number };
}

/**
 * Where [lon, lat] falls on an image of the frame, in CSS pixels from its top-left corner, as
 * MapLibre's `project` puts it on a map without pitch (with pitch it is only an estimate).
 *
 * @example
 * projectInFrame({ lon: 95, lat: 22, zoom: 8, bearing: 0, widthCss: 800, heightCss: 600 }, 95, 22); // [400, 300]
 */
export function projectInFrame(frame: FlatFrame, lon: number, lat: number): [number, number] {
  const world = TILE_SIZE * 2 ** frame.zoom;
  const dx = (mercatorXFromLng(lon) - mercatorXFromLng(frame.lon)) * world;
  const dy = (mercatorYFromLat(lat) - mercatorYFromLat(frame.lat)) * world;
  const b = (frame.bearing * Math.PI) / 180;
  const top = frame.padding?.top ?? 0;
  const bottom = frame.padding?.bottom ?? 0;
  const cy = top + (frame.heightCss - top - bottom) / 2;
  return [frame.widthCss / 2 + dx * Math.cos(b) + dy * Math.sin(b), cy - dx * Math.sin(b) + dy * Math.cos(b)];
}
