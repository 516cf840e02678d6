/**
 * The SVG renderer of the symbol table, for the legend, the incident feed and the dataset list:
 * each symbol as plain attribute values that a Svelte component writes into an `<svg>`.
 * Geometry is in the map marker's own CSS pixels, so a symbol shown smaller is the map's, scaled.
 */
import { FOCUS_AREAS } from '../domain/areas.ts';
import type { DatasetOutline } from '../domain/dataset.ts';
import { ringRadiusInBox } from './canvas.ts';
import { categoryColor, categoryPath, resolveInk, type MarkerStyle, type SymbolTable } from './table.ts';

export interface SvgPath {
  readonly d: string;
  readonly transform: string;
  readonly fill: string;
  readonly stroke: string;
  /** In the path's own (unit-square) space, because the path is scaled. */
  readonly strokeWidth: number;
  readonly dasharray: string | undefined;
}

export interface SvgCircle {
  readonly cx: number;
  readonly cy: number;
  readonly r: number;
  readonly fill: string;
  readonly fillOpacity: number;
  readonly stroke: string;
  readonly strokeOpacity: number;
  readonly strokeWidth: number;
  readonly dasharray: string | undefined;
}

export interface SvgRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly fill: string;
  readonly stroke: string;
  readonly strokeWidth: number;
}

/** One symbol: its viewBox and the shapes to draw in it. */
export interface SvgSymbol {
  readonly viewBox: string;
  readonly paths: readonly SvgPath[];
  readonly circles: readonly SvgCircle[];
  readonly rects: readonly SvgRect[];
}

function dashes(values: readonly number[] | null | undefined, k = 1): string | undefined {
  return values?.length ? values.map((v) => +(v * k).toFixed(4)).join(' ') : undefined;
}

/** A category marker in a style, as the map draws it. */
export function markerSvg(table: SymbolTable, category: string, style: MarkerStyle): SvgSymbol {
  const { size, inset } = table.marker;
  const scale = size - 2 * inset;
  const spec = table.styles[style];
  return {
    viewBox: `0 0 ${size} ${size}`,
    paths: [
      {
        d: categoryPath(table, category),
        transform: `translate(${inset} ${inset}) scale(${scale})`,
        fill: resolveInk(table, spec.fill, category),
        stroke: resolveInk(table, spec.stroke.ink, category),
        strokeWidth: spec.stroke.width / scale,
        dasharray: dashes(spec.stroke.dash, 1 / scale),
      },
    ],
    circles: [],
    rects: [],
  };
}

/** The township ring of a category, fitted to the marker box. */
export function ringSvg(table: SymbolTable, category: string): SvgSymbol {
  const size = table.marker.size;
  const color = categoryColor(table, category);
  return {
    viewBox: `0 0 ${size} ${size}`,
    paths: [],
    circles: [
      {
        cx: size / 2,
        cy: size / 2,
        r: ringRadiusInBox(table, size),
        fill: color,
        fillOpacity: table.ring.fillOpacity,
        stroke: color,
        strokeOpacity: table.ring.strokeOpacity,
        strokeWidth: table.ring.strokeWidth,
        dasharray: undefined,
      },
    ],
    rects: [],
  };
}

/** A dataset's outline rings (none for the curated data) around a dot in the "other" colour, as the dataset list shows it. */
export function outlineSvg(table: SymbolTable, outline: DatasetOutline | null): SvgSymbol {
  const half = table.outlineBox / 2;
  const dot: SvgCircle = { cx: 0, cy: 0, r: 7, fill: categoryColor(table, 'other'), fillOpacity: 1, stroke: 'none', strokeOpacity: 1, strokeWidth: 0, dasharray: undefined };
  return {
    viewBox: `${-half} ${-half} ${2 * half} ${2 * half}`,
    paths: [],
    circles: [
      dot,
      ...(outline ? table.outlines[outline] : []).map((ring) => ({
        cx: 0,
        cy: 0,
        r: ring.r,
        fill: 'none',
        fillOpacity: 1,
        stroke: table.outlineInk,
        strokeOpacity: 1,
        strokeWidth: ring.width,
        dasharray: dashes(ring.dash),
      })),
    ],
    rects: [],
  };
}

/** A focus area's swatch, centred in the marker box. */
export function swatchSvg(table: SymbolTable, areaId: string): SvgSymbol {
  const size = table.marker.size;
  const area = FOCUS_AREAS.find((a) => a.id === areaId);
  const { width, height, strokeWidth } = table.swatch;
  return {
    viewBox: `0 0 ${size} ${size}`,
    paths: [],
    circles: [],
    rects: area ? [{ x: (size - width) / 2, y: (size - height) / 2, width, height, fill: area.fill, stroke: area.outline, strokeWidth }] : [],
  };
}

/** Any symbol a legend or list shows. */
export type SymbolRef =
  | { readonly kind: 'marker'; readonly category: string; readonly style: MarkerStyle }
  | { readonly kind: 'ring'; readonly category: string }
  | { readonly kind: 'outline'; readonly outline: DatasetOutline | null }
  | { readonly kind: 'swatch'; readonly area: string };

/** The SVG of any symbol. */
export function symbolSvg(table: SymbolTable, ref: SymbolRef): SvgSymbol {
  switch (ref.kind) {
    case 'marker':
      return markerSvg(table, ref.category, ref.style);
    case 'ring':
      return ringSvg(table, ref.category);
    case 'outline':
      return outlineSvg(table, ref.outline);
    case 'swatch':
      return swatchSvg(table, ref.area);
  }
}
