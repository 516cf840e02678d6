/**
 * The import worker: reads one File off the main thread, streams CSV through papaparse in
 * chunks (GeoJSON is parsed whole, after a size and depth check), maps rows with
 * ImportSession and posts incidents back batch by batch, so the page keeps drawing. When
 * asked to, it also stores each batch in IndexedDB itself, so saving costs the page nothing.
 *
 * Why not papaparse's own File reader: it slices the file by bytes and decodes each slice on
 * its own, so a Burmese character (three bytes in UTF-8) cut by a chunk boundary turns into
 * two replacement characters. Here a streaming TextDecoder carries the cut bytes over to the
 * next slice, and papaparse reads the decoded text through its stream interface, which joins
 * the line that a chunk boundary splits.
 *
 * Messages: see `WorkerRequest` and `WorkerMessage`. `mode: 'bare'` only parses and counts
 * rows, with the same reader and configuration, so benchmarks compare like with like.
 */
import Papa, { type ParseResult, type Parser } from 'papaparse';
import type { Incident } from '../../domain/incident.ts';
import { ATTRIBUTION } from './code-tables.ts';
import { CHUNK_SIZE, IndexedDbDatasetStore } from '../dataset-store.ts';
import { csvHeaderRefusal, LineLengthGuard, LineTooLongError } from './csv-limits.ts';
import { parseGeoJsonText } from './geojson.ts';
import { ImportSession } from './import-session.ts';
import { PAPA_CONFIG } from './papa-config.ts';
import type { CsvRow, ImportReport } from './types.ts';

/** Bytes read, decoded and handed to papaparse per chunk. */
export const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;
/** Bytes looked at before parsing, to refuse binary files and other encodings early. */
export const SNIFF_BYTES = 64 * 1024;
/** GeoJSON features mapped between two progress messages. */
const FEATURE_BATCH = 20_000;

/** What the main thread asks the worker to do. */
export type WorkerRequest =
  | {
      readonly type: 'import';
      readonly file: Blob;
      readonly fileName: string;
      readonly datasetId: string;
      /** GeoJSON is parsed whole, so it has a lower size limit than CSV. */
      readonly maxGeoJsonBytes: number;
      /** IndexedDB database to store the incidents in as they are made, or null to keep nothing. */
      readonly persistTo?: string | null;
      /** False only in benchmarks: incidents are counted but not posted, to time parse, map and validate alone. */
      readonly deliver?: boolean;
      readonly chunkBytes?: number;
    }
  | {
      /** Stop storing (the user switched "Keep imported data on this device" off). */
      readonly type: 'stop-saving';
    }
  | {
      readonly type: 'bare';
      readonly file: Blob;
      readonly chunkBytes?: number;
      /** `stream`: this worker's reader (what `import` uses); `papa-file`: papaparse's own File reader. */
      readonly reader?: 'stream' | 'papa-file';
    };

/** Running counts while a file is read. */
export interface ImportProgress {
  readonly bytesRead: number;
  readonly totalBytes: number;
  readonly rowsRead: number;
  readonly rowsShown: number;
  readonly rowsRejected: number;
}

/** What the worker posts back. `incidents` batches arrive before `done`, in file order. */
export type WorkerMessage =
  | ({ readonly type: 'progress' } & ImportProgress)
  | { readonly type: 'incidents'; readonly incidents: readonly Incident[] }
  | {
      readonly type: 'done';
      /** The report without incidents (they came in batches). */
      readonly report: ImportReport;
      /** Attribution the dataset's licences ask for, or null. */
      readonly attribution: string | null;
      /** Time spent reading, parsing, mapping and validating, in ms. */
      readonly parseMs: number;
    }
  /** After `done` when storing: every chunk is written (`chunks` records), or storing failed or stopped (null). */
  | { readonly type: 'stored'; readonly chunks: number | null; readonly error?: string }
  | { readonly type: 'refused'; readonly message: string }
  | { readonly type: 'bare-done'; readonly rows: number; readonly ms: number; readonly bytes: number };

/** How the first bytes of a file say it should be read, or why it cannot be. */
export type Sniff = { readonly kind: 'csv' | 'json' } | { readonly kind: 'refused'; readonly message: string };

const SAVE_AS_CSV = 'Export or save it as CSV (UTF-8) or GeoJSON and import that file.';

/**
 * Looks at the first bytes of a file: refuses spreadsheets, archives, PDFs, UTF-16 text and
 * other binary data with a message that says what the file seems to be; otherwise says
 * whether to read it as JSON (by extension, or a leading `{`) or as CSV.
 * @example sniffFileStart(new TextEncoder().encode('{"type":"FeatureCollection"'), 'x.csv') // { kind: 'json' }
 */
export function sniffFileStart(bytes: Uint8Array, fileName: string): Sniff {
  const b = (i: number): number => bytes[i] ?? -1;
  if (b(0) === 0x50 && b(1) === 0x4b && b(2) === 0x03 && b(3) === 0x04) {
    return refuse(`"${fileName}" is a ZIP archive or an Excel workbook (.xlsx), not CSV text. ${SAVE_AS_CSV}`);
  }
  if (b(0) === 0xd0 && b(1) === 0xcf && b(2) === 0x11 && b(3) === 0xe0) {
    return refuse(`"${fileName}" is an old Excel workbook (.xls), not CSV text. ${SAVE_AS_CSV}`);
  }
  if (b(0) === 0x1f && b(1) === 0x8b) return refuse(`"${fileName}" is compressed (gzip). Uncompress it first, then import the CSV or GeoJSON inside.`);
  if (b(0) === 0x25 && b(1) === 0x50 && b(2) === 0x44 && b(3) === 0x46) return refuse(`"${fileName}" is a PDF, not a data file. ${SAVE_AS_CSV}`);
  if ((b(0) === 0xff && b(1) === 0xfe) || (b(0) === 0xfe && b(1) === 0xff)) {
    return refuse(`"${fileName}" is saved as UTF-16 ("Unicode text"). Save it as CSV UTF-8 and import it again.`);
  }
  if (bytes.includes(0)) return refuse(`"${fileName}" contains binary data, not text. ${SAVE_AS_CSV}`);
  try {
    // `stream: true` lets a character cut off at the end of the sample pass.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
  } catch {
    return refuse(
      `"${fileName}" is not UTF-8 text: it is binary, or saved in another encoding (such as Windows-1252). Save it as CSV UTF-8 and import it again.`,
    );
  }
  if (/\.(geo)?json$/i.test(fileName)) return { kind: 'json' };
  let i = b(0) === 0xef && b(1) === 0xbb && b(2) === 0xbf ? 3 : 0;
  while (i < bytes.length && (b(i) === 0x20 || b(i) === 0x09 || b(i) === 0x0a || b(i) === 0x0d)) i++;
  return b(i) === 0x7b ? { kind: 'json' } : { kind: 'csv' };
}

function refuse(message: string): Sniff {
  return { kind: 'refused', message };
}

/** Thrown when the text stops being valid UTF-8 part-way through a file. */
export class EncodingError extends Error {}

/**
 * Reads a Blob as UTF-8 text in slices of `chunkBytes`. A character cut by a slice boundary
 * is joined to the next slice, and invalid UTF-8 throws an EncodingError (never silently
 * replaced). `onText` gets each slice's text and the bytes read so far; returning false stops.
 */
export async function streamText(
  file: Blob,
  chunkBytes: number,
  onText: (text: string, bytesRead: number, last: boolean) => boolean,
): Promise<void> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (bytes: ArrayBuffer | undefined, at: number): string => {
    try {
      return bytes === undefined ? decoder.decode() : decoder.decode(bytes, { stream: true });
    } catch {
      throw new EncodingError(`The file stops being valid UTF-8 text near byte ${at.toLocaleString('en-GB')}.`);
    }
  };
  for (let start = 0; start < file.size; start += chunkBytes) {
    const end = Math.min(file.size, start + chunkBytes);
    const text = decode(await file.slice(start, end).arrayBuffer(), start);
    if (end === file.size) {
      onText(text + decode(undefined, end), end, true);
      return;
    }
    if (!onText(text, end, false)) return;
  }
  onText(decode(undefined, 0), 0, true);
}

/** What papaparse's stream reader needs: Node-style `on`/`removeListener`, `pause`/`resume`. */
type Listener = (arg?: unknown) => void;

/**
 * Streams a Blob's text through papaparse (its stream reader, so lines split by a chunk
 * boundary are joined) and calls `onChunk` with each parsed chunk. Resolves when the file is
 * read or the parser aborted. Rejects with EncodingError on invalid UTF-8.
 */
export function parseCsvBlob(
  file: Blob,
  chunkBytes: number,
  onChunk: (results: ParseResult<CsvRow>, parser: Parser, bytesRead: number) => void,
): Promise<void> {
  const listeners = new Map<string, Listener>();
  // Papa.parse recognises a stream by these members.
  const stream = {
    readable: true,
    read: () => null,
    on(event: string, fn: Listener) {
      listeners.set(event, fn);
      return stream;
    },
    removeListener(event: string) {
      listeners.delete(event);
      return stream;
    },
    // Every chunk is parsed synchronously when it is emitted, so there is nothing to pause.
    pause: () => stream,
    resume: () => stream,
  };
  let bytesRead = 0;
  let stopped = false;
  const lines = new LineLengthGuard();
  return new Promise<void>((resolve, reject) => {
    Papa.parse<CsvRow>(stream as unknown as NodeJS.ReadableStream, {
      ...PAPA_CONFIG,
      chunk(results, parser) {
        onChunk(results, parser, bytesRead);
      },
      complete() {
        stopped = true;
        resolve();
      },
      error(err: Error) {
        stopped = true;
        reject(err);
      },
    });
    streamText(file, chunkBytes, (text, read) => {
      if (stopped) return false;
      // Checked before papaparse sees the text: an endless line would be re-parsed with every slice.
      if (!lines.accept(text)) {
        stopped = true;
        reject(new LineTooLongError());
        return false;
      }
      bytesRead = read;
      listeners.get('data')?.(text);
      return !stopped;
    }).then(
      () => {
        if (!stopped) listeners.get('end')?.();
      },
      (e: unknown) => {
        stopped = true;
        reject(e);
      },
    );
  });
}

/** The attribution lines of the publishers named in these incidents, added to `into`. */
function collectAttribution(incidents: readonly Incident[], into: Set<string>): void {
  for (const inc of incidents) {
    for (const s of inc.sources) {
      const a = ATTRIBUTION[s.publisher];
      if (a !== undefined) into.add(a);
    }
  }
}

type Post = (message: WorkerMessage) => void;

/** Stores incident batches in IndexedDB as they come, in order, until told to stop. */
class ChunkWriter {
  readonly #store: IndexedDbDatasetStore;
  readonly #datasetId: string;
  #next = 0;
  #writes: Promise<void> = Promise.resolve();
  #error: string | null = null;
  stopped = false;

  constructor(database: string, datasetId: string) {
    this.#store = new IndexedDbDatasetStore(database);
    this.#datasetId = datasetId;
    // Chunks left by an earlier, interrupted import under the same id must not mix with these.
    this.#writes = this.#store.remove(datasetId).catch((e: unknown) => this.#fail(e));
  }

  #fail(e: unknown): void {
    this.#error ??= e instanceof Error ? e.message : String(e);
  }

  /** Queues one batch; the structured clone happens now, the disk write later. */
  write(incidents: readonly Incident[]): void {
    if (this.stopped || this.#error !== null) return;
    const first = this.#next;
    this.#next += Math.ceil(incidents.length / CHUNK_SIZE);
    this.#writes = this.#writes
      .then(async () => {
        if (!this.stopped) await this.#store.putChunks(this.#datasetId, first, incidents);
      })
      .catch((e: unknown) => this.#fail(e));
  }

  /** Waits for every write: the number of chunk records, or null when storing failed or stopped. */
  async finish(): Promise<{ chunks: number | null; error?: string }> {
    await this.#writes;
    if (this.#error !== null) return { chunks: null, error: this.#error };
    return { chunks: this.stopped ? null : this.#next };
  }
}

/** The store the running import writes to, so `stop-saving` can reach it. */
let activeWriter: ChunkWriter | null = null;

/** Imports one file, posting progress, incident batches and the report through `post`. */
export async function runImport(request: Extract<WorkerRequest, { type: 'import' }>, post: Post): Promise<void> {
  const started = performance.now();
  const { file, fileName, datasetId } = request;
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const sniff = sniffFileStart(head, fileName);
  if (sniff.kind === 'refused') {
    post({ type: 'refused', message: sniff.message });
    return;
  }
  // papaparse makes every row an object keyed by the header, so a huge header is refused unread.
  const header = sniff.kind === 'csv' ? csvHeaderRefusal(new TextDecoder().decode(head), fileName, file.size <= SNIFF_BYTES) : null;
  if (header !== null) {
    post({ type: 'refused', message: header });
    return;
  }
  const writer = request.persistTo ? new ChunkWriter(request.persistTo, datasetId) : null;
  activeWriter = writer;
  const deliver = request.deliver ?? true;
  const attributions = new Set<string>();
  const drain = (session: ImportSession): void => {
    const incidents = session.takeIncidents();
    if (incidents.length === 0) return;
    collectAttribution(incidents, attributions);
    writer?.write(incidents);
    if (deliver) post({ type: 'incidents', incidents });
  };
  const progress = (session: ImportSession, bytesRead: number): void =>
    post({ type: 'progress', bytesRead, totalBytes: file.size, ...session.counts });
  const refuse = async (message: string): Promise<void> => {
    if (writer) {
      writer.stopped = true;
      await writer.finish();
    }
    post({ type: 'refused', message });
  };

  let session: ImportSession;
  if (sniff.kind === 'json') {
    if (file.size > request.maxGeoJsonBytes) {
      const mb = Math.round(request.maxGeoJsonBytes / 1024 / 1024);
      await refuse(`"${fileName}" is larger than ${mb} MB. GeoJSON is read whole, so its limit is ${mb} MB; for more rows, use CSV.`);
      return;
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
    } catch {
      await refuse(`"${fileName}" is not valid UTF-8 text. Save it as UTF-8 and import it again.`);
      return;
    }
    const parsed = parseGeoJsonText(text);
    if (!parsed.ok) {
      await refuse(parsed.message);
      return;
    }
    session = new ImportSession({ datasetId, fileName, format: 'geojson' });
    const n = parsed.features.length;
    for (let i = 0; i < n; i += FEATURE_BATCH) {
      session.addFeatures(parsed.features.slice(i, i + FEATURE_BATCH), i + 1);
      drain(session);
      progress(session, Math.round((file.size * Math.min(n, i + FEATURE_BATCH)) / n));
    }
  } else {
    session = new ImportSession({ datasetId, fileName });
    let next = 1;
    let unknown: string | null = null;
    try {
      await parseCsvBlob(file, request.chunkBytes ?? DEFAULT_CHUNK_BYTES, (results, parser, bytesRead) => {
        if (session.format === null) {
          const fields = results.meta.fields ?? [];
          // An empty first chunk (an empty file) has no header yet.
          if (fields.length === 0 && results.data.length === 0) return;
          session.setFields(fields);
          // Stop at the header: rows of an unrecognised file would all be rejected alike.
          if (session.format === 'unknown') {
            unknown = session.formatMessage ?? 'The file format was not recognised.';
            parser.abort();
            return;
          }
        }
        session.addRows(results.data, next);
        next += results.data.length;
        drain(session);
        progress(session, bytesRead);
      });
    } catch (e) {
      await refuse(
        e instanceof EncodingError
          ? `${e.message} Save it as CSV UTF-8 and import it again; nothing was imported.`
          : e instanceof LineTooLongError
            ? LineLengthGuard.message(fileName)
            : `The file could not be read: ${String(e)}`,
      );
      return;
    }
    if (unknown !== null) {
      await refuse(unknown);
      return;
    }
    if (session.format === null) {
      await refuse(`"${fileName}" has no header row and no data.`);
      return;
    }
  }
  drain(session);
  post({
    type: 'done',
    report: session.finish(),
    attribution: attributions.size ? [...attributions].join(' | ') : null,
    parseMs: performance.now() - started,
  });
  if (writer) post({ type: 'stored', ...(await writer.finish()) });
  activeWriter = null;
}

/** Parses a CSV with the same reader and configuration as `runImport`, only counting rows. */
export async function runBareParse(request: Extract<WorkerRequest, { type: 'bare' }>, post: Post): Promise<void> {
  const started = performance.now();
  let rows = 0;
  if (request.reader === 'papa-file') {
    await new Promise<void>((resolve, reject) => {
      Papa.parse<CsvRow>(request.file as File, {
        ...PAPA_CONFIG,
        chunkSize: request.chunkBytes ?? DEFAULT_CHUNK_BYTES,
        chunk(results) {
          rows += results.data.length;
        },
        complete: () => resolve(),
        error: (err) => reject(err),
      });
    });
  } else {
    await parseCsvBlob(request.file, request.chunkBytes ?? DEFAULT_CHUNK_BYTES, (results) => {
      rows += results.data.length;
    });
  }
  post({ type: 'bare-done', rows, ms: performance.now() - started, bytes: request.file.size });
}

// Only attach the handler inside a worker: tests import the functions above in Node.
if (typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) {
  const post: Post = (message) => self.postMessage(message);
  self.onmessage = (event: MessageEvent<WorkerRequest>) => {
    const request = event.data;
    if (request.type === 'stop-saving') {
      if (activeWriter) activeWriter.stopped = true;
      return;
    }
    const run = request.type === 'import' ? runImport(request, post) : runBareParse(request, post);
    run.catch((e: unknown) => post({ type: 'refused', message: `The import failed: ${e instanceof Error ? e.message : String(e)}` }));
  };
}
