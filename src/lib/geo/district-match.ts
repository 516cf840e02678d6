/**
 * Matches district names from event data (UCDP GED `adm_2` such as "Hpapun district", read for
 * rows known only to a district) to the districts of `townships.json`, within the row's
 * state/region, the way township-match.ts matches townships: exactly, through an alias, or
 * normalised. Pure and synchronous, for the import worker.
 */
import { DISTRICT_ALIASES } from './township-aliases.ts';
import type { DistrictEntry } from './township-index.ts';
import { compactKey, looseKey, normaliseAdmin1, type TownshipMatcher } from './township-match.ts';

/** How a district name was matched, from the most to the least certain. */
export type DistrictMatchHow = 'exact' | 'alias' | 'normalised';

/** A matched district. */
export interface DistrictMatch {
  readonly pcode: string;
  readonly how: DistrictMatchHow;
}

/** Lookup tables built once from the district index. */
export interface DistrictMatcher {
  /** State/region spellings are read with the township matcher's table. */
  readonly townships: TownshipMatcher;
  /** "admin1|key" → pcodes, per kind of key. */
  readonly exact: ReadonlyMap<string, readonly string[]>;
  readonly alias: ReadonlyMap<string, readonly string[]>;
  readonly loose: ReadonlyMap<string, readonly string[]>;
}

const SUFFIX = /\s*(?:district|dist\.?)\s*$/i;

/**
 * A district name without its "district" suffix, trimmed and case-folded.
 *
 * @example
 * districtName('Hpapun district'); // "hpapun"
 */
export function districtName(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, ' ').trim().replace(SUFFIX, '').trim().toLowerCase();
}

function push(map: Map<string, string[]>, key: string, pcode: string): void {
  if (key.endsWith('|')) return;
  const list = map.get(key);
  if (!list) map.set(key, [pcode]);
  else if (!list.includes(pcode)) list.push(pcode);
}

/**
 * Builds the lookup tables for {@link matchDistrict} from `townships.json`'s districts.
 *
 * @example
 * const districts = buildDistrictMatcher(index.districts, buildTownshipMatcher(index.townships));
 */
export function buildDistrictMatcher(districts: readonly Pick<DistrictEntry, 'pcode' | 'name_en' | 'admin1'>[], townships: TownshipMatcher): DistrictMatcher {
  const exact = new Map<string, string[]>();
  const alias = new Map<string, string[]>();
  const loose = new Map<string, string[]>();
  const admin1Of = new Map<string, string>();
  for (const d of districts) {
    admin1Of.set(d.pcode, d.admin1);
    push(exact, `${d.admin1}|${districtName(d.name_en)}`, d.pcode);
    push(loose, `${d.admin1}|${looseKey(districtName(d.name_en))}`, d.pcode);
  }
  for (const a of DISTRICT_ALIASES) {
    const admin1 = admin1Of.get(a.pcode);
    if (admin1 === undefined) continue;
    push(alias, `${admin1}|${compactKey(districtName(a.alias))}`, a.pcode);
    push(alias, `${admin1}|${looseKey(districtName(a.alias))}`, a.pcode);
  }
  return { townships, exact, alias, loose };
}

/**
 * Matches a district name within the row's state/region. Unlike townships, a district is only
 * matched with a recognised state/region: district names repeat state, region and township
 * names (Sagaing, Bago, Magway...), so a countrywide guess is not made.
 *
 * @example
 * matchDistrict(districts, 'Hpapun district', 'Kayin state'); // { pcode: 'MMR003D004', how: 'exact' }
 */
export function matchDistrict(matcher: DistrictMatcher, name: string, admin1: string): DistrictMatch | null {
  const state = normaliseAdmin1(matcher.townships, admin1);
  if (state === null) return null;
  const base = districtName(name);
  if (base === '') return null;
  const attempts: [DistrictMatchHow, ReadonlyMap<string, readonly string[]>, string][] = [
    ['exact', matcher.exact, base],
    ['alias', matcher.alias, compactKey(base)],
    ['alias', matcher.alias, looseKey(base)],
    ['normalised', matcher.loose, looseKey(base)],
  ];
  for (const [how, map, key] of attempts) {
    const candidates = map.get(`${state}|${key}`) ?? [];
    if (candidates.length === 1) return { pcode: candidates[0] as string, how };
    if (candidates.length > 1) return null;
  }
  return null;
}
