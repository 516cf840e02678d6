import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { LAYER, SOURCE } from './ids.ts';
import { prop } from '../geo/incident-features.ts';
import { FONT } from './fonts.ts';
import { metresPerPixel } from '../export/scale-bar.ts';
import { CATEGORIES } from '../domain/categories.ts';
import { DISPLACEMENT_COLOR, DISPLACEMENT_PX_PER_SQRT_PERSON } from '../symbols/displacement.ts';

/** Metres per pixel at zoom 0 and latitude 20° N (Myanmar's middle), for rings sized in metres. */
const M_PER_PX_Z0 = metresPerPixel(20, 0);

const notCluster: ExpressionSpecification = ['!', ['has', 'point_count']];
const hoveredOrSelected: ExpressionSpecification = [
  'any',
  ['==', prop('id'), ['global-state', 'hoverId']],
  ['==', prop('id'), ['global-state', 'selectedId']],
];

/** While the timeline plays or a brush moves, the live layers show incidents overlapping this day range. */
const inLiveRange: ExpressionSpecification = [
  'all',
  ['<=', prop('startDay'), ['global-state', 'liveToDay']],
  ['>=', prop('endDay'), ['global-state', 'liveFromDay']],
];

/** Ring radius in pixels for its radius in metres, at every zoom (Web Mercator doubles per zoom). */
const uncertaintyRadius: ExpressionSpecification = [
  'interpolate', ['exponential', 2], ['zoom'],
  0, ['/', prop('uncertaintyM'), M_PER_PX_Z0],
  22, ['*', ['/', prop('uncertaintyM'), M_PER_PX_Z0], 2 ** 22],
];

const categoryColor = [
  'match',
  prop('category'),
  ...CATEGORIES.flatMap((c) => [c.id, c.color]),
  '#4a4a4a',
] as unknown as ExpressionSpecification;

/** Global state the incident layers read; set with `setGlobalStateProperty`. */
export const INCIDENT_GLOBAL_STATE = {
  hoverId: { default: '' },
  selectedId: { default: '' },
  liveFromDay: { default: -1e9 },
  liveToDay: { default: 1e9 },
} as const;

/** Layer ids of one set of point layers (clustered or live). */
export interface PointLayerIds {
  readonly outline: string;
  readonly uncertainty: string;
  readonly halo: string;
  readonly areaMarkers: string;
  readonly markers: string;
}

export const SETTLED_LAYERS: PointLayerIds = {
  outline: LAYER.datasetOutline,
  uncertainty: LAYER.uncertainty,
  halo: LAYER.incidentHalo,
  areaMarkers: LAYER.incidentAreaMarkers,
  markers: LAYER.incidents,
};

/** The live layers have no dataset outline: while scrubbing, speed matters more. */
export const LIVE_LAYERS: Omit<PointLayerIds, 'outline'> = {
  uncertainty: `${LAYER.uncertainty}-live`,
  halo: `${LAYER.incidentHalo}-live`,
  areaMarkers: `${LAYER.incidentAreaMarkers}-live`,
  markers: `${LAYER.incidents}-live`,
};

/** Point layers (dataset outline, ring, highlight, area marker, marker) over the clustered source. */
function pointLayers(source: string, ids: PointLayerIds): LayerSpecification[] {
  const base: ExpressionSpecification[] = [notCluster];
  const visibility = 'visible';
  return [
    {
      id: ids.uncertainty,
      type: 'circle',
      source,
      filter: ['all', ...base, ['>', prop('uncertaintyM'), 0]],
      layout: { visibility },
      paint: {
        'circle-radius': uncertaintyRadius,
        'circle-color': categoryColor,
        'circle-opacity': 0.1,
        'circle-stroke-color': categoryColor,
        'circle-stroke-width': 1.6,
        'circle-stroke-opacity': 0.85,
      },
    },
    {
      // Imported datasets are told apart by an outline around their markers; colour stays category.
      id: ids.outline,
      type: 'symbol',
      source,
      filter: ['all', ...base, ['!=', prop('outline'), '']],
      layout: {
        visibility,
        'icon-image': ['concat', 'outline-', prop('outline')],
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
      },
    },
    {
      id: ids.halo,
      type: 'circle',
      source,
      filter: ['all', ...base, hoveredOrSelected],
      layout: { visibility },
      paint: {
        'circle-radius': 15,
        'circle-color': 'rgba(255, 214, 0, 0.55)',
        'circle-stroke-color': '#1a1a1a',
        'circle-stroke-width': 2,
      },
    },
    {
      id: ids.areaMarkers,
      type: 'symbol',
      source,
      filter: ['all', ...base, ['==', prop('area'), true]],
      layout: {
        visibility,
        'icon-image': ['concat', 'marker-', prop('category'), '-area'],
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
        'icon-size': 0.9,
      },
    },
    {
      id: ids.markers,
      type: 'symbol',
      source,
      filter: ['all', ...base, ['==', prop('area'), false]],
      layout: {
        visibility,
        'icon-image': ['concat', 'marker-', prop('category'), ['case', prop('weak'), '-hollow', '-solid']],
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
        'symbol-sort-key': ['-', 0, prop('startDay')],
      },
    },
  ];
}

/**
 * The live layers, shown only while scrubbing: plain circles (category colour, hollow for weaker
 * evidence, a ring for area precision) instead of icons, because a global-state filter re-runs
 * the layer on every step and circles are far cheaper to rebuild than placed symbols.
 */
function livePointLayers(): LayerSpecification[] {
  const base: ExpressionSpecification[] = [notCluster, inLiveRange];
  const visibility = 'none';
  return [
    {
      id: LIVE_LAYERS.uncertainty,
      type: 'circle',
      source: SOURCE.incidentsLive,
      filter: ['all', ...base, ['>', prop('uncertaintyM'), 0]],
      layout: { visibility },
      paint: {
        'circle-radius': uncertaintyRadius,
        'circle-color': categoryColor,
        'circle-opacity': 0.08,
        'circle-stroke-color': categoryColor,
        'circle-stroke-width': 1.2,
        'circle-stroke-opacity': 0.7,
      },
    },
    {
      id: LIVE_LAYERS.halo,
      type: 'circle',
      source: SOURCE.incidentsLive,
      filter: ['all', ...base, hoveredOrSelected],
      layout: { visibility },
      paint: { 'circle-radius': 13, 'circle-color': 'rgba(255, 214, 0, 0.55)', 'circle-stroke-color': '#1a1a1a', 'circle-stroke-width': 2 },
    },
    {
      id: LIVE_LAYERS.areaMarkers,
      type: 'circle',
      source: SOURCE.incidentsLive,
      filter: ['all', ...base, ['==', prop('area'), true]],
      layout: { visibility },
      paint: { 'circle-radius': 6, 'circle-color': '#ffffff', 'circle-stroke-color': categoryColor, 'circle-stroke-width': 2 },
    },
    {
      id: LIVE_LAYERS.markers,
      type: 'circle',
      source: SOURCE.incidentsLive,
      filter: ['all', ...base, ['==', prop('area'), false]],
      layout: { visibility },
      paint: {
        'circle-radius': 5.5,
        'circle-color': ['case', prop('weak'), '#ffffff', categoryColor],
        'circle-stroke-color': ['case', prop('weak'), categoryColor, '#ffffff'],
        'circle-stroke-width': ['case', prop('weak'), 2, 1.2],
      },
    },
  ];
}

/** Layers for incident markers, uncertainty rings, clusters and displacement circles. */
export function incidentLayers(): LayerSpecification[] {
  return [
    {
      id: LAYER.displacementCircles,
      type: 'circle',
      source: SOURCE.displacement,
      paint: {
        'circle-radius': ['*', ['sqrt', ['get', 'people']], DISPLACEMENT_PX_PER_SQRT_PERSON],
        'circle-color': DISPLACEMENT_COLOR.fill,
        'circle-stroke-color': DISPLACEMENT_COLOR.stroke,
        'circle-stroke-width': 1.5,
      },
    },
    {
      id: LAYER.displacementLabels,
      type: 'symbol',
      source: SOURCE.displacement,
      minzoom: 5,
      layout: {
        'text-field': ['get', 'label'],
        'text-font': [...FONT.regular],
        'text-size': 10.5,
        'text-offset': [0, 2.6],
        'text-anchor': 'top',
        'text-optional': true,
      },
      paint: { 'text-color': DISPLACEMENT_COLOR.text, 'text-halo-color': '#ffffff', 'text-halo-width': 1.3 },
    },
    {
      id: LAYER.clusters,
      type: 'circle',
      source: SOURCE.incidents,
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': '#3d3a33',
        'circle-opacity': 0.85,
        'circle-radius': ['step', ['get', 'point_count'], 12, 10, 15, 100, 19, 1000, 24, 10000, 30],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    {
      id: LAYER.clusterCount,
      type: 'symbol',
      source: SOURCE.incidents,
      filter: ['has', 'point_count'],
      layout: {
        'text-field': ['get', 'point_count_abbreviated'],
        'text-font': [...FONT.bold],
        'text-size': 11.5,
        'text-allow-overlap': true,
      },
      paint: { 'text-color': '#ffffff' },
    },
    ...pointLayers(SOURCE.incidents, SETTLED_LAYERS),
    ...livePointLayers(),
  ];
}
