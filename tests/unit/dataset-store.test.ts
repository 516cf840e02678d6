/**
 * The IndexedDB store of imported datasets, against fake-indexeddb (an in-memory IndexedDB for
 * Node that follows the W3C spec): what is saved comes back whole, and what is half-saved never does.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { CHUNK_SIZE, IndexedDbDatasetStore } from '../../src/lib/data/dataset-store.ts';
import type { ImportedDataset } from '../../src/lib/domain/dataset.ts';
import type { Incident } from '../../src/lib/domain/incident.ts';

function incident(i: number, dataset: string): Incident {
  return {
    id: `${dataset}-${i}`,
    category: 'clash',
    title: `Clash ${i}`,
    date: { precision: 'day', start: '2022-03-01', end: '2022-03-01' },
    place: { name: 'Demoso', admin1: 'Kayah', township: 'Demoso' },
    lon: 97.1 + i * 1e-4,
    lat: 19.5,
    precision: 'town',
    weapons: [],
    killed: [],
    displaced: [],
    summary: '',
    sources: [{ publisher: 'ACLED', title: 'ACLED event', date: null, url: null, secondary: false }],
    verification: { status: 'imported', text: '' },
    dataset,
  };
}

function dataset(id: string, n: number, importedAt = '2024-05-06T10:00:00.000Z'): ImportedDataset {
  const incidents = Array.from({ length: n }, (_, i) => incident(i, id));
  return {
    id,
    name: `${id}.csv`,
    fileName: `${id}.csv`,
    format: 'acled',
    importedAt,
    incidents,
    counts: { rowsRead: n, rowsShown: n, rowsRejected: 0, duplicates: 0 },
    attribution: null,
    outline: 'ring-dark',
  };
}

beforeEach(() => {
  // A fresh, empty IndexedDB for every test: nothing is shared between tests.
  globalThis.indexedDB = new IDBFactory();
});

describe('IndexedDbDatasetStore', () => {
  it('gives back what was saved, every incident in order, across chunks', async () => {
    const store = new IndexedDbDatasetStore('t1');
    const ds = dataset('acled', CHUNK_SIZE * 2 + 7);
    await store.save(ds);
    const [loaded, ...rest] = await new IndexedDbDatasetStore('t1').loadAll();
    expect(rest).toEqual([]);
    expect(loaded).toEqual(ds);
  });

  it('lists datasets in the order they were imported', async () => {
    const store = new IndexedDbDatasetStore('t2');
    await store.save(dataset('later', 3, '2024-05-07T00:00:00.000Z'));
    await store.save(dataset('earlier', 3, '2024-05-06T00:00:00.000Z'));
    expect((await store.loadAll()).map((d) => d.id)).toEqual(['earlier', 'later']);
  });

  it('makes chunks a worker stored loadable only once the record is written', async () => {
    const worker = new IndexedDbDatasetStore('t3');
    const ds = dataset('ucdp', 5);
    const written = await worker.putChunks('ucdp', 0, ds.incidents);
    expect(written).toBe(1);
    const page = new IndexedDbDatasetStore('t3');
    expect(await page.loadAll()).toEqual([]);
    // loadAll above deleted the chunks without a record, as an interrupted import leaves them.
    await worker.putChunks('ucdp', 0, ds.incidents);
    const { incidents: _incidents, ...meta } = ds;
    await page.saveRecord(meta, written);
    expect(await page.loadAll()).toEqual([ds]);
  });

  it('drops a dataset whose chunks are missing or whose count disagrees, and removes its record', async () => {
    const store = new IndexedDbDatasetStore('t4');
    const ds = dataset('gappy', CHUNK_SIZE + 1);
    const { incidents, ...meta } = ds;
    await store.putChunks('gappy', 0, incidents.slice(0, CHUNK_SIZE));
    await store.saveRecord(meta, 2);
    expect(await store.loadAll()).toEqual([]);
    // Its record is gone too, so it never comes back half.
    await store.putChunks('gappy', 1, incidents.slice(CHUNK_SIZE));
    expect(await store.loadAll()).toEqual([]);
  });

  it('removes one dataset and keeps the others', async () => {
    const store = new IndexedDbDatasetStore('t5');
    await store.save(dataset('a', 2));
    await store.save(dataset('b', 2));
    await store.remove('a');
    expect((await store.loadAll()).map((d) => d.id)).toEqual(['b']);
  });

  it('stops a save in flight when the dataset is removed meanwhile', async () => {
    const store = new IndexedDbDatasetStore('t6');
    const saving = store.save(dataset('big', CHUNK_SIZE * 3));
    await store.remove('big');
    await saving;
    expect(await store.loadAll()).toEqual([]);
  });

  it('erases everything, and the store can be used again afterwards', async () => {
    const store = new IndexedDbDatasetStore('t7');
    await store.save(dataset('a', 2));
    await store.eraseAll();
    expect(await store.loadAll()).toEqual([]);
    await store.save(dataset('b', 1));
    expect((await store.loadAll()).map((d) => d.id)).toEqual(['b']);
  });

  it('never puts the incidents into the small dataset record', async () => {
    const store = new IndexedDbDatasetStore('t8');
    const ds = dataset('x', 3);
    await store.putChunks('x', 0, ds.incidents);
    await store.saveRecord(ds, 1);
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('t8');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const record = await new Promise<Record<string, unknown>>((resolve) => {
      const req = db.transaction('datasets').objectStore('datasets').get('x');
      req.onsuccess = () => resolve(req.result as Record<string, unknown>);
    });
    db.close();
    expect(record).not.toHaveProperty('incidents');
    expect(record['chunkCount']).toBe(1);
  });
});
