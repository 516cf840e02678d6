import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import {
  boundedEditDistance,
  buildPlaceSearch,
  extraMatchedName,
  focusAreaEntries,
  foldedKey,
  incidentPlaceEntries,
  mergePlaceEntries,
  placeEntriesFromGeoJson,
  plainKey,
  searchPlaces,
  type PlaceEntry,
} from '../../src/lib/data/place-search.ts';
import type { Incident } from '../../src/lib/domain/incident.ts';

const place = (name: string, kind: string, admin1: string, altNames: string[] = []): PlaceEntry => ({
  name,
  altNames,
  kind,
  admin1,
  lon: 96,
  lat: 20,
});

function gazetteer(): PlaceEntry[] {
  return [
    place('Kayin State', 'admin1', 'Kayin'),
    place('Kayah State', 'admin1', 'Kayah'),
    place('Tabayin', 'township', 'Sagaing'),
    place('Hpapun', 'town', 'Kayin'),
    place('Hpa-An', 'town', 'Kayin'),
    place('Myawaddy', 'town', 'Kayin'),
    place('Yangon', 'admin1', 'Yangon'),
    place('Mawlamyine', 'town', 'Mon'),
    place('Naypyidaw', 'admin1', 'Naypyidaw'),
    place('Hpruso', 'town', 'Kayah'),
    place('Demoso', 'town', 'Kayah'),
    place('Loikaw', 'town', 'Kayah'),
    place('Mandalay', 'admin1', 'Mandalay'),
    place('Let Yet Kone', 'village', 'Sagaing', ['Letyetkone']),
    place('Kani', 'township', 'Sagaing'),
    place('Kanbalu', 'township', 'Sagaing'),
  ];
}

const top = (query: string) => {
  const [first] = searchPlaces(buildPlaceSearch(gazetteer()), query);
  return first ? { name: first.entry.name, rank: first.rank } : null;
};

describe('searchPlaces', () => {
  const cases: readonly [string, string, { name: string; rank: string }][] = [
    ['a variant spelling in the alias table', 'Depayin', { name: 'Tabayin', rank: 'alias' }],
    ['the English name of a state', 'Karen', { name: 'Kayin State', rank: 'alias' }],
    ['the English name of a state, with "State"', 'Karen State', { name: 'Kayin State', rank: 'alias' }],
    ['the other English name of a state', 'Karenni', { name: 'Kayah State', rank: 'alias' }],
    ['hp spelled p', 'Papun', { name: 'Hpapun', rank: 'exact' }],
    ['an ethnic-language name', 'Bu Tho', { name: 'Hpapun', rank: 'alias' }],
    ['a colonial name', 'Rangoon', { name: 'Yangon', rank: 'alias' }],
    ['another colonial name', 'Moulmein', { name: 'Mawlamyine', rank: 'alias' }],
    ['words split differently', 'Nay Pyi Taw', { name: 'Naypyidaw', rank: 'alias' }],
    ['ph spelled for hp', 'Phruso', { name: 'Hpruso', rank: 'exact' }],
    ['punctuation and case ignored', 'pa-an', { name: 'Hpa-An', rank: 'exact' }],
    ['doubled letters and final y', 'Myawadi', { name: 'Myawaddy', rank: 'exact' }],
    ['aw spelled ow', 'Loikow', { name: 'Loikaw', rank: 'exact' }],
    ['a typo within the edit distance', 'Mandaly', { name: 'Mandalay', rank: 'fuzzy' }],
    ['a typo of two letters in a long name', 'Mawlamine', { name: 'Mawlamyine', rank: 'fuzzy' }],
    ['a prefix', 'Loi', { name: 'Loikaw', rank: 'prefix' }],
    ['an alternative name run together', 'letyetkone', { name: 'Let Yet Kone', rank: 'exact' }],
    ['a later word of the name', 'Kone', { name: 'Let Yet Kone', rank: 'prefix' }],
    ['Latin diacritics ignored', 'Lóikàw', { name: 'Loikaw', rank: 'exact' }],
  ];
  it.each(cases)('%s: %s', (_name, query, expected) => {
    expect(top(query)).toEqual(expected);
  });

  it('returns nothing for an empty query', () => {
    expect(searchPlaces(buildPlaceSearch(gazetteer()), '')).toEqual([]);
  });

  it('returns nothing for punctuation only', () => {
    expect(searchPlaces(buildPlaceSearch(gazetteer()), ' - , ')).toEqual([]);
  });

  it('returns nothing for a name far from every place', () => {
    expect(searchPlaces(buildPlaceSearch(gazetteer()), 'Zzyzx')).toEqual([]);
  });

  it('ranks exact before prefix: "Kani" before "Kanbalu"', () => {
    const names = searchPlaces(buildPlaceSearch(gazetteer()), 'Kan').map((m) => m.entry.name);
    expect(searchPlaces(buildPlaceSearch(gazetteer()), 'Kani').map((m) => m.entry.name)[0]).toBe('Kani');
    expect(names.slice(0, 2)).toEqual(['Kani', 'Kanbalu']);
  });

  it('does not fuzzy-match queries under four letters', () => {
    expect(searchPlaces(buildPlaceSearch(gazetteer()), 'Lox')).toEqual([]);
  });

  it('allows one edit in a four-letter query', () => {
    expect(searchPlaces(buildPlaceSearch(gazetteer()), 'Kanx').map((m) => [m.entry.name, m.rank])).toEqual([['Kani', 'fuzzy']]);
  });

  it('says which name matched', () => {
    const [first] = searchPlaces(buildPlaceSearch(gazetteer()), 'Rangoon');
    expect(first?.matched).toBe('Rangoon');
  });

  it('keeps to the limit', () => {
    expect(searchPlaces(buildPlaceSearch(gazetteer()), 'K', 3)).toHaveLength(3);
  });
});

describe('keys', () => {
  const cases: readonly [string, string, string][] = [
    ['Hpa-An', 'hpaan', 'pan'],
    ['Myawaddy', 'myawaddy', 'myoadi'],
    ['Myawadi', 'myawadi', 'myoadi'],
    ['Naypyidaw', 'naypyidaw', 'nepyido'],
    ['Thandaunggyi', 'thandaunggyi', 'tandaungkyi'],
    ['Ye Oo', 'yeoo', 'yeu'],
  ];
  it.each(cases)('%s', (name, plain, folded) => {
    expect([plainKey(name), foldedKey(name)]).toEqual([plain, folded]);
  });

  it('keeps Burmese letters', () => {
    expect(plainKey('ဒီပဲယင်း')).not.toBe('');
  });
});

describe('Burmese names (#12: "စစ်ကိုင်း" is printed on the map but found nothing)', () => {
  const SAGAING_MY = 'စစ်ကိုင်းတိုင်းဒေသကြီး';
  const KAYIN_MY = 'ကရင်ပြည်နယ်';
  const entries = (): PlaceEntry[] => [
    { ...place('Sagaing Region', 'admin1', 'Sagaing'), nameMy: SAGAING_MY },
    { ...place('Kayin State', 'admin1', 'Kayin'), nameMy: KAYIN_MY },
    place('Sagaing', 'town', 'Sagaing'),
  ];
  const top = (q: string) => {
    const [first] = searchPlaces(buildPlaceSearch(entries()), q);
    return first ? [first.entry.name, first.rank] : null;
  };

  it('finds a region by its full Burmese name', () => {
    expect(top(SAGAING_MY)).toEqual(['Sagaing Region', 'exact']);
  });

  it('finds it by the short name the map prints, without the word for "region"', () => {
    expect(top('စစ်ကိုင်း')).toEqual(['Sagaing Region', 'exact']);
  });

  it('finds a state without the word for "state", and by its beginning', () => {
    expect(top('ကရင်')).toEqual(['Kayin State', 'exact']);
    expect(top('ကရ')).toEqual(['Kayin State', 'prefix']);
  });

  it('ignores zero-width spaces and joiners typed between syllables', () => {
    expect(top('စစ်\u200bကိုင်း\u200c')).toEqual(['Sagaing Region', 'exact']);
  });

  it('reads marks typed in another order the same (dot below and asat, medial and vowel sign)', () => {
    // "ကြို့" with the dot below typed after the asat-free vowel signs in another order.
    expect(plainKey('\u1000\u103C\u102D\u102F\u1037')).toBe(plainKey('\u1000\u102D\u103C\u1037\u102F'));
    // ဦ typed as ဥ + ီ.
    expect(plainKey('\u1026')).toBe(plainKey('\u1025\u102E'));
  });

  it('still finds the English names', () => {
    expect(top('Sagaing')).toEqual(['Sagaing Region', 'exact']);
  });
});

describe('results show each name once', () => {
  it('shows no bracketed repeat when the name already holds the match (#12: "Depayin (Tabayin)(Tabayin)")', () => {
    const index = buildPlaceSearch([place('Depayin (Tabayin)', 'town', 'Sagaing', ['Dipeyin'])]);
    const [byBracket] = searchPlaces(index, 'Tabayin');
    expect(byBracket && extraMatchedName(byBracket)).toBeNull();
    const [byAlt] = searchPlaces(index, 'Dipeyin');
    expect(byAlt && extraMatchedName(byAlt)).toBe('Dipeyin');
  });

  it('merges a focus area and the same state\'s label point into one entry, keeping the box and the Burmese name', () => {
    const label: PlaceEntry = { ...place('Kayin (Karen)', 'admin1', 'Kayin', ['Kayin']), nameMy: 'ကရင်ပြည်နယ်' };
    const merged = mergePlaceEntries([...focusAreaEntries(), label, place('Shan', 'admin1', 'Shan')]);
    expect(merged.map((e) => e.name)).toEqual(['Sagaing Region', 'Kayah State', 'Kayin State', 'Shan']);
    const kayin = merged[2];
    expect(kayin?.bbox).toHaveLength(4);
    expect(kayin?.nameMy).toBe('ကရင်ပြည်နယ်');
    expect(kayin?.altNames).toContain('Kayin (Karen)');
    expect(searchPlaces(buildPlaceSearch(merged), 'Kayin').filter((m) => m.entry.kind === 'admin1')).toHaveLength(1);
  });

  it('keeps a town and a region of the same name apart', () => {
    expect(mergePlaceEntries([place('Sagaing Region', 'admin1', 'Sagaing'), place('Sagaing', 'town', 'Sagaing')])).toHaveLength(2);
  });
});

describe('boundedEditDistance', () => {
  const cases: readonly [string, string, number, number][] = [
    ['loikaw', 'loikaw', 2, 0],
    ['loikow', 'loikaw', 2, 1],
    ['mandaly', 'mandalay', 2, 1],
    ['kayin', 'karen', 2, 2],
    ['abcdef', 'uvwxyz', 2, 3],
    ['a', 'abcd', 2, 3],
  ];
  it.each(cases)('%s → %s (max %i)', (a, b, max, expected) => {
    expect(boundedEditDistance(a, b, max)).toBe(expected);
  });
});

describe('entries', () => {
  it('reads gazetteer points, their alternative names and kind', () => {
    const fc: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [95.32, 22.69] }, properties: { name: 'Depayin (Tabayin)', kind: 'town', alt_names: ['Dipeyin'], admin1: 'Sagaing', township: 'Tabayin' } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [97.2, 19.67] }, properties: { name: 'Loikaw', alt_names: 'Loi-kaw; Loikau', admin1: 'Kayah' } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [1, 1] }, properties: { name: '' } },
        { type: 'Feature', geometry: { type: 'LineString', coordinates: [[1, 1], [2, 2]] }, properties: { name: 'A road' } },
      ],
    };
    expect(placeEntriesFromGeoJson(fc)).toEqual([
      { name: 'Depayin (Tabayin)', altNames: ['Dipeyin'], kind: 'town', admin1: 'Sagaing', township: 'Tabayin', lon: 95.32, lat: 22.69 },
      { name: 'Loikaw', altNames: ['Loi-kaw', 'Loikau'], kind: 'place', admin1: 'Kayah', lon: 97.2, lat: 19.67 },
    ]);
  });

  it('finds a gazetteer name by its bracketed part', () => {
    const index = buildPlaceSearch([place('Depayin (Tabayin)', 'town', 'Sagaing', ['Dipeyin'])]);
    expect(searchPlaces(index, 'Tabayin')[0]?.rank).toBe('exact');
  });

  it('makes one entry per incident place, at its most precise incident', () => {
    const incident = (id: string, precision: Incident['precision'], lon: number): Incident => ({
      id,
      category: 'air_strike',
      title: id,
      date: { precision: 'day', start: '2022-01-01', end: '2022-01-01' },
      place: { name: 'Mon Taw', admin1: 'Sagaing', township: 'Kani' },
      lon,
      lat: 22,
      precision,
      weapons: [],
      killed: [],
      displaced: [],
      summary: '',
      sources: [],
      verification: { status: 'verified', text: '' },
      dataset: 'curated',
    });
    expect(incidentPlaceEntries([incident('A', 'township', 95), incident('B', 'village', 95.5)])).toEqual([
      { name: 'Mon Taw', altNames: [], kind: 'incident', admin1: 'Sagaing', township: 'Kani', lon: 95.5, lat: 22 },
    ]);
  });

  it('finds a focus area by the name in its label\'s brackets', () => {
    const [first] = searchPlaces(buildPlaceSearch(focusAreaEntries()), 'Karen');
    expect([first?.entry.name, first?.rank]).toEqual(['Kayin State', 'exact']);
  });

  it('gives the focus areas their bounding boxes', () => {
    expect(focusAreaEntries().map((e) => [e.name, e.admin1, e.bbox?.length])).toEqual([
      ['Sagaing Region', 'Sagaing', 4],
      ['Kayah State', 'Kayah', 4],
      ['Kayin State', 'Kayin', 4],
    ]);
  });

  it('finds every shipped gazetteer place by its own name and alternative names', () => {
    const fc = JSON.parse(readFileSync(join(import.meta.dirname, '../../public/data/places.geojson'), 'utf8')) as FeatureCollection;
    const entries = placeEntriesFromGeoJson(fc);
    const index = buildPlaceSearch(entries);
    const misses = entries.flatMap((e) =>
      [e.name, ...e.altNames].filter((n) => !searchPlaces(index, n, 50).some((m) => m.entry === e && m.rank === 'exact')),
    );
    expect(misses).toEqual([]);
  });
});
