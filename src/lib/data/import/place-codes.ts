/**
 * Gives each imported row's place its township and area codes (`Place.townshipCode`,
 * `Place.areaCode`, see their TSDoc in domain/incident.ts), once, in the import worker, and
 * counts how for the report. The row mappers say what a row states about its place
 * ({@link PlaceFacts}); the rules, by location precision:
 *
 * - a township named by the row (a MIMU place code, or a name within the row's state/region):
 *   `townshipCode`, and for township precision also `areaCode`, so the map draws the township.
 *   The row's point confirms or contradicts the match; a contradicted match is kept (it is the
 *   source's township) and counted. `extra.township_match` says how it matched and
 *   `extra.township_point` whether the point lies `inside` or `outside`;
 * - a precise point (exact, village, town, within about 25 km) without a matched name: the
 *   township the point lies in (`extra.township_match = 'point'`);
 * - township precision without a match (UCDP roads and rivers): no code; the map draws a ring;
 * - district precision: the district named (UCDP `adm_2`) within the state/region, as `areaCode`;
 * - state/region precision: the ISO 3166-2 code of the state/region, as `areaCode`;
 * - country precision: nothing.
 *
 * A name that matches nothing is listed in the report with its row count; the row is never
 * rejected for it.
 */
import type { Place } from '../../domain/incident.ts';
import type { LocationPrecision } from '../../domain/precision.ts';
import type { DistrictMatchHow } from '../../geo/district-match.ts';
import type { ImportGeography } from '../../geo/township-geography.ts';
import type { TownshipMatchHow } from '../../geo/township-match.ts';
import type { PlaceMatchReport, UnmatchedLevel, UnmatchedPlace } from './types.ts';

type ExtraValue = string | number | boolean | null;

/** What a row states about its place. Blank strings mean "not stated". */
export interface PlaceFacts {
  readonly precision: LocationPrecision;
  /** The state/region as the row writes it ("Sagaing region", "Shan"). */
  readonly admin1: string;
  /** A township name as the row writes it (ACLED `admin3`, UCDP "Tabayin township", our `township`). */
  readonly township: string;
  /** A MIMU township place code from the row, if the file has such a column. */
  readonly townshipPcode: string;
  /** A district name (UCDP `adm_2`); read for district precision only. */
  readonly district: string;
  readonly lon: number;
  readonly lat: number;
}

/** What coding one row's place gave; '' means none. */
export interface PlaceCoding {
  /** `Place.townshipCode`. */
  townshipCode: string;
  /** `Place.areaCode`. */
  areaCode: string;
  /** How the township was found, for `extra.township_match`. */
  townshipMatch: '' | TownshipMatchHow | 'point';
  /** Whether the row's point lies in the township it names, for `extra.township_point`. */
  townshipPoint: '' | 'inside' | 'outside';
  /** How the district was matched, for `extra.district_match`. */
  districtMatch: '' | DistrictMatchHow;
}

/**
 * A place with a coding's codes. Written out per combination rather than spread, so the places
 * of a large file share a few object shapes and are built once.
 *
 * @example
 * placeWithCoding({ name: 'Depayin', admin1: 'Sagaing' }, coder.code(facts));
 */
export function placeWithCoding(place: Place, c: Readonly<PlaceCoding>): Place {
  const { townshipCode: t, areaCode: a } = c;
  if (t === '' && a === '') return place;
  if (place.nameMy === undefined && place.locationSource === undefined && place.townshipCode === undefined && place.areaCode === undefined) {
    const { name, admin1, township } = place;
    if (township === undefined) {
      if (t === '') return { name, admin1, areaCode: a };
      return a === '' ? { name, admin1, townshipCode: t } : { name, admin1, townshipCode: t, areaCode: a };
    }
    if (t === '') return { name, admin1, township, areaCode: a };
    return a === '' ? { name, admin1, township, townshipCode: t } : { name, admin1, township, townshipCode: t, areaCode: a };
  }
  return { ...place, ...(t === '' ? {} : { townshipCode: t }), ...(a === '' ? {} : { areaCode: a }) };
}

/**
 * A row's first `extra` entries: its event id, then how its place was coded. One object literal
 * per combination, which the row's later entries extend: added to a finished `extra` instead,
 * these two entries took longer than all the rest of the coding when measured.
 *
 * @example
 * const extra = extraStart('MMR1', coder.code(facts)); // { event_id: 'MMR1', township_match: 'exact', township_point: 'inside' }
 */
export function extraStart(eventId: string, c: Readonly<PlaceCoding> | null): Record<string, ExtraValue> {
  if (c === null) return { event_id: eventId };
  if (c.districtMatch !== '') return { event_id: eventId, district_match: c.districtMatch };
  if (c.townshipMatch === '') return { event_id: eventId };
  if (c.townshipPoint === '') return { event_id: eventId, township_match: c.townshipMatch };
  return { event_id: eventId, township_match: c.townshipMatch, township_point: c.townshipPoint };
}

/** The `extra` entries that say how a place was coded (for files whose `extra` is read whole, not built). */
function codingNotes(c: Readonly<PlaceCoding>): Record<string, ExtraValue> {
  const out: Record<string, ExtraValue> = {};
  if (c.townshipMatch !== '') out.township_match = c.townshipMatch;
  if (c.townshipPoint !== '') out.township_point = c.townshipPoint;
  if (c.districtMatch !== '') out.district_match = c.districtMatch;
  return out;
}

/**
 * Columns (lowercased, as PAPA_CONFIG gives them) or GeoJSON properties that hold a MIMU township
 * place code: HDX's `ADM3_PCODE`, MIMU's `TS_PCODE` and `Tsp_Pcode`, and plain variants.
 */
export const TOWNSHIP_PCODE_FIELDS = ['admin3_pcode', 'adm3_pcode', 'ts_pcode', 'tsp_pcode', 'township_pcode'] as const;

/** The first non-blank township place code among {@link TOWNSHIP_PCODE_FIELDS}, or ''. */
export function townshipPcodeOf(row: Readonly<Record<string, unknown>>): string {
  for (const field of TOWNSHIP_PCODE_FIELDS) {
    const v = row[field];
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
  }
  return '';
}

/** Most distinct unmatched places listed in the report. */
export const UNMATCHED_LISTED = 200;
// Most distinct unmatched places tracked; rows naming further ones are only counted.
const UNMATCHED_TRACKED = 10_000;
const NAME_LIMIT = 200;

function cut(text: string): string {
  const t = text.trim();
  return t.length > NAME_LIMIT ? `${t.slice(0, NAME_LIMIT - 1)}…` : t;
}

/** Codes the places of one import and keeps the counts for its report. */
export class PlaceCoder {
  readonly #geo: ImportGeography | null;
  #byCode = 0;
  #byName = 0;
  #confirmed = 0;
  #contradicted = 0;
  #located = 0;
  #outside = 0;
  #townshipAreas = 0;
  #districtAreas = 0;
  #regionAreas = 0;
  #unmatchedRows = 0;
  /** Rows seen so far, and the last one counted as unmatched. */
  #row = 0;
  #lastUnmatchedRow = -1;
  #untrackedRows = 0;
  readonly #unmatched = new Map<string, { name: string; admin1: string; level: UnmatchedLevel; rows: number }>();

  /** The file's place code column, once known: null when it has none. */
  #pcodeField: string | null | undefined = undefined;
  readonly #coding: PlaceCoding = { townshipCode: '', areaCode: '', townshipMatch: '', townshipPoint: '', districtMatch: '' };

  /** `geography` null: the township files could not be loaded; places pass through without codes. */
  constructor(geography: ImportGeography | null) {
    this.#geo = geography;
  }

  /** Takes note of the file's columns (lowercased), so the place code column is looked for once, not per row. */
  useFields(fields: readonly string[]): void {
    this.#pcodeField = TOWNSHIP_PCODE_FIELDS.find((f) => fields.includes(f)) ?? null;
  }

  /** A CSV row's township place code, or ''. */
  pcodeOf(row: Readonly<Record<string, string>>): string {
    if (this.#pcodeField === undefined) return townshipPcodeOf(row);
    return this.#pcodeField === null ? '' : (row[this.#pcodeField] ?? '').trim();
  }

  /**
   * Codes one row's place by the rules above and counts how. The result is one object the coder
   * reuses for every row (a 200,000-row file makes no garbage here): read it before the next call,
   * with {@link placeWithCoding} and {@link extraStart}.
   */
  code(facts: PlaceFacts): Readonly<PlaceCoding> {
    this.#row++;
    const c = this.#coding;
    c.townshipCode = '';
    c.areaCode = '';
    c.townshipMatch = '';
    c.townshipPoint = '';
    c.districtMatch = '';
    const geo = this.#geo;
    if (geo !== null) this.#code(geo, facts, c);
    return c;
  }

  #code(geo: ImportGeography, facts: PlaceFacts, c: PlaceCoding): void {
    const { precision } = facts;
    if (precision === 'country') return;
    if (precision === 'region') {
      const code = geo.admin1Code(facts.admin1);
      if (code === null) {
        if (facts.admin1.trim() !== '') this.#noMatch(facts.admin1, facts.admin1, 'region');
        return;
      }
      this.#regionAreas++;
      c.areaCode = code;
      return;
    }
    if (precision === 'district') {
      if (facts.district.trim() === '') return;
      const district = geo.districtByName(facts.district, facts.admin1);
      if (district === null) {
        this.#noMatch(facts.district, facts.admin1, 'district');
        return;
      }
      this.#districtAreas++;
      c.areaCode = district.pcode;
      c.districtMatch = district.how;
      return;
    }
    const precise = precision === 'exact' || precision === 'village' || precision === 'town' || precision === 'named_place' || precision === 'near';
    if (facts.township.trim() !== '' || facts.townshipPcode.trim() !== '') {
      const match = geo.matchTownship(facts.township, facts.admin1, facts.townshipPcode);
      if (match !== null) {
        if (match.how === 'pcode') this.#byCode++;
        else this.#byName++;
        c.townshipCode = match.pcode;
        c.townshipMatch = match.how;
        c.townshipPoint = this.#pointCheck(match.pcode, facts);
        if (!precise) {
          this.#townshipAreas++;
          c.areaCode = match.pcode;
        }
        return;
      }
      this.#noMatch(facts.township.trim() === '' ? facts.townshipPcode : facts.township, facts.admin1, 'township');
    }
    // A township-precision place that matched nothing (a road, a river) stays as the file has it.
    if (!precise) return;
    const at = geo.townshipAt(facts.lon, facts.lat);
    if (at === null) {
      this.#outside++;
      return;
    }
    this.#located++;
    c.townshipCode = at;
    c.townshipMatch = 'point';
  }

  /**
   * For our own exports: the codes the file states are kept as written, with `extra` untouched,
   * so an export imports back unchanged. A stated code we do not know is dropped and listed as
   * unmatched, and the place is then coded from its names and point like any other row. Returns
   * the place, and `extra` with how it matched when it was coded here (a new object when `extra`
   * was undefined and something is added).
   */
  keepStated(
    place: Place,
    facts: PlaceFacts,
    extra: Record<string, ExtraValue> | undefined,
  ): { place: Place; extra: Record<string, ExtraValue> | undefined } {
    const geo = this.#geo;
    const { townshipCode, areaCode } = place;
    if (geo === null) return { place, extra };
    const townshipOk = townshipCode !== undefined && geo.areaKind(townshipCode) === 'township';
    const areaKind = areaCode === undefined ? null : geo.areaKind(areaCode);
    if (!townshipOk && areaKind === null) {
      // Nothing stated, or nothing we know: coded like any file's row.
      const { townshipCode: _t, areaCode: _a, ...rest } = place;
      const c = this.code(facts);
      if (townshipCode !== undefined) this.#noMatch(townshipCode, facts.admin1, 'code');
      if (areaCode !== undefined && areaCode !== townshipCode) this.#noMatch(areaCode, facts.admin1, 'code');
      const coded = placeWithCoding(townshipCode === undefined && areaCode === undefined ? place : rest, c);
      if (c.townshipMatch === '' && c.districtMatch === '') return { place: coded, extra };
      return { place: coded, extra: { ...extra, ...codingNotes(c) } };
    }
    this.#row++;
    if (townshipCode !== undefined && !townshipOk) this.#noMatch(townshipCode, facts.admin1, 'code');
    if (areaCode !== undefined && areaKind === null && areaCode !== townshipCode) this.#noMatch(areaCode, facts.admin1, 'code');
    if (townshipOk) {
      this.#byCode++;
      this.#pointCheck(townshipCode, facts);
    }
    if (areaKind === 'township') this.#townshipAreas++;
    else if (areaKind === 'district') this.#districtAreas++;
    else if (areaKind === 'region') this.#regionAreas++;
    if (townshipOk && (areaCode === undefined || areaKind !== null)) return { place, extra };
    // Keep only the codes we know.
    const { townshipCode: t, areaCode: a, ...rest } = place;
    return { place: { ...rest, ...(townshipOk ? { townshipCode: t } : {}), ...(areaKind !== null ? { areaCode: a } : {}) }, extra };
  }

  /** The counts and the unmatched list for the report, or null without geography. */
  report(): PlaceMatchReport | null {
    if (this.#geo === null) return null;
    const all: UnmatchedPlace[] = [...this.#unmatched.values()].map((u) => ({ ...u }));
    all.sort((a, b) => b.rows - a.rows || compare(a.level, b.level) || compare(a.admin1, b.admin1) || compare(a.name, b.name));
    const listed = all.slice(0, UNMATCHED_LISTED);
    let omitted = this.#untrackedRows;
    for (let i = UNMATCHED_LISTED; i < all.length; i++) omitted += all[i]?.rows ?? 0;
    return {
      townshipByCode: this.#byCode,
      townshipByName: this.#byName,
      confirmedByPoint: this.#confirmed,
      contradictedByPoint: this.#contradicted,
      locatedByPoint: this.#located,
      outsideTownships: this.#outside,
      areas: { township: this.#townshipAreas, district: this.#districtAreas, region: this.#regionAreas },
      unmatchedRows: this.#unmatchedRows,
      unmatched: listed,
      unmatchedOmittedRows: omitted,
    };
  }

  /** Counts whether the row's point lies in the township it names. */
  #pointCheck(pcode: string, facts: PlaceFacts): PlaceCoding['townshipPoint'] {
    const inside = this.#geo?.pointInTownship(pcode, facts.lon, facts.lat) ?? null;
    if (inside === null) return '';
    if (inside) this.#confirmed++;
    else this.#contradicted++;
    return inside ? 'inside' : 'outside';
  }

  #noMatch(rawName: string, rawAdmin1: string, level: UnmatchedLevel): void {
    // A row may name two places that match nothing (a stated code and its name): one row.
    if (this.#lastUnmatchedRow !== this.#row) this.#unmatchedRows++;
    this.#lastUnmatchedRow = this.#row;
    const name = cut(rawName);
    const admin1 = cut(rawAdmin1);
    const key = `${level}\u0000${admin1}\u0000${name}`;
    const entry = this.#unmatched.get(key);
    if (entry !== undefined) entry.rows++;
    else if (this.#unmatched.size < UNMATCHED_TRACKED) this.#unmatched.set(key, { name, admin1, level, rows: 1 });
    else this.#untrackedRows++;
  }
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
