import type { AppState } from '../state/app-state.svelte.ts';
import { readLocationHash, writeLocationHash } from '../state/url-sync.ts';
import { ConflictMap } from './conflict-map.ts';

export interface MapBindingOptions {
  /** Called with the map once it exists (export and the documented test handle use it). */
  onMap?: (map: ConflictMap) => void;
  /** Extra hash parameters from other features (filters, selection). */
  hashParams: () => ReadonlyMap<string, string>;
  /** Restores parameters read from the URL on Back/Forward. */
  applyHashParams: (params: ReadonlyMap<string, string>) => void;
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
    $effect(() => map.setSelected(state.selectedId));
  });

  return () => {
    stopEffects();
    window.removeEventListener('popstate', onPopState);
    map.destroy();
  };
}
