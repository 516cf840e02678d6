import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { LAYER, SOURCE } from './ids.ts';
import { prop } from '../geo/incident-features.ts';
import { FONT } from './fonts.ts';
import { metresPerPixel } from '../geo/web-mercator.ts';
import { DISPLACEMENT_COLOR, DISPLACEMENT_PX_PER_SQRT_PERSON } from '../symbols/displacement.ts';
import { MARKER_IMAGE_PREFIX, OUTLINE_IMAGE_PREFIX } from '../symbols/image.ts';
import { CATEGORY_INK, categoryColor, SYMBOLS, type Ink, type MarkerStyle, type SymbolTable } from '../symbols/table.ts';

/** Metres per pixel at zoom 0 and latitude 20° N (Myanmar's middle), for rings sized in metres. */
const M_PER_PX_Z0 = metresPerPixel(20, 0);

const notCluster: ExpressionSpecification = ['!', ['has', 'point_count']];
/** A marker stands for one or more incidents (`ids` is `|id1|id2|`): highlighted when one of them is hovered or selected. */
const holds = (key: 'hoverId' | 'selectedId'): ExpressionSpecification => ['in', ['concat', '|', ['global-state', key], '|'], prop('ids')];
const hoveredOrSelected: ExpressionSpecification = ['any', holds('hoverId'), holds('selectedId')];

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

/** The category colour of a feature, from the symbol table. */
function categoryColorExpression(table: SymbolTable): ExpressionSpecification {
  return ['match', prop('category'), ...table.categories.flatMap((c) => [c.id, c.color]), categoryColor(table, 'other')] as unknown as ExpressionSpecification;
}

/** The marker style of a feature: area, hollow or solid, as `incidentMarkerStyle` decides it. */
const markerStyle: ExpressionSpecification = ['case', prop('area'), 'area', prop('weak'), 'hollow', 'solid'];

/** An ink of the table as a paint value: the category colour, or the ink's own colour. */
function inkPaint(table: SymbolTable, ink: Ink): ExpressionSpecification | string {
  return ink === CATEGORY_INK ? categoryColorExpression(table) : ink;
}

/** A paint value chosen by the feature's marker style. */
function byStyle(values: Readonly<Record<MarkerStyle, ExpressionSpecification | string | number>>): ExpressionSpecification {
  return ['match', markerStyle, 'area', values.area, 'hollow', values.hollow, values.solid] as unknown as ExpressionSpecification;
}

/** Global state the incident layers read; set with `setGlobalStateProperty`. */
export const INCIDENT_GLOBAL_STATE = {
  hoverId: { default: '' },
  selectedId: { default: '' },
  liveFromDay: { default: -1e9 },
  liveToDay: { default: 1e9 },
} as const;

/** Layer ids of one set of point layers (settled or live). */
export interface PointLayerIds {
  readonly outline: string | null;
  readonly uncertainty: string;
  readonly halo: string;
  readonly areaMarkers: string;
  readonly markers: string;
}

export const SETTLED_LAYERS = {
  outline: LAYER.datasetOutline,
  uncertainty: LAYER.uncertainty,
  halo: LAYER.incidentHalo,
  areaMarkers: LAYER.incidentAreaMarkers,
  markers: LAYER.incidents,
} as const satisfies PointLayerIds;

/** The live layers have no dataset outline: while scrubbing, speed matters more. */
export const LIVE_LAYERS = {
  outline: null,
  uncertainty: `${LAYER.uncertainty}-live`,
  halo: `${LAYER.incidentHalo}-live`,
  areaMarkers: `${LAYER.incidentAreaMarkers}-live`,
  markers: `${LAYER.incidents}-live`,
} as const satisfies PointLayerIds;

/** Ids of every layer of a set, in drawing order. */
export function pointLayerIds(ids: PointLayerIds): string[] {
  return [ids.uncertainty, ids.outline, ids.halo, ids.areaMarkers, ids.markers].filter((x): x is string => x !== null);
}

/** How a set of point layers differs: the settled ones sit on the (possibly clustered) source and draw images; the live ones are circles filtered by date. */
interface PointLayerSet {
  readonly ids: PointLayerIds;
  readonly source: string;
  readonly base: ExpressionSpecification[];
  readonly visibility: 'visible' | 'none';
}

function pointLayerSet(mode: 'settled' | 'live'): PointLayerSet {
  return mode === 'live'
    ? { ids: LIVE_LAYERS, source: SOURCE.incidentsLive, base: [notCluster, inLiveRange], visibility: 'none' }
    : { ids: SETTLED_LAYERS, source: SOURCE.incidents, base: [notCluster], visibility: 'visible' };
}

/** The uncertainty rings ("within about 25 km", or a township with no polygon), under every label. */
function ringLayer(table: SymbolTable, mode: 'settled' | 'live'): LayerSpecification {
  const { ids, source, base, visibility } = pointLayerSet(mode);
  const color = categoryColorExpression(table);
  const live = mode === 'live';
  const ring = live ? table.liveRing : table.ring;
  // Zoom must be the outermost input of a paint expression, so the selection test sits in each stop.
  const zoomFade = (out: number, zoomedIn: number, selected: number): ExpressionSpecification => [
    'interpolate', ['linear'], ['zoom'],
    table.ring.fadeZoom[0], ['case', hoveredOrSelected, selected, out],
    table.ring.fadeZoom[1], ['case', hoveredOrSelected, selected, zoomedIn],
  ];
  return {
    id: ids.uncertainty,
    type: 'circle',
    source,
    filter: ['all', ...base, ['>', prop('uncertaintyM'), 0]],
    layout: { visibility },
    paint: {
      'circle-radius': uncertaintyRadius,
      'circle-color': color,
      'circle-opacity': live ? table.liveRing.fillOpacity : zoomFade(table.ring.fillOpacity, 0, table.ring.fillOpacity * 2),
      'circle-stroke-color': color,
      'circle-stroke-width': ring.strokeWidth,
      'circle-stroke-opacity': live
        ? table.liveRing.strokeOpacity
        : zoomFade(table.ring.strokeOpacity, table.ring.zoomedStrokeOpacity, table.ring.selectedStrokeOpacity),
    },
  };
}

/**
 * The markers of one set: dataset outline, highlight, area marker, marker and, for a marker of
 * several incidents, its count. They sit above every label, and the settled ones take part in
 * label placement (`icon-ignore-placement: false`), so labels give way to markers, never the
 * reverse. The live ones are plain circles: a global-state filter re-runs the layer on every
 * step of a brush, and circles are far cheaper to rebuild than placed symbols.
 */
function markerLayers(table: SymbolTable, mode: 'settled' | 'live'): LayerSpecification[] {
  const { ids, source, base, visibility } = pointLayerSet(mode);
  const live = mode === 'live';
  const layers: LayerSpecification[] = [];
  if (ids.outline) {
    layers.push({
      // Imported datasets are told apart by an outline around their markers; colour stays category.
      id: ids.outline,
      type: 'symbol',
      source,
      filter: ['all', ...base, ['!=', prop('outline'), '']],
      layout: {
        visibility,
        'icon-image': ['concat', OUTLINE_IMAGE_PREFIX, prop('outline')],
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
      },
    });
  }
  layers.push({
    id: ids.halo,
    type: 'circle',
    source,
    filter: ['all', ...base, hoveredOrSelected],
    layout: { visibility },
    paint: {
      'circle-radius': live ? table.highlight.liveRadius : table.highlight.radius,
      'circle-color': table.highlight.fill,
      'circle-stroke-color': table.highlight.stroke,
      'circle-stroke-width': table.highlight.strokeWidth,
    },
  });
  const isArea: ExpressionSpecification = ['==', prop('area'), true];
  const isPin: ExpressionSpecification = ['==', prop('area'), false];
  if (live) {
    const styles = table.styles;
    layers.push(
      {
        id: ids.areaMarkers,
        type: 'circle',
        source,
        filter: ['all', ...base, isArea],
        layout: { visibility },
        paint: {
          'circle-radius': table.live.areaRadius,
          'circle-color': inkPaint(table, styles.area.fill),
          'circle-stroke-color': inkPaint(table, styles.area.stroke.ink),
          'circle-stroke-width': table.live.strokeWidth.area,
        },
      },
      {
        id: ids.markers,
        type: 'circle',
        source,
        filter: ['all', ...base, isPin],
        layout: { visibility },
        paint: {
          'circle-radius': table.live.radius,
          'circle-color': byStyle({ solid: inkPaint(table, styles.solid.fill), hollow: inkPaint(table, styles.hollow.fill), area: inkPaint(table, styles.area.fill) }),
          'circle-stroke-color': byStyle({ solid: inkPaint(table, styles.solid.stroke.ink), hollow: inkPaint(table, styles.hollow.stroke.ink), area: inkPaint(table, styles.area.stroke.ink) }),
          'circle-stroke-width': byStyle(table.live.strokeWidth),
        },
      },
    );
    return layers;
  }
  const image = (style: ExpressionSpecification | MarkerStyle): ExpressionSpecification => ['concat', MARKER_IMAGE_PREFIX, prop('category'), '-', style];
  const placed = { 'icon-allow-overlap': true, 'icon-ignore-placement': false } as const;
  layers.push(
    {
      id: ids.areaMarkers,
      type: 'symbol',
      source,
      filter: ['all', ...base, isArea],
      layout: { visibility, 'icon-image': image('area'), ...placed, 'icon-size': 0.9 },
    },
    {
      id: ids.markers,
      type: 'symbol',
      source,
      filter: ['all', ...base, isPin],
      layout: { visibility, 'icon-image': image(markerStyle), ...placed, 'symbol-sort-key': ['-', 0, prop('startDay')] },
    },
    {
      id: LAYER.markerCounts,
      type: 'symbol',
      source,
      filter: ['all', ...base, ['>', prop('count'), 1]],
      layout: {
        visibility,
        'text-field': ['to-string', prop('count')],
        'text-font': [...FONT.bold],
        'text-size': table.count.size,
        'text-anchor': 'bottom-left',
        'text-offset': [0.55, -0.35],
        'text-allow-overlap': true,
        'text-ignore-placement': false,
      },
      paint: { 'text-color': table.count.color, 'text-halo-color': table.count.halo, 'text-halo-width': 2 },
    },
  );
  return layers;
}

/** Incident layers under the labels: displacement circles, clusters and uncertainty rings. */
export function incidentUnderLayers(table: SymbolTable = SYMBOLS): LayerSpecification[] {
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
      id: LAYER.clusters,
      type: 'circle',
      source: SOURCE.incidents,
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': '#3d3a33',
        'circle-opacity': 0.85,
        'circle-radius': ['step', ['get', 'total'], 12, 10, 15, 100, 19, 1000, 24, 10000, 30],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    ringLayer(table, 'settled'),
    ringLayer(table, 'live'),
  ];
}

/** The displacement figures' labels, placed with the other labels. */
export function displacementLabelLayer(): LayerSpecification {
  return {
    id: LAYER.displacementLabels,
    type: 'symbol',
    source: SOURCE.displacement,
    minzoom: 5,
    layout: {
      'text-field': ['get', 'label'],
      'text-font': [...FONT.regular],
      'text-size': 10.5,
      'text-line-height': 1.15,
      // Beside its circle, on whichever side is free: a figure is never hidden by a state's name.
      'text-variable-anchor': ['top', 'bottom', 'right', 'left'],
      'text-radial-offset': ['+', ['/', ['*', ['get', 'radius'], DISPLACEMENT_PX_PER_SQRT_PERSON], 10.5], 0.3],
      'text-justify': 'auto',
    },
    paint: { 'text-color': DISPLACEMENT_COLOR.text, 'text-halo-color': '#ffffff', 'text-halo-width': 1.3 },
  };
}

/** Incident layers above every label: markers (which labels give way to) and cluster counts. */
export function incidentMarkerLayers(table: SymbolTable = SYMBOLS): LayerSpecification[] {
  return [
    ...markerLayers(table, 'settled'),
    ...markerLayers(table, 'live'),
    {
      id: LAYER.clusterCount,
      type: 'symbol',
      source: SOURCE.incidents,
      filter: ['has', 'point_count'],
      layout: {
        'text-field': ['to-string', ['get', 'total']],
        'text-font': [...FONT.bold],
        'text-size': 11.5,
        'text-allow-overlap': true,
        'text-ignore-placement': false,
      },
      paint: { 'text-color': '#ffffff' },
    },
  ];
}

/** Every incident layer (under and above the labels), for tests that read the paint. */
export function incidentLayers(table: SymbolTable = SYMBOLS): LayerSpecification[] {
  return [...incidentUnderLayers(table), displacementLabelLayer(), ...incidentMarkerLayers(table)];
}
