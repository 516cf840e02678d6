/**
 * The URL owner, without a browser: a fake address bar records every history write. It reads
 * the URL once, writes each change with the history rules, and turns Back/Forward into state.
 */
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { AppState } from '../../src/lib/state/app-state.svelte.ts';
import { browserAddressBar, historyModeFor, UrlOwner, type AddressBar } from '../../src/lib/state/url-owner.svelte.ts';
import { EMPTY_FILTER } from '../../src/lib/domain/filter.ts';

/** An address bar in memory, with a history stack like the browser's. */
function fakeBar(initial: string) {
  const entries = [initial];
  let at = 0;
  let popListener: (() => void) | null = null;
  const writes: { hash: string; mode: 'push' | 'replace' }[] = [];
  let reads = 0;
  const bar: AddressBar = {
    readHash: () => {
      reads++;
      return entries[at] ?? '';
    },
    readPageUrl: () => 'https://conflict-map.example/app/?lang=en',
    write: (hash, mode) => {
      writes.push({ hash, mode });
      if (mode === 'push') {
        entries.splice(at + 1, entries.length, hash);
        at++;
      } else entries[at] = hash;
    },
    onPopState: (fn) => {
      popListener = fn;
      return () => (popListener = null);
    },
  };
  return {
    bar,
    writes,
    reads: () => reads,
    current: () => entries[at],
    back: () => {
      at = Math.max(0, at - 1);
      popListener?.();
    },
  };
}

function start(hash: string) {
  const app = new AppState();
  const fake = fakeBar(hash);
  const owner = new UrlOwner(app, fake.bar);
  const stop = owner.start();
  flushSync();
  return { app, fake, owner, stop };
}

describe('historyModeFor', () => {
  it.each([
    [{ kind: 'view', cause: 'move' } as const, 'replace'],
    [{ kind: 'view', cause: 'deliberate' } as const, 'push'],
    [{ kind: 'view', cause: 'restore' } as const, 'none'],
    [{ kind: 'state', first: true, scrubbing: false } as const, 'replace'],
    [{ kind: 'state', first: false, scrubbing: false } as const, 'push'],
    [{ kind: 'state', first: false, scrubbing: true } as const, 'none'],
  ])('%j → %s', (change, mode) => {
    expect(historyModeFor(change)).toBe(mode);
  });
});

describe('UrlOwner', () => {
  it('reads the URL once and applies its view, filters and selection', () => {
    const { app, fake } = start('#8/22.65/95.3&cat=air_strike&from=2022-01-01&to=2022-03-31&sel=E04');
    expect(app.view).toMatchObject({ zoom: 8, lat: 22.65, lon: 95.3 });
    expect([...(app.filter.categories ?? [])]).toEqual(['air_strike']);
    expect(app.filter.dateRange).toEqual({ start: '2022-01-01', end: '2022-03-31' });
    expect(app.selectedId).toBe('E04');
    // The first write only normalises the link it was opened with: nothing new in the history.
    expect(fake.writes.every((w) => w.mode === 'replace')).toBe(true);
    expect(fake.current()).toBe('#8/22.65/95.3&cat=air_strike&from=2022-01-01&sel=E04&to=2022-03-31');
  });

  it('rewrites the entry for a pan, pushes one for a deliberate move, and writes nothing for a restore', () => {
    const { app, fake } = start('#6/20/96');
    const before = fake.writes.length;
    app.setView({ zoom: 6, lat: 20.5, lon: 96, bearing: 0, pitch: 0 }, 'move');
    flushSync();
    app.setView({ zoom: 9, lat: 22.68, lon: 95.35, bearing: 0, pitch: 0 }, 'deliberate');
    flushSync();
    app.setView({ zoom: 5, lat: 19, lon: 96, bearing: 0, pitch: 0 }, 'restore');
    flushSync();
    expect(fake.writes.slice(before)).toEqual([
      { hash: '#6/20.5/96', mode: 'replace' },
      { hash: '#9/22.68/95.35', mode: 'push' },
    ]);
  });

  it('pushes a filter or selection change with the current view, and keeps other features’ parameters', () => {
    const { app, fake } = start('#6/20/96&other=kept');
    app.setFilter({ ...EMPTY_FILTER, categories: new Set(['shelling']) });
    flushSync();
    app.select('E08');
    flushSync();
    expect(fake.writes.slice(-2)).toEqual([
      { hash: '#6/20/96&cat=shelling&other=kept', mode: 'push' },
      { hash: '#6/20/96&cat=shelling&other=kept&sel=E08', mode: 'push' },
    ]);
  });

  it('writes nothing while the timeline scrubs, then one entry when it stops', () => {
    const { app, fake } = start('#6/20/96');
    const before = fake.writes.length;
    app.scrubbing = true;
    for (const end of ['2022-01-31', '2022-02-28', '2022-03-31']) {
      app.setFilter({ ...app.filter, dateRange: { start: '2022-01-01', end } });
      flushSync();
    }
    expect(fake.writes.length).toBe(before);
    app.scrubbing = false;
    flushSync();
    expect(fake.writes.slice(before)).toEqual([{ hash: '#6/20/96&from=2022-01-01&to=2022-03-31', mode: 'push' }]);
  });

  it('turns Back into state: filters, selection and a camera jump, with no new history entry', () => {
    const { app, fake } = start('#6/20/96');
    app.setView({ zoom: 9, lat: 22.68, lon: 95.35, bearing: 0, pitch: 0 }, 'deliberate');
    flushSync();
    app.setFilter({ ...EMPTY_FILTER, categories: new Set(['clash']) });
    flushSync();
    const writes = fake.writes.length;
    fake.back();
    flushSync();
    expect(app.filter.categories).toBeNull();
    expect(app.cameraRequest).toMatchObject({ kind: 'jump', view: { zoom: 9, lat: 22.68, lon: 95.35 } });
    expect(fake.writes.length).toBe(writes);
    expect(fake.current()).toBe('#9/22.68/95.35');
  });

  it('reads the address bar once at start-up, not again per effect', () => {
    const app = new AppState();
    const fake = fakeBar('#6/20/96&cat=clash');
    new UrlOwner(app, fake.bar);
    expect(fake.reads()).toBe(1);
  });

  it('builds a permalink to one incident: the page address, the current view and filters, and sel', () => {
    const { app, fake, owner } = start('#6/20/96&cat=clash&layers=places');
    app.setView({ zoom: 10, lat: 22.677, lon: 95.401, bearing: 0, pitch: 0 }, 'move');
    flushSync();
    const writes = fake.writes.length;
    expect(owner.permalinkTo('E16')).toBe('https://conflict-map.example/app/?lang=en#10/22.677/95.401&cat=clash&layers=places&sel=E16');
    // Building a link changes neither the state nor the history.
    expect(app.selectedId).toBeNull();
    expect(fake.writes.length).toBe(writes);
  });

  it("gives the page's own address for links, without the hash or the debugging ?handle", () => {
    window.history.replaceState(null, '', '/app/?handle&lang=en#6/20/96&sel=E01');
    expect(browserAddressBar().readPageUrl()).toBe(`${window.location.origin}/app/?lang=en`);
  });

  it('stops writing and listening when stopped', () => {
    const { app, fake, stop } = start('#6/20/96');
    stop();
    const writes = fake.writes.length;
    app.setFilter({ ...EMPTY_FILTER, categories: new Set(['clash']) });
    flushSync();
    fake.back();
    expect(fake.writes.length).toBe(writes);
  });
});

describe('UrlOwner: the datasets a link names (issue 15)', () => {
  const dataset = (id: string, name: string, rows: number) =>
    ({
      id,
      name,
      fileName: name,
      format: 'acled',
      importedAt: '2026-11-01T00:00:00.000Z',
      incidents: Array.from({ length: rows }, (_, i) => ({ id: `${id}:${i}`, dataset: id })),
      counts: { rowsRead: rows, rowsShown: rows, rowsRejected: 0, duplicates: 0 },
      attribution: null,
      outline: 'ring-dark',
    }) as unknown as import('../../src/lib/domain/dataset.ts').ImportedDataset;

  it('names a shown dataset once its hash is known, rewriting the entry, not adding one', () => {
    const { app, fake } = start('#6/20/96');
    app.datasets = [dataset('acled-2021', 'acled_2021.csv', 3)];
    flushSync();
    expect(fake.current()).not.toContain('d.acled-2021');
    const writes = fake.writes.length;
    app.contentHashes = new Map([['acled-2021', '9f2c4e01ab3d'.padEnd(64, '0')]]);
    flushSync();
    expect(fake.current()).toContain('d.acled-2021=3.9f2c4e01ab3d.acled_2021.csv');
    expect(fake.writes.slice(writes).map((w) => w.mode)).toEqual(['replace']);
  });

  it('reads the datasets of the link it was opened with, and says which are not here or in another version', () => {
    const { app, owner } = start('#6/20/96&d.acled-2021=2734.9f2c4e01ab3d.acled_2021.csv&d.other=5.abcdefabcdef.other.csv');
    expect(owner.linkedDatasets.map((r) => r.id).sort()).toEqual(['acled-2021', 'other']);
    app.datasets = [dataset('other', 'other.csv', 4)];
    app.contentHashes = new Map([['other', '111111111111'.padEnd(64, '0')]]);
    flushSync();
    const problems = owner.linkProblems();
    expect(problems.map((p) => [p.kind, p.ref.id])).toEqual([
      ['missing', 'acled-2021'],
      ['other-version', 'other'],
    ]);
  });
});
