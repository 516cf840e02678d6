import { FILTER_FACETS, type FilterFacet, type IncidentFilter } from '../domain/filter.ts';

/**
 * Ticks or unticks one value of a facet. A facet with every value ticked goes back to `null`
 * ("all"), so values that appear later (a new import) are not hidden by an old choice.
 */
export function toggleFacetValue(
  filter: IncidentFilter,
  facet: FilterFacet,
  value: string,
  checked: boolean,
  allValues: readonly string[],
): IncidentFilter {
  const current = new Set<string>(filter[facet] ?? allValues);
  if (checked) current.add(value);
  else current.delete(value);
  const all = allValues.every((v) => current.has(v));
  return { ...filter, [facet]: all ? null : current } as IncidentFilter;
}

/** True when a value is ticked (an absent facet ticks everything). */
export function facetHas(filter: IncidentFilter, facet: FilterFacet, value: string): boolean {
  const set = filter[facet] as ReadonlySet<string> | null;
  return set === null || set.has(value);
}

/**
 * Shows only one value of a facet (the "only" shortcut): every other value is unticked. When the
 * facet has just that one value, it is all of them, so the facet goes back to `null` as in
 * `toggleFacetValue`.
 */
export function onlyFacetValue(filter: IncidentFilter, facet: FilterFacet, value: string, allValues: readonly string[]): IncidentFilter {
  const all = allValues.every((v) => v === value);
  return { ...filter, [facet]: all ? null : new Set([value]) } as IncidentFilter;
}

/**
 * How many filters narrow what is shown, for "Filters (N active)": the date range and each
 * facet of the filter panel. Datasets are left out: they are shown and hidden beside each
 * dataset in the data panel, not in the filter panel.
 */
export function activeFilterCount(filter: IncidentFilter): number {
  const facets = FILTER_FACETS.filter((k) => k !== 'datasets' && filter[k] !== null).length;
  return facets + (filter.dateRange ? 1 : 0);
}
