import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { BASEMAP_COLORS, FOCUS_AREAS } from '../domain/areas.ts';
import { LAYER, SOURCE } from './ids.ts';
import { FONT } from './fonts.ts';

/** Where the derived basemap data are served from (same origin, shipped in `public/data`). */
export interface BasemapUrls {
  readonly countries: string;
  readonly countryLabels: string;
  readonly admin1: string;
  readonly admin1Labels: string;
  readonly places: string;
}

/** `focus` property → colour, built from the one focus-area table. */
function focusMatch(key: 'fill' | 'outline', fallback: string): ExpressionSpecification {
  const pairs = FOCUS_AREAS.flatMap((a) => [a.id, a[key]]);
  return ['match', ['coalesce', ['get', 'focus'], ''], ...pairs, fallback] as unknown as ExpressionSpecification;
}

const isFocus: ExpressionSpecification = ['!=', ['coalesce', ['get', 'focus'], ''], ''];
const hasBurmese: ExpressionSpecification = ['!=', ['coalesce', ['get', 'name_my'], ''], ''];

const halo = { 'text-halo-color': BASEMAP_COLORS.labelHalo, 'text-halo-width': 1.4 } as const;

/** The basemap's fills: sea, land, and Myanmar's states and regions (focus areas coloured, fading as you zoom in). */
export function basemapFillLayers(): LayerSpecification[] {
  return [
    { id: LAYER.background, type: 'background', paint: { 'background-color': BASEMAP_COLORS.sea } },
    {
      id: LAYER.countries,
      type: 'fill',
      source: SOURCE.countries,
      paint: { 'fill-color': ['case', ['get', 'is_myanmar'], BASEMAP_COLORS.myanmarMuted, BASEMAP_COLORS.neighbour] },
    },
    {
      id: LAYER.admin1Fill,
      type: 'fill',
      source: SOURCE.admin1,
      // The focus areas' colour fades as local detail appears; their outlines stay.
      paint: {
        'fill-color': focusMatch('fill', BASEMAP_COLORS.myanmarMuted),
        'fill-opacity': ['interpolate', ['linear'], ['zoom'], 6.5, 1, 8.5, 0.55, 10.5, 0.35],
      },
    },
  ];
}

/** State, region and country borders, and the focus areas' outlines. */
export function basemapBorderLayers(): LayerSpecification[] {
  return [
    {
      id: LAYER.admin1Line,
      type: 'line',
      source: SOURCE.admin1,
      paint: { 'line-color': BASEMAP_COLORS.admin1Outline, 'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.6, 9, 1.4], 'line-dasharray': [3, 2] },
    },
    {
      id: LAYER.countriesLine,
      type: 'line',
      source: SOURCE.countries,
      paint: {
        'line-color': ['case', ['get', 'is_myanmar'], BASEMAP_COLORS.countryOutline, BASEMAP_COLORS.neighbourOutline],
        'line-width': ['case', ['get', 'is_myanmar'], 1.6, 0.9],
      },
    },
    {
      id: LAYER.focusLine,
      type: 'line',
      source: SOURCE.admin1,
      filter: isFocus,
      paint: { 'line-color': focusMatch('outline', BASEMAP_COLORS.admin1Outline), 'line-width': ['interpolate', ['linear'], ['zoom'], 4, 1.8, 9, 3] },
    },
  ];
}

/**
 * The gazetteer's places: the main cities at country level (the local towns take over from
 * zoom 5) and the villages our incidents name (until the MIMU villages appear at zoom 11).
 */
const gazetteerShown: ExpressionSpecification = [
  'any',
  ['all', ['==', ['get', 'rank'], 1], ['<', ['zoom'], 5]],
  ['all', ['>=', ['get', 'rank'], 3], ['>=', ['zoom'], 8.5], ['<', ['zoom'], 11]],
];

/** The dots of the gazetteer's places. */
export function placeDotLayer(): LayerSpecification {
  return {
    id: LAYER.places,
    type: 'circle',
    source: SOURCE.places,
    filter: gazetteerShown,
    paint: {
      'circle-radius': ['match', ['get', 'rank'], 1, 3.5, 2, 2.8, 2.2],
      'circle-color': '#ffffff',
      'circle-stroke-color': BASEMAP_COLORS.label,
      'circle-stroke-width': 1.2,
    },
  };
}

/**
 * Country, place and state labels, in drawing order (the last is placed first, so state names
 * have priority). Every label layer sits under the incident markers, which take part in
 * placement, so labels give way to markers.
 */
export function basemapLabelLayers(): LayerSpecification[] {
  return [
    {
      id: LAYER.countryLabels,
      type: 'symbol',
      source: SOURCE.countryLabels,
      // Nepal has only a sliver inside the clipped area; its label would sit on the edge.
      filter: ['!=', ['get', 'iso_n3'], '524'],
      layout: {
        'text-field': ['upcase', ['get', 'name']],
        'text-font': [...FONT.regular],
        'text-size': ['interpolate', ['linear'], ['zoom'], 4, 11, 8, 15],
        'text-letter-spacing': 0.18,
        'text-max-width': 8,
      },
      paint: { 'text-color': '#8a867a', ...halo },
    },
    {
      id: LAYER.placeLabels,
      type: 'symbol',
      source: SOURCE.places,
      filter: gazetteerShown,
      layout: {
        'text-field': ['get', 'name'],
        'text-font': [...FONT.regular],
        'text-size': ['match', ['get', 'rank'], 1, 12.5, 2, 11.5, 10.5],
        'text-variable-anchor': ['left', 'right', 'top', 'bottom'],
        'text-radial-offset': 0.55,
        'text-justify': 'auto',
        'symbol-sort-key': ['get', 'rank'],
      },
      paint: { 'text-color': BASEMAP_COLORS.label, ...halo },
    },
    {
      id: LAYER.admin1LabelsEn,
      type: 'symbol',
      source: SOURCE.admin1Labels,
      layout: {
        'text-field': [
          'case',
          hasBurmese,
          ['format', ['get', 'label'], { 'font-scale': 1 }, '\n', {}, ['get', 'name_my'], { 'font-scale': 0.82, 'text-font': ['literal', [...FONT.regular]] }],
          ['get', 'label'],
        ],
        'text-font': [...FONT.bold],
        'text-size': ['interpolate', ['linear'], ['zoom'], 4, ['case', isFocus, 13, 10.5], 8, ['case', isFocus, 17, 14]],
        'text-max-width': 12,
        'text-line-height': 1.35,
        'symbol-sort-key': ['case', isFocus, 0, 1],
        'text-padding': 4,
      },
      paint: {
        'text-color': ['case', isFocus, focusMatch('outline', BASEMAP_COLORS.label), '#77725f'],
        ...halo,
        'text-halo-width': 1.8,
      },
    },
  ];
}

/** The basemap's sources (the local-geography tiles are added by the style builder). */
export function basemapSources(urls: BasemapUrls): StyleSpecification['sources'] {
  return {
    [SOURCE.countries]: { type: 'geojson', data: urls.countries, attribution: 'Boundaries: <a href="https://www.naturalearthdata.com/" target="_blank" rel="noopener noreferrer">Natural Earth</a> (public domain)' },
    [SOURCE.countryLabels]: { type: 'geojson', data: urls.countryLabels },
    // Feature state (the tint of a state or region holding incidents known only to it) is keyed on the ISO code.
    [SOURCE.admin1]: { type: 'geojson', data: urls.admin1, promoteId: 'code' },
    [SOURCE.admin1Labels]: { type: 'geojson', data: urls.admin1Labels },
    [SOURCE.places]: { type: 'geojson', data: urls.places, attribution: 'Places: GeoNames (CC BY 4.0), UCDP GED (CC BY 4.0), ACLED, MIMU' },
  };
}
