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
}

/** The map drawn for a snapshot, and what the map knows about what it drew. */
export interface RenderedMap {
  /** A 2D canvas of exactly `round(widthCss · pixelRatio) × round(heightCss · pixelRatio)` device pixels; the overlays are drawn onto it. */
  readonly image: HTMLCanvasElement;
  /** For each probe point, whether it lies inside the image. */
  readonly inside: readonly boolean[];
  /** The focus area under the image's centre. */
  readonly focusAtCentre: FocusAreaId | null;
  /** Focus areas drawn anywhere on the image. */
  readonly focusAreas: readonly FocusAreaId[];
  /** Whether any displacement circle is drawn. */
  readonly displacement: boolean;
  /** Plain-text attributions of the basemap layers other than the boundaries (which `attributionLine` names). */
  readonly mapAttributions: readonly string[];
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
  /** Draws the map offscreen for `frame`, leaving the live map as it was. */
  render(frame: MapFrame, probes: readonly (readonly [number, number])[], options: RenderOptions): Promise<RenderedMap>;
}

