import { hasDetails, type DisplacementFigure, type Incident, type IncidentRecord } from '../domain/incident.ts';
import type { LinkDecision } from '../domain/event-link.ts';
import type { BuiltinDataset } from '../data/builtin-datasets.ts';
import { eventCountsByFacet, groupsAmongShown, singletonGroups, summarizeGroups, weeklyEventHistogram, withGroupCategories, type EventGroups } from '../query/event-counts.ts';
import { CANDIDATE_BASIS, type EventLinks, type LinkRecords } from '../query/event-links.ts';

/** A "possibly the same event" pair, seen from one of its records. */
export interface CandidateView {
  readonly self: IncidentRecord;
  readonly other: IncidentRecord;
  /** Metres between their points. */
  readonly distanceM: number;
  /** Proposed because both are in one township (one known only to the township), not by distance. */
  readonly sameTownship: boolean;
}
import { eventViews, type EventView } from '../query/event-views.ts';
import { visibleIndices, type IncidentIndex } from '../query/visible-incidents.ts';
import type { CameraView, ViewChangeCause } from '../domain/view.ts';
import { rangeDaySpan, type DaySpan } from '../domain/date-span.ts';
import { describeError, type ErrorReport } from './error-report.ts';
import { EMPTY_FILTER, sameFilter, type DateRange, type IncidentFilter } from '../domain/filter.ts';
import { incidentIndex } from '../query/visible-incidents.ts';
import { displacementSeries } from '../geo/displacement.ts';
import { classOf, countClasses, townshipCounts, type TownshipCounts } from '../query/by-township.ts';
import type { AreaIndex } from '../geo/area-index.ts';
import { CURATED_DATASET, DATASET_OUTLINES, type DatasetInfo, type DatasetOutline, type ImportedDataset } from '../domain/dataset.ts';
import type { DeviceDataset } from '../share/dataset-refs.ts';

/** The curated dataset's name, as the reader knows it. */
export const CURATED_NAME = 'Curated incidents';

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
  /**
   * Datasets shipped beside the curated one, records only until details are asked for: the
   * built-in UCDP GED record, and a published site's own datasets (`origin: 'site'`).
   */
  builtins = $state.raw<readonly BuiltinDataset[]>([]);
  /** True once every built-in dataset has loaded or failed to: the data's span is then known. */
  builtinsSettled = $state(false);
  /** Imported datasets, each with its own toggle (the `datasets` facet of the filter). */
  datasets = $state.raw<readonly ImportedDataset[]>([]);
  /** The content hash of each imported dataset by id, once known (`state/dataset-hashes.svelte.ts`). */
  contentHashes = $state.raw<ReadonlyMap<string, string>>(new Map());
  /** Every record loaded: curated first, then the built-in datasets, then each imported dataset. */
  readonly incidents = $derived<readonly IncidentRecord[]>(
    this.datasets.length || this.builtins.length
      ? [...this.curated, ...this.builtins.flatMap((b) => b.records), ...this.datasets.flatMap((d) => d.incidents)]
      : this.curated,
  );
  /** Every record in date order, as typed arrays: what filtering, counting and linking read. */
  readonly index = $derived<IncidentIndex>(incidentIndex(this.incidents));
  /** Decisions a person made about "possibly the same event" (kept on this device by the link controller). */
  decisions = $state.raw<readonly LinkDecision[]>([]);
  /** The latest linking of records into events, with the index and link records it was computed for. */
  linked = $state.raw<{ readonly index: IncidentIndex; readonly links: EventLinks; readonly records: LinkRecords } | null>(null);
  /** The links of the current records; null while linking runs (each record is then its own event). */
  readonly links = $derived<EventLinks | null>(this.linked?.index === this.index ? this.linked.links : null);
  /** What the reader chose to see: dates, categories, places, datasets. */
  filter = $state.raw<IncidentFilter>(EMPTY_FILTER);
  /** Which event each record belongs to, every dataset counted: what "of N incidents" counts. */
  readonly allGroups = $derived<EventGroups>(this.links ?? singletonGroups(this.index.incidents.length));
  /** The datasets shown (null: all). The same Set while only other filters change, so the groups are not redone. */
  readonly #shownDatasets = $derived(this.filter.datasets);
  /**
   * Which event each record belongs to, as the reader sees them: a record of a hidden dataset
   * leaves its event, which is then placed, dated and categorised by its shown records only.
   */
  readonly groups = $derived<EventGroups>(groupsAmongShown(this.allGroups, this.index, this.#shownDatasets));
  /** Each event's category and the records that give its place and date. */
  readonly summaries = $derived(summarizeGroups(this.index, this.groups));
  /** The index with each record's category replaced by its event's, so filters and counts agree with the map. */
  readonly eventIndex = $derived(withGroupCategories(this.index, this.groups, this.summaries));
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

  /** True until the default date range (from the coup) is applied, when a link named no dates. */
  dateDefault = $state(false);
  /** Set when the filter was changed by the app, not by the reader: the URL rewrites its entry instead of adding one. */
  quietFilterChange = false;
  /** Index positions (date order) of the records passing the filter: the one pure function over the data and the filter. */
  readonly visibleRows = $derived(visibleIndices(this.eventIndex, this.filter));
  /** The visible records, in date order. */
  readonly visible = $derived<IncidentRecord[]>(Array.from(this.visibleRows, (i) => this.index.incidents[i] as IncidentRecord));
  /** The visible events: one list row and one map marker each. */
  readonly events = $derived<EventView[]>(eventViews(this.eventIndex, this.groups, this.summaries, this.visibleRows));
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
  readonly eventsAnyDate = $derived<EventView[]>(eventViews(this.eventIndex, this.groups, this.summaries, visibleIndices(this.eventIndex, this.filterAnyDate)));
  /** The map colours each township by the visible incidents that count in it ("By township"). */
  byTownship = $state(false);
  /** The township under the pointer or keyboard focus in "By township", or null. */
  hoverTownship = $state<string | null>(null);
  /** The counts "By township" shows; computed only while it is on. */
  readonly townshipCounts = $derived<TownshipCounts | null>(this.byTownship ? townshipCounts(this.eventIndex, this.filter, this.groups) : null);
  /** The legend's classes of "By township", from the largest count. */
  readonly countClasses = $derived(countClasses(Math.max(0, ...(this.townshipCounts?.counts.values() ?? []))));
  /** Each township's class (1…) for the map, from the counts and classes. */
  readonly townshipClasses = $derived(
    new Map([...(this.townshipCounts?.counts ?? [])].map(([code, n]) => [code, classOf(n, this.countClasses)] as const)),
  );
  /** Live counts by records and by events: each value's count with every other filter applied. */
  readonly eventFacetCounts = $derived(eventCountsByFacet(this.eventIndex, this.groups, this.filter));
  /** Live counts for the filter panel, by events (a linked event counts once). */
  readonly facetCounts = $derived(this.eventFacetCounts.events);
  /** The timeline's weekly bars, by events. */
  readonly histogram = $derived(weeklyEventHistogram(this.eventIndex, this.groups, this.summaries, this.filter));
  /** The displacement figures as chart series (latest figure per date, never summed). */
  readonly displacementSeries = $derived(displacementSeries(this.displacement));
  readonly incidentById = $derived(new Map(this.incidents.map((i) => [i.id, i])));
  /** Index position of each record, to find its event. */
  readonly #positionById = $derived(new Map(this.index.incidents.map((r, i) => [r.id, i])));
  readonly selected = $derived(this.selectedId ? (this.incidentById.get(this.selectedId) ?? null) : null);
  /** Every record of the selected incident's event (the selected one first), or [] with none selected. */
  readonly selectedEvent = $derived.by<IncidentRecord[]>(() => {
    const sel = this.selected;
    if (!sel) return [];
    const pos = this.#positionById.get(sel.id);
    if (pos === undefined) return [sel];
    const g = this.groups.groupOf[pos] as number;
    const out = [sel];
    for (let m = this.groups.memberStart[g] as number; m < (this.groups.memberStart[g + 1] as number); m++) {
      const r = this.index.incidents[this.groups.members[m] as number] as IncidentRecord;
      if (r.id !== sel.id) out.push(r);
    }
    return out;
  });
  /**
   * "Possibly the same event" pairs that involve any of these records: the record, the other
   * one, how far apart their points are and why they were proposed.
   */
  candidatesOf(ids: readonly string[]): CandidateView[] {
    const links = this.links;
    if (!links) return [];
    const wanted = new Set(ids.map((id) => this.#positionById.get(id)).filter((p): p is number => p !== undefined));
    const out: CandidateView[] = [];
    const { a, b, distanceM, basis } = links.candidates;
    for (let k = 0; k < a.length; k++) {
      const pa = a[k] as number;
      const pb = b[k] as number;
      const [self, other] = wanted.has(pa) ? [pa, pb] : wanted.has(pb) ? [pb, pa] : [-1, -1];
      if (self < 0) continue;
      out.push({
        self: this.index.incidents[self] as IncidentRecord,
        other: this.index.incidents[other] as IncidentRecord,
        distanceM: distanceM[k] as number,
        sameTownship: basis[k] === CANDIDATE_BASIS.township,
      });
    }
    return out;
  }

  /** How many "possibly the same event" pairs wait for a person's decision. */
  readonly candidateCount = $derived(this.links?.candidates.a.length ?? 0);

  /** Which records give the selected event its place and its date (ids), or nulls with none selected. */
  readonly selectedEventSources = $derived.by(() => {
    const pos = this.selectedId ? this.#positionById.get(this.selectedId) : undefined;
    if (pos === undefined) return { placeFrom: null, dateFrom: null };
    const g = this.groups.groupOf[pos] as number;
    const idAt = (i: number | undefined) => (i === undefined ? null : (this.index.incidents[i]?.id ?? null));
    return { placeFrom: idAt(this.summaries.placeRecord[g]), dateFrom: idAt(this.summaries.dateRecord[g]) };
  });
  /**
   * Every dataset on this device with its records and its hash (a built-in's version hash, an
   * import's content hash once known): what a permalink names, and what a link is checked against.
   */
  readonly deviceDatasets = $derived<DeviceDataset[]>([
    ...(this.curated.length ? [{ id: CURATED_DATASET, name: CURATED_NAME, rows: this.curated.length, hash: this.dataVersion || undefined }] : []),
    ...this.builtins.map((b) => ({ id: b.id, name: b.meta.name, rows: b.records.length, hash: b.version })),
    ...this.datasets.map((d) => ({ id: d.id, name: d.name, rows: d.incidents.length, hash: this.contentHashes.get(d.id) })),
  ]);
  /** The names of the loaded datasets by id, as the reader knows them. */
  readonly datasetNames = $derived<Record<string, string>>({
    curated: CURATED_NAME,
    ...Object.fromEntries(this.builtins.map((b) => [b.id, b.origin === 'builtin' ? `${b.meta.name} (built in)` : b.meta.name])),
    ...Object.fromEntries(this.datasets.map((d) => [d.id, d.name])),
  });
  /** Every dataset loaded besides the curated one, shipped or imported: what the legend and exports credit. */
  readonly datasetInfo = $derived<readonly DatasetInfo[]>([
    ...this.builtins.map((b) => ({ id: b.id, name: this.datasetNames[b.id] ?? b.meta.name, attribution: b.meta.attribution, version: b.version })),
    ...this.datasets.map((d) => ({ id: d.id, name: d.name, attribution: d.attribution, version: d.importedAt })),
  ]);
  /** The attributions of the datasets shown, each once, for the legend: a hidden dataset is not credited for what the map does not show. */
  readonly shownAttributions = $derived<readonly string[]>([
    ...new Set(this.datasetInfo.filter((d) => this.filter.datasets?.has(d.id) ?? true).flatMap((d) => d.attribution?.split(' | ') ?? []).filter(Boolean)),
  ]);
  /** Visible records and events, for the count ("1,548 records, 1,530 events"). */
  readonly visibleCounts = $derived({ records: this.visibleRows.length, events: this.events.length });

  /** The index position of a record, or undefined. */
  positionOf(id: string): number | undefined {
    return this.#positionById.get(id);
  }

  /**
   * The whole incidents (with sources, summary, figures) of records: a record that carries its
   * details is itself; a built-in record's details are read from its dataset, which loads them
   * the first time. Records whose details cannot be found are left out.
   */
  async withDetails(records: readonly IncidentRecord[]): Promise<Incident[]> {
    const missing = new Map<string, string[]>();
    for (const r of records) if (!hasDetails(r)) missing.set(r.dataset, [...(missing.get(r.dataset) ?? []), r.id]);
    const found = new Map<string, Incident>();
    for (const [dataset, ids] of missing) {
      const builtin = this.builtins.find((b) => b.id === dataset);
      if (builtin) for (const [id, inc] of await builtin.details(ids)) found.set(id, inc);
    }
    return records.flatMap((r) => (hasDetails(r) ? [r] : found.has(r.id) ? [found.get(r.id) as Incident] : []));
  }

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

  /**
   * One id per event: a marker lists every record of each of its events (the event's headline
   * first), so records of one event are chosen once, by their headline.
   */
  oneIdPerEvent(ids: readonly string[]): string[] {
    const seen = new Set<number>();
    const out: string[] = [];
    for (const id of ids) {
      const pos = this.#positionById.get(id);
      const g = pos === undefined ? undefined : this.groups.groupOf[pos];
      if (g !== undefined) {
        if (seen.has(g)) continue;
        seen.add(g);
      }
      out.push(id);
    }
    return out;
  }

  /** How many records the event of this record holds (1 for a record alone). */
  recordCountOf(id: string): number {
    const pos = this.#positionById.get(id);
    if (pos === undefined) return 1;
    const g = this.groups.groupOf[pos] as number;
    return (this.groups.memberStart[g + 1] as number) - (this.groups.memberStart[g] as number);
  }

  /** Several incidents were hit at once: one event opens directly, more open a chooser of events. */
  pick(hit: readonly string[]): void {
    const ids = this.oneIdPerEvent(hit);
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

  /** Sets the default date range once the data's span is known (a quiet change: no history entry). */
  applyDefaultRange(range: DateRange): void {
    this.dateDefault = false;
    this.quietFilterChange = true;
    this.filter = { ...this.filter, dateRange: range };
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
    const all = [CURATED_DATASET, ...this.builtins.map((b) => b.id), ...this.datasets.map((d) => d.id)];
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
