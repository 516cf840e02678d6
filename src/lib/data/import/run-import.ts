/**
 * One import, as the import worker runs it: sniff the file, stream CSV through papaparse in
 * chunks (GeoJSON is parsed whole, after a size and depth check; a map package is streamed,
 * see package-import.ts), map rows with ImportSession,
 * post incidents back batch by batch so the page keeps drawing, and, when asked to, store each
 * batch on this device as it goes, so saving costs the page nothing.
 */
import type { Incident } from '../../domain/incident.ts';
import type { ImportGeography } from '../../geo/township-geography.ts';
import { ATTRIBUTION } from './code-tables.ts';
import { ChunkWriter } from './chunk-writer.ts';
import { csvHeaderRefusal, LineLengthGuard, LineTooLongError } from './csv-limits.ts';
import { parseGeoJsonText } from './geojson.ts';
import { ImportSession } from './import-session.ts';
import { DEFAULT_CHUNK_BYTES, parseCsvBlob } from './papa-stream.ts';
import { SNIFF_BYTES, sniffFileStart } from './sniff.ts';
import { EncodingError } from './utf8-stream.ts';
import { fetchImportGeography } from './geography-files.ts';
import { isPackageFileName } from '../map-package.ts';
import { looksLikeMapPackage, runPackageImport } from './package-import.ts';
import type { ImportRequest, Post } from './worker-protocol.ts';

/** GeoJSON features mapped between two progress messages. */
const FEATURE_BATCH = 20_000;

/** The attribution lines of the publishers named in these incidents, added to `into`. */
function collectAttribution(incidents: readonly Incident[], into: Set<string>): void {
  for (const inc of incidents) {
    for (const s of inc.sources) {
      const a = ATTRIBUTION[s.publisher];
      if (a !== undefined) into.add(a);
    }
  }
}

/** The store the running import writes to, so `stop-saving` can reach it. */
let activeWriter: ChunkWriter | null = null;

/** Stops storing the running import on this device (the user switched keeping off). */
export function stopSaving(): void {
  if (activeWriter) activeWriter.stopped = true;
}

/** Gives the geography to code one import's places with, or null when there is none to be had. */
export type GeographyLoader = (request: ImportRequest) => Promise<ImportGeography | null>;

/** What `runImport` takes besides the request, so tests and benchmarks can inject it. */
export interface RunImportOptions {
  /** Default {@link fetchGeographyFor}. Node tests pass the files read from `public/data/`. */
  readonly loadGeography?: GeographyLoader;
}

/** The default loader: the township files beside the page that sent the request (its `baseUrl`), fetched once per worker. */
export const fetchGeographyFor: GeographyLoader = (request) =>
  request.baseUrl ? fetchImportGeography(request.baseUrl) : Promise.resolve(null);

/** Imports one file, posting progress, incident batches and the report through `post`. */
export async function runImport(request: ImportRequest, post: Post, options: RunImportOptions = {}): Promise<void> {
  const started = performance.now();
  const { file, fileName, datasetId } = request;
  // Loaded while the file's first bytes are read. A failed load costs only the township codes:
  // the import goes on, and the report says places were not matched.
  const geographyLoad = (options.loadGeography ?? fetchGeographyFor)(request).catch(() => null);
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const sniff = sniffFileStart(head, fileName);
  if (sniff.kind === 'refused') {
    post({ type: 'refused', message: sniff.message });
    return;
  }
  // A map package is streamed and checked whole, whatever its size (up to the import limit). A file
  // named as one is read only as one: else a package with a long member in front of its
  // description (past the sniffed head), or plain GeoJSON given the name, would be read whole as
  // GeoJSON, past the package's checks and the GeoJSON size limit its name let it skip.
  if (sniff.kind === 'json' && (isPackageFileName(fileName) || looksLikeMapPackage(new TextDecoder().decode(head)))) {
    await runPackageImport(request, post, started);
    return;
  }
  // papaparse makes every row an object keyed by the header, so a huge header is refused unread.
  const header = sniff.kind === 'csv' ? csvHeaderRefusal(new TextDecoder().decode(head), fileName, file.size <= SNIFF_BYTES) : null;
  if (header !== null) {
    post({ type: 'refused', message: header });
    return;
  }
  const geography = await geographyLoad;
  const writer = request.persistTo ? new ChunkWriter(request.persistTo, datasetId) : null;
  activeWriter = writer;
  const attributions = new Set<string>();
  const drain = (session: ImportSession): void => {
    const incidents = session.takeIncidents();
    if (incidents.length === 0) return;
    collectAttribution(incidents, attributions);
    writer?.write(incidents);
    post({ type: 'incidents', incidents });
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
    session = new ImportSession({ datasetId, fileName, format: 'geojson', geography });
    const n = parsed.features.length;
    for (let i = 0; i < n; i += FEATURE_BATCH) {
      session.addFeatures(parsed.features.slice(i, i + FEATURE_BATCH), i + 1);
      drain(session);
      progress(session, Math.round((file.size * Math.min(n, i + FEATURE_BATCH)) / n));
    }
  } else {
    session = new ImportSession({ datasetId, fileName, geography });
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

