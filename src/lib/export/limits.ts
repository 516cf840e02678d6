/**
 * Whether an export of a given size can be drawn on this device, and what to offer instead.
 *
 * Part of the export composition layer (`src/lib/export/`): pure, no maplibre-gl. The caller reads
 * the limits from the WebGL context (`MAX_TEXTURE_SIZE`, `MAX_RENDERBUFFER_SIZE`,
 * `MAX_VIEWPORT_DIMS`).
 */

import type { DrawableLimits } from '../domain/snapshot-port.ts';

export interface ExportSize {
  /** CSS pixels. */
  readonly width: number;
  readonly height: number;
  readonly pixelRatio: number;
}

export type ExportSizeCheck =
  | { readonly ok: true; readonly widthPx: number; readonly heightPx: number }
  | { readonly ok: false; readonly message: string; readonly suggestion: ExportSize };

/** Step of suggested pixel ratios: 2.75 reads better than 2.7913. */
const RATIO_STEP = 0.25;

/** Device pixels of a CSS length, rounded as MapLibre sizes its canvas (`Map._resizeCanvas`). */
export function devicePixels(css: number, pixelRatio: number): number {
  return Math.round(css * pixelRatio);
}

interface MaxSize {
  readonly width: number;
  readonly height: number;
  readonly area: number;
}

function maxSize(limits: DrawableLimits): MaxSize {
  const side = Math.min(limits.maxTextureSize, limits.maxRenderbufferSize);
  return {
    width: Math.min(side, limits.maxViewportDims[0]),
    height: Math.min(side, limits.maxViewportDims[1]),
    area: limits.maxCanvasArea ?? Infinity,
  };
}

function fits(size: ExportSize, max: MaxSize): boolean {
  const w = devicePixels(size.width, size.pixelRatio);
  const h = devicePixels(size.height, size.pixelRatio);
  return w <= max.width && h <= max.height && w * h <= max.area;
}

/** The largest factor k such that (width·k) × (height·k) stays within the maximum. */
function largestScale(width: number, height: number, max: MaxSize): number {
  return Math.min(max.width / width, max.height / height, Math.sqrt(max.area / (width * height)));
}

/** Same CSS size (so the same map bounds) at the highest pixel ratio, in steps of 0.25, down to 1. */
function lowerRatio(width: number, height: number, max: MaxSize): ExportSize | null {
  let ratio = Math.floor(largestScale(width, height, max) / RATIO_STEP) * RATIO_STEP;
  while (ratio >= 1 && !fits({ width, height, pixelRatio: ratio }, max)) ratio -= RATIO_STEP;
  return ratio >= 1 ? { width, height, pixelRatio: ratio } : null;
}

/** Same aspect at a smaller CSS size, at ratio 1 (or the requested ratio when below 1). */
function smallerSize(width: number, height: number, pixelRatio: number, max: MaxSize): ExportSize {
  const ratio = Math.min(pixelRatio, 1);
  const scale = largestScale(width * ratio, height * ratio, max);
  let w = Math.floor(width * scale);
  let h = Math.floor(height * scale);
  while (w > 0 && h > 0 && !fits({ width: w, height: h, pixelRatio: ratio }, max)) {
    w -= 1;
    h = Math.floor((w * height) / width);
  }
  return { width: w, height: h, pixelRatio: ratio };
}

function assertPositive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number, got ${value}`);
}

function describeLimit(max: MaxSize): string {
  const area = Number.isFinite(max.area) ? ` or ${(max.area / 1e6).toFixed(1)} megapixels` : '';
  return `${max.width} × ${max.height} pixels${area}`;
}

/**
 * Checks that `width × height` CSS pixels at `pixelRatio` can be drawn with these limits; if not,
 * suggests the same size at a lower pixel ratio (keeping the map bounds), else the largest size
 * at the same aspect.
 *
 * @example
 * checkExportSize(3000, 2000, 4, { maxTextureSize: 8192, maxRenderbufferSize: 8192, maxViewportDims: [8192, 8192] });
 * // { ok: false, message: '…', suggestion: { width: 3000, height: 2000, pixelRatio: 2.5 } }
 */
export function checkExportSize(
  widthCss: number,
  heightCss: number,
  pixelRatio: number,
  limits: DrawableLimits,
): ExportSizeCheck {
  assertPositive('width', widthCss);
  assertPositive('height', heightCss);
  assertPositive('pixelRatio', pixelRatio);
  const max = maxSize(limits);
  const widthPx = devicePixels(widthCss, pixelRatio);
  const heightPx = devicePixels(heightCss, pixelRatio);
  if (fits({ width: widthCss, height: heightCss, pixelRatio }, max)) return { ok: true, widthPx, heightPx };

  const suggestion =
    (pixelRatio > 1 ? lowerRatio(widthCss, heightCss, max) : null) ??
    smallerSize(widthCss, heightCss, pixelRatio, max);
  const message =
    `The image would be ${widthPx} × ${heightPx} pixels; this device can draw at most ${describeLimit(max)}. ` +
    `Try ${suggestion.width} × ${suggestion.height} at ${suggestion.pixelRatio}×.`;
  return { ok: false, message, suggestion };
}
