/**
 * Imported datasets kept on this device (IndexedDB), so they survive a reload until the
 * user removes them, and the "Keep imported data on this device" preference (localStorage).
 *
 * Incidents are stored in chunks of CHUNK_SIZE: no single value grows past what structured
 * cloning handles well. An import stores its chunks from the import worker as it goes
 * (`putChunks`), so the page pays nothing for it, and the page writes the dataset's own record
 * last (`saveRecord`). A save cut short (a closed tab, a cancel, an erase) leaves only chunks
 * without a record, which the next load deletes.
 */
import type { ImportedDataset } from '../domain/dataset.ts';
import type { Incident } from '../domain/incident.ts';
import { INCIDENT_UNIQUE_KEYS, StringInterner } from './string-interner.ts';

/** Where imported datasets are kept. The UI controller takes one, so tests can use `memoryDatasetStore`. */
export interface DatasetStore {
  /** Stores (or replaces) a dataset with all its incidents. */
  save(dataset: ImportedDataset): Promise<void>;
  /**
   * The IndexedDB database an import worker may store chunks in (`putChunks`), or null when
   * this store cannot be reached from a worker. After such an import, call `saveRecord`.
   */
  readonly workerDatabase: string | null;
  /** Writes the record that makes chunks 0…chunkCount-1 stored by a worker loadable. */
  saveRecord(dataset: Omit<ImportedDataset, 'incidents'>, chunkCount: number): Promise<void>;
  /** Every stored dataset, in the order they were imported. */
  loadAll(): Promise<ImportedDataset[]>;
  /** Deletes one dataset. */
  remove(id: string): Promise<void>;
  /** Deletes every stored dataset and the database itself. */
  eraseAll(): Promise<void>;
}

/** Incidents per stored chunk. */
export const CHUNK_SIZE = 2_000;
/** The IndexedDB database of imported datasets; erasing deletes it whole. */
export const DB_NAME = 'conflict-map-imports';
const DB_VERSION = 1;
const DATASETS = 'datasets';
const CHUNKS = 'chunks';

/** localStorage key of the "Keep imported data on this device" preference. */
export const KEEP_PREFERENCE_KEY = 'conflict-map.keep-imported-data';

type DatasetRecord = Omit<ImportedDataset, 'incidents'> & { readonly chunkCount: number };
interface ChunkRecord {
  readonly dataset: string;
  readonly index: number;
  readonly incidents: readonly Incident[];
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** All chunk keys of one dataset: [id, 0] … [id, +∞]. */
function chunkRange(id: string): IDBKeyRange {
  return IDBKeyRange.bound([id, 0], [id, Infinity]);
}

/** The IndexedDB-backed store. Saves for a dataset that is removed or erased meanwhile stop early. */
export class IndexedDbDatasetStore implements DatasetStore {
  readonly #name: string;
  #db: Promise<IDBDatabase> | null = null;
  /** Bumped by eraseAll and per id by remove, so a save in flight knows it is stale. */
  #generation = 0;
  readonly #removed = new Map<string, number>();

  constructor(name = DB_NAME) {
    this.#name = name;
  }

  get workerDatabase(): string {
    return this.#name;
  }

  #open(): Promise<IDBDatabase> {
    this.#db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(this.#name, DB_VERSION);
      req.onupgradeneeded = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains(DATASETS)) db.createObjectStore(DATASETS, { keyPath: 'id' });
        if (!db.objectStoreNames.contains(CHUNKS)) db.createObjectStore(CHUNKS, { keyPath: ['dataset', 'index'] });
      };
      req.onsuccess = () => {
        const db = req.result;
        // Another tab erasing the data must not be blocked by this one.
        db.onversionchange = () => {
          db.close();
          this.#db = null;
        };
        resolve(db);
      };
      req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be opened'));
      req.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
    });
    this.#db.catch(() => (this.#db = null));
    return this.#db;
  }

  async save(dataset: ImportedDataset): Promise<void> {
    const generation = this.#generation;
    const removedAt = this.#removed.get(dataset.id) ?? 0;
    const stale = (): boolean => generation !== this.#generation || (this.#removed.get(dataset.id) ?? 0) !== removedAt;
    const { incidents, ...meta } = dataset;
    await this.#deleteDataset(dataset.id);
    const chunkCount = Math.ceil(incidents.length / CHUNK_SIZE);
    for (let index = 0; index < chunkCount; index++) {
      if (stale()) return;
      // One chunk per transaction, so the page gets a turn between chunks.
      await this.putChunks(dataset.id, index, incidents.slice(index * CHUNK_SIZE, (index + 1) * CHUNK_SIZE));
    }
    if (stale()) return;
    await this.#putRecord({ ...meta, chunkCount });
  }

  /**
   * Stores incidents as chunk records `firstIndex`, `firstIndex + 1`, … (CHUNK_SIZE each) in one
   * transaction; returns how many records were written. The import worker calls this.
   */
  async putChunks(datasetId: string, firstIndex: number, incidents: readonly Incident[]): Promise<number> {
    const db = await this.#open();
    const tx = db.transaction(CHUNKS, 'readwrite');
    const store = tx.objectStore(CHUNKS);
    let n = 0;
    for (let i = 0; i < incidents.length; i += CHUNK_SIZE, n++) {
      const chunk: ChunkRecord = { dataset: datasetId, index: firstIndex + n, incidents: incidents.slice(i, i + CHUNK_SIZE) };
      store.put(chunk);
    }
    await done(tx);
    return n;
  }

  async saveRecord(dataset: Omit<ImportedDataset, 'incidents'>, chunkCount: number): Promise<void> {
    // A whole dataset passed here must not put its incidents into the small record.
    const { incidents: _incidents, ...meta } = dataset as ImportedDataset;
    await this.#putRecord({ ...meta, chunkCount });
  }

  async #putRecord(record: DatasetRecord): Promise<void> {
    const db = await this.#open();
    const tx = db.transaction(DATASETS, 'readwrite');
    tx.objectStore(DATASETS).put(record);
    await done(tx);
  }

  async #deleteDataset(id: string): Promise<void> {
    const db = await this.#open();
    const tx = db.transaction([DATASETS, CHUNKS], 'readwrite');
    tx.objectStore(DATASETS).delete(id);
    tx.objectStore(CHUNKS).delete(chunkRange(id));
    await done(tx);
  }

  async loadAll(): Promise<ImportedDataset[]> {
    const db = await this.#open();
    const records = await request(db.transaction(DATASETS).objectStore(DATASETS).getAll() as IDBRequest<DatasetRecord[]>);
    const out: ImportedDataset[] = [];
    for (const { chunkCount, ...meta } of records) {
      const incidents: Incident[] = [];
      // Read back from IndexedDB, every chunk repeats the same names and codes: keep one copy of each.
      const interner = new StringInterner({ skipKeys: INCIDENT_UNIQUE_KEYS });
      let complete = true;
      for (let index = 0; index < chunkCount; index++) {
        // One chunk per request, so a large dataset loads without one long pause.
        const chunk = await request(db.transaction(CHUNKS).objectStore(CHUNKS).get([meta.id, index]) as IDBRequest<ChunkRecord | undefined>);
        if (!chunk) {
          complete = false;
          break;
        }
        interner.internDeep(chunk.incidents);
        for (const inc of chunk.incidents) incidents.push(inc);
      }
      if (complete && incidents.length === meta.counts.rowsShown) out.push({ ...meta, incidents });
      else await this.remove(meta.id);
    }
    await this.#deleteOrphanChunks(db, new Set(records.map((r) => r.id)));
    return out.sort((a, b) => a.importedAt.localeCompare(b.importedAt));
  }

  async #deleteOrphanChunks(db: IDBDatabase, ids: ReadonlySet<string>): Promise<void> {
    const keys = await request(db.transaction(CHUNKS).objectStore(CHUNKS).getAllKeys());
    const orphans = new Set<string>();
    for (const key of keys) {
      const id = Array.isArray(key) ? key[0] : undefined;
      if (typeof id === 'string' && !ids.has(id)) orphans.add(id);
    }
    if (orphans.size === 0) return;
    const tx = db.transaction(CHUNKS, 'readwrite');
    for (const id of orphans) tx.objectStore(CHUNKS).delete(chunkRange(id));
    await done(tx);
  }

  async remove(id: string): Promise<void> {
    this.#removed.set(id, (this.#removed.get(id) ?? 0) + 1);
    await this.#deleteDataset(id);
  }

  async eraseAll(): Promise<void> {
    this.#generation++;
    // Clear first: if deleting the database is held up by another tab, nothing is left readable.
    try {
      const db = await this.#open();
      const tx = db.transaction([DATASETS, CHUNKS], 'readwrite');
      tx.objectStore(DATASETS).clear();
      tx.objectStore(CHUNKS).clear();
      await done(tx);
      db.close();
    } finally {
      this.#db = null;
    }
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.deleteDatabase(this.#name);
      req.onsuccess = () => resolve();
      req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be deleted'));
      // Blocked: another tab still has it open; it closes on `versionchange` and the delete goes on.
    });
  }
}

/** A store that keeps nothing beyond the page: for tests, and where IndexedDB is missing. */
export function memoryDatasetStore(): DatasetStore & { readonly saved: ReadonlyMap<string, ImportedDataset> } {
  const saved = new Map<string, ImportedDataset>();
  return {
    saved,
    workerDatabase: null,
    save: async (ds) => void saved.set(ds.id, ds),
    // Never called: with no worker database, imports are saved whole with `save`.
    saveRecord: async () => {},
    loadAll: async () => [...saved.values()],
    remove: async (id) => void saved.delete(id),
    eraseAll: async () => saved.clear(),
  };
}

/** The store for this browser: IndexedDB when it exists, otherwise one that keeps nothing. */
export function defaultDatasetStore(): DatasetStore {
  return typeof indexedDB === 'undefined' ? memoryDatasetStore() : new IndexedDbDatasetStore();
}

/** Minimal storage, so tests can pass their own. */
export type PreferenceStorage = Pick<Storage, 'getItem' | 'setItem'>;

function localStorageOrNull(): PreferenceStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Reading `localStorage` throws where storage is blocked.
    return null;
  }
}

/** The "Keep imported data on this device" preference; on unless the user switched it off. */
export function readKeepPreference(storage: PreferenceStorage | null = localStorageOrNull()): boolean {
  try {
    return storage?.getItem(KEEP_PREFERENCE_KEY) !== 'false';
  } catch {
    return true;
  }
}

/** Remembers the "Keep imported data on this device" preference. */
export function writeKeepPreference(keep: boolean, storage: PreferenceStorage | null = localStorageOrNull()): void {
  try {
    storage?.setItem(KEEP_PREFERENCE_KEY, keep ? 'true' : 'false');
  } catch {
    // Storage full or blocked: the switch still works for this session.
  }
}
