/**
 * The one place that connects the app state to the map: effects push the visible set, the camera
 * requests, the highlight and the selected place into the map owner, and map events call state methods.
 * It knows nothing of filters or the URL: it reads what the state derives (the visible set, the
 * day span the live layers show) and reports views with their cause.
 */
import type { AppState } from '../state/app-state.svelte.ts';
import { ConflictMap, type MarkerContext } from '../map/conflict-map.ts';

/** Quick changes (a click on several filters) coalesce into one redraw of the clustered source. */
const SETTLE_MS = 60;

export interface MapBindingOptions {
  /** Called with the map once it exists (export and the documented test handle use it). */
  onMap?: (map: ConflictMap) => void;
  /** CSS pixels of the map covered on the right and at the bottom (the details panel or sheet). */
  covered: () => { readonly right: number; readonly bottom: number };
  /** Where the pointer is over a township in "By township" (for its tooltip), or null. */
  onTownshipPointer?: (at: { readonly x: number; readonly y: number } | null) => void;
}

/** Creates the map in `container` and binds it to the state; returns a cleanup function. */
export function bindMap(container: HTMLElement, state: AppState, opts: MapBindingOptions): () => void {
  const map = new ConflictMap(container, state.view, {
    onReady: () => {
      container.dataset.ready = 'true';
    },
    onViewChange: (view, cause) => state.setView(view, cause),
    onIncidentClick: (ids) => state.pick(ids),
    onIncidentHover: (id) => state.hover(id),
    onBackgroundClick: () => state.select(null),
    onTownshipHover: (code, at) => {
      state.hoverTownship = code;
      opts.onTownshipPointer?.(at);
    },
    onTownshipClick: (code) => state.pickTownship(code),
    // Circles of one area overlap, the smallest on top; the first hit is the one the reader sees.
    onDisplacementClick: (ids) => state.selectFigure(ids[ids.length - 1] ?? null),
  });
  opts.onMap?.(map);
  /** How markers are drawn: each dataset's outline, each area's label point. Reads the state, so effects re-run when they change. */
  const markerContext = (): MarkerContext => {
    const outlines = new Map(state.datasets.map((d) => [d.id, d.outline as string]));
    const areas = state.areas;
    return { outlineOf: (d) => outlines.get(d) ?? '', areaPoint: (code) => areas.get(code)?.label ?? null };
  };

  const stopEffects = $effect.root(() => {
    $effect(() => {
      const req = state.cameraRequest;
      if (!req) return;
      if (req.kind === 'fit') map.fitBounds(req.bbox);
      else if (req.kind === 'fly') map.flyTo(req.lon, req.lat, req.zoom);
      else map.jumpTo(req.view);
    });
    $effect(() => map.setHovered(state.hoverId));
    // The clustered source gets the visible set by setData, debounced so quick changes coalesce;
    // while scrubbing, the live layers filter by date with global state instead.
    let settledTimer: ReturnType<typeof setTimeout> | undefined;
    $effect(() => {
      const visible = state.events;
      if (state.scrubbing) return;
      const ctx = markerContext();
      clearTimeout(settledTimer);
      settledTimer = setTimeout(() => map.setIncidents(visible, ctx), SETTLE_MS);
      return () => clearTimeout(settledTimer);
    });
    $effect(() => map.setLiveMode(state.scrubbing));
    $effect(() => {
      if (state.scrubbing) map.setLiveIncidents(state.eventsAnyDate, markerContext());
    });
    $effect(() => {
      if (!state.scrubbing) return;
      const span = state.dateSpan;
      map.setLiveRange(span ? span[0] : -1e9, span ? span[1] : 1e9);
    });
    $effect(() => {
      const areas = state.areas;
      map.setDisplacement(state.displacement, (code) => areas.get(code)?.label ?? null);
    });
    $effect(() => map.setSelectedArea(state.selected?.place.areaCode ?? ''));
    // A selected incident, or the place of a list to choose from, is moved into the part of the
    // map the details leave uncovered.
    $effect(() => {
      const at = state.selected ?? state.incidentById.get(state.chooserIds[0] ?? '');
      const covered = opts.covered();
      if (at) map.reveal(at.lon, at.lat, covered);
    });
    $effect(() => map.setSelected(state.selectedId));
    $effect(() => map.setByTownship(state.byTownship, state.townshipClasses));
    $effect(() => map.setHoverTownship(state.byTownship ? state.hoverTownship : null));
  });

  return () => {
    stopEffects();
    map.destroy();
  };
}
