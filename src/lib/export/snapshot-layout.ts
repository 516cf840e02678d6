/**
 * Where everything goes on a snapshot. The PNG is exactly the map (requested size × pixel ratio,
 * the same bounds as the view), so nothing frames it: a title band across the top, a footer band
 * across the bottom, and white boxes on the map for the legend (bottom left), the scale bar
 * (bottom right) and the north arrow (top right).
 *
 * Part of the export composition layer (`src/lib/export/`): pure, no maplibre-gl. Sizes are CSS
 * pixels; `compose.ts` scales them by the pixel ratio when it draws.
 */
import { placeLegend, type Box, type LegendContent, type LegendMetrics, type PlacedLegend, type PlacedText } from './legend-layout.ts';
import { devicePixels } from './limits.ts';
import { DEFAULT_SCALE_MAX_WIDTH, scaleBar, type ScaleBar, type ScaleUnit } from './scale-bar.ts';
import { fitText, layoutText, type TextBlock, type TextMeasurer } from './text-layout.ts';

export interface SnapshotOptions {
  readonly legend: boolean;
  readonly scale: boolean;
  readonly north: boolean;
  readonly scaleUnit?: ScaleUnit;
}

export interface SnapshotLayout {
  readonly widthCss: number;
  readonly heightCss: number;
  readonly pixelRatio: number;
  /** Size of the output image in device pixels, rounded as MapLibre rounds its canvas. */
  readonly widthPx: number;
  readonly heightPx: number;
  /** Gap between the boxes on the map and the image edge. */
  readonly margin: number;
  /** Inner padding of every box and band. */
  readonly padding: number;
  readonly title: { readonly maxSize: number; readonly minSize: number; readonly maxLines: number };
  readonly footerSize: number;
  readonly legend: LegendMetrics | null;
  readonly scale: { readonly maxWidth: number; readonly unit: ScaleUnit; readonly barHeight: number; readonly labelSize: number } | null;
  readonly north: { readonly size: number; readonly labelSize: number } | null;
}

/** The map as exported: its centre latitude, zoom and bearing (degrees). */
export interface SnapshotView {
  readonly lat: number;
  readonly zoom: number;
  readonly bearing: number;
}

export interface SnapshotContent {
  readonly title: string;
  readonly view: SnapshotView;
  readonly legend: LegendContent;
  /** From `attributionLine`. */
  readonly attribution: string;
  /** From `describeFilters`. */
  readonly filters: string;
  /** From `provenanceLine`. */
  readonly provenance: string;
}

export interface PlacedScale {
  readonly box: Box;
  /** The bar itself; its width is `scale.widthPx`. */
  readonly bar: Box;
  readonly scale: ScaleBar;
  readonly label: PlacedText;
}

export interface PlacedNorth {
  readonly box: Box;
  readonly bearing: number;
  readonly label: TextBlock;
}

export interface SnapshotPlacement {
  readonly titleBand: { readonly box: Box; readonly text: PlacedText } | null;
  readonly footer: { readonly box: Box; readonly texts: readonly PlacedText[] } | null;
  readonly legend: PlacedLegend | null;
  readonly scale: PlacedScale | null;
  readonly north: PlacedNorth | null;
  /** Things the reader of the export dialog should know, e.g. the legend does not fit. */
  readonly warnings: readonly string[];
}

/** Below this the title, legend and footer cannot share the map sensibly. */
export const MIN_SNAPSHOT_SIZE = { width: 320, height: 240 } as const;

const FOOTER_LINE_GAP = 2;

function half(n: number): number {
  return Math.round(n * 2) / 2;
}

/**
 * Sizes and switches for a snapshot of `widthCss × heightCss` at `pixelRatio`. Text grows a little
 * with the image (×0.9 to ×1.5) so a large export is not all map with tiny print.
 */
export function layoutFor(widthCss: number, heightCss: number, pixelRatio: number, options: SnapshotOptions): SnapshotLayout {
  if (!(widthCss >= MIN_SNAPSHOT_SIZE.width && heightCss >= MIN_SNAPSHOT_SIZE.height && widthCss < Infinity && heightCss < Infinity)) {
    throw new RangeError(`A snapshot must be at least ${MIN_SNAPSHOT_SIZE.width} × ${MIN_SNAPSHOT_SIZE.height} CSS pixels`);
  }
  if (!(pixelRatio > 0 && pixelRatio < Infinity)) throw new RangeError(`Invalid pixel ratio ${pixelRatio}`);
  const u = Math.min(1.5, Math.max(0.9, Math.min(widthCss, heightCss) / 800));
  const padding = half(7 * u);
  return {
    widthCss,
    heightCss,
    pixelRatio,
    widthPx: devicePixels(widthCss, pixelRatio),
    heightPx: devicePixels(heightCss, pixelRatio),
    margin: half(10 * u),
    padding,
    title: { maxSize: half(22 * u), minSize: half(14 * u), maxLines: 2 },
    footerSize: half(10.5 * u),
    legend: options.legend
      ? { maxColumnWidth: Math.round(260 * u), padding, textSize: half(12 * u), headingSize: half(11 * u), labelSize: half(10.5 * u), maxColumns: 3 }
      : null,
    scale: options.scale
      ? { maxWidth: Math.round(DEFAULT_SCALE_MAX_WIDTH * u), unit: options.scaleUnit ?? 'metric', barHeight: half(6 * u), labelSize: half(11 * u) }
      : null,
    north: options.north ? { size: Math.round(34 * u), labelSize: half(11 * u) } : null,
  };
}

function placeTitle(m: TextMeasurer, layout: SnapshotLayout, title: string): SnapshotPlacement['titleBand'] {
  if (!title.trim()) return null;
  const p = layout.padding;
  const block = fitText(m, title.trim(), { ...layout.title, maxWidth: layout.widthCss - 2 * p, weight: 700 });
  return { box: { x: 0, y: 0, width: layout.widthCss, height: block.height + 2 * p }, text: { block, x: p, y: p } };
}

function placeFooter(m: TextMeasurer, layout: SnapshotLayout, lines: readonly string[]): SnapshotPlacement['footer'] {
  const p = layout.padding;
  const blocks = lines.filter((l) => l.trim()).map((l) => layoutText(m, l.trim(), layout.widthCss - 2 * p, layout.footerSize));
  if (!blocks.length) return null;
  const height = blocks.reduce((h, b) => h + b.height, 0) + (blocks.length - 1) * FOOTER_LINE_GAP + 2 * p;
  const top = layout.heightCss - height;
  let y = top + p;
  const texts = blocks.map((block) => {
    const placed = { block, x: p, y };
    y += block.height + FOOTER_LINE_GAP;
    return placed;
  });
  return { box: { x: 0, y: top, width: layout.widthCss, height }, texts };
}

function placeScale(m: TextMeasurer, layout: SnapshotLayout, view: SnapshotView, bottom: number): PlacedScale | null {
  if (!layout.scale) return null;
  const { maxWidth, unit, barHeight, labelSize } = layout.scale;
  const p = layout.padding;
  const scale = scaleBar(view.lat, view.zoom, maxWidth, unit, view.bearing);
  const block = layoutText(m, scale.label, maxWidth, labelSize);
  const inner = Math.max(scale.widthPx, block.width);
  const height = 2 * p + block.height + 2 + barHeight;
  const box = { x: layout.widthCss - layout.margin - inner - 2 * p, y: bottom - height, width: inner + 2 * p, height };
  const bar = { x: box.x + p, y: box.y + p + block.height + 2, width: scale.widthPx, height: barHeight };
  return { box, bar, scale, label: { block, x: box.x + p, y: box.y + p } };
}

function placeNorth(m: TextMeasurer, layout: SnapshotLayout, view: SnapshotView, top: number): PlacedNorth | null {
  if (!layout.north) return null;
  const { size, labelSize } = layout.north;
  const label = layoutText(m, 'N', size / 2, labelSize, 700);
  return { box: { x: layout.widthCss - layout.margin - size, y: top, width: size, height: size }, bearing: view.bearing, label };
}

/** Width kept free on the right of the legend for the scale bar's and north arrow's boxes. */
function rightColumnWidth(layout: SnapshotLayout): number {
  const scale = layout.scale ? layout.scale.maxWidth + 2 * layout.padding : 0;
  const north = layout.north ? layout.north.size : 0;
  const widest = Math.max(scale, north);
  return widest ? widest + layout.margin : 0;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function placementWarnings(placement: Omit<SnapshotPlacement, 'warnings'>, layout: SnapshotLayout): string[] {
  const warnings: string[] = [];
  if (placement.legend && !placement.legend.fits) {
    warnings.push('The legend does not fit on a map this size; it is drawn over other parts. Export a larger image.');
  }
  const boxes = [placement.titleBand?.box, placement.footer?.box, placement.legend?.box, placement.scale?.box, placement.north?.box];
  const present = boxes.filter((b): b is Box => b !== undefined);
  const clash = present.some((a, i) => present.slice(i + 1).some((b) => overlaps(a, b)));
  const outside = present.some((b) => b.y < 0 || b.y + b.height > layout.heightCss || b.x < 0 || b.x + b.width > layout.widthCss);
  if (clash || outside) warnings.push('Title, legend, scale and footer overlap at this size. Export a larger image or a shorter title.');
  return warnings;
}

/**
 * Measures and places every overlay for the content. Pure: `m` only measures text (it is left
 * with the last font used).
 */
export function placeSnapshot(m: TextMeasurer, layout: SnapshotLayout, content: SnapshotContent): SnapshotPlacement {
  const titleBand = placeTitle(m, layout, content.title);
  const footer = placeFooter(m, layout, [content.attribution, content.filters, content.provenance]);
  const top = (titleBand ? titleBand.box.height : 0) + layout.margin;
  const bottom = (footer ? footer.box.y : layout.heightCss) - layout.margin;
  const scale = placeScale(m, layout, content.view, bottom);
  const north = placeNorth(m, layout, content.view, top);
  const legend = layout.legend
    ? placeLegend(m, content.legend, layout.legend, {
        x: layout.margin,
        bottom,
        maxWidth: layout.widthCss - 2 * layout.margin - rightColumnWidth(layout),
        maxHeight: bottom - top,
      })
    : null;
  const placed = { titleBand, footer, legend, scale, north };
  return { ...placed, warnings: placementWarnings(placed, layout) };
}
