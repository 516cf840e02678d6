import type { AppState } from './app-state.svelte.ts';
import { CURATED_DATASET, type ImportedDataset } from '../domain/dataset.ts';
import { downloadBlob } from './download.ts';
import { BUILTIN_FILES } from '../data/builtin-datasets.ts';
import { datasetIdFor } from '../data/dataset-id.ts';

export { datasetIdFor };

/** Dataset ids no import may take: the built-in datasets'. */
const RESERVED_DATASET_IDS: readonly string[] = Object.keys(BUILTIN_FILES);
import { withLinkDecisions } from '../data/link-decisions.ts';
import type { Incident } from '../domain/incident.ts';
import type { LinkDecision } from '../domain/event-link.ts';
import { DATASET_OUTLINES } from '../domain/dataset.ts';
import type { DatasetHashes } from './dataset-hashes.svelte.ts';
import { deviceDatasetsOf, openPackage, type PackageRead, type PackageViewOffer } from './package-opener.ts';
import type { ImportFormat, ImportReport } from '../data/import/types.ts';
import { FORMAT_LABEL } from '../data/import/detect-format.ts';
import { rejectedRowsToCsv } from '../data/import/rejects-csv.ts';
import { incidentsToCsv, incidentsToGeoJson } from '../data/import/export-incidents.ts';
import { startImport as startWorkerImport, type ImportJob, type ImportProgress, type StartImport } from '../data/import-client.ts';
import {
  defaultDatasetStore,
  readKeepPreference,
  writeKeepPreference,
  type DatasetStore,
  type PreferenceStorage,
} from '../data/dataset-store.ts';

/** The import in progress, for the progress bar. */
export interface ImportProgressView extends ImportProgress {
  readonly fileName: string;
  /** Files chosen together that wait for this one to finish. */
  readonly waiting: number;
}

/** What the report dialog shows after one file. */
export interface ReportView {
  readonly fileName: string;
  /** The dataset the rows went into, or null when nothing was shown. */
  readonly datasetId: string | null;
  readonly formatLabel: string;
  /** Why the file was not imported at all (too large, binary, unknown format), or null. */
  readonly refusal: string | null;
  /** The report without its incidents (they live in the dataset), or null when refused. */
  readonly report: ImportReport | null;
  /** A map package opened: its title, one line per dataset, and the view it offers (issue 15). */
  readonly opened?: { readonly title: string; readonly lines: readonly string[]; readonly offer: PackageViewOffer | null };
}

/** Everything the controller needs from outside; tests pass their own. */
export interface ImportControllerDeps {
  readonly startImport?: StartImport;
  readonly store?: DatasetStore;
  readonly preferences?: PreferenceStorage | null;
  readonly now?: () => Date;
  /** Offers a file to the user (default: a Blob object URL and `<a download>`). */
  readonly download?: (blob: Blob, fileName: string) => void;
  /** The content hashes of imported datasets, to tell a package's dataset that is here already. */
  readonly hashes?: DatasetHashes;
  /** Keeps the "same event" decisions a map package carries (the link controller's). */
  readonly addDecisions?: (decisions: readonly LinkDecision[]) => void;
  /** Forgets every "same event" decision kept on this device, when the reader erases imported data. */
  readonly eraseDecisions?: () => void;
  /**
   * False on a site published with `--no-import`: readers cannot add data, so files are not
   * imported and nothing kept on this device is restored. Default true.
   */
  readonly allowImport?: boolean;
}

/** "YYYY-MM-DD" of a date in local time, for file names. */
function localDay(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/**
 * Imports, the report dialog and the imported datasets' lifecycle: adding them to the app,
 * keeping them on this device (or not), removing and erasing them, and exporting what is shown.
 */
export class ImportController {
  /** The import running now, or null. */
  progress = $state.raw<ImportProgressView | null>(null);
  /** Reports waiting to be read, oldest first; the dialog shows the first. */
  reports = $state.raw<readonly ReportView[]>([]);
  readonly report = $derived<ReportView | null>(this.reports[0] ?? null);
  keepOnDevice = $state(true);
  /** A short status line about storage on this device (saved, erased, failed). */
  status = $state<string | null>(null);
  /** Whether readers may import files here (false on a site published with `--no-import`). */
  readonly allowImport: boolean;

  readonly #app: AppState;
  readonly #start: StartImport;
  readonly #store: DatasetStore;
  readonly #preferences: PreferenceStorage | null | undefined;
  readonly #now: () => Date;
  readonly #download: (blob: Blob, fileName: string) => void;
  readonly #hashes: DatasetHashes | null;
  readonly #addDecisions: (decisions: readonly LinkDecision[]) => void;
  readonly #eraseDecisions: () => void;
  #queue: File[] = [];
  #job: ImportJob | null = null;
  /** Imports whose report is out but whose worker is still storing chunks on this device. */
  readonly #storing = new Set<ImportJob>();
  /** Ids given out in this session, even to cancelled imports, so stored chunks never mix. */
  readonly #usedIds = new Set<string>();
  /** Bumped by eraseAll: a cancel caused by it leaves nothing to tidy up. */
  #erasures = 0;
  #running = false;
  #restored: Promise<void>;

  constructor(app: AppState, deps: ImportControllerDeps = {}) {
    this.#app = app;
    this.#start = deps.startImport ?? startWorkerImport;
    this.#store = deps.store ?? defaultDatasetStore();
    this.#preferences = deps.preferences;
    this.#now = deps.now ?? (() => new Date());
    this.#download = deps.download ?? downloadBlob;
    this.#hashes = deps.hashes ?? null;
    this.#addDecisions = deps.addDecisions ?? ((d) => (this.#app.decisions = [...this.#app.decisions, ...d]));
    this.allowImport = deps.allowImport ?? true;
    this.#eraseDecisions = deps.eraseDecisions ?? (() => {});
    this.keepOnDevice = readKeepPreference(this.#preferences);
    this.#restored = this.keepOnDevice && this.allowImport ? this.#restore() : Promise.resolve();
  }

  /** Resolves once the datasets kept on this device are back on the map. */
  get restored(): Promise<void> {
    return this.#restored;
  }

  async #restore(): Promise<void> {
    try {
      const datasets = await this.#store.loadAll();
      for (const ds of datasets) this.#app.addDataset(ds);
    } catch (e) {
      this.status = `Imported data kept on this device could not be read: ${errorText(e)}`;
    }
  }

  /** Imports files one after another; each gets its own dataset and report. */
  importFiles(files: Iterable<File>): void {
    if (!this.allowImport) return;
    this.#queue.push(...files);
    if (!this.#running) void this.#runQueue();
  }

  async #runQueue(): Promise<void> {
    this.#running = true;
    try {
      // Restored datasets first, so a new dataset's id and outline never clash with theirs.
      await this.#restored;
      for (let file = this.#queue.shift(); file !== undefined; file = this.#queue.shift()) {
        await this.#importOne(file);
      }
    } finally {
      this.#running = false;
    }
  }

  async #importOne(file: File): Promise<void> {
    // The built-in datasets' ids are reserved even before they load, so an import never takes one.
    // A published site's own datasets are shipped like the built-in ones: their ids are taken too.
    const taken = new Set([CURATED_DATASET, ...RESERVED_DATASET_IDS, ...this.#app.builtins.map((b) => b.id), ...this.#usedIds, ...this.#app.datasets.map((d) => d.id)]);
    const datasetId = datasetIdFor(file.name, taken);
    this.#usedIds.add(datasetId);
    const fileName = file.name;
    const erasures = this.#erasures;
    // The worker stores what it makes as it goes, so saving costs the page nothing.
    const persistTo = this.keepOnDevice ? this.#store.workerDatabase : null;
    this.progress = { fileName, bytesRead: 0, totalBytes: file.size, rowsRead: 0, rowsShown: 0, rowsRejected: 0, waiting: this.#queue.length };
    const job = this.#start(file, {
      datasetId,
      persistTo,
      onProgress: (p) => {
        if (this.#job === job) this.progress = { ...p, fileName, waiting: this.#queue.length };
      },
    });
    this.#job = job;
    const outcome = await job.result;
    this.#job = null;
    this.progress = null;
    if (outcome.kind === 'package') {
      await this.#placePackage(outcome, fileName, taken);
      return;
    }
    if (outcome.kind !== 'done') {
      // A cancelled or refused import may have stored some chunks already.
      if (persistTo !== null && this.keepOnDevice && erasures === this.#erasures) void this.#forget(datasetId);
      if (outcome.kind === 'refused') this.#showReport({ fileName, datasetId: null, formatLabel: '', refusal: outcome.message, report: null });
      return;
    }
    const { report, incidents, attribution } = outcome;
    const shown = incidents.length > 0;
    this.#showReport({ fileName, datasetId: shown ? datasetId : null, formatLabel: FORMAT_LABEL[report.format], refusal: null, report });
    if (!shown) return;
    const dataset: ImportedDataset = {
      id: datasetId,
      name: fileName,
      fileName,
      format: report.format,
      importedAt: this.#now().toISOString(),
      incidents,
      counts: { rowsRead: report.rowsRead, rowsShown: report.rowsShown, rowsRejected: report.rowsRejected, duplicates: report.duplicates.length },
      attribution,
      outline: this.#app.nextOutline(),
    };
    this.#app.addDataset(dataset);
    if (persistTo !== null) {
      this.#storing.add(job);
      void job.stored.then((chunks) => this.#afterStored(dataset, chunks)).finally(() => this.#storing.delete(job));
    } else if (this.keepOnDevice) {
      void this.#save(dataset);
    }
  }

  /**
   * A map package, read and checked whole by the worker: its new datasets join the map under
   * their own names (a dataset whose records are here already is not added twice), its decisions
   * are kept, and the report offers its view, filters and selection.
   */
  async #placePackage(read: PackageRead, fileName: string, taken: Set<string>): Promise<void> {
    const hashes = this.#hashes ? await this.#hashes.all() : this.#app.contentHashes;
    const base = this.#app.datasets.length;
    const opened = openPackage(read, deviceDatasetsOf(this.#app, hashes, taken), fileName, this.#now(), (n) => DATASET_OUTLINES[(base + n) % DATASET_OUTLINES.length] ?? DATASET_OUTLINES[0]);
    for (const { dataset, hash } of opened.add) {
      this.#usedIds.add(dataset.id);
      this.#app.addDataset(dataset);
      this.#hashes?.set(dataset.id, hash);
      if (this.keepOnDevice) void this.#save(dataset);
    }
    if (opened.decisions.length) this.#addDecisions(opened.decisions);
    this.#showReport({ fileName, datasetId: opened.add[0]?.dataset.id ?? null, formatLabel: 'Conflict Map package', refusal: null, report: null, opened });
  }

  /** Replaces the reader's view, filters and selection with a package's (after the report asked). */
  replaceView(offer: PackageViewOffer): void {
    const app = this.#app;
    if (offer.filters) {
      app.setFilter(offer.filters.filter);
      app.byTownship = offer.filters.byTownship;
      app.dateDefault = false;
    }
    if (offer.view) app.jumpTo(offer.view);
    app.select(offer.selectedId);
  }

  /** Once the worker has stored the chunks: make them loadable, or tidy up if no longer wanted. */
  async #afterStored(dataset: ImportedDataset, chunks: number | null): Promise<void> {
    // Switched off meanwhile: the erase that came with it already removed everything.
    if (!this.keepOnDevice) return;
    const stillShown = this.#app.datasets.some((d) => d.id === dataset.id);
    try {
      if (!stillShown) await this.#store.remove(dataset.id);
      else if (chunks !== null) await this.#store.saveRecord(dataset, chunks);
      // Storing from the worker failed: try once more from the page.
      else await this.#store.save(dataset);
    } catch (e) {
      this.status = `"${dataset.name}" could not be kept on this device: ${errorText(e)}. It stays on the map until you close the page.`;
    }
  }

  async #forget(id: string): Promise<void> {
    try {
      await this.#store.remove(id);
    } catch {
      // Left-over chunks without a record are deleted at the next start anyway.
    }
  }

  async #save(dataset: ImportedDataset): Promise<void> {
    try {
      await this.#store.save(dataset);
    } catch (e) {
      this.status = `"${dataset.name}" could not be kept on this device: ${errorText(e)}. It stays on the map until you close the page.`;
    }
  }

  #showReport(view: ReportView): void {
    this.reports = [...this.reports, view];
  }

  /** Stops the running import and drops files still waiting. */
  cancel(): void {
    this.#queue = [];
    const job = this.#job;
    this.#job = null;
    this.progress = null;
    job?.cancel();
  }

  /** Closes the report on show (the next waiting report, if any, takes its place). */
  closeReport(): void {
    this.reports = this.reports.slice(1);
  }

  /** Downloads every rejected row of the report on show as CSV. */
  downloadRejects(): void {
    const view = this.report;
    if (!view?.report) return;
    const csv = rejectedRowsToCsv(view.report.rejected);
    this.#download(new Blob([csv], { type: 'text/csv;charset=utf-8' }), `${view.fileName.replace(/\.[^.]*$/, '')}-rejected-rows.csv`);
  }

  /** Shows or hides a dataset (curated or imported). */
  toggle(id: string, visible: boolean): void {
    this.#app.toggleDataset(id, visible);
  }

  /** True when the dataset is shown. */
  isVisible(id: string): boolean {
    return this.#app.filter.datasets?.has(id) ?? true;
  }

  /** Removes an imported dataset from the map and from this device. */
  async remove(id: string): Promise<void> {
    this.#app.removeDataset(id);
    try {
      await this.#store.remove(id);
    } catch (e) {
      this.status = `The dataset could not be deleted from this device: ${errorText(e)}`;
    }
  }

  /** Switches keeping on this device on (saves what is loaded) or off (erases what is stored). */
  async setKeepOnDevice(keep: boolean): Promise<void> {
    this.keepOnDevice = keep;
    writeKeepPreference(keep, this.#preferences);
    if (!keep) for (const job of [this.#job, ...this.#storing]) job?.stopSaving();
    if (keep) {
      this.status = null;
      for (const ds of this.#app.datasets) await this.#save(ds);
      return;
    }
    try {
      await this.#store.eraseAll();
      this.status = 'Imported data is no longer kept on this device; it stays on the map until you close the page.';
    } catch (e) {
      this.status = `Imported data could not be erased from this device: ${errorText(e)}`;
    }
  }

  /** Removes every imported dataset from the map and from this device, in one step. */
  async eraseAll(): Promise<void> {
    this.#erasures++;
    for (const job of this.#storing) job.stopSaving();
    this.cancel();
    for (const ds of this.#app.datasets) this.#app.removeDataset(ds.id);
    this.reports = [];
    // Decisions name imported records, and say what a reader thought: they go with the data.
    this.#eraseDecisions();
    try {
      await this.#store.eraseAll();
      this.status = 'Imported data erased from this page and this device.';
    } catch (e) {
      this.status = `Imported data was removed from the map but could not be erased from this device: ${errorText(e)}`;
    }
  }

  /**
   * Downloads the records shown now (every filter applied), each with its details, as GeoJSON or
   * Conflict Map CSV; the GeoJSON carries the "same event" decisions too.
   */
  async exportVisible(kind: 'geojson' | 'csv'): Promise<void> {
    const visible = await this.#app.withDetails(this.#app.visible);
    const stem = `conflict-map-incidents-${localDay(this.#now())}`;
    if (kind === 'geojson') {
      const collection = withLinkDecisions(incidentsToGeoJson(visible), this.#app.decisions);
      this.#download(new Blob([JSON.stringify(collection)], { type: 'application/geo+json' }), `${stem}.geojson`);
    } else {
      this.#download(new Blob([incidentsToCsv(visible)], { type: 'text/csv;charset=utf-8' }), `${stem}.csv`);
    }
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
