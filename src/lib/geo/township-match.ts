/**
 * Matches township names from event data (UCDP GED `where_coordinates` such as "Tabayin
 * township", ACLED `admin3`) to MIMU townships, within the row's state/region: Htantabin and
 * Minhla each exist in two. Pure and synchronous, for the import worker. Optionally confirms a
 * match by testing the row's point against simplified township polygons.
 */
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { ADMIN1_ALIASES, TOWNSHIP_ALIASES } from './township-aliases.ts';
import type { TownshipEntry, TownshipPolygons } from './township-index.ts';

/** How a name was matched, from the most to the least certain. */
export type TownshipMatchHow = 'pcode' | 'exact' | 'alias' | 'normalised';

/** A matched township. */
export interface TownshipMatch {
  pcode: string;
  how: TownshipMatchHow;
  /** Whether the row's point lies in the township's polygon; null without a point or polygons. */
  confirmedByPoint: boolean | null;
}

/** What a row says about its place. */
export interface TownshipQuery {
  /** Township name as the row writes it ("Tabayin township", "Kun-Hing", "Tabayin"). */
  name?: string | null;
  /** State/region as the row writes it ("Sagaing region", "Shan state", "Bago-East"). */
  admin1?: string | null;
  /** A MIMU township place code, if the row has one; it wins over the name. */
  pcode?: string | null;
  lon?: number | null;
  lat?: number | null;
}

type Entry = Pick<TownshipEntry, 'pcode' | 'name_en' | 'admin1'>;

/** Lookup tables built once from the township index. */
export interface TownshipMatcher {
  readonly byPcode: ReadonlyMap<string, Entry>;
  /** "admin1|key" → pcodes, per kind of key. */
  readonly exact: ReadonlyMap<string, readonly string[]>;
  readonly alias: ReadonlyMap<string, readonly string[]>;
  readonly loose: ReadonlyMap<string, readonly string[]>;
  /** Normalised state/region spelling → the app's name. */
  readonly admin1: ReadonlyMap<string, string>;
  /** The app's state/region names that have townships. */
  readonly admin1Names: readonly string[];
}

const SUFFIX = /\s*(?:\(\s*)?(?:sub[\s-]*)?(?:township|tsp\.?|myone)(?:\s*\))?\s*$/i;
const PCODE = /^MMR\d{6}$/;

/**
 * A township name without its "township"/"Tsp" suffix, trimmed and case-folded.
 *
 * @example
 * townshipName('Tabayin Township'); // "tabayin"
 */
export function townshipName(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, ' ').trim().replace(SUFFIX, '').trim().toLowerCase();
}

/**
 * Key that ignores case, diacritics, spaces, hyphens and other punctuation.
 *
 * @example
 * compactKey('Kun-Hing township'); // "kunhing"
 */
export function compactKey(raw: string): string {
  return townshipName(raw).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]/g, '');
}

/**
 * Key that also folds common transliteration variants of Burmese and Shan names: Shan "murng"
 * for "mong", aspiration written with an h or not (Hpapun/Papun, Laihka/Lai-Kha, Phyu/Pyu),
 * doubled letters, ou/au, ei/e, and a final ay/e (Magway/Magwe). No two townships of one
 * state/region share this key (a unit test checks it).
 *
 * @example
 * looseKey('Htigyaing'); // "tigyaing" — as looseKey('Tigyaing')
 */
export function looseKey(raw: string): string {
  return compactKey(raw)
    .replace(/murng/g, 'mong')
    .replace(/h/g, '')
    .replace(/(.)\1+/g, '$1')
    .replace(/ou/g, 'au')
    .replace(/ei/g, 'e')
    .replace(/ay$/, 'e');
}

const ADMIN1_WORDS = /\b(?:state|region|division|union\s+territory|territory|district|council)\b/gi;

function admin1Key(raw: string): string {
  return raw
    .normalize('NFKC')
    // MIMU splits Shan (North/South/East) and Bago (East/West); the app does not.
    .replace(/\((?:north|south|east|west)[^)]*\)|[-\s]+(?:north|south|east|west)$/i, '')
    .replace(ADMIN1_WORDS, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

function push(map: Map<string, string[]>, key: string, pcode: string): void {
  const list = map.get(key);
  if (!list) map.set(key, [pcode]);
  else if (!list.includes(pcode)) list.push(pcode);
}

/**
 * Builds the lookup tables for {@link matchTownship} from `townships.json`'s entries.
 *
 * @example
 * const matcher = buildTownshipMatcher(index.townships);
 */
export function buildTownshipMatcher(townships: readonly Entry[]): TownshipMatcher {
  const byPcode = new Map<string, Entry>();
  const exact = new Map<string, string[]>();
  const alias = new Map<string, string[]>();
  const loose = new Map<string, string[]>();
  const admin1 = new Map<string, string>();
  for (const t of townships) {
    byPcode.set(t.pcode, t);
    admin1.set(admin1Key(t.admin1), t.admin1);
    push(exact, `${t.admin1}|${townshipName(t.name_en)}`, t.pcode);
    push(loose, `${t.admin1}|${looseKey(t.name_en)}`, t.pcode);
  }
  for (const a of TOWNSHIP_ALIASES) {
    const t = byPcode.get(a.pcode);
    if (!t) continue;
    push(alias, `${t.admin1}|${compactKey(a.alias)}`, t.pcode);
    push(alias, `${t.admin1}|${looseKey(a.alias)}`, t.pcode);
  }
  const admin1Names = [...new Set(admin1.values())].sort();
  for (const a of ADMIN1_ALIASES) admin1.set(admin1Key(a.alias), a.admin1);
  return { byPcode, exact, alias, loose, admin1, admin1Names };
}

/**
 * The app's state/region name for a dataset's spelling, or null if unknown.
 *
 * @example
 * normaliseAdmin1(matcher, 'Magway  region'); // "Magway"
 * normaliseAdmin1(matcher, 'Naypyidaw Union territory'); // "Mandalay"
 */
export function normaliseAdmin1(matcher: TownshipMatcher, raw: string | null | undefined): string | null {
  if (!raw || raw.trim() === '') return null;
  return matcher.admin1.get(admin1Key(raw)) ?? null;
}

/** Candidates for a key within the state/region, or countrywide when it is unknown. */
function lookup(map: ReadonlyMap<string, readonly string[]>, admin1: string | null, key: string, all: readonly string[]): readonly string[] {
  if (key === '') return [];
  if (admin1 !== null) return map.get(`${admin1}|${key}`) ?? [];
  return all.flatMap((a) => map.get(`${a}|${key}`) ?? []);
}

const polygonCache = new WeakMap<TownshipPolygons, Map<string, Feature<Polygon | MultiPolygon>>>();

function polygonOf(polygons: TownshipPolygons, pcode: string): Feature<Polygon | MultiPolygon> | undefined {
  let byPcode = polygonCache.get(polygons);
  if (!byPcode) {
    byPcode = new Map(polygons.features.map((f) => [f.properties.pcode, f]));
    polygonCache.set(polygons, byPcode);
  }
  return byPcode.get(pcode);
}

/** Even–odd ray test of one ring. */
function inRing(x: number, y: number, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i]!;
    const [xj = 0, yj = 0] = ring[j]!;
    if (yi > y !== yj > y && x < xi + ((y - yi) * (xj - xi)) / (yj - yi)) inside = !inside;
  }
  return inside;
}

/**
 * Whether a point lies in a (multi)polygon (holes respected; a point exactly on an edge may go
 * either way, which a township check can afford).
 *
 * @example
 * pointInPolygon(95.32, 22.69, tabayin.geometry); // true
 */
export function pointInPolygon(lon: number, lat: number, geometry: Polygon | MultiPolygon): boolean {
  const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return parts.some(([outer, ...holes]) => outer !== undefined && inRing(lon, lat, outer) && !holes.some((h) => inRing(lon, lat, h)));
}

/**
 * Matches a row's township to a MIMU place code: a valid pcode first, then the name within the
 * row's state/region (exactly, through an alias, or normalised). Without a recognised state or
 * region, only a name that is unique in the country matches. Names of roads, rivers, borders or
 * areas ("Mayu River in Rathedaung", "Matupi - Mindat highway") do not match: the whole name
 * must be a township's. With polygons and a point, says whether the point lies in the township.
 *
 * @example
 * matchTownship(matcher, { name: 'Kalay township', admin1: 'Sagaing region' });
 * // { pcode: 'MMR005027', how: 'alias', confirmedByPoint: null }
 */
export function matchTownship(matcher: TownshipMatcher, query: TownshipQuery, polygons?: TownshipPolygons): TownshipMatch | null {
  const found = findPcode(matcher, query);
  if (!found) return null;
  let confirmedByPoint: boolean | null = null;
  const { lon, lat } = query;
  if (polygons && typeof lon === 'number' && typeof lat === 'number' && Number.isFinite(lon) && Number.isFinite(lat)) {
    const polygon = polygonOf(polygons, found.pcode);
    confirmedByPoint = polygon ? pointInPolygon(lon, lat, polygon.geometry) : null;
  }
  return { ...found, confirmedByPoint };
}

function findPcode(matcher: TownshipMatcher, query: TownshipQuery): Omit<TownshipMatch, 'confirmedByPoint'> | null {
  const code = query.pcode?.trim().toUpperCase();
  if (code && PCODE.test(code) && matcher.byPcode.has(code)) return { pcode: code, how: 'pcode' };
  const name = query.name ?? '';
  if (name.trim() === '') return null;
  // A name that is itself a place code (some exports put the pcode in admin3).
  const asCode = name.trim().toUpperCase();
  if (PCODE.test(asCode) && matcher.byPcode.has(asCode)) return { pcode: asCode, how: 'pcode' };
  const admin1 = normaliseAdmin1(matcher, query.admin1);
  if (query.admin1 && query.admin1.trim() !== '' && admin1 === null) return null;
  const attempts: [TownshipMatchHow, ReadonlyMap<string, readonly string[]>, string][] = [
    ['exact', matcher.exact, townshipName(name)],
    ['alias', matcher.alias, compactKey(name)],
    ['alias', matcher.alias, looseKey(name)],
    ['normalised', matcher.loose, looseKey(name)],
  ];
  for (const [how, map, key] of attempts) {
    const candidates = lookup(map, admin1, key, matcher.admin1Names);
    // Two townships of that name and no state/region to tell them apart: no match.
    if (candidates.length === 1) return { pcode: candidates[0]!, how };
    if (candidates.length > 1) return null;
  }
  return null;
}
