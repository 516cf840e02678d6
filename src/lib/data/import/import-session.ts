/**
 * The streaming accumulator the import worker feeds: rows arrive in chunks from papaparse
 * (or features from a parsed GeoJSON file), and `finish()` gives the report.
 *
 * Row numbers are data rows, 1-based: row 1 is the first row after the header. They are not
 * file line numbers, because a quoted field may span several lines. Empty lines are skipped
 * by PAPA_CONFIG and not counted.
 *
 * Worker sketch:
 * ```ts
 * const session = new ImportSession({ datasetId, fileName });
 * let next = 1;
 * Papa.parse(file, { ...PAPA_CONFIG, chunk(results, parser) {
 *   session.addRows(results.data, next, results.meta.fields);
 *   next += results.data.length;
 *   if (session.format === 'unknown') parser.abort();
 *   saveToIndexedDb(session.takeIncidents());
 *   postMessage({ progress: session.counts });
 * }, complete() { postMessage(session.finish()); } });
 * ```
 */
import type { Incident } from '../../domain/incident.ts';
import { detectCsvFormat, type CsvFormat } from './detect-format.ts';
import { conflictMapRowToIncident } from './conflict-map-format.ts';
import { featureToRaw, geoJsonFeatureToIncident } from './geojson.ts';
import { acledRowToIncident, ucdpRowToIncident } from './map-row.ts';
import { PlaceCoder } from './place-codes.ts';
import type { ImportGeography } from '../../geo/township-geography.ts';
import { setOwn } from './validate.ts';
import type { CsvRow, DuplicateRow, ImportFormat, ImportReport, MapContext, MapResult, RejectReason, RejectedRow } from './types.ts';

/** What an import session needs to know up front. */
export interface ImportSessionOptions {
  readonly datasetId: string;
  readonly fileName: string;
  /** Skip detection and read the rows as this format. */
  readonly format?: ImportFormat;
  /** Most rejected rows kept in detail; the rest are only counted. Default 50,000. */
  readonly maxRejectedDetails?: number;
  /**
   * Townships, districts and states/regions to code places with (built once, see
   * `buildImportGeography`). Without it (null or absent) places carry no codes and the report's
   * `placeMatch` is null.
   */
  readonly geography?: ImportGeography | null;
}

type RowMapper = (row: CsvRow, rowNumber: number, ctx: MapContext) => MapResult;

const CSV_MAPPERS: Record<CsvFormat, RowMapper> = {
  acled: acledRowToIncident,
  'ucdp-ged': ucdpRowToIncident,
  'conflict-map': conflictMapRowToIncident,
};

// papaparse puts fields beyond the header's count under this key.
const PARSED_EXTRA = '__parsed_extra';

/** Accumulates one import, chunk by chunk, keeping `rowsRead === rowsShown + rowsRejected`. */
export class ImportSession {
  readonly #ctx: MapContext & { readonly places: PlaceCoder };
  readonly #maxRejected: number;
  #format: ImportFormat | null;
  #formatMessage: string | null = null;
  #fields: readonly string[] | null = null;
  #lastField = '';
  #rowsRead = 0;
  #rowsShown = 0;
  #rejected: RejectedRow[] = [];
  #rejectedOmitted = 0;
  #byReason: Partial<Record<RejectReason, number>> = {};
  #duplicates: DuplicateRow[] = [];
  #firstRowOf = new Map<string, number>();
  // Ids that contain "#row", the suffix duplicates get. A row's own id may already read
  // "X#row3", so a renamed duplicate could take it, or take one a later row has. Other ids
  // cannot clash (distinct event ids give distinct ids), so only these few are remembered.
  #rowSuffixedIds = new Set<string>();
  #incidents: Incident[] = [];

  constructor(options: ImportSessionOptions) {
    this.#ctx = { datasetId: options.datasetId, fileName: options.fileName, places: new PlaceCoder(options.geography ?? null) };
    this.#format = options.format ?? null;
    this.#maxRejected = options.maxRejectedDetails ?? 50_000;
  }

  /** The format in use, or null before the header has been seen. */
  get format(): ImportFormat | null {
    return this.#format;
  }

  /** Why the format is unknown (names the missing columns), or null. */
  get formatMessage(): string | null {
    return this.#formatMessage;
  }

  /** Running counts, for progress messages. */
  get counts(): { rowsRead: number; rowsShown: number; rowsRejected: number } {
    return { rowsRead: this.#rowsRead, rowsShown: this.#rowsShown, rowsRejected: this.#rowsRead - this.#rowsShown };
  }

  /** Sets the CSV header (papaparse's `meta.fields`) and, unless a format was given, detects the format. */
  setFields(fields: readonly string[]): void {
    this.#fields = fields;
    this.#lastField = fields[fields.length - 1] ?? '';
    this.#ctx.places.useFields(fields);
    if (this.#format === null) {
      const detected = detectCsvFormat(fields);
      this.#format = detected.format;
      this.#formatMessage = detected.message;
    }
  }

  /**
   * Adds parsed CSV rows. `firstRowNumber` is the data-row number of `rows[0]` (1 for the first
   * chunk). `fields` is the header; it is only read on the first call (default: the first row's keys).
   */
  addRows(rows: readonly CsvRow[], firstRowNumber: number, fields?: readonly string[]): void {
    if (this.#fields === null) {
      const first = rows[0];
      if (fields === undefined && first === undefined) return;
      this.setFields(fields ?? Object.keys(first ?? {}).filter((k) => k !== PARSED_EXTRA));
    }
    const format = this.#format;
    const mapper = format === 'acled' || format === 'ucdp-ged' || format === 'conflict-map' ? CSV_MAPPERS[format] : null;
    const expected = this.#fields?.length ?? 0;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as CsvRow;
      const n = firstRowNumber + i;
      if (mapper === null) {
        this.#reject(n, 'unknown_format', this.#formatMessage ?? `A ${format ?? 'unknown'} file cannot be read as CSV rows.`, row);
        continue;
      }
      // A missing last column means the row was cut short; PARSED_EXTRA means it ran long.
      // Either way its values may sit under the wrong column names, so it is not guessed at.
      const extraFields = (row as Record<string, unknown>)[PARSED_EXTRA];
      if (extraFields !== undefined) {
        const got = expected + (Array.isArray(extraFields) ? extraFields.length : 1);
        this.#reject(n, 'wrong_field_count', `The row has ${got} fields but the header has ${expected} (an unquoted comma?).`, row);
        continue;
      }
      if (!Object.hasOwn(row, this.#lastField)) {
        let got = 0;
        for (const f of this.#fields ?? []) if (Object.hasOwn(row, f)) got++;
        this.#reject(n, 'wrong_field_count', `The row has ${got} fields but the header has ${expected} (cut off?).`, row);
        continue;
      }
      this.#record(mapper(row, n, this.#ctx), n, row);
    }
  }

  /** Adds GeoJSON features; `firstFeatureNumber` is the 1-based number of `features[0]`. */
  addFeatures(features: readonly unknown[], firstFeatureNumber: number): void {
    this.#format ??= 'geojson';
    for (let i = 0; i < features.length; i++) {
      const n = firstFeatureNumber + i;
      const feature = features[i];
      if (this.#format !== 'geojson') {
        this.#reject(n, 'unknown_format', `A ${this.#format} import cannot take GeoJSON features.`, featureToRaw(feature));
        continue;
      }
      const result = geoJsonFeatureToIncident(feature, n, this.#ctx);
      // Flattening for the rejects list is only paid for rejected features.
      if (result.ok) this.#record(result, n, {});
      else this.#record(result, n, featureToRaw(feature));
    }
  }

  /** Removes and returns the incidents accumulated so far (e.g. to store them chunk by chunk). */
  takeIncidents(): Incident[] {
    const taken = this.#incidents;
    this.#incidents = [];
    return taken;
  }

  /** The report: counts, rejected rows, duplicates and the incidents not yet taken. */
  finish(): ImportReport {
    return {
      datasetId: this.#ctx.datasetId,
      fileName: this.#ctx.fileName,
      format: this.#format ?? 'unknown',
      formatMessage: this.#formatMessage,
      rowsRead: this.#rowsRead,
      rowsShown: this.#rowsShown,
      rowsRejected: this.#rowsRead - this.#rowsShown,
      rejectedByReason: { ...this.#byReason },
      rejected: this.#rejected.slice(),
      rejectedOmitted: this.#rejectedOmitted,
      duplicates: this.#duplicates.slice(),
      placeMatch: this.#ctx.places.report(),
      incidents: this.#incidents.slice(),
    };
  }

  #record(result: MapResult, n: number, raw: Readonly<Record<string, string>>): void {
    if (!result.ok) {
      this.#reject(n, result.reason, result.message, raw);
      return;
    }
    this.#rowsRead++;
    this.#rowsShown++;
    let incident = result.incident;
    let id = incident.id;
    const firstRow = this.#firstRowOf.get(result.eventId);
    if (firstRow === undefined) {
      this.#firstRowOf.set(result.eventId, n);
    } else {
      // Shown, but under an id of its own so the map and lists can still tell the two apart.
      this.#duplicates.push({ row: n, eventId: result.eventId, firstRow });
      id = `${id}#row${n}`;
    }
    if (id.includes('#row')) {
      while (this.#rowSuffixedIds.has(id)) id = `${id}#row${n}`;
      this.#rowSuffixedIds.add(id);
    }
    if (id !== incident.id) incident = { ...incident, id };
    this.#incidents.push(incident);
  }

  #reject(n: number, reason: RejectReason, message: string, raw: Readonly<Record<string, unknown>>): void {
    this.#rowsRead++;
    this.#byReason[reason] = (this.#byReason[reason] ?? 0) + 1;
    if (this.#rejected.length >= this.#maxRejected) {
      this.#rejectedOmitted++;
      return;
    }
    this.#rejected.push({ row: n, reason, message, raw: rawText(raw) });
  }
}

/** A raw row as text cells; papaparse's overflow list becomes one comma-joined cell. */
function rawText(raw: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === PARSED_EXTRA) out.extra_fields = Array.isArray(v) ? v.join(',') : String(v);
    else setOwn(out, k, typeof v === 'string' ? v : String(v ?? ''));
  }
  return out;
}
