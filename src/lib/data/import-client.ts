/**
 * The main-thread side of an import: checks the size at once, starts the import worker,
 * collects its incident batches and hands back one outcome. Cancel terminates the worker.
 */
import type { Incident } from '../domain/incident.ts';
import type { ImportReport } from './import/types.ts';
import type { ImportProgress, PackageDatasetRead, WorkerMessage, WorkerRequest } from './import/worker-protocol.ts';
import { isPackageFileName, type PackageMember } from './map-package.ts';
import { INCIDENT_UNIQUE_KEYS, StringInterner } from './string-interner.ts';

export type { ImportProgress } from './import/worker-protocol.ts';

/** Largest file accepted, in bytes. CSV is streamed, so this bounds memory, not parsing. */
export const MAX_IMPORT_BYTES = 800 * 1024 * 1024;
/** Largest GeoJSON accepted: it is parsed whole, so it needs about three times its size in memory. */
export const MAX_GEOJSON_BYTES = 100 * 1024 * 1024;

/** How an import ended. A refused file was not imported at all, with the reason why. */
export type ImportOutcome =
  | {
      readonly kind: 'done';
      /** The report; its `incidents` are in `incidents` below. */
      readonly report: ImportReport;
      readonly incidents: readonly Incident[];
      readonly attribution: string | null;
      /** Worker time to read, parse, map and validate, in ms. */
      readonly parseMs: number;
    }
  | {
      /** A map package, read whole and checked: its member and each included dataset with its records. */
      readonly kind: 'package';
      readonly member: PackageMember;
      readonly datasets: readonly (PackageDatasetRead & { readonly incidents: readonly Incident[] })[];
      readonly parseMs: number;
    }
  | { readonly kind: 'refused'; readonly message: string }
  | { readonly kind: 'cancelled' };

/** A running import. */
export interface ImportJob {
  readonly result: Promise<ImportOutcome>;
  /**
   * With `persistTo`: after `result`, the number of chunk records the worker stored, or null
   * when nothing (complete) was stored. Without it: null at once.
   */
  readonly stored: Promise<number | null>;
  /** Stops the import at once (the worker is terminated); `result` becomes `cancelled`. */
  cancel(): void;
  /** Stops storing on this device; `stored` becomes null. */
  stopSaving(): void;
}

/** What an import needs besides the file. */
export interface ImportOptions {
  readonly datasetId: string;
  /** IndexedDB database the worker stores the incidents in as it goes, or null. */
  readonly persistTo?: string | null;
  readonly onProgress?: (progress: ImportProgress) => void;
}

/** Starts an import; the UI's controller takes this as a parameter so tests can supply their own. */
export type StartImport = (file: File, options: ImportOptions) => ImportJob;

/** Megabytes, for messages: "800 MB". */
export function formatMegabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024).toLocaleString('en-GB')} MB`;
}

/** Why a file is refused before it is read (too large), or null. Uses only `File.size`. */
export function sizeRefusal(file: { readonly name: string; readonly size: number }): string | null {
  if (file.size > MAX_IMPORT_BYTES) {
    return `"${file.name}" (${formatMegabytes(file.size)}) is over the ${formatMegabytes(MAX_IMPORT_BYTES)} limit, so it was not read. Split it (for example by year or region) and import the parts.`;
  }
  // A map package is streamed, not read whole, so only the overall limit applies to it.
  if (/\.(geo)?json$/i.test(file.name) && !isPackageFileName(file.name) && file.size > MAX_GEOJSON_BYTES) {
    return `"${file.name}" (${formatMegabytes(file.size)}) is over the ${formatMegabytes(MAX_GEOJSON_BYTES)} limit for GeoJSON, which is read whole, so it was not read. Export it as CSV for more rows.`;
  }
  return null;
}

/** A new import worker (a module worker of our own; papaparse's `worker: true` fails in a Vite bundle). */
export function createImportWorker(): Worker {
  return new Worker(new URL('./import/import.worker.ts', import.meta.url), { type: 'module', name: 'import' });
}

/** Starts importing a file in a fresh worker. */
export function startImport(file: File, options: ImportOptions, makeWorker: () => Worker = createImportWorker): ImportJob {
  const refusal = sizeRefusal(file);
  if (refusal !== null) {
    return { result: Promise.resolve({ kind: 'refused', message: refusal }), stored: Promise.resolve(null), cancel: () => {}, stopSaving: () => {} };
  }

  const worker = makeWorker();
  const persisting = Boolean(options.persistTo);
  let resolveResult: (outcome: ImportOutcome) => void = () => {};
  let resolveStored: (chunks: number | null) => void = () => {};
  const result = new Promise<ImportOutcome>((r) => (resolveResult = r));
  const stored = new Promise<number | null>((r) => (resolveStored = r));
  let finished = false;
  // The worker stays alive after the report while it finishes storing.
  const end = (outcome: ImportOutcome | null, chunks: number | null): void => {
    if (outcome) resolveResult(outcome);
    resolveStored(chunks);
    if (!finished) {
      finished = true;
      worker.terminate();
    }
  };
  // Batches are appended as they come, so the worker never holds more than one chunk's incidents.
  const incidents: Incident[] = [];
  // A map package's batches, by the dataset they belong to.
  const byDataset = new Map<string, Incident[]>();
  // Each cloned batch repeats the same names and codes; one copy of each keeps a million rows in memory.
  let interner: StringInterner | null = new StringInterner({ skipKeys: INCIDENT_UNIQUE_KEYS });
  worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
    const m = event.data;
    if (m.type === 'progress') options.onProgress?.(m);
    else if (m.type === 'incidents') {
      interner?.internDeep(m.incidents);
      for (const inc of m.incidents) incidents.push(inc);
    } else if (m.type === 'done') {
      // Its table would outlive the import while the worker finishes storing.
      interner = null;
      const outcome: ImportOutcome = { kind: 'done', report: m.report, incidents, attribution: m.attribution, parseMs: m.parseMs };
      if (persisting) resolveResult(outcome);
      else end(outcome, null);
    } else if (m.type === 'package-incidents') {
      interner?.internDeep(m.incidents);
      const list = byDataset.get(m.dataset) ?? [];
      byDataset.set(m.dataset, list);
      for (const inc of m.incidents) list.push(inc);
    } else if (m.type === 'package-done') {
      interner = null;
      const datasets = m.datasets.map((d) => ({ ...d, incidents: byDataset.get(d.id) ?? [] }));
      // A package is stored by the page once its datasets are placed, so nothing is left to wait for.
      end({ kind: 'package', member: m.member, datasets, parseMs: m.parseMs }, null);
    } else if (m.type === 'stored') end(null, m.chunks);
    else if (m.type === 'refused') end({ kind: 'refused', message: m.message }, null);
  };
  worker.onerror = (event) => end({ kind: 'refused', message: `The import stopped with an error: ${event.message || 'unknown error'}.` }, null);
  const request: WorkerRequest = {
    type: 'import',
    file,
    fileName: file.name,
    datasetId: options.datasetId,
    maxGeoJsonBytes: MAX_GEOJSON_BYTES,
    persistTo: options.persistTo ?? null,
    // The worker's own URL is the bundle's; the township files lie beside the page.
    baseUrl: typeof document === 'undefined' ? null : document.baseURI,
  };
  worker.postMessage(request);
  return {
    result,
    stored,
    cancel: () => end({ kind: 'cancelled' }, null),
    stopSaving: () => {
      if (!finished) worker.postMessage({ type: 'stop-saving' } satisfies WorkerRequest);
    },
  };
}
