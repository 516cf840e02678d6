import type { AppState } from '../state/app-state.svelte.ts';
import { readLocationHash, writeLocationHash } from '../state/url-sync.ts';
import { ConflictMap } from '../map/conflict-map.ts';
import { incidentsToFeatureCollection } from '../geo/incident-features.ts';
import { displacementToFeatureCollection } from '../geo/displacement.ts';
import { rangeDaySpan } from '../domain/date-span.ts';

const SETTLE_MS = 60;

/** The outline style of each imported dataset; the curated data have none. */
function datasetOutline(state: AppState): (dataset: string) => string {
  const outlines = new Map(state.datasets.map((d) => [d.id, d.outline as string]));
  return (d) => outlines.get(d) ?? '';
}

export interface MapBindingOptions {
  /** Called with the map once it exists (export and the documented test handle use it). */
  onMap?: (map: ConflictMap) => void;
  /** Extra hash parameters from other features (filters, selection). */
  hashParams: () => ReadonlyMap<string, string>;
  /** Restores parameters read from the URL on Back/Forward. */
  applyHashParams: (params: ReadonlyMap<string, string>) => void;
  /** The element holding the popup body (a Svelte component), or null when nothing is open. */
  popupContent: () => HTMLElement | null;
  /** The popup was closed on the map (its × button). */
  onPopupClosed: () => void;
  /** Label points of the states and regions, for displacement circles. */
  areaPoints: () => ReadonlyMap<string, [number, number]>;
}

/**
 * Connects the app state to the map: the one place that pushes state into MapLibre and turns
 * map events into state changes and URL updates. Returns a cleanup function.
 */
export function bindMap(container: HTMLElement, state: AppState, opts: MapBindingOptions): () => void {
  const initial = readLocationHash();
  if (initial.view) state.view = initial.view;
  const map = new ConflictMap(container, state.view, {
    onReady: () => {
      state.mapReady = true;
      container.dataset.ready = 'true';
    },
    onViewChange: (view, cause) => {
      state.view = view;
      if (cause === 'restore') return;
      writeLocationHash({ view, params: opts.hashParams() }, cause === 'deliberate' ? 'push' : 'replace');
    },
    onIncidentClick: (ids) => state.pick(ids),
    onIncidentHover: (id) => state.hover(id),
    onBackgroundClick: () => state.select(null),
  });
  opts.onMap?.(map);

  const onPopState = (): void => {
    const h = readLocationHash();
    if (h.view) map.jumpTo(h.view);
    opts.applyHashParams(h.params);
  };
  window.addEventListener('popstate', onPopState);

  const stopEffects = $effect.root(() => {
    $effect(() => {
      const req = state.cameraRequest;
      if (!req) return;
      if (req.kind === 'fit') map.fitBounds(req.bbox);
      else map.flyTo(req.lon, req.lat, req.zoom);
    });
    $effect(() => map.setHovered(state.hoverId));
    // Filter and selection changes are deliberate: each gets a history entry, except while
    // scrubbing (brush, play), which writes once when it ends. The first write only normalises.
    let firstWrite = true;
    $effect(() => {
      const params = opts.hashParams();
      if (state.scrubbing) return;
      writeLocationHash({ view: map.view(), params }, firstWrite ? 'replace' : 'push');
      firstWrite = false;
    });
    // The clustered source gets the visible set by setData, debounced so quick changes coalesce;
    // while scrubbing, the live layers filter by date with global state instead.
    let settledTimer: ReturnType<typeof setTimeout> | undefined;
    $effect(() => {
      const visible = state.visible;
      if (state.scrubbing) return;
      clearTimeout(settledTimer);
      settledTimer = setTimeout(() => map.setIncidents(incidentsToFeatureCollection(visible, datasetOutline(state))), SETTLE_MS);
      return () => clearTimeout(settledTimer);
    });
    $effect(() => map.setLiveMode(state.scrubbing));
    $effect(() => {
      if (state.scrubbing) map.setLiveIncidents(incidentsToFeatureCollection(state.visibleAnyDate, datasetOutline(state)));
    });
    $effect(() => {
      if (!state.scrubbing) return;
      const span = state.filter.dateRange ? rangeDaySpan(state.filter.dateRange) : null;
      map.setLiveRange(span ? span[0] : -1e9, span ? span[1] : 1e9);
    });
    $effect(() => map.setDisplacement(displacementToFeatureCollection(state.displacement, opts.areaPoints())));
    $effect(() => {
      const el = opts.popupContent();
      const at = state.selected ?? state.incidentById.get(state.chooserIds[0] ?? '');
      if (el && at) map.openPopup(at.lon, at.lat, el, opts.onPopupClosed);
      else map.closePopup();
    });
    $effect(() => map.setSelected(state.selectedId));
  });

  return () => {
    stopEffects();
    window.removeEventListener('popstate', onPopState);
    map.destroy();
  };
}
