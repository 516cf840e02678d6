/**
 * The whole map style, built by one pure function: the offline basemap, the local geography,
 * the area layers, the incident layers and their empty sources, the shipped fonts and the
 * global state. Nothing here reads the page, so a unit test can build the style and check it
 * against the style specification.
 *
 * Drawing order, bottom to top: fills (sea, land, states) → local ground (water, rivers, roads,
 * township and district borders) → area tints and the "By township" choropleth → state and
 * country borders → the selected incident's area → displacement circles, clusters and rings →
 * place dots → labels → incident markers. MapLibre places symbols from the top down, so markers
 * are placed before any label and labels give way to them.
 */
import type { StyleSpecification } from 'maplibre-gl';
import { basemapBorderLayers, basemapFillLayers, basemapLabelLayers, basemapSources, placeDotLayer } from './basemap-style.ts';
import { fontFaces } from './fonts.ts';
import { SOURCE } from './ids.ts';
import { displacementLabelLayer, INCIDENT_GLOBAL_STATE, incidentMarkerLayers, incidentUnderLayers } from './incident-layers.ts';
import { LOCAL_TILES, localDotLayers, localGroundLayers, localLabelLayers, localSource } from './local-geography.ts';
import { AREA_GLOBAL_STATE, areaFillLayers, selectedAreaLayers } from './area-layers.ts';
import { SYMBOLS, type SymbolTable } from '../symbols/table.ts';

/** Turns a path of a shipped file (`data/admin1.geojson`, a bundled font) into the URL to fetch. */
export type ResolveUrl = (path: string) => string;

/** Settings of the incident source that clusters once there are many points; clusters add up their markers' counts. */
export const INCIDENT_CLUSTER = {
  clusterRadius: 36,
  clusterMaxZoom: 9,
  clusterProperties: { total: ['+', ['get', 'count']] },
} as const;

/** The app's map style. `resolve` makes absolute URLs, because MapLibre's worker has another base URL. */
export function buildMapStyle(resolve: ResolveUrl, table: SymbolTable = SYMBOLS): StyleSpecification {
  const empty = { type: 'FeatureCollection' as const, features: [] };
  return {
    version: 8,
    name: 'Conflict Map offline style',
    sources: {
      ...basemapSources({
        countries: resolve('data/countries.geojson'),
        countryLabels: resolve('data/country-labels.geojson'),
        admin1: resolve('data/admin1.geojson'),
        admin1Labels: resolve('data/admin1-labels.geojson'),
        places: resolve('data/places.geojson'),
      }),
      [SOURCE.local]: localSource(resolve(LOCAL_TILES.path)),
      [SOURCE.incidents]: { type: 'geojson', data: empty, cluster: false, ...INCIDENT_CLUSTER },
      [SOURCE.incidentsLive]: { type: 'geojson', data: empty },
      [SOURCE.displacement]: { type: 'geojson', data: empty },
    },
    layers: [
      ...basemapFillLayers(),
      ...localGroundLayers(),
      ...areaFillLayers(table),
      ...basemapBorderLayers(),
      ...selectedAreaLayers(table),
      ...incidentUnderLayers(table),
      ...localDotLayers(),
      placeDotLayer(),
      ...localLabelLayers(),
      ...basemapLabelLayers(),
      displacementLabelLayer(),
      ...incidentMarkerLayers(table),
    ],
    'font-faces': fontFaces(resolve),
    state: { ...INCIDENT_GLOBAL_STATE, ...AREA_GLOBAL_STATE },
  };
}
