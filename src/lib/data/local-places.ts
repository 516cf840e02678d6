/**
 * `public/data/places-local.json`, which `geo/derive-local-geo.ts` writes: the MIMU towns and
 * the partial set of Sagaing villages (14 townships), as rows, for the place search (loaded the
 * first time the search box is used) and for the curated data's village locations. The points
 * are the source's own coordinates; each place carries the MIMU code of the 2014 township
 * polygon it lies in (a village: the township its source names).
 */
import { isRecord } from '../domain/guards.ts';

/** Where the file lies, relative to the app's base URL. */
export const LOCAL_PLACES_PATH = 'data/places-local.json';

/** One town: MIMU town place code, English name (without " Town"), Burmese name, township code, longitude, latitude, capital (1 for a state/region capital). */
export type TownRow = readonly [pcode: string, nameEn: string, nameMy: string, tsPcode: string, lon: number, lat: number, capital: 0 | 1];

/** One village: English name, Burmese name, village tract, township code, longitude, latitude. */
export type VillageRow = readonly [nameEn: string, nameMy: string, villageTract: string, tsPcode: string, lon: number, lat: number];

/** The column names of the rows, written into the file so it reads without this module. */
export const LOCAL_PLACE_FIELDS = {
  towns: ['pcode', 'name_en', 'name_my', 'ts_pcode', 'lon', 'lat', 'capital'],
  villages: ['name_en', 'name_my', 'village_tract', 'ts_pcode', 'lon', 'lat'],
} as const;

/** The whole file. */
export interface LocalPlacesFile {
  /** First 12 hex digits of the SHA-256 of the inputs' checksums and the rows. */
  readonly version: string;
  /** Input file name → SHA-256, as checked by the derivation. */
  readonly inputs: Readonly<Record<string, string>>;
  readonly fields: typeof LOCAL_PLACE_FIELDS;
  /** The townships the village set covers: it is partial (14 Sagaing townships), and says so. */
  readonly villageTownships: readonly string[];
  readonly towns: readonly TownRow[];
  readonly villages: readonly VillageRow[];
}

const isText = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function isTownRow(v: unknown): v is TownRow {
  return Array.isArray(v) && v.length === 7 && isText(v[0]) && isText(v[1]) && isText(v[2]) && isText(v[3]) && isNumber(v[4]) && isNumber(v[5]) && (v[6] === 0 || v[6] === 1);
}

function isVillageRow(v: unknown): v is VillageRow {
  return Array.isArray(v) && v.length === 6 && isText(v[0]) && isText(v[1]) && isText(v[2]) && isText(v[3]) && isNumber(v[4]) && isNumber(v[5]);
}

/**
 * The file checked for shape: throws, naming the file and the first bad row, when it is not
 * what the derivation writes.
 *
 * @example
 * const places = readLocalPlaces(await (await fetch(LOCAL_PLACES_PATH)).json());
 */
export function readLocalPlaces(json: unknown): LocalPlacesFile {
  const bad = (what: string): never => {
    throw new Error(`${LOCAL_PLACES_PATH}: ${what}`);
  };
  if (!isRecord(json) || !Array.isArray(json.towns) || !Array.isArray(json.villages) || !Array.isArray(json.villageTownships)) return bad('no towns, villages and villageTownships lists');
  const town = json.towns.findIndex((r) => !isTownRow(r));
  if (town >= 0) bad(`town row ${town} is not [pcode, name_en, name_my, ts_pcode, lon, lat, capital]`);
  const village = json.villages.findIndex((r) => !isVillageRow(r));
  if (village >= 0) bad(`village row ${village} is not [name_en, name_my, village_tract, ts_pcode, lon, lat]`);
  if (!json.villageTownships.every(isText)) bad('villageTownships is not a list of township codes');
  return json as unknown as LocalPlacesFile;
}

let pending: Promise<LocalPlacesFile> | null = null;

/**
 * Fetches and checks `places-local.json` relative to the page (once: later calls share the
 * first answer). Meant for the first use of the place search, not for start-up.
 */
export function loadLocalPlaces(base: string | URL = document.baseURI): Promise<LocalPlacesFile> {
  pending ??= fetch(new URL(LOCAL_PLACES_PATH, base)).then(async (res) => {
    if (!res.ok) throw new Error(`Could not load ${LOCAL_PLACES_PATH}: HTTP ${res.status}`);
    return readLocalPlaces(await res.json());
  });
  // A failed load may be tried again on the next use.
  pending.catch(() => (pending = null));
  return pending;
}
