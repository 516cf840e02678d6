/**
 * The app's own dataset file, format v1 (issues #13 and #14): typed-array columns, not one
 * object per row. A dataset is two files: the **core** (what the map, filters, feed, linking and
 * counting need) and the **details** (summaries, sources, figures, `extra`…), so the core loads
 * before the first idle and the details when someone opens a record. Layout, limits and the
 * reasons for them: `DATASET-FORMAT.md` beside this file.
 *
 * Pure: no DOM, no Node API. It runs in a Web Worker, in the page and in Node 20 (WebCrypto for
 * the hash, Compression Streams for the optional gzip body).
 *
 * ```ts
 * const { core, details } = await encodeDataset(meta, incidents, { compress: true });
 * const columns = decodeDatasetCore(await verifyDataset(core, { part: 'core' }));
 * const info = decodeDatasetDetails(await verifyDataset(details, { part: 'details', sha256: columns.details.sha256 }));
 * const incident = incidentFrom(columns, 0, info.row(0)); // deep-equals incidents[0]
 * ```
 */
import { CATEGORY_IDS } from '../domain/categories.ts';
import { dayNumber, dayString, type IsoDay } from '../domain/calendar.ts';
import { categoryIsFallback } from '../domain/category-compatibility.ts';
import { incidentDaySpan } from '../domain/date-span.ts';
import {
  externalRefProblem,
  isExternalDatasetId,
  ownExternalRef,
  type ExternalDatasetId,
  type ExternalRef,
  type LinkFacts,
} from '../domain/event-link.ts';
import { isRecord } from '../domain/guards.ts';
import type { Figure, Incident, IncidentDate, IncidentRecord, SourceRef, WeaponClaim } from '../domain/incident.ts';
import { DATE_PRECISIONS, LOCATION_PRECISIONS, type DatePrecision, type LocationPrecision } from '../domain/precision.ts';
import { VERIFICATION_STATUSES, type VerificationStatus } from '../domain/verification.ts';
import { checkJsonDepth } from './import/json-depth.ts';
import { readExtra, readFigure, readList, readSource, readSourceCoordinates, readWeapon } from './import/validate.ts';

/** The four bytes every dataset file starts with. */
export const DATASET_MAGIC = 'CMDS';
/** The layout version this module writes and reads. */
export const DATASET_FORMAT_VERSION = 1;
/** File name extension of dataset files. */
export const DATASET_FILE_EXTENSION = '.cmds';

/** Bounds a file must respect before anything is allocated for it. */
export const DATASET_LIMITS = {
  /** The JSON header: metadata and the section table (a few KB in practice). */
  maxHeaderBytes: 1 << 20,
  /** The uncompressed body (columns and texts): above a million ACLED rows with their notes. */
  maxBodyBytes: 1_500_000_000,
  maxRows: 10_000_000,
  maxSections: 256,
  /** Each metadata text (name, attribution, citation…). */
  maxMetaText: 10_000,
} as const;

const PREAMBLE_BYTES = 48;
const PART_CODE = { core: 1, details: 2 } as const;
const COMPRESSION_NONE = 0;
const COMPRESSION_GZIP = 1;

/** A dataset file that cannot be read, with a message that says why. */
export class DatasetFormatError extends Error {
  override readonly name = 'DatasetFormatError';
}

function fail(message: string): never {
  throw new DatasetFormatError(message);
}

/** What a dataset is and where it comes from; shown in the legend, popups, citations and exports. */
export interface DatasetMeta {
  /** The dataset id, `Incident.dataset` of every row (`ucdp-ged` for the built-in UCDP record). */
  readonly id: string;
  readonly name: string;
  /** The importer format the rows were read with (`ucdp-ged`, `acled`, `geojson`, `conflict-map`, `curated`). */
  readonly format: string;
  /** Attribution the dataset's terms require, or null. */
  readonly attribution: string | null;
  readonly licence: string | null;
  readonly citation: string | null;
  /** The file the rows were read from, with its SHA-256 (hex) when known. */
  readonly source: { readonly file: string; readonly sha256: string | null } | null;
  /** Who made the file; `at` is null for files that must be byte-identical when rebuilt. */
  readonly created: { readonly by: string; readonly at: string | null };
}

export type DatasetPart = keyof typeof PART_CODE;

type SectionType = 'u8' | 'u16' | 'u32' | 'i32' | 'f64';
type Codes = Uint8Array | Uint16Array | Uint32Array;

const SECTION_BYTES: Readonly<Record<SectionType, number>> = { u8: 1, u16: 2, u32: 4, i32: 4, f64: 8 };

interface SectionInfo {
  readonly name: string;
  readonly type: SectionType;
  /** Byte offset from the start of the body, a multiple of 8. */
  readonly offset: number;
  readonly count: number;
}

interface Header {
  readonly part: DatasetPart;
  readonly meta: DatasetMeta;
  readonly rows: number;
  /** Core: the prefix every id starts with, stored once (`ucdp-ged:`). */
  readonly idPrefix?: string;
  /** Core: the details file that belongs to it. */
  readonly details?: { readonly sha256: string; readonly bytes: number };
  readonly sections: readonly SectionInfo[];
}

// ---------------------------------------------------------------------------------------------
// Writing.

const encoder = new TextEncoder();

/** Collects sections and lays them out 8-byte aligned, in the order they were added. */
class BodyWriter {
  readonly #parts: { name: string; type: SectionType; bytes: Uint8Array; count: number }[] = [];

  add(name: string, type: SectionType, data: ArrayBufferView, count: number): void {
    this.#parts.push({ name, type, bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), count });
  }

  /** Per-row texts: lengths (UTF-8 bytes + 1; 0 = none) in the narrowest type, and one blob. */
  strings(name: string, values: readonly (string | undefined)[]): void {
    const lengths = new Uint32Array(values.length);
    let blob = new Uint8Array(Math.max(16, values.length * 8));
    let at = 0;
    values.forEach((v, i) => {
      if (v === undefined) return;
      // encodeInto writes at most 3 bytes per UTF-16 unit; grow first so it never stops short.
      if (blob.length - at < v.length * 3) {
        const bigger = new Uint8Array(Math.max(blob.length * 2, at + v.length * 3));
        bigger.set(blob.subarray(0, at));
        blob = bigger;
      }
      const { written } = encoder.encodeInto(v, blob.subarray(at));
      at += written;
      lengths[i] = written + 1;
    });
    const narrow = narrowest(lengths);
    this.add(`${name}.lengths`, narrow.type, narrow.array, values.length);
    this.add(`${name}.bytes`, 'u8', blob.subarray(0, at), at);
  }

  /** Repeated texts: a code per row (0 = none, k = the k-th distinct value) and the distinct values. */
  dict(name: string, values: readonly (string | undefined)[]): void {
    const codeOf = new Map<string, number>();
    const distinct: string[] = [];
    const codes = new Uint32Array(values.length);
    values.forEach((v, i) => {
      if (v === undefined) return;
      let c = codeOf.get(v);
      if (c === undefined) {
        distinct.push(v);
        c = distinct.length;
        codeOf.set(v, c);
      }
      codes[i] = c;
    });
    const narrow = narrowest(codes);
    this.add(`${name}.codes`, narrow.type, narrow.array, values.length);
    this.strings(`${name}.values`, distinct);
  }

  finish(): { body: Uint8Array; sections: SectionInfo[] } {
    const sections: SectionInfo[] = [];
    let size = 0;
    for (const p of this.#parts) {
      sections.push({ name: p.name, type: p.type, offset: size, count: p.count });
      size = align8(size + p.bytes.byteLength);
    }
    const body = new Uint8Array(size);
    this.#parts.forEach((p, i) => body.set(p.bytes, (sections[i] as SectionInfo).offset));
    return { body, sections };
  }
}

function narrowest(values: Uint32Array): { type: SectionType; array: Codes } {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  if (max <= 0xff) return { type: 'u8', array: Uint8Array.from(values) };
  if (max <= 0xffff) return { type: 'u16', array: Uint16Array.from(values) };
  return { type: 'u32', array: values };
}

function align8(n: number): number {
  return Math.ceil(n / 8) * 8;
}

const INCIDENT_KEYS = new Set([
  'id', 'category', 'title', 'date', 'place', 'lon', 'lat', 'precision', 'sourceCoordinates', 'weapons', 'killed',
  'displaced', 'summary', 'sources', 'verification', 'dataset', 'extra', 'refs',
]);
const DATE_KEYS = new Set(['precision', 'start', 'end', 'note']);
const PLACE_KEYS = new Set(['name', 'nameMy', 'admin1', 'township', 'townshipCode', 'areaCode', 'locationSource']);
const VERIFICATION_KEYS = new Set(['status', 'text']);

/** Refuses a record field this version cannot store, so nothing is dropped without a word. */
function checkKeys(value: object, known: ReadonlySet<string>, what: string, row: number): void {
  for (const key of Object.keys(value)) if (!known.has(key)) fail(`row ${row}: ${what} field "${key}" is not stored by dataset format v${DATASET_FORMAT_VERSION}`);
}

function codeIn<T extends string>(list: readonly T[], value: T, what: string, row: number): number {
  const i = list.indexOf(value);
  if (i < 0) fail(`row ${row}: unknown ${what} ${JSON.stringify(value)}`);
  return i;
}

function dayOrFail(day: unknown, what: string, row: number): number {
  const n = typeof day === 'string' ? dayNumber(day) : null;
  if (n === null || dayString(n) !== day) fail(`row ${row}: ${what} ${JSON.stringify(day)} is not a YYYY-MM-DD calendar day`);
  return n;
}

function commonIdPrefix(incidents: readonly Incident[], datasetId: string): string {
  const prefix = `${datasetId}:`;
  return incidents.length > 0 && incidents.every((inc) => inc.id.startsWith(prefix)) ? prefix : '';
}

function extraWithoutEventId(extra: Incident['extra']): string | undefined {
  if (extra === undefined) return undefined;
  const eventId = extra['event_id'];
  const text = JSON.stringify(extra);
  if (typeof eventId !== 'string') return text;
  // Importers write event_id first: cut it from the text (fast); otherwise leave it out with a replacer.
  const head = `{"event_id":${JSON.stringify(eventId)}`;
  if (text.startsWith(head)) return text.length === head.length + 1 ? '{}' : `{${text.slice(head.length + 1)}`;
  return JSON.stringify(extra, function (this: unknown, key: string, value: unknown) {
    return this === extra && key === 'event_id' ? undefined : value;
  });
}

/**
 * JSON of a value, computed once per object: importers share one figure list, weapon list or
 * empty list among thousands of rows, and those rows need not be serialised again.
 */
function jsonOnce(cache: WeakMap<object, string>, value: object): string {
  let text = cache.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    cache.set(value, text);
  }
  return text;
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function gzip(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * One file: the preamble, the header JSON, zero padding to 8 bytes, and the body (stored as is
 * or gzip-compressed). The hash covers everything after the preamble of the uncompressed file,
 * so the same content has the same hash whether it is stored compressed or not.
 */
async function writeFile(part: DatasetPart, header: Header, body: Uint8Array, compress: boolean): Promise<{ file: ArrayBuffer; sha256: string; plainBytes: number }> {
  const headerBytes = encoder.encode(JSON.stringify(header));
  if (headerBytes.length > DATASET_LIMITS.maxHeaderBytes) fail(`the header would take ${headerBytes.length} bytes, over the ${DATASET_LIMITS.maxHeaderBytes}-byte limit`);
  if (body.length > DATASET_LIMITS.maxBodyBytes) fail(`the body would take ${body.length} bytes, over the ${DATASET_LIMITS.maxBodyBytes}-byte limit`);
  const bodyStart = align8(PREAMBLE_BYTES + headerBytes.length);
  const plain = new Uint8Array(bodyStart + body.length);
  plain.set(headerBytes, PREAMBLE_BYTES);
  plain.set(body, bodyStart);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', plain.subarray(PREAMBLE_BYTES)));
  writePreamble(plain, part, COMPRESSION_NONE, headerBytes.length, body.length, digest);
  const sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  if (!compress) return { file: plain.buffer, sha256, plainBytes: plain.length };
  const packed = await gzip(plain.slice(bodyStart));
  const file = new Uint8Array(bodyStart + packed.length);
  file.set(plain.subarray(0, bodyStart));
  file.set(packed, bodyStart);
  file[7] = COMPRESSION_GZIP;
  return { file: file.buffer, sha256, plainBytes: plain.length };
}

function writePreamble(out: Uint8Array, part: DatasetPart, compression: number, headerBytes: number, bodyBytes: number, digest: Uint8Array): void {
  const view = new DataView(out.buffer, out.byteOffset, PREAMBLE_BYTES);
  for (let i = 0; i < 4; i++) out[i] = DATASET_MAGIC.charCodeAt(i);
  view.setUint16(4, DATASET_FORMAT_VERSION, true);
  out[6] = PART_CODE[part];
  out[7] = compression;
  view.setUint32(8, headerBytes, true);
  view.setUint32(12, bodyBytes, true);
  out.set(digest, 16);
}

/** Options of `encodeDataset`. */
export interface EncodeOptions {
  /** Store each body gzip-compressed (for files served over the network); default false. */
  readonly compress?: boolean;
}

/**
 * Writes incidents as a core file and a details file. Deterministic: the same meta and the same
 * incidents in the same order give the same bytes. Refuses (DatasetFormatError) a row of
 * another dataset, an unknown enum value, a date that is not a calendar day, a non-finite
 * coordinate, a malformed reference, or a field this version does not store.
 * Lone UTF-16 surrogates in texts are written as U+FFFD (UTF-8 cannot hold them).
 * @example const { core, details } = await encodeDataset(meta, report.incidents, { compress: true });
 */
export async function encodeDataset(meta: DatasetMeta, incidents: readonly Incident[], options: EncodeOptions = {}): Promise<{ core: ArrayBuffer; details: ArrayBuffer }> {
  const n = incidents.length;
  if (n > DATASET_LIMITS.maxRows) fail(`${n} rows is over the ${DATASET_LIMITS.maxRows}-row limit`);
  const idPrefix = commonIdPrefix(incidents, meta.id);

  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  const startDay = new Int32Array(n);
  const endDay = new Int32Array(n);
  const datePrecision = new Uint8Array(n);
  const category = new Uint8Array(n);
  const fallback = new Uint8Array(n);
  const precision = new Uint8Array(n);
  const verification = new Uint8Array(n);
  const dateExceptions: [row: number, start: number, end: number][] = [];
  const ids: (string | undefined)[] = [];
  const titles: string[] = [];
  const placeNames: string[] = [];
  const admin1: string[] = [];
  const townships: (string | undefined)[] = [];
  const townshipCodes: (string | undefined)[] = [];
  const areaCodes: (string | undefined)[] = [];
  const eventIds: (string | undefined)[] = [];
  const eventIdDatasets: (string | undefined)[] = [];
  const refStart = new Uint32Array(n + 1);
  const refDatasets: string[] = [];
  const refIds: string[] = [];
  const d = {
    summary: [] as string[],
    sources: [] as string[],
    killed: [] as string[],
    displaced: [] as string[],
    weapons: [] as string[],
    verificationText: [] as string[],
    dateNote: [] as (string | undefined)[],
    nameMy: [] as (string | undefined)[],
    locationSource: [] as (string | undefined)[],
    sourceCoordinates: [] as (string | undefined)[],
    extra: [] as (string | undefined)[],
  };

  const json = new WeakMap<object, string>();
  incidents.forEach((inc, row) => {
    checkKeys(inc, INCIDENT_KEYS, 'incident', row);
    checkKeys(inc.date, DATE_KEYS, 'date', row);
    checkKeys(inc.place, PLACE_KEYS, 'place', row);
    checkKeys(inc.verification, VERIFICATION_KEYS, 'verification', row);
    if (inc.dataset !== meta.id) fail(`row ${row}: belongs to dataset ${JSON.stringify(inc.dataset)}, not ${JSON.stringify(meta.id)}`);
    if (!Number.isFinite(inc.lon) || !Number.isFinite(inc.lat)) fail(`row ${row}: coordinates ${inc.lon}, ${inc.lat} are not finite numbers`);
    lon[row] = inc.lon;
    lat[row] = inc.lat;
    const s = dayOrFail(inc.date.start, 'date start', row);
    const e = dayOrFail(inc.date.end, 'date end', row);
    datePrecision[row] = codeIn(DATE_PRECISIONS, inc.date.precision, 'date precision', row);
    const span = incidentDaySpan(inc.date) as readonly [number, number];
    startDay[row] = span[0];
    endDay[row] = span[1];
    // The written days equal the span for every valid date; others are kept exactly, aside.
    if (s !== span[0] || e !== span[1]) dateExceptions.push([row, s, e]);
    category[row] = codeIn(CATEGORY_IDS, inc.category, 'category', row);
    fallback[row] = categoryIsFallback(inc) ? 1 : 0;
    precision[row] = codeIn(LOCATION_PRECISIONS, inc.precision, 'location precision', row);
    verification[row] = codeIn(VERIFICATION_STATUSES, inc.verification.status, 'verification status', row);
    const eventId = inc.extra?.['event_id'];
    // Most imported ids are the prefix and the event id: stored once, in eventId.
    ids.push(typeof eventId === 'string' && inc.id === idPrefix + eventId ? undefined : inc.id.slice(idPrefix.length));
    titles.push(inc.title);
    placeNames.push(inc.place.name);
    admin1.push(inc.place.admin1);
    townships.push(inc.place.township);
    townshipCodes.push(inc.place.townshipCode);
    areaCodes.push(inc.place.areaCode);
    eventIds.push(typeof eventId === 'string' ? eventId : undefined);
    eventIdDatasets.push(ownExternalRef(inc)?.dataset);
    if (inc.refs !== undefined) {
      for (const ref of inc.refs) {
        const problem = externalRefProblem(ref);
        if (problem !== null) fail(`row ${row}: a reference ${problem}`);
        refDatasets.push(ref.dataset);
        refIds.push(ref.id);
      }
    }
    refStart[row + 1] = refIds.length;

    d.summary.push(inc.summary);
    d.sources.push(JSON.stringify(inc.sources));
    d.killed.push(jsonOnce(json, inc.killed));
    d.displaced.push(jsonOnce(json, inc.displaced));
    d.weapons.push(jsonOnce(json, inc.weapons));
    d.verificationText.push(inc.verification.text);
    d.dateNote.push(inc.date.note);
    d.nameMy.push(inc.place.nameMy);
    d.locationSource.push(inc.place.locationSource);
    d.sourceCoordinates.push(inc.sourceCoordinates === undefined ? undefined : JSON.stringify(inc.sourceCoordinates));
    d.extra.push(extraWithoutEventId(inc.extra));
  });

  const details = new BodyWriter();
  details.strings('summary', d.summary);
  details.strings('sources', d.sources);
  details.dict('killed', d.killed);
  details.dict('displaced', d.displaced);
  details.dict('weapons', d.weapons);
  details.dict('verificationText', d.verificationText);
  details.dict('dateNote', d.dateNote);
  details.dict('nameMy', d.nameMy);
  details.dict('locationSource', d.locationSource);
  details.strings('sourceCoordinates', d.sourceCoordinates);
  details.strings('extra', d.extra);
  const detailsBody = details.finish();
  const compress = options.compress === true;
  const detailsFile = await writeFile('details', { part: 'details', meta, rows: n, sections: detailsBody.sections }, detailsBody.body, compress);

  const core = new BodyWriter();
  core.add('lon', 'f64', lon, n);
  core.add('lat', 'f64', lat, n);
  core.add('startDay', 'i32', startDay, n);
  core.add('endDay', 'i32', endDay, n);
  core.add('datePrecision', 'u8', datePrecision, n);
  core.add('category', 'u8', category, n);
  core.add('categoryFallback', 'u8', fallback, n);
  core.add('precision', 'u8', precision, n);
  core.add('verification', 'u8', verification, n);
  core.add('dateExceptionRow', 'u32', Uint32Array.from(dateExceptions, (x) => x[0]), dateExceptions.length);
  core.add('dateExceptionStart', 'i32', Int32Array.from(dateExceptions, (x) => x[1]), dateExceptions.length);
  core.add('dateExceptionEnd', 'i32', Int32Array.from(dateExceptions, (x) => x[2]), dateExceptions.length);
  core.strings('id', ids);
  core.dict('title', titles);
  core.dict('placeName', placeNames);
  core.dict('admin1', admin1);
  core.dict('township', townships);
  core.dict('townshipCode', townshipCodes);
  core.dict('areaCode', areaCodes);
  core.strings('eventId', eventIds);
  core.dict('eventIdDataset', eventIdDatasets);
  core.add('refStart', 'u32', refStart, n + 1);
  core.dict('refDataset', refDatasets);
  core.strings('refId', refIds);
  const coreBody = core.finish();
  const coreHeader: Header = {
    part: 'core',
    meta,
    rows: n,
    ...(idPrefix === '' ? {} : { idPrefix }),
    details: { sha256: detailsFile.sha256, bytes: detailsFile.plainBytes },
    sections: coreBody.sections,
  };
  const coreFile = await writeFile('core', coreHeader, coreBody.body, compress);
  return { core: coreFile.file, details: detailsFile.file };
}

// ---------------------------------------------------------------------------------------------
// Checking a file: the preamble, the sizes, the header, the hash.

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

interface Preamble {
  readonly part: DatasetPart;
  readonly compression: number;
  readonly headerBytes: number;
  readonly bodyBytes: number;
  readonly bodyStart: number;
  readonly sha256: string;
}

function readPreamble(buf: ArrayBuffer): Preamble {
  // Not `instanceof`: a buffer from another realm (a worker, IndexedDB in a test) is still one.
  if (Object.prototype.toString.call(buf) !== '[object ArrayBuffer]') fail('a dataset file must be given as an ArrayBuffer');
  if (buf.byteLength < PREAMBLE_BYTES) fail(`the file is ${buf.byteLength} bytes long, too short to be a dataset file (at least ${PREAMBLE_BYTES})`);
  const bytes = new Uint8Array(buf, 0, PREAMBLE_BYTES);
  const magic = String.fromCharCode(...bytes.subarray(0, 4));
  if (magic !== DATASET_MAGIC) fail(`not a Conflict Map dataset file: it starts with ${JSON.stringify(magic)}, not "${DATASET_MAGIC}"`);
  const view = new DataView(buf, 0, PREAMBLE_BYTES);
  const version = view.getUint16(4, true);
  if (version !== DATASET_FORMAT_VERSION) {
    fail(version > DATASET_FORMAT_VERSION
      ? `the file is dataset format v${version}, made by a newer version of the app; this one reads v${DATASET_FORMAT_VERSION}`
      : `unknown dataset format version ${version}`);
  }
  const partCode = bytes[6];
  const part = partCode === PART_CODE.core ? 'core' : partCode === PART_CODE.details ? 'details' : fail(`unknown file part code ${String(partCode)} (1 = core, 2 = details)`);
  const compression = bytes[7] as number;
  if (compression !== COMPRESSION_NONE && compression !== COMPRESSION_GZIP) fail(`unknown compression code ${compression} (0 = none, 1 = gzip)`);
  const headerBytes = view.getUint32(8, true);
  const bodyBytes = view.getUint32(12, true);
  if (headerBytes > DATASET_LIMITS.maxHeaderBytes) fail(`the header claims ${headerBytes} bytes, over the ${DATASET_LIMITS.maxHeaderBytes}-byte limit`);
  if (bodyBytes > DATASET_LIMITS.maxBodyBytes) fail(`the body claims ${bodyBytes} bytes, over the ${DATASET_LIMITS.maxBodyBytes}-byte limit`);
  const bodyStart = align8(PREAMBLE_BYTES + headerBytes);
  if (buf.byteLength < bodyStart) fail(`the file is truncated: ${buf.byteLength} bytes, but its header alone needs ${bodyStart}`);
  if (compression === COMPRESSION_NONE && buf.byteLength !== bodyStart + bodyBytes) {
    fail(buf.byteLength < bodyStart + bodyBytes
      ? `the file is truncated: ${buf.byteLength} bytes, ${bodyStart + bodyBytes} expected`
      : `the file has ${buf.byteLength - bodyStart - bodyBytes} unexpected bytes after its body`);
  }
  const sha256 = Array.from(new Uint8Array(buf, 16, 32), (b) => b.toString(16).padStart(2, '0')).join('');
  return { part, compression, headerBytes, bodyBytes, bodyStart, sha256 };
}

async function gunzipExactly(packed: Uint8Array<ArrayBuffer>, into: Uint8Array, expected: number): Promise<void> {
  const reader = new Blob([packed]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  let at = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // Stop as soon as the stream gives more than the preamble promised: no unbounded growth.
      if (at + value.length > expected) fail(`the compressed body holds more than the ${expected} bytes its preamble states`);
      into.set(value, at);
      at += value.length;
    }
  } catch (e) {
    void reader.cancel().catch(() => undefined);
    if (e instanceof DatasetFormatError) throw e;
    fail(`the compressed body is not a valid gzip stream (${e instanceof Error ? e.message : String(e)})`);
  }
  if (at !== expected) fail(`the compressed body holds ${at} bytes, ${expected} expected (truncated?)`);
}

/** What `verifyDataset` may also require of a file. */
export interface VerifyExpectation {
  readonly part?: DatasetPart;
  /** The content hash the file must have (a core names its details file's hash). */
  readonly sha256?: string;
}

/**
 * Checks a dataset file from anywhere (a fetch, IndexedDB, a file the user chose) and returns
 * it uncompressed, ready for `decodeDatasetCore` / `decodeDatasetDetails`. Refuses, with a
 * DatasetFormatError that says why: a wrong magic, an unknown version or part, a truncated or
 * overlong file, sizes over DATASET_LIMITS, a broken gzip body, a hash that does not match the
 * content, or a header or section table that does not describe this file.
 */
export async function verifyDataset(buf: ArrayBuffer, expect: VerifyExpectation = {}): Promise<ArrayBuffer> {
  const pre = readPreamble(buf);
  if (expect.part !== undefined && pre.part !== expect.part) fail(`expected a ${expect.part} file, got a ${pre.part} file`);
  let plain: Uint8Array<ArrayBuffer>;
  if (pre.compression === COMPRESSION_NONE) {
    plain = new Uint8Array(buf);
  } else {
    plain = new Uint8Array(pre.bodyStart + pre.bodyBytes);
    plain.set(new Uint8Array(buf, 0, pre.bodyStart));
    await gunzipExactly(new Uint8Array(buf, pre.bodyStart), plain.subarray(pre.bodyStart), pre.bodyBytes);
    plain[7] = COMPRESSION_NONE;
  }
  const actual = await sha256Hex(plain.subarray(PREAMBLE_BYTES));
  if (actual !== pre.sha256) fail(`the content does not match its hash (stated ${pre.sha256.slice(0, 12)}…, computed ${actual.slice(0, 12)}…): the file was changed or damaged`);
  if (expect.sha256 !== undefined && actual !== expect.sha256) fail(`this ${pre.part} file is not the one expected (hash ${actual.slice(0, 12)}…, expected ${expect.sha256.slice(0, 12)}…)`);
  // Structure and UTF-8, checked once here; a details row's JSON is checked when it is read.
  const layout = readLayout(plain.buffer);
  for (const s of layout.header.sections) {
    if (s.name.endsWith('.bytes')) {
      try {
        strictDecoder.decode(layout.section(s.name, ['u8']));
      } catch {
        fail(`section ${s.name} is not valid UTF-8`);
      }
    }
  }
  if (layout.header.part === 'core') decodeDatasetCore(plain.buffer);
  else decodeDatasetDetails(plain.buffer);
  return plain.buffer;
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true });

interface Layout {
  readonly header: Header;
  readonly hash: string;
  /** The typed view of a section, checked for type and (when given) count. */
  section(name: string, types: readonly SectionType[], count?: number): Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;
}

function metaText(v: unknown, what: string, nullable: boolean): string | null {
  if (v === null && nullable) return null;
  if (typeof v !== 'string' || v.length > DATASET_LIMITS.maxMetaText) fail(`header: ${what} must be a text of at most ${DATASET_LIMITS.maxMetaText} characters${nullable ? ' or null' : ''}`);
  return v;
}

function readMeta(v: unknown): DatasetMeta {
  if (!isRecord(v)) fail('header: meta is missing');
  const source = v['source'];
  const created = v['created'];
  if (source !== null && !isRecord(source)) fail('header: meta.source must be an object or null');
  if (!isRecord(created)) fail('header: meta.created is missing');
  return {
    id: metaText(v['id'], 'meta.id', false) as string,
    name: metaText(v['name'], 'meta.name', false) as string,
    format: metaText(v['format'], 'meta.format', false) as string,
    attribution: metaText(v['attribution'], 'meta.attribution', true),
    licence: metaText(v['licence'], 'meta.licence', true),
    citation: metaText(v['citation'], 'meta.citation', true),
    source: source === null ? null : { file: metaText(source['file'], 'meta.source.file', false) as string, sha256: metaText(source['sha256'], 'meta.source.sha256', true) },
    created: { by: metaText(created['by'], 'meta.created.by', false) as string, at: metaText(created['at'], 'meta.created.at', true) },
  };
}

function readHeader(text: string, part: DatasetPart, bodyBytes: number): Header {
  if (!checkJsonDepth(text, 8)) fail('header: nested too deeply');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    fail('header: not valid JSON');
  }
  if (!isRecord(raw)) fail('header: not a JSON object');
  if (raw['part'] !== part) fail(`header: says part ${JSON.stringify(raw['part'])} but the preamble says ${part}`);
  const rows = raw['rows'];
  if (typeof rows !== 'number' || !Number.isInteger(rows) || rows < 0 || rows > DATASET_LIMITS.maxRows) fail(`header: rows ${JSON.stringify(rows)} is not a whole number from 0 to ${DATASET_LIMITS.maxRows}`);
  const list = raw['sections'];
  if (!Array.isArray(list) || list.length > DATASET_LIMITS.maxSections) fail(`header: sections must be a list of at most ${DATASET_LIMITS.maxSections}`);
  const names = new Set<string>();
  const sections = list.map((s: unknown): SectionInfo => {
    if (!isRecord(s)) fail('header: a section is not an object');
    const { name, type, offset, count } = s;
    if (typeof name !== 'string' || name.length === 0 || name.length > 64 || names.has(name)) fail(`header: section name ${JSON.stringify(name)} is missing, too long or repeated`);
    names.add(name);
    if (typeof type !== 'string' || !Object.hasOwn(SECTION_BYTES, type)) fail(`header: section ${name} has unknown type ${JSON.stringify(type)}`);
    if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0 || offset % 8 !== 0) fail(`header: section ${name} offset ${JSON.stringify(offset)} is not a multiple of 8`);
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) fail(`header: section ${name} count ${JSON.stringify(count)} is not a whole number`);
    const end = offset + count * SECTION_BYTES[type as SectionType];
    if (end > bodyBytes) fail(`header: section ${name} ends at byte ${end}, past the body (${bodyBytes} bytes)`);
    return { name, type: type as SectionType, offset, count };
  });
  const header: { -readonly [K in keyof Header]: Header[K] } = { part, meta: readMeta(raw['meta']), rows, sections };
  if (part === 'core') {
    const prefix = raw['idPrefix'];
    if (prefix !== undefined) header.idPrefix = metaText(prefix, 'idPrefix', false) as string;
    const det = raw['details'];
    if (!isRecord(det) || typeof det['sha256'] !== 'string' || !/^[0-9a-f]{64}$/.test(det['sha256']) || typeof det['bytes'] !== 'number' || !Number.isInteger(det['bytes']) || det['bytes'] < 0) {
      fail('header: details must give the sha256 and size of the details file');
    }
    header.details = { sha256: det['sha256'], bytes: det['bytes'] };
  }
  return header;
}

/** Reads the preamble and header of an uncompressed file; sections are views into `buf`, never copies. */
function readLayout(buf: ArrayBuffer): Layout {
  if (!LITTLE_ENDIAN) fail('dataset files are little-endian and this platform is not');
  const pre = readPreamble(buf);
  if (pre.compression !== COMPRESSION_NONE) fail('the file is compressed: pass it through verifyDataset first');
  let text: string;
  try {
    text = strictDecoder.decode(new Uint8Array(buf, PREAMBLE_BYTES, pre.headerBytes));
  } catch {
    fail('header: not valid UTF-8');
  }
  const header = readHeader(text, pre.part, pre.bodyBytes);
  const byName = new Map(header.sections.map((s) => [s.name, s]));
  return {
    header,
    hash: pre.sha256,
    section(name, types, count) {
      const s = byName.get(name) ?? fail(`section ${name} is missing`);
      if (!types.includes(s.type)) fail(`section ${name} is ${s.type}, expected ${types.join(' or ')}`);
      if (count !== undefined && s.count !== count) fail(`section ${name} has ${s.count} entries, expected ${count}`);
      const at = pre.bodyStart + s.offset;
      switch (s.type) {
        case 'u8': return new Uint8Array(buf, at, s.count);
        case 'u16': return new Uint16Array(buf, at, s.count);
        case 'u32': return new Uint32Array(buf, at, s.count);
        case 'i32': return new Int32Array(buf, at, s.count);
        case 'f64': return new Float64Array(buf, at, s.count);
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Reading columns.

/** A text per row, decoded only when asked for. */
export interface TextColumn {
  readonly length: number;
  /** The text of a row, or undefined when the row has none. */
  get(row: number): string | undefined;
}

/** A text column of repeated values: a code per row (0 = none, k = `values[k - 1]`). */
export interface DictColumn extends TextColumn {
  readonly codes: Uint8Array | Uint16Array | Uint32Array;
  readonly values: readonly string[];
}

class StringsColumn implements TextColumn {
  readonly length: number;
  readonly #lengths: Codes;
  readonly #offsets: Uint32Array;
  readonly #bytes: Uint8Array;
  readonly #prefix: string;

  constructor(name: string, lengths: Codes, bytes: Uint8Array, prefix = '') {
    this.length = lengths.length;
    this.#lengths = lengths;
    this.#bytes = bytes;
    this.#prefix = prefix;
    const offsets = new Uint32Array(lengths.length + 1);
    let at = 0;
    for (let i = 0; i < lengths.length; i++) {
      const stored = lengths[i] as number;
      if (stored > 0) {
        // A text must start on a UTF-8 lead byte, or reading it alone would cut a character.
        if (at < bytes.length && ((bytes[at] as number) & 0xc0) === 0x80) fail(`section ${name}: row ${i} starts inside a UTF-8 character`);
        at += stored - 1;
        if (at > bytes.length) fail(`section ${name}: the texts need more than the ${bytes.length} bytes stored`);
      }
      offsets[i + 1] = at;
    }
    if (at !== bytes.length) fail(`section ${name}: the texts take ${at} bytes but ${bytes.length} are stored`);
    this.#offsets = offsets;
  }

  /** True when the row has a text (possibly empty). */
  has(row: number): boolean {
    return (this.#lengths[row] as number) > 0;
  }

  get(row: number): string | undefined {
    if (!this.has(row)) return undefined;
    const text = strictDecoder.decode(this.#bytes.subarray(this.#offsets[row] as number, this.#offsets[row + 1] as number));
    return this.#prefix === '' ? text : this.#prefix + text;
  }
}

class CodedColumn implements DictColumn {
  readonly length: number;
  constructor(readonly codes: Codes, readonly values: readonly string[]) {
    this.length = codes.length;
  }

  get(row: number): string | undefined {
    const c = this.codes[row] as number;
    return c === 0 ? undefined : this.values[c - 1];
  }
}

function lengthsOf(layout: Layout, name: string, count?: number): Codes {
  return layout.section(`${name}.lengths`, ['u8', 'u16', 'u32'], count) as Codes;
}

function stringsColumn(layout: Layout, name: string, count: number, prefix = ''): StringsColumn {
  return new StringsColumn(name, lengthsOf(layout, name, count), layout.section(`${name}.bytes`, ['u8']) as Uint8Array, prefix);
}

function dictColumn(layout: Layout, name: string, count: number): CodedColumn {
  const codes = layout.section(`${name}.codes`, ['u8', 'u16', 'u32'], count) as Codes;
  const valuesLengths = lengthsOf(layout, `${name}.values`);
  const table = new StringsColumn(`${name}.values`, valuesLengths, layout.section(`${name}.values.bytes`, ['u8']) as Uint8Array);
  const values: string[] = [];
  for (let i = 0; i < table.length; i++) values.push(table.get(i) ?? fail(`section ${name}.values: value ${i} is missing`));
  for (let i = 0; i < codes.length; i++) if ((codes[i] as number) > values.length) fail(`section ${name}.codes: row ${i} names value ${codes[i]} of ${values.length}`);
  return new CodedColumn(codes, values);
}

function enumColumn(layout: Layout, name: string, n: number, size: number): Uint8Array {
  const col = layout.section(name, ['u8'], n) as Uint8Array;
  for (let i = 0; i < n; i++) if ((col[i] as number) >= size) fail(`section ${name}: row ${i} has code ${col[i]}, not one of the ${size} known`);
  return col;
}

/** The core of a dataset as typed arrays, with texts decoded per row on demand. */
export interface DatasetColumns {
  readonly part: 'core';
  readonly meta: DatasetMeta;
  /** SHA-256 (hex) of the content; it covers the details too, through their hash in the header. */
  readonly hash: string;
  readonly rows: number;
  /** The details file that belongs to this core (hash and uncompressed size). */
  readonly details: { readonly sha256: string; readonly bytes: number };
  /** Exactly the coordinates the importer made (Float64, never rounded). */
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  /** The day span from `incidentDaySpan`, as day numbers. */
  readonly startDay: Int32Array;
  readonly endDay: Int32Array;
  /** Index into DATE_PRECISIONS. */
  readonly datePrecision: Uint8Array;
  /** Index into CATEGORY_IDS. */
  readonly category: Uint8Array;
  /** 1 when the importer chose the category for want of a weapon keyword (`categoryIsFallback`). */
  readonly categoryFallback: Uint8Array;
  /** Index into LOCATION_PRECISIONS. */
  readonly precision: Uint8Array;
  /** Index into VERIFICATION_STATUSES. */
  readonly verification: Uint8Array;
  readonly id: TextColumn;
  readonly title: DictColumn;
  readonly placeName: DictColumn;
  readonly admin1: DictColumn;
  readonly township: DictColumn;
  /** MIMU code of the township the record counts in (`Place.townshipCode`). */
  readonly townshipCode: DictColumn;
  /** Code of the area the place is known only to (`Place.areaCode`). */
  readonly areaCode: DictColumn;
  /** The row's own id in its public dataset (`extra.event_id`). */
  readonly eventId: TextColumn;
  /** Which public dataset `eventId` belongs to (`ucdp-ged`, `acled`), when the row has one. */
  readonly eventIdDataset: DictColumn;
  /** Row r's references are entries `refStart[r]` to `refStart[r + 1] - 1` of `refDataset` / `refId`. */
  readonly refStart: Uint32Array;
  readonly refDataset: DictColumn;
  readonly refId: TextColumn;
  /** The date as written (`start`/`end` are the day span except for the rare date kept aside). */
  dateOf(row: number): Pick<IncidentDate, 'precision' | 'start' | 'end'>;
}

/**
 * Decodes a core file (uncompressed: from `verifyDataset` or `encodeDataset` without
 * compression) into typed-array views of the buffer. Checks structure (every section present,
 * in bounds, of the right type and length; enum codes known; coordinates finite; spans ordered)
 * but not the hash: call `verifyDataset` on a file from outside.
 */
export function decodeDatasetCore(buf: ArrayBuffer): DatasetColumns {
  const layout = readLayout(buf);
  const { header } = layout;
  if (header.part !== 'core') fail(`expected a core file, got a ${header.part} file`);
  const n = header.rows;
  const lon = layout.section('lon', ['f64'], n) as Float64Array;
  const lat = layout.section('lat', ['f64'], n) as Float64Array;
  const startDay = layout.section('startDay', ['i32'], n) as Int32Array;
  const endDay = layout.section('endDay', ['i32'], n) as Int32Array;
  for (let i = 0; i < n; i++) {
    const x = lon[i] as number;
    const y = lat[i] as number;
    if (!(x >= -180 && x <= 180 && y >= -90 && y <= 90)) fail(`row ${i}: coordinates ${x}, ${y} are out of range`);
    if ((startDay[i] as number) > (endDay[i] as number)) fail(`row ${i}: the day span ends before it starts`);
  }
  const exceptionRows = layout.section('dateExceptionRow', ['u32']) as Uint32Array;
  const exceptionStart = layout.section('dateExceptionStart', ['i32'], exceptionRows.length) as Int32Array;
  const exceptionEnd = layout.section('dateExceptionEnd', ['i32'], exceptionRows.length) as Int32Array;
  const exceptions = new Map<number, readonly [number, number]>();
  exceptionRows.forEach((row, k) => {
    if (row >= n) fail(`section dateExceptionRow: row ${row} of ${n}`);
    exceptions.set(row, [exceptionStart[k] as number, exceptionEnd[k] as number]);
  });
  const datePrecision = enumColumn(layout, 'datePrecision', n, DATE_PRECISIONS.length);
  const refStart = layout.section('refStart', ['u32'], n + 1) as Uint32Array;
  const refDataset = dictColumn(layout, 'refDataset', refStart[n] ?? 0);
  if (refStart[0] !== 0) fail('section refStart: does not start at 0');
  for (let i = 0; i < n; i++) if ((refStart[i + 1] as number) < (refStart[i] as number)) fail(`section refStart: row ${i} ends before it starts`);
  const eventIdDataset = dictColumn(layout, 'eventIdDataset', n);
  for (const v of [...refDataset.values, ...eventIdDataset.values]) if (!isExternalDatasetId(v)) fail(`unknown external dataset ${JSON.stringify(v)}`);
  const day = (d: number): IsoDay => dayString(d);
  const prefix = header.idPrefix ?? '';
  const ownIds = stringsColumn(layout, 'id', n, prefix);
  const eventId = stringsColumn(layout, 'eventId', n);
  for (let i = 0; i < n; i++) if (!ownIds.has(i) && !eventId.has(i)) fail(`row ${i}: has neither an id nor an event id`);
  const id: TextColumn = { length: n, get: (row) => ownIds.get(row) ?? prefix + (eventId.get(row) as string) };
  return {
    part: 'core',
    meta: header.meta,
    hash: layout.hash,
    rows: n,
    details: header.details as { sha256: string; bytes: number },
    lon,
    lat,
    startDay,
    endDay,
    datePrecision,
    category: enumColumn(layout, 'category', n, CATEGORY_IDS.length),
    categoryFallback: enumColumn(layout, 'categoryFallback', n, 2),
    precision: enumColumn(layout, 'precision', n, LOCATION_PRECISIONS.length),
    verification: enumColumn(layout, 'verification', n, VERIFICATION_STATUSES.length),
    id,
    title: dictColumn(layout, 'title', n),
    placeName: dictColumn(layout, 'placeName', n),
    admin1: dictColumn(layout, 'admin1', n),
    township: dictColumn(layout, 'township', n),
    townshipCode: dictColumn(layout, 'townshipCode', n),
    areaCode: dictColumn(layout, 'areaCode', n),
    eventId,
    eventIdDataset,
    refStart,
    refDataset,
    refId: stringsColumn(layout, 'refId', refStart[n] ?? 0),
    dateOf(row) {
      const kept = exceptions.get(row);
      return {
        precision: DATE_PRECISIONS[datePrecision[row] as number] as DatePrecision,
        start: day(kept ? kept[0] : (startDay[row] as number)),
        end: day(kept ? kept[1] : (endDay[row] as number)),
      };
    },
  };
}

/** The parts of a record only its details show. */
export interface IncidentDetails {
  readonly summary: string;
  readonly sources: readonly SourceRef[];
  readonly killed: readonly Figure[];
  readonly displaced: readonly Figure[];
  readonly weapons: readonly WeaponClaim[];
  readonly verificationText: string;
  readonly dateNote: string | undefined;
  readonly nameMy: string | undefined;
  readonly locationSource: string | undefined;
  /** Undefined when the record has no such field, null when it says there are none. */
  readonly sourceCoordinates: Incident['sourceCoordinates'];
  /** `extra` without `event_id`, which the core holds. */
  readonly extra: Readonly<Record<string, string | number | boolean | null>> | undefined;
}

/** A details file, read one row at a time. */
export interface DatasetDetails {
  readonly part: 'details';
  readonly meta: DatasetMeta;
  readonly hash: string;
  readonly rows: number;
  /** The details of one row, rebuilt from known fields only (as an import would). */
  row(row: number): IncidentDetails;
}

function parseJsonText(text: string | undefined, what: string, row: number): unknown {
  if (text === undefined || !checkJsonDepth(text, 16)) fail(`row ${row}: ${what} is missing or nested too deeply`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    fail(`row ${row}: ${what} is not valid JSON`);
  }
}

/** A JSON text rebuilt through an import reader (known fields only), or a DatasetFormatError. */
function parseJson<T>(text: string | undefined, what: string, row: number, read: (v: unknown) => T | null): T {
  return read(parseJsonText(text, what, row)) ?? fail(`row ${row}: ${what} does not have the expected shape`);
}

function parseSourceCoordinates(text: string | undefined, row: number): Incident['sourceCoordinates'] {
  if (text === undefined) return undefined;
  const read = readSourceCoordinates(parseJsonText(text, 'sourceCoordinates', row));
  return read === false ? fail(`row ${row}: sourceCoordinates does not have the expected shape`) : read;
}

/** Decodes a details file (uncompressed); rows are read and checked one at a time. */
export function decodeDatasetDetails(buf: ArrayBuffer): DatasetDetails {
  const layout = readLayout(buf);
  const { header } = layout;
  if (header.part !== 'details') fail(`expected a details file, got a ${header.part} file`);
  const n = header.rows;
  const summary = stringsColumn(layout, 'summary', n);
  const sources = stringsColumn(layout, 'sources', n);
  const killed = dictColumn(layout, 'killed', n);
  const displaced = dictColumn(layout, 'displaced', n);
  const weapons = dictColumn(layout, 'weapons', n);
  const verificationText = dictColumn(layout, 'verificationText', n);
  const dateNote = dictColumn(layout, 'dateNote', n);
  const nameMy = dictColumn(layout, 'nameMy', n);
  const locationSource = dictColumn(layout, 'locationSource', n);
  const sourceCoordinates = stringsColumn(layout, 'sourceCoordinates', n);
  const extra = stringsColumn(layout, 'extra', n);
  return {
    part: 'details',
    meta: header.meta,
    hash: layout.hash,
    rows: n,
    row(row) {
      if (!Number.isInteger(row) || row < 0 || row >= n) fail(`row ${row} is not in this dataset (${n} rows)`);
      const extraText = extra.get(row);
      return {
        summary: summary.get(row) ?? fail(`row ${row}: summary is missing`),
        sources: parseJson(sources.get(row), 'sources', row, (v) => readList(v, readSource)),
        killed: parseJson(killed.get(row), 'killed', row, (v) => readList(v, readFigure)),
        displaced: parseJson(displaced.get(row), 'displaced', row, (v) => readList(v, readFigure)),
        weapons: parseJson(weapons.get(row), 'weapons', row, (v) => readList(v, readWeapon)),
        verificationText: verificationText.get(row) ?? fail(`row ${row}: verification text is missing`),
        dateNote: dateNote.get(row),
        nameMy: nameMy.get(row),
        locationSource: locationSource.get(row),
        sourceCoordinates: parseSourceCoordinates(sourceCoordinates.get(row), row),
        extra: extraText === undefined ? undefined : parseJson(extraText, 'extra', row, readExtra),
      };
    },
  };
}

const decodedDetails = new WeakMap<ArrayBuffer, DatasetDetails>();

/** The details of one row of an (uncompressed) details file; the file is decoded once per buffer. */
export function readDetails(buf: ArrayBuffer, row: number): IncidentDetails {
  let details = decodedDetails.get(buf);
  if (details === undefined) {
    details = decodeDatasetDetails(buf);
    decodedDetails.set(buf, details);
  }
  return details.row(row);
}

// ---------------------------------------------------------------------------------------------
// Records.

function refsOf(columns: DatasetColumns, row: number): ExternalRef[] {
  const refs: ExternalRef[] = [];
  for (let k = columns.refStart[row] as number; k < (columns.refStart[row + 1] as number); k++) {
    refs.push({ dataset: columns.refDataset.get(k) as ExternalDatasetId, id: columns.refId.get(k) ?? '' });
  }
  return refs;
}

/**
 * A row as a record. With its details, exactly the Incident that was encoded (an empty `refs`
 * list reads back as absent); without, the record alone (what the map, filters, list, counts
 * and linking read), carrying its own public id and whether its category is a fallback.
 */
export function incidentFrom(columns: DatasetColumns, row: number): IncidentRecord;
export function incidentFrom(columns: DatasetColumns, row: number, details: IncidentDetails): Incident;
export function incidentFrom(columns: DatasetColumns, row: number, details?: IncidentDetails): Incident | IncidentRecord {
  if (!Number.isInteger(row) || row < 0 || row >= columns.rows) fail(`row ${row} is not in this dataset (${columns.rows} rows)`);
  const refs = refsOf(columns, row);
  const township = columns.township.get(row);
  const townshipCode = columns.townshipCode.get(row);
  const areaCode = columns.areaCode.get(row);
  const place = {
    name: columns.placeName.get(row) ?? '',
    admin1: columns.admin1.get(row) ?? '',
    ...(township === undefined ? {} : { township }),
    ...(townshipCode === undefined ? {} : { townshipCode }),
    ...(areaCode === undefined ? {} : { areaCode }),
  };
  const core = {
    id: columns.id.get(row) ?? '',
    category: CATEGORY_IDS[columns.category[row] as number] as Incident['category'],
    title: columns.title.get(row) ?? '',
    date: columns.dateOf(row),
    place,
    lon: columns.lon[row] as number,
    lat: columns.lat[row] as number,
    precision: LOCATION_PRECISIONS[columns.precision[row] as number] as LocationPrecision,
    verification: { status: VERIFICATION_STATUSES[columns.verification[row] as number] as VerificationStatus },
    dataset: columns.meta.id,
  };
  if (details === undefined) {
    const eventId = columns.eventId.get(row);
    const eventDataset = columns.eventIdDataset.get(row);
    const ownRef = eventId !== undefined && eventDataset !== undefined ? { dataset: eventDataset as ExternalDatasetId, id: eventId } : null;
    return { ...core, ownRef, categoryFallback: columns.categoryFallback[row] === 1, ...(refs.length === 0 ? {} : { refs }) };
  }
  const eventId = columns.eventId.get(row);
  const extra = details.extra === undefined ? undefined : eventId === undefined ? details.extra : { event_id: eventId, ...details.extra };
  return {
    id: core.id,
    category: core.category,
    title: core.title,
    date: details.dateNote === undefined ? core.date : { ...core.date, note: details.dateNote },
    place: {
      name: core.place.name,
      ...(details.nameMy === undefined ? {} : { nameMy: details.nameMy }),
      admin1: core.place.admin1,
      ...(township === undefined ? {} : { township }),
      ...(townshipCode === undefined ? {} : { townshipCode }),
      ...(areaCode === undefined ? {} : { areaCode }),
      ...(details.locationSource === undefined ? {} : { locationSource: details.locationSource }),
    },
    lon: core.lon,
    lat: core.lat,
    precision: core.precision,
    ...(details.sourceCoordinates === undefined ? {} : { sourceCoordinates: details.sourceCoordinates }),
    weapons: details.weapons,
    killed: details.killed,
    displaced: details.displaced,
    summary: details.summary,
    sources: details.sources,
    verification: { status: core.verification.status, text: details.verificationText },
    dataset: core.dataset,
    ...(extra === undefined ? {} : { extra }),
    ...(refs.length === 0 ? {} : { refs }),
  };
}

/** What linking needs to know about a row, read from the core alone (see `linkFactsOf` for an Incident). */
export function linkFactsOfRow(columns: DatasetColumns, row: number): LinkFacts {
  const id = columns.id.get(row) ?? '';
  const eventId = columns.eventId.get(row);
  const eventDataset = columns.eventIdDataset.get(row);
  const ownRef = eventId !== undefined && eventDataset !== undefined && isExternalDatasetId(eventDataset) ? { dataset: eventDataset, id: eventId } : null;
  return {
    dataset: columns.meta.id,
    ref: ownRef ?? { dataset: columns.meta.id, id },
    date: columns.dateOf(row),
    lon: columns.lon[row] as number,
    lat: columns.lat[row] as number,
    category: CATEGORY_IDS[columns.category[row] as number] as Incident['category'],
    categoryFallback: columns.categoryFallback[row] === 1,
    precision: LOCATION_PRECISIONS[columns.precision[row] as number] as LocationPrecision,
    admin1: columns.admin1.get(row) ?? '',
    township: columns.township.get(row),
    ownRef,
    refs: refsOf(columns, row),
  };
}
