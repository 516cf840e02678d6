/**
 * The URL hash codec: `#zoom/lat/lon[/bearing[/pitch]]` then `&key=value` parameters.
 * One small pure module that every feature extends by adding parameters, so a link
 * restores the whole view and state.
 */
import type { CameraView } from '../domain/view.ts';

export interface HashState {
  readonly view: CameraView | null;
  /** Extra parameters in a stable (sorted) order. */
  readonly params: ReadonlyMap<string, string>;
}

const NUM = /^-?\d+(\.\d+)?$/;

/** Rounds to the decimals that matter at a zoom: ~1 m at street level, fewer when zoomed out. */
function coordDecimals(zoom: number): number {
  return Math.max(2, Math.min(6, Math.ceil((zoom * Math.LN2 + Math.log(360 / 0.5)) / Math.LN10)));
}

function trim(n: number, decimals: number): string {
  const s = n.toFixed(decimals);
  const t = s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
  // A value that rounds to zero from below would read back as "0": write it that way now.
  return t === '-0' ? '0' : t;
}

/** Normalises a bearing into (-180, 180]. */
function normaliseBearing(b: number): number {
  const r = ((b % 360) + 360) % 360;
  return r > 180 ? r - 360 : r;
}

/** Writes a view as `zoom/lat/lon`, appending bearing and pitch only when non-zero. */
export function formatView(v: CameraView): string {
  const d = coordDecimals(v.zoom);
  const parts = [trim(v.zoom, 2), trim(v.lat, d), trim(v.lon, d)];
  // Round first, then normalise, so -179.96 becomes 180 once and stays 180 on the next round trip.
  const bearing = normaliseBearing(Number(trim(v.bearing, 1)));
  const pitch = Number(trim(v.pitch, 1));
  if (bearing !== 0 || pitch !== 0) parts.push(trim(bearing, 1));
  if (pitch !== 0) parts.push(String(pitch));
  return parts.join('/');
}

/** Parses `zoom/lat/lon[/bearing[/pitch]]`; returns null for anything out of range or malformed. */
export function parseView(s: string): CameraView | null {
  const parts = s.split('/');
  if (parts.length < 3 || parts.length > 5) return null;
  if (!parts.every((p) => NUM.test(p))) return null;
  const [zoom, lat, lon, bearing = 0, pitch = 0] = parts.map(Number) as [number, number, number, number?, number?];
  if (zoom < 0 || zoom > 24 || lat < -85.06 || lat > 85.06 || lon < -180 || lon > 180) return null;
  if (pitch < 0 || pitch > 85) return null;
  return { zoom, lat, lon, bearing: normaliseBearing(bearing), pitch };
}

/** Parses a whole `location.hash` (with or without the leading `#`). Unknown or malformed parts are dropped. */
export function parseHash(hash: string): HashState {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const [first = '', ...rest] = body.split('&');
  let view: CameraView | null = null;
  const found: [string, string][] = [];
  const pairs = [...rest];
  if (first.includes('=')) pairs.unshift(first);
  else if (first) view = parseView(first);
  for (const pair of pairs) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
    try {
      const key = decodeURIComponent(rawKey);
      if (key) found.push([key, decodeURIComponent(rawValue)]);
    } catch {
      // A malformed escape in a shared link drops that parameter, not the whole state.
    }
  }
  found.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { view, params: new Map(found) };
}

/** Characters kept readable in values: commas and colons separate lists and ranges. */
function encodeValue(v: string): string {
  return encodeURIComponent(v).replace(/%2C/gi, ',').replace(/%3A/gi, ':').replace(/%2F/gi, '/');
}

/** Formats a hash state; parameters come in sorted order so equal states give equal URLs. */
export function formatHash(state: HashState): string {
  const parts: string[] = [];
  if (state.view) parts.push(formatView(state.view));
  const keys = [...state.params.keys()].sort();
  for (const k of keys) {
    const v = state.params.get(k);
    if (v === undefined || v === '') continue;
    parts.push(`${encodeURIComponent(k)}=${encodeValue(v)}`);
  }
  return parts.length ? `#${parts.join('&')}` : '';
}
