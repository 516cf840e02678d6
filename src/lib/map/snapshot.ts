/**
 * Renders the map for a snapshot (issue #5) without touching what the user sees: a second,
 * hidden MapLibre map with the live map's style and camera draws at the export's size and pixel
 * ratio, its canvas is copied out in the same task as a forced redraw, and the map is removed.
 *
 * The live style already holds every GeoJSON source's data inline (MapLibre keeps the loaded
 * data, and `getStyle` serialises it), so the hidden map fetches no data. Only the fonts in the
 * style's `font-faces` may be read again, from the app's own origin.
 */
import {
  Map as MlMap,
  type GeoJSONSource,
  type GeoJSONSourceSpecification,
  type LayerSpecification,
  type StyleSpecification,
} from 'maplibre-gl';
import type { FocusAreaId } from '../domain/areas.ts';
import { FOCUS_AREAS } from '../domain/areas.ts';
import { LAYER, SOURCE } from './ids.ts';
import type {
  DrawableLimits,
  DrawnDisplacement,
  LocatorGeography,
  LonLatRing,
  MapFrame,
  RenderedMap,
  RenderOptions,
  SnapshotPort,
} from '../domain/snapshot-port.ts';
import type { CameraView } from '../domain/view.ts';
import { INCIDENT_GLOBAL_STATE, LIVE_LAYERS, SETTLED_LAYERS, pointLayerIds } from './incident-layers.ts';
import { installMarkerImages } from './marker-images.ts';

type LngLatPair = readonly [number, number];

/** What WebGL guarantees (and MapLibre assumes) when a context does not answer. */
const FALLBACK_SIDE = 4096;

/**
 * Test-only: `?handle&maxDrawable=2048` caps the drawable size, so the too-large path can be
 * tested on any machine. Ignored without the documented `handle` parameter.
 */
function testDrawableCap(): number | null {
  const params = new URLSearchParams(window.location.search);
  const cap = Number(params.get('maxDrawable'));
  return params.has('handle') && Number.isFinite(cap) && cap > 0 ? cap : null;
}

/** The largest drawable sizes, read from the live map's WebGL context at run time. */
export function readDrawableLimits(map: MlMap): DrawableLimits {
  const canvas = map.getCanvas();
  // getContext with the context's own type returns the map's context, not a new one.
  const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
  const read = (p: number): number => {
    const v = gl?.getParameter(p) as unknown;
    return typeof v === 'number' && v > 0 ? v : FALLBACK_SIDE;
  };
  const dims = gl?.getParameter(gl.MAX_VIEWPORT_DIMS) as Int32Array | null | undefined;
  const cap = testDrawableCap() ?? Infinity;
  const side = (n: number): number => Math.min(n, cap);
  return {
    maxTextureSize: side(read(WebGL2RenderingContext.MAX_TEXTURE_SIZE)),
    maxRenderbufferSize: side(read(WebGL2RenderingContext.MAX_RENDERBUFFER_SIZE)),
    maxViewportDims: [side(dims?.[0] || FALLBACK_SIDE), side(dims?.[1] || FALLBACK_SIDE)],
  };
}

/** MapLibre's default `text-size`, for a symbol layer that does not set one. */
const DEFAULT_TEXT_SIZE = 16;

/**
 * A size property multiplied by `k`. Zoom curves (`interpolate`, `step`, legacy stops) must stay
 * at the top of the expression, so their outputs are scaled one by one; anything else is wrapped.
 */
export function scaleSize(value: unknown, k: number, fallback = DEFAULT_TEXT_SIZE): unknown {
  if (value === undefined) return fallback * k;
  if (typeof value === 'number') return value * k;
  const scaled = (v: unknown): unknown => (typeof v === 'number' ? v * k : ['*', v, k]);
  if (Array.isArray(value)) {
    const e: unknown[] = [...value];
    // ['interpolate', type, input, stop, output, …] and ['step', input, output, stop, output, …]
    const first = e[0] === 'interpolate' ? 4 : e[0] === 'step' ? 2 : -1;
    if (first < 0) return ['*', value, k];
    for (let i = first; i < e.length; i += 2) e[i] = scaled(e[i]);
    return e;
  }
  if (typeof value === 'object' && value !== null && 'stops' in value && Array.isArray(value.stops)) {
    // A legacy function: [zoom or {zoom, value}, output] pairs.
    const stops = (value.stops as [unknown, unknown][]).map(([z, v]) => [z, scaled(v)]);
    return { ...value, stops };
  }
  return value;
}

/**
 * Every label of a style `k` times larger (size and halo), so text sized for a screen prints at the
 * same point size on paper (see `layoutFor` in the export). Markers and circles keep their size:
 * the legend shows them at the map's size, and rings are drawn to ground scale.
 */
export function scaleLabels(layers: readonly LayerSpecification[], k: number): LayerSpecification[] {
  if (k === 1) return [...layers];
  return layers.map((layer): LayerSpecification => {
    if (layer.type !== 'symbol' || layer.layout?.['text-field'] === undefined) return layer;
    const halo = layer.paint?.['text-halo-width'];
    return {
      ...layer,
      layout: { ...layer.layout, 'text-size': scaleSize(layer.layout['text-size'], k) },
      paint: { ...layer.paint, ...(halo === undefined ? {} : { 'text-halo-width': scaleSize(halo, k, 0) }) },
    } as LayerSpecification;
  });
}

/**
 * The live style as the export draws it: incidents one by one rather than in clusters (a cluster
 * bubble cannot say which categories it holds, and the legend lists categories), the settled
 * layers rather than the scrubbing ones, no hover or selection highlight, and labels `textScale`
 * times their screen size so they print legibly (issue #12).
 */
export function exportStyle(live: StyleSpecification, textScale = 1): StyleSpecification {
  const style = structuredClone(live);
  const incidents = style.sources[SOURCE.incidents] as GeoJSONSourceSpecification | undefined;
  if (incidents) {
    const { cluster: _c, clusterRadius: _r, clusterMaxZoom: _m, clusterProperties: _p, clusterMinPoints: _n, ...rest } = incidents;
    style.sources[SOURCE.incidents] = { ...rest, cluster: false };
  }
  const live_ = new Set<string>(pointLayerIds(LIVE_LAYERS));
  const settled = new Set<string>([LAYER.clusters, LAYER.clusterCount, ...pointLayerIds(SETTLED_LAYERS)]);
  style.layers = style.layers.map((layer): LayerSpecification => {
    if (live_.has(layer.id)) return { ...layer, layout: { ...layer.layout, visibility: 'none' } } as LayerSpecification;
    if (settled.has(layer.id)) return { ...layer, layout: { ...layer.layout, visibility: 'visible' } } as LayerSpecification;
    return layer;
  });
  style.layers = scaleLabels(style.layers, textScale);
  style.state = { ...style.state, ...structuredClone(INCIDENT_GLOBAL_STATE) };
  return style;
}

/** Whether a layer is drawn at `zoom`: visible, and within its zoom range (maxzoom excluded, as MapLibre does). */
function drawnAt(layer: LayerSpecification, zoom: number): boolean {
  if (layer.layout?.visibility === 'none') return false;
  return zoom >= (layer.minzoom ?? 0) && zoom < (layer.maxzoom ?? 24);
}

/**
 * Plain-text attributions of the sources that some layer draws at `zoom`, except the country
 * boundaries (`attributionLine` names them), without repeats, in the style's source order.
 */
export function drawnAttributions(style: StyleSpecification, zoom: number): string[] {
  const drawn = new Set(style.layers.filter((l) => 'source' in l && drawnAt(l, zoom)).map((l) => (l as { source: string }).source));
  const texts = Object.entries(style.sources)
    .filter(([id, s]) => id !== SOURCE.countries && drawn.has(id) && 'attribution' in s && typeof s.attribution === 'string')
    .map(([, s]) => plainText((s as { attribution: string }).attribution));
  return [...new Set(texts)].filter(Boolean);
}

/** Attribution HTML of a source as plain text: the snapshot draws text, never markup. */
function plainText(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();
}

function hiddenContainer(frame: MapFrame): HTMLDivElement {
  const el = document.createElement('div');
  el.dataset['snapshotMap'] = 'true';
  el.setAttribute('aria-hidden', 'true');
  el.inert = true;
  // CSSOM assignments, which the page's `style-src 'self'` policy allows.
  Object.assign(el.style, {
    position: 'fixed',
    left: `${-(frame.widthCss + 1000)}px`,
    top: '0',
    width: `${frame.widthCss}px`,
    height: `${frame.heightCss}px`,
    pointerEvents: 'none',
  });
  document.body.append(el);
  return el;
}

function whenIdle(map: MlMap, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(new DOMException('The export was cancelled', 'AbortError'));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    map.getCanvas().addEventListener('webglcontextlost', () => reject(new Error('The graphics context was lost while drawing the snapshot')), { once: true });
    map.once('idle', () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}

function focusOf(props: Record<string, unknown> | undefined): FocusAreaId | null {
  const focus = props?.['focus'];
  return FOCUS_AREAS.find((a) => a.id === focus)?.id ?? null;
}

function drawnDisplacement(props: Record<string, unknown> | undefined): DrawnDisplacement {
  const text = (key: string): string => (typeof props?.[key] === 'string' ? (props[key] as string) : '');
  return { asOf: text('asOf'), source: text('source') };
}

function uniqueDisplacement(drawn: readonly DrawnDisplacement[]): DrawnDisplacement[] {
  const byKey = new Map(drawn.map((d) => [`${d.asOf}\u0000${d.source}`, d]));
  return [...byKey.values()].sort((a, b) => a.asOf.localeCompare(b.asOf) || a.source.localeCompare(b.source));
}

type Polygons = (readonly LonLatRing[])[];

/** The polygons of a GeoJSON source's data, split by a feature test. */
function polygonsOf(data: unknown, keep: (props: Record<string, unknown>) => boolean): Polygons {
  const features = (data as { features?: unknown }).features;
  if (!Array.isArray(features)) return [];
  return features.flatMap((f: { properties?: Record<string, unknown> | null; geometry?: { type?: string; coordinates?: unknown } | null }) => {
    const g = f.geometry;
    if (!g || !keep(f.properties ?? {})) return [];
    if (g.type === 'Polygon') return [g.coordinates as LonLatRing[]];
    if (g.type === 'MultiPolygon') return g.coordinates as LonLatRing[][];
    return [];
  });
}

/** The shapes of the locator inset from the live map's own sources (already loaded; `getData` makes no request). */
async function locatorGeographyOf(live: MlMap): Promise<LocatorGeography | null> {
  const countries = live.getSource<GeoJSONSource>(SOURCE.countries);
  const admin1 = live.getSource<GeoJSONSource>(SOURCE.admin1);
  if (!countries || !admin1) return null;
  const [c, a] = await Promise.all([countries.getData(), admin1.getData()]);
  const country = polygonsOf(c, (p) => p['is_myanmar'] === true);
  if (!country.length) return null;
  return { country, admin1: polygonsOf(a, () => true), neighbours: polygonsOf(c, (p) => p['is_myanmar'] !== true) };
}

/** Copies the map's drawing buffer: a forced redraw and the copy in one task, so it is not yet cleared. */
function copyCanvas(map: MlMap, frame: MapFrame): HTMLCanvasElement {
  const source = map.getCanvas();
  const width = Math.round(frame.widthCss * frame.pixelRatio);
  const height = Math.round(frame.heightCss * frame.pixelRatio);
  if (source.width !== width || source.height !== height) {
    throw new Error(`The map could be drawn at only ${source.width} × ${source.height} pixels, not ${width} × ${height}`);
  }
  const out = document.createElement('canvas');
  out.width = width;
  out.height = height;
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('2D canvas is not available to copy the map');
  map.redraw();
  ctx.drawImage(source, 0, 0);
  return out;
}

/**
 * Draws the live map's style at `frame` on a hidden map and returns the image with what it shows.
 * The live map is only read (its style and WebGL limits); the hidden map is removed in every case.
 */
export async function renderMapSnapshot(
  live: MlMap,
  frame: MapFrame,
  probes: readonly LngLatPair[],
  options: RenderOptions = {},
): Promise<RenderedMap> {
  const { onProgress, signal } = options;
  const limits = readDrawableLimits(live);
  const style = exportStyle(live.getStyle(), frame.textScale);
  const container = hiddenContainer(frame);
  let map: MlMap | null = null;
  try {
    map = new MlMap({
      container,
      style,
      center: [frame.lon, frame.lat],
      zoom: frame.zoom,
      bearing: frame.bearing,
      pitch: frame.pitch,
      pixelRatio: frame.pixelRatio,
      maxCanvasSize: [
        Math.min(limits.maxTextureSize, limits.maxRenderbufferSize, limits.maxViewportDims[0]),
        Math.min(limits.maxTextureSize, limits.maxRenderbufferSize, limits.maxViewportDims[1]),
      ],
      minZoom: 0,
      maxZoom: 24,
      maxPitch: 85,
      interactive: false,
      attributionControl: false,
      trackResize: false,
      fadeDuration: 0,
      validateStyle: false,
    });
    const m = map;
    // The title and footer bands cover the image's top and bottom; the view is framed between them.
    m.setPadding({ top: frame.padding.top, bottom: frame.padding.bottom, left: 0, right: 0 });
    installMarkerImages(m, frame.pixelRatio);
    m.once('load', () => onProgress?.(0.4));
    onProgress?.(0.1);
    await whenIdle(m, signal);
    onProgress?.(0.9);

    const image = copyCanvas(m, frame);
    const points = probes.map(([lon, lat]): [number, number] => {
      const p = m.project([lon, lat]);
      return [p.x, p.y];
    });
    const top = frame.padding.top;
    const bottom = frame.heightCss - frame.padding.bottom;
    const corners = ([[0, top], [frame.widthCss, top], [frame.widthCss, bottom], [0, bottom]] as const).map(([x, y]): [number, number] => {
      const c = m.unproject([x, y]);
      return [c.lng, c.lat];
    });
    const centre = m.queryRenderedFeatures([frame.widthCss / 2, (top + bottom) / 2], { layers: [LAYER.admin1Fill] })[0];
    const areas = m.queryRenderedFeatures({ layers: [LAYER.admin1Fill] }).map((f) => focusOf(f.properties));
    const displacement = m.queryRenderedFeatures({ layers: [LAYER.displacementCircles] }).map((f) => drawnDisplacement(f.properties));
    onProgress?.(1);
    return {
      image,
      points,
      corners,
      focusAtCentre: focusOf(centre?.properties),
      focusAreas: [...new Set(areas.filter((a): a is FocusAreaId => a !== null))],
      displacement: uniqueDisplacement(displacement),
    };
  } finally {
    map?.remove();
    container.remove();
  }
}

/** The export's view of a live map: sizes, camera, limits, and the hidden render. */
export function snapshotPort(live: MlMap): SnapshotPort {
  return {
    viewSize: () => ({ width: live.getContainer().clientWidth, height: live.getContainer().clientHeight }),
    view: (): CameraView => {
      const c = live.getCenter();
      return { lon: c.lng, lat: c.lat, zoom: live.getZoom(), bearing: live.getBearing(), pitch: live.getPitch() };
    },
    limits: () => readDrawableLimits(live),
    placeAtCentre: () => {
      const { clientWidth: w, clientHeight: h } = live.getContainer();
      const f = live.queryRenderedFeatures([w / 2, h / 2], { layers: [LAYER.admin1Fill] })[0];
      const name = f?.properties['name_en'];
      return { admin1: typeof name === 'string' ? name : null, focus: focusOf(f?.properties) };
    },
    inView: (points) => {
      const { clientWidth: w, clientHeight: h } = live.getContainer();
      return points.map(([lon, lat]) => {
        const p = live.project([lon, lat]);
        return p.x >= 0 && p.y >= 0 && p.x <= w && p.y <= h;
      });
    },
    mapAttributions: (zoom) => drawnAttributions(live.getStyle(), zoom),
    locatorGeography: () => locatorGeographyOf(live),
    render: (frame, probes, options) => renderMapSnapshot(live, frame, probes, options),
  };
}
