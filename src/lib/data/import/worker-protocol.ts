/**
 * The messages between the page and the import worker. The page sends one `import` (and maybe
 * `stop-saving`); the worker answers with progress, incident batches in file order, the report,
 * and, when it stores the incidents on this device, `stored`.
 */
import type { Incident } from '../../domain/incident.ts';
import type { ImportReport } from './types.ts';
import type { PackageMember } from '../map-package.ts';

/** What the main thread asks the worker to do. */
export type WorkerRequest =
  | {
      readonly type: 'import';
      readonly file: Blob;
      readonly fileName: string;
      readonly datasetId: string;
      /** GeoJSON is parsed whole, so it has a lower size limit than CSV. */
      readonly maxGeoJsonBytes: number;
      /** IndexedDB database to store the incidents in as they are made, or null to keep nothing. */
      readonly persistTo?: string | null;
      /** Bytes read per slice (tests cut files small to cross every boundary). */
      readonly chunkBytes?: number;
      /**
       * The page's base URL (`document.baseURI`): the worker fetches the township files
       * (`data/townships.json`, `data/townships-match.json`) relative to it. Absent or null:
       * places are not matched to townships.
       */
      readonly baseUrl?: string | null;
    }
  | {
      /** Stop storing (the user switched "Keep imported data on this device" off). */
      readonly type: 'stop-saving';
    }
;

/** Running counts while a file is read. */
export interface ImportProgress {
  readonly bytesRead: number;
  readonly totalBytes: number;
  readonly rowsRead: number;
  readonly rowsShown: number;
  readonly rowsRejected: number;
}

/** What the worker posts back. `incidents` batches arrive before `done`, in file order. */
export type WorkerMessage =
  | ({ readonly type: 'progress' } & ImportProgress)
  | { readonly type: 'incidents'; readonly incidents: readonly Incident[] }
  | {
      readonly type: 'done';
      /** The report without incidents (they came in batches). */
      readonly report: ImportReport;
      /** Attribution the dataset's licences ask for, or null. */
      readonly attribution: string | null;
      /** Time spent reading, parsing, mapping and validating, in ms. */
      readonly parseMs: number;
    }
  /** A batch of one dataset of a map package, before `package-done`, in file order. */
  | { readonly type: 'package-incidents'; readonly dataset: string; readonly incidents: readonly Incident[] }
  /**
   * A map package read whole and checked (every dataset's content hash and the package check
   * match). Until this arrives nothing of the package may be used: a `refused` instead means it
   * is to be dropped.
   */
  | {
      readonly type: 'package-done';
      readonly member: PackageMember;
      /** Each included dataset's import (the report without incidents) and the content hash its records were checked against. */
      readonly datasets: readonly PackageDatasetRead[];
      readonly parseMs: number;
    }
  /** After `done` when storing: every chunk is written (`chunks` records), or storing failed or stopped (null). */
  | { readonly type: 'stored'; readonly chunks: number | null; readonly error?: string }
  | { readonly type: 'refused'; readonly message: string };

/** One included dataset of a map package, as the worker read it. */
export interface PackageDatasetRead {
  /** Its id in the package. */
  readonly id: string;
  readonly report: ImportReport;
  /** Its content hash, as stated and as found. */
  readonly hash: string;
}

/** The `import` request. */
export type ImportRequest = Extract<WorkerRequest, { type: 'import' }>;

/** How the worker hands a message to the page (a parameter, so tests and benchmarks can collect them). */
export type Post = (message: WorkerMessage) => void;
