import type { DisplacementFigure, Incident } from '../domain/incident.ts';
import type { MapView } from '../geo/url-hash.ts';
import { EMPTY_FILTER, type IncidentFilter } from '../domain/filter.ts';
import { visibleIncidents } from '../geo/visible-incidents.ts';

/** A camera move asked for by the UI; the map binding carries it out. */
export type CameraRequest =
  | { readonly kind: 'fit'; readonly bbox: readonly [number, number, number, number]; readonly seq: number }
  | { readonly kind: 'fly'; readonly lon: number; readonly lat: number; readonly zoom?: number; readonly seq: number };

/** The initial view when a link carries none: all of Myanmar. */
export const DEFAULT_VIEW: MapView = { zoom: 4.9, lat: 19.6, lon: 96.6, bearing: 0, pitch: 0 };

/**
 * The one state object of the app. Components read it and call its methods; the map binding
 * pushes what it derives into the map; the URL sync writes it to the hash.
 */
export class AppState {
  incidents = $state.raw<readonly Incident[]>([]);
  displacement = $state.raw<readonly DisplacementFigure[]>([]);
  dataVersion = $state('');
  /** Set once the map has drawn for the first time. */
  mapReady = $state(false);
  view = $state.raw<MapView>(DEFAULT_VIEW);
  selectedId = $state<string | null>(null);
  hoverId = $state<string | null>(null);
  /** Several incidents at one spot: the user chooses one from this list. */
  chooserIds = $state.raw<readonly string[]>([]);
  loadError = $state<string | null>(null);
  cameraRequest = $state.raw<CameraRequest | null>(null);
  #cameraSeq = 0;

  filter = $state.raw<IncidentFilter>(EMPTY_FILTER);
  /** The visible set: the one pure function over the data and the filter. */
  readonly visible = $derived(visibleIncidents(this.incidents, this.filter));
  readonly incidentById = $derived(new Map(this.incidents.map((i) => [i.id, i])));
  readonly selected = $derived(this.selectedId ? (this.incidentById.get(this.selectedId) ?? null) : null);

  /** Selects one incident (or none) and closes any chooser list. */
  select(id: string | null): void {
    this.selectedId = id;
    this.chooserIds = [];
  }

  /** Several incidents were hit at once: one opens directly, more open a chooser. */
  pick(ids: readonly string[]): void {
    if (ids.length === 1) this.select(ids[0] ?? null);
    else {
      this.selectedId = null;
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

  /** Opens an incident from a list: selects it and flies the map to it. */
  open(id: string): void {
    const inc = this.incidentById.get(id);
    if (!inc) return;
    this.select(id);
    this.flyTo(inc.lon, inc.lat, Math.max(this.view.zoom, 8));
  }

  /** Replaces the filter. */
  setFilter(filter: IncidentFilter): void {
    this.filter = filter;
  }

  /** Sets or clears the hovered incident. */
  hover(id: string | null): void {
    this.hoverId = id;
  }
}
