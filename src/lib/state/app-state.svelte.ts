import type { DisplacementFigure, Incident } from '../domain/incident.ts';
import type { CameraView, ViewChangeCause } from '../domain/view.ts';
import { rangeDaySpan, type DaySpan } from '../domain/date-span.ts';
import { describeError, type ErrorReport } from './error-report.ts';
import { EMPTY_FILTER, sameFilter, type IncidentFilter } from '../domain/filter.ts';
import { countsByFacet, incidentIndex, visibleIncidents } from '../query/visible-incidents.ts';
import { displacementSeries } from '../geo/displacement.ts';
import { classOf, countClasses, townshipCounts, type TownshipCounts } from '../query/by-township.ts';
import type { AreaIndex } from '../geo/area-index.ts';
import { CURATED_DATASET, DATASET_OUTLINES, type DatasetOutline, type ImportedDataset } from '../domain/dataset.ts';

/**
 * A camera move asked for by the UI or a history step; the map binding carries it out. `jump`
 * restores a view from the URL (Back, Forward), so it makes no new history entry.
 */
export type CameraRequest =
  | { readonly kind: 'fit'; readonly bbox: readonly [number, number, number, number]; readonly seq: number }
  | { readonly kind: 'fly'; readonly lon: number; readonly lat: number; readonly zoom?: number; readonly seq: number }
  | { readonly kind: 'jump'; readonly view: CameraView; readonly seq: number };

/** The last change of the map's view, as the map reported it. */
export interface ViewChange {
  readonly view: CameraView;
  readonly cause: ViewChangeCause;
}

/** The initial view when a link carries none: all of Myanmar. */
export const DEFAULT_VIEW: CameraView = { zoom: 4.9, lat: 19.6, lon: 96.6, bearing: 0, pitch: 0 };

/**
 * The one state object of the app. Components read it and call its methods; the map binding
 * pushes what it derives into the map; the URL owner writes it to the address bar.
 */
export class AppState {
  /** The curated incidents shipped with the app. */
  curated = $state.raw<readonly Incident[]>([]);
  /** Imported datasets, each with its own toggle (the `datasets` facet of the filter). */
  datasets = $state.raw<readonly ImportedDataset[]>([]);
  /** Every incident loaded: curated first, then each imported dataset. */
  readonly incidents = $derived<readonly Incident[]>(
    this.datasets.length ? [...this.curated, ...this.datasets.flatMap((d) => d.incidents)] : this.curated,
  );
  displacement = $state.raw<readonly DisplacementFigure[]>([]);
  /** Townships, districts and states by code: where area markers go, and each area's name and size. */
  areas = $state.raw<AreaIndex>(new Map());
  dataVersion = $state('');
  /** The map's view: the initial one until the map reports its first move. */
  view = $state.raw<CameraView>(DEFAULT_VIEW);
  /** The last view change and its cause, for the URL owner; null until the map first moves. */
  viewChange = $state.raw<ViewChange | null>(null);
  selectedId = $state<string | null>(null);
  /** The displacement figure whose circle was clicked, shown in the details; null for none. */
  selectedFigureId = $state<string | null>(null);
  hoverId = $state<string | null>(null);
  /** Several incidents at one spot: the user chooses one from this list. */
  chooserIds = $state.raw<readonly string[]>([]);
  loadError = $state<string | null>(null);
  /** Unexpected errors, shown with a "copy details" button; the map stays. */
  errors = $state.raw<readonly ErrorReport[]>([]);
  cameraRequest = $state.raw<CameraRequest | null>(null);
  #cameraSeq = 0;

  filter = $state.raw<IncidentFilter>(EMPTY_FILTER);
  /** The visible set: the one pure function over the data and the filter. */
  readonly visible = $derived(visibleIncidents(this.incidents, this.filter));
  /** The date range as inclusive day numbers, or null when dates are not filtered. */
  readonly dateSpan = $derived<DaySpan | null>(this.filter.dateRange ? rangeDaySpan(this.filter.dateRange) : null);
  /** True while a brush moves or the timeline plays: the map switches to its live, unclustered layers. */
  scrubbing = $state(false);
  #lastFilterAnyDate: IncidentFilter | null = null;
  /** The filter without its date range; the same object while only the date changes. */
  readonly filterAnyDate = $derived.by(() => {
    const f = { ...this.filter, dateRange: null };
    if (this.#lastFilterAnyDate && sameFilter(this.#lastFilterAnyDate, f)) return this.#lastFilterAnyDate;
    this.#lastFilterAnyDate = f;
    return f;
  });
  /**
   * Incidents passing every filter but the date: what the live layers filter by date on the GPU.
   * It only changes when a non-date filter does, so scrubbing never re-sends the points.
   */
  readonly visibleAnyDate = $derived(visibleIncidents(this.incidents, this.filterAnyDate));
  /** The map colours each township by the visible incidents that count in it ("By township"). */
  byTownship = $state(false);
  /** The township under the pointer or keyboard focus in "By township", or null. */
  hoverTownship = $state<string | null>(null);
  /** The counts "By township" shows; computed only while it is on. */
  readonly townshipCounts = $derived<TownshipCounts | null>(this.byTownship ? townshipCounts(incidentIndex(this.incidents), this.filter) : null);
  /** The legend's classes of "By township", from the largest count. */
  readonly countClasses = $derived(countClasses(Math.max(0, ...(this.townshipCounts?.counts.values() ?? []))));
  /** Each township's class (1…) for the map, from the counts and classes. */
  readonly townshipClasses = $derived(
    new Map([...(this.townshipCounts?.counts ?? [])].map(([code, n]) => [code, classOf(n, this.countClasses)] as const)),
  );
  /** Live counts for the filter panel: each value's count with every other filter applied. */
  readonly facetCounts = $derived(countsByFacet(incidentIndex(this.incidents), this.filter));
  /** The displacement figures as chart series (latest figure per date, never summed). */
  readonly displacementSeries = $derived(displacementSeries(this.displacement));
  readonly incidentById = $derived(new Map(this.incidents.map((i) => [i.id, i])));
  readonly selected = $derived(this.selectedId ? (this.incidentById.get(this.selectedId) ?? null) : null);

  /** Selects one incident (or none) and closes any chooser list and figure. */
  select(id: string | null): void {
    this.selectedId = id;
    this.chooserIds = [];
    this.selectedFigureId = null;
  }

  /** Shows a displacement figure in the details (null closes it). */
  selectFigure(id: string | null): void {
    this.selectedId = null;
    this.chooserIds = [];
    this.selectedFigureId = id;
  }

  /** The displacement figure shown in the details, or null. */
  readonly selectedFigure = $derived(this.selectedFigureId ? (this.displacement.find((f) => f.id === this.selectedFigureId) ?? null) : null);

  /** Several incidents were hit at once: one opens directly, more open a chooser. */
  pick(ids: readonly string[]): void {
    if (ids.length === 1) this.select(ids[0] ?? null);
    else {
      this.selectedId = null;
      this.selectedFigureId = null;
      this.chooserIds = ids;
    }
  }

  /** Asks the map to fit a bounding box [west, south, east, north]; a deliberate move. */
  fitTo(bbox: readonly [number, number, number, number]): void {
    this.cameraRequest = { kind: 'fit', bbox, seq: ++this.#cameraSeq };
  }

  /** Asks the map to fly to a point; a deliberate move. */
  flyTo(lon: number, lat: number, zoom?: number): void {
    this.cameraRequest = { kind: 'fly', lon, lat, zoom, seq: ++this.#cameraSeq };
  }

  /** Moves the camera to a view restored from the URL (Back, Forward); no new history entry. */
  jumpTo(view: CameraView): void {
    // The view is the restored one from now on, so nothing writes the old one back to the URL.
    this.view = view;
    this.cameraRequest = { kind: 'jump', view, seq: ++this.#cameraSeq };
  }

  /** The map reports that its view changed, and why. */
  setView(view: CameraView, cause: ViewChangeCause): void {
    this.view = view;
    this.viewChange = { view, cause };
  }

  /** Opens an incident from a list: selects it and flies the map to it. */
  open(id: string): void {
    const inc = this.incidentById.get(id);
    if (!inc) return;
    this.select(id);
    this.flyTo(inc.lon, inc.lat, Math.max(this.view.zoom, 8));
  }

  /** Shows only the incidents that count in one township (null: every township again). */
  pickTownship(code: string | null): void {
    this.filter = { ...this.filter, townships: code === null ? null : new Set([code]) };
  }

  /** Replaces the filter. */
  setFilter(filter: IncidentFilter): void {
    this.filter = filter;
  }

  /** Adds an imported dataset (shown at once). */
  addDataset(ds: ImportedDataset): void {
    this.datasets = [...this.datasets.filter((d) => d.id !== ds.id), ds];
    const shown = this.filter.datasets;
    if (shown) this.filter = { ...this.filter, datasets: new Set([...shown, ds.id]) };
  }

  /** Removes an imported dataset from the map and the lists. */
  removeDataset(id: string): void {
    this.datasets = this.datasets.filter((d) => d.id !== id);
    const shown = this.filter.datasets;
    if (shown?.has(id)) this.filter = { ...this.filter, datasets: new Set([...shown].filter((x) => x !== id)) };
    if (this.selected?.dataset === id) this.select(null);
  }

  /** Shows or hides one dataset, curated or imported. */
  toggleDataset(id: string, visible: boolean): void {
    const all = [CURATED_DATASET, ...this.datasets.map((d) => d.id)];
    const current = new Set(this.filter.datasets ?? all);
    if (visible) current.add(id);
    else current.delete(id);
    this.filter = { ...this.filter, datasets: all.every((d) => current.has(d)) ? null : current };
  }

  /** The next outline style for a new dataset, so loaded datasets differ. */
  nextOutline(): DatasetOutline {
    return DATASET_OUTLINES[this.datasets.length % DATASET_OUTLINES.length] ?? DATASET_OUTLINES[0];
  }

  /** Records an unexpected error for the error banner. */
  reportError(err: unknown, context: string): void {
    this.errors = [...this.errors.slice(-19), describeError(err, context)];
  }

  /** Clears the error banner. */
  dismissErrors(): void {
    this.errors = [];
  }

  /** Sets or clears the hovered incident. */
  hover(id: string | null): void {
    this.hoverId = id;
  }
}
