/**
 * Checks incident and displacement records before they ship. Pure: it takes the records and the
 * unsimplified admin-1 boundaries and returns every problem with the record's id and a reason a
 * person can act on. It never changes a record; a coordinate is fixed at its source or not at all.
 */
import { isRecord } from '../../src/lib/domain/guards.ts';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { booleanPointInPolygon, point, pointToPolygonDistance } from '@turf/turf';
import { isCategoryId } from '../../src/lib/domain/categories.ts';
import { dayNumber, isoWeekStart, monthSpan } from '../../src/lib/domain/calendar.ts';
import { DATE_PRECISIONS, isAreaPrecision, isLocationPrecision } from '../../src/lib/domain/precision.ts';
import { isVerificationStatus } from '../../src/lib/domain/verification.ts';

export interface Problem {
  readonly id: string;
  readonly reason: string;
  /** For a point outside its stated state or region: how far outside, in km. */
  readonly distanceKm?: number;
}

export interface ValidationReport {
  readonly errors: Problem[];
  readonly warnings: Problem[];
}

export type Admin1Boundaries = FeatureCollection<Polygon | MultiPolygon, { code: string; name_en: string }>;

/**
 * How far outside its state a point may lie and still only warn. Natural Earth's admin-1 lines
 * are coarse (rivers along the Thai border are drawn as straight segments), so a village on the
 * bank can fall a few hundred metres "outside"; 2 km is well under any township's size.
 */
export const BORDER_TOLERANCE_KM = 2;

/** Displacement areas that are not a state or region polygon: the country and UNHCR/OCHA macro-regions. */
export const DISPLACEMENT_GROUP_AREAS: readonly string[] = ['MM', 'north-west', 'south-east', 'kayin+kayah'];

const QUALIFIERS = ['exact', 'at_least', 'more_than', 'about', 'range', 'unspecified'] as const;
const MEASURES = ['since_coup', 'total'] as const;

type Report = { errors: Problem[]; warnings: Problem[] };
type Admin1Feature = Feature<Polygon | MultiPolygon, { code: string; name_en: string }>;

/**
 * Validates incident records: ids unique; category, precision and verification known; a real date
 * with start ≤ end that fits its precision; at least one source with a publisher and a title or null
 * (a missing URL is a warning); well-formed figures and weapon claims; and the point inside its
 * stated state or region — within BORDER_TOLERANCE_KM outside is a warning with the distance,
 * farther is an error. Records at district, region or country precision may not name a village.
 */
export function validateIncidents(incidents: unknown[], boundaries: Admin1Boundaries): ValidationReport {
  const report: Report = { errors: [], warnings: [] };
  const seen = new Map<string, number>();
  incidents.forEach((raw, index) => {
    const id = recordId(raw, index);
    const error = (reason: string): void => void report.errors.push({ id, reason });
    const warn = (reason: string): void => void report.warnings.push({ id, reason });
    if (!isRecord(raw)) return error('record is not an object');
    checkUniqueId(raw, index, seen, error);
    if (!isCategoryId(raw['category'])) error(`unknown category ${describe(raw['category'])}`);
    if (!isNonEmptyString(raw['title'])) error('title is missing');
    if (typeof raw['summary'] !== 'string') error('summary is missing');
    if (!isNonEmptyString(raw['dataset'])) error('dataset is missing');
    checkDate(raw['date'], error);
    checkSources(raw['sources'], error, warn);
    checkFigureList(raw['killed'], 'killed', error);
    checkFigureList(raw['displaced'], 'displaced', error);
    checkWeapons(raw['weapons'], error);
    const verification = raw['verification'];
    if (!isRecord(verification) || !isVerificationStatus(verification['status'])) error(`unknown verification status ${describe(isRecord(verification) ? verification['status'] : verification)}`);

    const precision = raw['precision'];
    if (!isLocationPrecision(precision)) error(`unknown location precision ${describe(precision)}`);
    const place = raw['place'];
    if (!isRecord(place) || !isNonEmptyString(place['name']) || !isNonEmptyString(place['admin1'])) {
      error('place needs a name and an admin1 (state or region)');
      return;
    }
    if (isLocationPrecision(precision) && isAreaPrecision(precision) && /\bvillage\b/i.test(place['name'])) {
      error(`${precision}-precision record names a village as its place ("${place['name']}")`);
    }
    const admin1 = findAdmin1(boundaries, place['admin1']);
    if (!admin1) return error(`admin1 "${place['admin1']}" is not a state or region of the boundaries`);
    const at = lonLat(raw['lon'], raw['lat']);
    if (!at) return error(`coordinates ${describe(raw['lon'])}, ${describe(raw['lat'])} are not a longitude and latitude`);
    checkPointInAdmin1(at, admin1, boundaries, 'point is', id, report, true);
    const sc = raw['sourceCoordinates'];
    if (sc !== undefined && sc !== null) {
      const scAt = isRecord(sc) && isNonEmptyString(sc['note']) ? lonLat(sc['lon'], sc['lat']) : null;
      if (!scAt) error('sourceCoordinates need lon, lat and a note');
      else checkPointInAdmin1(scAt, admin1, boundaries, 'source coordinates (kept as given, not used for the marker) are', id, report, false);
    }
  });
  return report;
}

/** Validates displacement figures: unique ids, a known area, a real date, a known measure, a well-formed figure and a source. */
export function validateDisplacement(figures: unknown[], boundaries: Admin1Boundaries): ValidationReport {
  const report: Report = { errors: [], warnings: [] };
  const seen = new Map<string, number>();
  const codes = new Set(boundaries.features.map((f) => f.properties.code));
  figures.forEach((raw, index) => {
    const id = recordId(raw, index);
    const error = (reason: string): void => void report.errors.push({ id, reason });
    const warn = (reason: string): void => void report.warnings.push({ id, reason });
    if (!isRecord(raw)) return error('record is not an object');
    checkUniqueId(raw, index, seen, error);
    const area = raw['area'];
    if (typeof area !== 'string' || !(codes.has(area) || DISPLACEMENT_GROUP_AREAS.includes(area))) error(`unknown area ${describe(area)}`);
    if (!isNonEmptyString(raw['areaName'])) error('areaName is missing');
    if (!isNonEmptyString(raw['factsId'])) error('factsId is missing');
    if (!(MEASURES as readonly unknown[]).includes(raw['measure'])) error(`unknown measure ${describe(raw['measure'])}`);
    checkDate(raw['asOf'], error);
    const figure = raw['figure'];
    checkFigure(figure, 'figure', error);
    if (isRecord(figure) && figure['low'] === null && figure['high'] === null) warn('figure has no number, so it cannot be drawn');
    checkSources([raw['source']], error, warn);
  });
  return report;
}

/** The record's id, or "#index" when it has none, so every problem names its record. */
function recordId(raw: unknown, index: number): string {
  return isRecord(raw) && isNonEmptyString(raw['id']) ? raw['id'] : `#${index}`;
}

function checkUniqueId(raw: Record<string, unknown>, index: number, seen: Map<string, number>, error: (r: string) => void): void {
  const id = raw['id'];
  if (!isNonEmptyString(id)) return error('id is missing');
  const first = seen.get(id);
  if (first !== undefined) error(`duplicate id (also record #${first})`);
  else seen.set(id, index);
}

/** A date must be real calendar days, start ≤ end, and fit its precision (a day is one day, a week starts on Monday, a month is whole). */
function checkDate(raw: unknown, error: (r: string) => void): void {
  if (!isRecord(raw)) return error('date is missing');
  const precision = raw['precision'];
  if (!(DATE_PRECISIONS as readonly unknown[]).includes(precision)) error(`unknown date precision ${describe(precision)}`);
  const start = typeof raw['start'] === 'string' ? dayNumber(raw['start']) : null;
  const end = typeof raw['end'] === 'string' ? dayNumber(raw['end']) : null;
  if (start === null) error(`start date ${describe(raw['start'])} is not a real calendar day`);
  if (end === null) error(`end date ${describe(raw['end'])} is not a real calendar day`);
  if (start === null || end === null) return;
  if (end < start) return error(`end date ${String(raw['end'])} is before start date ${String(raw['start'])}`);
  if (precision === 'day' && start !== end) error('a day-precision date must start and end on the same day');
  if (precision === 'week' && (isoWeekStart(start) !== start || end !== start + 6)) error('a week-precision date must run Monday to Sunday');
  if (precision === 'month') {
    const [first, last] = monthSpan(start);
    if (start !== first || end !== last) error('a month-precision date must cover one whole calendar month');
  }
}

/** At least one source; each with a publisher, a real title or null, a real date or null, and an http(s) URL or null (null warns). */
function checkSources(raw: unknown, error: (r: string) => void, warn: (r: string) => void): void {
  if (!Array.isArray(raw) || raw.length === 0) return error('has no source');
  raw.forEach((s, i) => {
    const which = `source ${i + 1}`;
    if (!isRecord(s)) return error(`${which} is not an object`);
    if (!isNonEmptyString(s['publisher'])) error(`${which} has no publisher`);
    // A source without a known title has none (null); a bracketed placeholder would be printed in citations.
    const title = s['title'];
    if (title !== null && !isNonEmptyString(title)) error(`${which} has no title: a title not known must be null, not empty`);
    else if (typeof title === 'string' && /^\[.*\]$/.test(title.trim())) error(`${which} title ${describe(title)} is a placeholder, not a title`);
    if (title === null && !isNonEmptyString(s['description']) && s['date'] === null && s['url'] === null) warn(`source has no title, description, date or URL to find it by: ${String(s['publisher'])}`);
    const date = s['date'];
    if (date !== null && !(typeof date === 'string' && dayNumber(date) !== null)) error(`${which} date ${describe(date)} is not a real calendar day`);
    if (typeof s['secondary'] !== 'boolean') error(`${which} does not say whether it is secondary`);
    const url = s['url'];
    const label = `${String(s['publisher'])}${typeof title === 'string' ? `, "${title}"` : typeof s['description'] === 'string' ? `, ${s['description']}` : ''}${typeof date === 'string' ? ` (${date})` : ''}`;
    if (url === null) warn(`source has no URL: ${label}`);
    else if (!isHttpUrl(url)) error(`${which} URL ${describe(url)} is not an http(s) address`);
  });
}

function checkFigureList(raw: unknown, field: string, error: (r: string) => void): void {
  if (!Array.isArray(raw)) return error(`${field} is not a list of figures`);
  raw.forEach((f, i) => checkFigure(f, `${field} figure ${i + 1}`, error));
}

/** A figure's numbers must agree with its qualifier: "about 700" has low = high, "thousands" has none. */
function checkFigure(raw: unknown, which: string, error: (r: string) => void): void {
  if (!isRecord(raw)) return error(`${which} is not an object`);
  const { low, high, qualifier } = raw;
  if (!(QUALIFIERS as readonly unknown[]).includes(qualifier)) return error(`${which} has unknown qualifier ${describe(qualifier)}`);
  if (!isCount(low) || !isCount(high)) return error(`${which} numbers must be whole non-negative numbers or null`);
  if (!isNonEmptyString(raw['source'])) error(`${which} does not say who gives it`);
  if (typeof raw['text'] !== 'string') error(`${which} has no text`);
  const ok =
    qualifier === 'unspecified' ? low === null && high === null
    : qualifier === 'exact' || qualifier === 'about' ? low !== null && low === high
    : qualifier === 'at_least' || qualifier === 'more_than' ? low !== null && high === null
    : low !== null && high !== null && low < high;
  if (!ok) error(`${which}: numbers ${String(low)}–${String(high)} do not fit the qualifier ${String(qualifier)}`);
}

function checkWeapons(raw: unknown, error: (r: string) => void): void {
  if (!Array.isArray(raw)) return error('weapons is not a list');
  raw.forEach((w, i) => {
    if (!isRecord(w) || !isNonEmptyString(w['text']) || !isNonEmptyString(w['source'])) error(`weapon claim ${i + 1} needs a text and the source that makes it`);
  });
}

/** Inside: fine. Outside by ≤ BORDER_TOLERANCE_KM: warning. Farther: error for the marker, warning for kept source coordinates. */
function checkPointInAdmin1(
  at: [number, number],
  admin1: Admin1Feature,
  boundaries: Admin1Boundaries,
  /** Subject and verb of the message: "point is", "source coordinates … are". */
  what: string,
  id: string,
  report: Report,
  farIsError: boolean,
): void {
  const p = point(at);
  if (booleanPointInPolygon(p, admin1)) return;
  const distanceKm = Math.round(Math.abs(pointToPolygonDistance(p, admin1, { units: 'kilometers' })) * 100) / 100;
  const name = admin1.properties.name_en;
  if (distanceKm <= BORDER_TOLERANCE_KM) {
    report.warnings.push({ id, reason: `${what} ${distanceKm} km outside ${name} (within ${BORDER_TOLERANCE_KM} km: Natural Earth's border is coarse)`, distanceKm });
    return;
  }
  const actual = boundaries.features.find((f) => booleanPointInPolygon(p, f));
  const where = actual ? `it lies in ${actual.properties.name_en}` : 'it lies in no state or region of Myanmar';
  const problem = { id, reason: `${what} ${distanceKm} km outside ${name}; ${where}`, distanceKm };
  (farIsError ? report.errors : report.warnings).push(problem);
}

/** The boundary feature of a state or region, by English name or ISO code. */
function findAdmin1(boundaries: Admin1Boundaries, nameOrCode: string): Admin1Feature | undefined {
  const key = nameOrCode.trim().toLowerCase();
  return boundaries.features.find((f) => f.properties.name_en.toLowerCase() === key || f.properties.code.toLowerCase() === key);
}


function isNonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '';
}

function isCount(v: unknown): v is number | null {
  return v === null || (typeof v === 'number' && Number.isInteger(v) && v >= 0);
}

/** [lon, lat] when both are finite numbers in range, else null. */
function lonLat(lon: unknown, lat: unknown): [number, number] | null {
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) return null;
  return Math.abs(lon) <= 180 && Math.abs(lat) <= 90 ? [lon, lat] : null;
}

function isHttpUrl(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** A value quoted for a message: strings in quotes, others as JSON. */
function describe(v: unknown): string {
  return typeof v === 'string' ? `"${v}"` : v === undefined ? 'missing' : JSON.stringify(v);
}
