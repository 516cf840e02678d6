/**
 * Draws a report-ready snapshot: the rendered map, then the title band, legend, locator inset,
 * scale bar, north arrow and footer on top of it, on a 2D canvas. Every panel is opaque, so no
 * map text shows through it (issue #12).
 *
 * This is the export composition layer (`src/lib/export/`). It imports no maplibre-gl: the map
 * module renders the map at the export size and hands over the result as an image. Layout lives
 * in `snapshot-layout.ts`; this module only draws what was placed there.
 */
import { BASEMAP_COLORS } from '../domain/areas.ts';
import { DISPLACEMENT_COLOR } from '../symbols/displacement.ts';
import { drawDatasetOutline, drawMarker, drawRing, drawSwatch, ringRadiusInBox, type PathFactory, type SymbolCanvas } from '../symbols/canvas.ts';
import { SYMBOLS, type SymbolTable } from '../symbols/table.ts';
import { legendSections, nestedCircle, type Box, type LegendContent, type LegendSymbol, type PlacedText } from './legend-layout.ts';
import { countryBounds, extentInInset, insetProjection, projectPolygons } from './locator-inset.ts';
import {
  placeSnapshot,
  type BandContent,
  type PlacedInset,
  type PlacedNorth,
  type PlacedScale,
  type SnapshotContent,
  type SnapshotLayout,
  type SnapshotPlacement,
} from './snapshot-layout.ts';
import { cssFont, type TextMeasurer } from './text-layout.ts';

/** The part of CanvasRenderingContext2D the snapshot draws with; a fake can stand in for tests. */
export interface SnapshotCanvas extends TextMeasurer, SymbolCanvas {
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void;
  rotate(angle: number): void;
  drawImage(image: CanvasImageSource, dx: number, dy: number, dw: number, dh: number): void;
  fillText(text: string, x: number, y: number, maxWidth?: number): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  closePath(): void;
  rect(x: number, y: number, w: number, h: number): void;
  clip(): void;
}

export type { PathFactory };

export interface ComposeOptions {
  readonly createPath?: PathFactory;
  /** The symbol table to draw the legend's symbols from (the app's by default). */
  readonly symbols?: SymbolTable;
}

const INK = '#1f1d19';
const TEXT = '#3a372f';
const MUTED = '#57534a';
/** Every panel's fill: opaque, so the map's labels never show through (issue #12). */
export const PANEL_FILL = '#ffffff';
/** Every panel's edge: opaque too, a grey that reads on the map and on paper. */
export const PANEL_EDGE = '#aeaa9e';
/** The extent's outline in the locator inset: the red OCHA uses, opaque. */
export const LOCATOR_EXTENT = '#d0021b';

function drawPanelEdge(ctx: SnapshotCanvas, box: Box): void {
  ctx.strokeStyle = PANEL_EDGE;
  ctx.lineWidth = 0.75;
  ctx.setLineDash([]);
  ctx.strokeRect(box.x, box.y, box.width, box.height);
}

function drawPanel(ctx: SnapshotCanvas, box: Box, edge: boolean): void {
  ctx.globalAlpha = 1;
  ctx.fillStyle = PANEL_FILL;
  ctx.fillRect(box.x, box.y, box.width, box.height);
  if (edge) drawPanelEdge(ctx, box);
}

/** Every line goes through here, with its box width as fillText's maxWidth so nothing can spill. */
function drawText(ctx: SnapshotCanvas, text: PlacedText, color: string): void {
  const { block } = text;
  ctx.font = block.font;
  ctx.fillStyle = color;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  block.lines.forEach((line, i) => {
    ctx.fillText(line, text.x, text.y + (i + 0.5) * block.lineHeight, block.maxWidth);
  });
}

/** Nested reference circles, largest first so the small ones stay visible, each with a leader and label. */
function drawCircles(ctx: SnapshotCanvas, symbol: Extract<LegendSymbol, { kind: 'circles' }>, box: Box): void {
  for (const step of [...symbol.steps].reverse()) {
    const c = nestedCircle(box, step.radius);
    ctx.beginPath();
    ctx.arc(c.cx, c.cy, step.radius, 0, 2 * Math.PI);
    ctx.fillStyle = DISPLACEMENT_COLOR.fill;
    ctx.fill();
    ctx.strokeStyle = DISPLACEMENT_COLOR.stroke;
    ctx.lineWidth = 1.2;
    ctx.stroke();
    ctx.beginPath();
    ctx.moveTo(c.cx, c.top);
    ctx.lineTo(c.labelX - 2, c.top);
    ctx.strokeStyle = '#888888';
    ctx.lineWidth = 0.8;
    ctx.stroke();
    drawText(ctx, { block: step.label, x: c.labelX, y: c.top - step.label.height / 2 }, TEXT);
  }
}

function drawSymbol(ctx: SnapshotCanvas, table: SymbolTable, symbol: LegendSymbol, box: Box, createPath: PathFactory): void {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  if (symbol.kind === 'marker') drawMarker(ctx, table, symbol.category, symbol.style, box.x, box.y, box.width, createPath);
  else if (symbol.kind === 'ring') drawRing(ctx, table, symbol.category, cx, cy, ringRadiusInBox(table, box.width));
  else if (symbol.kind === 'swatch') drawSwatch(ctx, table, symbol.area, box);
  else if (symbol.kind === 'outline') {
    if (symbol.outline) drawDatasetOutline(ctx, table, symbol.outline, cx, cy, box.width / table.outlineBox);
  } else drawCircles(ctx, symbol, box);
}

function drawLegend(ctx: SnapshotCanvas, table: SymbolTable, legend: NonNullable<SnapshotPlacement['legend']>, createPath: PathFactory): void {
  drawPanel(ctx, legend.box, true);
  for (const item of legend.items) {
    if (item.symbol && item.symbolBox) drawSymbol(ctx, table, item.symbol, item.symbolBox, createPath);
    if (item.text) drawText(ctx, item.text, item.symbol ? TEXT : MUTED);
  }
}

/** A bar open at the top with end ticks, like MapLibre's ScaleControl box. */
function drawScale(ctx: SnapshotCanvas, scale: PlacedScale): void {
  drawPanel(ctx, scale.box, true);
  drawText(ctx, scale.label, TEXT);
  const { x, y, width, height } = scale.bar;
  ctx.beginPath();
  ctx.moveTo(x, y);
  ctx.lineTo(x, y + height);
  ctx.lineTo(x + width, y + height);
  ctx.lineTo(x + width, y);
  ctx.strokeStyle = TEXT;
  ctx.lineWidth = 1.5;
  ctx.lineJoin = 'miter';
  ctx.stroke();
}

/** A north arrow in a round panel, turned by −bearing so it points at true north on the map. */
function drawNorth(ctx: SnapshotCanvas, north: PlacedNorth): void {
  const s = north.box.width;
  ctx.save();
  ctx.translate(north.box.x + s / 2, north.box.y + s / 2);
  ctx.beginPath();
  ctx.arc(0, 0, s / 2, 0, 2 * Math.PI);
  ctx.globalAlpha = 1;
  ctx.fillStyle = PANEL_FILL;
  ctx.fill();
  ctx.strokeStyle = PANEL_EDGE;
  ctx.lineWidth = 0.75;
  ctx.stroke();
  ctx.rotate((-north.bearing * Math.PI) / 180);
  ctx.beginPath();
  ctx.moveTo(0, -0.42 * s);
  ctx.lineTo(0.15 * s, 0.04 * s);
  ctx.lineTo(0, -0.06 * s);
  ctx.lineTo(-0.15 * s, 0.04 * s);
  ctx.closePath();
  ctx.fillStyle = INK;
  ctx.fill();
  const label = north.label;
  drawText(ctx, { block: label, x: -label.width / 2, y: 0.24 * s - label.height / 2 }, INK);
  ctx.restore();
}

function tracePolygons(ctx: SnapshotCanvas, polygons: readonly (readonly (readonly [number, number])[])[][]): void {
  ctx.beginPath();
  for (const rings of polygons) {
    for (const ring of rings) {
      ring.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
      ctx.closePath();
    }
  }
}

/** Below this size (CSS px) the extent is also ringed, so a township-sized view still shows in the inset. */
export const TINY_EXTENT = 8;

/**
 * The locator inset: sea, neighbours, the country and its states and regions, and the exported
 * extent outlined in red. Drawn clipped to its box, inside an opaque panel.
 */
function drawInset(ctx: SnapshotCanvas, inset: PlacedInset): void {
  const { box } = inset;
  const { geography, extent } = inset.locator;
  const project = insetProjection(countryBounds(geography), box);
  ctx.save();
  drawPanel(ctx, box, false);
  ctx.beginPath();
  ctx.rect(box.x, box.y, box.width, box.height);
  ctx.clip();
  ctx.fillStyle = BASEMAP_COLORS.sea;
  ctx.fillRect(box.x, box.y, box.width, box.height);
  ctx.lineJoin = 'round';
  tracePolygons(ctx, projectPolygons(geography.neighbours, project));
  ctx.fillStyle = BASEMAP_COLORS.neighbour;
  ctx.fill();
  ctx.strokeStyle = BASEMAP_COLORS.neighbourOutline;
  ctx.lineWidth = 0.5;
  ctx.stroke();
  tracePolygons(ctx, projectPolygons(geography.country, project));
  ctx.fillStyle = PANEL_FILL;
  ctx.fill();
  tracePolygons(ctx, projectPolygons(geography.admin1, project));
  ctx.strokeStyle = BASEMAP_COLORS.neighbourOutline;
  ctx.lineWidth = 0.4;
  ctx.stroke();
  tracePolygons(ctx, projectPolygons(geography.country, project));
  ctx.strokeStyle = BASEMAP_COLORS.countryOutline;
  ctx.lineWidth = 0.8;
  ctx.stroke();
  const quad = extentInInset(extent, project);
  tracePolygons(ctx, [[quad]]);
  ctx.strokeStyle = LOCATOR_EXTENT;
  ctx.lineWidth = 1.5;
  ctx.lineJoin = 'miter';
  ctx.stroke();
  const xs = quad.map(([x]) => x);
  const ys = quad.map(([, y]) => y);
  if (Math.max(...xs) - Math.min(...xs) < TINY_EXTENT && Math.max(...ys) - Math.min(...ys) < TINY_EXTENT) {
    ctx.beginPath();
    ctx.arc((Math.max(...xs) + Math.min(...xs)) / 2, (Math.max(...ys) + Math.min(...ys)) / 2, TINY_EXTENT, 0, 2 * Math.PI);
    ctx.stroke();
  }
  ctx.restore();
  // The edge goes on after the clip is lifted, so all of its width shows.
  drawPanelEdge(ctx, box);
}

function drawBands(ctx: SnapshotCanvas, placement: SnapshotPlacement): void {
  if (placement.titleBand) {
    drawPanel(ctx, placement.titleBand.box, false);
    drawText(ctx, placement.titleBand.text, INK);
  }
  if (placement.footer) {
    drawPanel(ctx, placement.footer.box, false);
    for (const text of placement.footer.texts) drawText(ctx, text, MUTED);
  }
}

/**
 * Draws the snapshot onto `ctx`, whose canvas must be `layout.widthPx × layout.heightPx`: the map
 * image fills it, and the overlays are drawn at `layout.pixelRatio`. Returns where everything went
 * and any warnings (e.g. the legend does not fit), for the export dialog.
 */
export function composeSnapshot(
  ctx: SnapshotCanvas,
  mapImage: CanvasImageSource,
  layout: SnapshotLayout,
  content: SnapshotContent,
  options: ComposeOptions = {},
): SnapshotPlacement {
  const createPath = options.createPath ?? ((d: string) => new Path2D(d));
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.drawImage(mapImage, 0, 0, layout.widthPx, layout.heightPx);
  ctx.setTransform(layout.pixelRatio, 0, 0, layout.pixelRatio, 0, 0);
  const placement = placeSnapshot(ctx, layout, content);
  drawBands(ctx, placement);
  if (placement.legend) drawLegend(ctx, options.symbols ?? SYMBOLS, placement.legend, createPath);
  if (placement.inset) drawInset(ctx, placement.inset);
  if (placement.scale) drawScale(ctx, placement.scale);
  if (placement.north) drawNorth(ctx, placement.north);
  ctx.restore();
  return placement;
}

/** Every string a snapshot draws, so the fonts (Burmese included) can be loaded first. */
function snapshotText(content: BandContent & { readonly legend?: LegendContent }): string {
  const legend = (content.legend ? legendSections(content.legend) : []).flatMap((s) => [
    s.heading,
    ...s.rows.map((r) => (r.kind === 'symbol' ? r.label : r.kind === 'note' ? r.text : '0123456789,')),
  ]);
  return [content.title, content.attribution, content.filters, content.provenance, 'N', ...legend].join(' ');
}

/**
 * Fonts to load before composing, as `document.fonts.load(font, text)` arguments: canvas text
 * drawn before a face has loaded silently falls back to another font.
 *
 * @example
 * await Promise.all(snapshotFontRequests(content).map((r) => document.fonts.load(r.font, r.text)));
 */
export function snapshotFontRequests(content: BandContent & { readonly legend?: LegendContent }): { font: string; text: string }[] {
  const text = snapshotText(content);
  return [
    { font: cssFont(16, 400), text },
    { font: cssFont(16, 700), text },
  ];
}
