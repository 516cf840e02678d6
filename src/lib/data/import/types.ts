/**
 * Types shared by the import pipeline (CSV and GeoJSON → Incident). Pure data: the worker,
 * IndexedDB and UI layers pass these around as they are (all structured-clone safe).
 */
import type { Incident } from '../../domain/incident.ts';
import type { PlaceCoder } from './place-codes.ts';

/** Formats the importer recognises. `conflict-map` is our own lossless CSV export. */
export type ImportFormat = 'acled' | 'ucdp-ged' | 'conflict-map' | 'geojson' | 'unknown';

/** Why a row was not shown. Each rejected row carries exactly one: the first check it failed. */
export type RejectReason =
  | 'no_coordinates'
  | 'latitude_out_of_range'
  | 'longitude_out_of_range'
  | 'swapped_coordinates'
  | 'unparseable_date'
  | 'unknown_format'
  | 'missing_required_field'
  /** The CSV row has fewer or more fields than the header (a cut-off last line, a stray comma). */
  | 'wrong_field_count'
  /** A value is present but is not one the format allows (an unknown precision code, bad JSON). */
  | 'invalid_field'
  /** A GeoJSON feature whose geometry is not a Point. */
  | 'unsupported_geometry';

/** Every reject reason, in the order the UI should list them. */
export const REJECT_REASONS: readonly RejectReason[] = [
  'unknown_format',
  'wrong_field_count',
  'missing_required_field',
  'no_coordinates',
  'latitude_out_of_range',
  'longitude_out_of_range',
  'swapped_coordinates',
  'unparseable_date',
  'invalid_field',
  'unsupported_geometry',
];

/** Plain-language reason labels for the import report and the rejects file. */
export const REJECT_REASON_LABEL: Readonly<Record<RejectReason, string>> = {
  unknown_format: 'File format not recognised',
  wrong_field_count: 'Row has too few or too many fields',
  missing_required_field: 'A required value is blank',
  no_coordinates: 'No usable coordinates',
  latitude_out_of_range: 'Latitude outside -90 to 90',
  longitude_out_of_range: 'Longitude outside -180 to 180',
  swapped_coordinates: 'Latitude and longitude look swapped',
  unparseable_date: 'Date missing or unreadable',
  invalid_field: 'A value is not one the format allows',
  unsupported_geometry: 'Not a point (only points can be imported)',
};

/** One CSV data row as papaparse gives it with `header: true` (all values are strings). */
export type CsvRow = Readonly<Record<string, string>>;

/** What every row mapper needs to know about the import it belongs to. */
export interface MapContext {
  /** Id of the imported dataset; becomes `Incident.dataset` and the id prefix. */
  readonly datasetId: string;
  /** Name of the file the user chose, used in source titles. */
  readonly fileName: string;
  /**
   * Codes each row's place with its township and area (`Place.townshipCode`, `Place.areaCode`)
   * and counts how; absent when the import has no geography (then places carry no codes).
   */
  readonly places?: PlaceCoder;
}

/** A row turned into an incident, or the reason it could not be. */
export type MapResult =
  | { readonly ok: true; readonly incident: Incident; readonly eventId: string }
  | { readonly ok: false; readonly reason: RejectReason; readonly message: string };

/** A rejected row with its original values, so the user can fix and re-import it. */
export interface RejectedRow {
  /** 1-based data row (or feature) number; the header is not counted. */
  readonly row: number;
  readonly reason: RejectReason;
  readonly message: string;
  readonly raw: Readonly<Record<string, string>>;
}

/** A row whose event id appeared earlier in the same file. It is shown, and listed here. */
export interface DuplicateRow {
  readonly row: number;
  readonly eventId: string;
  readonly firstRow: number;
}

/** What an unmatched place name was matched against. `code` is a place code the file states that we do not know. */
export type UnmatchedLevel = 'township' | 'district' | 'region' | 'code';

/** A place a file names that matched no township, district or state/region, and how many rows name it. */
export interface UnmatchedPlace {
  /** The name as the file writes it ("Mayu River in Rathedaung township"), cut to 200 characters. */
  readonly name: string;
  /** The row's state/region as the file writes it ("Rakhine state"). */
  readonly admin1: string;
  readonly level: UnmatchedLevel;
  readonly rows: number;
}

/**
 * How the shown rows' places were matched to townships and areas. Nothing is rejected for a
 * failed match: such a row is shown where the file puts it, and counted in `unmatchedRows`.
 */
export interface PlaceMatchReport {
  /** Rows whose township came from a MIMU place code (a pcode column, or the township code of our own export). */
  readonly townshipByCode: number;
  /** Rows whose township name matched, within the row's state/region (exactly, through an alias, or normalised). */
  readonly townshipByName: number;
  /** Of the rows matched by code or name: the row's point lies in the township. */
  readonly confirmedByPoint: number;
  /** Of the rows matched by code or name: the point lies outside it. The township stays the source's. */
  readonly contradictedByPoint: number;
  /** Rows with a precise point (exact, village, town, within about 25 km) and no matched township name: given the township the point lies in. */
  readonly locatedByPoint: number;
  /** Rows with a precise point and no matched township name whose point lies in no township (at sea, abroad). */
  readonly outsideTownships: number;
  /** Rows known only to an area, given that area's code so the map draws the area, by kind of area. */
  readonly areas: { readonly township: number; readonly district: number; readonly region: number };
  /** Rows that name a place matching nothing (some of them are also counted in `locatedByPoint`). */
  readonly unmatchedRows: number;
  /** The distinct unmatched places, most rows first; at most 200 (see `unmatchedOmittedRows`). */
  readonly unmatched: readonly UnmatchedPlace[];
  /** Rows counted in `unmatchedRows` whose place is not listed in `unmatched`. */
  readonly unmatchedOmittedRows: number;
}

/** The outcome of one import. Invariant: `rowsRead === rowsShown + rowsRejected`. */
export interface ImportReport {
  readonly datasetId: string;
  readonly fileName: string;
  readonly format: ImportFormat;
  /** Why the format is unknown (names the missing columns), or null. */
  readonly formatMessage: string | null;
  readonly rowsRead: number;
  readonly rowsShown: number;
  readonly rowsRejected: number;
  readonly rejectedByReason: Readonly<Partial<Record<RejectReason, number>>>;
  /** Rejected rows in detail; at most `maxRejectedDetails` of them (see `rejectedOmitted`). */
  readonly rejected: readonly RejectedRow[];
  /** Rejected rows counted but not kept in `rejected`, to bound memory on a hopeless file. */
  readonly rejectedOmitted: number;
  readonly duplicates: readonly DuplicateRow[];
  /**
   * How places were matched to townships and areas, or null when the township files could not be
   * loaded (or none were given): then no place carries a code, and nothing else is different.
   */
  readonly placeMatch: PlaceMatchReport | null;
  /** Incidents not yet drained with `ImportSession.takeIncidents()`. */
  readonly incidents: readonly Incident[];
}
