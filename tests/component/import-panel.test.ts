import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import ImportPanel from '../../src/components/ImportPanel.svelte';
import { AppState } from '../../src/lib/state/app-state.svelte.ts';
import { datasetIdFor, ImportController, type ImportControllerDeps } from '../../src/lib/state/import-controller.svelte.ts';
import { memoryDatasetStore, KEEP_PREFERENCE_KEY, type DatasetStore, type PreferenceStorage } from '../../src/lib/data/dataset-store.ts';
import { MAX_IMPORT_BYTES, sizeRefusal, startImport, type ImportJob, type ImportOptions, type ImportOutcome } from '../../src/lib/data/import-client.ts';
import { importCsvText } from '../../src/lib/data/import/import-text.ts';
import { CURATED_DATASET, type ImportedDataset } from '../../src/lib/domain/dataset.ts';

const ACLED_CSV = [
  'event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp',
  'MMR1,2022-07-14,2022,1,Political violence,Explosions/Remote violence,Air/drone strike,Military,,State forces,,,,,,104,Southeast Asia,Myanmar,Sagaing,Shwebo,Tabayin,Depayin,22.6862,95.3202,1,Myanmar Now,National,Air strike.,2,,1',
  'MMR2,2022-07-15,2022,1,Political violence,Battles,Armed clash,Military,,State forces,,,,,,104,Southeast Asia,Myanmar,Kayah,Loikaw,Loikaw,Loikaw,97.2,19.6,1,Myanmar Now,National,Clash.,0,,1',
  'MMR1,2022-07-16,2022,1,Political violence,Battles,Armed clash,Military,,State forces,,,,,,104,Southeast Asia,Myanmar,Kayah,Loikaw,Loikaw,Loikaw,19.6,97.2,1,Myanmar Now,National,Clash.,0,,1',
].join('\n');

/** A fake worker import: records calls and lets the test report progress and finish. */
function fakeImports() {
  const calls: { file: File; options: ImportOptions; finish: (o: ImportOutcome) => void; cancel: ReturnType<typeof vi.fn> }[] = [];
  const start = (file: File, options: ImportOptions): ImportJob => {
    let finish: (o: ImportOutcome) => void = () => {};
    const result = new Promise<ImportOutcome>((r) => (finish = r));
    const cancel = vi.fn(() => finish({ kind: 'cancelled' }));
    calls.push({ file, options, finish, cancel });
    return { result, cancel, stored: Promise.resolve(null), stopSaving: () => {} };
  };
  return { start, calls };
}

/** The outcome the worker would give for CSV text. */
function outcomeFor(text: string, datasetId: string): ImportOutcome {
  const report = importCsvText(text, { datasetId, fileName: 'events.csv' });
  return { kind: 'done', report: { ...report, incidents: [] }, incidents: report.incidents, attribution: 'ACLED attribution', parseMs: 1 };
}

function memoryPrefs(): PreferenceStorage & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return { values, getItem: (k) => values.get(k) ?? null, setItem: (k, v) => void values.set(k, v) };
}

function setup(extra: Partial<ImportControllerDeps> = {}) {
  const app = new AppState();
  const imports = fakeImports();
  const store = memoryDatasetStore();
  const preferences = memoryPrefs();
  const download = vi.fn();
  const deps: ImportControllerDeps = { startImport: imports.start, store, preferences, download, now: () => new Date('2024-05-06T10:00:00Z'), ...extra };
  const controller = new ImportController(app, deps);
  const view = render(ImportPanel, { app, imports: controller });
  return { app, imports, controller, store, preferences, download, ...view };
}

async function choose(...files: File[]): Promise<void> {
  const input = screen.getByLabelText('Import data') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  await fireEvent.change(input);
}

describe('ImportPanel', () => {
  it('has a file input named "Import data" for CSV and GeoJSON, several at once, and states the limits', () => {
    setup();
    const input = screen.getByLabelText('Import data') as HTMLInputElement;
    expect(input.type).toBe('file');
    expect(input.accept).toBe('.csv,.geojson,.json');
    expect(input.multiple).toBe(true);
    expect(screen.getByText(/Up to 800 MB and 1,000 columns per CSV file, 100 MB and 64 levels of nesting per GeoJSON file/)).toBeInTheDocument();
  });

  it('shows progress with a Cancel button that stops the import', async () => {
    const { imports } = setup();
    await choose(new File([ACLED_CSV], 'events.csv'));
    await waitFor(() => expect(imports.calls).toHaveLength(1));
    const call = imports.calls[0]!;
    call.options.onProgress?.({ bytesRead: 2 * 1024 * 1024, totalBytes: 8 * 1024 * 1024, rowsRead: 5000, rowsShown: 4990, rowsRejected: 10 });
    await waitFor(() => expect(screen.getByRole('progressbar')).toHaveAttribute('value', String(2 * 1024 * 1024)));
    expect(screen.getByLabelText(/Importing events\.csv: 2 MB of 8 MB, 5,000 rows read/)).toBe(screen.getByRole('progressbar'));
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(call.cancel).toHaveBeenCalledOnce();
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('adds the dataset, shows the report, lists the dataset with its count and toggle, and keeps it on the device', async () => {
    const { app, imports, store } = setup();
    await choose(new File([ACLED_CSV], 'events.csv'));
    await waitFor(() => expect(imports.calls).toHaveLength(1));
    imports.calls[0]!.finish(outcomeFor(ACLED_CSV, imports.calls[0]!.options.datasetId));
    const dialog = await screen.findByRole('dialog', { name: 'Import report: events.csv' });
    expect(dialog.textContent).toContain('3 read = 2 shown + 1 rejected');

    expect(app.datasets).toHaveLength(1);
    const ds = app.datasets[0]!;
    expect(ds).toMatchObject({ id: 'events', fileName: 'events.csv', format: 'acled', attribution: 'ACLED attribution', outline: 'ring-dark' });
    expect(ds.counts).toEqual({ rowsRead: 3, rowsShown: 2, rowsRejected: 1, duplicates: 1 });
    expect(ds.incidents.map((i) => i.dataset)).toEqual(['events', 'events']);
    await waitFor(() => expect(store.saved.get('events')?.incidents).toHaveLength(2));

    const item = document.querySelector('[data-dataset="events"]') as HTMLElement;
    expect(item.textContent).toContain('events.csv');
    expect(item.textContent).toContain('2 shown, 1 rejected');
    expect(item.querySelector('[data-outline="ring-dark"]')).not.toBeNull();
    const toggle = screen.getByRole('checkbox', { name: /events\.csv/ });
    expect(toggle).toBeChecked();
    await fireEvent.click(toggle);
    expect(app.filter.datasets).toEqual(new Set([CURATED_DATASET]));
    await fireEvent.click(screen.getByRole('checkbox', { name: /Curated incidents/ }));
    expect(app.filter.datasets).toEqual(new Set());

    await fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Remove events.csv' }));
    expect(app.datasets).toEqual([]);
    await waitFor(() => expect(store.saved.size).toBe(0));
  });

  it('imports several files one after another, each its own dataset with its own outline', async () => {
    const { app, imports } = setup();
    await choose(new File([ACLED_CSV], 'a.csv'), new File([ACLED_CSV], 'b.csv'));
    await waitFor(() => expect(imports.calls).toHaveLength(1));
    imports.calls[0]!.finish(outcomeFor(ACLED_CSV, imports.calls[0]!.options.datasetId));
    await waitFor(() => expect(imports.calls).toHaveLength(2));
    imports.calls[1]!.finish(outcomeFor(ACLED_CSV, imports.calls[1]!.options.datasetId));
    await waitFor(() => expect(app.datasets).toHaveLength(2));
    expect(app.datasets.map((d) => [d.id, d.outline])).toEqual([['a', 'ring-dark'], ['b', 'ring-double']]);
    // Two reports, one after the other.
    expect(screen.getByRole('dialog', { name: 'Import report: a.csv' })).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(await screen.findByRole('dialog', { name: 'Import report: b.csv' })).toBeInTheDocument();
  });

  it('refuses a file over the size limit at once, from File.size alone, without starting a worker', async () => {
    const makeWorker = vi.fn(() => {
      throw new Error('no worker for a refused file');
    });
    const { app } = setup({ startImport: (file, options) => startImport(file, options, makeWorker) });
    const big = new File(['x'], 'huge.csv');
    Object.defineProperty(big, 'size', { value: MAX_IMPORT_BYTES + 1 });
    await choose(big);
    const refused = await screen.findByTestId('import-refused');
    expect(refused.textContent).toMatch(/"huge\.csv" \(800 MB\) is over the 800 MB limit, so it was not read/);
    expect(makeWorker).not.toHaveBeenCalled();
    expect(app.datasets).toEqual([]);
  });

  it('turning "Keep imported data on this device" off erases stored data but keeps the datasets on the map', async () => {
    const { app, imports, store, preferences } = setup();
    await choose(new File([ACLED_CSV], 'events.csv'));
    await waitFor(() => expect(imports.calls).toHaveLength(1));
    imports.calls[0]!.finish(outcomeFor(ACLED_CSV, 'events'));
    await waitFor(() => expect(store.saved.size).toBe(1));
    const keep = screen.getByRole('switch', { name: 'Keep imported data on this device' });
    expect(keep).toBeChecked();
    await fireEvent.click(keep);
    await waitFor(() => expect(store.saved.size).toBe(0));
    expect(preferences.values.get(KEEP_PREFERENCE_KEY)).toBe('false');
    expect(app.datasets).toHaveLength(1);
    await fireEvent.click(keep);
    await waitFor(() => expect(store.saved.size).toBe(1));
  });

  it('"Erase imported data" removes every dataset from the map and the device in one click', async () => {
    const { app, imports, store } = setup();
    await choose(new File([ACLED_CSV], 'events.csv'));
    await waitFor(() => expect(imports.calls).toHaveLength(1));
    imports.calls[0]!.finish(outcomeFor(ACLED_CSV, 'events'));
    await waitFor(() => expect(store.saved.size).toBe(1));
    await fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Erase imported data' }));
    expect(app.datasets).toEqual([]);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Imported data erased from this page and this device.'));
    expect(store.saved.size).toBe(0);
  });

  it('exports the visible incidents as GeoJSON and CSV downloads', async () => {
    const { app, imports, download } = setup();
    await choose(new File([ACLED_CSV], 'events.csv'));
    await waitFor(() => expect(imports.calls).toHaveLength(1));
    imports.calls[0]!.finish(outcomeFor(ACLED_CSV, 'events'));
    await waitFor(() => expect(app.datasets).toHaveLength(1));
    await fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Export filtered incidents as GeoJSON' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Export filtered incidents as CSV' }));
    const [[geoBlob, geoName], [csvBlob, csvName]] = download.mock.calls as unknown as [[Blob, string], [Blob, string]];
    expect(geoName).toBe('conflict-map-incidents-2024-05-06.geojson');
    expect(csvName).toBe('conflict-map-incidents-2024-05-06.csv');
    const fc = JSON.parse(await geoBlob!.text()) as { features: { properties: { id: string } }[] };
    expect(fc.features.map((f) => f.properties.id)).toEqual(app.visible.map((i) => i.id));
    const again = importCsvText(await csvBlob!.text(), { datasetId: 'events', fileName: 'export.csv' });
    expect(again.incidents).toEqual(app.visible);
  });

  it('downloads every rejected row of the report as CSV', async () => {
    const { imports, download } = setup();
    await choose(new File([ACLED_CSV], 'events.csv'));
    await waitFor(() => expect(imports.calls).toHaveLength(1));
    imports.calls[0]!.finish(outcomeFor(ACLED_CSV, 'events'));
    await fireEvent.click(await screen.findByRole('button', { name: 'Download rejected rows (CSV)' }));
    const [blob, name] = download.mock.calls[0] as [Blob, string];
    expect(name).toBe('events-rejected-rows.csv');
    const lines = (await blob.text()).trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^2,swapped_coordinates,/);
  });

  it('shows the drop overlay while files are dragged over the page and imports what is dropped', async () => {
    const { imports } = setup();
    const drag = (type: string, files: File[] = []): Event => {
      const e = new Event(type, { bubbles: true, cancelable: true });
      Object.defineProperty(e, 'dataTransfer', { value: { types: ['Files'], files, dropEffect: 'none' } });
      return e;
    };
    await fireEvent(window, drag('dragenter'));
    expect(screen.getByText('Drop CSV or GeoJSON to import')).toBeInTheDocument();
    await fireEvent(window, drag('drop', [new File([ACLED_CSV], 'dropped.csv')]));
    expect(screen.queryByText('Drop CSV or GeoJSON to import')).toBeNull();
    await waitFor(() => expect(imports.calls.map((c) => c.file.name)).toEqual(['dropped.csv']));
  });
});

describe('ImportController', () => {
  it('puts datasets kept on this device back on the map at start', async () => {
    const store = memoryDatasetStore();
    const kept: ImportedDataset = {
      id: 'kept',
      name: 'kept.csv',
      fileName: 'kept.csv',
      format: 'acled',
      importedAt: '2024-01-01T00:00:00.000Z',
      incidents: importCsvText(ACLED_CSV, { datasetId: 'kept', fileName: 'kept.csv' }).incidents,
      counts: { rowsRead: 3, rowsShown: 2, rowsRejected: 1, duplicates: 1 },
      attribution: null,
      outline: 'ring-dashed',
    };
    await store.save(kept);
    const app = new AppState();
    const controller = new ImportController(app, { store, preferences: memoryPrefs() });
    await controller.restored;
    expect(app.datasets).toEqual([kept]);
  });

  it('reads nothing from the device when keeping is off', async () => {
    const store = memoryDatasetStore();
    const loadAll = vi.spyOn(store, 'loadAll');
    const preferences = memoryPrefs();
    preferences.setItem(KEEP_PREFERENCE_KEY, 'false');
    const controller = new ImportController(new AppState(), { store, preferences });
    await controller.restored;
    expect(controller.keepOnDevice).toBe(false);
    expect(loadAll).not.toHaveBeenCalled();
  });
});

/** A store reachable from the worker, recording what the page asks of it. */
function workerStore(): { store: DatasetStore; calls: string[] } {
  const calls: string[] = [];
  const store: DatasetStore = {
    workerDatabase: 'test-db',
    save: async (d) => void calls.push(`save ${d.id}`),
    saveRecord: async (d, n) => void calls.push(`record ${d.id} ${n}`),
    loadAll: async () => [],
    remove: async (id) => void calls.push(`remove ${id}`),
    eraseAll: async () => void calls.push('erase'),
  };
  return { store, calls };
}

/** A fake worker import that also stores chunks: the test settles `result` and `stored`. */
function storingImport() {
  const jobs: { options: ImportOptions; finish: (o: ImportOutcome) => void; store: (n: number | null) => void; stopSaving: ReturnType<typeof vi.fn> }[] = [];
  const start = (_file: File, options: ImportOptions): ImportJob => {
    let finish: (o: ImportOutcome) => void = () => {};
    let store: (n: number | null) => void = () => {};
    const result = new Promise<ImportOutcome>((r) => (finish = r));
    const stored = new Promise<number | null>((r) => (store = r));
    const stopSaving = vi.fn(() => store(null));
    jobs.push({ options, finish, store, stopSaving });
    return { result, stored, stopSaving, cancel: () => (finish({ kind: 'cancelled' }), store(null)) };
  };
  return { start, jobs };
}

describe('ImportController with a worker that stores', () => {
  const file = (): File => new File([ACLED_CSV], 'events.csv');

  it('lets the worker store the chunks and writes only the record afterwards', async () => {
    const { store, calls } = workerStore();
    const imports = storingImport();
    const app = new AppState();
    const c = new ImportController(app, { store, startImport: imports.start, preferences: memoryPrefs() });
    c.importFiles([file()]);
    await vi.waitFor(() => expect(imports.jobs).toHaveLength(1));
    expect(imports.jobs[0]!.options.persistTo).toBe('test-db');
    imports.jobs[0]!.finish(outcomeFor(ACLED_CSV, 'events'));
    await vi.waitFor(() => expect(app.datasets).toHaveLength(1));
    expect(calls).toEqual([]);
    imports.jobs[0]!.store(1);
    await vi.waitFor(() => expect(calls).toEqual(['record events 1']));
  });

  it('stops the worker storing when keeping is switched off, and erases', async () => {
    const { store, calls } = workerStore();
    const imports = storingImport();
    const app = new AppState();
    const c = new ImportController(app, { store, startImport: imports.start, preferences: memoryPrefs() });
    c.importFiles([file()]);
    await vi.waitFor(() => expect(imports.jobs).toHaveLength(1));
    imports.jobs[0]!.finish(outcomeFor(ACLED_CSV, 'events'));
    await vi.waitFor(() => expect(app.datasets).toHaveLength(1));
    await c.setKeepOnDevice(false);
    expect(imports.jobs[0]!.stopSaving).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(calls).toEqual(['erase']));
    expect(app.datasets).toHaveLength(1);
  });

  it('removes what a cancelled import stored, and never reuses its id', async () => {
    const { store, calls } = workerStore();
    const imports = storingImport();
    const app = new AppState();
    const c = new ImportController(app, { store, startImport: imports.start, preferences: memoryPrefs() });
    c.importFiles([file()]);
    await vi.waitFor(() => expect(imports.jobs).toHaveLength(1));
    c.cancel();
    await vi.waitFor(() => expect(calls).toEqual(['remove events']));
    c.importFiles([file()]);
    await vi.waitFor(() => expect(imports.jobs).toHaveLength(2));
    expect(imports.jobs[1]!.options.datasetId).toBe('events-2');
  });

  it('removes the stored chunks of a dataset removed before storing finished', async () => {
    const { store, calls } = workerStore();
    const imports = storingImport();
    const app = new AppState();
    const c = new ImportController(app, { store, startImport: imports.start, preferences: memoryPrefs() });
    c.importFiles([file()]);
    await vi.waitFor(() => expect(imports.jobs).toHaveLength(1));
    imports.jobs[0]!.finish(outcomeFor(ACLED_CSV, 'events'));
    await vi.waitFor(() => expect(app.datasets).toHaveLength(1));
    await c.remove('events');
    imports.jobs[0]!.store(1);
    await vi.waitFor(() => expect(calls).toEqual(['remove events', 'remove events']));
  });
});

describe('datasetIdFor and sizeRefusal', () => {
  it('makes readable ids from file names, unique among those taken, never "curated"', () => {
    expect(datasetIdFor('ACLED Myanmar 2022 (v2).csv', new Set())).toBe('acled-myanmar-2022-v2');
    expect(datasetIdFor('events.csv', new Set(['events', 'events-2']))).toBe('events-3');
    expect(datasetIdFor('curated.csv', new Set())).toBe('imported');
    expect(datasetIdFor('ဒေတာ.csv', new Set())).toBe('imported');
  });

  it('refuses CSV over 800 MB and GeoJSON over 100 MB by size alone', () => {
    expect(sizeRefusal({ name: 'a.csv', size: MAX_IMPORT_BYTES })).toBeNull();
    expect(sizeRefusal({ name: 'a.csv', size: MAX_IMPORT_BYTES + 1 })).toMatch(/over the 800 MB limit/);
    expect(sizeRefusal({ name: 'a.geojson', size: 100 * 1024 * 1024 + 1 })).toMatch(/over the 100 MB limit for GeoJSON, which is read whole/);
    expect(sizeRefusal({ name: 'a.json', size: 1000 })).toBeNull();
  });
});

describe('Erase imported data', () => {
  it('forgets the "same event" decisions kept on this device too', async () => {
    const { store, calls } = workerStore();
    let erased = 0;
    const c = new ImportController(new AppState(), { store, preferences: memoryPrefs(), eraseDecisions: () => void erased++ });
    await c.eraseAll();
    expect(erased).toBe(1);
    expect(calls).toContain('erase');
  });
});
