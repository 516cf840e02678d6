/**
 * Where everything goes on a snapshot. The PNG is exactly the map (requested size × pixel ratio):
 * a title band across the top and a footer band across the bottom, with the view framed between
 * them (the map is drawn with that padding, so the bands hide none of it), and opaque boxes on
 * the map for the legend, the locator inset, the scale bar (bottom right) and the north arrow
 * (top right). The legend and the inset each take the corner that covers the fewest incidents.
 *
 * Text size (issue #12). Every size is set in points and turned into CSS pixels by `pxPerPt`:
 * a snapshot is made to be printed on A4 (297 × 210 mm, landscape for a wide image, portrait for
 * a tall one), fitted to the page. The A4 preset, 1754 CSS px across 297 mm, is 150 dpi at 1×
 * (300 dpi at 2×), so one point is 2.08 CSS px there and the smallest text, `MIN_TEXT_PT` = 9 pt,
 * is 18.75 px; at 1600 × 1000 one point is 1.90 px (9 pt = 17.1 px). The pixel ratio adds
 * resolution, not size: text is the same number of CSS pixels at 1×, 2× and 3×. A small image
 * never goes below the screen's own point (96 px = 72 pt), so it is also readable at 100 % on
 * screen. The hidden map's labels are scaled by `labelScale` for the same reason.
 *
 * Part of the export composition layer (`src/lib/export/`): pure, no maplibre-gl. Sizes are CSS
 * pixels; `compose.ts` scales them by the pixel ratio when it draws.
 */
import { MARKER_BOX, placeLegend, type Box, type LegendContent, type LegendMetrics, type PlacedLegend, type PlacedText } from './legend-layout.ts';
import { devicePixels } from './limits.ts';
import { countryBounds, insetAspect, locatorWanted, type LocatorContent } from './locator-inset.ts';
import { scaleBar, type ScaleBar, type ScaleUnit } from './scale-bar.ts';
import { fitText, layoutText, type TextBlock, type TextMeasurer } from './text-layout.ts';

export interface SnapshotOptions {
  readonly legend: boolean;
  readonly scale: boolean;
  readonly north: boolean;
  /** The locator inset; on unless switched off. */
  readonly locator?: boolean;
  readonly scaleUnit?: ScaleUnit;
}

export interface SnapshotLayout {
  readonly widthCss: number;
  readonly heightCss: number;
  readonly pixelRatio: number;
  /** Size of the output image in device pixels, rounded as MapLibre rounds its canvas. */
  readonly widthPx: number;
  readonly heightPx: number;
  /** CSS pixels per typographic point on this snapshot (see the module comment). */
  readonly pxPerPt: number;
  /** Gap between the boxes on the map and the image edge. */
  readonly margin: number;
  /** Inner padding of every box and band. */
  readonly padding: number;
  readonly title: { readonly maxSize: number; readonly minSize: number; readonly maxLines: number };
  readonly footerSize: number;
  readonly legend: LegendMetrics | null;
  readonly scale: { readonly maxWidth: number; readonly unit: ScaleUnit; readonly barHeight: number; readonly labelSize: number } | null;
  readonly north: { readonly size: number; readonly labelSize: number } | null;
  /** Largest height of the locator inset, or null when it is switched off. */
  readonly locator: { readonly maxHeight: number } | null;
}

/** The map as exported: its centre latitude, zoom and bearing (degrees). */
export interface SnapshotView {
  readonly lat: number;
  readonly zoom: number;
  readonly bearing: number;
}

/** The text of the two bands, which is known before the map is drawn. */
export interface BandContent {
  readonly title: string;
  /** From `attributionLine`, with the map's attributions. */
  readonly attribution: string;
  /** From `describeFilters`. */
  readonly filters: string;
  /** From `provenanceLine`. */
  readonly provenance: string;
}

export interface SnapshotContent extends BandContent {
  readonly view: SnapshotView;
  readonly legend: LegendContent;
  /** Where the incidents drawn are, in CSS pixels on the image; boxes keep off those between the bands. */
  readonly incidents?: readonly (readonly [number, number])[];
  /** What the locator inset shows, or null for none. */
  readonly locator?: LocatorContent | null;
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

export type Corner = 'top-left' | 'top-right' | 'bottom-right' | 'bottom-left';

export interface PlacedInset {
  readonly box: Box;
  readonly corner: Corner;
  readonly locator: LocatorContent;
}

export interface PlacedBands {
  readonly titleBand: { readonly box: Box; readonly text: PlacedText } | null;
  readonly footer: { readonly box: Box; readonly texts: readonly PlacedText[] } | null;
}

export interface SnapshotPlacement extends PlacedBands {
  /** The part of the image between the bands, where the view is framed. */
  readonly mapArea: Box;
  readonly legend: (PlacedLegend & { readonly corner: Corner }) | null;
  readonly scale: PlacedScale | null;
  readonly north: PlacedNorth | null;
  readonly inset: PlacedInset | null;
  /** Things the reader of the export dialog should know, e.g. the legend does not fit. */
  readonly warnings: readonly string[];
}

/** Below this the title, legend and footer cannot share the map sensibly. */
export const MIN_SNAPSHOT_SIZE = { width: 320, height: 240 } as const;

/** The paper a snapshot is sized for: A4, in millimetres. */
export const PAPER_MM = { long: 297, short: 210 } as const;
/** The smallest text on a snapshot, in points: legible in print at arm's length. */
export const MIN_TEXT_PT = 9;
/** CSS pixels per point on a screen at 100 % (CSS: 96 px to the inch, 72 pt to the inch). */
export const SCREEN_PX_PER_PT = 96 / 72;
const MM_PER_PT = 25.4 / 72;

/** Sizes in points of everything a snapshot draws; `layoutFor` turns them into CSS pixels. */
const PT = {
  margin: 7,
  padding: 5,
  titleMax: 16,
  titleMin: 12,
  footer: MIN_TEXT_PT,
  legendText: 10,
  legendHeading: 9.5,
  legendLabel: MIN_TEXT_PT,
  legendColumn: 200,
  scaleWidth: 75,
  scaleBar: 4.5,
  scaleLabel: MIN_TEXT_PT,
  north: 26,
  northLabel: MIN_TEXT_PT,
  locator: 110,
} as const;

/** Share of the map area's height the locator inset may take. */
const LOCATOR_MAX_SHARE_OF_HEIGHT = 0.34;

const FOOTER_LINE_GAP = 2;

/**
 * CSS pixels per point when an image of `widthCss × heightCss` is printed fitted to an A4 page
 * (landscape when it is wider than tall). The A4 preset, 1754 × 1240, gives 2.08.
 */
export function printPxPerPt(widthCss: number, heightCss: number): number {
  const [across, down] = widthCss >= heightCss ? [PAPER_MM.long, PAPER_MM.short] : [PAPER_MM.short, PAPER_MM.long];
  const pxPerMm = Math.max(widthCss / across, heightCss / down);
  return pxPerMm * MM_PER_PT;
}

/**
 * CSS pixels per point on a snapshot: its A4 print scale, and never less than a screen's, so text
 * is readable both printed on A4 at 100 % and on screen at 100 %.
 */
export function pxPerPt(widthCss: number, heightCss: number): number {
  return Math.max(SCREEN_PX_PER_PT, printPxPerPt(widthCss, heightCss));
}

/**
 * How much larger than on screen the hidden map draws its labels, so that a label of 10.5 px
 * (7.9 pt on screen) prints at 7.9 pt too. 1 for images no larger than a screen's print scale.
 */
export function labelScale(layout: SnapshotLayout): number {
  return layout.pxPerPt / SCREEN_PX_PER_PT;
}

/** Rounds up to the next half pixel, so a size never falls below its point size. */
function upToHalf(n: number): number {
  return Math.ceil(n * 2 - 1e-9) / 2;
}

/**
 * Sizes and switches for a snapshot of `widthCss × heightCss` at `pixelRatio`. Every size is in
 * points (see the module comment), so text is sized for the paper the image is printed on.
 */
export function layoutFor(widthCss: number, heightCss: number, pixelRatio: number, options: SnapshotOptions): SnapshotLayout {
  if (!(widthCss >= MIN_SNAPSHOT_SIZE.width && heightCss >= MIN_SNAPSHOT_SIZE.height && widthCss < Infinity && heightCss < Infinity)) {
    throw new RangeError(`A snapshot must be at least ${MIN_SNAPSHOT_SIZE.width} × ${MIN_SNAPSHOT_SIZE.height} CSS pixels`);
  }
  if (!(pixelRatio > 0 && pixelRatio < Infinity)) throw new RangeError(`Invalid pixel ratio ${pixelRatio}`);
  const k = pxPerPt(widthCss, heightCss);
  const pt = (n: number): number => upToHalf(n * k);
  const padding = pt(PT.padding);
  return {
    widthCss,
    heightCss,
    pixelRatio,
    widthPx: devicePixels(widthCss, pixelRatio),
    heightPx: devicePixels(heightCss, pixelRatio),
    pxPerPt: k,
    margin: pt(PT.margin),
    padding,
    title: { maxSize: pt(PT.titleMax), minSize: pt(PT.titleMin), maxLines: 2 },
    footerSize: pt(PT.footer),
    legend: options.legend
      ? {
          maxColumnWidth: Math.round(PT.legendColumn * k),
          padding,
          textSize: pt(PT.legendText),
          headingSize: pt(PT.legendHeading),
          labelSize: pt(PT.legendLabel),
          maxColumns: 3,
        }
      : null,
    scale: options.scale
      ? { maxWidth: Math.round(PT.scaleWidth * k), unit: options.scaleUnit ?? 'metric', barHeight: pt(PT.scaleBar), labelSize: pt(PT.scaleLabel) }
      : null,
    north: options.north ? { size: Math.round(PT.north * k), labelSize: pt(PT.northLabel) } : null,
    locator: options.locator === false ? null : { maxHeight: Math.round(PT.locator * k) },
  };
}

function placeTitle(m: TextMeasurer, layout: SnapshotLayout, title: string): PlacedBands['titleBand'] {
  if (!title.trim()) return null;
  const p = layout.padding;
  const block = fitText(m, title.trim(), { ...layout.title, maxWidth: layout.widthCss - 2 * p, weight: 700 });
  return { box: { x: 0, y: 0, width: layout.widthCss, height: block.height + 2 * p }, text: { block, x: p, y: p } };
}

function placeFooter(m: TextMeasurer, layout: SnapshotLayout, lines: readonly string[]): PlacedBands['footer'] {
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

/**
 * The title band and the footer, which need only text: the export places them before the map is
 * drawn, and draws the map with their heights as padding so the view is framed between them.
 */
export function placeBands(m: TextMeasurer, layout: SnapshotLayout, content: BandContent): PlacedBands {
  return {
    titleBand: placeTitle(m, layout, content.title),
    footer: placeFooter(m, layout, [content.attribution, content.filters, content.provenance]),
  };
}

/** The CSS pixels the bands cover at the top and bottom of the image: the map's padding. */
export function bandPadding(bands: PlacedBands): { top: number; bottom: number } {
  return { top: bands.titleBand?.box.height ?? 0, bottom: bands.footer?.box.height ?? 0 };
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

/** Width kept free on the right of the legend and inset for the scale bar's and north arrow's boxes. */
function rightColumnWidth(layout: SnapshotLayout): number {
  const scale = layout.scale ? layout.scale.maxWidth + 2 * layout.padding : 0;
  const north = layout.north ? layout.north.size : 0;
  const widest = Math.max(scale, north);
  return widest ? widest + layout.margin : 0;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The corners in the order the legend prefers them: bottom left, as the app's legend sits. */
const LEGEND_CORNERS: readonly Corner[] = ['bottom-left', 'bottom-right', 'top-left', 'top-right'];
/** The corners in the order the inset prefers them: top left, clear of the north arrow. */
const INSET_CORNERS: readonly Corner[] = ['top-left', 'top-right', 'bottom-right', 'bottom-left'];

/** The free part of the map for corner boxes: inside the margins, left of the right column. */
export interface CornerSpace {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** The part of the map area the legend and the inset may sit in: within the margins, left of the scale bar and north arrow. */
export function cornerSpace(layout: SnapshotLayout, mapArea: Box): CornerSpace {
  return {
    left: layout.margin,
    right: layout.widthCss - layout.margin - rightColumnWidth(layout),
    top: mapArea.y + layout.margin,
    bottom: mapArea.y + mapArea.height - layout.margin,
  };
}

/** Where a box of this size sits in a corner of the space. */
export function inCorner(space: CornerSpace, corner: Corner, width: number, height: number): Box {
  const x = corner.endsWith('left') ? space.left : space.right - width;
  const y = corner.startsWith('top') ? space.top : space.bottom - height;
  return { x, y, width, height };
}

/** Whether an incident's marker, centred on `point`, would be covered at all by the box. */
function covers(box: Box, [x, y]: readonly [number, number]): boolean {
  const r = MARKER_BOX / 2;
  return x > box.x - r && x < box.x + box.width + r && y > box.y - r && y < box.y + box.height + r;
}

/** How many of the points a box covers. */
export function coveredCount(box: Box, points: readonly (readonly [number, number])[]): number {
  return points.reduce((n, p) => n + (covers(box, p) ? 1 : 0), 0);
}

/**
 * The corner for a box that covers the fewest points: the first of `preference` that covers none
 * if one is free, else the least covered (ties go to the earlier corner).
 *
 * @example
 * chooseCorner({ 'top-left': a, 'top-right': b, 'bottom-right': c, 'bottom-left': d }, [[40, 30]], INSET_ORDER);
 * // "top-right" when only `a` covers (40, 30)
 */
export function chooseCorner(boxes: Readonly<Record<Corner, Box>>, points: readonly (readonly [number, number])[], preference: readonly Corner[]): Corner {
  let best = preference[0] as Corner;
  let fewest = Infinity;
  for (const corner of preference) {
    const n = coveredCount(boxes[corner], points);
    if (n < fewest) {
      best = corner;
      fewest = n;
    }
  }
  return best;
}

/** The order in which the inset tries the corners. */
export const INSET_ORDER = INSET_CORNERS;

function moveLegend(legend: PlacedLegend, to: Box): PlacedLegend {
  const dx = to.x - legend.box.x;
  const dy = to.y - legend.box.y;
  if (!dx && !dy) return legend;
  const at = (b: Box): Box => ({ ...b, x: b.x + dx, y: b.y + dy });
  return {
    ...legend,
    box: at(legend.box),
    items: legend.items.map((item) => ({
      ...item,
      box: at(item.box),
      symbolBox: item.symbolBox && at(item.symbolBox),
      text: item.text && { ...item.text, x: item.text.x + dx, y: item.text.y + dy },
    })),
  };
}

interface CornerChoice {
  readonly legend: Corner | null;
  readonly inset: Corner | null;
}

/**
 * Corners for the legend and the inset together: the pair that hides the fewest incidents, then
 * the fewest under the inset (the issue asks it to cover none if a corner is free), then the
 * preferred corners. The two never share a corner, and a pair whose boxes overlap is not used.
 */
function chooseLegendAndInset(
  space: CornerSpace,
  legend: Box | null,
  inset: { readonly width: number; readonly height: number } | null,
  points: readonly (readonly [number, number])[],
): CornerChoice | null {
  const legendCorners: readonly (Corner | null)[] = legend ? LEGEND_CORNERS : [null];
  const insetCorners: readonly (Corner | null)[] = inset ? INSET_CORNERS : [null];
  let best: { choice: CornerChoice; score: readonly number[] } | null = null;
  for (const [li, lc] of legendCorners.entries()) {
    for (const [ii, ic] of insetCorners.entries()) {
      if (lc !== null && lc === ic) continue;
      const lBox = lc && legend ? inCorner(space, lc, legend.width, legend.height) : null;
      const iBox = ic && inset ? inCorner(space, ic, inset.width, inset.height) : null;
      if (lBox && iBox && overlaps(lBox, { x: iBox.x - 4, y: iBox.y - 4, width: iBox.width + 8, height: iBox.height + 8 })) continue;
      const hidden = points.filter((p) => (lBox && covers(lBox, p)) || (iBox && covers(iBox, p))).length;
      const score = [hidden, iBox ? coveredCount(iBox, points) : 0, li + ii];
      if (!best || compare(score, best.score) < 0) best = { choice: { legend: lc, inset: ic }, score };
    }
  }
  return best?.choice ?? null;
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** The inset's size: `layout.locator.maxHeight` tall at most, and a share of the map's height. */
function insetSize(layout: SnapshotLayout, locator: LocatorContent, mapHeight: number): { width: number; height: number } | null {
  if (!layout.locator) return null;
  const height = Math.round(Math.min(layout.locator.maxHeight, LOCATOR_MAX_SHARE_OF_HEIGHT * mapHeight));
  return { width: Math.round(height * insetAspect(countryBounds(locator.geography))), height };
}

const PANEL_NAMES = { titleBand: 'title', footer: 'footer', legend: 'legend', inset: 'locator map', scale: 'scale bar', north: 'north arrow' } as const;

function placementWarnings(placement: Omit<SnapshotPlacement, 'warnings'>, layout: SnapshotLayout, points: readonly (readonly [number, number])[]): string[] {
  const warnings: string[] = [];
  if (placement.legend && !placement.legend.fits) {
    warnings.push('The legend does not fit on a map this size; it is drawn over other parts. Export a larger image.');
  }
  const boxes = [placement.titleBand?.box, placement.footer?.box, placement.legend?.box, placement.scale?.box, placement.north?.box, placement.inset?.box];
  const present = boxes.filter((b): b is Box => b !== undefined);
  const clash = present.some((a, i) => present.slice(i + 1).some((b) => overlaps(a, b)));
  const outside = present.some((b) => b.y < 0 || b.y + b.height > layout.heightCss || b.x < 0 || b.x + b.width > layout.widthCss);
  if (clash || outside) warnings.push('Title, legend, scale and footer overlap at this size. Export a larger image or a shorter title.');
  const panels = (Object.keys(PANEL_NAMES) as (keyof typeof PANEL_NAMES)[])
    .map((key) => ({ name: PANEL_NAMES[key], box: placement[key]?.box }))
    .filter((p): p is { name: (typeof PANEL_NAMES)[keyof typeof PANEL_NAMES]; box: Box } => p.box !== undefined);
  const hidden = points.filter((pt) => panels.some((p) => covers(p.box, pt)));
  if (hidden.length) {
    const names = panels.filter((p) => hidden.some((pt) => covers(p.box, pt))).map((p) => p.name);
    const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0];
    const n = hidden.length;
    warnings.push(
      `${n} ${n === 1 ? 'incident lies' : 'incidents lie'} under the ${list}, so ${n === 1 ? 'its marker is' : 'their markers are'} hidden. ` +
        'Move the map a little, export a larger image, or switch that part off.',
    );
  }
  return warnings;
}

/**
 * Measures and places every overlay for the content. Pure: `m` only measures text (it is left
 * with the last font used).
 */
export function placeSnapshot(m: TextMeasurer, layout: SnapshotLayout, content: SnapshotContent): SnapshotPlacement {
  const { titleBand, footer } = placeBands(m, layout, content);
  const mapTop = titleBand ? titleBand.box.height : 0;
  const mapBottom = footer ? footer.box.y : layout.heightCss;
  const mapArea = { x: 0, y: mapTop, width: layout.widthCss, height: Math.max(0, mapBottom - mapTop) };
  const top = mapTop + layout.margin;
  const bottom = mapBottom - layout.margin;
  // Incidents under the bands are beyond the framed view; those near a band's edge may still be half hidden.
  const points = (content.incidents ?? []).filter(([x, y]) => x >= 0 && x <= layout.widthCss && y >= mapTop && y <= mapBottom);
  const scale = placeScale(m, layout, content.view, bottom);
  const north = placeNorth(m, layout, content.view, top);
  const space = cornerSpace(layout, mapArea);
  const measured = layout.legend
    ? placeLegend(m, content.legend, layout.legend, { x: space.left, bottom, maxWidth: space.right - space.left, maxHeight: bottom - top })
    : null;
  const locator = content.locator && locatorWanted(content.locator.extent, countryBounds(content.locator.geography)) ? content.locator : null;
  const size = locator ? insetSize(layout, locator, bottom - top) : null;
  const warnings: string[] = [];
  let choice = chooseLegendAndInset(space, measured?.box ?? null, size, points);
  if (!choice && size) {
    // No corner leaves room for the inset beside the legend: the legend matters more.
    warnings.push('The locator map is left out: there is no room for it beside the legend at this size.');
    choice = chooseLegendAndInset(space, measured?.box ?? null, null, points);
  }
  const legend =
    measured && choice?.legend
      ? { ...moveLegend(measured, inCorner(space, choice.legend, measured.box.width, measured.box.height)), corner: choice.legend }
      : measured && { ...measured, corner: 'bottom-left' as const };
  const inset =
    locator && size && choice?.inset ? { box: inCorner(space, choice.inset, size.width, size.height), corner: choice.inset, locator } : null;
  const placed = { titleBand, footer, mapArea, legend, scale, north, inset };
  return { ...placed, warnings: [...placementWarnings(placed, layout, points), ...warnings] };
}
