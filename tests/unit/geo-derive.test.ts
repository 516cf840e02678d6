/**
 * Tests for geo/derive-boundaries.ts.
 *
 * 1. Fixture tests, Turf-style: every file in tests/fixtures/geo-derive/in/<function>/ goes through
 *    that function and is compared with the golden file of the same name in out/<function>/.
 *    Goldens are truncated to 6 decimals and coloured with simplestyle (input blue, output red) so
 *    they can be opened in any GeoJSON viewer. `REGEN=1` rewrites them; review the git diff.
 * 2. Checks over the committed outputs in public/data/ and geo/data/.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BBox, Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { area, booleanPointInPolygon, coordAll, pointToPolygonDistance, truncate, union } from '@turf/turf';
import { describe, expect, test } from 'vitest';
import { admin1Props, type NeAdmin1Props, admin1Units } from '../../geo/lib/admin1.ts';
import { clipToBbox } from '../../geo/lib/clip-to-bbox.ts';
import { COUNTRY_LABEL_BBOX, type CountryLabelProps, countryLabelPoints } from '../../geo/lib/country-labels.ts';
import type { Admin1Props, CountryProps, PlaceProps } from '../../geo/lib/feature-props.ts';
import { placesFromGazetteerCsv, type PlaceDraftProps } from '../../geo/lib/gazetteer.ts';
import { labelPoint } from '../../geo/lib/label-point.ts';
import { type BoundaryException, locatePlaces, PLACES_OUTSIDE_NE_BOUNDARY } from '../../geo/lib/locate-places.ts';
import { roundCoordinates } from '../../geo/lib/round-coordinates.ts';
import { simplifySharedBorders } from '../../geo/lib/simplify-shared-borders.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'geo-derive');

type Areal = Polygon | MultiPolygon;
/** A fixture FeatureCollection may carry the function's options as a `properties` member, as in Turf. */
type Fixture = FeatureCollection & { properties?: Record<string, unknown> };

const INPUT_STYLE = { stroke: '#0000ff', fill: '#0000ff', 'fill-opacity': 0.1, 'marker-color': '#0000ff' };
const OUTPUT_STYLE = { stroke: '#ff0000', fill: '#ff0000', 'fill-opacity': 0.3, 'marker-color': '#ff0000' };

function styled(features: readonly Feature[], style: Record<string, string | number>): Feature[] {
  return features.map((f) => ({ ...f, properties: { ...f.properties, ...style } }));
}

/** Inputs in blue under outputs in red, so a golden shows what the function changed. */
function inputAndOutput(input: readonly Feature[], output: readonly Feature[]): FeatureCollection {
  return { type: 'FeatureCollection', features: [...styled(input, INPUT_STYLE), ...styled(output, OUTPUT_STYLE)] };
}

function areal(fixture: Fixture): FeatureCollection<Areal> {
  const features = fixture.features.filter(
    (f): f is Feature<Areal> => f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon',
  );
  return { type: 'FeatureCollection', features };
}

function option<T>(fixture: Fixture, name: string): T {
  const value = fixture.properties?.[name];
  if (value === undefined) throw new Error(`fixture has no "${name}" option`);
  return value as T;
}

/** What each function folder runs: input file text in, GeoJSON to compare out. */
const RUNNERS: Record<string, (text: string) => FeatureCollection> = {
  'simplify-shared-borders': (text) => {
    const fixture = JSON.parse(text) as Fixture;
    const input = areal(fixture);
    return inputAndOutput(input.features, simplifySharedBorders(input, option<number>(fixture, 'tolerance')).features);
  },
  'round-coordinates': (text) => {
    const fixture = JSON.parse(text) as Fixture;
    return inputAndOutput(fixture.features, roundCoordinates(fixture, option<number>(fixture, 'decimals')).features);
  },
  'label-point': (text) => {
    const input = areal(JSON.parse(text) as Fixture);
    return inputAndOutput(input.features, input.features.map(labelPoint));
  },
  'clip-to-bbox': (text) => {
    const fixture = JSON.parse(text) as Fixture;
    const input = areal(fixture);
    return inputAndOutput(input.features, clipToBbox(input, option<BBox>(fixture, 'bbox')).features);
  },
  'places-from-gazetteer-csv': (text) => ({
    type: 'FeatureCollection',
    features: styled(placesFromGazetteerCsv(text).features, OUTPUT_STYLE),
  }),
  'locate-places': (text) => {
    const fixture = JSON.parse(text) as Fixture;
    const units = areal(fixture) as FeatureCollection<Areal, Admin1Props>;
    const drafts: FeatureCollection<Point, PlaceDraftProps> = {
      type: 'FeatureCollection',
      features: fixture.features.filter((f): f is Feature<Point, PlaceDraftProps> => f.geometry.type === 'Point'),
    };
    const exceptions = option<BoundaryException[]>(fixture, 'exceptions');
    return inputAndOutput(units.features, locatePlaces(drafts, units, exceptions).features);
  },
};

/** Pretty JSON with each coordinate pair on one line, so goldens diff well. */
function formatGeoJson(data: unknown): string {
  return `${JSON.stringify(data, null, 2).replace(/\[\s+(-?[\d.e+-]+),\s+(-?[\d.e+-]+)\s+\]/g, '[$1, $2]')}\n`;
}

describe('fixtures: tests/fixtures/geo-derive/{in,out}', () => {
  for (const fn of readdirSync(join(FIXTURES, 'in')).sort()) {
    const run = RUNNERS[fn];
    describe(fn, () => {
      test('has a runner', () => {
        expect(run).toBeTypeOf('function');
      });
      for (const file of readdirSync(join(FIXTURES, 'in', fn)).sort()) {
        test(file, () => {
          const input = readFileSync(join(FIXTURES, 'in', fn, file), 'utf8');
          const result = truncate(run!(input), { precision: 6, mutate: true });
          const golden = join(FIXTURES, 'out', fn, `${basename(file, extname(file))}.geojson`);
          if (process.env.REGEN) writeFileSync(golden, formatGeoJson(result));
          expect(result).toEqual(JSON.parse(readFileSync(golden, 'utf8')));
        });
      }
    });
  }
});

describe('admin1Props', () => {
  const row = { iso_3166_2: 'MM-02', name_en: 'Bago', type_en: 'Region', name_my: 'ပဲခူး', checked: 'no: standard form' };

  test('drops a Burmese name that was not checked', () => {
    expect(admin1Props(row).name_my).toBeNull();
  });

  test('keeps a Burmese name checked "yes"', () => {
    expect(admin1Props({ ...row, checked: 'yes: Wikipedia' }).name_my).toBe('ပဲခူး');
  });

  test('labels Kayin "Kayin (Karen)"', () => {
    expect(admin1Props({ ...row, iso_3166_2: 'MM-13', name_en: 'Kayin' }).label).toBe('Kayin (Karen)');
  });
});

describe('admin1Units', () => {
  const square: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] };
  const ne = (props: NeAdmin1Props): Feature<Polygon, NeAdmin1Props> => ({ type: 'Feature', properties: props, geometry: square });
  const naturalEarth: FeatureCollection<Polygon, NeAdmin1Props> = {
    type: 'FeatureCollection',
    features: [
      ne({ iso_3166_2: 'MM-18', iso_a2: 'MM', name: 'Naypyidaw', type_en: 'Union Territory' }),
      ne({ iso_3166_2: 'MM-01', iso_a2: 'MM', name: 'Sagaing', type_en: 'Division' }),
      ne({ iso_3166_2: 'TH-58', iso_a2: 'TH', name: 'Mae Hong Son', type_en: 'Province' }),
    ],
  };
  const names = [{ iso_3166_2: 'MM-01', name_en: 'Sagaing', type_en: 'Region', name_my: 'စစ်ကိုင်း', checked: 'yes' }];

  test('keeps a unit missing from the names table with its Natural Earth name and no Burmese name', () => {
    expect(admin1Units(naturalEarth, 'MM', names).features.map((f) => f.properties)).toEqual([
      { code: 'MM-01', name_en: 'Sagaing', type_en: 'Region', name_my: 'စစ်ကိုင်း', focus: 'sagaing', label: 'Sagaing' },
      { code: 'MM-18', name_en: 'Naypyidaw', type_en: 'Union Territory', name_my: null, focus: null, label: 'Naypyidaw' },
    ]);
  });

  test('rejects a names row without a unit', () => {
    const orphan = { ...names[0]!, iso_3166_2: 'MM-99' };
    expect(() => admin1Units(naturalEarth, 'MM', [...names, orphan])).toThrow(/MM-99/);
  });
});

describe('locatePlaces', () => {
  const unit: Feature<Polygon, Admin1Props> = {
    type: 'Feature',
    properties: { code: 'XX-01', name_en: 'Alpha', type_en: 'State', name_my: null, focus: null, label: 'Alpha' },
    geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] },
  };
  const units: FeatureCollection<Polygon, Admin1Props> = { type: 'FeatureCollection', features: [unit] };
  const draft = (lon: number, admin1: string): FeatureCollection<Point, PlaceDraftProps> => ({
    type: 'FeatureCollection',
    features: [{
      type: 'Feature',
      properties: {
        name: 'Somewhere', kind: 'town', alt_names: [], admin1, ne_admin1: admin1, township: null,
        township_pcode: null, precision: 'town', confidence: 'high', sources: 'test', orientation: false, rank: 2,
      },
      geometry: { type: 'Point', coordinates: [lon, 0.5] },
    }],
  });

  test('rejects a point outside every unit that is not a listed exception', () => {
    expect(() => locatePlaces(draft(1.01, 'Alpha'), units, [])).toThrow(/outside every unit/);
  });

  test('rejects a point in another unit than the gazetteer says', () => {
    expect(() => locatePlaces(draft(0.5, 'Beta'), units, [])).toThrow(/should be in Beta/);
  });

  test('rejects a listed exception that lies inside', () => {
    const stale = [{ name: 'Somewhere', maxDistanceKm: 1, reason: 'test' }];
    expect(() => locatePlaces(draft(0.5, 'Alpha'), units, stale)).toThrow(/listed as outside/);
  });
});

describe('countryLabelPoints', () => {
  const square = (x: number, y: number, size: number): Position[][] => [
    [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]],
  ];
  const country = (name: string, iso_n3: string, parts: Position[][][]): Feature<MultiPolygon, CountryProps> => ({
    type: 'Feature',
    properties: { name, iso_n3, is_myanmar: false },
    geometry: { type: 'MultiPolygon', coordinates: parts },
  });
  const box: BBox = [0, 0, 10, 10];
  // A big part mostly outside the box and a smaller one wholly inside: the label goes where more land shows.
  const bigOutside = country('Alpha', '001', [square(9, 0, 20), square(2, 2, 4)]);
  const farAway = country('Beta', '002', [square(20, 20, 5)]);
  const excluded = country('Gamma', '003', [square(0, 0, 10)]);
  const labels = countryLabelPoints({ type: 'FeatureCollection', features: [bigOutside, farAway, excluded] }, box, ['003']);

  test('labels only countries with land in the box, minus the excluded ones, with name and iso_n3 only', () => {
    expect(labels.features.map((f) => f.properties)).toEqual([{ name: 'Alpha', iso_n3: '001' }]);
  });

  test('places the label in the largest part of the land inside the box', () => {
    const [x = NaN, y = NaN] = labels.features[0]!.geometry.coordinates;
    expect([x, y].map((n) => Math.round(n))).toEqual([4, 4]);
  });
});

function readData<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(join(ROOT, ...parts), 'utf8')) as T;
}

const kb = (...parts: string[]): number => statSync(join(ROOT, ...parts)).size / 1024;

describe('committed outputs', () => {
  const full = readData<FeatureCollection<Areal, Admin1Props>>('geo', 'data', 'myanmar-admin1-full.geojson');
  const display = readData<FeatureCollection<Areal, Admin1Props>>('public', 'data', 'admin1.geojson');
  const labels = readData<FeatureCollection<Point, Admin1Props>>('public', 'data', 'admin1-labels.geojson');
  const places = readData<FeatureCollection<Point, PlaceProps>>('public', 'data', 'places.geojson');
  const countries = readData<FeatureCollection<Areal, CountryProps>>('public', 'data', 'countries.geojson');
  const countryLabels = readData<FeatureCollection<Point, CountryLabelProps>>('public', 'data', 'country-labels.geojson');
  const codes = (fc: FeatureCollection<Polygon | MultiPolygon | Point, Admin1Props>): string[] =>
    fc.features.map((f) => f.properties.code);
  const byCode = (code: string): Admin1Props | undefined => display.features.find((f) => f.properties.code === code)?.properties;

  // Natural Earth has no separate Naypyidaw union territory: it is part of Mandalay (MM-04).
  test('admin1 has the 14 states and regions, with unique codes', () => {
    expect(new Set(codes(display)).size).toBe(14);
  });

  test('the full, display and label files list the same units in the same order', () => {
    expect([codes(full), codes(labels)]).toEqual([codes(display), codes(display)]);
  });

  test('Sagaing, Kayah and Kayin are the focus units', () => {
    const focus = display.features.filter((f) => f.properties.focus !== null).map((f) => [f.properties.code, f.properties.focus]);
    expect(focus).toEqual([['MM-01', 'sagaing'], ['MM-12', 'kayah'], ['MM-13', 'kayin']]);
  });

  test('Kayin is labelled "Kayin (Karen)"', () => {
    expect(byCode('MM-13')?.label).toBe('Kayin (Karen)');
  });

  test('only the Burmese names checked "yes" are shipped', () => {
    const withBurmese = display.features.filter((f) => f.properties.name_my !== null).map((f) => f.properties.code);
    expect(withBurmese).toEqual(['MM-01', 'MM-04', 'MM-12', 'MM-13', 'MM-17']);
  });

  test('display units meet without gaps or overlaps (sum of areas equals area of the union)', () => {
    const sum = display.features.reduce((total, f) => total + area(f), 0);
    const merged = union(display as FeatureCollection<Areal>);
    expect(Math.abs(sum - area(merged!)) / sum).toBeLessThan(1e-6);
  });

  test('simplification keeps each unit within 0.5 % of its full area', () => {
    const drift = display.features.map((f, i) => Math.abs(area(f) / area(full.features[i]!) - 1));
    expect(Math.max(...drift)).toBeLessThan(0.005);
  });

  test('every label point lies inside its simplified unit', () => {
    const outside = labels.features.filter((label, i) => !booleanPointInPolygon(label, display.features[i]!));
    expect(outside).toEqual([]);
  });

  test('every place lies inside the full polygon of its admin1_code, except the documented border places', () => {
    const unitOf = (code: string) => full.features.find((f) => f.properties.code === code)!;
    const outside = places.features
      .filter((p) => !booleanPointInPolygon(p, unitOf(p.properties.admin1_code)))
      .map((p) => p.properties.name);
    expect(outside.sort()).toEqual(PLACES_OUTSIDE_NE_BOUNDARY.map((e) => e.name).sort());
  });

  test('the documented border places are within their stated distance of Myanmar', () => {
    const tooFar = PLACES_OUTSIDE_NE_BOUNDARY.filter((e) => {
      const place = places.features.find((p) => p.properties.name === e.name)!;
      const unit = full.features.find((f) => f.properties.code === place.properties.admin1_code)!;
      return pointToPolygonDistance(place, unit, { units: 'kilometers' }) > e.maxDistanceKm;
    });
    expect(tooFar).toEqual([]);
  });

  test('orientation towns rank 1, other towns 2, villages 3', () => {
    const wrong = places.features.filter(({ properties: p }) => p.rank !== (p.orientation ? 1 : p.kind === 'town' ? 2 : 3));
    expect(wrong).toEqual([]);
  });

  test('place names carry no " town" or " village" suffix', () => {
    expect(places.features.filter((p) => / (town|village)$/i.test(p.properties.name))).toEqual([]);
  });

  test('countries include Myanmar and its five neighbours, and only Myanmar is flagged', () => {
    const ids = countries.features.map((f) => f.properties.iso_n3);
    const myanmar = countries.features.filter((f) => f.properties.is_myanmar).map((f) => f.properties.name);
    expect({ myanmar, neighbours: ['050', '356', '156', '418', '764'].filter((id) => ids.includes(id)) }).toEqual({
      myanmar: ['Myanmar'],
      neighbours: ['050', '356', '156', '418', '764'],
    });
  });

  test('country labels: one per country with land in the label box, Myanmar excluded', () => {
    const withLand = clipToBbox(countries, COUNTRY_LABEL_BBOX)
      .features.filter((f) => !f.properties.is_myanmar && area(f) > 0)
      .map((f) => f.properties.iso_n3);
    expect(countryLabels.features.map((f) => f.properties.iso_n3)).toEqual(withLand);
  });

  test('every country label lies inside its country polygon and inside the label box', () => {
    const [west, south, east, north] = COUNTRY_LABEL_BBOX;
    const misplaced = countryLabels.features.filter((label) => {
      const [x = NaN, y = NaN] = label.geometry.coordinates;
      const land = countries.features.find((f) => f.properties.iso_n3 === label.properties.iso_n3);
      return !land || !booleanPointInPolygon(label, land) || x <= west || x >= east || y <= south || y >= north;
    });
    expect(misplaced).toEqual([]);
  });

  test('country labels carry the English name and the ISO numeric code of their country', () => {
    const mismatched = countryLabels.features.filter(
      (label) => !countries.features.some((f) => f.properties.iso_n3 === label.properties.iso_n3 && f.properties.name === label.properties.name),
    );
    expect(mismatched).toEqual([]);
  });

  test('public geometry is rounded to 4 decimals', () => {
    const all = [display, labels, countries, countryLabels].flatMap((fc) => coordAll(fc as FeatureCollection)).flat();
    expect(all.filter((n) => Math.round(n * 1e4) / 1e4 !== n)).toEqual([]);
  });

  // Budgets: about twice the current sizes, so a regression in simplification shows up here.
  test.each([
    [['public', 'data', 'countries.geojson'], 350],
    [['public', 'data', 'admin1.geojson'], 150],
    [['public', 'data', 'admin1-labels.geojson'], 10],
    [['public', 'data', 'country-labels.geojson'], 5],
    [['public', 'data', 'places.geojson'], 30],
    [['geo', 'data', 'myanmar-admin1-full.geojson'], 5 * 1024],
  ])('%s is under %d KB', (parts, budget) => {
    expect(kb(...parts)).toBeLessThan(budget);
  });
});
