import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import FilterPanel from '../../src/components/FilterPanel.svelte';
import SidePanel from '../../src/components/SidePanel.svelte';
import { AppState } from '../../src/lib/state/app-state.svelte.ts';
import { ImportController } from '../../src/lib/state/import-controller.svelte.ts';
import { memoryDatasetStore } from '../../src/lib/data/dataset-store.ts';
import { CATEGORY_IDS } from '../../src/lib/domain/categories.ts';
import { EMPTY_FILTER, type IncidentFilter } from '../../src/lib/domain/filter.ts';
import type { Incident } from '../../src/lib/domain/incident.ts';
import { countsByFacet, incidentIndex } from '../../src/lib/query/visible-incidents.ts';

const curated = (JSON.parse(readFileSync('public/data/incidents.json', 'utf8')) as { incidents: Incident[] }).incidents;

function panel(filter: IncidentFilter = EMPTY_FILTER) {
  const changes: IncidentFilter[] = [];
  render(FilterPanel, { filter, counts: countsByFacet(incidentIndex(curated), filter), onchange: (f: IncidentFilter) => changes.push(f) });
  return changes;
}

describe('FilterPanel "only" shortcut (#12: isolating helicopter attacks took eight clicks)', () => {
  it('gives every facet value an accessible "only" button', () => {
    panel();
    expect(screen.getByRole('button', { name: 'Show only Helicopter attack' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Show only Named place' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Show only Sagaing' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Show only Single source' })).toBeInTheDocument();
  });

  it('isolates a value in one click', async () => {
    const changes = panel();
    await fireEvent.click(screen.getByRole('button', { name: 'Show only Helicopter attack' }));
    expect(changes).toHaveLength(1);
    expect([...(changes[0]?.categories ?? [])]).toEqual(['helicopter_attack']);
    expect(changes[0]?.admin1).toBeNull();
  });

  it('does not tick or untick the box beside it', async () => {
    panel();
    const box = screen.getByRole('checkbox', { name: /Helicopter attack/ });
    await fireEvent.click(screen.getByRole('button', { name: 'Show only Helicopter attack' }));
    expect((box as HTMLInputElement).checked).toBe(true);
  });

  it('goes back to "all" once every value is ticked again', async () => {
    const changes = panel({ ...EMPTY_FILTER, categories: new Set(CATEGORY_IDS.filter((c) => c !== 'clash')) });
    await fireEvent.click(screen.getByRole('checkbox', { name: /Armed clash/ }));
    expect(changes.at(-1)?.categories).toBeNull();
  });
});

describe('Filters summary', () => {
  function sidePanel(filter: IncidentFilter) {
    const app = new AppState();
    app.curated = curated;
    app.setFilter(filter);
    const imports = new ImportController(app, { store: memoryDatasetStore(), preferences: { getItem: () => null, setItem: () => {} } });
    render(SidePanel, { app, imports, onopen: () => {} });
    return document.querySelector('details.filters summary')?.textContent?.trim();
  }

  it('counts the date range as an active filter (#12)', () => {
    expect(sidePanel({ ...EMPTY_FILTER, dateRange: { start: '2022-01-01', end: '2022-03-31' } })).toBe('Filters (1 active)');
  });

  it('counts the date range and each narrowed facet', () => {
    expect(sidePanel({ ...EMPTY_FILTER, dateRange: { start: '2022-01-01', end: '2022-03-31' }, categories: new Set(['shelling'] as const) })).toBe('Filters (2 active)');
  });

  it('says nothing more without filters', () => {
    expect(sidePanel(EMPTY_FILTER)).toBe('Filters');
  });

  it('stays open while boxes are ticked and the summary count changes', async () => {
    const app = new AppState();
    app.curated = curated;
    const imports = new ImportController(app, { store: memoryDatasetStore(), preferences: { getItem: () => null, setItem: () => {} } });
    render(SidePanel, { app, imports, onopen: () => {} });
    const details = document.querySelector('details.filters') as HTMLDetailsElement;
    await fireEvent.click(details.querySelector('summary') as HTMLElement);
    details.open = true; // jsdom does not toggle <details> on a summary click
    await fireEvent(details, new Event('toggle'));
    await fireEvent.click(screen.getByRole('checkbox', { name: /Helicopter attack/ }));
    await fireEvent.click(screen.getByRole('checkbox', { name: /Shelling/ }));
    expect(details.querySelector('summary')?.textContent?.trim()).toBe('Filters (1 active)');
    expect(details.open).toBe(true);
  });
});
