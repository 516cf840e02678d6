/**
 * A person's "same event" / "not the same" decisions (issue #13), kept on this device and
 * carried in exports: as JSON (localStorage, IndexedDB, map packages), as a foreign member of
 * an exported GeoJSON FeatureCollection, and as a CSV beside an exported CSV. Every reader
 * treats its input as untrusted: it rebuilds decisions from known fields, refuses the rest one
 * by one with a reason, and never throws.
 */
import Papa from 'papaparse';
import { isRecord } from '../domain/guards.ts';
import { latestDecisions, type LinkDecision, type LinkVerdict, type RecordRef } from '../domain/event-link.ts';
import { checkJsonDepth } from './import/json-depth.ts';
import { neutraliseFormula, restoreFormulaText } from './import/csv-safety.ts';

/** The `format` tag of a serialised list of decisions. */
export const LINK_DECISIONS_FORMAT = 'conflict-map/link-decisions';
export const LINK_DECISIONS_VERSION = 1;
/** Where the decisions are kept in localStorage. */
export const LINK_DECISIONS_STORAGE_KEY = 'conflict-map.link-decisions';
/** The foreign member of an exported GeoJSON FeatureCollection that carries them. */
export const GEOJSON_MEMBER = 'linkDecisions';
/** Columns of the decisions CSV, in file order. */
export const LINK_DECISION_COLUMNS = ['a_dataset', 'a_id', 'b_dataset', 'b_id', 'verdict', 'decided_at'] as const;

/** Bounds for untrusted input. */
export const LINK_DECISION_LIMITS = { maxDecisions: 100_000, maxTextBytes: 20_000_000, maxRefText: 500 } as const;

const VERDICTS: readonly LinkVerdict[] = ['same', 'different'];
// An ISO 8601 UTC timestamp as `Date.prototype.toISOString` writes it (milliseconds optional).
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

/** Decisions read from somewhere, and the ones refused with why. */
export interface ParsedLinkDecisions {
  readonly decisions: LinkDecision[];
  /** Items refused one by one (0-based position in the list, or data row for a CSV). */
  readonly rejected: readonly { readonly index: number; readonly reason: string }[];
  /** Set when nothing could be read at all (not JSON, another format, a newer version…). */
  readonly error: string | null;
}

/** A decision made now, by a person, about two records. */
export function linkDecision(a: RecordRef, b: RecordRef, verdict: LinkVerdict, at: Date = new Date()): LinkDecision {
  return { a: { dataset: a.dataset, id: a.id }, b: { dataset: b.dataset, id: b.id }, verdict, decidedAt: at.toISOString() };
}

function readRef(v: unknown, which: string): RecordRef | string {
  if (!isRecord(v)) return `${which} is not {dataset, id}`;
  const { dataset, id } = v;
  const max = LINK_DECISION_LIMITS.maxRefText;
  if (typeof dataset !== 'string' || dataset.trim() === '' || dataset.length > max) return `${which}.dataset must be a text of 1–${max} characters`;
  if (typeof id !== 'string' || id.trim() === '' || id.length > max) return `${which}.id must be a text of 1–${max} characters`;
  return { dataset, id };
}

/** One decision rebuilt from untrusted data, or the reason it cannot be. */
export function readLinkDecision(v: unknown): LinkDecision | string {
  if (!isRecord(v)) return 'not an object';
  const a = readRef(v['a'], 'a');
  if (typeof a === 'string') return a;
  const b = readRef(v['b'], 'b');
  if (typeof b === 'string') return b;
  if (a.dataset === b.dataset && a.id === b.id) return 'a and b are the same record';
  const verdict = v['verdict'];
  if (typeof verdict !== 'string' || !(VERDICTS as readonly string[]).includes(verdict)) return `verdict ${JSON.stringify(verdict) ?? 'undefined'} is not "same" or "different"`;
  const at = v['decidedAt'];
  if (typeof at !== 'string' || !ISO_TIMESTAMP.test(at) || !Number.isFinite(Date.parse(at))) return `decidedAt ${JSON.stringify(at) ?? 'undefined'} is not an ISO timestamp like 2026-01-31T09:30:00.000Z`;
  return { a, b, verdict: verdict as LinkVerdict, decidedAt: at };
}

function readList(list: unknown): ParsedLinkDecisions {
  if (!Array.isArray(list)) return { decisions: [], rejected: [], error: 'decisions is not a list' };
  if (list.length > LINK_DECISION_LIMITS.maxDecisions) return { decisions: [], rejected: [], error: `more than ${LINK_DECISION_LIMITS.maxDecisions.toLocaleString('en')} decisions` };
  const decisions: LinkDecision[] = [];
  const rejected: { index: number; reason: string }[] = [];
  list.forEach((item, index) => {
    const d = readLinkDecision(item);
    if (typeof d === 'string') rejected.push({ index, reason: d });
    else decisions.push(d);
  });
  return { decisions, rejected, error: null };
}

/** Decisions from their serialised object (`{ format, version, decisions }`), as parsed JSON. */
export function linkDecisionsFromValue(value: unknown): ParsedLinkDecisions {
  if (!isRecord(value) || value['format'] !== LINK_DECISIONS_FORMAT) return { decisions: [], rejected: [], error: `not a list of link decisions (format "${LINK_DECISIONS_FORMAT}")` };
  const version = value['version'];
  if (version !== LINK_DECISIONS_VERSION) {
    return {
      decisions: [],
      rejected: [],
      error: typeof version === 'number' && version > LINK_DECISIONS_VERSION ? `link decisions version ${version} were saved by a newer version of the app` : `unknown link decisions version ${JSON.stringify(version) ?? 'undefined'}`,
    };
  }
  return readList(value['decisions']);
}

/**
 * Decisions as JSON text, one per pair (the latest), oldest first.
 * @example parseLinkDecisions(serializeLinkDecisions(decisions)).decisions // the same decisions
 */
export function serializeLinkDecisions(decisions: readonly LinkDecision[]): string {
  return JSON.stringify(linkDecisionsValue(decisions));
}

/** The serialised object, for embedding in a larger JSON document (a map package). */
export function linkDecisionsValue(decisions: readonly LinkDecision[]): { format: string; version: number; decisions: LinkDecision[] } {
  return { format: LINK_DECISIONS_FORMAT, version: LINK_DECISIONS_VERSION, decisions: latestDecisions(decisions) };
}

/** Decisions from JSON text (size- and depth-bounded before parsing). */
export function parseLinkDecisions(text: string): ParsedLinkDecisions {
  if (text.length > LINK_DECISION_LIMITS.maxTextBytes) return { decisions: [], rejected: [], error: 'the text is too large' };
  if (!checkJsonDepth(text, 8)) return { decisions: [], rejected: [], error: 'the JSON is nested too deeply' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { decisions: [], rejected: [], error: 'not valid JSON' };
  }
  return linkDecisionsFromValue(value);
}

/** The decisions kept on this device (none when storage is empty, blocked or unreadable). */
export function loadLinkDecisions(storage: Pick<Storage, 'getItem'> | null): ParsedLinkDecisions {
  let text: string | null = null;
  try {
    text = storage?.getItem(LINK_DECISIONS_STORAGE_KEY) ?? null;
  } catch {
    // Blocked storage reads as none kept.
  }
  return text === null ? { decisions: [], rejected: [], error: null } : parseLinkDecisions(text);
}

/** Keeps the decisions on this device; false when storage is full or blocked (they still apply this session). */
export function saveLinkDecisions(storage: Pick<Storage, 'setItem'> | null, decisions: readonly LinkDecision[]): boolean {
  try {
    storage?.setItem(LINK_DECISIONS_STORAGE_KEY, serializeLinkDecisions(decisions));
    return storage !== null;
  } catch {
    return false;
  }
}

/** An exported FeatureCollection with the decisions as its `linkDecisions` foreign member (RFC 7946 §6.1). */
export function withLinkDecisions<T extends { readonly type: 'FeatureCollection' }>(collection: T, decisions: readonly LinkDecision[]): T & { linkDecisions: ReturnType<typeof linkDecisionsValue> } {
  return { ...collection, [GEOJSON_MEMBER]: linkDecisionsValue(decisions) };
}

/** The decisions of an imported GeoJSON document (parsed), or none when it carries none. */
export function linkDecisionsFromGeoJson(value: unknown): ParsedLinkDecisions {
  if (!isRecord(value) || value[GEOJSON_MEMBER] === undefined) return { decisions: [], rejected: [], error: null };
  return linkDecisionsFromValue(value[GEOJSON_MEMBER]);
}

/** Decisions as CSV text (UTF-8 with BOM, CRLF), texts formula-neutralised like every CSV we write. */
export function linkDecisionsToCsv(decisions: readonly LinkDecision[]): string {
  const data = latestDecisions(decisions).map((d) => [d.a.dataset, d.a.id, d.b.dataset, d.b.id, d.verdict, d.decidedAt].map(neutraliseFormula));
  return `\uFEFF${Papa.unparse({ fields: [...LINK_DECISION_COLUMNS], data }, { newline: '\r\n' })}`;
}

/** Decisions from a CSV written by `linkDecisionsToCsv` (rows numbered from 1 after the header). */
export function linkDecisionsFromCsv(text: string): ParsedLinkDecisions {
  if (text.length > LINK_DECISION_LIMITS.maxTextBytes) return { decisions: [], rejected: [], error: 'the text is too large' };
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const [header, ...rows] = parsed.data;
  if (header === undefined || LINK_DECISION_COLUMNS.some((c, i) => header[i]?.trim() !== c)) {
    return { decisions: [], rejected: [], error: `not a link decisions CSV (columns ${LINK_DECISION_COLUMNS.join(', ')})` };
  }
  if (rows.length > LINK_DECISION_LIMITS.maxDecisions) return { decisions: [], rejected: [], error: `more than ${LINK_DECISION_LIMITS.maxDecisions.toLocaleString('en')} decisions` };
  const decisions: LinkDecision[] = [];
  const rejected: { index: number; reason: string }[] = [];
  rows.forEach((row, i) => {
    const cell = (k: number) => restoreFormulaText(row[k] ?? '');
    const d = readLinkDecision({ a: { dataset: cell(0), id: cell(1) }, b: { dataset: cell(2), id: cell(3) }, verdict: cell(4), decidedAt: cell(5) });
    if (typeof d === 'string') rejected.push({ index: i + 1, reason: d });
    else decisions.push(d);
  });
  return { decisions, rejected, error: null };
}
