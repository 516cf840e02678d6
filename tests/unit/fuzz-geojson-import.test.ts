/**
 * Property-based tests of the GeoJSON importer (issue #7): random JSON, random Feature and
 * FeatureCollection shapes, wrong geometry types, prototype-named keys and deep nesting must
 * never make `parseGeoJsonText` or `importGeoJsonText` throw; every feature is counted once as
 * shown or rejected, and the nesting limit holds exactly.
 *
 * Runs per test run (with fuzz-csv-import.test.ts and tests/component/fuzz-rendering.test.ts
 * the fuzz files run at least 10,000 cases): random JSON values 800 · random text 500 ·
 * feature shapes 1,500 · perturbed exports 1,000 · deep nesting 300 · depth check against a
 * walk 600 = 4,700 here.
 * All fuzz files together: 7,720 (CSV) + 4,700 (GeoJSON) + 800 (rendering) = 13,220 cases.
 * `FUZZ_SEED=<n>` replays a run; `FUZZ_SCALE=<x>` multiplies every count.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkJsonDepth, MAX_JSON_DEPTH, parseGeoJsonText } from '../../src/lib/data/import/geojson.ts';
import { importGeoJsonText } from '../../src/lib/data/import/import-text.ts';
import { incidentsToGeoJson } from '../../src/lib/data/import/export-incidents.ts';
import {
  anyUrl,
  assertSoundReport,
  FUZZ_TIMEOUT_MS,
  fuzzOptions,
  hostileIncidents,
  hostilePiece,
  hostileText,
  isoDay,
  logFuzzSeed,
  validIncidentDate,
  WRONG_TYPE_VALUES,
} from '../fuzz/arbitraries.ts';

const DATASET = 'fuzz';

// JSON.parse makes "__proto__" an own key, but a JS object literal cannot; the generator uses
// this stand-in and the text gets the real key after JSON.stringify.
const PROTO_STANDIN = '__fuzz_proto_key__';
const withProtoKeys = (text: string): string => text.replaceAll(`"${PROTO_STANDIN}"`, '"__proto__"');

const ODD_KEYS = [PROTO_STANDIN, 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'toJSON', 'then', 'length'] as const;

/** How deeply nested a parsed JSON value is (a scalar is 0, `[]` is 1), as `checkJsonDepth` counts. */
function jsonDepth(v: unknown): number {
  if (Array.isArray(v)) return 1 + v.reduce<number>((m, x) => Math.max(m, jsonDepth(x)), 0);
  if (typeof v === 'object' && v !== null) return 1 + Object.values(v).reduce<number>((m, x) => Math.max(m, jsonDepth(x)), 0);
  return 0;
}

/** Features the importer should see in parsed JSON: all of a FeatureCollection's, or one Feature. */
function featureCount(text: string): number {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let v: unknown;
  try {
    v = JSON.parse(body);
  } catch {
    return 0;
  }
  if (jsonDepth(v) > MAX_JSON_DEPTH || typeof v !== 'object' || v === null || Array.isArray(v)) return 0;
  const o = v as Record<string, unknown>;
  if (o.type === 'FeatureCollection') return Array.isArray(o.features) ? o.features.length : 0;
  return o.type === 'Feature' ? 1 : 0;
}

function importAndCheck(text: string, fileName = 'fuzz.geojson') {
  const report = importGeoJsonText(text, { datasetId: DATASET, fileName });
  assertSoundReport(report, { rowsGiven: featureCount(text), datasetId: DATASET });
  return report;
}

// Small JSON values of every type, including objects with prototype-named keys.
const smallJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileText,
    fc.constantFrom(...WRONG_TYPE_VALUES),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...ODD_KEYS), hostileText), tie('value'), { maxKeys: 3 }),
  ),
})).value;

const coordinate = fc.oneof(
  { weight: 4, arbitrary: fc.double({ min: -200, max: 200, noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 90, -90, 180, -180, 90.0000001, 1e308, -1e308, Number.MIN_VALUE) },
  { weight: 1, arbitrary: smallJson },
  // An object whose own toString is not a function cannot be turned into text by String().
  { weight: 1, arbitrary: fc.constantFrom<unknown>({ toString: 1 }, { valueOf: 'x', toString: null }, { toString: {} }, ['1'], [[96, 20]]) },
);

const geometry: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ type: fc.constant('Point'), coordinates: fc.array(coordinate, { maxLength: 4 }) }) },
  { weight: 4, arbitrary: fc.record({ type: fc.constant('Point'), coordinates: fc.tuple(fc.double({ min: 92, max: 101, noNaN: true }), fc.double({ min: 9, max: 28, noNaN: true })) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constantFrom('LineString', 'Polygon', 'MultiPoint', 'MultiPolygon', 'GeometryCollection', 'point', 'POINT', 'Feature', ''),
      coordinates: smallJson,
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: smallJson, coordinates: smallJson }) },
  { weight: 1, arbitrary: smallJson },
);

// Known property names with values of the right shape, the wrong shape, or hostile text.
const propertyValue: Record<string, fc.Arbitrary<unknown>> = {
  id: fc.oneof(fc.constantFrom('X', 'X#row2', 'X#row3', 'fuzz:X', 'fuzz:X#row3', 'other:X', ''), hostileText, fc.integer(), smallJson),
  dataset: fc.oneof(fc.constantFrom('fuzz', 'other', 'curated', ''), hostileText, smallJson),
  category: fc.oneof(fc.constantFrom('air_strike', 'Air strike', 'other', 'constructor', '__proto__'), hostileText, smallJson),
  title: fc.oneof(hostileText, smallJson),
  date: fc.oneof(validIncidentDate, isoDay, fc.constantFrom(...WRONG_TYPE_VALUES), smallJson, fc.record({ precision: fc.constantFrom('day', 'week', 'month', 'range', 'year'), start: isoDay, end: isoDay })),
  date_start: fc.oneof(isoDay, fc.constantFrom(...WRONG_TYPE_VALUES), smallJson),
  date_end: fc.oneof(isoDay, fc.constantFrom(...WRONG_TYPE_VALUES), smallJson),
  event_date: fc.oneof(isoDay, fc.constantFrom(...WRONG_TYPE_VALUES)),
  date_precision: fc.oneof(fc.constantFrom('day', 'week', 'month', 'range', 'year', ''), smallJson),
  place: fc.oneof(hostileText, fc.record({ name: hostileText, admin1: hostileText, nameMy: fc.oneof(hostileText, smallJson) }, { requiredKeys: ['name', 'admin1'] }), smallJson),
  admin1: fc.oneof(hostileText, smallJson),
  township: fc.oneof(hostileText, smallJson),
  precision: fc.oneof(fc.constantFrom('exact', 'village', 'town', 'township', 'district', 'region', 'country', 'toString', ''), smallJson),
  summary: fc.oneof(hostileText, smallJson),
  notes: hostileText,
  killed: fc.oneof(fc.nat(), fc.constantFrom(...WRONG_TYPE_VALUES), fc.array(fc.record({ low: fc.option(fc.nat()), high: fc.option(fc.nat()), qualifier: fc.constantFrom('exact', 'about', 'nope'), text: hostileText, source: hostileText })), smallJson),
  fatalities: fc.oneof(fc.nat(), fc.constantFrom(...WRONG_TYPE_VALUES), smallJson),
  displaced: fc.oneof(fc.nat(), smallJson),
  weapons: fc.oneof(fc.array(fc.record({ text: hostileText, source: hostileText })), smallJson),
  sources: fc.oneof(
    fc.array(fc.record({ publisher: hostileText, title: hostileText, date: fc.oneof(isoDay, fc.constant(null), hostileText), url: fc.oneof(anyUrl, smallJson), secondary: fc.oneof(fc.boolean(), smallJson), via: hostileText, note: hostileText }, { requiredKeys: ['publisher', 'title'] }), { maxLength: 3 }),
    smallJson,
  ),
  source: fc.oneof(hostileText, smallJson),
  url: fc.oneof(anyUrl, smallJson),
  source_article: anyUrl,
  verification: fc.oneof(fc.record({ status: fc.constantFrom('verified', 'imported', 'bogus'), text: hostileText }), smallJson),
  sourceCoordinates: fc.oneof(fc.constant(null), fc.record({ lon: coordinate, lat: coordinate, note: hostileText }), smallJson),
  extra: fc.oneof(fc.dictionary(fc.oneof(fc.constantFrom(...ODD_KEYS), hostileText), fc.oneof(hostileText, fc.integer(), fc.boolean(), fc.constant(null))), smallJson),
  country: fc.constantFrom('Myanmar', 'Myanmar (Burma)', 'Thailand', ''),
};

const properties: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(fc.record(propertyValue, { requiredKeys: [] }), fc.dictionary(fc.oneof(fc.constantFrom(...ODD_KEYS), hostileText), smallJson, { maxKeys: 3 }))
      .map(([known, odd]) => ({ ...odd, ...known })),
  },
  { weight: 1, arbitrary: smallJson },
);

const feature: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record(
      { type: fc.constant('Feature'), id: propertyValue.id as fc.Arbitrary<unknown>, geometry, properties },
      { requiredKeys: ['type'] },
    ),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.oneof(fc.constantFrom('feature', 'FeatureCollection', 'Point'), smallJson), geometry, properties }) },
  { weight: 1, arbitrary: smallJson },
);

const document: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ type: fc.constant('FeatureCollection'), features: fc.array(feature, { maxLength: 8 }) }) },
  { weight: 2, arbitrary: feature },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('FeatureCollection'), features: smallJson }) },
  { weight: 1, arbitrary: smallJson },
);

/** A document as text: compact or indented, sometimes with a BOM. */
const documentText = fc
  .tuple(document, fc.boolean(), fc.boolean())
  .map(([doc, indent, bom]) => (bom ? '\uFEFF' : '') + withProtoKeys(JSON.stringify(doc, null, indent ? 2 : undefined) ?? 'null'));

beforeAll(() => {
  logFuzzSeed('fuzz-geojson-import');
});

describe('GeoJSON import fuzzing', () => {
  it('random JSON values: never throws, counts add up', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
        importAndCheck(JSON.stringify(v) ?? 'null');
      }),
      fuzzOptions(800),
    );
  }, FUZZ_TIMEOUT_MS);

  it('random text, broken JSON and lone surrogates: never throws, reports what it could not read', () => {
    const text = fc.oneof(
      fc.array(fc.oneof(hostilePiece, fc.constantFrom('{', '}', '[', ']', '"', '\\', ':', ',', '"type"', '"Feature"', '"FeatureCollection"')), { maxLength: 40 }).map((p) => p.join('')),
      documentText.chain((t) => fc.nat({ max: t.length }).map((n) => t.slice(0, n))),
    );
    fc.assert(
      fc.property(text, (t) => {
        const parsed = parseGeoJsonText(t);
        if (!parsed.ok) expect(parsed.message).not.toBe('');
        importAndCheck(t);
      }),
      fuzzOptions(500),
    );
  }, FUZZ_TIMEOUT_MS);

  it('random Feature and FeatureCollection shapes: never throws, every feature counted once, only points shown', () => {
    fc.assert(
      fc.property(documentText, (text) => {
        const report = importAndCheck(text);
        const doc = JSON.parse(text.replace(/^\uFEFF/, '')) as { type?: unknown; features?: unknown };
        const features = doc?.type === 'FeatureCollection' && Array.isArray(doc.features) ? doc.features : doc?.type === 'Feature' ? [doc] : [];
        features.forEach((f: unknown, i) => {
          const g = typeof f === 'object' && f !== null ? (f as { type?: unknown; geometry?: unknown }) : null;
          const geom = g?.geometry;
          if (g?.type === 'Feature' && typeof geom === 'object' && geom !== null && !Array.isArray(geom) && (geom as { type?: unknown }).type !== 'Point') {
            expect(report.rejected.find((r) => r.row === i + 1)?.reason).toBe('unsupported_geometry');
          }
        });
      }),
      fuzzOptions(1500),
    );
  }, FUZZ_TIMEOUT_MS);

  it('exports of hostile incidents with a few properties perturbed: never throws, every feature counted once', () => {
    // Start from valid features (our own export) and break one thing at a time, so the
    // checks after the first one are reached too. Ids come from a small pool that includes
    // the "<id>#row<N>" form the importer gives duplicates.
    const keys = Object.keys(propertyValue);
    const idPool = fc.oneof(fc.constantFrom('X', 'Y', 'fuzz:X', 'other:X'), fc.integer({ min: 1, max: 8 }).map((n) => `X#row${n}`));
    const perturbation = fc.record({
      feature: fc.nat(),
      key: fc.constantFrom(...keys),
      value: fc.constantFrom(...keys).chain((k) => propertyValue[k] as fc.Arbitrary<unknown>),
    });
    const doc = fc.record({
      incidents: hostileIncidents(8),
      ids: fc.array(fc.option(idPool, { nil: undefined }), { maxLength: 8 }),
      datasets: fc.array(fc.constantFrom('fuzz', 'other', undefined), { maxLength: 8 }),
      perturbations: fc.array(perturbation, { maxLength: 3 }),
    });
    fc.assert(
      fc.property(doc, ({ incidents, ids, datasets, perturbations }) => {
        const fc_ = incidentsToGeoJson(incidents) as unknown as { features: { properties: Record<string, unknown> }[] };
        fc_.features.forEach((f, i) => {
          const id = ids[i];
          if (id !== undefined) f.properties.id = id;
          const ds = datasets[i];
          if (ds !== undefined) f.properties.dataset = ds;
        });
        for (const p of perturbations) {
          const f = fc_.features[p.feature % fc_.features.length];
          if (f !== undefined) f.properties[p.key] = p.value;
        }
        importAndCheck(JSON.stringify(fc_));
      }),
      fuzzOptions(1000),
    );
  }, FUZZ_TIMEOUT_MS);

  it('nesting up to 400 levels: refused exactly when deeper than the limit, never throws', () => {
    // Openers nest inside a real Point feature's properties; strings full of brackets and
    // escaped quotes must not count as nesting.
    const nested = fc.record({
      depth: fc.oneof(fc.integer({ min: 0, max: 400 }), fc.integer({ min: MAX_JSON_DEPTH - 8, max: MAX_JSON_DEPTH + 2 })),
      openers: fc.array(fc.constantFrom('[', '{"k":', '[1,', '{"a":"[[{{\\"[","b":'), { minLength: 1, maxLength: 4 }),
      decoy: fc.constantFrom('', '"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", ', '"\\"[{\\\\\\"{[", ', '"{\\\\", '),
    });
    fc.assert(
      fc.property(nested, ({ depth, openers, decoy }) => {
        // The innermost array holds the decoy string; `depth` more levels wrap it.
        let payload = `[${decoy}0]`;
        for (let i = 0; i < depth; i++) {
          const o = openers[i % openers.length] as string;
          payload = `${o}${payload}${o.startsWith('[') ? ']' : '}'}`;
        }
        const text = `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[96.1,20.5]},"properties":{"date":"2022-07-15","deep":${payload}}}]}`;
        const actual = jsonDepth(JSON.parse(text));
        const parsed = parseGeoJsonText(text);
        expect(parsed.ok).toBe(actual <= MAX_JSON_DEPTH);
        if (!parsed.ok) expect(parsed.message).toContain(`${MAX_JSON_DEPTH} levels`);
        const report = importAndCheck(text);
        if (actual > MAX_JSON_DEPTH) expect(report.format).toBe('unknown');
      }),
      fuzzOptions(300),
    );
  }, FUZZ_TIMEOUT_MS);

  it('checkJsonDepth agrees with a walk of the parsed value, whatever the strings hold', () => {
    const bracketText = fc.array(fc.constantFrom('[', ']', '{', '}', '"', '\\', '\\"', 'a', ' '), { maxLength: 12 }).map((p) => p.join(''));
    const value = fc.letrec<{ v: unknown }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'medium', maxDepth: 12 },
        bracketText,
        fc.integer(),
        fc.constant(null),
        fc.array(tie('v'), { maxLength: 3 }),
        fc.dictionary(bracketText, tie('v'), { maxKeys: 3 }),
      ),
    })).v;
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 14 }), fc.boolean(), (v, limit, indent) => {
        const text = JSON.stringify(v, null, indent ? 1 : undefined) ?? 'null';
        expect(checkJsonDepth(text, limit)).toBe(jsonDepth(v) <= limit);
      }),
      fuzzOptions(600),
    );
  }, FUZZ_TIMEOUT_MS);
});
