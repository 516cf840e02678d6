/**
 * ACLED and UCDP GED rows → Incident. Each mapper checks one row and either returns the
 * incident or the first reason it cannot be shown. The mappers run once per row on files of
 * 200,000 rows, so they use table lookups and plain string checks, not regexes.
 */
import type { Figure, Incident, IncidentDate, Place, SourceRef } from '../../domain/incident.ts';
import type { VerificationStatus } from '../../domain/verification.ts';
import {
  ACLED_GEO_PRECISION,
  ACLED_INTER_CODES,
  ACLED_TIME_PRECISION,
  PUBLISHER,
  UCDP_DATE_PREC,
  UCDP_TYPE_OF_VIOLENCE,
  UCDP_WHERE_PREC,
  acledCategory,
  headlineKeyword,
} from './code-tables.ts';
import { checkCoordinates, isMyanmarCountry, parseNumberCell } from './coordinates.ts';
import { dateAtPrecision, dateFromBounds, parseDay } from './dates.ts';
import { extraStart, placeWithCoding, type PlaceCoding } from './place-codes.ts';
import type { CsvRow, MapContext, MapResult, RejectReason } from './types.ts';
import type { IsoDay } from '../../domain/calendar.ts';

type ExtraValue = string | number | boolean | null;

/** Longest text kept in `extra`; longer values are cut, since `extra` is for short codes and names. */
export const EXTRA_TEXT_LIMIT = 300;

const NONE: readonly never[] = Object.freeze([]);

interface Shared {
  readonly acledVerification: Incident['verification'];
  readonly ucdpVerification: Incident['verification'];
}

// One verification object per import, shared by all its incidents instead of one per row.
const sharedByContext = new WeakMap<MapContext, Shared>();

function shared(ctx: MapContext): Shared {
  let s = sharedByContext.get(ctx);
  if (s === undefined) {
    const status: VerificationStatus = 'imported';
    s = {
      // The status label already says "not checked by us"; the text only names where the record came from.
      acledVerification: { status, text: `Coded by ACLED; imported from "${ctx.fileName}".` },
      ucdpVerification: { status, text: `Coded by UCDP GED; imported from "${ctx.fileName}".` },
    };
    sharedByContext.set(ctx, s);
  }
  return s;
}

function reject(reason: RejectReason, message: string): MapResult {
  return { ok: false, reason, message };
}

function cell(row: CsvRow, key: string): string {
  return row[key] ?? '';
}

/** Copies a short, non-blank value into `extra`. */
function putText(extra: Record<string, ExtraValue>, key: string, value: string | undefined): void {
  if (value === undefined) return;
  const v = value.trim();
  if (v === '') return;
  extra[key] = v.length > EXTRA_TEXT_LIMIT ? `${v.slice(0, EXTRA_TEXT_LIMIT - 1)}…` : v;
}

function putNumber(extra: Record<string, ExtraValue>, key: string, value: string | undefined): void {
  const n = parseNumberCell(value);
  if (n !== null) extra[key] = n;
}

/** A count column: null when blank, NaN when present but not a whole number ≥ 0. */
function parseCount(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  const n = parseNumberCell(text);
  return n !== null && Number.isInteger(n) && n >= 0 ? n : Number.NaN;
}

function codeProblem(column: string, value: string, allowed: string): MapResult {
  return value.trim() === ''
    ? reject('missing_required_field', `${column} is blank.`)
    : reject('invalid_field', `${column} "${value}" is not one of the codes ${allowed}.`);
}

/** What one distinct ACLED `source` value gives every row that has it. */
interface AcledSourceInfo {
  /** Tidied list, "A; B". */
  readonly named: string;
  readonly note: string | undefined;
  readonly figureSource: string;
  /** Killed-figure lists by fatality count, built on first use. */
  readonly killed: (readonly Figure[] | undefined)[];
}

// A 200,000-row ACLED file repeats a few hundred source lists, days and fatality counts. The
// values built from them (strings, date and figure objects) are made once and shared by every
// incident that has them; they are immutable, so sharing is safe and saves most allocations.
// The caches are bounded so a file of all-distinct values cannot grow them without limit.
const CACHE_LIMIT = 4096;
const sourceCache = new Map<string, AcledSourceInfo>();
const dateCache = new Map<string, IncidentDate>();

function acledSourceInfo(text: string): AcledSourceInfo {
  let info = sourceCache.get(text);
  if (info === undefined) {
    const named = splitList(text).join('; ');
    info = {
      named,
      note: named === '' ? undefined : `Sources named by ACLED: ${named}`,
      figureSource: named === '' ? PUBLISHER.acled : `${PUBLISHER.acled} (citing ${named})`,
      killed: [],
    };
    if (sourceCache.size >= CACHE_LIMIT) sourceCache.clear();
    sourceCache.set(text, info);
  }
  return info;
}

function killedFigure(info: AcledSourceInfo, n: number): readonly Figure[] {
  return [{ low: n, high: n, qualifier: 'exact', text: String(n), source: info.figureSource }];
}

function acledKilled(info: AcledSourceInfo, n: number | null): readonly Figure[] {
  if (n === null) return NONE;
  if (n >= 1000) return killedFigure(info, n);
  return (info.killed[n] ??= killedFigure(info, n));
}

function acledDate(day: IsoDay, precision: 'day' | 'week' | 'month'): IncidentDate | null {
  const key = precision === 'day' ? day : `${day}/${precision}`;
  let date = dateCache.get(key);
  if (date === undefined) {
    const widened = precision === 'day' ? dateAtPrecision(day, 'day') : dateAtPrecision(day, precision, `ACLED gives ${day}, precise to the ${precision}`);
    if (widened === null) return null;
    date = widened;
    if (dateCache.size >= CACHE_LIMIT) dateCache.clear();
    dateCache.set(key, date);
  }
  return date;
}

/** Splits a `;`-separated list, trimming each item and dropping blanks. */
function splitList(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(';')) {
    const t = part.trim();
    if (t !== '') out.push(t);
  }
  return out;
}

/** ACLED's actor type as text, whether the file gives the old number or the new label. */
function acledInter(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  return ACLED_INTER_CODES[v] ?? v;
}

/** Reads and checks a row's `latitude` and `longitude` cells (both formats name them alike). */
function rowCoordinates(row: CsvRow, myanmar: boolean): ReturnType<typeof checkCoordinates> {
  const latText = cell(row, 'latitude');
  const lonText = cell(row, 'longitude');
  return checkCoordinates(parseNumberCell(latText), parseNumberCell(lonText), myanmar, latText, lonText);
}

/**
 * Maps one ACLED row (current 31-column exports and older ones with data_id, iso3 and
 * numeric inter codes) to an incident.
 * Checks in order: event id, coordinates, event_date, time_precision, geo_precision, fatalities.
 */
export function acledRowToIncident(row: CsvRow, rowNumber: number, ctx: MapContext): MapResult {
  const eventId = cell(row, 'event_id_cnty').trim();
  if (eventId === '') return reject('missing_required_field', `event_id_cnty is blank (data row ${rowNumber}).`);

  const myanmar = isMyanmarCountry(row.country);
  const where = rowCoordinates(row, myanmar);
  if (!where.ok) return where;

  const dateText = cell(row, 'event_date');
  const day = parseDay(dateText);
  if (day === null) {
    return reject('unparseable_date', dateText.trim() === '' ? 'event_date is blank.' : `event_date "${dateText}" is not a date we can read (expected 2022-07-15 or 15 July 2022).`);
  }
  const timeCode = cell(row, 'time_precision');
  const timePrecision = ACLED_TIME_PRECISION[timeCode.trim()];
  if (timePrecision === undefined) return codeProblem('time_precision', timeCode, '1, 2, 3');
  const geoCode = cell(row, 'geo_precision');
  const precision = ACLED_GEO_PRECISION[geoCode.trim()];
  if (precision === undefined) return codeProblem('geo_precision', geoCode, '1, 2, 3');
  const fatalities = parseCount(row.fatalities);
  if (Number.isNaN(fatalities)) return reject('invalid_field', `fatalities "${cell(row, 'fatalities')}" is not a whole number.`);

  const date = acledDate(day, timePrecision);
  if (date === null) return reject('unparseable_date', `event_date ${day} is precise to the ${timePrecision}, and that ${timePrecision} runs past the years a date can name (0000–9999).`);
  const info = acledSourceInfo(cell(row, 'source'));
  const title = `${ctx.fileName}, event ${eventId}`;
  const source: SourceRef =
    info.note === undefined
      ? { publisher: PUBLISHER.acled, title, date: null, url: null, secondary: false }
      : { publisher: PUBLISHER.acled, title, date: null, url: null, secondary: false, note: info.note };
  const killed = acledKilled(info, fatalities);

  const subEventType = cell(row, 'sub_event_type').trim();
  const location = cell(row, 'location').trim();
  const admin1 = cell(row, 'admin1').trim();
  const admin3 = cell(row, 'admin3').trim();
  const placeName = location || admin3 || admin1 || 'unnamed place';
  let place: Place = admin3 === '' ? { name: placeName, admin1 } : { name: placeName, admin1, township: admin3 };

  // Townships are Myanmar's; rows of other countries in the same file keep their place as written.
  const coding =
    ctx.places !== undefined && myanmar
      ? ctx.places.code({ precision, admin1, township: admin3, townshipPcode: ctx.places.pcodeOf(row), district: '', lon: where.lon, lat: where.lat })
      : null;
  if (coding !== null) place = placeWithCoding(place, coding);

  const extra = extraStart(eventId, coding);
  putText(extra, 'event_type', row.event_type);
  putText(extra, 'sub_event_type', subEventType);
  putText(extra, 'disorder_type', row.disorder_type);
  putText(extra, 'actor1', row.actor1);
  putText(extra, 'assoc_actor_1', row.assoc_actor_1);
  putText(extra, 'inter1', acledInter(row.inter1));
  putText(extra, 'actor2', row.actor2);
  putText(extra, 'assoc_actor_2', row.assoc_actor_2);
  putText(extra, 'inter2', acledInter(row.inter2));
  putText(extra, 'interaction', row.interaction);
  putText(extra, 'civilian_targeting', row.civilian_targeting);
  putText(extra, 'admin2', row.admin2);
  putText(extra, 'geo_precision', geoCode);
  putText(extra, 'time_precision', timeCode);
  putText(extra, 'source_scale', row.source_scale);
  putText(extra, 'tags', row.tags);
  putText(extra, 'timestamp', row.timestamp);

  const incident: Incident = {
    id: `${ctx.datasetId}:${eventId}`,
    category: acledCategory(subEventType),
    title: `${subEventType || cell(row, 'event_type').trim() || 'Event'} in ${placeName}`,
    date,
    place,
    lon: where.lon,
    lat: where.lat,
    precision,
    weapons: NONE,
    killed,
    displaced: NONE,
    summary: cell(row, 'notes'),
    sources: [source],
    verification: shared(ctx).acledVerification,
    dataset: ctx.datasetId,
    extra,
  };
  return { ok: true, incident, eventId };
}

/** "Sagaing region" → "Sagaing", "Kayah state" → "Kayah": UCDP adds the unit to the name. */
export function ucdpAdmin1Name(adm1: string): string {
  const t = adm1.trim();
  const lower = t.toLowerCase();
  for (const suffix of [' region', ' state', ' division']) {
    if (lower.endsWith(suffix)) return t.slice(0, t.length - suffix.length);
  }
  return t;
}

/** The cited articles as one line: "The Irrawaddy (2022-01-03): Headline; Myanmar Now (…): …". */
function ucdpArticles(row: CsvRow): string {
  const offices = splitList(cell(row, 'source_office'));
  const dates = splitList(cell(row, 'source_date'));
  const heads = splitList(cell(row, 'source_headline'));
  if (offices.length > 0 && offices.length === dates.length && offices.length === heads.length) {
    return offices.map((o, i) => `${o} (${dates[i]}): ${heads[i]}`).join('; ');
  }
  // A headline with its own ";" breaks the zip; then show the columns as UCDP wrote them.
  const parts = [cell(row, 'source_office').trim(), cell(row, 'source_date').trim(), cell(row, 'source_headline').trim()].filter((p) => p !== '');
  if (parts.length > 0) return parts.join(' — ');
  return cell(row, 'source_article').trim();
}

/**
 * Maps one UCDP GED row to an incident. The category comes from a weapon named in the cited
 * headlines when there is one (see UCDP_HEADLINE_KEYWORDS), else from `type_of_violence`.
 * Checks in order: id, coordinates, date_start/date_end, date_prec, where_prec, type_of_violence, best/low/high.
 */
export function ucdpRowToIncident(row: CsvRow, rowNumber: number, ctx: MapContext): MapResult {
  const eventId = cell(row, 'id').trim();
  if (eventId === '') return reject('missing_required_field', `id is blank (data row ${rowNumber}).`);

  const myanmar = isMyanmarCountry(row.country);
  const where = rowCoordinates(row, myanmar);
  if (!where.ok) return where;

  const startText = cell(row, 'date_start');
  const endText = cell(row, 'date_end');
  const start = parseDay(startText);
  if (start === null) return reject('unparseable_date', startText.trim() === '' ? 'date_start is blank.' : `date_start "${startText}" is not a date we can read.`);
  const end = endText.trim() === '' ? start : parseDay(endText);
  if (end === null) return reject('unparseable_date', `date_end "${endText}" is not a date we can read.`);
  const dateCode = cell(row, 'date_prec');
  const datePrec = UCDP_DATE_PREC[dateCode.trim()];
  if (datePrec === undefined) return codeProblem('date_prec', dateCode, '1–5');
  // In words, not as "date_prec 2": the code itself stays in `extra.date_prec`.
  const note = dateCode.trim() === '1' && start === end ? undefined : `UCDP dates it ${datePrec.label}`;
  const date = dateFromBounds(start, end, datePrec.precision, note);
  if (date === null) return reject('unparseable_date', `date_end ${end} is before date_start ${start}.`);

  const whereCode = cell(row, 'where_prec');
  const precision = UCDP_WHERE_PREC[whereCode.trim()];
  if (precision === undefined) return codeProblem('where_prec', whereCode, '1–7');
  const violenceCode = cell(row, 'type_of_violence');
  const violence = UCDP_TYPE_OF_VIOLENCE[violenceCode.trim()];
  if (violence === undefined) return codeProblem('type_of_violence', violenceCode, '1, 2, 3');

  const best = parseCount(row.best);
  const low = parseCount(row.low);
  const high = parseCount(row.high);
  if (Number.isNaN(best) || Number.isNaN(low) || Number.isNaN(high)) {
    return reject('invalid_field', `best/low/high "${cell(row, 'best')}", "${cell(row, 'low')}", "${cell(row, 'high')}" are not whole numbers.`);
  }
  let killed: readonly Figure[] = NONE;
  if (best !== null || low !== null || high !== null) {
    const lo = low ?? best ?? high;
    const hi = high ?? best ?? low;
    killed = [{
      low: lo,
      high: hi,
      qualifier: lo === hi ? 'exact' : 'range',
      text: `best ${best ?? '?'} (low ${low ?? '?'}, high ${high ?? '?'})`,
      source: PUBLISHER.ucdp,
    }];
  }

  const keyword = headlineKeyword(cell(row, 'source_headline'));
  const category = keyword?.category ?? violence.category;

  const articles = ucdpArticles(row);
  const source: SourceRef = {
    publisher: PUBLISHER.ucdp,
    title: `${ctx.fileName}, event ${eventId}`,
    date: null,
    url: null,
    secondary: false,
    ...(articles === '' ? {} : { note: `Articles cited by UCDP: ${articles}` }),
  };

  const whereName = cell(row, 'where_coordinates').trim();
  const admin1 = ucdpAdmin1Name(cell(row, 'adm_1'));
  const placeName = whereName || cell(row, 'adm_2').trim() || admin1 || 'unnamed place';
  const township = whereName.toLowerCase().endsWith(' township') ? whereName.slice(0, -' township'.length).trim() : '';
  let place: Place = township === '' ? { name: placeName, admin1 } : { name: placeName, admin1, township };

  let coding: Readonly<PlaceCoding> | null = null;
  if (ctx.places !== undefined && myanmar) {
    // where_prec 5 names "X township", or a road, river or border that matches no township.
    coding = ctx.places.code({
      precision,
      admin1: cell(row, 'adm_1'),
      township: precision === 'township' ? whereName : township,
      townshipPcode: ctx.places.pcodeOf(row),
      district: cell(row, 'adm_2'),
      lon: where.lon,
      lat: where.lat,
    });
    place = placeWithCoding(place, coding);
  }

  const extra = extraStart(eventId, coding);
  putText(extra, 'relid', row.relid);
  extra.type_of_violence = violence.label;
  extra.category_basis = keyword === null ? `type_of_violence ${violenceCode.trim()} (${violence.label})` : `source_headline mentions "${keyword.keyword}"`;
  putText(extra, 'conflict_name', row.conflict_name);
  putText(extra, 'dyad_name', row.dyad_name);
  putText(extra, 'side_a', row.side_a);
  putText(extra, 'side_b', row.side_b);
  putText(extra, 'source_original', row.source_original);
  putText(extra, 'where_description', row.where_description);
  putText(extra, 'adm_2', row.adm_2);
  putNumber(extra, 'where_prec', whereCode);
  putNumber(extra, 'date_prec', dateCode);
  putNumber(extra, 'event_clarity', row.event_clarity);
  putNumber(extra, 'best', row.best);
  putNumber(extra, 'deaths_a', row.deaths_a);
  putNumber(extra, 'deaths_b', row.deaths_b);
  putNumber(extra, 'deaths_civilians', row.deaths_civilians);
  putNumber(extra, 'deaths_unknown', row.deaths_unknown);

  const incident: Incident = {
    id: `${ctx.datasetId}:${eventId}`,
    category,
    title: `${violence.label} in ${placeName}`,
    date,
    place,
    lon: where.lon,
    lat: where.lat,
    precision,
    weapons: NONE,
    killed,
    displaced: NONE,
    summary: '',
    sources: [source],
    verification: shared(ctx).ucdpVerification,
    dataset: ctx.datasetId,
    extra,
  };
  return { ok: true, incident, eventId };
}
