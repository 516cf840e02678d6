/**
 * What a snapshot says about its data: the camera of an export at another size, the legend for
 * the incidents inside it, the title's area and dates, and the machine-readable metadata.
 *
 * Part of the export composition layer (`src/lib/export/`): pure, no maplibre-gl, no DOM.
 */
import { CATEGORIES, categoryDef, type CategoryId } from '../domain/categories.ts';
import { dayString } from '../domain/calendar.ts';
import { FOCUS_AREAS, type FocusAreaId } from '../domain/areas.ts';
import type { IncidentRecord } from '../domain/incident.ts';
import { isAreaPrecision, UNCERTAINTY_RADIUS_M } from '../domain/precision.ts';
import { incidentMarkerStyle } from '../symbols/incident-style.ts';
import { incidentDaySpan } from '../domain/date-span.ts';
import { knownAsArea } from '../geo/incident-features.ts';
import type { DisplacementLegend, LegendContent } from './legend-layout.ts';
import type { DrawnDisplacement } from '../domain/snapshot-port.ts';
import type { DayRange } from './naming.ts';
import type { PngTextEntry } from './png-text-chunks.ts';
import type { CameraView, CssSize } from '../domain/view.ts';

/** Below this zoom a view shows most of the country, and the title says "Myanmar". */
export const COUNTRY_ZOOM = 6;

/**
 * The zoom at which an image of `out` CSS pixels, centred where the view is, contains everything
 * the view of `view` CSS pixels shows at `zoom` ("fit", not "fill"): the view's rectangle scales
 * to touch the image on one axis, and the image shows a little more on the other. The bearing
 * turns both rectangles alike, so it does not change the answer; with pitch it is approximate.
 *
 * @example
 * fitZoom(8, { width: 800, height: 500 }, { width: 1600, height: 1000 }); // 9
 */
export function fitZoom(zoom: number, view: CssSize, out: CssSize): number {
  if (!(view.width > 0 && view.height > 0 && out.width > 0 && out.height > 0)) {
    throw new RangeError('Sizes must be positive');
  }
  return zoom + Math.log2(Math.min(out.width / view.width, out.height / view.height));
}

/** What the legend says of the displacement circles drawn: their dates and publishers, or null for none. */
function displacementLegend(drawn: readonly DrawnDisplacement[]): DisplacementLegend | null {
  if (!drawn.length) return null;
  const unique = (values: string[]): string[] => [...new Set(values.filter(Boolean))].sort();
  return { asOf: unique(drawn.map((d) => d.asOf)), sources: unique(drawn.map((d) => d.source)) };
}

/**
 * The legend for the incidents drawn on a snapshot: their categories in the category table's
 * order, the evidence symbols they use, worked out as the map's layers draw them, and the
 * displacement figures drawn with their dates.
 */
export function legendContentFor(
  incidents: readonly IncidentRecord[],
  focusAreas: readonly FocusAreaId[],
  displacement: readonly DrawnDisplacement[],
): LegendContent {
  const present = new Set(incidents.map((i) => categoryDef(i.category).id));
  const categories = CATEGORIES.map((c) => c.id).filter((id): id is CategoryId => present.has(id));
  const styles = new Set(incidents.map(incidentMarkerStyle));
  return {
    categories,
    evidence: {
      hollow: styles.has('hollow'),
      // No ring where the map draws the area itself (a township with its polygon).
      ring: incidents.some((i) => (UNCERTAINTY_RADIUS_M[i.precision] ?? 0) > 0 && !knownAsArea(i)),
      area: styles.has('area'),
    },
    displacement: displacementLegend(displacement),
    focusAreas: FOCUS_AREAS.map((a) => a.id).filter((id) => focusAreas.includes(id)),
  };
}

/** The first and last day the incidents may have happened on, or null when none has a real date. */
export function dataSpanOf(incidents: readonly IncidentRecord[]): DayRange | null {
  let first = Infinity;
  let last = -Infinity;
  for (const inc of incidents) {
    const span = incidentDaySpan(inc.date);
    if (!span) continue;
    first = Math.min(first, span[0]);
    last = Math.max(last, span[1]);
  }
  return first <= last ? { start: dayString(first), end: dayString(last) } : null;
}

/**
 * The place a title names: "Myanmar" for a country-wide view or a centre outside any state or
 * region, else the state or region at the centre ("Sagaing").
 */
export function titleAreaName(zoom: number, admin1AtCentre: string | null): string {
  return zoom < COUNTRY_ZOOM || !admin1AtCentre ? 'Myanmar' : admin1AtCentre;
}

/** The file-name area: the focus area at the centre of the export, else the whole country. */
export function fileAreaSlug(focusAtCentre: FocusAreaId | null): string {
  return focusAtCentre ?? 'myanmar';
}

/** The keyword of the JSON metadata chunk. */
export const METADATA_KEYWORD = 'Conflict Map';

/** Everything a program needs to know what a snapshot shows; stored as JSON in the PNG. */
export interface SnapshotMetadata {
  readonly title: string;
  readonly view: CameraView;
  /** CSS pixels and pixel ratio of the image. */
  readonly size: { readonly width: number; readonly height: number; readonly pixelRatio: number };
  /** The filter in effect, as canonical JSON data (sets as sorted arrays, null = not filtered). */
  readonly filters: unknown;
  readonly filtersText: string;
  readonly dataHash: string;
  readonly appVersion: string;
  /** ISO 8601 time of export, UTC. */
  readonly exportedAt: string;
  readonly legend: LegendContent | null;
  /** The scale bar drawn: its label, ground length and CSS width. */
  readonly scale: { readonly label: string; readonly metres: number; readonly widthPx: number } | null;
  /** Where the drawn parts are, [x, y, width, height] in CSS pixels. */
  readonly layout: Readonly<Record<string, readonly [number, number, number, number]>>;
  /** The map between the title and footer bands, where the view is framed, [x, y, width, height] in CSS pixels. */
  readonly mapArea: readonly [number, number, number, number];
  /** [lon, lat] of the map area's corners: top left, top right, bottom right, bottom left. */
  readonly extent: readonly (readonly [number, number])[];
  /** The locator inset's corner (it outlines `extent`), or null when it is not drawn. */
  readonly locator: { readonly corner: string } | null;
}

function rounded(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** The view as the "View" text chunk says it, e.g. "centre 22.68000 N, 95.32000 E; zoom 9.50; bearing 0.0; pitch 0.0". */
export function describeView(view: CameraView): string {
  const ns = `${Math.abs(view.lat).toFixed(5)} ${view.lat < 0 ? 'S' : 'N'}`;
  const ew = `${Math.abs(view.lon).toFixed(5)} ${view.lon < 0 ? 'W' : 'E'}`;
  return `centre ${ns}, ${ew}; zoom ${view.zoom.toFixed(2)}; bearing ${view.bearing.toFixed(1)}; pitch ${view.pitch.toFixed(1)}`;
}

/**
 * The extra text chunks of a snapshot beyond the registered ones: a human-readable "View" and
 * the JSON metadata under `METADATA_KEYWORD` (UTF-8, so it becomes iTXt when it holds a dash).
 */
export function snapshotMetadataEntries(meta: SnapshotMetadata): PngTextEntry[] {
  const view = {
    lon: rounded(meta.view.lon, 6),
    lat: rounded(meta.view.lat, 6),
    zoom: rounded(meta.view.zoom, 4),
    bearing: rounded(meta.view.bearing, 2),
    pitch: rounded(meta.view.pitch, 2),
  };
  const extent = meta.extent.map(([lon, lat]) => [rounded(lon, 6), rounded(lat, 6)]);
  return [
    { keyword: 'View', text: describeView(meta.view) },
    { keyword: METADATA_KEYWORD, text: JSON.stringify({ ...meta, view, extent }) },
  ];
}
