/**
 * What a hidden dataset still does in the app state: nothing a reader sees. Its records leave
 * the events they were linked into, so the shown records alone place, date and class the event,
 * and the legend stops crediting it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppState } from '../../src/lib/state/app-state.svelte.ts';
import { linkEvents, linkRecordsFromIncidents } from '../../src/lib/query/event-links.ts';
import type { ImportedDataset } from '../../src/lib/domain/dataset.ts';
import type { Incident } from '../../src/lib/domain/incident.ts';

const curated = (JSON.parse(readFileSync('public/data/incidents.json', 'utf8')) as { incidents: Incident[] }).incidents;
const E14 = curated.find((i) => i.id === 'E14') as Incident;

/** An imported UCDP row for E14's event (it names UCDP 443293), classed an air strike, at another point. */
const ucdp: ImportedDataset = {
  id: 'my-ucdp',
  name: 'ucdp.csv',
  fileName: 'ucdp.csv',
  format: 'ucdp-ged',
  importedAt: '2024-05-06T10:00:00.000Z',
  incidents: [{ ...E14, id: 'my-ucdp:443293', dataset: 'my-ucdp', category: 'air_strike', lon: 95.5, lat: 22.9, precision: 'exact', refs: [], extra: { event_id: '443293' }, sources: [{ publisher: 'UCDP GED', title: '443293', date: null, url: null, secondary: false }] }],
  counts: { rowsRead: 1, rowsShown: 1, rowsRejected: 0, duplicates: 0 },
  attribution: 'UCDP GED (CC BY 4.0)',
  outline: 'ring-dark',
};

function appWithLinkedEvent(): AppState {
  const app = new AppState();
  app.curated = [E14];
  app.datasets = [ucdp];
  const index = app.index;
  const records = linkRecordsFromIncidents(index.incidents);
  app.linked = { index, links: linkEvents(records, []), records };
  return app;
}

describe('a hidden dataset in the app state', () => {
  it('links the two records into one event while both datasets are shown', () => {
    const app = appWithLinkedEvent();
    expect(app.events.map((e) => [...e.ids].sort())).toEqual([['E14', 'my-ucdp:443293']]);
    expect(app.events[0]?.record.category).toBe('helicopter_attack');
  });

  it('lets the imported record leave the event when the curated data is hidden: it shows as UCDP classes it', () => {
    const app = appWithLinkedEvent();
    app.toggleDataset('curated', false);
    expect(app.events.map((e) => [e.ids, e.record.category, e.record.lon])).toEqual([[['my-ucdp:443293'], 'air_strike', 95.5]]);
    expect(app.visibleCounts).toEqual({ records: 1, events: 1 });
  });

  it('lets the curated record stand alone when the import is hidden, at its own place', () => {
    const app = appWithLinkedEvent();
    app.toggleDataset('my-ucdp', false);
    expect(app.events.map((e) => [e.ids, e.record.category, e.record.lon])).toEqual([[['E14'], 'helicopter_attack', E14.lon]]);
  });

  it('credits only the shown datasets in the legend', () => {
    const app = appWithLinkedEvent();
    expect(app.shownAttributions).toEqual(['UCDP GED (CC BY 4.0)']);
    app.toggleDataset('my-ucdp', false);
    expect(app.shownAttributions).toEqual([]);
  });
});
