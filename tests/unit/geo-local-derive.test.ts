/**
 * Tests for geo/derive-local-geo.ts (townships, districts, tiles).
 *
 * 1. Fixture tests, Turf-style: every file in tests/fixtures/geo-local-derive/in/<function>/ goes
 *    through that function and is compared with the golden file of the same name in
 *    out/<function>/ (input blue, output red, truncated to 6 decimals). `REGEN=1` rewrites them;
 *    review the git diff.
 * 2. Checks over the committed outputs: geo/data/townships-full.topojson, public/data/townships*.json
 *    and public/tiles/local/.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { area, booleanPointInPolygon, booleanValid, feature, featureCollection, truncate, union } from '@turf/turf';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import Papa from 'papaparse';
import { feature as topoFeature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, test } from 'vitest';
import { buildPartition, cleanPartition, partitionPolygons } from '../../geo/lib/clean-partition.ts';
import { jtsValidationError } from '../../geo/lib/jts-valid.ts';
import { type InputEntry, mapProps, parseLocalGeoSources, readCheckedInput, readFeatures, sha256Hex } from '../../geo/lib/local-sources.ts';
import { simplifyPartition } from '../../geo/lib/simplify-partition.ts';
import { mercatorX, mercatorY, tileRange } from '../../geo/lib/vector-tiles.ts';
import type { TownshipIndex, TownshipPolygonProps } from '../../src/lib/geo/township-index.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'geo-local-derive');

type Areal = Polygon | MultiPolygon;
type Fixture = FeatureCollection<Areal> & { properties: Record<string, number> };

const INPUT_STYLE = { stroke: '#0000ff', fill: '#0000ff', 'fill-opacity': 0.1 };
const OUTPUT_STYLE = { stroke: '#ff0000', fill: '#ff0000', 'fill-opacity': 0.3 };

function styled(features: readonly Feature[], style: Record<string, string | number>): Feature[] {
  return features.map((f) => ({ ...f, properties: { ...f.properties, ...style } }));
}

/** Output polygons of a partition, one per input feature, with the input's properties. */
function outputFeatures(fixture: Fixture, polygons: Map<string, Areal>): Feature<Areal>[] {
  return fixture.features.flatMap((f, i) => {
    const geometry = polygons.get(String(i));
    return geometry ? [{ type: 'Feature' as const, properties: f.properties, geometry }] : [];
  });
}

/** What each function folder runs: the fixture in, the golden collection out. */
const RUNNERS: Record<string, (fixture: Fixture) => FeatureCollection & { properties?: unknown }> = {
  'clean-partition': (fixture) => {
    const { cleaned, report } = cleanPartition(fixture, { decimals: fixture.properties.decimals!, maxGapKm2: fixture.properties.maxGapKm2! });
    const { overlapFaces, filledGapFaces, holeFaces, splits } = report;
    return {
      type: 'FeatureCollection',
      properties: { overlapFaces, filledGapFaces, holeFaces, splits },
      features: [...styled(fixture.features, INPUT_STYLE), ...styled(cleaned.features, OUTPUT_STYLE)],
    };
  },
  'simplify-partition': (fixture) => {
    const partition = buildPartition(fixture, { decimals: fixture.properties.decimals! });
    const simplified = simplifyPartition(partition, fixture.properties.tolerance!);
    const polygons = partitionPolygons(partition, (i) => String(i), simplified.kept);
    return {
      type: 'FeatureCollection',
      properties: { lowered: simplified.lowered, rounds: simplified.rounds },
      features: [...styled(fixture.features, INPUT_STYLE), ...styled(outputFeatures(fixture, polygons), OUTPUT_STYLE)],
    };
  },
};

/** Pretty JSON with each coordinate pair on one line, so goldens diff well. */
function formatGeoJson(data: unknown): string {
  return `${JSON.stringify(data, null, 2).replace(/\[\s+(-?[\d.e+-]+),\s+(-?[\d.e+-]+)\s+\]/g, '[$1, $2]')}\n`;
}

function readFixture(fn: string, file: string): Fixture {
  return JSON.parse(readFileSync(join(FIXTURES, 'in', fn, file), 'utf8')) as Fixture;
}

const outputsOf = (result: FeatureCollection): Feature<Areal>[] =>
  result.features.filter((f): f is Feature<Areal> => f.properties?.stroke === OUTPUT_STYLE.stroke);

/** Total area minus the area of the union: zero when no two polygons overlap. */
function overlapM2(features: readonly Feature<Areal>[]): number {
  const sum = features.reduce((total, f) => total + area(f), 0);
  if (features.length < 2) return 0;
  const merged = union(featureCollection([...features]));
  return sum - (merged ? area(merged) : 0);
}

describe('fixtures: tests/fixtures/geo-local-derive/{in,out}', () => {
  for (const fn of readdirSync(join(FIXTURES, 'in')).sort()) {
    const run = RUNNERS[fn];
    describe(fn, () => {
      test('has a runner', () => {
        expect(run).toBeTypeOf('function');
      });
      for (const file of readdirSync(join(FIXTURES, 'in', fn)).sort()) {
        const result = () => truncate(run!(readFixture(fn, file)), { precision: 6, mutate: true });
        test(`${file} matches its golden`, () => {
          const golden = join(FIXTURES, 'out', fn, `${basename(file, extname(file))}.geojson`);
          const got = result();
          if (process.env.REGEN) writeFileSync(golden, formatGeoJson(got));
          expect(got).toEqual(JSON.parse(readFileSync(golden, 'utf8')));
        });
        test(`${file}: every output polygon is valid (JTS IsValidOp)`, () => {
          const invalid = outputsOf(result()).map((f) => jtsValidationError(f.geometry)).filter((e) => e !== null);
          expect(invalid).toEqual([]);
        });
        test(`${file}: output polygons do not overlap`, () => {
          expect(overlapM2(outputsOf(result()))).toBeLessThan(1);
        });
      }
    });
  }
});

describe('cleanPartition', () => {
  test('a bow tie becomes two triangles that touch at the crossing', () => {
    const { cleaned } = cleanPartition(readFixture('clean-partition', 'bow-tie-township.geojson'), { decimals: 6 });
    const geometry = cleaned.features[0]!.geometry;
    expect([geometry.type, geometry.type === 'MultiPolygon' ? geometry.coordinates.length : 1]).toEqual(['MultiPolygon', 2]);
  });

  test('an overlap sliver goes to one neighbour only, and the two still meet without a gap', () => {
    const fixture = readFixture('clean-partition', 'overlap-sliver.geojson');
    const { cleaned, report } = cleanPartition(fixture, { decimals: 6 });
    const before = area(union(featureCollection(fixture.features))!);
    const after = area(union(featureCollection(cleaned.features))!);
    expect({ overlaps: report.overlapFaces, overlapM2: Math.round(overlapM2(cleaned.features)), areaChange: Math.round(after - before) }).toEqual({
      overlaps: 1,
      overlapM2: 0,
      areaChange: 0,
    });
  });

  test('a small gap between neighbours is filled, a large one is kept', () => {
    const fixture = readFixture('clean-partition', 'gap-sliver.geojson');
    const filled = cleanPartition(fixture, { decimals: 6, maxGapKm2: 1 }).report;
    const kept = cleanPartition(fixture, { decimals: 6, maxGapKm2: 0 }).report;
    expect([filled.filledGapFaces, filled.holeFaces, kept.filledGapFaces, kept.holeFaces]).toEqual([1, 0, 0, 1]);
  });

  test('neighbours share their border vertices exactly after cleaning', () => {
    const { cleaned } = cleanPartition(readFixture('clean-partition', 'gap-sliver.geojson'), { decimals: 6, maxGapKm2: 1 });
    const keys = (f: Feature<Areal>): Set<string> =>
      new Set((f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).flat(2).map((p) => p.join()));
    const [a, b] = cleaned.features.map(keys);
    expect([...a!].filter((k) => b!.has(k)).sort()).toEqual(['0.1,0', '0.1,0.1']);
  });
});

describe('simplifyPartition', () => {
  const naiveAndGuarded = (file: string): { naive: Feature<Areal>[]; guarded: Feature<Areal>[] } => {
    const fixture = readFixture('simplify-partition', file);
    const partition = buildPartition(fixture, { decimals: 6 });
    const at = (rounds: number): Feature<Areal>[] =>
      outputFeatures(fixture, partitionPolygons(partition, (i) => String(i), simplifyPartition(partition, fixture.properties.tolerance!, { maxRounds: rounds }).kept));
    return { naive: at(1), guarded: at(8) };
  };

  test('without the crossing check, the straightened bay would cut through the neighbour', () => {
    const { naive, guarded } = naiveAndGuarded('bay-not-straightened-across-a-neighbour.geojson');
    const errors = (fs: Feature<Areal>[]): number => fs.filter((f) => jtsValidationError(f.geometry) !== null).length;
    expect([errors(naive), errors(guarded)]).toEqual([1, 0]);
  });

  test('without the sweep check, the straightened coast would swallow the island', () => {
    const { naive, guarded } = naiveAndGuarded('island-in-bay-not-swallowed.geojson');
    expect([overlapM2(naive) > 1000, overlapM2(guarded) < 1]).toEqual([true, true]);
  });

  test('a shared border is simplified once: both neighbours keep the same vertices along it', () => {
    const { guarded } = naiveAndGuarded('neighbours-keep-shared-border.geojson');
    const onBorder = (f: Feature<Areal>): string[] =>
      (f.geometry as Polygon).coordinates[0]!.slice(0, -1).filter(([x = 0]) => x > 0.09 && x < 0.11).map((p) => p.join()).sort();
    const [a, b] = guarded.map(onBorder);
    expect(a).toEqual(b);
  });
});

describe('field mapping (geo/sources/local-geo-sources.json)', () => {
  const text = readFileSync(join(ROOT, 'geo', 'sources', 'local-geo-sources.json'), 'utf8');

  test('the committed mapping names an entry, a checksum and our fields for every kind of input', () => {
    const sources = parseLocalGeoSources(text);
    expect(sources.inputs[sources.use.townships]?.fields).toMatchObject({
      pcode: 'TS_PCODE',
      name_en: 'TS',
      name_my: 'Myanmar3',
      district_pcode: 'DT_PCODE',
      district_en: 'DT',
      state_pcode: 'ST_PCODE',
      state_en: 'ST',
    });
  });

  test('an entry that does not map a needed field is refused', () => {
    const broken = JSON.parse(text) as { inputs: Record<string, { fields: Record<string, string> }> };
    delete broken.inputs['mimu-2014-townships']!.fields.name_my;
    expect(() => parseLocalGeoSources(JSON.stringify(broken))).toThrow(/does not map name_my/);
  });

  test('value tables recode, and refuse a value they do not list unless they pass others through', () => {
    const entry = { fields: { class: 'RTT', name: 'NAME' }, values: { class: { 'Primary Route': 'p', null: 'u' }, name: { UNK: null, '*': '*' } } };
    expect(mapProps({ RTT: 'Primary Route', NAME: 'UNK' }, entry)).toEqual({ class: 'p', name: null });
    expect(mapProps({ NAME: 'IRRAWADDY' }, entry)).toEqual({ class: 'u', name: 'IRRAWADDY' });
    expect(() => mapProps({ RTT: 'Expressway' }, entry)).toThrow(/no value mapping for class/);
  });

  // A newer file of the same kind (here shaped like geoBoundaries ADM3) needs only a new entry.
  test('a file of the same kind with other field names is read through its own entry, and a wrong checksum is refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-geo-'));
    try {
      const file = {
        type: 'FeatureCollection',
        features: [{
          type: 'Feature',
          properties: { shapeName: 'Tabayin', shapeID: 'X1', pcode3: 'MMR005010', name_mm: 'ဒီပဲယင်း', extra: 1 },
          geometry: { type: 'Polygon', coordinates: [[[95, 22], [95.1, 22], [95.1, 22.1], [95, 22]]] },
        }],
      };
      writeFileSync(join(dir, 'adm3.geojson'), JSON.stringify(file));
      const entry: InputEntry = {
        file: 'adm3.geojson',
        sha256: sha256Hex(JSON.stringify(file)),
        format: 'geojson',
        fields: { pcode: 'pcode3', name_en: 'shapeName', name_my: 'name_mm' },
        origin: 'test',
        licence: 'test',
      };
      const read = readFeatures(dir, entry);
      const refused = (): string => readCheckedInput(dir, { ...entry, sha256: '0'.repeat(64) });
      expect(read.features[0]?.properties).toEqual({ pcode: 'MMR005010', name_en: 'Tabayin', name_my: 'ဒီပဲယင်း' });
      expect(refused).toThrow(/sha256 is [0-9a-f]{64}, but .* expects 0{64}/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Committed outputs
// ---------------------------------------------------------------------------------------------

function readJson<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(join(ROOT, ...parts), 'utf8')) as T;
}

interface FullProps {
  pcode: string;
  name_en: string;
  name_my: string;
  district_pcode: string;
  district_en: string;
  admin1: string;
}

const fullTopology = readJson<Topology>('geo', 'data', 'townships-full.topojson');
const full = topoFeature(fullTopology, fullTopology.objects.townships as GeometryCollection) as FeatureCollection<Areal, FullProps>;
const index = readJson<TownshipIndex>('public', 'data', 'townships.json');
const matchTopology = readJson<Topology>('public', 'data', 'townships-match.json');
const matchPolygons = topoFeature(matchTopology, matchTopology.objects.townships as GeometryCollection) as FeatureCollection<Areal, TownshipPolygonProps>;
const byPcode = (pcode: string): Feature<Areal, FullProps> | undefined => full.features.find((f) => f.properties.pcode === pcode);
const partsOf = (geometry: Areal): Position[][][] => (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates);

describe('geo/data/townships-full.topojson (cleaned townships)', () => {
  test('has the 330 townships with unique place codes', () => {
    expect(new Set(full.features.map((f) => f.properties.pcode)).size).toBe(330);
  });

  test('every township is valid under JTS IsValidOp (GEOS semantics)', () => {
    const invalid = full.features.flatMap((f) => {
      const error = jtsValidationError(f.geometry);
      return error ? [`${f.properties.pcode}: ${error}`] : [];
    });
    expect(invalid).toEqual([]);
  });

  // @turf/boolean-valid rejects a MultiPolygon whose parts touch at one point, which OGC allows
  // (Turfjs/turf#2328); every part on its own must pass it.
  test('every polygon part passes @turf/boolean-valid', () => {
    const invalid = full.features.flatMap((f) =>
      partsOf(f.geometry).flatMap((rings, i) => (booleanValid(feature({ type: 'Polygon', coordinates: rings })) ? [] : [`${f.properties.pcode} part ${i}`])),
    );
    expect(invalid).toEqual([]);
  });

  test('every township that fails @turf/boolean-valid as a whole has parts that touch at a point', () => {
    const touching = full.features.filter((f) => {
      const parts = partsOf(f.geometry).map((rings) => new Set(rings.flat().map((p) => p.join())));
      return parts.some((a, i) => parts.some((b, j) => j > i && [...a].some((k) => b.has(k))));
    });
    const unexplained = full.features.filter((f) => !booleanValid(f) && !touching.includes(f));
    expect(unexplained.map((f) => f.properties.pcode)).toEqual([]);
  });

  test('every township has a place code and an English and a Burmese name', () => {
    const incomplete = full.features.filter(
      ({ properties: p }) => !/^MMR\d{6}$/.test(p.pcode) || p.name_en.trim() === '' || !/[\u1000-\u109F]/.test(p.name_my),
    );
    expect(incomplete).toEqual([]);
  });

  test('keeps only our fields', () => {
    const keys = new Set(full.features.flatMap((f) => Object.keys(f.properties)));
    expect([...keys].sort()).toEqual(['admin1', 'district_en', 'district_pcode', 'name_en', 'name_my', 'pcode']);
  });

  test.each([
    ['MMR005010', 'Tabayin', 'MMR005D002', 'Shwebo', 'ဒီပဲယင်း', 'Sagaing'],
    ['MMR003003', 'Hpapun', 'MMR003D004', 'Hpapun', 'ဖာပွန်', 'Kayin'],
    ['MMR002002', 'Demoso', 'MMR002D001', 'Loikaw', 'ဒီးမော့ဆို', 'Kayah'],
    ['MMR002001', 'Loikaw', 'MMR002D001', 'Loikaw', 'လွိုင်ကော်', 'Kayah'],
  ])('%s is %s in %s (%s), %s, %s', (pcode, name_en, district_pcode, district_en, name_my, admin1) => {
    expect(byPcode(pcode)?.properties).toEqual({ pcode, name_en, name_my, district_pcode, district_en, admin1 });
  });

  // Each shared border is one arc, used once in each direction: no overlaps, no slivers.
  test('townships meet without overlaps: every arc is used at most once each way', () => {
    const uses = new Map<number, number[]>();
    const visit = (arcs: unknown): void => {
      if (typeof arcs === 'number') {
        const arc = arcs < 0 ? ~arcs : arcs;
        uses.set(arc, [...(uses.get(arc) ?? []), arcs < 0 ? -1 : 1]);
      } else if (Array.isArray(arcs)) arcs.forEach(visit);
    };
    for (const g of (fullTopology.objects.townships as GeometryCollection).geometries) visit((g as { arcs?: unknown }).arcs);
    const bad = [...uses].filter(([, d]) => d.length > 2 || (d.length === 2 && d[0] === d[1]));
    expect(bad).toEqual([]);
  });

  test('the label point of each township in townships.json lies inside its cleaned polygon and its match polygon', () => {
    const outside = index.townships.filter((t) => {
      const point = { type: 'Point' as const, coordinates: t.label };
      const match = matchPolygons.features.find((f) => f.properties.pcode === t.pcode);
      return !booleanPointInPolygon(point, byPcode(t.pcode)!) || !match || !booleanPointInPolygon(point, match);
    });
    expect(outside.map((t) => t.pcode)).toEqual([]);
  });

  // The shared reference file gives area centroids of MIMU's v9.3 polygons; boundaries moved a
  // little between 2014 and v9.3, so allow a few kilometres.
  test('area centroids agree with the reference centroids of MIMU adm3 v9.3 within 3 km', () => {
    const rows = Papa.parse<Record<string, string>>(readFileSync(join(ROOT, 'geo', 'sources', 'township-centroids.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    const far = rows.flatMap((row) => {
      const f = byPcode(row.ts_pcode ?? '');
      if (!f) return [`${row.ts_pcode} missing`];
      let sx = 0;
      let sy = 0;
      let sa = 0;
      for (const rings of partsOf(f.geometry)) {
        rings.forEach((ring, r) => {
          for (let i = 0; i + 1 < ring.length; i++) {
            const [x1 = 0, y1 = 0] = ring[i]!;
            const [x2 = 0, y2 = 0] = ring[i + 1]!;
            const c = x1 * y2 - x2 * y1;
            sa += c * (r === 0 ? 1 : 1);
            sx += (x1 + x2) * c;
            sy += (y1 + y2) * c;
          }
        });
      }
      const [cx, cy] = [sx / (3 * sa), sy / (3 * sa)];
      const km = Math.hypot((cx - Number(row.lon)) * 111.32 * Math.cos((cy * Math.PI) / 180), (cy - Number(row.lat)) * 110.57);
      return km > 3 ? [`${row.township} ${km.toFixed(1)} km`] : [];
    });
    expect(far).toEqual([]);
  });
});

describe('public/data/townships.json', () => {
  test('lists the 330 townships and the districts they name', () => {
    const named = new Set(index.townships.map((t) => t.district_pcode));
    expect([index.townships.length, index.districts.map((d) => d.pcode).sort()]).toEqual([330, [...named].sort()]);
  });

  test('has 73 districts: the distinct district codes of the townships', () => {
    expect(index.districts.length).toBe(new Set(full.features.map((f) => f.properties.district_pcode)).size);
  });

  test('every admin1 is a state or region name the app uses', () => {
    const labels = readJson<FeatureCollection<Point, { name_en: string }>>('public', 'data', 'admin1-labels.geojson');
    const names = new Set(labels.features.map((f) => f.properties.name_en));
    const unknown = [...index.townships, ...index.districts].filter((e) => !names.has(e.admin1));
    expect(unknown).toEqual([]);
  });

  test('Shan North/South/East are "Shan" and Nay Pyi Taw is "Mandalay"', () => {
    const admin1Of = (prefix: string): string[] => [...new Set(index.townships.filter((t) => t.pcode.startsWith(prefix)).map((t) => t.admin1))];
    expect([admin1Of('MMR014'), admin1Of('MMR015'), admin1Of('MMR016'), admin1Of('MMR018')]).toEqual([['Shan'], ['Shan'], ['Shan'], ['Mandalay']]);
  });

  // MIMU's own Area field says 1,378.7 km² for Tabayin.
  test('Tabayin covers about 1,380 km²', () => {
    expect(index.townships.find((t) => t.pcode === 'MMR005010')?.area_km2).toBe(1380);
  });

  test('a district covers the sum of its townships (within the rounding)', () => {
    const off = index.districts.filter((d) => {
      const members = index.townships.filter((t) => t.district_pcode === d.pcode);
      return Math.abs(members.reduce((s, t) => s + t.area_km2, 0) - d.area_km2) > 5 * (members.length + 1);
    });
    expect(off).toEqual([]);
  });

  test('every box holds its label point, and labels and boxes have 4 decimals', () => {
    const bad = [...index.townships, ...index.districts].filter(({ label: [x, y], bbox: [w, s, e, n] }) => {
      const numbers = [x, y, w, s, e, n];
      return x < w || x > e || y < s || y > n || numbers.some((v) => Math.round(v * 1e4) / 1e4 !== v);
    });
    expect(bad).toEqual([]);
  });

  test('district Burmese names come only where the district file agrees on the code (all but Mongmit)', () => {
    expect(index.districts.filter((d) => d.name_my === null).map((d) => d.pcode)).toEqual(['MMR015D008']);
  });
});

describe('public/data/townships-match.json', () => {
  test('has one valid polygon per township', () => {
    const invalid = matchPolygons.features.filter((f) => jtsValidationError(f.geometry) !== null);
    expect([matchPolygons.features.length, invalid.length]).toEqual([330, 0]);
  });

  test('stays within 1 % of each township area', () => {
    const drift = matchPolygons.features.filter((f) => {
      const whole = byPcode(f.properties.pcode)!;
      return Math.abs(area(f) / area(whole) - 1) > 0.01;
    });
    expect(drift.map((f) => f.properties.pcode)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Tiles
// ---------------------------------------------------------------------------------------------

interface TileJson {
  tilejson: string;
  tiles: string[];
  minzoom: number;
  maxzoom: number;
  bounds: [number, number, number, number];
  attribution: string;
  vector_layers: { id: string; minzoom: number; maxzoom: number; fields: Record<string, string> }[];
}

const TILES = join(ROOT, 'public', 'tiles', 'local');
const tileJson = readJson<TileJson>('public', 'tiles', 'local', 'tiles.json');

function readTile(z: number, x: number, y: number): VectorTile {
  return new VectorTile(new PbfReader(readFileSync(join(TILES, String(z), String(x), `${y}.pbf`))));
}

function tileAt(z: number, lon: number, lat: number): [number, number, number] {
  return [z, Math.floor(mercatorX(lon) * 2 ** z), Math.floor(mercatorY(lat) * 2 ** z)];
}

function layerValues(tile: VectorTile, layer: string, key: string): unknown[] {
  const l = tile.layers[layer];
  if (!l) return [];
  return Array.from({ length: l.length }, (_, i) => l.feature(i).properties[key]);
}

describe('public/tiles/local', () => {
  test('tiles.json states zooms 4–10, the bounds, the layers and their first zooms', () => {
    expect({
      minzoom: tileJson.minzoom,
      maxzoom: tileJson.maxzoom,
      bounds: tileJson.bounds,
      layers: Object.fromEntries(tileJson.vector_layers.map((l) => [l.id, l.minzoom])),
    }).toEqual({
      minzoom: 4,
      maxzoom: 10,
      bounds: [92, 9, 102, 29],
      layers: { townships: 4, rivers: 4, districts: 5, district_labels: 5, towns: 5, water: 6, roads: 6, township_labels: 7, villages: 10 },
    });
  });

  test('every tile MapLibre may request within the bounds exists, and no other', () => {
    const missing: string[] = [];
    let expected = 0;
    for (let z = tileJson.minzoom; z <= tileJson.maxzoom; z++) {
      const r = tileRange(tileJson.bounds, z);
      for (let x = r.minX; x <= r.maxX; x++) {
        for (let y = r.minY; y <= r.maxY; y++) {
          expected++;
          if (!existsSync(join(TILES, String(z), String(x), `${y}.pbf`))) missing.push(`${z}/${x}/${y}`);
        }
      }
    }
    const written = readdirSync(TILES).filter((d) => /^\d+$/.test(d))
      .flatMap((z) => readdirSync(join(TILES, z)).flatMap((x) => readdirSync(join(TILES, z, x)))).length;
    expect({ missing, written }).toEqual({ missing: [], written: expected });
  });

  test('the Tabayin z10 tile decodes and holds Tabayin (MMR005010) and its villages', () => {
    const tile = readTile(...tileAt(10, 95.3202, 22.6862));
    expect({
      tabayin: layerValues(tile, 'townships', 'pcode').includes('MMR005010'),
      label: layerValues(tile, 'township_labels', 'name_en').includes('Tabayin') || !tile.layers.township_labels,
      villagesInTabayin: layerValues(tile, 'villages', 'ts_pcode').filter((p) => p === 'MMR005010').length > 0,
    }).toEqual({ tabayin: true, label: true, villagesInTabayin: true });
  });

  test('the tile with Let Yet Kone (95.4024, 22.6768) names it, in Tabayin', () => {
    const tile = readTile(...tileAt(10, 95.4024, 22.6768));
    const villages = tile.layers.villages!;
    const found = Array.from({ length: villages.length }, (_, i) => villages.feature(i).properties).find((p) => p.name_en === 'Let Yet Kone');
    expect(found?.ts_pcode).toBe('MMR005010');
  });

  test('the z4 tiles hold every township (for colouring by count at country level)', () => {
    const r = tileRange(tileJson.bounds, 4);
    const pcodes = new Set<unknown>();
    for (let x = r.minX; x <= r.maxX; x++) for (let y = r.minY; y <= r.maxY; y++) layerValues(readTile(4, x, y), 'townships', 'pcode').forEach((p) => pcodes.add(p));
    expect(pcodes.size).toBe(330);
  });

  test('capitals only at z5–6, every active town from z7', () => {
    const count = (z: number): number => {
      const r = tileRange(tileJson.bounds, z);
      const pcodes = new Set<unknown>();
      for (let x = r.minX; x <= r.maxX; x++) for (let y = r.minY; y <= r.maxY; y++) layerValues(readTile(z, x, y), 'towns', 'pcode').forEach((p) => pcodes.add(p));
      return pcodes.size;
    };
    expect([count(5), count(7)]).toEqual([15, 530]);
  });

  // Budgets, about twice the current sizes: a regression in simplification shows up here.
  test('the country view (the z4 tiles) stays under 70 KB gzip; all tiles under 10 MB', () => {
    const zoomBytes = (z: number): number =>
      readdirSync(join(TILES, String(z))).flatMap((x) => readdirSync(join(TILES, String(z), x)).map((y) => statSync(join(TILES, String(z), x, y)).size)).reduce((a, b) => a + b, 0);
    const total = [4, 5, 6, 7, 8, 9, 10].reduce((s, z) => s + zoomBytes(z), 0);
    expect({ z4Raw: zoomBytes(4) < 140 * 1024, total: total < 10 * 1024 * 1024 }).toEqual({ z4Raw: true, total: true });
  });
});
