import type { FilterFacet, IncidentFilter } from '../domain/filter.ts';

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
