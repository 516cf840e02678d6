/**
 * Place search that forgives the many romanisations of Burmese names: "Depayin" finds
 * Tabayin, "Papun" finds Hpapun, "Rangoon" finds Yangon, and Burmese script finds the place
 * too ("စစ်ကိုင်း" finds Sagaing). Names are compared in two forms (plain and phonetically
 * folded), then through a table of known aliases, then by a small edit distance. Results are
 * ranked exact > prefix > alias > fuzzy.
 */
import type { FeatureCollection } from 'geojson';
import { FOCUS_AREAS } from '../domain/areas.ts';
import type { IncidentRecord } from '../domain/incident.ts';
import { precisionRank } from '../domain/precision.ts';
import { PLACE_ALIASES, foldedKey, placeNameKey, plainKey, stripBurmeseGeneric, stripGeneric } from '../domain/place-names.ts';
import type { AreaIndex } from '../geo/area-index.ts';
import type { LocalPlacesFile } from './local-places.ts';

// Kept importable from here, where the place search first defined them.
export { PLACE_ALIASES, foldedKey, plainKey };

export interface PlaceEntry {
  readonly name: string;
  readonly altNames: readonly string[];
  /** The Burmese name, where one is confirmed; searchable and shown with `lang="my"`. */
  readonly nameMy?: string;
  /** Codes that find the place when typed whole or from the start ("MMR005010"), never by a near miss. */
  readonly codes?: readonly string[];
  /** "admin1", "township", "district", "town", "village", "place" or "incident"; others sort last. */
  readonly kind: string;
  /** English state/region name. */
  readonly admin1: string;
  readonly township?: string;
  readonly lon: number;
  readonly lat: number;
  /** [west, south, east, north], for places the map should fit rather than centre on. */
  readonly bbox?: readonly [number, number, number, number];
}

export type MatchRank = 'exact' | 'prefix' | 'alias' | 'fuzzy';

export interface PlaceMatch {
  readonly entry: PlaceEntry;
  readonly rank: MatchRank;
  /** The name, alternative name or alias that matched, to show as "Tabayin (Depayin)". */
  readonly matched: string;
  /** Edit distance for fuzzy matches, 0 otherwise. */
  readonly distance: number;
}

interface Key {
  readonly key: string;
  readonly name: string;
}

interface EntryKeys {
  readonly entry: PlaceEntry;
  /** Whole-name keys (plain and folded, with and without kind words). */
  readonly full: readonly Key[];
  /** Keys starting at a later word ("Pyi Taw" of "Nay Pyi Taw"), for prefix matches only. */
  readonly words: readonly Key[];
  /** Keys of the alias-table names for this place. */
  readonly aliases: readonly Key[];
  /** Keys of the place's codes: exact and prefix matches only (one digit apart is another place). */
  readonly codes: readonly Key[];
}

export interface PlaceSearchIndex {
  readonly entries: readonly EntryKeys[];
}

function namesOf(entry: PlaceEntry): string[] {
  const names = [entry.name, ...entry.altNames, ...(entry.nameMy ? [entry.nameMy] : [])];
  // "Kayah (Karenni) State": the bracketed name is an alternative name.
  for (const n of [...names]) for (const m of n.matchAll(/\(([^)]+)\)/g)) if (m[1]) names.push(m[1]);
  return names.filter((n) => n.trim() !== '');
}

function keysOf(name: string): string[] {
  const stripped = stripGeneric(name);
  const plain = plainKey(name);
  return [...new Set([plain, foldedKey(name), plainKey(stripped), foldedKey(stripped), stripBurmeseGeneric(plain)])].filter(Boolean);
}

/** Precomputes the search keys of every entry; build once per gazetteer. */
export function buildPlaceSearch(
  entries: readonly PlaceEntry[],
  aliases: readonly (readonly string[])[] = PLACE_ALIASES,
): PlaceSearchIndex {
  const groupOf = new Map<string, readonly string[]>();
  for (const group of aliases) for (const n of group) groupOf.set(foldedKey(n), group);
  return {
    entries: entries.map((entry) => {
      const full: Key[] = [];
      const words: Key[] = [];
      const aliasKeys: Key[] = [];
      const groups = new Set<readonly string[]>();
      for (const name of namesOf(entry)) {
        for (const key of keysOf(name)) full.push({ key, name });
        const parts = stripGeneric(name).split(/[\s\-–/]+/).filter(Boolean);
        for (let w = 1; w < parts.length; w++) {
          for (const key of keysOf(parts.slice(w).join(' '))) words.push({ key, name });
        }
        const group = groupOf.get(foldedKey(stripGeneric(name)));
        if (group) groups.add(group);
      }
      for (const group of groups) {
        for (const alias of group) for (const key of keysOf(alias)) aliasKeys.push({ key, name: alias });
      }
      const codes = (entry.codes ?? []).map((code) => ({ key: plainKey(code), name: code }));
      return { entry, full, words, aliases: aliasKeys, codes };
    }),
  };
}

/**
 * Levenshtein distance, or `max + 1` as soon as it must exceed `max` (keeps fuzzy search cheap).
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      row.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev = row;
  }
  return Math.min(prev[b.length] as number, max + 1);
}

/** Edits allowed for a query: none under 4 letters, 1 for 4–5, 2 from 6 (short queries match too much). */
function maxEdits(queryLength: number): number {
  return queryLength < 4 ? 0 : queryLength < 6 ? 1 : 2;
}

const RANK_ORDER: Record<MatchRank, number> = { exact: 0, prefix: 1, alias: 2, fuzzy: 3 };
const KIND_ORDER: Readonly<Record<string, number>> = { admin1: 0, township: 1, district: 2, town: 3, city: 3, village: 4, place: 5, incident: 6 };

interface Scored extends PlaceMatch {
  /** Within a rank: a smaller number is a better match (letters left to type, or edits). */
  readonly score: number;
}

function bestMatch(e: EntryKeys, queries: readonly string[], folded: string, plainLength: number): Scored | null {
  const found: { best: Scored | null } = { best: null };
  const offer = (rank: MatchRank, matched: string, score: number, distance = 0) => {
    const best = found.best;
    if (!best || RANK_ORDER[rank] < RANK_ORDER[best.rank] || (rank === best.rank && score < best.score)) {
      found.best = { entry: e.entry, rank, matched, distance, score };
    }
  };
  for (const q of queries) {
    for (const k of e.full) {
      if (k.key === q) offer('exact', k.name, 0);
      else if (k.key.startsWith(q)) offer('prefix', k.name, k.key.length - q.length);
    }
    // A later word is a weaker prefix than the start of the name, hence the +100.
    for (const k of e.words) if (k.key.startsWith(q)) offer('prefix', k.name, 100 + k.key.length - q.length);
    for (const k of e.aliases) {
      if (k.key === q) offer('alias', k.name, 0);
      else if (q.length >= 3 && k.key.startsWith(q)) offer('alias', k.name, k.key.length - q.length);
    }
    for (const k of e.codes) {
      if (k.key === q) offer('exact', k.name, 0);
      else if (q.length >= 5 && k.key.startsWith(q)) offer('prefix', k.name, k.key.length - q.length);
    }
  }
  const edits = maxEdits(plainLength);
  if (edits > 0 && (found.best === null || RANK_ORDER[found.best.rank] > RANK_ORDER.alias)) {
    for (const k of [...e.full, ...e.aliases]) {
      const d = boundedEditDistance(folded, k.key, edits);
      if (d <= edits) offer('fuzzy', k.name, d, d);
    }
  }
  return found.best;
}

/**
 * Places matching a typed query, best first: exact name, then prefix, then a known alias,
 * then within a small edit distance (queries of 4+ letters). Ties go to the shorter
 * completion, then to admin1 regions and townships before villages and incident places.
 * @example searchPlaces(buildPlaceSearch(entries), 'Depayin')[0].entry.name // 'Tabayin'
 */
export function searchPlaces(index: PlaceSearchIndex, query: string, limit = 10): PlaceMatch[] {
  const plain = plainKey(query);
  if (plain === '') return [];
  const queries = keysOf(query);
  const folded = foldedKey(stripGeneric(query)) || foldedKey(query);
  const found: Scored[] = [];
  for (const e of index.entries) {
    const m = bestMatch(e, queries, folded, plain.length);
    if (m) found.push(m);
  }
  const hint = kindHint(query);
  found.sort(
    (a, b) =>
      RANK_ORDER[a.rank] - RANK_ORDER[b.rank] ||
      // "Shwebo District" puts the district before the township of the same name.
      Number(a.entry.kind !== hint) - Number(b.entry.kind !== hint) ||
      a.score - b.score ||
      (KIND_ORDER[a.entry.kind] ?? 9) - (KIND_ORDER[b.entry.kind] ?? 9) ||
      compare(a.entry.name, b.entry.name) ||
      compare(a.entry.admin1, b.entry.admin1),
  );
  return found.slice(0, limit).map(({ entry, rank, matched, distance }) => ({ entry, rank, matched, distance }));
}

/** The kind of place a query's own words ask for ("Hpapun district"), or null. */
function kindHint(query: string): string | null {
  const m = /\b(township|district|village|town|region|state)\b/i.exec(query);
  if (!m?.[1]) return null;
  const word = m[1].toLowerCase();
  return word === 'region' || word === 'state' ? 'admin1' : word;
}

/**
 * The name a result should show beside the place's own name, or null when the place's name
 * already shows it: "Depayin (Tabayin)" found by "Tabayin" shows nothing more, by "Dipeyin"
 * it shows "Dipeyin". A Burmese name is returned as it is written, to be shown with `lang="my"`.
 */
export function extraMatchedName(m: PlaceMatch): string | null {
  const shown = plainKey(m.entry.name);
  const matched = plainKey(m.matched);
  return matched === '' || shown.includes(matched) ? null : m.matched;
}

/**
 * Entries that are the same place, from different lists (a focus area with its box and the
 * same state's label point; later, a gazetteer town and an incident place), merged into the
 * first: same kind and state or region, and the same name once kind words are set aside. The
 * first entry's name and point stay, and its box (or the first box given); alternative and
 * Burmese names and codes are pooled, so a search lists each place once.
 */
export function mergePlaceEntries(entries: readonly PlaceEntry[]): PlaceEntry[] {
  const merged = new Map<string, PlaceEntry>();
  for (const e of entries) {
    const key = `${e.kind}\u0000${e.admin1}\u0000${e.township ?? ''}\u0000${sameNameKey(e.name)}`;
    const first = merged.get(key);
    if (!first) {
      merged.set(key, e);
      continue;
    }
    const altNames = [...new Set([...first.altNames, e.name, ...e.altNames])].filter((n) => n !== first.name);
    const nameMy = first.nameMy ?? e.nameMy;
    const codes = [...new Set([...(first.codes ?? []), ...(e.codes ?? [])])];
    const bbox = first.bbox ?? e.bbox;
    merged.set(key, { ...first, altNames, ...(nameMy ? { nameMy } : {}), ...(codes.length ? { codes } : {}), ...(bbox ? { bbox } : {}) });
  }
  return [...merged.values()];
}

/**
 * The key under which two names are the same place's: kind words and a bracketed second name
 * set aside, and a name of the alias table taken to its group ("Depayin (Tabayin)" and MIMU's
 * "Tabayin" are one town). Other names compare as written, not phonetically folded, so two
 * villages whose names only sound alike stay apart.
 */
function sameNameKey(name: string): string {
  const base = stripGeneric(name);
  return ALIASED.has(foldedKey(base)) ? `=${placeNameKey(base)}` : plainKey(base);
}

/** Folded keys of every name of the alias table. */
const ALIASED = new Set(PLACE_ALIASES.flat().map((n) => foldedKey(n)));

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function stringList(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  // Gazetteers store alternative names as one string: "Depayin; Dipeyin" or "Depayin,Dipeyin".
  if (typeof v === 'string') return v.split(/[;,|]/).map((s) => s.trim()).filter(Boolean);
  return [];
}

/**
 * Search entries from gazetteer points (`public/data/places.geojson`): properties `name`,
 * `alt_names` (list or `;`/`,`-separated string), `admin1`, `township`, optional `kind` and
 * `name_my` (Burmese).
 * Features without a point or a name are skipped.
 */
export function placeEntriesFromGeoJson(fc: FeatureCollection): PlaceEntry[] {
  const entries: PlaceEntry[] = [];
  for (const f of fc.features) {
    const p = f.properties ?? {};
    if (f.geometry?.type !== 'Point' || typeof p.name !== 'string' || p.name.trim() === '') continue;
    const [lon, lat] = f.geometry.coordinates;
    if (typeof lon !== 'number' || typeof lat !== 'number') continue;
    entries.push({
      name: p.name,
      altNames: stringList(p.alt_names),
      ...(typeof p.name_my === 'string' && p.name_my.trim() ? { nameMy: p.name_my.trim() } : {}),
      kind: typeof p.kind === 'string' ? p.kind : 'place',
      admin1: typeof p.admin1 === 'string' ? p.admin1 : '',
      ...(typeof p.township === 'string' && p.township ? { township: p.township } : {}),
      lon,
      lat,
    });
  }
  return entries;
}

/**
 * One search entry per distinct incident place (name and admin1), placed at the most
 * precisely located incident there, so a village missing from the gazetteer is still found.
 */
export function incidentPlaceEntries(incidents: readonly IncidentRecord[]): PlaceEntry[] {
  const best = new Map<string, IncidentRecord>();
  for (const inc of incidents) {
    const key = `${inc.place.name}\u0000${inc.place.admin1}`;
    const seen = best.get(key);
    if (!seen || precisionRank(inc.precision) < precisionRank(seen.precision)) best.set(key, inc);
  }
  return [...best.values()].map((inc) => ({
    name: inc.place.name,
    altNames: [],
    ...(inc.place.nameMy ? { nameMy: inc.place.nameMy } : {}),
    kind: 'incident',
    admin1: inc.place.admin1,
    ...(inc.place.township ? { township: inc.place.township } : {}),
    lon: inc.lon,
    lat: inc.lat,
  }));
}

/** Search entries for the three focus areas, with their bounding boxes for fitting the map. */
export function focusAreaEntries(): PlaceEntry[] {
  return FOCUS_AREAS.map((a) => {
    const [w, s, e, n] = a.bbox;
    const name = a.label.replace(/\s*\([^)]*\)/, '');
    return {
      name,
      altNames: [a.label],
      kind: 'admin1',
      admin1: name.replace(/ (State|Region)$/, ''),
      lon: (w + e) / 2,
      lat: (s + n) / 2,
      bbox: [w, s, e, n] as const,
    };
  });
}

/**
 * Search entries for the MIMU townships and districts of the area index (`townships.json`):
 * found by English name, Burmese name or place code ("MMR005010"), each with its box, so
 * choosing one fits the map to it. States and regions come from their label points instead.
 *
 * @example searchPlaces(buildPlaceSearch(areaPlaceEntries(areas)), 'Depayin')[0].entry.bbox // Tabayin's box
 */
export function areaPlaceEntries(areas: AreaIndex): PlaceEntry[] {
  const entries: PlaceEntry[] = [];
  for (const a of areas.values()) {
    if (a.kind !== 'township' && a.kind !== 'district') continue;
    const [lon, lat] = a.label;
    entries.push({
      name: a.name,
      altNames: [],
      codes: [a.code],
      ...(a.nameMy ? { nameMy: a.nameMy } : {}),
      kind: a.kind,
      admin1: a.admin1,
      lon,
      lat,
      ...(a.bbox ? { bbox: a.bbox } : {}),
    });
  }
  return entries;
}

/**
 * Search entries for the MIMU towns and the Sagaing villages of `places-local.json`, each with
 * its township and state or region from the area index (by the township code the row carries),
 * so two villages of one name (the two Let Yet Kone) are told apart by their townships. A row
 * whose township is not in the index is still found, without a township.
 */
export function localPlaceEntries(places: LocalPlacesFile, areas: AreaIndex): PlaceEntry[] {
  const where = (tsPcode: string): { admin1: string; township?: string } => {
    const t = areas.get(tsPcode);
    return t ? { admin1: t.admin1, township: t.name } : { admin1: '' };
  };
  const entry = (kind: 'town' | 'village', name: string, nameMy: string, tsPcode: string, lon: number, lat: number): PlaceEntry => ({
    name,
    altNames: [],
    ...(nameMy ? { nameMy } : {}),
    kind,
    ...where(tsPcode),
    lon,
    lat,
  });
  const towns = places.towns.map(([, name, nameMy, tsPcode, lon, lat]) => entry('town', name, nameMy, tsPcode, lon, lat));
  const villages = places.villages.map(([name, nameMy, , tsPcode, lon, lat]) => entry('village', name, nameMy, tsPcode, lon, lat));
  return [...towns, ...villages];
}
