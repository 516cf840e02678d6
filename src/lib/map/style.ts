/**
 * The whole map style, built by one pure function: the offline basemap, the incident layers and
 * their empty sources, the shipped fonts and the global state. Nothing here reads the page, so a
 * unit test can build the style and check it against the style specification.
 */
import type { StyleSpecification } from 'maplibre-gl';
import { basemapStyle } from './basemap-style.ts';
import { fontFaces } from './fonts.ts';
import { SOURCE } from './ids.ts';
import { INCIDENT_GLOBAL_STATE, incidentLayers } from './incident-layers.ts';
import { SYMBOLS, type SymbolTable } from '../symbols/table.ts';

/** Turns a path of a shipped file (`data/admin1.geojson`, a bundled font) into the URL to fetch. */
export type ResolveUrl = (path: string) => string;

/** Settings of the incident source that clusters once there are many points. */
export const INCIDENT_CLUSTER = { clusterRadius: 36, clusterMaxZoom: 9 } as const;

/** The app's map style. `resolve` makes absolute URLs, because MapLibre's worker has another base URL. */
export function buildMapStyle(resolve: ResolveUrl, table: SymbolTable = SYMBOLS): StyleSpecification {
  const style = basemapStyle(
    {
      countries: resolve('data/countries.geojson'),
      countryLabels: resolve('data/country-labels.geojson'),
      admin1: resolve('data/admin1.geojson'),
      admin1Labels: resolve('data/admin1-labels.geojson'),
      places: resolve('data/places.geojson'),
    },
    incidentLayers(table),
  );
  style['font-faces'] = fontFaces(resolve);
  style.state = { ...INCIDENT_GLOBAL_STATE };
  const empty = { type: 'FeatureCollection' as const, features: [] };
  style.sources[SOURCE.incidents] = { type: 'geojson', data: empty, cluster: false, ...INCIDENT_CLUSTER };
  style.sources[SOURCE.incidentsLive] = { type: 'geojson', data: empty };
  style.sources[SOURCE.displacement] = { type: 'geojson', data: empty };
  return style;
}
