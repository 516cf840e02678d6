import { describe, expect, it } from 'vitest';
import { CATEGORY_IDS } from '../../src/lib/domain/categories.ts';
import { EMPTY_FILTER } from '../../src/lib/domain/filter.ts';
import { activeFilterCount, onlyFacetValue, toggleFacetValue } from '../../src/lib/state/facet-toggle.ts';

describe('onlyFacetValue', () => {
  it('keeps just the one value of that facet and leaves the others alone', () => {
    const f = onlyFacetValue({ ...EMPTY_FILTER, admin1: new Set(['Kayah']) }, 'categories', 'helicopter_attack', CATEGORY_IDS);
    expect([...(f.categories ?? [])]).toEqual(['helicopter_attack']);
    expect([...(f.admin1 ?? [])]).toEqual(['Kayah']);
  });

  it('replaces an earlier choice of that facet', () => {
    const f = onlyFacetValue({ ...EMPTY_FILTER, categories: new Set(['clash', 'shelling'] as const) }, 'categories', 'air_strike', CATEGORY_IDS);
    expect([...(f.categories ?? [])]).toEqual(['air_strike']);
  });

  it('is "all" (null) when the facet has only that value', () => {
    expect(onlyFacetValue(EMPTY_FILTER, 'admin1', 'Sagaing', ['Sagaing']).admin1).toBeNull();
  });

  it('after "only", ticking every other value again goes back to null, as toggling does', () => {
    let f = onlyFacetValue(EMPTY_FILTER, 'categories', 'helicopter_attack', CATEGORY_IDS);
    for (const c of CATEGORY_IDS) if (c !== 'helicopter_attack') f = toggleFacetValue(f, 'categories', c, true, CATEGORY_IDS);
    expect(f.categories).toBeNull();
  });
});

describe('activeFilterCount', () => {
  it('counts the date range', () => {
    expect(activeFilterCount({ ...EMPTY_FILTER, dateRange: { start: '2022-01-01', end: '2022-02-01' } })).toBe(1);
  });

  it('counts each narrowed facet of the filter panel, not the datasets (they have their own toggles)', () => {
    expect(activeFilterCount({ ...EMPTY_FILTER, categories: new Set(), precisions: new Set(['village'] as const), datasets: new Set(['curated']) })).toBe(2);
  });

  it('is zero for the empty filter', () => {
    expect(activeFilterCount(EMPTY_FILTER)).toBe(0);
  });
});
