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
import { dayNumber, formatDay } from '../domain/calendar.ts';
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

/** Words joined as a list: "A", "A and B", "A, B and C" (or with "or"). */
function list(words: readonly string[], conjunction: 'and' | 'or'): string {
  if (conjunction === 'and') return joinWords(words);
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** Members of a set in the order of a reference list, so the words never depend on click order. */
function inOrder<T extends string>(order: readonly T[], values: ReadonlySet<string>, label: (v: T) => string): string[] {
  return order.filter((v) => values.has(v)).map(label);
}

const alphabetical = (values: Iterable<string>): string[] => [...values].sort((a, b) => a.localeCompare(b, 'en'));

interface FacetPhrase {
  /** The values in reading order. */
  readonly words: (values: ReadonlySet<string>, datasetNames: Readonly<Record<string, string>>) => string[];
  /** The clause for the values that are shown. */
  readonly clause: (words: readonly string[]) => string;
  /** What a reader unticked every box of. */
  readonly noun: string;
}

const FACET: Record<FilterFacet, FacetPhrase> = {
  categories: {
    words: (v) => inOrder(CATEGORIES.map((c) => c.id), v, (id) => CATEGORIES.find((c) => c.id === id)?.label ?? id),
    clause: (w) => `only ${list(w, 'and')}`,
    noun: 'category',
  },
  admin1: { words: (v) => alphabetical(v), clause: (w) => `only in ${list(w, 'and')}`, noun: 'state or region' },
  precisions: {
    words: (v) => inOrder(LOCATION_PRECISIONS, v, (p) => LOCATION_PRECISION_LABEL[p].toLocaleLowerCase('en')),
    clause: (w) => `only locations known to ${list(w, 'or')} level`,
    noun: 'location precision',
  },
  verification: {
    words: (v) => inOrder(VERIFICATION_STATUSES, v, (s) => VERIFICATION_LABEL[s]),
    clause: (w) => `only ${list(w, 'or')}`,
    noun: 'verification level',
  },
  datasets: { words: (v, names) => alphabetical([...v].map((id) => names[id] ?? id)), clause: (w) => `only from ${list(w, 'and')}`, noun: 'dataset' },
  townships: { words: (v, names) => alphabetical([...v].map((code) => names[code] ?? code)), clause: (w) => `only in ${list(w, 'and')} Township`, noun: 'township' },
};

function facetClause(facet: FilterFacet, values: ReadonlySet<string>, datasetNames: Readonly<Record<string, string>>): string {
  const words = FACET[facet].words(values, datasetNames);
  return words.length ? FACET[facet].clause(words) : `no ${FACET[facet].noun} ticked, so nothing is shown`;
}

/**
 * The filters in effect, in plain words, for the footer and the PNG description.
 *
 * @example
 * describeFilters({ ...EMPTY_FILTER, dateRange: { start: '2022-01-01', end: '2022-07-31' } });
 * // "Shown: dated Jan–Jul 2022"
 */
export function describeFilters(filter: IncidentFilter, datasetNames: Readonly<Record<string, string>> = {}): string {
  if (isEmptyFilter(filter)) return 'Shown: all incidents (no filters)';
  const clauses: string[] = [];
  if (filter.dateRange) clauses.push(`dated ${formatDayRange(filter.dateRange)}`);
  for (const facet of FILTER_FACETS) {
    const values = filter[facet];
    if (values) clauses.push(facetClause(facet, values, datasetNames));
  }
  return `Shown: ${clauses.join('; ')}`;
}

function utcDay(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid export date');
  return date.toISOString().slice(0, 10);
}

/**
 * The provenance line, e.g. "Exported 28 November 2026 · data version a1b2c3d4e5f6 · Conflict Map v0.1.0"
 * (UTC date). The hash is named as what it is: the version of the data shown.
 */
export function provenanceLine(input: ProvenanceInput): string {
  const day = dayNumber(utcDay(input.exportedAt));
  return [`Exported ${day === null ? utcDay(input.exportedAt) : formatDay(day)}`, `data version ${input.dataHash}`, `${APP_NAME} v${input.appVersion}`].join(SEP);
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
