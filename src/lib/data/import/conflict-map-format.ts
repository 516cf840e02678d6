/**
 * The "Conflict Map CSV": our own export format, one incident per row, that re-imports
 * without loss. Plain columns hold what a spreadsheet user reads and filters (title, dates,
 * place, coordinates); lists and optional objects are JSON in `*_json` columns.
 *
 * Round trip rules (export → import gives the same incidents):
 * - Text cells are formula-neutralised on export (`csv-safety.ts`) and restored on import;
 *   only this format is restored, since an apostrophe in someone else's file is their data.
 * - Empty optional texts (`date_note`, `place_name_my`, `township`, `township_code`, `area_code`,
 *   `location_source`) read back as absent, so an incident with `nameMy: ''` comes back without
 *   `nameMy`. Our importers never write ''.
 * - `township_code` and `area_code` are kept as written when the importer knows them (and as
 *   written when it could not load the township files); a row without them gets them as any
 *   other file's rows do (see place-codes.ts). Files exported before these columns existed
 *   still import.
 * - `dataset` becomes the importing dataset's id. Imported into the dataset it was exported
 *   from, a row keeps its id exactly; into another dataset "b", the id "a:MMR1" of dataset "a"
 *   becomes "b:MMR1" and a curated "E08" becomes "b:E08", so ids never clash across datasets.
 * - `attribution` is derived from the sources on export and ignored on import.
 */
import { isRecord } from '../../domain/guards.ts';
import type { Incident, Place } from '../../domain/incident.ts';
import { ATTRIBUTION } from './code-tables.ts';
import { checkJsonDepth } from './json-depth.ts';
import { checkCoordinates, parseNumberCell } from './coordinates.ts';
import { restoreFormulaText } from './csv-safety.ts';
import type { CsvRow, MapContext, MapResult, RejectReason } from './types.ts';
import {
  readCategory,
  readExtra,
  readExternalRefs,
  readFigure,
  readIncidentDate,
  readList,
  readPrecision,
  readSource,
  readSourceCoordinates,
  readWeapon,
} from './validate.ts';
import { isVerificationStatus } from '../../domain/verification.ts';

/** Columns of the Conflict Map CSV, in file order. */
export const CONFLICT_MAP_COLUMNS = [
  'id',
  'dataset',
  'category',
  'title',
  'date_precision',
  'date_start',
  'date_end',
  'date_note',
  'place_name',
  'place_name_my',
  'admin1',
  'township',
  'township_code',
  'area_code',
  'location_source',
  'longitude',
  'latitude',
  'precision',
  'verification_status',
  'verification_text',
  'summary',
  'killed_json',
  'displaced_json',
  'weapons_json',
  'sources_json',
  'source_coordinates_json',
  'extra_json',
  'refs_json',
  'attribution',
] as const;

/** A column name of the Conflict Map CSV. */
export type ConflictMapColumn = (typeof CONFLICT_MAP_COLUMNS)[number];

/** The attribution line for an incident: what the licences of the datasets it cites ask for. */
export function incidentAttribution(incident: Incident): string {
  const parts: string[] = [];
  for (const s of incident.sources) {
    const a = ATTRIBUTION[s.publisher];
    if (a !== undefined && !parts.includes(a)) parts.push(a);
  }
  return parts.join(' | ');
}

/** One incident as a Conflict Map CSV record (cells not yet formula-neutralised). */
export function incidentToConflictMapRecord(incident: Incident): Record<ConflictMapColumn, string | number> {
  return {
    id: incident.id,
    dataset: incident.dataset,
    category: incident.category,
    title: incident.title,
    date_precision: incident.date.precision,
    date_start: incident.date.start,
    date_end: incident.date.end,
    date_note: incident.date.note ?? '',
    place_name: incident.place.name,
    place_name_my: incident.place.nameMy ?? '',
    admin1: incident.place.admin1,
    township: incident.place.township ?? '',
    township_code: incident.place.townshipCode ?? '',
    area_code: incident.place.areaCode ?? '',
    location_source: incident.place.locationSource ?? '',
    longitude: incident.lon,
    latitude: incident.lat,
    precision: incident.precision,
    verification_status: incident.verification.status,
    verification_text: incident.verification.text,
    summary: incident.summary,
    killed_json: JSON.stringify(incident.killed),
    displaced_json: JSON.stringify(incident.displaced),
    weapons_json: JSON.stringify(incident.weapons),
    sources_json: JSON.stringify(incident.sources),
    source_coordinates_json: incident.sourceCoordinates === undefined ? '' : JSON.stringify(incident.sourceCoordinates),
    extra_json: incident.extra === undefined ? '' : JSON.stringify(incident.extra),
    refs_json: incident.refs === undefined ? '' : JSON.stringify(incident.refs),
    attribution: incidentAttribution(incident),
  };
}

type Fail = { readonly ok: false; readonly reason: RejectReason; readonly message: string };

function fail(reason: RejectReason, message: string): Fail {
  return { ok: false, reason, message };
}

/** A JSON cell parsed with the nesting bound; `undefined` for a blank cell, a Fail when broken. */
function jsonCell(row: CsvRow, column: ConflictMapColumn): unknown {
  const text = restoreFormulaText((row[column] ?? '').trim());
  if (text === '') return undefined;
  if (!checkJsonDepth(text, 16)) return fail('invalid_field', `${column} is nested too deeply.`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return fail('invalid_field', `${column} is not valid JSON.`);
  }
}

function isFail(v: unknown): v is Fail {
  return isRecord(v) && v.ok === false && typeof v.reason === 'string';
}

/** The id without the exporting dataset's prefix. */
function localId(id: string, dataset: string): string {
  const prefix = `${dataset}:`;
  return dataset !== '' && id.startsWith(prefix) ? id.slice(prefix.length) : id;
}

/** Maps one row of a Conflict Map CSV export back to the incident it was written from. */
export function conflictMapRowToIncident(row: CsvRow, rowNumber: number, ctx: MapContext): MapResult {
  const text = (column: ConflictMapColumn): string => restoreFormulaText(row[column] ?? '');
  // Ids are kept exactly as written (no trimming) so they survive the round trip.
  const id = text('id');
  if (id.trim() === '') return fail('missing_required_field', `id is blank (data row ${rowNumber}).`);
  const fileDataset = text('dataset');
  const eventId = localId(id, fileDataset);

  const latText = row.latitude ?? '';
  const lonText = row.longitude ?? '';
  const where = checkCoordinates(parseNumberCell(latText), parseNumberCell(lonText), false, latText, lonText);
  if (!where.ok) return where;

  const date = readIncidentDate({
    precision: text('date_precision').trim(),
    start: text('date_start').trim(),
    end: text('date_end').trim(),
    ...(text('date_note') === '' ? {} : { note: text('date_note') }),
  });
  if (date === null) {
    return fail('unparseable_date', `date_precision/date_start/date_end "${text('date_precision')}", "${text('date_start')}", "${text('date_end')}" are not a valid date (real days, end not before start, fitting the precision: one day, a Monday-to-Sunday week, a whole month).`);
  }
  const category = readCategory(text('category').trim());
  if (category === null) return fail('invalid_field', `category "${text('category')}" is not one of ours.`);
  const precision = readPrecision(text('precision').trim());
  if (precision === null) return fail('invalid_field', `precision "${text('precision')}" is not one of ours.`);
  const status = text('verification_status').trim();
  if (!isVerificationStatus(status)) return fail('invalid_field', `verification_status "${status}" is not one of ours.`);

  const killedJson = jsonCell(row, 'killed_json');
  const displacedJson = jsonCell(row, 'displaced_json');
  const weaponsJson = jsonCell(row, 'weapons_json');
  const sourcesJson = jsonCell(row, 'sources_json');
  const coordsJson = jsonCell(row, 'source_coordinates_json');
  const extraJson = jsonCell(row, 'extra_json');
  // Exports made before refs existed have no refs_json column: read as no references.
  const refsJson = jsonCell(row, 'refs_json');
  for (const v of [killedJson, displacedJson, weaponsJson, sourcesJson, coordsJson, extraJson, refsJson]) if (isFail(v)) return v;

  const killed = killedJson === undefined ? [] : readList(killedJson, readFigure);
  if (killed === null) return fail('invalid_field', 'killed_json is not a list of figures.');
  const displaced = displacedJson === undefined ? [] : readList(displacedJson, readFigure);
  if (displaced === null) return fail('invalid_field', 'displaced_json is not a list of figures.');
  const weapons = weaponsJson === undefined ? [] : readList(weaponsJson, readWeapon);
  if (weapons === null) return fail('invalid_field', 'weapons_json is not a list of weapon claims.');
  const sources = sourcesJson === undefined ? [] : readList(sourcesJson, readSource);
  if (sources === null) return fail('invalid_field', 'sources_json is not a list of sources.');
  const sourceCoordinates = coordsJson === undefined ? undefined : readSourceCoordinates(coordsJson);
  if (sourceCoordinates === false) return fail('invalid_field', 'source_coordinates_json is not {lon, lat, note} or null.');
  const extra = extraJson === undefined ? undefined : readExtra(extraJson);
  if (extra === null) return fail('invalid_field', 'extra_json is not an object of plain values.');
  const refs = refsJson === undefined ? undefined : readExternalRefs(refsJson);
  if (refs === null) return fail('invalid_field', 'refs_json is not a list of {dataset, id} references to UCDP GED or ACLED events.');

  const nameMy = text('place_name_my');
  const township = text('township');
  const townshipCode = text('township_code');
  const areaCode = text('area_code');
  const locationSource = text('location_source');
  let place: Place = {
    name: text('place_name'),
    ...(nameMy === '' ? {} : { nameMy }),
    admin1: text('admin1'),
    ...(township === '' ? {} : { township }),
    ...(townshipCode === '' ? {} : { townshipCode }),
    ...(areaCode === '' ? {} : { areaCode }),
    ...(locationSource === '' ? {} : { locationSource }),
  };
  let codedExtra = extra;
  if (ctx.places !== undefined) {
    const facts = { precision, admin1: place.admin1, township, townshipPcode: '', district: '', lon: where.lon, lat: where.lat };
    ({ place, extra: codedExtra } = ctx.places.keepStated(place, facts, extra));
  }
  const incident: Incident = {
    id: fileDataset === ctx.datasetId ? id : `${ctx.datasetId}:${eventId}`,
    category,
    title: text('title'),
    date,
    place,
    lon: where.lon,
    lat: where.lat,
    precision,
    ...(sourceCoordinates === undefined ? {} : { sourceCoordinates }),
    weapons,
    killed,
    displaced,
    summary: text('summary'),
    sources,
    verification: { status, text: text('verification_text') },
    dataset: ctx.datasetId,
    ...(codedExtra === undefined ? {} : { extra: codedExtra }),
    ...(refs === undefined ? {} : { refs }),
  };
  return { ok: true, incident, eventId };
}
