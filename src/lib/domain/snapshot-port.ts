/**
 * What the snapshot export needs from the live map: the contract between the map module, which
 * implements it, and the export composition layer, which uses it. Neither imports the other.
 */
import type { FocusAreaId } from './areas.ts';
import type { CameraView, CssSize } from './view.ts';

/** The largest drawable sizes of this device's graphics, read from WebGL. */
export interface DrawableLimits {
  readonly maxTextureSize: number;
  readonly maxRenderbufferSize: number;
  readonly maxViewportDims: readonly [number, number];
  /**
   * Largest 2D canvas area in pixels, where the browser has one below the GL limits
   * (iOS Safari: 16,777,216). The composed PNG is a 2D canvas of the full size.
   */
  readonly maxCanvasArea?: number;
}

/** What the map is asked to draw: a camera and an image size. */
export interface MapFrame extends CameraView {
  readonly widthCss: number;
  readonly heightCss: number;
  readonly pixelRatio: number;
  /**
   * CSS pixels at the top and bottom of the image that the title and footer bands cover. The
   * camera's centre is drawn midway between them (MapLibre's padding), so the view they frame is
   * not hidden under them.
   */
  readonly padding: { readonly top: number; readonly bottom: number };
  /** Map label sizes are multiplied by this so they print at their on-screen point size (1 = as on screen). */
  readonly textScale: number;
}

/** A displacement figure drawn on the map: the day it is "as of" (ISO) and who published it. */
export interface DrawnDisplacement {
  readonly asOf: string;
  readonly source: string;
}

/** A ring of [lon, lat] positions; the first ring of a polygon is its outline, the others holes. */
export type LonLatRing = readonly (readonly [number, number])[];

/** Shapes for the locator inset, as the map loaded them (no request of its own). */
export interface LocatorGeography {
  /** Polygons of the country the map is about, each a list of rings. */
  readonly country: readonly (readonly LonLatRing[])[];
  /** Polygons of its states and regions, for their boundaries. */
  readonly admin1: readonly (readonly LonLatRing[])[];
  /** Polygons of the neighbouring countries, drawn for context. */
  readonly neighbours: readonly (readonly LonLatRing[])[];
}

/** The map drawn for a snapshot, and what the map knows about what it drew. */
export interface RenderedMap {
  /** A 2D canvas of exactly `round(widthCss · pixelRatio) × round(heightCss · pixelRatio)` device pixels; the overlays are drawn onto it. */
  readonly image: HTMLCanvasElement;
  /** For each probe point, where it is on the image in CSS pixels (outside the image for those not on it). */
  readonly points: readonly (readonly [number, number])[];
  /**
   * [lon, lat] of the corners of the map area (the image less `frame.padding`): top left, top
   * right, bottom right, bottom left. Turned with the bearing, so with one it is not a lon/lat box.
   */
  readonly corners: readonly (readonly [number, number])[];
  /** The focus area under the image's centre. */
  readonly focusAtCentre: FocusAreaId | null;
  /** Focus areas drawn anywhere on the image. */
  readonly focusAreas: readonly FocusAreaId[];
  /** The displacement figures drawn as circles (empty when none is). */
  readonly displacement: readonly DrawnDisplacement[];
}

export interface RenderOptions {
  /** Called with 0…1 as the map loads and draws. */
  readonly onProgress?: (fraction: number) => void;
  readonly signal?: AbortSignal;
}

/** What the export needs from the live map, supplied by the map module. */
export interface SnapshotPort {
  /** CSS size of the live map. */
  viewSize(): CssSize;
  view(): CameraView;
  /** The largest drawable sizes, read from the live map's WebGL context. */
  limits(): DrawableLimits;
  /** The state or region (English name) and focus area under the centre of the live view. */
  placeAtCentre(): { readonly admin1: string | null; readonly focus: FocusAreaId | null };
  /** For each [lon, lat], whether the live view shows it. */
  inView(points: readonly (readonly [number, number])[]): boolean[];
  /**
   * Plain-text attributions of the style's sources drawn at `zoom`, other than the boundaries
   * (which `attributionLine` names): the geography the export uses, named on its sources line.
   */
  mapAttributions(zoom: number): string[];
  /** The outlines for the locator inset, from the data the map has already loaded; null when it has none. */
  locatorGeography(): Promise<LocatorGeography | null>;
  /** Draws the map offscreen for `frame`, leaving the live map as it was. */
  render(frame: MapFrame, probes: readonly (readonly [number, number])[], options: RenderOptions): Promise<RenderedMap>;
}

