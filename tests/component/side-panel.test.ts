/**
 * "Try again" on the side panel's error boundary remounts the panel, not the import lifecycle:
 * the controller lives with the app state, so datasets are restored once and a running import
 * keeps its progress and its Cancel (issue #10).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import SidePanel from '../../src/components/SidePanel.svelte';
import { AppState } from '../../src/lib/state/app-state.svelte.ts';
import { ImportController } from '../../src/lib/state/import-controller.svelte.ts';
import { memoryDatasetStore, type PreferenceStorage } from '../../src/lib/data/dataset-store.ts';
import type { ImportJob, ImportOutcome } from '../../src/lib/data/import-client.ts';
import type { Incident } from '../../src/lib/domain/incident.ts';
import type { ImportedDataset } from '../../src/lib/domain/dataset.ts';

const curated = (JSON.parse(readFileSync('public/data/incidents.json', 'utf8')) as { incidents: Incident[] }).incidents;

function prefs(): PreferenceStorage {
  const values = new Map<string, string>();
  return { getItem: (k) => values.get(k) ?? null, setItem: (k, v) => void values.set(k, v) };
}

/** An incident whose title throws the first time a component reads it. */
function incidentThatFailsOnce(base: Incident): Incident {
  let failed = false;
  return Object.defineProperty({ ...base, id: 'ZZ-fails-once' }, 'title', {
    get() {
      if (!failed) {
        failed = true;
        throw new Error('a row that cannot be drawn');
      }
      return base.title;
    },
  });
}

describe('SidePanel', () => {
  it('"Try again" neither restores the kept datasets twice nor drops the running import', async () => {
    const app = new AppState();
    app.curated = curated.slice(0, 3);
    const store = memoryDatasetStore();
    const kept: ImportedDataset = {
      id: 'kept', name: 'kept.csv', fileName: 'kept.csv', format: 'acled', importedAt: '2024-05-06T10:00:00.000Z',
      incidents: [{ ...(curated[0] as Incident), id: 'K1', dataset: 'kept' }],
      counts: { rowsRead: 1, rowsShown: 1, rowsRejected: 0, duplicates: 0 }, attribution: null, outline: 'ring-dark',
    };
    await store.save(kept);
    const loadAll = vi.spyOn(store, 'loadAll');
    const cancel = vi.fn();
    const startImport = vi.fn((): ImportJob => ({ result: new Promise<ImportOutcome>(() => {}), stored: Promise.resolve(null), cancel, stopSaving: () => {} }));
    const imports = new ImportController(app, { store, startImport, preferences: prefs() });
    await imports.restored;
    render(SidePanel, { app, imports, onopen: () => {} });
    imports.importFiles([new File(['a,b\n1,2\n'], 'running.csv', { type: 'text/csv' })]);
    await waitFor(() => expect(screen.getByText(/Importing running\.csv/)).toBeInTheDocument());

    // Something in the panel fails to render: the boundary shows "Try again".
    app.curated = [...curated.slice(0, 3), incidentThatFailsOnce(curated[1] as Incident)];
    const retry = await screen.findByRole('button', { name: 'Try again' });
    expect(app.errors.at(-1)?.message).toContain('The side panel failed');
    expect(screen.queryByText(/Importing running\.csv/)).toBeNull();

    await fireEvent.click(retry);
    // The panel is back with the same import running and the kept dataset listed once.
    await waitFor(() => expect(screen.getByText(/Importing running\.csv/)).toBeInTheDocument());
    expect(loadAll).toHaveBeenCalledTimes(1);
    expect(startImport).toHaveBeenCalledTimes(1);
    expect(app.datasets.map((d) => d.id)).toEqual(['kept']);
    expect(document.querySelectorAll('[data-dataset="kept"]')).toHaveLength(1);

    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(cancel).toHaveBeenCalledTimes(1);
  });
});
