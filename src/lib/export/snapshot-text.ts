/**
 * The words printed on a snapshot and stored in its PNG metadata: attribution, the filters in
 * effect, and provenance.
 *
 * Part of the export composition layer (`src/lib/export/`): pure, no maplibre-gl.
 */
import { CATEGORIES } from '../domain/categories.ts';
import { FILTER_FACETS, isEmptyFilter, type FilterFacet, type IncidentFilter } from '../domain/filter.ts';
import { LOCATION_PRECISIONS, LOCATION_PRECISION_LABEL } from '../domain/precision.ts';
import { VERIFICATION_LABEL, VERIFICATION_STATUSES } from '../domain/verification.ts';
import { formatDayRange, joinWords } from './naming.ts';
import type { PngTextEntry } from './png-text-chunks.ts';

export interface AttributionInput {
  /** Publishers of the sources behind the incidents shown. */
  readonly publishers: readonly string[];
  /**
   * What the licences of imported datasets shown ask for, e.g. the data module's ACLED and
   * UCDP GED attribution strings. Empty when only curated data are shown.
   */
  readonly datasetAttributions: readonly string[];
}

export interface ProvenanceInput {
  readonly exportedAt: Date;
  /** The 12-character data hash from `dataHash`. */
  readonly dataHash: string;
  /** App version, e.g. "0.1.0". */
  readonly appVersion: string;
}

/** Above this many, publishers are summed up as "and N others" so the footer stays a footer. */
export const MAX_LISTED_PUBLISHERS = 8;
const APP_NAME = 'Conflict Map';
const SEP = ' \u00b7 ';

/** Publishers without duplicates (ignoring case and spacing), alphabetical. */
function uniquePublishers(publishers: readonly string[]): string[] {
  const byKey = new Map<string, string>();
  for (const p of publishers) {
    const name = p.trim().replace(/\s+/g, ' ');
    const key = name.toLocaleLowerCase('en');
    if (name && !byKey.has(key)) byKey.set(key, name);
  }
  return [...byKey.values()].sort((a, b) => a.localeCompare(b, 'en'));
}

function publisherList(publishers: readonly string[]): string {
  const names = uniquePublishers(publishers);
  if (names.length <= MAX_LISTED_PUBLISHERS) return joinWords(names);
  const rest = names.length - MAX_LISTED_PUBLISHERS;
  return `${names.slice(0, MAX_LISTED_PUBLISHERS).join(', ')} and ${rest} ${rest === 1 ? 'other' : 'others'}`;
}

/**
 * The attribution line: boundaries, incident source publishers, and imported datasets' attributions.
 *
 * @example
 * attributionLine({ publishers: ['RFA', 'Myanmar Now'], datasetAttributions: [] });
 * // "Boundaries: Natural Earth · Sources: Myanmar Now and RFA"
 */
export function attributionLine(input: AttributionInput): string {
  const parts = ['Boundaries: Natural Earth'];
  const sources = publisherList(input.publishers);
  if (sources) parts.push(`Sources: ${sources}`);
  const datasets = [...new Set(input.datasetAttributions.map((a) => a.trim()).filter(Boolean))];
  if (datasets.length) parts.push(`Data: ${datasets.join('; ')}`);
  return parts.join(SEP);
}

type FacetWords = (values: ReadonlySet<string>, datasetNames: Readonly<Record<string, string>>) => string[];

/** Members of a set in the order of a reference list, so the words never depend on click order. */
function inOrder<T extends string>(order: readonly T[], values: ReadonlySet<string>, label: (v: T) => string): string[] {
  return order.filter((v) => values.has(v)).map(label);
}

const alphabetical = (values: Iterable<string>): string[] => [...values].sort((a, b) => a.localeCompare(b, 'en'));

const FACET: Record<FilterFacet, { readonly name: string; readonly words: FacetWords }> = {
  categories: {
    name: 'categories',
    words: (v) => inOrder(CATEGORIES.map((c) => c.id), v, (id) => CATEGORIES.find((c) => c.id === id)?.label ?? id),
  },
  admin1: { name: 'states/regions', words: (v) => alphabetical(v) },
  precisions: { name: 'location precision', words: (v) => inOrder(LOCATION_PRECISIONS, v, (p) => LOCATION_PRECISION_LABEL[p]) },
  verification: { name: 'verification', words: (v) => inOrder(VERIFICATION_STATUSES, v, (s) => VERIFICATION_LABEL[s]) },
  datasets: { name: 'datasets', words: (v, names) => alphabetical([...v].map((id) => names[id] ?? id)) },
  townships: { name: 'townships', words: (v, names) => alphabetical([...v].map((code) => names[code] ?? code)) },
};

function facetClause(facet: FilterFacet, values: ReadonlySet<string>, datasetNames: Readonly<Record<string, string>>): string {
  const words = FACET[facet].words(values, datasetNames);
  return `${FACET[facet].name}: ${words.length ? words.join(', ') : 'none'}`;
}

/**
 * The filters in effect, in words, for the footer and the PNG description.
 *
 * @example
 * describeFilters({ ...EMPTY_FILTER, dateRange: { start: '2022-01-01', end: '2022-07-31' } });
 * // "Filters: dates Jan–Jul 2022"
 */
export function describeFilters(filter: IncidentFilter, datasetNames: Readonly<Record<string, string>> = {}): string {
  if (isEmptyFilter(filter)) return 'Filters: none (all data shown)';
  const clauses: string[] = [];
  if (filter.dateRange) clauses.push(`dates ${formatDayRange(filter.dateRange)}`);
  for (const facet of FILTER_FACETS) {
    const values = filter[facet];
    if (values) clauses.push(facetClause(facet, values, datasetNames));
  }
  return `Filters: ${clauses.join('; ')}`;
}

function utcDay(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid export date');
  return date.toISOString().slice(0, 10);
}

/**
 * The provenance line, e.g. "Exported 2026-11-28 · data a1b2c3d4e5f6 · Conflict Map v0.1.0" (UTC date).
 */
export function provenanceLine(input: ProvenanceInput): string {
  return [`Exported ${utcDay(input.exportedAt)}`, `data ${input.dataHash}`, `${APP_NAME} v${input.appVersion}`].join(SEP);
}

export interface PngMetadataInput {
  readonly title: string;
  readonly attribution: string;
  readonly filters: string;
  readonly provenance: string;
  readonly exportedAt: Date;
  readonly appVersion: string;
}

/** PNG text entries under the spec's registered keywords, for `addPngTextChunks`. */
export function pngMetadataEntries(input: PngMetadataInput): PngTextEntry[] {
  utcDay(input.exportedAt); // throws on an invalid date, which toUTCString would print as "Invalid Date"
  return [
    { keyword: 'Title', text: input.title },
    { keyword: 'Description', text: input.filters },
    { keyword: 'Copyright', text: input.attribution },
    // The PNG spec recommends RFC 1123 dates for "Creation Time"; toUTCString gives that form.
    { keyword: 'Creation Time', text: input.exportedAt.toUTCString() },
    { keyword: 'Software', text: `${APP_NAME} v${input.appVersion}` },
    { keyword: 'Comment', text: input.provenance },
  ];
}
