/**
 * The canvas renderer of the symbol table: draws markers, township rings, dataset outlines and
 * focus-area swatches on a 2D context. The export draws its legend with it, and the MapLibre
 * marker images are drawn with it too (`image.ts`), so the two can never differ.
 */
import { FOCUS_AREAS } from '../domain/areas.ts';
import type { DatasetOutline } from '../domain/dataset.ts';
import { categoryColor, categoryPath, resolveInk, type MarkerStyle, type SymbolTable } from './table.ts';

/** The part of CanvasRenderingContext2D the symbols draw with; a recording fake can stand in for tests. */
export interface SymbolCanvas {
  fillStyle: string | CanvasGradient | CanvasPattern;
  strokeStyle: string | CanvasGradient | CanvasPattern;
  lineWidth: number;
  lineJoin: CanvasLineJoin;
  globalAlpha: number;
  save(): void;
  restore(): void;
  translate(x: number, y: number): void;
  scale(x: number, y: number): void;
  beginPath(): void;
  arc(x: number, y: number, radius: number, startAngle: number, endAngle: number): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  strokeRect(x: number, y: number, w: number, h: number): void;
  fill(): void;
  fill(path: Path2D): void;
  stroke(): void;
  stroke(path: Path2D): void;
  setLineDash(segments: number[]): void;
}

/** Makes a Path2D from SVG path data; tests pass a stand-in where Path2D does not exist. */
export type PathFactory = (d: string) => Path2D;

const path2d: PathFactory = (d) => new Path2D(d);

/**
 * Draws a category marker in `style` with its top-left corner at (x, y), `size` pixels square
 * (the table's marker size by default), exactly as the map shows it.
 */
export function drawMarker(
  ctx: SymbolCanvas,
  table: SymbolTable,
  category: string,
  style: MarkerStyle,
  x: number,
  y: number,
  size: number = table.marker.size,
  createPath: PathFactory = path2d,
): void {
  const spec = table.styles[style];
  const k = size / table.marker.size;
  const inset = table.marker.inset * k;
  const scale = size - 2 * inset;
  ctx.save();
  ctx.translate(x + inset, y + inset);
  ctx.scale(scale, scale);
  ctx.lineJoin = 'round';
  const path = createPath(categoryPath(table, category));
  ctx.fillStyle = resolveInk(table, spec.fill, category);
  ctx.fill(path);
  ctx.lineWidth = (spec.stroke.width * k) / scale;
  ctx.strokeStyle = resolveInk(table, spec.stroke.ink, category);
  ctx.setLineDash(spec.stroke.dash ? spec.stroke.dash.map((d) => (d * k) / scale) : []);
  ctx.stroke(path);
  ctx.restore();
}

/** Draws the township ring of a category centred on (cx, cy) with radius `r`: faint fill, strong outline. */
export function drawRing(ctx: SymbolCanvas, table: SymbolTable, category: string, cx: number, cy: number, r: number): void {
  const color = categoryColor(table, category);
  ctx.save();
  ctx.beginPath();
  ctx.arc(cx, cy, r, 0, 2 * Math.PI);
  ctx.fillStyle = color;
  ctx.globalAlpha = table.ring.fillOpacity;
  ctx.fill();
  ctx.globalAlpha = table.ring.strokeOpacity;
  ctx.strokeStyle = color;
  ctx.lineWidth = table.ring.strokeWidth;
  ctx.setLineDash([]);
  ctx.stroke();
  ctx.restore();
}

/** The ring radius that fits a box of `size` pixels with its stroke inside. */
export function ringRadiusInBox(table: SymbolTable, size: number): number {
  return size / 2 - table.ring.strokeWidth;
}

/** Draws a dataset's outline rings centred on (cx, cy), scaled by `k` (1 = CSS pixels). */
export function drawDatasetOutline(ctx: SymbolCanvas, table: SymbolTable, outline: DatasetOutline, cx: number, cy: number, k = 1): void {
  ctx.save();
  ctx.strokeStyle = table.outlineInk;
  for (const ring of table.outlines[outline]) {
    ctx.lineWidth = ring.width * k;
    ctx.setLineDash((ring.dash ?? []).map((d) => d * k));
    ctx.beginPath();
    ctx.arc(cx, cy, ring.r * k, 0, Math.PI * 2);
    ctx.stroke();
  }
  ctx.restore();
}

/** Draws a focus area's swatch centred in a box. */
export function drawSwatch(ctx: SymbolCanvas, table: SymbolTable, areaId: string, box: { x: number; y: number; width: number; height: number }): void {
  const area = FOCUS_AREAS.find((a) => a.id === areaId);
  if (!area) return;
  const { width: w, height: h, strokeWidth } = table.swatch;
  const x = box.x + (box.width - w) / 2;
  const y = box.y + (box.height - h) / 2;
  ctx.save();
  ctx.fillStyle = area.fill;
  ctx.fillRect(x, y, w, h);
  ctx.strokeStyle = area.outline;
  ctx.lineWidth = strokeWidth;
  ctx.setLineDash([]);
  ctx.strokeRect(x, y, w, h);
  ctx.restore();
}
