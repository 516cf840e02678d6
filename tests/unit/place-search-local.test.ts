/**
 * The place search over MIMU geography (issue #11): townships, districts, towns and villages
 * from the shipped files' shapes. Fixture-driven: each file in `tests/fixtures/place-search/in/`
 * holds a township index, a local-places file and the queries; the best results of each query
 * are compared with `out/`. `REGEN=1` rewrites the goldens, and the git diff is the review.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { areaPlaceEntries, buildPlaceSearch, extraMatchedName, localPlaceEntries, mergePlaceEntries, searchPlaces, type PlaceMatch } from '../../src/lib/data/place-search.ts';
import { buildAreaIndex } from '../../src/lib/geo/area-index.ts';
import type { TownshipIndex } from '../../src/lib/geo/township-index.ts';
import { readLocalPlaces } from '../../src/lib/data/local-places.ts';

const DIR = path.resolve(import.meta.dirname, '../fixtures/place-search');

interface Fixture {
  readonly description: string;
  readonly townships: TownshipIndex;
  readonly places: unknown;
  readonly queries: readonly string[];
}

function indexOf(f: Fixture) {
  const areas = buildAreaIndex(f.townships, null);
  return buildPlaceSearch(mergePlaceEntries([...areaPlaceEntries(areas), ...localPlaceEntries(readLocalPlaces(f.places), areas)]));
}

/** One line a person can read: "township Tabayin (Depayin) · Sagaing · alias · fits [95.0913,22.3908,95.5305,22.8767]". */
function line(m: PlaceMatch): string {
  const e = m.entry;
  const extra = extraMatchedName(m);
  const where = [e.township ? `${e.township} Township` : '', e.admin1].filter(Boolean).join(', ');
  const at = e.bbox ? `fits [${e.bbox.join(',')}]` : `at ${e.lon},${e.lat}`;
  return [`${e.kind} ${e.name}${extra ? ` (${extra})` : ''}`, where, m.rank, at].join(' · ');
}

const files = readdirSync(path.join(DIR, 'in')).filter((f) => f.endsWith('.json')).sort();

describe('place search over MIMU geography (fixtures)', () => {
  it.each(files)('%s', (file) => {
    const f = JSON.parse(readFileSync(path.join(DIR, 'in', file), 'utf8')) as Fixture;
    const index = indexOf(f);
    const actual = Object.fromEntries(f.queries.map((q) => [q, searchPlaces(index, q, 4).map(line)]));
    const out = path.join(DIR, 'out', file);
    if (process.env.REGEN === '1' || !existsSync(out)) {
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(out, `${JSON.stringify(actual, null, 2)}\n`);
    }
    expect(actual).toEqual(JSON.parse(readFileSync(out, 'utf8')));
  });
});

describe('place search over MIMU geography', () => {
  const f = JSON.parse(readFileSync(path.join(DIR, 'in', 'local-geography.json'), 'utf8')) as Fixture;
  const index = indexOf(f);
  const first = (q: string) => searchPlaces(index, q)[0];

  it.each([
    ['Depayin', 'Tabayin'],
    ['Papun', 'Hpapun'],
    ['Dimawso', 'Demoso'],
    ['Kalay', 'Kale'],
  ])('finds the township %s by its other spelling %s, with its box to fit', (query, name) => {
    const m = first(query);
    expect(m?.entry).toMatchObject({ kind: 'township', name });
    expect(m?.entry.bbox).toEqual(f.townships.townships.find((t) => t.name_en === name)?.bbox);
  });

  it('finds a township by its place code and by its Burmese name', () => {
    expect(first('MMR005010')?.entry).toMatchObject({ kind: 'township', name: 'Tabayin' });
    expect(first('ဒီပဲယင်း')?.entry).toMatchObject({ kind: 'township', name: 'Tabayin' });
  });

  it('finds a district, apart from the township of the same name', () => {
    const kinds = searchPlaces(index, 'Hpapun').map((m) => m.entry.kind);
    expect(kinds.slice(0, 3)).toEqual(['township', 'district', 'town']);
  });

  it('tells the two Let Yet Kone villages apart by their townships', () => {
    const villages = searchPlaces(index, 'Let Yet Kone').filter((m) => m.entry.kind === 'village');
    expect(villages.map((m) => m.entry.township).sort()).toEqual(['Shwebo', 'Tabayin']);
    expect(villages.find((m) => m.entry.township === 'Tabayin')?.entry).toMatchObject({ lon: 95.4024, lat: 22.6768 });
  });
});

describe('mergePlaceEntries with the MIMU towns', () => {
  const town = (name: string, township: string, nameMy?: string) => ({ name, altNames: [], ...(nameMy ? { nameMy } : {}), kind: 'town', admin1: 'Sagaing', township, lon: 95.32, lat: 22.68 });

  it('takes the gazetteer\'s "Depayin (Tabayin)" and MIMU\'s "Tabayin" as one town, keeping the first name and pooling the Burmese', () => {
    const merged = mergePlaceEntries([town('Depayin (Tabayin)', 'Tabayin'), town('Tabayin', 'Tabayin', 'ဒီပဲယင်း')]);
    expect(merged).toEqual([{ ...town('Depayin (Tabayin)', 'Tabayin', 'ဒီပဲယင်း'), altNames: ['Tabayin'] }]);
  });

  it('keeps names that only sound alike, and the same name in two townships, apart', () => {
    expect(mergePlaceEntries([town('Nyaung Kaing', 'Shwebo'), town('Nyaung Kine', 'Shwebo')])).toHaveLength(2);
    expect(mergePlaceEntries([town('Let Yet Kone', 'Tabayin'), town('Let Yet Kone', 'Shwebo')])).toHaveLength(2);
  });
});
