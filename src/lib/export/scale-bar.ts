/**
 * Scale bar for exported snapshots, computed the way MapLibre's ScaleControl computes it so the
 * bar in the PNG says what the live map says.
 *
 * Part of the export composition layer (`src/lib/export/`); it imports no maplibre-gl. The
 * algorithm is a copy of maplibre-gl 6.17 `src/ui/control/scale_control.ts` (`updateScale`,
 * `setScale`, `getRoundNum`, `getDecimalRoundNum`) for a Web Mercator map.
 */

import { distanceMetres, latFromMercatorY, mercatorYFromLat, TILE_SIZE } from '../geo/web-mercator.ts';

export type ScaleUnit = 'metric' | 'imperial' | 'nautical';

/** MapLibre ScaleControl's default `maxWidth`. */
export const DEFAULT_SCALE_MAX_WIDTH = 100;

/** Labels of MapLibre's default locale (`ScaleControl.*` in `src/ui/default_locale.ts`). */
const UNIT_LABEL = { km: 'km', m: 'm', mi: 'mi', ft: 'ft', nm: 'nm' } as const;

export interface ScaleBar {
  /** Ground length the bar stands for, in metres. */
  readonly metres: number;
  /** Bar length in CSS pixels (multiply by the pixel ratio for device pixels). */
  readonly widthPx: number;
  /** The round number shown, in `unit`. */
  readonly distance: number;
  readonly unit: string;
  /** Exactly the ScaleControl's text, e.g. "50 km" with a no-break space. */
  readonly label: string;
}

/**
 * Ground distance between the two screen points `widthPx` apart, centred on the map centre,
 * as `map.unproject` gives them: the screen's horizontal is turned by the bearing.
 * Pitch leaves the scale along the centre row unchanged, so it is not needed.
 */
function centreRowDistance(lat: number, zoom: number, widthPx: number, bearing: number): number {
  const worldSize = TILE_SIZE * 2 ** zoom;
  const half = widthPx / 2 / worldSize;
  const b = (bearing * Math.PI) / 180;
  const dx = half * Math.cos(b);
  const dy = half * Math.sin(b);
  const y = mercatorYFromLat(lat);
  return distanceMetres(-dx * 360, latFromMercatorY(y - dy), dx * 360, latFromMercatorY(y + dy));
}

function getDecimalRoundNum(d: number): number {
  const multiplier = Math.pow(10, Math.ceil(-Math.log(d) / Math.LN10));
  return Math.round(d * multiplier) / multiplier;
}

/** MapLibre's "pretty" number: 1, 2, 3 or 5 times a power of ten, at most `num`. */
export function getRoundNum(num: number): number {
  const pow10 = Math.pow(10, `${Math.floor(num)}`.length - 1);
  let d = num / pow10;
  d = d >= 10 ? 10 : d >= 5 ? 5 : d >= 3 ? 3 : d >= 2 ? 2 : d >= 1 ? 1 : getDecimalRoundNum(d);
  return pow10 * d;
}

/** The longest length the bar may show, in the unit MapLibre would pick for it. */
function maxDistanceIn(unit: ScaleUnit, maxMetres: number): { value: number; unit: string } {
  if (unit === 'imperial') {
    const feet = 3.2808 * maxMetres;
    return feet > 5280 ? { value: feet / 5280, unit: UNIT_LABEL.mi } : { value: feet, unit: UNIT_LABEL.ft };
  }
  if (unit === 'nautical') return { value: maxMetres / 1852, unit: UNIT_LABEL.nm };
  return maxMetres >= 1000
    ? { value: maxMetres / 1000, unit: UNIT_LABEL.km }
    : { value: maxMetres, unit: UNIT_LABEL.m };
}

/**
 * The scale bar MapLibre's ScaleControl shows for a map centred at `lat` with this zoom and
 * bearing: a round length no longer than `maxWidthPx` CSS pixels.
 *
 * @example
 * scaleBar(22, 7).label; // "50 km" (Sagaing at zoom 7)
 */
export function scaleBar(
  lat: number,
  zoom: number,
  maxWidthPx = DEFAULT_SCALE_MAX_WIDTH,
  unit: ScaleUnit = 'metric',
  bearing = 0,
): ScaleBar {
  const optWidth = maxWidthPx || DEFAULT_SCALE_MAX_WIDTH;
  // ScaleControl caps at the projected width of the two points, rounded (optWidth on a flat map),
  // and at the container width, which an export (at least 320 px wide) never falls below.
  const maxWidth = Math.min(optWidth, Math.round(optWidth));
  const maxMetres = centreRowDistance(lat, zoom, optWidth, bearing);
  const max = maxDistanceIn(unit, maxMetres);
  const distance = getRoundNum(max.value);
  const ratio = distance / max.value;
  return {
    metres: maxMetres * ratio,
    widthPx: maxWidth * ratio,
    distance,
    unit: max.unit,
    label: `${distance}\u00a0${max.unit}`,
  };
}
