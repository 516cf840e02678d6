/**
 * Exports a report-ready snapshot (issue #5): measures the title and footer bands, asks the map
 * for an image of the view framed between them at the chosen size and pixel ratio, draws the
 * title, legend, locator inset, scale, north arrow and footer on it, and encodes a PNG with the
 * provenance in text chunks.
 *
 * Part of the export composition layer: it imports no maplibre-gl and nothing from `src/lib/map/`. The map
 * module supplies a `SnapshotPort`; this module only needs a browser's 2D canvas and fonts.
 */
import { version as APP_VERSION_FROM_PACKAGE } from '../../../package.json';
import { CURATED_DATASET, type DatasetInfo } from '../domain/dataset.ts';
import type { FocusAreaId } from '../domain/areas.ts';
import type { IncidentFilter } from '../domain/filter.ts';
import { hasDetails, type IncidentRecord } from '../domain/incident.ts';
import { categoryDef } from '../domain/categories.ts';
import { composeSnapshot, snapshotFontRequests } from './compose.ts';
import { canonicalJson, dataHash } from './data-hash.ts';
import { checkExportSize, type ExportSizeCheck } from './limits.ts';
import type { MapFrame, RenderOptions, SnapshotPort } from '../domain/snapshot-port.ts';
import type { CssSize } from '../domain/view.ts';
import { defaultSnapshotTitle, snapshotFileName } from './naming.ts';
import { addPngTextChunks, type PngTextEntry } from './png-text-chunks.ts';
import {
  dataSpanOf,
  fileAreaSlug,
  fitZoom,
  legendContentFor,
  snapshotMetadataEntries,
  titleAreaName,
  type SnapshotMetadata,
} from './snapshot-facts.ts';
import {
  bandPadding,
  labelScale,
  layoutFor,
  placeBands,
  type BandContent,
  type PlacedBands,
  type SnapshotContent,
  type SnapshotLayout,
  type SnapshotPlacement,
} from './snapshot-layout.ts';
import { projectInFrame } from '../geo/web-mercator.ts';
import type { TextMeasurer } from './text-layout.ts';
import { attributionLine, describeFilters, pngMetadataEntries, provenanceLine } from './snapshot-text.ts';

/** The app version printed on snapshots and stored in their metadata. */
export const APP_VERSION: string = APP_VERSION_FROM_PACKAGE;

/** The app's data as the export sees it. */
export interface SnapshotData {
  /** The visible set: incidents passing the filter. */
  readonly incidents: readonly IncidentRecord[];
  readonly filter: IncidentFilter;
  /** Version of the curated data. */
  readonly dataVersion: string;
  /** Every dataset loaded besides the curated one (shipped and imported), to name and credit. */
  readonly datasets: readonly DatasetInfo[];
}

export interface SnapshotParts {
  readonly legend: boolean;
  readonly scale: boolean;
  readonly north: boolean;
  /** The locator inset: a small map of the country with the exported extent outlined (issue #11). */
  readonly locator: boolean;
  /** The filters line in the footer. */
  readonly filters: boolean;
  /** Title, view, filters and data hash as PNG text chunks. */
  readonly metadata: boolean;
}

export interface SnapshotRequest {
  readonly title: string;
  /** CSS pixels. */
  readonly width: number;
  readonly height: number;
  readonly pixelRatio: number;
  readonly parts: SnapshotParts;
}

export interface SnapshotResult {
  readonly png: Blob;
  readonly fileName: string;
  readonly warnings: readonly string[];
  readonly metadata: SnapshotMetadata;
}

/** Thrown when the device cannot draw an image this large; carries the suggestion. */
export class SnapshotTooLargeError extends Error {
  readonly check: Extract<ExportSizeCheck, { ok: false }>;
  constructor(check: Extract<ExportSizeCheck, { ok: false }>) {
    super(check.message);
    this.name = 'SnapshotTooLargeError';
    this.check = check;
  }
}

/** Share of the progress bar the map drawing takes; composing and encoding take the rest. */
const MAP_SHARE = 0.75;

function abortError(): DOMException {
  return new DOMException('The export was cancelled', 'AbortError');
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

/** The title the dialog offers: categories shown in the view, the place at its centre, the dates. */
export function defaultTitleFor(port: SnapshotPort, data: SnapshotData): string {
  const inside = port.inView(data.incidents.map((inc) => [inc.lon, inc.lat] as const));
  const shown = data.incidents.filter((_, i) => inside[i]);
  const categoryLabels = [...new Set(shown.map((i) => categoryDef(i.category).label))];
  return defaultSnapshotTitle({
    categoryLabels,
    areaName: titleAreaName(port.view().zoom, port.placeAtCentre().admin1),
    range: data.filter.dateRange,
    dataSpan: dataSpanOf(shown.length ? shown : data.incidents),
  });
}

/** The size check the dialog shows before it renders anything. */
export function checkSnapshotSize(port: SnapshotPort, width: number, height: number, pixelRatio: number): ExportSizeCheck {
  return checkExportSize(width, height, pixelRatio, port.limits());
}

function datasetVersions(data: SnapshotData): Record<string, string> {
  return Object.fromEntries([[CURATED_DATASET, data.dataVersion], ...data.datasets.map((d) => [d.id, d.version])]);
}

/** The sources line: the publishers of the incidents shown, the attributions of their datasets, and the geography drawn. */
function attributionFor(shown: readonly IncidentRecord[], data: SnapshotData, mapAttributions: readonly string[]): string {
  const ids = new Set(shown.map((i) => i.dataset));
  const datasetAttributions = data.datasets.filter((d) => ids.has(d.id) && d.attribution).map((d) => d.attribution as string);
  // Records whose details are not loaded are credited through their dataset's attribution.
  const publishers = shown.flatMap((i) => (hasDetails(i) ? i.sources.map((s) => s.publisher) : []));
  const line = attributionLine({ publishers, datasetAttributions });
  return [line, ...mapAttributions].join(' \u00b7 ');
}

function toPngBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the PNG'))), 'image/png');
  });
}

type BoxLike = { readonly x: number; readonly y: number; readonly width: number; readonly height: number };

function layoutBoxes(placement: SnapshotPlacement): Record<string, [number, number, number, number]> {
  const boxes: Record<string, BoxLike | undefined> = {
    title: placement.titleBand?.box,
    footer: placement.footer?.box,
    legend: placement.legend?.box,
    scale: placement.scale?.box,
    north: placement.north?.box,
    inset: placement.inset?.box,
  };
  const out: Record<string, [number, number, number, number]> = {};
  for (const [k, b] of Object.entries(boxes)) if (b) out[k] = [b.x, b.y, b.width, b.height];
  return out;
}

/** Loads the faces the text needs: canvas text drawn before its face has loaded silently falls back to another font. */
async function loadFonts(content: Parameters<typeof snapshotFontRequests>[0]): Promise<void> {
  await Promise.all(snapshotFontRequests(content).map((r) => document.fonts.load(r.font, r.text)));
}

/** The bands may take at most this share of the image; beyond it they overlap, and the layout says so. */
const MAX_BAND_SHARE = 0.75;

/** The camera for an image of the request with the bands' padding: the view fitted between the bands. */
function frameFor(port: SnapshotPort, request: SnapshotRequest, layout: SnapshotLayout, bands: PlacedBands | null): MapFrame {
  const view = port.view();
  const pad = bands ? bandPadding(bands) : { top: 0, bottom: 0 };
  const k = Math.min(1, (MAX_BAND_SHARE * request.height) / Math.max(1, pad.top + pad.bottom));
  const padding = { top: pad.top * k, bottom: pad.bottom * k };
  const between = { width: request.width, height: request.height - padding.top - padding.bottom };
  return {
    ...view,
    zoom: fitZoom(view.zoom, port.viewSize(), between),
    widthCss: request.width,
    heightCss: request.height,
    pixelRatio: request.pixelRatio,
    padding,
    textScale: labelScale(layout),
  };
}

/** Incidents whose point falls on the map between the bands of `frame`, as MapLibre would put them without pitch. */
function onMap(incidents: readonly IncidentRecord[], frame: MapFrame): IncidentRecord[] {
  return incidents.filter((i) => {
    const [x, y] = projectInFrame(frame, i.lon, i.lat);
    return x >= 0 && x <= frame.widthCss && y >= frame.padding.top && y <= frame.heightCss - frame.padding.bottom;
  });
}

/** A 2D context to measure text with before the map's canvas exists. */
function measurer(): TextMeasurer {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) throw new Error('2D canvas is not available to lay out the snapshot');
  return ctx;
}

/**
 * The bands and the frame they leave for the map. The footer names the publishers of the
 * incidents shown, which depends on the frame, so it is measured twice: the second time with the
 * incidents the framed image shows (exact without pitch; with pitch the footer may differ by a
 * line, and any incident it then hides is reported).
 */
async function frameBetweenBands(
  port: SnapshotPort,
  data: SnapshotData,
  request: SnapshotRequest,
  layout: SnapshotLayout,
  text: Omit<BandContent, 'attribution'>,
): Promise<MapFrame> {
  const m = measurer();
  let frame = frameFor(port, request, layout, null);
  for (let pass = 0; pass < 2; pass++) {
    const bandContent: BandContent = { ...text, attribution: attributionFor(onMap(data.incidents, frame), data, port.mapAttributions(frame.zoom)) };
    await loadFonts(bandContent);
    frame = frameFor(port, request, layout, placeBands(m, layout, bandContent));
  }
  return frame;
}

/**
 * Renders, composes and encodes a snapshot of the live view. The image covers the view's bounds
 * between the title and footer bands: at the view's own shape exactly, at another centred on the
 * view and zoomed so all of the view fits (see `fitZoom`). Throws `SnapshotTooLargeError` when the
 * device cannot draw it, and an `AbortError` DOMException when `signal` aborts.
 */
export async function exportSnapshot(
  port: SnapshotPort,
  data: SnapshotData,
  request: SnapshotRequest,
  options: RenderOptions & { readonly now?: Date } = {},
): Promise<SnapshotResult> {
  const { signal, onProgress } = options;
  const check = checkSnapshotSize(port, request.width, request.height, request.pixelRatio);
  if (!check.ok) throw new SnapshotTooLargeError(check);
  const layout = layoutFor(request.width, request.height, request.pixelRatio, request.parts);
  const exportedAt = options.now ?? new Date();
  const hash = await dataHash({ incidentIds: data.incidents.map((i) => i.id), datasetVersions: datasetVersions(data), filters: data.filter });
  const filtersText = describeFilters(data.filter, Object.fromEntries(data.datasets.map((d) => [d.id, d.name])));
  const text = {
    title: request.title,
    filters: request.parts.filters ? filtersText : '',
    provenance: provenanceLine({ exportedAt, dataHash: hash, appVersion: APP_VERSION }),
  };
  const frame = await frameBetweenBands(port, data, request, layout, text);
  throwIfAborted(signal);
  // The locator's shapes are the ones the map has loaded: no request is made for them.
  const geography = layout.locator ? port.locatorGeography().catch(() => null) : Promise.resolve(null);
  const probes = data.incidents.map((i) => [i.lon, i.lat] as const);
  const rendered = await port.render(frame, probes, { signal, onProgress: (f) => onProgress?.(f * MAP_SHARE) });
  throwIfAborted(signal);

  // The map is the part between the bands: an incident under a band is beyond the framed view.
  const onMap = rendered.points.map(([x, y]) => x >= 0 && x <= frame.widthCss && y >= frame.padding.top && y <= frame.heightCss - frame.padding.bottom);
  const shown = data.incidents.filter((_, i) => onMap[i]);
  const legend = legendContentFor(shown, rendered.focusAreas, rendered.displacement);
  const locatorShapes = await geography;
  const content: SnapshotContent = {
    ...text,
    view: { lat: frame.lat, zoom: frame.zoom, bearing: frame.bearing },
    legend,
    attribution: attributionFor(shown, data, port.mapAttributions(frame.zoom)),
    incidents: rendered.points.filter((_, i) => onMap[i]),
    locator: locatorShapes ? { geography: locatorShapes, extent: rendered.corners } : null,
  };
  await loadFonts(content);
  throwIfAborted(signal);
  onProgress?.(MAP_SHARE + 0.05);

  // Drawn onto the map's own copy: a second full-size canvas would double the memory of a 3× A4 export.
  const canvas = rendered.image;
  const ctx = canvas.getContext('2d');
  if (!ctx || canvas.width !== layout.widthPx || canvas.height !== layout.heightPx) {
    throw new Error('The map image cannot be composed: no 2D canvas of the export size');
  }
  const placement = composeSnapshot(ctx, canvas, layout, content);
  onProgress?.(MAP_SHARE + 0.1);

  const metadata: SnapshotMetadata = {
    title: request.title,
    view: { lon: frame.lon, lat: frame.lat, zoom: frame.zoom, bearing: frame.bearing, pitch: frame.pitch },
    size: { width: request.width, height: request.height, pixelRatio: request.pixelRatio },
    filters: JSON.parse(canonicalJson(data.filter)) as unknown,
    filtersText,
    dataHash: hash,
    appVersion: APP_VERSION,
    exportedAt: exportedAt.toISOString(),
    legend: placement.legend ? legend : null,
    scale: placement.scale ? { label: placement.scale.scale.label, metres: placement.scale.scale.metres, widthPx: placement.scale.scale.widthPx } : null,
    layout: layoutBoxes(placement),
    mapArea: [placement.mapArea.x, placement.mapArea.y, placement.mapArea.width, placement.mapArea.height],
    extent: rendered.corners,
    locator: placement.inset ? { corner: placement.inset.corner } : null,
  };
  const encoded = await toPngBlob(canvas);
  throwIfAborted(signal);
  let png: Blob = encoded;
  if (request.parts.metadata) {
    const entries: PngTextEntry[] = [
      ...pngMetadataEntries({
        title: request.title,
        attribution: content.attribution,
        filters: filtersText,
        provenance: content.provenance,
        exportedAt,
        appVersion: APP_VERSION,
      }),
      ...snapshotMetadataEntries(metadata),
    ].filter((e) => e.text !== '');
    const bytes = addPngTextChunks(new Uint8Array(await encoded.arrayBuffer()), entries);
    png = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/png' });
  }
  onProgress?.(1);
  return { png, fileName: snapshotFileName(fileAreaSlug(rendered.focusAtCentre), exportedAt), warnings: placement.warnings, metadata };
}

/** What the export dialog needs: the view's size, a title, the size check and the export itself. */
export interface SnapshotService {
  /** The live map's CSS size, or null before the map exists. */
  viewSize(): CssSize | null;
  /** The title to offer, or '' before the map exists. */
  defaultTitle(): string;
  /** Whether this device can draw the image, or null before the map exists. */
  check(width: number, height: number, pixelRatio: number): ExportSizeCheck | null;
  /** Exports a snapshot of the live view; rejects when the map does not exist yet. */
  run(request: SnapshotRequest, options?: RenderOptions): Promise<SnapshotResult>;
}

/** The export for a live map (`port`, null until the map exists) and the app's data at the moment of asking. */
export function snapshotService(port: () => SnapshotPort | null, data: () => SnapshotData): SnapshotService {
  return {
    viewSize: () => port()?.viewSize() ?? null,
    defaultTitle: () => {
      const p = port();
      return p ? defaultTitleFor(p, data()) : '';
    },
    check: (width, height, pixelRatio) => {
      const p = port();
      return p ? checkSnapshotSize(p, width, height, pixelRatio) : null;
    },
    run: async (request, options = {}) => {
      const p = port();
      if (!p) throw new Error('The map is not ready yet.');
      return exportSnapshot(p, data(), request, options);
    },
  };
}
