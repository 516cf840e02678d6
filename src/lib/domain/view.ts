/** A map camera: centre, zoom, and the rotation and tilt in degrees. The URL, the map and the export share it. */
export interface CameraView {
  readonly zoom: number;
  readonly lat: number;
  readonly lon: number;
  readonly bearing: number;
  readonly pitch: number;
}

/** A size in CSS pixels. */
export interface CssSize {
  readonly width: number;
  readonly height: number;
}

/** Why the view changed: a continuous gesture, a deliberate jump the user may want to go Back from, or a restore from the URL. */
export type ViewChangeCause = 'move' | 'deliberate' | 'restore';
