/**
 * Recognises an import file's format from its CSV header or its parsed JSON, and says
 * plainly what is missing when it recognises nothing.
 */
import { normaliseHeader } from './papa-config.ts';
import type { ImportFormat } from './types.ts';

/** Columns a CSV must have to be read as each format. Extra columns are always allowed. */
export const REQUIRED_COLUMNS = {
  acled: ['event_id_cnty', 'event_date', 'time_precision', 'sub_event_type', 'latitude', 'longitude', 'geo_precision', 'fatalities'],
  'ucdp-ged': ['id', 'type_of_violence', 'date_start', 'date_end', 'date_prec', 'latitude', 'longitude', 'where_prec', 'best', 'low', 'high'],
  'conflict-map': ['id', 'dataset', 'category', 'date_precision', 'date_start', 'date_end', 'longitude', 'latitude', 'precision', 'sources_json'],
} as const satisfies Record<string, readonly string[]>;

/** The CSV formats, in the order detection tries them. */
export type CsvFormat = keyof typeof REQUIRED_COLUMNS;

const FORMAT_NAME: Record<CsvFormat, string> = {
  acled: 'an ACLED export',
  'ucdp-ged': 'a UCDP GED file',
  'conflict-map': 'a Conflict Map export',
};

/** The result of looking at a header: a format, or why none fits. */
export type FormatDetection =
  | { readonly format: CsvFormat; readonly message: null }
  | { readonly format: 'unknown'; readonly message: string; readonly missing: readonly string[] };

/**
 * Detects the CSV format from header fields (normalised the way PAPA_CONFIG does). When no
 * format has all its columns, the message names the closest one and the columns it lacks,
 * and says so when the header looks semicolon- or tab-separated.
 * @example detectCsvFormat(['id', 'date_start']).format // 'unknown'
 */
export function detectCsvFormat(fields: readonly string[]): FormatDetection {
  const have = new Set(fields.map(normaliseHeader));
  let best: { format: CsvFormat; missing: string[]; found: number } | null = null;
  for (const format of Object.keys(REQUIRED_COLUMNS) as CsvFormat[]) {
    const required: readonly string[] = REQUIRED_COLUMNS[format];
    const missing = required.filter((c) => !have.has(c));
    if (missing.length === 0) return { format, message: null };
    const found = required.length - missing.length;
    if (best === null || found > best.found) best = { format, missing, found };
  }
  const only = fields.length === 1 ? (fields[0] ?? '') : '';
  if (only.includes(';') || only.includes('\t')) {
    const sep = only.includes(';') ? 'semicolons (;)' : 'tabs';
    return {
      format: 'unknown',
      missing: [],
      message: `The header is one column separated by ${sep}. Save the file as comma-separated CSV (UTF-8) and import it again.`,
    };
  }
  if (best === null || best.found < 2) {
    return {
      format: 'unknown',
      missing: [],
      message: 'This CSV is not an ACLED export, a UCDP GED file or a Conflict Map export: none of their key columns (for example event_id_cnty, date_start, latitude) are in the header.',
    };
  }
  return {
    format: 'unknown',
    missing: best.missing,
    message: `This looks like ${FORMAT_NAME[best.format]} but lacks the column${best.missing.length > 1 ? 's' : ''} ${best.missing.join(', ')}.`,
  };
}

/** The result of looking at parsed JSON. */
export type JsonDetection =
  | { readonly format: 'geojson'; readonly features: readonly unknown[]; readonly message: null }
  | { readonly format: 'unknown'; readonly message: string };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Detects GeoJSON (a FeatureCollection or a single Feature) in parsed JSON and lists its features. */
export function detectJsonFormat(value: unknown): JsonDetection {
  if (!isObject(value)) {
    return { format: 'unknown', message: 'This JSON is not GeoJSON: the file must hold one object with "type": "FeatureCollection" or "Feature".' };
  }
  if (value.type === 'FeatureCollection') {
    if (!Array.isArray(value.features)) {
      return { format: 'unknown', message: 'This FeatureCollection has no "features" list.' };
    }
    return { format: 'geojson', features: value.features, message: null };
  }
  if (value.type === 'Feature') return { format: 'geojson', features: [value], message: null };
  const type = typeof value.type === 'string' ? `"${value.type.slice(0, 40)}"` : 'missing';
  return {
    format: 'unknown',
    message: `This JSON is not a GeoJSON FeatureCollection or Feature (its "type" is ${type}). Bare geometries have no properties to show; wrap them in Features.`,
  };
}

/** Format names as the UI shows them. */
export const FORMAT_LABEL: Record<ImportFormat, string> = {
  acled: 'ACLED',
  'ucdp-ged': 'UCDP GED',
  'conflict-map': 'Conflict Map export',
  geojson: 'GeoJSON',
  unknown: 'Unknown format',
};
