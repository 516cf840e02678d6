/**
 * The content hash of each imported dataset (`data/map-package.ts`, `ContentHasher`), computed
 * once on the page in slices between other work, so a permalink can name the dataset's version
 * and an opened map package can tell a dataset that is already here. A dataset that came in a
 * package gets the hash its records were checked against, without computing it again.
 */
import type { AppState } from './app-state.svelte.ts';
import type { ImportedDataset } from '../domain/dataset.ts';
import { datasetContentHash } from '../data/map-package.ts';

export class DatasetHashes {
  readonly #app: AppState;
  /** Hashes being computed, by the dataset object they are for. */
  readonly #running = new WeakMap<ImportedDataset, Promise<string>>();

  constructor(app: AppState) {
    this.#app = app;
  }

  /** Records a hash already known (a package's dataset, checked by the import worker). */
  set(id: string, hash: string): void {
    this.#app.contentHashes = new Map(this.#app.contentHashes).set(id, hash);
  }

  /** The content hash of an imported dataset, computing it the first time. */
  of(dataset: ImportedDataset): Promise<string> {
    const known = this.#app.contentHashes.get(dataset.id);
    if (known !== undefined) return Promise.resolve(known);
    let running = this.#running.get(dataset);
    if (running === undefined) {
      running = datasetContentHash(dataset.incidents).then((hash) => {
        // A dataset removed meanwhile keeps no hash, so a later dataset of the same id never gets its.
        if (this.#app.datasets.includes(dataset)) this.set(dataset.id, hash);
        return hash;
      });
      this.#running.set(dataset, running);
    }
    return running;
  }

  /** The hashes of every imported dataset loaded now, by id. */
  async all(): Promise<Map<string, string>> {
    const datasets = this.#app.datasets;
    const hashes = await Promise.all(datasets.map((d) => this.of(d)));
    return new Map(datasets.map((d, i) => [d.id, hashes[i] as string]));
  }

  /** Hashes every dataset as it arrives and forgets those removed; returns a function that stops. */
  start(): () => void {
    return $effect.root(() => {
      $effect(() => {
        const datasets = this.#app.datasets;
        const ids = new Set(datasets.map((d) => d.id));
        const hashes = this.#app.contentHashes;
        if ([...hashes.keys()].some((id) => !ids.has(id))) {
          this.#app.contentHashes = new Map([...hashes].filter(([id]) => ids.has(id)));
        }
        // One at a time, in the order they came, so hashing never competes with itself.
        void datasets.reduce<Promise<unknown>>((before, d) => before.then(() => this.of(d)), Promise.resolve());
      });
    });
  }
}
