import type { Feature, FeatureCollection, Point } from 'geojson';
import Papa from 'papaparse';
import type { PlaceKind, PlaceProps } from './feature-props.ts';

/** One row of `geo/sources/gazetteer.csv`, as text. */
export interface GazetteerRow {
  name: string;
  alt_names: string;
  admin1: string;
  admin3_township: string;
  lat: string;
  lon: string;
  precision: string;
  confidence: string;
  sources: string;
  notes: string;
}

/** A place before it is matched with the admin-1 polygons; `ne_admin1` is the unit Natural Earth should give. */
export type PlaceDraftProps = Omit<PlaceProps, 'admin1_code'> & { ne_admin1: string };

const KIND_SUFFIX = /\s+(town|village)$/i;
const NE_ADMIN1_NOTE = /^(.*?)\s*\(in Natural Earth:\s*(.+?)\)$/;
const TOWNSHIP_PCODE = /^(.*?)\s*\((MMR\d+)\)$/;

function isPlaceKind(value: string): value is PlaceKind {
  return value === 'town' || value === 'village';
}

/**
 * Splits a gazetteer name into its display name and the kind its last word states.
 *
 * @example
 * splitPlaceName('Depayin (Tabayin) town'); // { name: 'Depayin (Tabayin)', kind: 'town' }
 */
export function splitPlaceName(raw: string): { name: string; kind: PlaceKind | null } {
  const trimmed = raw.trim();
  const match = KIND_SUFFIX.exec(trimmed);
  const suffix = match?.[1]?.toLowerCase();
  if (!match || !suffix || !isPlaceKind(suffix)) return { name: trimmed, kind: null };
  return { name: trimmed.slice(0, match.index), kind: suffix };
}

/**
 * Reads the admin1 column, which may note the Natural Earth unit in brackets.
 *
 * @example
 * parseAdmin1Field('Naypyidaw (in Natural Earth: Mandalay)'); // { admin1: 'Naypyidaw', neAdmin1: 'Mandalay' }
 */
export function parseAdmin1Field(raw: string): { admin1: string; neAdmin1: string } {
  const match = NE_ADMIN1_NOTE.exec(raw.trim());
  if (match?.[1] && match[2]) return { admin1: match[1], neAdmin1: match[2] };
  return { admin1: raw.trim(), neAdmin1: raw.trim() };
}

/**
 * Reads the township column, which may carry a MIMU place code in brackets.
 *
 * @example
 * parseTownship('Tabayin (MMR005010)'); // { township: 'Tabayin', pcode: 'MMR005010' }
 */
export function parseTownship(raw: string): { township: string | null; pcode: string | null } {
  const trimmed = raw.trim();
  if (trimmed === '') return { township: null, pcode: null };
  const match = TOWNSHIP_PCODE.exec(trimmed);
  if (match?.[1] && match[2]) return { township: match[1], pcode: match[2] };
  return { township: trimmed, pcode: null };
}

function parseCoordinate(raw: string, min: number, max: number, what: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    throw new Error(`gazetteer: ${what} "${raw}" is not a number in [${min}, ${max}]`);
  }
  return value;
}

/**
 * Turns one gazetteer row into a point. Only the vetted `lat`/`lon` columns are used: coordinates
 * quoted in `notes` are the ones the gazetteer says not to use.
 *
 * @example
 * const loikaw = placeFromGazetteerRow(row); // Feature<Point> named "Loikaw", kind "town", rank 2
 */
export function placeFromGazetteerRow(row: GazetteerRow): Feature<Point, PlaceDraftProps> {
  const { name, kind: suffixKind } = splitPlaceName(row.name);
  const precision = row.precision.trim();
  const kind = suffixKind ?? (isPlaceKind(precision) ? precision : null);
  if (!kind) throw new Error(`gazetteer: cannot tell whether "${row.name}" is a town or a village`);
  const { admin1, neAdmin1 } = parseAdmin1Field(row.admin1);
  const { township, pcode } = parseTownship(row.admin3_township);
  const altNames = [
    ...new Set(
      row.alt_names
        .split(';')
        .map((alt) => alt.trim())
        // An alternative that only differs in case from the display name adds nothing.
        .filter((alt) => alt !== '' && alt.toLowerCase() !== name.toLowerCase()),
    ),
  ];
  const orientation = /orientation town/i.test(row.notes);
  const lon = parseCoordinate(row.lon, -180, 180, `lon of "${row.name}"`);
  const lat = parseCoordinate(row.lat, -90, 90, `lat of "${row.name}"`);
  return {
    type: 'Feature',
    properties: {
      name,
      kind,
      alt_names: altNames,
      admin1,
      ne_admin1: neAdmin1,
      township,
      township_pcode: pcode,
      precision,
      confidence: row.confidence.trim(),
      sources: row.sources.trim(),
      orientation,
      rank: orientation ? 1 : kind === 'town' ? 2 : 3,
    },
    geometry: { type: 'Point', coordinates: [lon, lat] },
  };
}

/**
 * Parses the gazetteer CSV (with papaparse) into points, one per row, in file order.
 *
 * @example
 * const drafts = placesFromGazetteerCsv(readFileSync('geo/sources/gazetteer.csv', 'utf8'));
 */
export function placesFromGazetteerCsv(csv: string): FeatureCollection<Point, PlaceDraftProps> {
  const parsed = Papa.parse<GazetteerRow>(csv, { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) {
    const first = parsed.errors[0];
    throw new Error(`gazetteer: CSV error on row ${first?.row}: ${first?.message}`);
  }
  return { type: 'FeatureCollection', features: parsed.data.map(placeFromGazetteerRow) };
}
