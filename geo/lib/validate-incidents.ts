/**
 * Checks incident and displacement records before they ship. Pure: it takes the records and the
 * unsimplified admin-1 boundaries and returns every problem with the record's id and a reason a
 * person can act on. It never changes a record; a coordinate is fixed at its source or not at all.
 */
import { isRecord } from '../../src/lib/domain/guards.ts';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { booleanPointInPolygon, point, pointToPolygonDistance } from '@turf/turf';
import { isCategoryId } from '../../src/lib/domain/categories.ts';
import { dayNumber, dayString, isoWeekStart, monthSpan } from '../../src/lib/domain/calendar.ts';
import { DATE_PRECISIONS, LOCATION_PRECISIONS, isAreaPrecision, isLocationPrecision } from '../../src/lib/domain/precision.ts';
import type { DatasetColumns } from '../../src/lib/data/dataset-file.ts';
import { isVerificationStatus } from '../../src/lib/domain/verification.ts';
import { CANDIDATE_RULES, EXTERNAL_DATASETS, EXTERNAL_DATASET_IDS, externalRefKey, externalRefProblem, type ExternalDatasetId, type ExternalRef } from '../../src/lib/domain/event-link.ts';
import { incidentDaySpan } from '../../src/lib/domain/date-span.ts';
import { townshipKey, placeNameKey } from '../../src/lib/domain/place-names.ts';
import { UNCERTAINTY_RADIUS_M, type LocationPrecision } from '../../src/lib/domain/precision.ts';
import type { IncidentDate } from '../../src/lib/domain/incident.ts';
import { haversineMetres } from '../../src/lib/geo/distance.ts';

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

/** What a public dataset says about one of its events, for checking a record that cites it. */
export interface ExternalEvent {
  readonly startDay: number;
  readonly endDay: number;
  readonly lon: number;
  readonly lat: number;
  readonly precision: LocationPrecision;
  readonly admin1: string;
  readonly township?: string;
  /** How the dataset names the place, for messages: "Letyetkone village". */
  readonly placeName: string;
}

/** The events of a public dataset by id; null when the id is not in it. */
export type ExternalEventLookup = (id: string) => ExternalEvent | null;

/** The events of a dataset stored in the app's format (its core columns), by their event id; the first row of an id wins. */
export function externalEventLookup(columns: DatasetColumns): ExternalEventLookup {
  const rowOf = new Map<string, number>();
  for (let row = 0; row < columns.rows; row++) {
    const id = columns.eventId.get(row);
    if (id !== undefined && !rowOf.has(id)) rowOf.set(id, row);
  }
  return (id) => {
    const row = rowOf.get(id);
    if (row === undefined) return null;
    const township = columns.township.get(row);
    return {
      startDay: columns.startDay[row] as number,
      endDay: columns.endDay[row] as number,
      lon: columns.lon[row] as number,
      lat: columns.lat[row] as number,
      precision: LOCATION_PRECISIONS[columns.precision[row] as number] ?? 'country',
      admin1: columns.admin1.get(row) ?? '',
      ...(township === undefined ? {} : { township }),
      placeName: columns.placeName.get(row) ?? '',
    };
  };
}

export interface ValidateIncidentsOptions {
  /** The public datasets at hand; a reference to a dataset not given is checked for shape only. */
  readonly externalEvents?: Partial<Record<ExternalDatasetId, ExternalEventLookup>>;
}

// "UCDP GED 448773" and the like, as sources and figures cite events in free text.
const CITED_IN_TEXT: readonly { dataset: ExternalDatasetId; pattern: RegExp }[] = EXTERNAL_DATASET_IDS.map((dataset) => ({
  dataset,
  pattern: new RegExp(`${EXTERNAL_DATASETS[dataset].label.replace(/ /g, '\\s+')}\\s+([A-Za-z0-9]+)`, 'g'),
}));

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
 * References to public datasets (`refs`) must be well formed (an error otherwise); a warning
 * when an event cited in a source's text has no reference, when two records of one dataset
 * cite the same event, and, for the datasets given in `options`, when the cited event is not
 * there or its date or place does not agree with the record.
 */
export function validateIncidents(incidents: unknown[], boundaries: Admin1Boundaries, options: ValidateIncidentsOptions = {}): ValidationReport {
  const report: Report = { errors: [], warnings: [] };
  const seen = new Map<string, number>();
  const citedBy = new Map<string, string>();
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
    const refs = checkRefs(raw, error, warn);
    for (const ref of refs) {
      const key = `${String(raw['dataset'])} ${externalRefKey(ref)}`;
      const first = citedBy.get(key);
      if (first !== undefined) warn(`cites ${EXTERNAL_DATASETS[ref.dataset].label} ${ref.id} as ${first} does; only one record of a dataset can be linked to it`);
      else citedBy.set(key, id);
      const lookup = options.externalEvents?.[ref.dataset];
      if (lookup) checkCitedEvent(raw, ref, lookup(ref.id), warn);
    }

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

/** The record's `refs`, checked: a non-empty list of well-formed references, none repeated, covering every event its sources cite in text. */
function checkRefs(raw: Record<string, unknown>, error: (r: string) => void, warn: (r: string) => void): ExternalRef[] {
  const list = raw['refs'];
  const refs: ExternalRef[] = [];
  if (list !== undefined) {
    if (!Array.isArray(list) || list.length === 0) error('refs must be a non-empty list when present');
    else {
      const keys = new Set<string>();
      list.forEach((ref, i) => {
        const problem = externalRefProblem(ref);
        if (problem !== null) return error(`reference ${i + 1} ${problem}`);
        const key = externalRefKey(ref as ExternalRef);
        if (keys.has(key)) return error(`reference ${i + 1} repeats ${key}`);
        keys.add(key);
        refs.push(ref as ExternalRef);
      });
    }
  }
  const stated = new Set(refs.map(externalRefKey));
  const texts = [raw['sources'], raw['killed'], raw['displaced']].flatMap((l) => (Array.isArray(l) ? l : [])).flatMap((x) => (isRecord(x) ? Object.values(x).filter((v): v is string => typeof v === 'string') : []));
  const cited = new Set<string>();
  for (const text of texts) {
    for (const { dataset, pattern } of CITED_IN_TEXT) {
      for (const m of text.matchAll(pattern)) {
        const ref = { dataset, id: m[1] as string };
        if (externalRefProblem(ref) === null) cited.add(externalRefKey(ref));
      }
    }
  }
  for (const key of cited) if (!stated.has(key)) warn(`its sources cite ${key} in text, but refs do not name it (add it to geo/curated/external-refs.ts)`);
  return refs;
}

/** A cited event must exist, overlap the record's dates (± the linking slack) and lie at its place. */
function checkCitedEvent(raw: Record<string, unknown>, ref: ExternalRef, event: ExternalEvent | null, warn: (r: string) => void): void {
  const label = `${EXTERNAL_DATASETS[ref.dataset].label} ${ref.id}`;
  if (event === null) return warn(`cites ${label}, which is not in the ${EXTERNAL_DATASETS[ref.dataset].label} data at hand`);
  const span = isRecord(raw['date']) ? incidentDaySpan(raw['date'] as unknown as IncidentDate) : null;
  const slack = CANDIDATE_RULES.daySlack;
  if (span !== null && (span[0] > event.endDay + slack || event.startDay > span[1] + slack)) {
    warn(`cites ${label}, dated ${dayRange(event.startDay, event.endDay)}, which is more than ${slack} day from the record's ${dayRange(span[0], span[1])}`);
  }
  const place = raw['place'];
  if (!isRecord(place)) return;
  const admin1 = String(place['admin1']);
  if (placeNameKey(admin1) !== placeNameKey(event.admin1)) return warn(`cites ${label}, placed in ${event.admin1}, not ${admin1}`);
  const points = [lonLat(raw['lon'], raw['lat']), isRecord(raw['sourceCoordinates']) ? lonLat(raw['sourceCoordinates']['lon'], raw['sourceCoordinates']['lat']) : null].filter((p) => p !== null);
  const nearest = Math.min(...points.map(([lon, lat]) => haversineMetres(lon, lat, event.lon, event.lat)));
  const precision = isLocationPrecision(raw['precision']) ? raw['precision'] : 'exact';
  // The points may differ by the uncertainty of the coarser place (a township is ~22 km across the ring).
  const allowed = Math.max(CANDIDATE_RULES.maxDistanceM, UNCERTAINTY_RADIUS_M[precision] ?? 0, UNCERTAINTY_RADIUS_M[event.precision] ?? 0);
  const township = typeof place['township'] === 'string' ? place['township'] : undefined;
  const sameTownship = townshipKey(admin1, township) !== '' && townshipKey(admin1, township) === townshipKey(event.admin1, event.township);
  if (nearest > allowed && !sameTownship) warn(`cites ${label} (${event.placeName}), ${Math.round(nearest / 100) / 10} km from the record's point, more than ${allowed / 1000} km`);
}

function dayRange(start: number, end: number): string {
  return start === end ? dayString(start) : `${dayString(start)} to ${dayString(end)}`;
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
