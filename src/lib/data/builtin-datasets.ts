/**
 * The built-in datasets beside the curated one: today the UCDP GED record of Myanmar, shipped in
 * the app's own dataset format; and a published site's own datasets (issue 15), shipped the same
 * way. A dataset's core (what the map, filters, list and counts read) loads at start; its details
 * (source headlines, notes, figures) load the first time one is asked for. Both files are checked
 * against their hashes before anything is read.
 */
import type { Incident, IncidentRecord } from '../domain/incident.ts';
import { decodeDatasetCore, decodeDatasetDetails, incidentFrom, verifyDataset, type DatasetColumns, type DatasetMeta } from './dataset-file.ts';
import { CURATED_FILES } from './load-curated.ts';

/** The id of the built-in UCDP GED dataset (also the UCDP importer's dataset id at build time). */
export const BUILTIN_UCDP = 'ucdp-ged';

/** Where a built-in dataset's files are served from (same origin, shipped in `public/data`). */
export const BUILTIN_FILES = {
  [BUILTIN_UCDP]: { core: 'data/ucdp-ged.core.cmds', details: 'data/ucdp-ged.details.cmds' },
} as const;

/** Every file of the built-in datasets (curated and UCDP GED): what a site published without them leaves out. */
export const BUILTIN_DATA_FILES: readonly string[] = [...Object.values(CURATED_FILES), ...Object.values(BUILTIN_FILES).flatMap((f) => [f.core, f.details])];

/** A shipped dataset's two files, and the content hash its core must have when it is known beforehand. */
export interface ShippedDatasetFiles {
  readonly core: string;
  readonly details: string;
  readonly sha256?: string;
}

/** Where a shipped dataset comes from: built into the app, or published with this site. */
export type ShippedOrigin = 'builtin' | 'site';

/** A built-in dataset: its records, what it is, and its details on demand. */
export interface BuiltinDataset {
  readonly id: string;
  readonly origin: ShippedOrigin;
  readonly meta: DatasetMeta;
  /** First 12 hex digits of the content hash: the dataset's version. */
  readonly version: string;
  readonly records: readonly IncidentRecord[];
  /** The whole incidents of these records (ids of this dataset), loading the details file the first time. */
  details(ids: readonly string[]): Promise<Map<string, Incident>>;
}

/** Reads a shipped file as bytes. */
export type FetchBytes = (path: string) => Promise<ArrayBuffer>;

/** Fetches a file of the app's own origin. */
export async function fetchShippedBytes(path: string): Promise<ArrayBuffer> {
  const res = await fetch(new URL(path, document.baseURI));
  if (!res.ok) throw new Error(`Could not load ${path}: HTTP ${res.status}`);
  return res.arrayBuffer();
}

/** Loads and checks a built-in dataset's core; its details are fetched on first use. */
export function loadBuiltinDataset(id: keyof typeof BUILTIN_FILES, fetchBytes: FetchBytes = fetchShippedBytes): Promise<BuiltinDataset> {
  return loadShippedDataset(BUILTIN_FILES[id], 'builtin', fetchBytes);
}

/** Loads and checks a shipped dataset's core (against `files.sha256` when given); its details are fetched on first use. */
export async function loadShippedDataset(files: ShippedDatasetFiles, origin: ShippedOrigin, fetchBytes: FetchBytes = fetchShippedBytes): Promise<BuiltinDataset> {
  const expect = files.sha256 === undefined ? { part: 'core' as const } : { part: 'core' as const, sha256: files.sha256 };
  const columns: DatasetColumns = decodeDatasetCore(await verifyDataset(await fetchBytes(files.core), expect));
  const records = Array.from({ length: columns.rows }, (_, row) => incidentFrom(columns, row));
  const rowOf = new Map(records.map((r, row) => [r.id, row]));
  let details: Promise<ReturnType<typeof decodeDatasetDetails>> | null = null;
  const loadDetails = (): Promise<ReturnType<typeof decodeDatasetDetails>> => {
    details ??= (async () => decodeDatasetDetails(await verifyDataset(await fetchBytes(files.details), { part: 'details', sha256: columns.details.sha256 })))();
    // A failed fetch may succeed later (a flaky connection to our own server): try again next time.
    details.catch(() => (details = null));
    return details;
  };
  return {
    id: columns.meta.id,
    origin,
    meta: columns.meta,
    version: columns.hash.slice(0, 12),
    records,
    async details(ids) {
      const d = await loadDetails();
      const out = new Map<string, Incident>();
      for (const id of ids) {
        const row = rowOf.get(id);
        if (row !== undefined) out.set(id, incidentFrom(columns, row, d.row(row)));
      }
      return out;
    },
  };
}
