/**
 * Tests for the import geography (src/lib/geo/township-geography.ts) and its parts: the banded
 * point-in-township locator, district name matching with its aliases, and the state/region codes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { feature as topoFeature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, test } from 'vitest';
import { ADMIN1_ISO_CODES, admin1IsoCode } from '../../src/lib/domain/areas.ts';
import { buildDistrictMatcher, districtName, matchDistrict } from '../../src/lib/geo/district-match.ts';
import { DISTRICT_ALIASES } from '../../src/lib/geo/township-aliases.ts';
import { buildImportGeography } from '../../src/lib/geo/township-geography.ts';
import type { TownshipIndex, TownshipPolygons } from '../../src/lib/geo/township-index.ts';
import { buildTownshipLocator } from '../../src/lib/geo/township-locator.ts';
import { buildTownshipMatcher, looseKey, pointInPolygon } from '../../src/lib/geo/township-match.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const index = JSON.parse(readFileSync(join(ROOT, 'public', 'data', 'townships.json'), 'utf8')) as TownshipIndex;
const topology = JSON.parse(readFileSync(join(ROOT, 'public', 'data', 'townships-match.json'), 'utf8')) as Topology;
const polygons = topoFeature(topology, topology.objects.townships as GeometryCollection) as unknown as TownshipPolygons;
const townships = buildTownshipMatcher(index.townships);
const districts = buildDistrictMatcher(index.districts, townships);
const locator = buildTownshipLocator(polygons);
const geography = buildImportGeography(index, polygons);

/** mulberry32, so the random points are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('buildTownshipLocator', () => {
  test('every township label point is located in its own township', () => {
    const wrong = index.townships.filter((t) => locator.townshipAt(t.label[0], t.label[1]) !== t.pcode);
    expect(wrong.map((t) => t.name_en)).toEqual([]);
  });

  test('known points: Let Yet Kone, Nyaung Hla and Kaing Kan villages lie in Tabayin; Hpapun town in Hpapun', () => {
    expect([
      locator.townshipAt(95.4024, 22.6768),
      locator.townshipAt(95.4181, 22.6528),
      locator.townshipAt(95.3772, 22.5191),
      locator.townshipAt(97.443, 18.0622),
    ]).toEqual(['MMR005010', 'MMR005010', 'MMR005010', 'MMR003003']);
  });

  test('points at sea, abroad and off the map are in no township', () => {
    expect([
      locator.townshipAt(94.0, 15.0), // Andaman Sea
      locator.townshipAt(100.5, 13.75), // Bangkok
      locator.townshipAt(0, 60),
      locator.townshipAt(Number.NaN, 20),
    ]).toEqual([null, null, null, null]);
  });

  test('agrees with the plain ray test of township-match.ts on 10,000 random points', () => {
    const bbox = new Map(index.townships.map((t) => [t.pcode, t.bbox]));
    const rand = prng(11);
    const disagreements: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const lon = 92.1 + rand() * 9.1;
      const lat = 9.6 + rand() * 19;
      const expected = polygons.features
        .filter((f) => {
          const [w, s, e, n] = bbox.get(f.properties.pcode) ?? [0, 0, 0, 0];
          return lon >= w && lon <= e && lat >= s && lat <= n && pointInPolygon(lon, lat, f.geometry);
        })
        .map((f) => f.properties.pcode);
      const found = locator.townshipAt(lon, lat);
      if (expected.length > 1) continue; // on a shared border: either answer is right
      if ((expected[0] ?? null) !== found) disagreements.push(`${lon},${lat}: ${expected.join('/')} vs ${found}`);
    }
    expect(disagreements).toEqual([]);
  });

  test('contains() answers for one township, and null for a code without a polygon', () => {
    expect(locator.contains('MMR005010', 95.4024, 22.6768)).toBe(true);
    expect(locator.contains('MMR002001', 95.4024, 22.6768)).toBe(false);
    expect(locator.contains('MMR999999', 95.4024, 22.6768)).toBeNull();
  });
});

describe('district names', () => {
  test.each([
    ['Hpapun district', 'hpapun'],
    ['Yangon (East) district', 'yangon (east)'],
    ['  Hpa-an   District ', 'hpa-an'],
  ])('districtName(%j) is %j', (raw, expected) => {
    expect(districtName(raw)).toBe(expected);
  });

  test.each([
    ['Hpapun district', 'Kayin state', 'MMR003D004', 'exact'],
    ['Papun district', 'Kayin state', 'MMR003D004', 'normalised'],
    ['Hpa-an district', 'Kayin state', 'MMR003D001', 'exact'],
    ['Pa-an district', 'Karen state', 'MMR003D001', 'normalised'],
    ['Bawlakhe district', 'Kayah state', 'MMR002D002', 'normalised'],
    ['Putao district', 'Kachin state', 'MMR001D004', 'normalised'],
    ['Dawai district', 'Tanintharyi division', 'MMR006D001', 'alias'],
    ['Kokang Self-Administered Zone', 'Shan state', 'MMR015D005', 'alias'],
    ['Yangon (East) district', 'Yangon region', 'MMR013D002', 'exact'],
  ])('%s in %s is %s (%s)', (name, admin1, pcode, how) => {
    expect(matchDistrict(districts, name, admin1)).toEqual({ pcode, how });
  });

  test.each([
    ['Hpapun district', 'Kayah state', 'a district of another state/region'],
    ['Hpapun district', '', 'no state/region'],
    ['Bogale district', 'Ayeyarwady division', 'a town, not a 2014 MIMU district (Bogale is in Pyapon district)'],
    ['Hkamti district/Naga Hills district', 'Sagaing region', 'two names in one'],
  ])('%s in %j does not match: %s', (name, admin1) => {
    expect(matchDistrict(districts, name, admin1)).toBeNull();
  });

  test('every district alias names a district of townships.json, gives a reason and is needed', () => {
    const bad = DISTRICT_ALIASES.filter((a) => {
      const d = index.districts.find((x) => x.pcode === a.pcode);
      return !d || a.reason.trim().length < 20 || looseKey(districtName(a.alias)) === looseKey(districtName(d.name_en));
    });
    expect(bad).toEqual([]);
  });

  test('no two districts of one state/region share a loose key', () => {
    const keys = index.districts.map((d) => `${d.admin1}|${looseKey(districtName(d.name_en))}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  test('every where_prec 3 district of the 2022 UCDP sample matches', () => {
    const csv = readFileSync(join(ROOT, 'tests', 'fixtures', 'ucdp_ged_myanmar_2022_sagaing_kayah_kayin.csv'), 'utf8');
    const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data.filter((r) => r.where_prec === '3');
    const names = rows.map((r) => [r.adm_2, matchDistrict(districts, r.adm_2 ?? '', r.adm_1 ?? '')?.pcode]);
    expect(rows).toHaveLength(13);
    expect(names.filter(([, pcode]) => pcode === undefined)).toEqual([]);
  });
});

describe('state/region codes', () => {
  test('ADMIN1_ISO_CODES is admin1-labels.geojson’s name_en → code', () => {
    const labels = JSON.parse(readFileSync(join(ROOT, 'public', 'data', 'admin1-labels.geojson'), 'utf8')) as {
      features: { properties: { code: string; name_en: string } }[];
    };
    const fromFile = Object.fromEntries(labels.features.map((f) => [f.properties.name_en, f.properties.code]));
    expect(ADMIN1_ISO_CODES).toEqual(fromFile);
  });

  test('every state/region of townships.json has a code', () => {
    expect(townships.admin1Names.filter((n) => admin1IsoCode(n) === null)).toEqual([]);
  });

  test.each([
    ['Sagaing region', 'MM-01'],
    ['Karen state', 'MM-13'],
    ['Naypyidaw Union territory', 'MM-04'],
    ['Shan-North', 'MM-17'],
    ['Atlantis', null],
    ['', null],
    ['constructor', null],
  ])('admin1Code(%j) is %j', (raw, code) => {
    expect(geography.admin1Code(raw)).toBe(code);
  });
});

describe('buildImportGeography', () => {
  test('matches townships by name and code, and caches without mixing states', () => {
    expect(geography.matchTownship('Kalay township', 'Sagaing region', '')).toEqual({ pcode: 'MMR005027', how: 'normalised' });
    expect(geography.matchTownship('Htantabin', 'Bago', '')?.pcode).toBe('MMR007014');
    expect(geography.matchTownship('Htantabin', 'Yangon', '')?.pcode).toBe('MMR013006');
    expect(geography.matchTownship('Htantabin', 'Bago', '')?.pcode).toBe('MMR007014');
    expect(geography.matchTownship('', '', 'MMR003003')).toEqual({ pcode: 'MMR003003', how: 'pcode' });
    expect(geography.matchTownship('Mayu River in Rathedaung township', 'Rakhine state', '')).toBeNull();
    expect(geography.matchTownship('', 'Sagaing', '')).toBeNull();
  });

  test('names the kind of each area code', () => {
    expect(['MMR005010', 'MMR005D002', 'MM-01', 'MM-18', 'MMR005', ''].map((c) => geography.areaKind(c))).toEqual([
      'township',
      'district',
      'region',
      null,
      null,
      null,
    ]);
  });
});
