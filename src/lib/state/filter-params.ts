/**
 * The filter and the selected incident as URL hash parameters, so a permalink restores them:
 * `#7.2/22.65/95.18&cat=air_strike,helicopter_attack&from=2022-01-01&to=2022-03-31&sel=E04`.
 *
 * Every list is the allow-list of the filter (`null` = key absent). `none` stands for an
 * empty allow-list, because the hash codec drops empty values. Links are read tolerantly:
 * unknown values are dropped, and a list with nothing valid left reads as "all".
 */
import { dayNumber } from '../domain/calendar.ts';
import { CATEGORY_IDS, isCategoryId, type CategoryId } from '../domain/categories.ts';
import { EMPTY_FILTER, type DateRange, type IncidentFilter } from '../domain/filter.ts';
import { isLocationPrecision, LOCATION_PRECISIONS, type LocationPrecision } from '../domain/precision.ts';
import { isVerificationStatus, VERIFICATION_STATUSES, type VerificationStatus } from '../domain/verification.ts';

/** The hash keys this module owns; anything else in the hash belongs to other features. */
export const FILTER_PARAM = {
  from: 'from',
  to: 'to',
  categories: 'cat',
  admin1: 'adm',
  precisions: 'prec',
  verification: 'ver',
  /** Visible datasets ("curated" and import ids), like every other list. */
  datasets: 'ds',
  /** Townships (MIMU place codes) picked in "By township". */
  townships: 'ts',
  /** "township" while the map colours townships by their counts. */
  view: 'by',
  selected: 'sel',
} as const;

const FILTER_PARAM_KEYS: readonly string[] = Object.values(FILTER_PARAM);

/** Written for an empty allow-list: the reader unticked every box. */
const NONE = 'none';

/** Ids and names we accept from a link: no separators, nothing that needs escaping to read. */
const SAFE_ID = /^[\p{L}\p{N}][\p{L}\p{N} _.:'()-]{0,127}$/u;

/** How a link writes the admin1 value of records that name no state or region (""). */
const UNNAMED_ADMIN1 = '~';

function admin1ToLink(set: ReadonlySet<string> | null): ReadonlySet<string> | null {
  return set === null || !set.has('') ? set : new Set([...set].map((v) => (v === '' ? UNNAMED_ADMIN1 : v)));
}

export interface FilterParamsState {
  readonly filter: IncidentFilter;
  readonly selectedId: string | null;
  /** The map colours townships by their counts ("By township"). */
  readonly byTownship: boolean;
}

/** Known admin1 names and dataset ids, when the data is loaded, to drop values a link invents. */
export interface KnownValues {
  readonly admin1?: Iterable<string>;
  readonly datasets?: Iterable<string>;
}

function writeList(set: ReadonlySet<string> | null, order?: readonly string[]): string | null {
  if (set === null) return null;
  if (set.size === 0) return NONE;
  // A name with a comma could not be read back as one value, so it cannot be in a link;
  // if nothing writable is left the link shows all rather than nothing.
  const values = order ? order.filter((v) => set.has(v)) : [...set].filter((v) => v === UNNAMED_ADMIN1 || SAFE_ID.test(v)).sort();
  return values.length ? values.join(',') : null;
}

/** The hash parameters of a filter and selection; absent keys mean "all" / "nothing selected". */
export function filterToParams(filter: IncidentFilter, selectedId: string | null, byTownship = false): Map<string, string> {
  const params = new Map<string, string>();
  const set = (key: string, value: string | null) => {
    if (value !== null) params.set(key, value);
  };
  if (filter.dateRange && dayNumber(filter.dateRange.start) !== null && dayNumber(filter.dateRange.end) !== null) {
    params.set(FILTER_PARAM.from, filter.dateRange.start);
    params.set(FILTER_PARAM.to, filter.dateRange.end);
  }
  set(FILTER_PARAM.categories, writeList(filter.categories, CATEGORY_IDS));
  set(FILTER_PARAM.admin1, writeList(admin1ToLink(filter.admin1)));
  set(FILTER_PARAM.precisions, writeList(filter.precisions, LOCATION_PRECISIONS));
  set(FILTER_PARAM.verification, writeList(filter.verification, VERIFICATION_STATUSES));
  set(FILTER_PARAM.datasets, writeList(filter.datasets));
  set(FILTER_PARAM.townships, writeList(filter.townships));
  if (byTownship) params.set(FILTER_PARAM.view, 'township');
  if (selectedId !== null && SAFE_ID.test(selectedId)) params.set(FILTER_PARAM.selected, selectedId);
  return params;
}

function readList<T extends string>(
  raw: string | undefined,
  accept: (v: string) => v is T,
): ReadonlySet<T> | null {
  if (raw === undefined) return null;
  if (raw.trim() === NONE) return new Set();
  const values = raw
    .split(',')
    .map((v) => v.trim())
    .filter(accept);
  return values.length ? new Set(values) : null;
}

function readRange(from: string | undefined, to: string | undefined): DateRange | null {
  if (from === undefined || to === undefined) return null;
  const s = dayNumber(from);
  const e = dayNumber(to);
  return s !== null && e !== null && s <= e ? { start: from, end: to } : null;
}

/** A MIMU township place code, as links carry them. */
function isTownshipCode(v: string): v is string {
  return /^MMR\d{6}$/.test(v);
}

function acceptName(known: Iterable<string> | undefined): (v: string) => v is string {
  const set = known ? new Set(known) : null;
  return (v: string): v is string => SAFE_ID.test(v) && (set === null || set.has(v));
}

/** An admin1 name from a link: a safe name, or "~" for records that name none (when there are such). */
function acceptAdmin1(known: Iterable<string> | undefined): (v: string) => v is string {
  const name = acceptName(known);
  const set = known ? new Set(known) : null;
  return (v: string): v is string => (v === UNNAMED_ADMIN1 ? set === null || set.has('') : name(v));
}

function admin1FromLink(set: ReadonlySet<string> | null): ReadonlySet<string> | null {
  return set === null || !set.has(UNNAMED_ADMIN1) ? set : new Set([...set].map((v) => (v === UNNAMED_ADMIN1 ? '' : v)));
}

/**
 * The filter and selection a link asks for. Unknown categories, precisions and statuses are
 * dropped, as are admin1 names and datasets outside `known` when given; a missing, malformed
 * or reversed date range is ignored.
 */
export function paramsToFilter(params: ReadonlyMap<string, string>, known: KnownValues = {}): FilterParamsState {
  const sel = params.get(FILTER_PARAM.selected)?.trim();
  return {
    filter: {
      ...EMPTY_FILTER,
      dateRange: readRange(params.get(FILTER_PARAM.from)?.trim(), params.get(FILTER_PARAM.to)?.trim()),
      categories: readList<CategoryId>(params.get(FILTER_PARAM.categories), isCategoryId),
      admin1: admin1FromLink(readList(params.get(FILTER_PARAM.admin1), acceptAdmin1(known.admin1))),
      precisions: readList<LocationPrecision>(params.get(FILTER_PARAM.precisions), isLocationPrecision),
      verification: readList<VerificationStatus>(params.get(FILTER_PARAM.verification), isVerificationStatus),
      datasets: readList(params.get(FILTER_PARAM.datasets), acceptName(known.datasets)),
      townships: readList(params.get(FILTER_PARAM.townships), isTownshipCode),
    },
    selectedId: sel && SAFE_ID.test(sel) ? sel : null,
    byTownship: params.get(FILTER_PARAM.view)?.trim() === 'township',
  };
}

/**
 * The hash parameters with this module's keys replaced by the filter's, and every other
 * feature's parameters kept as they were.
 */
export function withFilterParams(
  params: ReadonlyMap<string, string>,
  filter: IncidentFilter,
  selectedId: string | null,
  byTownship = false,
): Map<string, string> {
  const next = new Map([...params].filter(([k]) => !FILTER_PARAM_KEYS.includes(k)));
  for (const [k, v] of filterToParams(filter, selectedId, byTownship)) next.set(k, v);
  return next;
}
