/**
 * The basemap below state level, from the local-geography vector tiles (MIMU townships,
 * districts, towns and Sagaing villages; Natural Earth and GSHHG rivers; DCW water; VMap0
 * roads): thin lines and quiet labels that give a place its context without drawing the eye
 * from the incidents, which stay on top. Tiles exist for zooms 4–10 inside `LOCAL_TILES.bounds`;
 * MapLibre overzooms them beyond 10.
 */
import type { ExpressionSpecification, LayerSpecification, VectorSourceSpecification } from 'maplibre-gl';
import { BASEMAP_COLORS } from '../domain/areas.ts';
import { FONT } from './fonts.ts';
import { LAYER, LOCAL_SOURCE_LAYER, SOURCE } from './ids.ts';

/** What `public/tiles/local/tiles.json` says of the tile set; the derivation writes both. */
export const LOCAL_TILES = {
  path: 'tiles/local/',
  minzoom: 4,
  maxzoom: 10,
  bounds: [92, 9, 102, 29] as [number, number, number, number],
  attribution:
    'Source: MIMU (townships, districts, towns, villages) · Rivers: Natural Earth, GSHHG (LGPL-3.0-or-later) · Water: Digital Chart of the World · Roads: VMap0 (1990s)',
} as const;

/** Colours of the local layers: water blues, road browns and boundary greys that sit under the focus-area fills' hues. */
export const LOCAL_COLORS = {
  water: '#b7d2e2',
  flood: '#d7e6ec',
  river: '#6f9dbc',
  riverLabel: '#3f6f90',
  road: '#9c8667',
  trail: '#b5a58c',
  district: '#7d786b',
  township: '#9b9584',
  townshipLabel: '#6b6657',
  village: '#4e4a40',
} as const;

/**
 * The vector source of the local geography. `tileUrl` is the absolute URL of the tiles folder:
 * MapLibre's worker cannot resolve a relative template, and `new URL` would escape the braces.
 */
export function localSource(tileUrl: string): VectorSourceSpecification {
  return {
    type: 'vector',
    tiles: [`${tileUrl}{z}/{x}/{y}.pbf`],
    minzoom: LOCAL_TILES.minzoom,
    maxzoom: LOCAL_TILES.maxzoom,
    bounds: LOCAL_TILES.bounds,
    attribution: LOCAL_TILES.attribution,
    // Feature state (counts, tints) is keyed on the place codes.
    promoteId: { [LOCAL_SOURCE_LAYER.townships]: 'pcode', [LOCAL_SOURCE_LAYER.districts]: 'pcode' },
  };
}

const halo = { 'text-halo-color': BASEMAP_COLORS.labelHalo, 'text-halo-width': 1.4 } as const;

/** English name, with the Burmese under it where the tiles have one, as the state labels do. */
function bilingual(scale = 0.85, burmeseFont?: readonly string[]): ExpressionSpecification {
  const burmese = burmeseFont ? { 'font-scale': scale, 'text-font': ['literal', [...burmeseFont]] as ExpressionSpecification } : { 'font-scale': scale };
  return [
    'case',
    ['!=', ['coalesce', ['get', 'name_my'], ''], ''],
    ['format', ['get', 'name_en'], {}, '\n', {}, ['get', 'name_my'], burmese],
    ['get', 'name_en'],
  ];
}

/** Water, rivers, roads and the township and district borders: drawn under the state borders. */
export function localGroundLayers(): LayerSpecification[] {
  const src = { source: SOURCE.local } as const;
  return [
    {
      id: LAYER.water,
      type: 'fill',
      ...src,
      'source-layer': LOCAL_SOURCE_LAYER.water,
      paint: { 'fill-color': ['match', ['get', 'kind'], 'flood', LOCAL_COLORS.flood, LOCAL_COLORS.water] },
    },
    {
      id: LAYER.riversMinor,
      type: 'line',
      ...src,
      'source-layer': LOCAL_SOURCE_LAYER.rivers,
      minzoom: 8,
      filter: ['has', 'class'],
      paint: { 'line-color': LOCAL_COLORS.river, 'line-opacity': 0.7, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.5, 12, 1.2] },
    },
    {
      id: LAYER.riversMajor,
      type: 'line',
      ...src,
      'source-layer': LOCAL_SOURCE_LAYER.rivers,
      filter: ['has', 'scalerank'],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': LOCAL_COLORS.river,
        'line-width': ['interpolate', ['linear'], ['zoom'], 4, ['case', ['<=', ['get', 'scalerank'], 4], 1, 0.5], 8, 1.6, 12, 3],
      },
    },
    {
      id: LAYER.roads,
      type: 'line',
      ...src,
      'source-layer': LOCAL_SOURCE_LAYER.roads,
      minzoom: 6,
      // VMap0 has very few primary roads: secondary ones show from zoom 7, the rest from 9.
      filter: ['any', ['==', ['get', 'class'], 'p'], ['all', ['==', ['get', 'class'], 's'], ['>=', ['zoom'], 7]], ['>=', ['zoom'], 9]],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': ['match', ['get', 'kind'], 't', LOCAL_COLORS.trail, LOCAL_COLORS.road],
        'line-width': ['interpolate', ['linear'], ['zoom'], 6, ['match', ['get', 'class'], 'p', 1.1, 0.6], 11, ['match', ['get', 'class'], 'p', 2.2, 's', 1.5, 1]],
        'line-dasharray': ['match', ['get', 'kind'], 't', ['literal', [2, 1.5]], ['literal', [1, 0]]],
        'line-opacity': 0.8,
      },
    },
    {
      id: LAYER.townshipLine,
      type: 'line',
      ...src,
      'source-layer': LOCAL_SOURCE_LAYER.townships,
      minzoom: 7.5,
      paint: {
        'line-color': LOCAL_COLORS.township,
        'line-width': ['interpolate', ['linear'], ['zoom'], 7.5, 0.4, 10, 1, 13, 1.6],
        'line-opacity': ['interpolate', ['linear'], ['zoom'], 7.5, 0, 8.2, 0.9],
      },
    },
    {
      id: LAYER.districtLine,
      type: 'line',
      ...src,
      'source-layer': LOCAL_SOURCE_LAYER.districts,
      minzoom: 6.5,
      paint: {
        'line-color': LOCAL_COLORS.district,
        'line-width': ['interpolate', ['linear'], ['zoom'], 6.5, 0.6, 10, 1.6],
        'line-dasharray': [4, 2],
        'line-opacity': ['interpolate', ['linear'], ['zoom'], 6.5, 0, 7, 0.9],
      },
    },
  ];
}

/** The dots of towns and villages, drawn under every label. */
export function localDotLayers(): LayerSpecification[] {
  const src = { source: SOURCE.local } as const;
  return [
    {
      id: LAYER.villageDots,
      type: 'circle',
      ...src,
      'source-layer': LOCAL_SOURCE_LAYER.villages,
      minzoom: 11,
      paint: { 'circle-radius': 2, 'circle-color': '#ffffff', 'circle-stroke-color': LOCAL_COLORS.village, 'circle-stroke-width': 1 },
    },
    {
      id: LAYER.townDots,
      type: 'circle',
      ...src,
      'source-layer': LOCAL_SOURCE_LAYER.towns,
      minzoom: 5,
      filter: ['any', ['==', ['get', 'capital'], 1], ['>=', ['zoom'], 7]],
      paint: {
        'circle-radius': ['case', ['==', ['get', 'capital'], 1], 3.6, 2.6],
        'circle-color': '#ffffff',
        'circle-stroke-color': BASEMAP_COLORS.label,
        'circle-stroke-width': ['case', ['==', ['get', 'capital'], 1], 1.6, 1.1],
      },
    },
  ];
}

/**
 * Labels of the local geography in drawing order; MapLibre places the last layer first, so the
 * priority is towns (capitals first), township names, villages, rivers along their lines, then
 * district names. None may overlap another, and all give way to the incident markers above them.
 */
export function localLabelLayers(): LayerSpecification[] {
  const src = { source: SOURCE.local } as const;
  return [
    {
      id: LAYER.districtLabels,
      type: 'symbol',
      ...src,
      'source-layer': LOCAL_SOURCE_LAYER.districtLabels,
      minzoom: 7,
      maxzoom: 8.5,
      layout: {
        'text-field': ['upcase', ['get', 'name_en']],
        'text-font': [...FONT.regular],
        'text-size': 10.5,
        'text-letter-spacing': 0.14,
        'text-max-width': 8,
        'text-padding': 8,
      },
      paint: { 'text-color': LOCAL_COLORS.district, ...halo },
    },
    {
      id: LAYER.riverLabels,
      type: 'symbol',
      ...src,
      'source-layer': LOCAL_SOURCE_LAYER.rivers,
      minzoom: 6,
      filter: ['has', 'name'],
      layout: {
        'symbol-placement': 'line',
        'symbol-spacing': 320,
        'text-field': ['get', 'name'],
        'text-font': [...FONT.regular],
        'text-size': ['interpolate', ['linear'], ['zoom'], 6, 10, 11, 12.5],
        'text-letter-spacing': 0.08,
        'text-max-angle': 30,
      },
      paint: { 'text-color': LOCAL_COLORS.riverLabel, ...halo, 'text-halo-width': 1.2 },
    },
    {
      id: LAYER.villageLabels,
      type: 'symbol',
      ...src,
      'source-layer': LOCAL_SOURCE_LAYER.villages,
      minzoom: 11,
      layout: {
        'text-field': ['get', 'name_en'],
        'text-font': [...FONT.regular],
        'text-size': 11,
        // Clear of an incident marker on the village's own dot (labels give way to markers): with
        // the old 0.45 em and four anchors, Tabayin's Let Yet Kone was never labelled (issue #11).
        'text-variable-anchor': ['left', 'right', 'top', 'bottom', 'top-left', 'top-right', 'bottom-left', 'bottom-right'],
        'text-radial-offset': 0.9,
        'text-justify': 'auto',
      },
      paint: { 'text-color': LOCAL_COLORS.village, ...halo },
    },
    {
      id: LAYER.townshipLabels,
      type: 'symbol',
      ...src,
      'source-layer': LOCAL_SOURCE_LAYER.townshipLabels,
      minzoom: 8,
      layout: {
        'text-field': bilingual(0.85),
        'text-font': [...FONT.regular],
        'text-size': ['interpolate', ['linear'], ['zoom'], 8, 10.5, 11, 13],
        'text-letter-spacing': 0.06,
        'text-max-width': 9,
        'text-line-height': 1.15,
        'text-padding': 4,
        // A township holding incidents known only to it has its area marker at this same label
        // point, and labels give way to markers: centred where it is free, else beside the marker
        // (without this, "Tabayin" was never drawn at zoom 10, issue #11).
        'text-variable-anchor': ['center', 'top', 'bottom', 'left', 'right'],
        'text-radial-offset': 1.1,
        'text-justify': 'auto',
      },
      paint: { 'text-color': LOCAL_COLORS.townshipLabel, ...halo, 'text-halo-width': 1.6 },
    },
    {
      id: LAYER.townLabels,
      type: 'symbol',
      ...src,
      'source-layer': LOCAL_SOURCE_LAYER.towns,
      minzoom: 5,
      filter: ['any', ['==', ['get', 'capital'], 1], ['>=', ['zoom'], 7]],
      layout: {
        // Capitals' English names are bold; their Burmese line stays regular, as the state labels'
        // does, so the country view does not fetch the bold Myanmar font (46 KB) for a few labels.
        'text-field': bilingual(0.82, FONT.regular),
        'text-font': ['case', ['==', ['get', 'capital'], 1], ['literal', [...FONT.bold]], ['literal', [...FONT.regular]]],
        'text-size': ['interpolate', ['linear'], ['zoom'], 5, ['case', ['==', ['get', 'capital'], 1], 11.5, 10], 10, ['case', ['==', ['get', 'capital'], 1], 14, 12.5]],
        'text-variable-anchor': ['left', 'right', 'top', 'bottom'],
        'text-radial-offset': 0.55,
        'text-justify': 'auto',
        'text-line-height': 1.15,
        'symbol-sort-key': ['case', ['==', ['get', 'capital'], 1], 0, 1],
      },
      paint: { 'text-color': BASEMAP_COLORS.label, ...halo },
    },
  ];
}
