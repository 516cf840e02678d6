/** Public surface of the import pipeline, for the worker and the UI. */
export * from './types.ts';
export { PAPA_CONFIG, normaliseHeader } from './papa-config.ts';
export { detectCsvFormat, detectJsonFormat, REQUIRED_COLUMNS, FORMAT_LABEL, type CsvFormat, type FormatDetection, type JsonDetection } from './detect-format.ts';
export { parseDay, dateAtPrecision, dateFromBounds } from './dates.ts';
export { acledRowToIncident, ucdpRowToIncident } from './map-row.ts';
export { conflictMapRowToIncident, CONFLICT_MAP_COLUMNS } from './conflict-map-format.ts';
export { checkJsonDepth, parseGeoJsonText, geoJsonFeatureToIncident, MAX_JSON_DEPTH } from './geojson.ts';
export { ImportSession, type ImportSessionOptions } from './import-session.ts';
export { rejectedRowsToCsv } from './rejects-csv.ts';
export { incidentsToCsv, incidentsToGeoJson, incidentToFeature } from './export-incidents.ts';
export { neutraliseFormula, restoreFormulaText } from './csv-safety.ts';
export { importCsvText, importGeoJsonText } from './import-text.ts';
