/**
 * "Share…" (issue 15): builds the map package of what the reader shows (`share/package-writer.ts`)
 * from the app state, states its exact size before it is saved, and saves it as
 * `<title>.conflictmap.geojson`. The built-in datasets travel by reference (name and version
 * hash) unless the reader asks to include their data.
 */
import type { AppState } from './app-state.svelte.ts';
import { CURATED_NAME } from './app-state.svelte.ts';
import { downloadBlob } from './download.ts';
import { filterToParams } from './filter-params.ts';
import { CURATED_DATASET } from '../domain/dataset.ts';
import { recordRefKey, recordRefOf, type LinkDecision } from '../domain/event-link.ts';
import type { Incident, IncidentRecord } from '../domain/incident.ts';
import { assemblePackage, encodePackageFeatures, packageFileName, type EncodedFeatures, type PackageHeader, type PackageSource } from '../share/package-writer.ts';

/** The choices of the Share dialog. */
export interface ShareOptions {
  /** Only the incidents shown now, or every record of each dataset in use. */
  readonly scope: 'visible' | 'all';
  /** Leave out each incident's summary and the notes on its date and sources. */
  readonly leaveOutNotes: boolean;
  /** Leave out the map view, the filters and the selected incident. */
  readonly leaveOutView: boolean;
  /** Carry the built-in datasets' records instead of a reference to them. */
  readonly includeBuiltins: boolean;
}

export const DEFAULT_SHARE_OPTIONS: ShareOptions = { scope: 'all', leaveOutNotes: false, leaveOutView: false, includeBuiltins: false };

/** A package ready to save. */
export interface BuiltPackage {
  readonly blob: Blob;
  readonly fileName: string;
  /** The file's size in bytes: what the dialog states before saving. */
  readonly bytes: number;
  /** Incidents whose records travel in it. */
  readonly features: number;
  /** The datasets it names, as the dialog lists them. */
  readonly datasets: readonly { readonly name: string; readonly rows: number; readonly included: boolean }[];
}

/** What the controller needs from outside; tests pass their own. */
export interface ShareControllerDeps {
  readonly download?: (blob: Blob, fileName: string) => void;
  readonly now?: () => Date;
}

/** The features of one set of options, encoded once and reused while only the title changes. */
interface EncodedFor {
  readonly key: string;
  readonly incidents: AppState['incidents'];
  readonly visible: AppState['visibleRows'];
  readonly result: Promise<{ encoded: EncodedFeatures; refs: ReadonlySet<string> }>;
}

export class ShareController {
  readonly #app: AppState;
  readonly #download: (blob: Blob, fileName: string) => void;
  readonly #now: () => Date;
  #encoded: EncodedFor | null = null;

  constructor(app: AppState, deps: ShareControllerDeps = {}) {
    this.#app = app;
    this.#download = deps.download ?? downloadBlob;
    this.#now = deps.now ?? (() => new Date());
  }

  /** The datasets in use: every dataset shown now, curated and built-in first. */
  #sourcesInUse(): { id: string; kind: 'curated' | 'builtin' | 'imported' }[] {
    const app = this.#app;
    const shown = (id: string): boolean => app.filter.datasets?.has(id) ?? true;
    return [
      ...(app.curated.length && app.dataVersion ? [{ id: CURATED_DATASET, kind: 'curated' as const }] : []),
      ...app.builtins.map((b) => ({ id: b.id, kind: 'builtin' as const })),
      ...app.datasets.map((d) => ({ id: d.id, kind: 'imported' as const })),
    ].filter((s) => shown(s.id));
  }

  /** The records of a dataset to carry under these options, in the dataset's own order. */
  async #records(all: readonly IncidentRecord[], scope: ShareOptions['scope'], visibleIds: ReadonlySet<string> | null): Promise<Incident[]> {
    const wanted = scope === 'all' || visibleIds === null ? all : all.filter((r) => visibleIds.has(r.id));
    return this.#app.withDetails(wanted);
  }

  /** Each dataset in use as the writer takes it. */
  async #packageSources(options: ShareOptions): Promise<PackageSource[]> {
    const app = this.#app;
    const visibleIds = options.scope === 'visible' ? new Set(app.visible.map((r) => r.id)) : null;
    const sources: PackageSource[] = [];
    for (const use of this.#sourcesInUse()) {
      if (use.kind === 'curated') {
        sources.push({
          id: CURATED_DATASET,
          name: CURATED_NAME,
          fileName: '',
          format: 'curated',
          importedAt: null,
          attribution: null,
          licence: null,
          citation: null,
          builtin: { ref: CURATED_DATASET, version: app.dataVersion },
          records: options.includeBuiltins ? await this.#records(app.curated, options.scope, visibleIds) : null,
          referenceRows: app.curated.length,
        });
      } else if (use.kind === 'builtin') {
        const b = app.builtins.find((x) => x.id === use.id);
        if (!b) continue;
        sources.push({
          id: b.id,
          name: b.meta.name,
          fileName: b.meta.source?.file ?? '',
          format: b.meta.format,
          importedAt: null,
          attribution: b.meta.attribution,
          licence: b.meta.licence,
          citation: b.meta.citation,
          builtin: { ref: b.id, version: b.version },
          records: options.includeBuiltins ? await this.#records(b.records, options.scope, visibleIds) : null,
          referenceRows: b.records.length,
        });
      } else {
        const d = app.datasets.find((x) => x.id === use.id);
        if (!d) continue;
        sources.push({
          id: d.id,
          name: d.name,
          fileName: d.fileName,
          format: d.format,
          importedAt: d.importedAt,
          attribution: d.attribution,
          licence: d.licence ?? null,
          citation: d.citation ?? null,
          records: await this.#records(d.incidents, options.scope, visibleIds),
        });
      }
    }
    return sources;
  }

  /** The features for these options: encoded once, again only when the data, the visible set or the options change. */
  #encode(options: ShareOptions, signal?: AbortSignal, onProgress?: (f: number) => void): EncodedFor['result'] {
    const app = this.#app;
    const key = JSON.stringify([options.scope, options.leaveOutNotes, options.includeBuiltins, [...(app.filter.datasets ?? ['*'])]]);
    const cached = this.#encoded;
    if (cached && cached.key === key && cached.incidents === app.incidents && (options.scope === 'all' || cached.visible === app.visibleRows)) return cached.result;
    const result = (async () => {
      const sources = await this.#packageSources(options);
      const encoded = await encodePackageFeatures(sources, { leaveOutNotes: options.leaveOutNotes, signal, onProgress });
      // The records a carried decision may name: those in the package and those of the built-ins it refers to.
      const refs = new Set<string>();
      for (const s of sources) for (const r of s.records ?? []) refs.add(recordRefKey(recordRefOf(r)));
      for (const s of sources) {
        if (s.records !== null) continue;
        const all = s.id === CURATED_DATASET ? app.curated : (app.builtins.find((b) => b.id === s.id)?.records ?? []);
        for (const r of all) refs.add(recordRefKey(recordRefOf(r)));
      }
      return { encoded, refs };
    })();
    this.#encoded = { key, incidents: app.incidents, visible: app.visibleRows, result };
    // A failed or aborted build is not kept.
    result.catch(() => {
      if (this.#encoded?.result === result) this.#encoded = null;
    });
    return result;
  }

  /** The decisions about pairs of records that both travel with the package (or its built-in references). */
  #decisionsFor(refs: ReadonlySet<string>): LinkDecision[] {
    return this.#app.decisions.filter((d) => refs.has(recordRefKey(d.a)) && refs.has(recordRefKey(d.b)));
  }

  /** What the package says besides its data. */
  #header(title: string, options: ShareOptions, refs: ReadonlySet<string>): PackageHeader {
    const app = this.#app;
    const sel = app.selected;
    return {
      title,
      created: this.#now().toISOString(),
      view: options.leaveOutView ? null : app.view,
      filters: options.leaveOutView ? null : Object.fromEntries(filterToParams(app.filter, null, app.byTownship)),
      selection: options.leaveOutView || !sel ? null : { dataset: sel.dataset, id: sel.id },
      decisions: this.#decisionsFor(refs),
    };
  }

  /**
   * Builds the package for a title and options. The features are encoded once per set of
   * options, so a changed title costs only the member. Rejects with an AbortError on `signal`.
   */
  async build(title: string, options: ShareOptions, signal?: AbortSignal, onProgress?: (fraction: number) => void): Promise<BuiltPackage> {
    const clean = title.trim() || 'Conflict Map';
    const { encoded, refs } = await this.#encode(options, signal, onProgress);
    const blob = await assemblePackage(this.#header(clean, options, refs), encoded);
    return {
      blob,
      fileName: packageFileName(clean),
      bytes: blob.size,
      features: encoded.features,
      datasets: encoded.datasets.map((d) => ({ name: d.name, rows: d.rows, included: d.included })),
    };
  }

  /** Saves a built package. */
  save(built: BuiltPackage): void {
    this.#download(built.blob, built.fileName);
  }
}
