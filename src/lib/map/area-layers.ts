/**
 * Layers that draw areas rather than points: the tint of a township, district or state that holds
 * incidents known only to it (one tint per area, however many incidents), the outline of the
 * selected incident's area, and the "By township" choropleth. Their values live in feature state
 * (`AREA_STATE`), keyed on the place codes, so a new filter costs a state update, not a re-layout.
 */
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { LAYER, LOCAL_SOURCE_LAYER, SOURCE } from './ids.ts';
import { SYMBOLS, type SymbolTable } from '../symbols/table.ts';

/** Feature-state keys the area layers read. */
export const AREA_STATE = {
  /** Incidents known only to this area (drawn as the area's tint). */
  areaCount: 'areaCount',
  /** The "By township" class of this township: 0 none, 1… the legend's classes. */
  choroplethClass: 'cls',
  /** 1 while the pointer or keyboard focus is on this township in "By township". */
  hover: 'hover',
} as const;

/** Global state: the code of the selected incident's area, '' for none. */
export const AREA_GLOBAL_STATE = {
  selectedArea: { default: '' },
  byTownship: { default: false },
} as const;

function stateNumber(key: string): ExpressionSpecification {
  return ['coalesce', ['feature-state', key], 0];
}

const tinted: ExpressionSpecification = ['>', stateNumber(AREA_STATE.areaCount), 0];
/** Tints are hidden while "By township" colours every township. */
const tintOpacity = (table: SymbolTable): ExpressionSpecification => [
  'case',
  ['all', tinted, ['!', ['global-state', 'byTownship']]],
  table.areaTint.fillOpacity,
  0,
];

/** The choropleth's fill for class 1…n, from the symbol table. */
function choroplethColor(table: SymbolTable): ExpressionSpecification {
  const stops = table.choropleth.colors.flatMap((c, i) => [i + 1, c]);
  return ['match', stateNumber(AREA_STATE.choroplethClass), ...stops, 'rgba(0, 0, 0, 0)'] as unknown as ExpressionSpecification;
}

/** Tints and the choropleth: drawn over the ground, under the borders. */
export function areaFillLayers(table: SymbolTable = SYMBOLS): LayerSpecification[] {
  const tint = { 'fill-color': table.areaTint.color, 'fill-opacity': tintOpacity(table) };
  return [
    { id: LAYER.admin1AreaTint, type: 'fill', source: SOURCE.admin1, paint: tint },
    { id: LAYER.districtAreaTint, type: 'fill', source: SOURCE.local, 'source-layer': LOCAL_SOURCE_LAYER.districts, paint: tint },
    { id: LAYER.townshipAreaTint, type: 'fill', source: SOURCE.local, 'source-layer': LOCAL_SOURCE_LAYER.townships, paint: tint },
    {
      id: LAYER.townshipChoropleth,
      type: 'fill',
      source: SOURCE.local,
      'source-layer': LOCAL_SOURCE_LAYER.townships,
      layout: { visibility: 'none' },
      paint: { 'fill-color': choroplethColor(table), 'fill-opacity': table.choropleth.fillOpacity },
    },
    {
      id: LAYER.townshipChoroplethLine,
      type: 'line',
      source: SOURCE.local,
      'source-layer': LOCAL_SOURCE_LAYER.townships,
      layout: { visibility: 'none' },
      paint: {
        'line-color': ['case', ['==', stateNumber(AREA_STATE.hover), 1], table.areaOutline.color, table.choropleth.line],
        'line-width': [
          'interpolate', ['linear'], ['zoom'],
          4, ['case', ['==', stateNumber(AREA_STATE.hover), 1], table.areaOutline.width, 0.3],
          9, ['case', ['==', stateNumber(AREA_STATE.hover), 1], table.areaOutline.width, 1],
        ],
      },
    },
  ];
}

/** The selected incident's area, outlined above every border. */
export function selectedAreaLayers(table: SymbolTable = SYMBOLS): LayerSpecification[] {
  const paint = { 'line-color': table.areaOutline.color, 'line-width': table.areaOutline.width };
  const selected = (key: string): ExpressionSpecification => ['==', ['get', key], ['global-state', 'selectedArea']];
  return [
    { id: LAYER.selectedAdmin1, type: 'line', source: SOURCE.admin1, filter: selected('code'), paint },
    { id: LAYER.selectedDistrict, type: 'line', source: SOURCE.local, 'source-layer': LOCAL_SOURCE_LAYER.districts, filter: selected('pcode'), paint },
    { id: LAYER.selectedTownship, type: 'line', source: SOURCE.local, 'source-layer': LOCAL_SOURCE_LAYER.townships, filter: selected('pcode'), paint },
  ];
}
