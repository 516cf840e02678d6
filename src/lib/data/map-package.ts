/**
 * The map package (issue 15): one file, `<title>.conflictmap.geojson`, that carries a map to a
 * colleague. It is an RFC 7946 FeatureCollection, so QGIS and other GIS tools open it, with one
 * foreign member (§6.1), `conflictMap`, written before `features` so a reader meets it first:
 *
 * ```json
 * { "type": "FeatureCollection",
 *   "conflictMap": { "format": "conflict-map/map-package", "version": 1, "title": "…", "created": "…",
 *                    "view": {…} | null, "filters": {…} | null, "selection": {…} | null,
 *                    "decisions": { "format": "conflict-map/link-decisions", … },
 *                    "datasets": [{ "id", "name", "fileName", "format", "importedAt", "attribution",
 *                                   "licence", "citation", "rows", "hash", "included", "builtin"? }],
 *                    "features": 807, "check": "<sha-256>" },
 *   "features": [ … one Point feature per incident, the GeoJSON export's own features … ] }
 * ```
 *
 * This module is the format both sides share: the member's types and limits, the reader that
 * rebuilds a member from untrusted JSON (refusing with a message, never throwing), the content
 * hash of a dataset's records and the package check. The writer is `share/package-writer.ts`;
 * the streaming reader runs in the import worker (`import/package-import.ts`). Pure: WebCrypto
 * for the hashes, nothing else.
 */
import { canonicalJson } from '../domain/canonical-json.ts';
import type { LinkDecision, RecordRef } from '../domain/event-link.ts';
import { isRecord } from '../domain/guards.ts';
import type { Incident } from '../domain/incident.ts';
import type { CameraView } from '../domain/view.ts';
import { linkDecisionsFromValue } from './link-decisions.ts';

/** The foreign member of the FeatureCollection that makes it a map package. */
export const PACKAGE_MEMBER = 'conflictMap';
/** The member's `format` tag. */
export const PACKAGE_FORMAT = 'conflict-map/map-package';
/** The layout version this module writes and reads. */
export const PACKAGE_VERSION = 1;
/** What a package's file name ends with. */
export const PACKAGE_FILE_SUFFIX = '.conflictmap.geojson';

/**
 * True when a file's name says it is a map package (the writer always names it so). Such a file
 * is read only as a package: streamed, checked whole, and refused if it is not one.
 * @example isPackageFileName('Sagaing, 2022.ConflictMap.geojson') // true
 */
export function isPackageFileName(name: string): boolean {
  return name.toLowerCase().endsWith(PACKAGE_FILE_SUFFIX);
}

/** Bounds for a package from outside, checked before anything is built from it. */
export const PACKAGE_LIMITS = {
  /** The `conflictMap` member as text (100,000 decisions take about 17 MB). */
  maxMemberChars: 32 * 1024 * 1024,
  /** Nesting inside the member: decisions are the deepest (5 levels). */
  maxMemberDepth: 8,
  /** One feature as text: far above an incident with long notes and many sources. */
  maxFeatureChars: 4 * 1024 * 1024,
  /** Nesting inside one feature (a Point feature with sources needs 4). */
  maxFeatureDepth: 16,
  /** Any other top-level member (`bbox`, `crs`, a tool's own): skipped, but bounded. */
  maxOtherMemberChars: 1024 * 1024,
  maxDatasets: 100,
  maxRows: 10_000_000,
  /** Each text of the member (title, names, attribution…). */
  maxText: 10_000,
  maxFilterParams: 32,
  maxFilterValueChars: 100_000,
} as const;

/** Records per block of the content hash (see `ContentHasher`). */
export const HASH_BLOCK_RECORDS = 4096;

/** A dataset the package names: carried as features (`included`), or by reference (a built-in). */
export interface PackageDataset {
  /** The dataset id on the sender's device; every feature of it says `"dataset": id`. */
  readonly id: string;
  readonly name: string;
  /** The file it was first imported from ('' for a built-in). */
  readonly fileName: string;
  /** The importer format it was read with (`acled`, `ucdp-ged`, `geojson`, `conflict-map`, `curated`). */
  readonly format: string;
  /** When it was first imported (ISO timestamp), or null for a built-in. */
  readonly importedAt: string | null;
  readonly attribution: string | null;
  readonly licence: string | null;
  readonly citation: string | null;
  /** Records of it in this package, or for a built-in by reference the records it has. */
  readonly rows: number;
  /** SHA-256 (hex) of its records in the package (`ContentHasher`); for a built-in by reference, its version hash. */
  readonly hash: string;
  /** True when its records travel in `features`. */
  readonly included: boolean;
  /** For a built-in dataset: which one, and the version hash of the sender's copy. */
  readonly builtin?: { readonly ref: string; readonly version: string };
}

/** The `conflictMap` member, rebuilt from known fields. */
export interface PackageMember {
  readonly version: typeof PACKAGE_VERSION;
  readonly title: string;
  /** When the package was made (ISO timestamp), or null. */
  readonly created: string | null;
  /** The sender's map view, or null when left out. */
  readonly view: CameraView | null;
  /** The sender's filters as the permalink writes them (`from`, `to`, `cat`, `ds`…), or null when left out. */
  readonly filters: Readonly<Record<string, string>> | null;
  /** The selected record, or null. */
  readonly selection: RecordRef | null;
  readonly decisions: readonly LinkDecision[];
  readonly datasets: readonly PackageDataset[];
  /** The number of features: the rows of the included datasets. */
  readonly features: number;
  /** SHA-256 (hex) of the canonical JSON of the member without `check` (see `packageCheck`). */
  readonly check: string;
}

/** A dataset id as packages and links carry it: what `datasetIdFor` makes, and the built-ins' ids. */
export const DATASET_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const HEX64 = /^[0-9a-f]{64}$/;
const HEX_VERSION = /^[0-9a-f]{12,64}$/;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

// ---------------------------------------------------------------------------------------------
// Hashes.

const encoder = new TextEncoder();

function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** SHA-256 of a text's UTF-8 bytes, as hex. */
export async function sha256Hex(text: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

/** The record's id without its dataset's prefix (`acled-2021:MMR1` → `MMR1`; a curated `E08` stays). */
export function localRecordId(id: string, dataset: string): string {
  const prefix = `${dataset}:`;
  return id.startsWith(prefix) ? id.slice(prefix.length) : id;
}

/**
 * The text a record contributes to its dataset's content hash: its canonical JSON without the
 * dataset id and with its id local, so the hash does not change when the dataset is imported
 * under another id on another device.
 */
export function recordHashText(incident: Incident): string {
  return canonicalJson({ ...incident, id: localRecordId(incident.id, incident.dataset), dataset: undefined });
}

/**
 * The content hash of a dataset's records, in order, fed one record at a time. WebCrypto has no
 * incremental SHA-256, so the records are hashed in blocks of `HASH_BLOCK_RECORDS`: the hash is
 * SHA-256 over the SHA-256 digests of the blocks, each block being its records' `recordHashText`,
 * each followed by a line feed. No block text is ever larger than a few MB.
 */
export class ContentHasher {
  #texts: string[] = [];
  readonly #blocks: Promise<ArrayBuffer>[] = [];
  #count = 0;

  /** Records added so far. */
  get count(): number {
    return this.#count;
  }

  /** Adds the next record. */
  add(incident: Incident): void {
    this.#texts.push(recordHashText(incident));
    this.#count++;
    if (this.#texts.length === HASH_BLOCK_RECORDS) this.#flush();
  }

  #flush(): void {
    const text = `${this.#texts.join('\n')}\n`;
    this.#texts = [];
    this.#blocks.push(crypto.subtle.digest('SHA-256', encoder.encode(text)));
  }

  /** The hash (hex) of every record added. */
  async digest(): Promise<string> {
    if (this.#texts.length) this.#flush();
    const digests = await Promise.all(this.#blocks);
    const all = new Uint8Array(digests.length * 32);
    digests.forEach((d, i) => all.set(new Uint8Array(d), i * 32));
    return hex(await crypto.subtle.digest('SHA-256', all));
  }
}

/**
 * The content hash of a dataset's records (see `ContentHasher`), yielding to other work between
 * blocks so a page can hash 200,000 records without freezing.
 */
export async function datasetContentHash(incidents: readonly Incident[], yieldEvery = HASH_BLOCK_RECORDS): Promise<string> {
  const hasher = new ContentHasher();
  for (let i = 0; i < incidents.length; i++) {
    hasher.add(incidents[i] as Incident);
    if ((i + 1) % yieldEvery === 0) await new Promise((r) => setTimeout(r, 0));
  }
  return hasher.digest();
}

/** The package check: SHA-256 of the canonical JSON of the member as found, without its `check`. */
export async function packageCheck(member: Readonly<Record<string, unknown>>): Promise<string> {
  return sha256Hex(canonicalJson({ ...member, check: undefined }));
}

// ---------------------------------------------------------------------------------------------
// Reading the member.

/** The member rebuilt, or why it cannot be (a sentence for the import report). */
export type MemberRead = { readonly ok: true; readonly member: PackageMember } | { readonly ok: false; readonly message: string };

function text(v: unknown, max: number = PACKAGE_LIMITS.maxText): v is string {
  return typeof v === 'string' && v.length <= max;
}

function textOrNull(v: unknown): v is string | null {
  return v === null || text(v);
}

function count(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= PACKAGE_LIMITS.maxRows;
}

function finite(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
}

/** A map view from untrusted JSON: in the ranges a link accepts, or null. */
export function readPackageView(v: unknown): CameraView | null {
  if (!isRecord(v)) return null;
  const { zoom, lat, lon, bearing, pitch } = v;
  if (!finite(zoom, 0, 24) || !finite(lat, -85.06, 85.06) || !finite(lon, -180, 180) || !finite(bearing, -180, 180) || !finite(pitch, 0, 85)) return null;
  return { zoom, lat, lon, bearing, pitch };
}

function readFilters(v: unknown): Record<string, string> | null | false {
  if (v === null) return null;
  if (!isRecord(v)) return false;
  const entries = Object.entries(v);
  if (entries.length > PACKAGE_LIMITS.maxFilterParams) return false;
  const out: Record<string, string> = {};
  for (const [k, value] of entries) {
    if (!/^[a-z][a-z0-9._-]{0,31}$/.test(k) || !text(value, PACKAGE_LIMITS.maxFilterValueChars)) return false;
    out[k] = value;
  }
  return out;
}

function readSelection(v: unknown): RecordRef | null | false {
  if (v === null) return null;
  if (!isRecord(v) || typeof v.dataset !== 'string' || !DATASET_ID.test(v.dataset) || !text(v.id, 500) || v.id.trim() === '') return false;
  return { dataset: v.dataset, id: v.id };
}

function readDataset(v: unknown, i: number): PackageDataset | string {
  const where = `dataset ${i + 1}`;
  if (!isRecord(v)) return `${where} is not an object`;
  const { id, name, fileName, format, importedAt, attribution, licence, citation, rows, hash, included, builtin } = v;
  if (typeof id !== 'string' || !DATASET_ID.test(id)) return `${where} has no valid id (lowercase letters, digits and dashes)`;
  if (!text(name) || name.trim() === '') return `${where} has no name`;
  if (!text(fileName) || !text(format, 40)) return `${where} has no file name or format`;
  if (importedAt !== null && !(typeof importedAt === 'string' && ISO_TIMESTAMP.test(importedAt))) return `${where} has an importedAt that is not a timestamp`;
  if (!textOrNull(attribution) || !textOrNull(licence) || !textOrNull(citation)) return `${where} has an attribution, licence or citation that is not a text`;
  if (!count(rows)) return `${where} has no row count`;
  if (typeof included !== 'boolean') return `${where} does not say whether its records are included`;
  if (typeof hash !== 'string' || !(included ? HEX64 : HEX_VERSION).test(hash)) return `${where} has no valid content hash`;
  let ref: PackageDataset['builtin'];
  if (builtin !== undefined) {
    if (!isRecord(builtin) || typeof builtin.ref !== 'string' || !DATASET_ID.test(builtin.ref) || typeof builtin.version !== 'string' || !HEX_VERSION.test(builtin.version)) {
      return `${where} names a built-in dataset without a valid reference`;
    }
    ref = { ref: builtin.ref, version: builtin.version };
  } else if (!included) return `${where} is neither included nor a built-in dataset`;
  return {
    id,
    name,
    fileName,
    format,
    importedAt,
    attribution,
    licence,
    citation,
    rows,
    hash,
    included,
    ...(ref === undefined ? {} : { builtin: ref }),
  };
}

/**
 * The `conflictMap` member rebuilt from untrusted JSON (already depth-bounded and parsed), or why
 * it is not a package this version can read. Never throws. The check is verified separately
 * (`packageCheck`), over the member as found.
 */
export function readPackageMember(v: unknown): MemberRead {
  const no = (message: string): MemberRead => ({ ok: false, message });
  if (!isRecord(v) || v.format !== PACKAGE_FORMAT) return no(`It has a "${PACKAGE_MEMBER}" member but it is not a Conflict Map package (format "${PACKAGE_FORMAT}").`);
  const version = v.version;
  if (version !== PACKAGE_VERSION) {
    return no(
      typeof version === 'number' && Number.isInteger(version) && version > PACKAGE_VERSION
        ? `It is a map package of version ${version}, made by a newer Conflict Map; this one reads version ${PACKAGE_VERSION}. Update the app, or ask the sender for a GeoJSON export.`
        : `It is a map package of an unknown version (${JSON.stringify(version)?.slice(0, 20) ?? 'none'}); this app reads version ${PACKAGE_VERSION}.`,
    );
  }
  if (!text(v.title)) return no('Its title is not a text.');
  if (v.created !== null && !(typeof v.created === 'string' && ISO_TIMESTAMP.test(v.created))) return no('Its creation time is not a timestamp.');
  const view = v.view === null ? null : readPackageView(v.view);
  if (v.view !== null && view === null) return no('Its view is not a map view (zoom, lat, lon, bearing and pitch in range).');
  const filters = readFilters(v.filters);
  if (filters === false) return no('Its filters are not a short list of named texts.');
  const selection = readSelection(v.selection);
  if (selection === false) return no('Its selection is not {dataset, id}.');
  const decisions = linkDecisionsFromValue(v.decisions);
  if (decisions.error !== null) return no(`Its "same event" decisions cannot be read: ${decisions.error}.`);
  const firstBad = decisions.rejected[0];
  if (firstBad) return no(`"Same event" decision ${firstBad.index + 1} cannot be read: ${firstBad.reason}.`);
  if (!Array.isArray(v.datasets) || v.datasets.length === 0 || v.datasets.length > PACKAGE_LIMITS.maxDatasets) {
    return no(`Its list of datasets is missing, empty or longer than ${PACKAGE_LIMITS.maxDatasets}.`);
  }
  const datasets: PackageDataset[] = [];
  const ids = new Set<string>();
  for (const [i, item] of v.datasets.entries()) {
    const d = readDataset(item, i);
    if (typeof d === 'string') return no(`Its ${d}.`);
    if (ids.has(d.id)) return no(`It names the dataset "${d.id}" twice.`);
    ids.add(d.id);
    datasets.push(d);
  }
  const expected = datasets.reduce((n, d) => n + (d.included ? d.rows : 0), 0);
  if (v.features !== expected) return no(`It says it holds ${String(v.features).slice(0, 20)} features, but its datasets add up to ${expected}.`);
  if (typeof v.check !== 'string' || !HEX64.test(v.check)) return no('It has no package check.');
  return { ok: true, member: { version: PACKAGE_VERSION, title: v.title, created: v.created, view, filters, selection, decisions: decisions.decisions, datasets, features: expected, check: v.check } };
}
