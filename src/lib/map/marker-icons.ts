import type { Map as MlMap } from 'maplibre-gl';
import { CATEGORIES, SHAPE_PATHS, type CategoryDef } from '../domain/categories.ts';
import { DATASET_OUTLINES, OUTLINE_COLOR, OUTLINE_RINGS, type DatasetOutline } from '../domain/dataset.ts';

/** Marker styles: solid for corroborated reports, hollow for weaker evidence, ring-only for areas. */
export const MARKER_STYLES = ['solid', 'hollow', 'area'] as const;
export type MarkerStyle = (typeof MARKER_STYLES)[number];

/** The image name of a category's marker in a style. */
export function markerImageName(categoryId: string, style: MarkerStyle): string {
  return `marker-${categoryId}-${style}`;
}

const SIZE = 22;

function drawMarker(cat: CategoryDef, style: MarkerStyle, ratio: number): ImageData {
  const px = Math.round(SIZE * ratio);
  const canvas = document.createElement('canvas');
  canvas.width = px;
  canvas.height = px;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D canvas is not available to draw map markers');
  const inset = 2.5 * ratio;
  const scale = px - 2 * inset;
  ctx.translate(inset, inset);
  ctx.scale(scale, scale);
  const path = new Path2D(SHAPE_PATHS[cat.shape]);
  ctx.lineJoin = 'round';
  if (style === 'solid') {
    ctx.fillStyle = cat.color;
    ctx.fill(path);
    ctx.lineWidth = (1.6 * ratio) / scale;
    ctx.strokeStyle = '#ffffff';
    ctx.stroke(path);
  } else {
    ctx.fillStyle = '#ffffff';
    ctx.fill(path);
    ctx.lineWidth = (2.4 * ratio) / scale;
    ctx.strokeStyle = cat.color;
    if (style === 'area') ctx.setLineDash([2.5 / SIZE, 1.6 / SIZE]);
    ctx.stroke(path);
  }
  return ctx.getImageData(0, 0, px, px);
}

/** The image name of a dataset outline. */
export function outlineImageName(outline: DatasetOutline): string {
  return `outline-${outline}`;
}

function drawOutline(outline: DatasetOutline, ratio: number): ImageData {
  const px = Math.round(34 * ratio);
  const canvas = document.createElement('canvas');
  canvas.width = px;
  canvas.height = px;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D canvas is not available to draw map markers');
  ctx.strokeStyle = OUTLINE_COLOR;
  for (const ring of OUTLINE_RINGS[outline]) {
    ctx.lineWidth = ring.width * ratio;
    ctx.setLineDash((ring.dash ?? []).map((d) => d * ratio));
    ctx.beginPath();
    ctx.arc(px / 2, px / 2, ring.r * ratio, 0, Math.PI * 2);
    ctx.stroke();
  }
  return ctx.getImageData(0, 0, px, px);
}

/** Adds every category × style marker to the map, drawn from the shared shape table. */
export function addMarkerImages(map: MlMap, pixelRatio = window.devicePixelRatio || 1): void {
  const ratio = Math.max(1, Math.ceil(pixelRatio));
  for (const cat of CATEGORIES) {
    for (const style of MARKER_STYLES) {
      const name = markerImageName(cat.id, style);
      if (!map.hasImage(name)) map.addImage(name, drawMarker(cat, style, ratio), { pixelRatio: ratio });
    }
  }
  for (const outline of DATASET_OUTLINES) {
    const name = outlineImageName(outline);
    if (!map.hasImage(name)) map.addImage(name, drawOutline(outline, ratio), { pixelRatio: ratio });
  }
}

/**
 * Supplies marker images whenever the style asks for one (drawn for `pixelRatio`, e.g. an
 * export's 2× or 3×, so markers stay sharp), so the first tiles never draw
 * without their markers (a `styleimagemissing` listener is too late to fill the request).
 */
export function installMarkerImages(map: MlMap, pixelRatio?: number): void {
  map.setMissingStyleImageResolver(() => addMarkerImages(map, pixelRatio));
}
