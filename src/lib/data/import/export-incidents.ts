/**
 * Incidents → GeoJSON or Conflict Map CSV, both of which the importer reads back to the
 * same incidents (see conflict-map-format.ts for the round-trip rules). Rows derived from
 * ACLED or UCDP carry the attribution their licences ask for.
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import Papa from 'papaparse';
import type { Incident } from '../../domain/incident.ts';
import { CONFLICT_MAP_COLUMNS, incidentAttribution, incidentToConflictMapRecord } from './conflict-map-format.ts';
import { neutraliseFormula } from './csv-safety.ts';

/** Properties of an exported feature: the incident without its coordinates, plus attribution. */
export type IncidentFeatureProps = Omit<Incident, 'lon' | 'lat'> & { readonly attribution?: string };

/** One incident as a GeoJSON Point feature whose properties mirror the Incident type. */
export function incidentToExportFeature(incident: Incident): Feature<Point, IncidentFeatureProps> {
  const { lon, lat, ...rest } = incident;
  const attribution = incidentAttribution(incident);
  return {
    type: 'Feature',
    id: incident.id,
    geometry: { type: 'Point', coordinates: [lon, lat] },
    properties: attribution === '' ? rest : { ...rest, attribution },
  };
}

/**
 * Incidents → a GeoJSON FeatureCollection of Points (serialise with JSON.stringify).
 * @example JSON.stringify(incidentsToGeoJson(visible))
 */
export function incidentsToGeoJson(incidents: readonly Incident[]): FeatureCollection<Point, IncidentFeatureProps> {
  return { type: 'FeatureCollection', features: incidents.map(incidentToExportFeature) };
}

/**
 * Incidents → Conflict Map CSV text (UTF-8 with byte-order mark for Excel, CRLF line ends).
 * Text cells that a spreadsheet would run as formulas get a leading apostrophe; numbers
 * (coordinates) are written as numbers and never changed.
 */
export function incidentsToCsv(incidents: readonly Incident[]): string {
  const data = incidents.map((incident) => {
    const record = incidentToConflictMapRecord(incident);
    return CONFLICT_MAP_COLUMNS.map((column) => {
      const v = record[column];
      return typeof v === 'number' ? v : neutraliseFormula(v);
    });
  });
  return `\uFEFF${Papa.unparse({ fields: [...CONFLICT_MAP_COLUMNS], data }, { newline: '\r\n' })}`;
}
