/**
 * One-shot imports of a whole file's text, for small files and tests. The worker streams
 * large CSV files through ImportSession chunk by chunk instead; both give the same report.
 */
import Papa from 'papaparse';
import { parseGeoJsonText } from './geojson.ts';
import { ImportSession, type ImportSessionOptions } from './import-session.ts';
import { PAPA_CONFIG } from './papa-config.ts';
import type { CsvRow, ImportReport } from './types.ts';

/** Parses CSV text with PAPA_CONFIG and imports every row. */
export function importCsvText(text: string, options: ImportSessionOptions): ImportReport {
  const parsed = Papa.parse<CsvRow>(text, PAPA_CONFIG);
  const session = new ImportSession(options);
  session.setFields(parsed.meta.fields ?? []);
  session.addRows(parsed.data, 1);
  return session.finish();
}

/**
 * Parses GeoJSON text (depth-bounded) and imports every feature. A file that is not GeoJSON
 * gives a report with format `unknown`, its message, and no rows.
 */
export function importGeoJsonText(text: string, options: ImportSessionOptions): ImportReport {
  const parsed = parseGeoJsonText(text);
  const session = new ImportSession({ ...options, format: parsed.ok ? 'geojson' : 'unknown' });
  if (!parsed.ok) return { ...session.finish(), formatMessage: parsed.message, placeMatch: null };
  session.addFeatures(parsed.features, 1);
  return session.finish();
}
