import type { Incident } from '../../domain/incident.ts';
import { CHUNK_SIZE, IndexedDbDatasetStore } from '../dataset-store.ts';

/** Stores incident batches in IndexedDB as they come, in order, until told to stop. */
export class ChunkWriter {
  readonly #store: IndexedDbDatasetStore;
  readonly #datasetId: string;
  #next = 0;
  #writes: Promise<void> = Promise.resolve();
  #error: string | null = null;
  stopped = false;

  constructor(database: string, datasetId: string) {
    this.#store = new IndexedDbDatasetStore(database);
    this.#datasetId = datasetId;
    // Chunks left by an earlier, interrupted import under the same id must not mix with these.
    this.#writes = this.#store.remove(datasetId).catch((e: unknown) => this.#fail(e));
  }

  #fail(e: unknown): void {
    this.#error ??= e instanceof Error ? e.message : String(e);
  }

  /** Queues one batch; the structured clone happens now, the disk write later. */
  write(incidents: readonly Incident[]): void {
    if (this.stopped || this.#error !== null) return;
    const first = this.#next;
    this.#next += Math.ceil(incidents.length / CHUNK_SIZE);
    this.#writes = this.#writes
      .then(async () => {
        if (!this.stopped) await this.#store.putChunks(this.#datasetId, first, incidents);
      })
      .catch((e: unknown) => this.#fail(e));
  }

  /** Waits for every write: the number of chunk records, or null when storing failed or stopped. */
  async finish(): Promise<{ chunks: number | null; error?: string }> {
    await this.#writes;
    if (this.#error !== null) return { chunks: null, error: this.#error };
    return { chunks: this.stopped ? null : this.#next };
  }
}

