/**
 * What the reader has chosen to see. Every facet is an allow-list: `null` lets everything
 * through, an empty set lets nothing through (the reader unticked every box).
 */
import type { IsoDay } from './calendar.ts';
import type { CategoryId } from './categories.ts';
import type { LocationPrecision } from './precision.ts';
import type { VerificationStatus } from './verification.ts';

/** Inclusive calendar-day range. An incident counts when its own date span overlaps it. */
export interface DateRange {
  readonly start: IsoDay;
  readonly end: IsoDay;
}

export interface IncidentFilter {
  /** Inclusive; null = all dates. */
  readonly dateRange: DateRange | null;
  readonly categories: ReadonlySet<CategoryId> | null;
  /** English state/region names as in `Place.admin1`, e.g. "Sagaing". */
  readonly admin1: ReadonlySet<string> | null;
  readonly precisions: ReadonlySet<LocationPrecision> | null;
  readonly verification: ReadonlySet<VerificationStatus> | null;
  /** Visible datasets: "curated" and the ids of imported datasets. */
  readonly datasets: ReadonlySet<string> | null;
  /** Townships (MIMU place codes) an incident must count in; set by clicking a township in "By township". */
  readonly townships: ReadonlySet<string> | null;
}

/** The facets other than the date, in the order the filter panel shows them. */
export const FILTER_FACETS = ['categories', 'admin1', 'precisions', 'verification', 'datasets', 'townships'] as const;
export type FilterFacet = (typeof FILTER_FACETS)[number];

/** The filter that constrains nothing: every incident passes. */
export const EMPTY_FILTER: IncidentFilter = Object.freeze({
  dateRange: null,
  categories: null,
  admin1: null,
  precisions: null,
  verification: null,
  datasets: null,
  townships: null,
});

/** True when the filter lets every incident through. */
export function isEmptyFilter(f: IncidentFilter): boolean {
  return f.dateRange === null && FILTER_FACETS.every((k) => f[k] === null);
}

/** True when two filters select the same incidents (set order does not matter). */
export function sameFilter(a: IncidentFilter, b: IncidentFilter): boolean {
  const ra = a.dateRange;
  const rb = b.dateRange;
  if (ra === null || rb === null ? ra !== rb : ra.start !== rb.start || ra.end !== rb.end) return false;
  return FILTER_FACETS.every((k) => sameSet(a[k], b[k]));
}

function sameSet(a: ReadonlySet<string> | null, b: ReadonlySet<string> | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.size !== b.size) return false;
  for (const v of a) if (!b.has(v)) return false;
  return true;
}
