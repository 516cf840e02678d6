import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../src/lib/domain/incident.ts';
import { checkJsonDepth, featureToRaw, geoJsonFeatureToIncident, parseGeoJsonText } from '../../src/lib/data/import/geojson.ts';
import type { MapResult } from '../../src/lib/data/import/types.ts';
import { readSource } from '../../src/lib/data/import/validate.ts';
import { safeHttpUrl } from '../../src/lib/domain/guards.ts';

const ctx = { datasetId: 'ds1', fileName: 'points.geojson' };

function point(properties: Record<string, unknown>, coordinates: unknown = [97.2094, 19.6742]): Record<string, unknown> {
  return { type: 'Feature', geometry: { type: 'Point', coordinates }, properties };
}

function ok(r: MapResult): Incident {
  if (!r.ok) throw new Error(`rejected: ${r.reason} ${r.message}`);
  return r.incident;
}

function reason(r: MapResult): string {
  return r.ok ? 'ok' : r.reason;
}

describe('checkJsonDepth', () => {
  it.each([
    ['1', 0, true],
    ['[]', 1, true],
    ['[[1]]', 1, false],
    ['[[1]]', 2, true],
    ['{"a":{"b":[1]}}', 3, true],
    ['{"a":{"b":[1]}}', 2, false],
    ['[1],[2],[3]', 1, true],
  ])('%s within %i → %s', (text, max, expected) => {
    expect(checkJsonDepth(text, max)).toBe(expected);
  });

  it('ignores brackets inside strings, including after escaped quotes', () => {
    expect(checkJsonDepth('["[[[[", "\\"[[[[", "\\\\"]', 1)).toBe(true);
    expect(checkJsonDepth('["\\\\", [[1]]]', 2)).toBe(false);
  });

  it('defaults to 64 levels', () => {
    expect(checkJsonDepth(`${'['.repeat(64)}${']'.repeat(64)}`)).toBe(true);
    expect(checkJsonDepth(`${'['.repeat(65)}${']'.repeat(65)}`)).toBe(false);
  });

  it('agrees with the real depth of generated JSON (property)', () => {
    const depth = (v: unknown): number =>
      Array.isArray(v) ? 1 + Math.max(0, ...v.map(depth)) : typeof v === 'object' && v !== null ? 1 + Math.max(0, ...Object.values(v).map(depth)) : 0;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 0, max: 8 }), (value, max) => {
        expect(checkJsonDepth(JSON.stringify(value), max)).toBe(depth(value) <= max);
      }),
      { numRuns: 200 },
    );
  });
});

describe('parseGeoJsonText', () => {
  it('refuses deeper input before parsing it', () => {
    const r = parseGeoJsonText(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(r).toEqual({ ok: false, message: 'This JSON nests more than 64 levels deep, which no GeoJSON of points needs; it was not read.' });
  });

  it('reports invalid JSON', () => {
    const r = parseGeoJsonText('{"type": "FeatureCollection", ');
    expect(!r.ok && r.message).toMatch(/^This file is not valid JSON/);
  });

  it('reports JSON that is not GeoJSON', () => {
    const r = parseGeoJsonText('{"type": "Topology"}');
    expect(!r.ok && r.message).toContain('"Topology"');
  });

  it('reads a FeatureCollection after a byte-order mark', () => {
    const r = parseGeoJsonText('\uFEFF{"type":"FeatureCollection","features":[{"type":"Feature"}]}');
    expect(r).toEqual({ ok: true, features: [{ type: 'Feature' }] });
  });
});

describe('geoJsonFeatureToIncident', () => {
  it('maps flat foreign properties and keeps the rest in extra', () => {
    const i = ok(
      geoJsonFeatureToIncident(
        {
          type: 'Feature',
          id: 17,
          geometry: { type: 'Point', coordinates: [95.40087, 22.67697, 120] },
          properties: {
            category: 'Helicopter attack',
            date: '2022-09-16',
            title: 'Helicopter fire on a school',
            place: 'Let Yet Kone village',
            admin1: 'Sagaing',
            township: 'Tabayin',
            precision: 'village',
            fatalities: 13,
            source: 'Radio Free Asia',
            url: 'https://www.rfa.org/english/',
            notes: 'A note.',
            reporter: 'desk A',
            tags: ['school'],
          },
        },
        1,
        ctx,
      ),
    );
    expect(i).toStrictEqual({
      id: 'ds1:17',
      category: 'helicopter_attack',
      title: 'Helicopter fire on a school',
      date: { precision: 'day', start: '2022-09-16', end: '2022-09-16' },
      place: { name: 'Let Yet Kone village', admin1: 'Sagaing', township: 'Tabayin' },
      lon: 95.40087,
      lat: 22.67697,
      precision: 'village',
      weapons: [],
      killed: [{ low: 13, high: 13, qualifier: 'exact', text: '13', source: 'points.geojson' }],
      displaced: [],
      summary: 'A note.',
      sources: [
        { publisher: 'points.geojson', title: 'points.geojson, feature 17', date: null, url: 'https://www.rfa.org/english/', secondary: false, note: 'Source named in the file: Radio Free Asia' },
      ],
      verification: { status: 'imported', text: 'Imported from "points.geojson".' },
      dataset: 'ds1',
      extra: { reporter: 'desk A', tags: '["school"]' },
    });
  });

  it('assumes township precision when none is stated, and says so', () => {
    const i = ok(geoJsonFeatureToIncident(point({ id: 'a', date: '2022-01-07' }), 1, ctx));
    expect(i.precision).toBe('township');
    expect(i.verification.text).toContain('states no location precision; shown as township level');
  });

  it('expands week and month precision from a single date', () => {
    expect(ok(geoJsonFeatureToIncident(point({ date_start: '2022-01-07', date_precision: 'week' }), 1, ctx)).date).toEqual({ precision: 'week', start: '2022-01-03', end: '2022-01-09' });
    expect(ok(geoJsonFeatureToIncident(point({ event_date: '7 January 2022', date_precision: 'month' }), 1, ctx)).date).toEqual({ precision: 'month', start: '2022-01-01', end: '2022-01-31' });
  });

  it('uses start and end dates as a range', () => {
    expect(ok(geoJsonFeatureToIncident(point({ date_start: '2022-03-30', date_end: '2022-04-10' }), 1, ctx)).date).toEqual({ precision: 'range', start: '2022-03-30', end: '2022-04-10' });
  });

  it('keeps an unknown category as other, with the original text in extra', () => {
    const i = ok(geoJsonFeatureToIncident(point({ date: '2022-01-07', category: 'bombardment' }), 1, ctx));
    expect([i.category, i.extra?.category]).toEqual(['other', 'bombardment']);
  });

  it('drops a non-http link', () => {
    expect(ok(geoJsonFeatureToIncident(point({ date: '2022-01-07', url: 'javascript:alert(1)' }), 1, ctx)).sources[0]?.url).toBeNull();
  });

  it('numbers features without an id', () => {
    expect(ok(geoJsonFeatureToIncident(point({ date: '2022-01-07' }), 4, ctx)).id).toBe('ds1:feature-4');
  });

  it.each([
    ['a bare geometry', { type: 'Point', coordinates: [1, 2] }, 'invalid_field'],
    ['a null geometry', { type: 'Feature', geometry: null, properties: { date: '2022-01-07' } }, 'no_coordinates'],
    ['a LineString', { type: 'Feature', geometry: { type: 'LineString', coordinates: [[1, 2], [3, 4]] }, properties: {} }, 'unsupported_geometry'],
    ['a MultiPoint', { type: 'Feature', geometry: { type: 'MultiPoint', coordinates: [[1, 2]] }, properties: {} }, 'unsupported_geometry'],
    ['string coordinates', point({ date: '2022-01-07' }, ['97.2', '19.6']), 'no_coordinates'],
    ['[lat, lon]', point({ date: '2022-01-07' }, [19.6742, 97.2094]), 'swapped_coordinates'],
    ['no date', point({}), 'unparseable_date'],
    ['a slashed date', point({ date: '07/01/2022' }), 'unparseable_date'],
    ['end before start', point({ date_start: '2022-01-07', date_end: '2022-01-06' }), 'unparseable_date'],
    ['an unknown precision', point({ date: '2022-01-07', precision: 'nearby' }), 'invalid_field'],
    ['fractional fatalities', point({ date: '2022-01-07', fatalities: 2.5 }), 'invalid_field'],
    ['malformed sources', point({ date: '2022-01-07', sources: [{ publisher: 1 }] }), 'invalid_field'],
    ['a nested extra', point({ date: '2022-01-07', extra: { a: { b: 1 } } }), 'invalid_field'],
    ['a bad structured date', point({ date: { precision: 'day', start: '2022-01-07', end: '2022-01-06' } }), 'unparseable_date'],
  ])('rejects %s', (_name, feature, expected) => {
    expect(reason(geoJsonFeatureToIncident(feature, 1, ctx))).toBe(expected);
  });
});

describe('featureToRaw', () => {
  it('flattens geometry and properties to text', () => {
    expect(featureToRaw(point({ id: 'x', n: 3, list: [1] }))).toEqual({ geometry_type: 'Point', longitude: '97.2094', latitude: '19.6742', id: 'x', n: '3', list: '[1]' });
  });

  it('leaves coordinates blank for other geometries', () => {
    expect(featureToRaw({ type: 'Feature', geometry: { type: 'LineString', coordinates: [[1, 2]] }, properties: null })).toEqual({ geometry_type: 'LineString', longitude: '', latitude: '' });
  });

  it('keeps a non-object as one cell', () => {
    expect(featureToRaw(42)).toEqual({ feature: '42' });
  });
});

describe('validate helpers', () => {
  it.each([
    ['https://example.org/a', 'https://example.org/a'],
    ['HTTP://example.org', 'HTTP://example.org'],
    ['javascript:alert(1)', null],
    ['data:text/html,x', null],
    ['//example.org', null],
    [42, null],
    ['  https://example.org/b ', 'https://example.org/b'],
    ['https://', null],
  ])('safeHttpUrl(%j) → %j', (url, expected) => {
    expect(safeHttpUrl(url)).toBe(expected);
  });

  it('rebuilds a source from known fields only', () => {
    expect(readSource({ publisher: 'P', title: 'T', date: '2022-01-01', url: 'https://x.org', secondary: true, via: 'V', evil: '<x>' })).toStrictEqual({
      publisher: 'P',
      title: 'T',
      date: '2022-01-01',
      url: 'https://x.org',
      secondary: true,
      via: 'V',
    });
  });

  it('refuses a source with a bad date', () => {
    expect(readSource({ publisher: 'P', title: 'T', date: '2022-02-30' })).toBeNull();
  });
});
