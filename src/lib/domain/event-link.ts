/**
 * How records of different datasets come to count as one event (issue #13): a record may name
 * another dataset's event id (an exact link), and a person may decide that two proposed
 * records are, or are not, the same event. Pure types and small helpers; the linking itself is
 * in `query/event-links.ts`, the storage of decisions in `data/link-decisions.ts`.
 */
import { isRecord } from './guards.ts';
import type { CategoryId } from './categories.ts';
import { hasDetails, type Incident, type IncidentDate, type IncidentRecord } from './incident.ts';
import type { LocationPrecision } from './precision.ts';
import { categoryIsFallback } from './category-compatibility.ts';

/** The public datasets whose event ids records may carry or cite. The publisher is what importers write in `SourceRef.publisher`. */
export const EXTERNAL_DATASETS = {
  'ucdp-ged': { label: 'UCDP GED', publisher: 'UCDP GED', idPattern: /^[1-9][0-9]{0,11}$/, idExample: '448773' },
  acled: { label: 'ACLED', publisher: 'ACLED', idPattern: /^[A-Z]{3}[0-9]{1,12}$/, idExample: 'MMR12345' },
} as const;

export type ExternalDatasetId = keyof typeof EXTERNAL_DATASETS;

/** The external dataset ids, in a fixed order (for dictionaries and messages). */
export const EXTERNAL_DATASET_IDS: readonly ExternalDatasetId[] = Object.keys(EXTERNAL_DATASETS) as ExternalDatasetId[];

/** Type guard for external dataset ids. */
export function isExternalDatasetId(v: unknown): v is ExternalDatasetId {
  return typeof v === 'string' && Object.hasOwn(EXTERNAL_DATASETS, v);
}

/** An event of a public dataset, by its own id: `{ dataset: 'ucdp-ged', id: '448773' }`. */
export interface ExternalRef {
  readonly dataset: ExternalDatasetId;
  readonly id: string;
}

/**
 * Why a value is not a well-formed external reference, or null when it is one: the dataset
 * must be known and the id must have that dataset's shape (UCDP: digits; ACLED: ISO3 + digits).
 * @example externalRefProblem({ dataset: 'ucdp-ged', id: '448773' }) // null
 */
export function externalRefProblem(v: unknown): string | null {
  if (!isRecord(v)) return 'is not an object';
  const { dataset, id } = v;
  if (!isExternalDatasetId(dataset)) return `names an unknown dataset ${JSON.stringify(dataset) ?? 'undefined'} (known: ${EXTERNAL_DATASET_IDS.join(', ')})`;
  const def = EXTERNAL_DATASETS[dataset];
  if (typeof id !== 'string' || !def.idPattern.test(id)) return `id ${JSON.stringify(id) ?? 'undefined'} is not a ${def.label} event id (like ${def.idExample})`;
  for (const key of Object.keys(v)) if (key !== 'dataset' && key !== 'id') return `has an unknown field "${key}"`;
  return null;
}

/** `ucdp-ged 448773`: a reference as a key (and as text). */
export function externalRefKey(ref: ExternalRef): string {
  return `${ref.dataset} ${ref.id}`;
}

/**
 * The record's own id in a public dataset: an imported UCDP or ACLED row keeps its event id in
 * `extra.event_id`, and its source names the dataset. Null for curated records and for rows of
 * other files. It survives our own export and re-import, since sources and `extra` do.
 */
export function ownExternalRef(incident: Pick<Incident, 'sources' | 'extra'>): ExternalRef | null {
  const id = incident.extra?.['event_id'];
  if (typeof id !== 'string') return null;
  for (const dataset of EXTERNAL_DATASET_IDS) {
    const def = EXTERNAL_DATASETS[dataset];
    if (def.idPattern.test(id) && incident.sources.some((s) => s.publisher === def.publisher)) return { dataset, id };
  }
  return null;
}

/**
 * A record as a decision names it, stable across reloads and re-imports: a public dataset's
 * event id when the record has one (`{ dataset: 'ucdp-ged', id: '448773' }`), otherwise the
 * dataset id and record id (`{ dataset: 'curated', id: 'E16' }`).
 */
export interface RecordRef {
  readonly dataset: string;
  readonly id: string;
}

/** The reference a decision uses for a record (see RecordRef). */
export function recordRefOf(incident: IncidentRecord): RecordRef {
  const own = incident.ownRef !== undefined ? incident.ownRef : hasDetails(incident) ? ownExternalRef(incident) : null;
  return own ?? { dataset: incident.dataset, id: incident.id };
}

/** A RecordRef as one string key (the parts cannot contain U+0000 in practice; it only has to be unambiguous here). */
export function recordRefKey(ref: RecordRef): string {
  return `${ref.dataset}\u0000${ref.id}`;
}

export type LinkVerdict = 'same' | 'different';

/** A person's answer to "possibly the same event": kept on this device and carried in exports. */
export interface LinkDecision {
  readonly a: RecordRef;
  readonly b: RecordRef;
  readonly verdict: LinkVerdict;
  /** ISO timestamp of the decision; the latest decision about a pair wins. */
  readonly decidedAt: string;
}

/** One key for the unordered pair {a, b}. */
export function decisionPairKey(a: RecordRef, b: RecordRef): string {
  const ka = recordRefKey(a);
  const kb = recordRefKey(b);
  return ka < kb ? `${ka}\u0001${kb}` : `${kb}\u0001${ka}`;
}

/**
 * One decision per pair of records, the latest (by `decidedAt`, then by position in the list),
 * in a stable order (oldest first), so a changed mind replaces the earlier answer.
 */
export function latestDecisions(decisions: readonly LinkDecision[]): LinkDecision[] {
  const latest = new Map<string, LinkDecision>();
  for (const d of decisions) {
    const key = decisionPairKey(d.a, d.b);
    const prev = latest.get(key);
    if (prev === undefined || d.decidedAt >= prev.decidedAt) latest.set(key, d);
  }
  return [...latest.entries()]
    .sort(([ka, a], [kb, b]) => (a.decidedAt < b.decidedAt ? -1 : a.decidedAt > b.decidedAt ? 1 : ka < kb ? -1 : ka > kb ? 1 : 0))
    .map(([, d]) => d);
}

/**
 * When two records of different datasets are proposed as possibly the same event (with
 * compatible categories, see `category-compatibility.ts`): their day spans overlap, or would if
 * one of them moved by up to `daySlack` days (14 and 15 July: yes; 14 and 16 July: no), and their
 * points are within `maxDistanceM`, or both name the same township and at least one of them is
 * known only to the township.
 */
export const CANDIDATE_RULES = { daySlack: 1, maxDistanceM: 5_000 } as const;

/**
 * What linking needs to know about one record. Built from an Incident (`linkFactsOf`) or from a
 * row of a dataset file, so the built-in columns and imported incidents link alike.
 */
export interface LinkFacts {
  /** The loaded dataset the record belongs to; two records of one dataset are never linked. */
  readonly dataset: string;
  readonly ref: RecordRef;
  readonly date: Pick<IncidentDate, 'precision' | 'start' | 'end'>;
  readonly lon: number;
  readonly lat: number;
  readonly category: CategoryId;
  /** True when an importer chose the category for want of a weapon keyword (see `categoryIsFallback`). */
  readonly categoryFallback: boolean;
  readonly precision: LocationPrecision;
  readonly admin1: string;
  readonly township: string | undefined;
  readonly ownRef: ExternalRef | null;
  readonly refs: readonly ExternalRef[];
}

/**
 * What linking needs to know about a record: its own id and fallback category as the record
 * carries them, or read from its `extra` and sources when it has its details.
 */
export function linkFactsOf(incident: IncidentRecord): LinkFacts {
  const full = hasDetails(incident) ? incident : null;
  const ownRef = incident.ownRef !== undefined ? incident.ownRef : full ? ownExternalRef(full) : null;
  return {
    dataset: incident.dataset,
    ref: ownRef ?? { dataset: incident.dataset, id: incident.id },
    date: incident.date,
    lon: incident.lon,
    lat: incident.lat,
    category: incident.category,
    categoryFallback: incident.categoryFallback ?? (full ? categoryIsFallback(full) : false),
    precision: incident.precision,
    admin1: incident.place.admin1,
    township: incident.place.township,
    ownRef,
    refs: incident.refs ?? [],
  };
}
