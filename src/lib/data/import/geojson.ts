/**
 * GeoJSON import: a FeatureCollection (or one Feature) of Points → incidents. Properties
 * that match our model by name are used (our own export writes exactly these, so it
 * re-imports without loss); every other property is kept in `extra`.
 */
import { isRecord, safeHttpUrl } from '../../domain/guards.ts';
import { CATEGORIES, categoryDef, type CategoryId } from '../../domain/categories.ts';
import type { Figure, Incident, IncidentDate, Place, SourceRef } from '../../domain/incident.ts';
import type { LocationPrecision } from '../../domain/precision.ts';
import { checkCoordinates, isMyanmarCountry } from './coordinates.ts';
import { dateAtPrecision, dateFromBounds, parseDay } from './dates.ts';
import { detectJsonFormat } from './detect-format.ts';
import { checkJsonDepth } from './json-depth.ts';
import { EXTRA_TEXT_LIMIT } from './map-row.ts';
import { townshipPcodeOf } from './place-codes.ts';
import type { MapContext, MapResult, RejectReason } from './types.ts';
import {
  readCategory,
  readExtra,
  readExternalRefs,
  readFigure,
  readIncidentDate,
  readList,
  readPlace,
  readPrecision,
  readSource,
  readSourceCoordinates,
  readVerification,
  readWeapon,
  setOwn,
} from './validate.ts';

export { checkJsonDepth } from './json-depth.ts';

/** Deepest nesting accepted in an imported JSON file. A Point feature needs 5 levels. */
export const MAX_JSON_DEPTH = 64;

/** Parsed GeoJSON features, or a message for the user. */
export type GeoJsonParse =
  | { readonly ok: true; readonly features: readonly unknown[] }
  | { readonly ok: false; readonly message: string };

/**
 * Parses untrusted GeoJSON text: bounds the nesting depth first, then JSON.parse, then checks
 * it is a FeatureCollection or Feature. Never throws.
 */
export function parseGeoJsonText(text: string, maxDepth = MAX_JSON_DEPTH): GeoJsonParse {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!checkJsonDepth(body, maxDepth)) {
    return { ok: false, message: `This JSON nests more than ${maxDepth} levels deep, which no GeoJSON of points needs; it was not read.` };
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    const detail = e instanceof Error ? e.message.slice(0, 200) : '';
    return { ok: false, message: `This file is not valid JSON${detail === '' ? '' : ` (${detail})`}.` };
  }
  const detected = detectJsonFormat(value);
  return detected.format === 'geojson' ? { ok: true, features: detected.features } : { ok: false, message: detected.message };
}

type ExtraValue = string | number | boolean | null;

// Properties read into the model; everything else goes to `extra`.
const MAPPED = new Set([
  'id', 'dataset', 'category', 'title', 'date', 'date_start', 'date_end', 'event_date', 'start_date', 'end_date',
  'date_precision', 'place', 'location', 'admin1', 'township', 'precision', 'summary', 'notes', 'description',
  'killed', 'fatalities', 'displaced', 'weapons', 'sources', 'source', 'url', 'verification', 'sourceCoordinates',
  'extra', 'attribution', 'refs',
]);

const CATEGORY_BY_LABEL = new Map<string, CategoryId>(CATEGORIES.map((c) => [c.label.toLowerCase(), c.id]));

function fail(reason: RejectReason, message: string): MapResult {
  return { ok: false, reason, message };
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** A JSON value as text for messages and the rejects file. String() throws on an object like {"toString": 1}. */
function asText(v: unknown): string {
  return typeof v === 'object' && v !== null ? (JSON.stringify(v) ?? '') : String(v);
}

function short(v: string): string {
  return v.length > EXTRA_TEXT_LIMIT ? `${v.slice(0, EXTRA_TEXT_LIMIT - 1)}…` : v;
}

function count(v: unknown): number | null | false {
  if (v === undefined || v === null || v === '') return null;
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.trim()) : Number.NaN;
  return Number.isInteger(n) && n >= 0 ? n : false;
}

/** The date from our structured `date` or from flat date properties. */
function featureDate(p: Record<string, unknown>): IncidentDate | string {
  if (isRecord(p.date)) return readIncidentDate(p.date) ?? 'The date is not {precision, start, end} with real days that fit the precision (one day, a Monday-to-Sunday week, a whole month).';
  const startText = str(p.date_start) ?? str(p.date) ?? str(p.event_date) ?? str(p.start_date);
  if (startText === undefined) return 'No date property (date, date_start or event_date).';
  const start = parseDay(startText);
  if (start === null) return `Date "${startText}" is not a date we can read.`;
  const endText = str(p.date_end) ?? str(p.end_date);
  const end = endText === undefined || endText.trim() === '' ? null : parseDay(endText);
  if (end === null && endText !== undefined && endText.trim() !== '') return `End date "${endText}" is not a date we can read.`;
  const precision = str(p.date_precision);
  if (end === null && (precision === 'week' || precision === 'month')) {
    return dateAtPrecision(start, precision) ?? `The ${precision} of ${start} runs past the years a date can name (0000–9999).`;
  }
  const nominal = precision === 'week' || precision === 'month' || precision === 'day' ? precision : 'range';
  return dateFromBounds(start, end ?? start, nominal) ?? `End date ${endText} is before ${start}.`;
}

/** A count property (fatalities, displaced) as a one-figure list. */
function countFigure(v: unknown, source: string): Figure[] | null | false {
  const n = count(v);
  if (n === false) return false;
  if (n === null) return null;
  return [{ low: n, high: n, qualifier: 'exact', text: String(n), source }];
}

/**
 * Maps one GeoJSON feature to an incident. Non-Point geometries are refused (`unsupported_geometry`);
 * properties in our own export's shape (structured `date`, `place`, `sources`, …) are read as such.
 * A feature that states no location precision is shown at township level and says so.
 */
export function geoJsonFeatureToIncident(feature: unknown, featureNumber: number, ctx: MapContext): MapResult {
  if (!isRecord(feature) || feature.type !== 'Feature') return fail('invalid_field', `Item ${featureNumber} is not a GeoJSON Feature.`);
  const p = isRecord(feature.properties) ? feature.properties : {};
  const fileDataset = str(p.dataset) ?? '';
  // A blank id falls through to the next one, as the CSV readers refuse blank ids: an empty id cannot be selected.
  const rawId = [str(p.id), str(feature.id)].find((v) => v !== undefined && v.trim() !== '') ?? `feature-${featureNumber}`;
  const eventId = fileDataset !== '' && rawId.startsWith(`${fileDataset}:`) ? rawId.slice(fileDataset.length + 1) : rawId;

  const g = feature.geometry;
  if (!isRecord(g)) return fail('no_coordinates', 'The feature has no geometry.');
  if (g.type !== 'Point') return fail('unsupported_geometry', `Geometry type "${str(g.type) ?? '?'}" is not a Point; only points can be imported.`);
  const c = Array.isArray(g.coordinates) ? g.coordinates : [];
  const lon = typeof c[0] === 'number' && Number.isFinite(c[0]) ? c[0] : null;
  const lat = typeof c[1] === 'number' && Number.isFinite(c[1]) ? c[1] : null;
  const country = str(p.country);
  const where = checkCoordinates(lat, lon, isMyanmarCountry(country), asText(c[1]), asText(c[0]));
  if (!where.ok) return where;

  const date = featureDate(p);
  if (typeof date === 'string') return fail('unparseable_date', date);

  const categoryText = str(p.category);
  const category = readCategory(categoryText) ?? (categoryText === undefined ? undefined : CATEGORY_BY_LABEL.get(categoryText.trim().toLowerCase())) ?? 'other';
  const statedPrecision = p.precision === undefined ? null : readPrecision(p.precision);
  if (p.precision !== undefined && statedPrecision === null) return fail('invalid_field', `precision "${str(p.precision) ?? '?'}" is not one of ours (exact, village, town, township, district, region, country).`);
  const precision: LocationPrecision = statedPrecision ?? 'township';

  let place: Place;
  if (isRecord(p.place)) {
    const read = readPlace(p.place);
    if (read === null) return fail('invalid_field', 'place is not {name, admin1}.');
    place = read;
  } else {
    const township = str(p.township) ?? '';
    place = { name: str(p.place) ?? str(p.location) ?? '', admin1: str(p.admin1) ?? '', ...(township === '' ? {} : { township }) };
  }

  const killed = Array.isArray(p.killed) ? readList(p.killed, readFigure) : countFigure(p.killed ?? p.fatalities, ctx.fileName) ?? [];
  if (killed === null || killed === false) return fail('invalid_field', 'killed/fatalities is neither a whole number nor a list of figures.');
  const displaced = Array.isArray(p.displaced) ? readList(p.displaced, readFigure) : countFigure(p.displaced, ctx.fileName) ?? [];
  if (displaced === null || displaced === false) return fail('invalid_field', 'displaced is neither a whole number nor a list of figures.');
  const weapons = p.weapons === undefined ? [] : readList(p.weapons, readWeapon);
  if (weapons === null) return fail('invalid_field', 'weapons is not a list of {text, source}.');

  let sources: SourceRef[];
  if (p.sources !== undefined) {
    const read = readList(p.sources, readSource);
    if (read === null) return fail('invalid_field', 'sources is not a list of {publisher, title, date, url}.');
    sources = read;
  } else {
    const named = str(p.source);
    sources = [{
      publisher: ctx.fileName,
      title: `${ctx.fileName}, feature ${eventId}`,
      date: null,
      url: safeHttpUrl(p.url),
      secondary: false,
      ...(named === undefined || named === '' ? {} : { note: `Source named in the file: ${named}` }),
    }];
  }

  const sourceCoordinates = p.sourceCoordinates === undefined ? undefined : readSourceCoordinates(p.sourceCoordinates);
  if (sourceCoordinates === false) return fail('invalid_field', 'sourceCoordinates is not {lon, lat, note} or null.');

  const refs = p.refs === undefined ? undefined : readExternalRefs(p.refs);
  if (refs === null) return fail('invalid_field', 'refs is not a list of {dataset, id} references to UCDP GED or ACLED events.');

  let extra: Record<string, ExtraValue> | undefined;
  if (p.extra !== undefined) {
    const read = readExtra(p.extra);
    if (read === null) return fail('invalid_field', 'extra is not an object of plain values.');
    extra = read;
  }
  for (const [k, v] of Object.entries(p)) {
    if (MAPPED.has(k)) continue;
    extra ??= {};
    if (v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) setOwn(extra, k, v);
    else if (typeof v === 'string') setOwn(extra, k, short(v));
    else setOwn(extra, k, short(JSON.stringify(v) ?? ''));
  }
  if (categoryText !== undefined && category === 'other' && categoryText !== 'other') {
    extra ??= {};
    extra.category = short(categoryText);
  }

  const verification =
    p.verification === undefined
      ? {
          status: 'imported' as const,
          text: `Imported from "${ctx.fileName}".${statedPrecision === null ? ' The file states no location precision; shown as township level.' : ''}`,
        }
      : readVerification(p.verification);
  if (verification === null) return fail('invalid_field', 'verification is not {status, text} with a known status.');

  // A feature that names another country keeps its place as written: townships are Myanmar's.
  if (ctx.places !== undefined && (country === undefined || country.trim() === '' || isMyanmarCountry(country))) {
    const facts = { precision, admin1: place.admin1, township: place.township ?? '', townshipPcode: townshipPcodeOf(p), district: '', lon: where.lon, lat: where.lat };
    ({ place, extra } = ctx.places.keepStated(place, facts, extra));
  }

  const placeName = place.name || place.township || place.admin1 || 'unnamed place';
  const incident: Incident = {
    id: fileDataset === ctx.datasetId ? rawId : `${ctx.datasetId}:${eventId}`,
    category,
    title: str(p.title) ?? `${categoryDef(category).label} in ${placeName}`,
    date,
    place,
    lon: where.lon,
    lat: where.lat,
    precision,
    ...(sourceCoordinates === undefined ? {} : { sourceCoordinates }),
    weapons,
    killed,
    displaced,
    summary: str(p.summary) ?? str(p.notes) ?? str(p.description) ?? '',
    sources,
    verification,
    dataset: ctx.datasetId,
    ...(extra === undefined ? {} : { extra }),
    ...(refs === undefined ? {} : { refs }),
  };
  return { ok: true, incident, eventId };
}

/** A feature flattened to text cells for the rejects CSV: geometry first, then its properties. */
export function featureToRaw(feature: unknown): Record<string, string> {
  const raw: Record<string, string> = {};
  if (!isRecord(feature)) {
    raw.feature = short(JSON.stringify(feature) ?? String(feature));
    return raw;
  }
  const g = isRecord(feature.geometry) ? feature.geometry : null;
  raw.geometry_type = g === null ? '' : (str(g.type) ?? '');
  const c = g !== null && Array.isArray(g.coordinates) ? g.coordinates : [];
  raw.longitude = g?.type === 'Point' ? asText(c[0] ?? '') : '';
  raw.latitude = g?.type === 'Point' ? asText(c[1] ?? '') : '';
  const p = isRecord(feature.properties) ? feature.properties : {};
  for (const [k, v] of Object.entries(p)) {
    setOwn(raw, k, typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
  }
  return raw;
}
