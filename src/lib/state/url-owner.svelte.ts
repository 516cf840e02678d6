/**
 * The one owner of the address bar. It reads the URL once at start-up (the view, the filters and
 * the selected incident), writes every later change back with the history rules below, and turns
 * Back and Forward into state changes. The hash codec (`url-hash.ts`, `filter-params.ts`) stays pure.
 */
import { untrack } from 'svelte';
import type { CameraView, ViewChangeCause } from '../domain/view.ts';
import type { AppState } from './app-state.svelte.ts';
import { paramsToFilter, withFilterParams } from './filter-params.ts';
import { formatHash, parseHash, type HashState } from './url-hash.ts';
import { linkDatasetProblems, readDatasetRefs, shownDatasetRefs, withDatasetRefs, type DatasetRef, type LinkDatasetProblem } from '../share/dataset-refs.ts';

/** How a change reaches the history: a new entry, the current entry rewritten, or nothing. */
export type HistoryMode = 'push' | 'replace' | 'none';

/** What changed, for the history rules. */
export type UrlChange =
  | { readonly kind: 'view'; readonly cause: ViewChangeCause }
  | { readonly kind: 'state'; readonly first: boolean; readonly scrubbing: boolean };

/**
 * The history rules in one place. Continuous moves (pan, zoom) rewrite the current entry;
 * deliberate moves (a fit, a fly to a place) and filter or selection changes push one, so Back
 * undoes them; a view restored from the URL writes nothing. While a brush moves or the timeline
 * plays nothing is written, and the end of it pushes once. The first write only normalises the
 * URL the page was opened with, so it replaces.
 */
export function historyModeFor(change: UrlChange): HistoryMode {
  if (change.kind === 'view') return change.cause === 'restore' ? 'none' : change.cause === 'deliberate' ? 'push' : 'replace';
  if (change.scrubbing) return 'none';
  return change.first ? 'replace' : 'push';
}

/** The browser's address bar and history, so tests can supply their own. */
export interface AddressBar {
  /** The current `location.hash`. */
  readHash(): string;
  /** The page's absolute address without the hash, for links to share. */
  readPageUrl(): string;
  /** Writes a hash (`''` clears it) as a new history entry or over the current one. */
  write(hash: string, mode: 'push' | 'replace'): void;
  /** Calls `fn` on Back and Forward; returns a function that stops listening. */
  onPopState(fn: () => void): () => void;
}

/** The page's own address bar. */
export function browserAddressBar(): AddressBar {
  return {
    readHash: () => window.location.hash,
    readPageUrl() {
      const url = new URL(window.location.href);
      url.hash = '';
      // `?handle` exposes a debugging handle; a link shared with others should not carry it.
      url.searchParams.delete('handle');
      // A link from an embedded map (`?embed`) opens the full map.
      url.searchParams.delete('embed');
      return url.href;
    },
    write(hash, mode) {
      const url = `${window.location.pathname}${window.location.search}${hash}`;
      if (mode === 'push') window.history.pushState(null, '', url);
      else window.history.replaceState(null, '', url);
    },
    onPopState(fn) {
      window.addEventListener('popstate', fn);
      return () => window.removeEventListener('popstate', fn);
    },
  };
}

export class UrlOwner {
  readonly #app: AppState;
  readonly #bar: AddressBar;
  /** The state the page was opened with. */
  readonly initial: HashState;
  /** The datasets the link the page was opened with names (issue 15). */
  readonly linkedDatasets: readonly DatasetRef[];

  /** Reads the URL once and applies its view, filters and selection to the app state. */
  constructor(app: AppState, bar: AddressBar = browserAddressBar()) {
    this.#app = app;
    this.#bar = bar;
    this.initial = parseHash(bar.readHash());
    this.linkedDatasets = readDatasetRefs(this.initial.params);
    if (this.initial.view) app.view = this.initial.view;
    this.#applyParams(this.initial.params);
    // A link that names no dates shows the default range (from the coup), set once the data are known.
    app.dateDefault = this.#app.filter.dateRange === null;
  }

  #applyParams(params: ReadonlyMap<string, string>): void {
    const restored = paramsToFilter(params);
    this.#app.setFilter(restored.filter);
    this.#app.byTownship = restored.byTownship;
    if (restored.selectedId !== this.#app.selectedId) this.#app.select(restored.selectedId);
  }

  /** The hash parameters the app state stands for now. */
  #params(): Map<string, string> {
    return this.#withState(this.#parsedParams(), this.#app.selectedId, this.#app.byTownship);
  }

  /** The parameters with the filter, the selection and the datasets shown (`d.<id>`, issue 15) replaced. */
  #withState(params: ReadonlyMap<string, string>, selectedId: string | null, byTownship = false): Map<string, string> {
    const app = this.#app;
    const refs = shownDatasetRefs({ datasets: app.deviceDatasets, shown: app.filter.datasets });
    return withDatasetRefs(withFilterParams(params, app.filter, selectedId, byTownship), refs);
  }

  /**
   * The datasets the opening link names that this device lacks or has in another version, once
   * `device` (every dataset loaded, with its hash) is known. Empty for a link that names none.
   */
  linkProblems(device = this.#app.deviceDatasets): LinkDatasetProblem[] {
    return linkDatasetProblems(this.linkedDatasets, device);
  }

  /** Parameters of other features that the current URL carries (kept as they are). */
  #parsedParams(): ReadonlyMap<string, string> {
    return parseHash(this.#bar.readHash()).params;
  }

  #write(view: CameraView, params: ReadonlyMap<string, string>, mode: HistoryMode): void {
    if (mode === 'none') return;
    const next = formatHash({ view, params });
    const current = this.#bar.readHash();
    if (next === current || (next === '' && current === '#')) return;
    this.#bar.write(next, mode);
  }

  /**
   * An absolute link to one incident as the reader sees it now: the current view and filters,
   * with `sel=<id>`. It is what a citation gives as the record's address.
   */
  permalinkTo(id: string): string {
    const hash = formatHash({ view: this.#app.view, params: this.#withState(this.#parsedParams(), id) });
    return `${this.#bar.readPageUrl()}${hash}`;
  }

  /** An absolute link to what the reader sees now (view, filters, selection), as the full map. */
  currentLink(): string {
    return `${this.#bar.readPageUrl()}${formatHash({ view: this.#app.view, params: this.#params() })}`;
  }

  /** Starts writing state changes to the URL and reading Back and Forward; returns a function that stops both. */
  start(): () => void {
    const app = this.#app;
    const stopPopState = this.#bar.onPopState(() => {
      const h = parseHash(this.#bar.readHash());
      if (h.view) app.jumpTo(h.view);
      this.#applyParams(h.params);
    });
    const stopEffects = $effect.root(() => {
      $effect(() => {
        const change = app.viewChange;
        if (!change) return;
        // The filters are read, not tracked: a filter change is written by the effect below.
        untrack(() => this.#write(change.view, this.#params(), historyModeFor({ kind: 'view', cause: change.cause })));
      });
      let first = true;
      $effect(() => {
        const { filter, selectedId, scrubbing, byTownship } = app;
        // A change the app made (the default range) rewrites the entry, as the first write does.
        const quiet = app.quietFilterChange;
        app.quietFilterChange = false;
        const mode = historyModeFor({ kind: 'state', first: first || quiet, scrubbing });
        if (mode === 'none') return;
        first = false;
        untrack(() => this.#write(app.view, this.#withState(this.#parsedParams(), selectedId, byTownship), mode));
      });
      // A dataset loaded, removed or hashed changes what the link names, not the history.
      $effect(() => {
        const refs = shownDatasetRefs({ datasets: app.deviceDatasets, shown: app.filter.datasets });
        if (first) return;
        untrack(() => {
          const params = this.#parsedParams();
          if (sameRefs(readDatasetRefs(params), refs)) return;
          this.#write(app.view, this.#withState(params, app.selectedId, app.byTownship), 'replace');
        });
      });
    });
    return () => {
      stopEffects();
      stopPopState();
    };
  }
}

function sameRefs(a: readonly DatasetRef[], b: readonly DatasetRef[]): boolean {
  const key = (r: DatasetRef): string => `${r.id} ${r.rows} ${r.hash} ${r.name}`;
  const set = new Set(a.map(key));
  return a.length === b.length && b.every((r) => set.has(key(r)));
}
