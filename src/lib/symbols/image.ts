/**
 * The MapLibre-image renderer of the symbol table: every marker and dataset outline as an
 * ImageData at a pixel ratio, drawn with the canvas renderer, ready for `map.addImage`.
 * Layer specs name these images through `markerImageName` and `outlineImageName`.
 */
import { DATASET_OUTLINES, type DatasetOutline } from '../domain/dataset.ts';
import { drawDatasetOutline, drawMarker, type PathFactory, type SymbolCanvas } from './canvas.ts';
import { MARKER_STYLES, type MarkerStyle, type SymbolTable } from './table.ts';

/** A 2D context that can hand back its pixels. */
export interface ImageCanvas extends SymbolCanvas {
  getImageData(x: number, y: number, w: number, h: number): ImageData;
}

/** Makes a blank square canvas of `px` device pixels. */
export type CanvasFactory = (px: number) => ImageCanvas;

/** A DOM canvas, where the page has one. */
export function domCanvas(px: number): ImageCanvas {
  const canvas = document.createElement('canvas');
  canvas.width = px;
  canvas.height = px;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D canvas is not available to draw map markers');
  return ctx;
}

/** Marker images are named `marker-<category>-<style>`; style expressions build the same names. */
export const MARKER_IMAGE_PREFIX = 'marker-';
/** Outline images are named `outline-<outline>`. */
export const OUTLINE_IMAGE_PREFIX = 'outline-';

/** The image name of a category's marker in a style. */
export function markerImageName(categoryId: string, style: MarkerStyle): string {
  return `${MARKER_IMAGE_PREFIX}${categoryId}-${style}`;
}

/** The image name of a dataset outline. */
export function outlineImageName(outline: DatasetOutline): string {
  return `${OUTLINE_IMAGE_PREFIX}${outline}`;
}

export interface SymbolImage {
  readonly name: string;
  readonly image: ImageData;
  /** Device pixels per CSS pixel the image was drawn for. */
  readonly pixelRatio: number;
}

/** One marker as an image, `marker.size` CSS pixels at `ratio`. */
export function markerImage(
  table: SymbolTable,
  category: string,
  style: MarkerStyle,
  ratio: number,
  makeCanvas: CanvasFactory = domCanvas,
  createPath?: PathFactory,
): ImageData {
  const px = Math.round(table.marker.size * ratio);
  const ctx = makeCanvas(px);
  drawMarker(ctx, table, category, style, 0, 0, px, createPath);
  return ctx.getImageData(0, 0, px, px);
}

/** One dataset outline as an image, `outlineBox` CSS pixels at `ratio`. */
export function outlineImage(table: SymbolTable, outline: DatasetOutline, ratio: number, makeCanvas: CanvasFactory = domCanvas): ImageData {
  const px = Math.round(table.outlineBox * ratio);
  const ctx = makeCanvas(px);
  drawDatasetOutline(ctx, table, outline, px / 2, px / 2, ratio);
  return ctx.getImageData(0, 0, px, px);
}

/**
 * Every image the incident layers name: each category in each marker style, and each dataset
 * outline, at a whole pixel ratio (at least 1) so exports at 2× and 3× stay sharp.
 */
export function symbolImages(
  table: SymbolTable,
  pixelRatio: number,
  makeCanvas: CanvasFactory = domCanvas,
  createPath?: PathFactory,
): SymbolImage[] {
  const ratio = Math.max(1, Math.ceil(pixelRatio));
  return [
    ...table.categories.flatMap((c) =>
      MARKER_STYLES.map((style) => ({ name: markerImageName(c.id, style), image: markerImage(table, c.id, style, ratio, makeCanvas, createPath), pixelRatio: ratio })),
    ),
    ...DATASET_OUTLINES.map((o) => ({ name: outlineImageName(o), image: outlineImage(table, o, ratio, makeCanvas), pixelRatio: ratio })),
  ];
}
