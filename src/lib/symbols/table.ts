/**
 * Every incident symbol, described once as data: the category's shape and colour, the evidence
 * style (solid, hollow, dashed area marker), the township ring, the dataset outline rings and the
 * highlight. One renderer per medium reads this table: `image.ts` (MapLibre marker images),
 * `svg.ts` (legend, feed, dataset list), `canvas.ts` (the export), and the map's layer paint
 * (`src/lib/map/incident-layers.ts`). Change a colour or a stroke here and all of them change.
 */
import { CATEGORIES, type CategoryId, type MarkerShape } from '../domain/categories.ts';
import type { DatasetOutline } from '../domain/dataset.ts';

/** solid: corroborated; hollow: weaker evidence; area: known only to a district or wider. */
export const MARKER_STYLES = ['solid', 'hollow', 'area'] as const;
export type MarkerStyle = (typeof MARKER_STYLES)[number];

/** A colour, or `category` for the colour of the incident's category. */
export type Ink = string;
export const CATEGORY_INK = 'category';

export interface StrokeSpec {
  readonly ink: Ink;
  /** CSS pixels at the marker's own size. */
  readonly width: number;
  /** Dash pattern in CSS pixels at the marker's own size, or null for a solid line. */
  readonly dash: readonly number[] | null;
}

export interface MarkerStyleSpec {
  readonly fill: Ink;
  readonly stroke: StrokeSpec;
}

/** One ring of a dataset outline: radius and stroke width in CSS pixels, optional dash pattern. */
export interface OutlineRing {
  readonly r: number;
  readonly width: number;
  readonly dash?: readonly number[];
}

export interface CategorySymbolDef {
  readonly id: CategoryId;
  readonly color: string;
  readonly shape: MarkerShape;
}

export interface SymbolTable {
  /** Colour and shape of each category (the category table's own values); unknown ids draw as "other". */
  readonly categories: readonly CategorySymbolDef[];
  /** Marker outlines on a unit square (0..1, y down). */
  readonly shapes: Readonly<Record<MarkerShape, string>>;
  /** The marker image: `size` CSS pixels square, the shape inset by `inset` on each side. */
  readonly marker: { readonly size: number; readonly inset: number };
  readonly styles: Readonly<Record<MarkerStyle, MarkerStyleSpec>>;
  /** The township-precision ring, in the category's colour; its radius is the place's uncertainty in metres. */
  readonly ring: {
    readonly fillOpacity: number;
    readonly strokeWidth: number;
    readonly strokeOpacity: number;
    /**
     * Zoomed in (from `fadeZoom[1]`), a 25 km ring spans most of the screen and hundreds of them
     * bury the map: unselected rings fade to this, the hovered or selected one keeps `selectedStrokeOpacity`.
     */
    readonly zoomedStrokeOpacity: number;
    readonly selectedStrokeOpacity: number;
    readonly fadeZoom: readonly [number, number];
  };
  /** The same ring while the timeline plays or a brush moves (lighter, so many draw quickly). */
  readonly liveRing: { readonly fillOpacity: number; readonly strokeWidth: number; readonly strokeOpacity: number };
  /** Rings that tell imported datasets apart; colour always means category. */
  readonly outlines: Readonly<Record<DatasetOutline, readonly OutlineRing[]>>;
  readonly outlineInk: string;
  /** Side of the square image an outline is drawn in, CSS pixels. */
  readonly outlineBox: number;
  /** A focus area's swatch in a legend, CSS pixels, in the area's own fill and outline. */
  readonly swatch: { readonly width: number; readonly height: number; readonly strokeWidth: number };
  /** An area (township, district, state) that holds incidents known only to it: tinted once. */
  readonly areaTint: { readonly color: string; readonly fillOpacity: number };
  /** The selected incident's area, outlined. */
  readonly areaOutline: { readonly color: string; readonly width: number };
  /** "By township": the fills of the count classes, lightest first. */
  readonly choropleth: { readonly colors: readonly string[]; readonly fillOpacity: number; readonly line: string };
  /** The number beside a marker that stands for several incidents. */
  readonly count: { readonly color: string; readonly halo: string; readonly size: number };
  /** The hovered or selected marker's halo. */
  readonly highlight: { readonly radius: number; readonly liveRadius: number; readonly fill: string; readonly stroke: string; readonly strokeWidth: number };
  /** Plain circles drawn instead of marker images while scrubbing. */
  readonly live: { readonly radius: number; readonly areaRadius: number; readonly strokeWidth: Readonly<Record<MarkerStyle, number>> };
}

/** The symbols of the app. */
export const SYMBOLS: SymbolTable = {
  categories: CATEGORIES.map(({ id, color, shape }) => ({ id, color, shape })),
  shapes: {
    triangle: 'M0.5 0.06 L0.96 0.9 L0.04 0.9 Z',
    diamond: 'M0.5 0.03 L0.97 0.5 L0.5 0.97 L0.03 0.5 Z',
    square: 'M0.12 0.12 L0.88 0.12 L0.88 0.88 L0.12 0.88 Z',
    circle: 'M0.5 0.08 A0.42 0.42 0 1 1 0.4999 0.08 Z',
    cross: 'M0.36 0.06 L0.64 0.06 L0.64 0.36 L0.94 0.36 L0.94 0.64 L0.64 0.64 L0.64 0.94 L0.36 0.94 L0.36 0.64 L0.06 0.64 L0.06 0.36 L0.36 0.36 Z',
    star: 'M0.5 0.03 L0.62 0.37 L0.98 0.38 L0.69 0.59 L0.79 0.95 L0.5 0.74 L0.21 0.95 L0.31 0.59 L0.02 0.38 L0.38 0.37 Z',
    pentagon: 'M0.5 0.04 L0.96 0.38 L0.79 0.94 L0.21 0.94 L0.04 0.38 Z',
  },
  marker: { size: 22, inset: 2.5 },
  styles: {
    solid: { fill: CATEGORY_INK, stroke: { ink: '#ffffff', width: 1.6, dash: null } },
    hollow: { fill: '#ffffff', stroke: { ink: CATEGORY_INK, width: 2.4, dash: null } },
    area: { fill: '#ffffff', stroke: { ink: CATEGORY_INK, width: 2.4, dash: [1.93, 1.24] } },
  },
  ring: { fillOpacity: 0.03, strokeWidth: 1, strokeOpacity: 0.5, zoomedStrokeOpacity: 0.12, selectedStrokeOpacity: 0.9, fadeZoom: [7.5, 9.5] },
  liveRing: { fillOpacity: 0.02, strokeWidth: 0.8, strokeOpacity: 0.4 },
  outlines: {
    'ring-dark': [{ r: 12, width: 1.6 }],
    'ring-double': [{ r: 11, width: 1.2 }, { r: 14.5, width: 1.2 }],
    'ring-dashed': [{ r: 12.5, width: 1.8, dash: [3, 2.5] }],
    'ring-thick': [{ r: 12.5, width: 3.2 }],
  },
  outlineInk: '#1f1d19',
  outlineBox: 34,
  swatch: { width: 16, height: 14, strokeWidth: 2 },
  areaTint: { color: '#5b3f8c', fillOpacity: 0.14 },
  areaOutline: { color: '#1a1a1a', width: 3 },
  choropleth: { colors: ['#e6e8f4', '#c3c9e6', '#98a2d2', '#6c78b8', '#47539a', '#2a3275'], fillOpacity: 0.85, line: '#ffffff' },
  count: { color: '#1a1a1a', halo: '#ffffff', size: 12 },
  highlight: { radius: 15, liveRadius: 13, fill: 'rgba(255, 214, 0, 0.55)', stroke: '#1a1a1a', strokeWidth: 2 },
  live: { radius: 5.5, areaRadius: 6, strokeWidth: { solid: 1.2, hollow: 2, area: 2 } },
};

/** A category's symbol; an unknown id draws as "other", as `categoryDef` reads it. */
export function categorySymbol(table: SymbolTable, category: string): CategorySymbolDef {
  const def = table.categories.find((c) => c.id === category) ?? table.categories.find((c) => c.id === 'other') ?? table.categories[0];
  if (!def) throw new Error('The symbol table has no categories');
  return def;
}

/** The colour of a category in a table. */
export function categoryColor(table: SymbolTable, category: string): string {
  return categorySymbol(table, category).color;
}

/** The outline path (unit square) of a category's marker. */
export function categoryPath(table: SymbolTable, category: string): string {
  return table.shapes[categorySymbol(table, category).shape];
}

/** An ink as a colour for one category. */
export function resolveInk(table: SymbolTable, ink: Ink, category: string): string {
  return ink === CATEGORY_INK ? categoryColor(table, category) : ink;
}
