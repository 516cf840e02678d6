/**
 * Everything the importer asks of Myanmar's geography, built once per import (or once for the
 * import worker's life) from `townships.json` and the decoded `townships-match.json`: township
 * and district names within a state/region, the township a point lies in, and the codes of the
 * areas a place may be known to. Pure and synchronous; lookups by name are cached, since a
 * 200,000-row file names a few hundred places.
 */
import { admin1IsoCode } from '../domain/areas.ts';
import { buildDistrictMatcher, matchDistrict, type DistrictMatch, type DistrictMatcher } from './district-match.ts';
import type { DistrictEntry, TownshipEntry, TownshipPolygons } from './township-index.ts';
import { buildTownshipLocator, type TownshipLocator } from './township-locator.ts';
import { buildTownshipMatcher, matchTownship, normaliseAdmin1, type TownshipMatchHow, type TownshipMatcher } from './township-match.ts';

/** A township matched by name or code, without the point check (see {@link ImportGeography.pointInTownship}). */
export interface TownshipNameMatch {
  readonly pcode: string;
  readonly how: TownshipMatchHow;
}

/** Which kind of area an area code names. */
export type AreaKind = 'township' | 'district' | 'region';

/** The geography the import pipeline codes places with. */
export interface ImportGeography {
  /**
   * The township a row names, by a MIMU place code (which wins) or by name within the row's
   * state/region, or null. Names of roads, rivers or borders do not match.
   */
  matchTownship(name: string, admin1: string, pcode: string): TownshipNameMatch | null;
  /** Whether the point lies in the township; null when there is no polygon for it. */
  pointInTownship(pcode: string, lon: number, lat: number): boolean | null;
  /** The place code of the township a point lies in, or null outside every township. */
  townshipAt(lon: number, lat: number): string | null;
  /** The district a row names (UCDP `adm_2`), within its state/region, or null. */
  districtByName(name: string, admin1: string): DistrictMatch | null;
  /** The ISO 3166-2 code of the state/region a row names ("Sagaing region" → "MM-01"), or null. */
  admin1Code(admin1: string): string | null;
  /** The kind of area a code names, or null when it is not one of ours. */
  areaKind(code: string): AreaKind | null;
}

/** The parts of `townships.json` the import geography reads. */
export interface ImportGeographyIndex {
  readonly townships: readonly Pick<TownshipEntry, 'pcode' | 'name_en' | 'admin1'>[];
  readonly districts: readonly Pick<DistrictEntry, 'pcode' | 'name_en' | 'admin1'>[];
}

// Distinct names are few; the bound only stops a file of all-distinct names from growing the caches.
const CACHE_LIMIT = 4096;

/**
 * Results by two keys, kept in nested maps: the keys are a row's cells as they are, so no key
 * string is built per row. Bounded by the number of distinct pairs.
 */
class PairCache<T> {
  #outer = new Map<string, Map<string, T | null>>();
  #size = 0;

  get(a: string, b: string, compute: () => T | null): T | null {
    let inner = this.#outer.get(a);
    const hit = inner?.get(b);
    if (hit !== undefined) return hit;
    const value = compute();
    if (this.#size >= CACHE_LIMIT) {
      this.#outer.clear();
      this.#size = 0;
      inner = undefined;
    }
    if (inner === undefined) {
      inner = new Map();
      this.#outer.set(a, inner);
    }
    inner.set(b, value);
    this.#size++;
    return value;
  }
}

/**
 * Builds the import geography from the township index and the decoded match polygons.
 *
 * @example
 * const geography = buildImportGeography(index, polygons);
 * geography.matchTownship('Kalay township', 'Sagaing region', '')?.pcode; // "MMR005027"
 */
export function buildImportGeography(index: ImportGeographyIndex, polygons: TownshipPolygons): ImportGeography {
  const townships: TownshipMatcher = buildTownshipMatcher(index.townships);
  const districts: DistrictMatcher = buildDistrictMatcher(index.districts, townships);
  const locator: TownshipLocator = buildTownshipLocator(polygons);
  const kinds = new Map<string, AreaKind>();
  for (const t of index.townships) kinds.set(t.pcode, 'township');
  for (const d of index.districts) kinds.set(d.pcode, 'district');
  for (const name of townships.admin1Names) {
    const code = admin1IsoCode(name);
    if (code !== null) kinds.set(code, 'region');
  }
  const byName = new PairCache<TownshipNameMatch>();
  const byCode = new PairCache<TownshipNameMatch>();
  const districtCache = new PairCache<DistrictMatch>();
  const admin1Cache = new PairCache<string>();
  const townshipMatch = (name: string, admin1: string, pcode: string): TownshipNameMatch | null => {
    const m = matchTownship(townships, { name, admin1, pcode });
    return m === null ? null : { pcode: m.pcode, how: m.how };
  };

  return {
    matchTownship(name, admin1, pcode) {
      if (pcode === '') return name === '' ? null : byName.get(admin1, name, () => townshipMatch(name, admin1, ''));
      // Rows with a place code are rarer; their key may be built.
      return byCode.get(admin1, `${pcode}\u0000${name}`, () => townshipMatch(name, admin1, pcode));
    },
    pointInTownship: (pcode, lon, lat) => locator.contains(pcode, lon, lat),
    townshipAt: (lon, lat) => locator.townshipAt(lon, lat),
    districtByName(name, admin1) {
      if (name === '') return null;
      return districtCache.get(admin1, name, () => matchDistrict(districts, name, admin1));
    },
    admin1Code(admin1) {
      if (admin1 === '') return null;
      return admin1Cache.get(admin1, '', () => {
        const name = normaliseAdmin1(townships, admin1);
        return name === null ? null : admin1IsoCode(name);
      });
    },
    areaKind: (code) => kinds.get(code) ?? null,
  };
}
