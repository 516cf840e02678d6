import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatHash, formatView, parseHash, parseView } from '../../src/lib/state/url-hash.ts';
import type { CameraView as MapView } from '../../src/lib/domain/view.ts';

const view = (zoom: number, lat: number, lon: number, bearing = 0, pitch = 0): MapView => ({ zoom, lat, lon, bearing, pitch });

describe('formatView', () => {
  const cases: readonly [string, MapView, string][] = [
    ['plain view, no bearing or pitch', view(7.2, 22.65, 95.18), '7.2/22.65/95.18'],
    ['pitch forces a zero bearing before it', view(7.2, 22.65, 95.18, 0, 30), '7.2/22.65/95.18/0/30'],
    ['bearing alone, no trailing pitch', view(7.2, 22.65, 95.18, -30), '7.2/22.65/95.18/-30'],
    ['bearing normalised into (-180, 180]', view(7.2, 22.65, 95.18, 190, 10), '7.2/22.65/95.18/-170/10'],
    ['a full turn is no bearing', view(7.2, 22.65, 95.18, 360), '7.2/22.65/95.18'],
    ['few decimals when zoomed out', view(3, 22.123456, 95.987654), '3/22.1235/95.9877'],
    ['six decimals at street level', view(15, 22.123456789, 95.987654321), '15/22.123457/95.987654'],
    ['zoom kept to two decimals', view(7.256, 22.65, 95.18), '7.26/22.65/95.18'],
    ['trailing zeros trimmed', view(6, 20, 96.5), '6/20/96.5'],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(formatView(input)).toBe(expected);
  });
});

describe('parseView', () => {
  const cases: readonly [string, string, MapView | null][] = [
    ['zoom/lat/lon', '7.2/22.65/95.18', view(7.2, 22.65, 95.18)],
    ['with bearing and pitch', '7.2/22.65/95.18/-30/45', view(7.2, 22.65, 95.18, -30, 45)],
    ['bearing wrapped', '7.2/22.65/95.18/370', view(7.2, 22.65, 95.18, 10)],
    ['too few parts', '7.2/22.65', null],
    ['too many parts', '7/1/2/3/4/5', null],
    ['not a number', 'abc/1/2', null],
    ['exponent notation', '7/1e1/2', null],
    ['zoom out of range', '30/1/1', null],
    ['latitude out of range', '7/100/1', null],
    ['longitude out of range', '7/1/181', null],
    ['pitch out of range', '7/1/1/0/90', null],
    ['empty string', '', null],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(parseView(input)).toEqual(expected);
  });
});

describe('parseHash', () => {
  const cases: readonly [string, string, MapView | null, [string, string][]][] = [
    ['view only', '#7.2/22.65/95.18', view(7.2, 22.65, 95.18), []],
    ['without the leading #', '7.2/22.65/95.18', view(7.2, 22.65, 95.18), []],
    ['view and parameters, sorted by key', '#7/1/2&x=1&cat=air_strike,shelling', view(7, 1, 2), [['cat', 'air_strike,shelling'], ['x', '1']]],
    ['parameters without a view', '#x=1&y=2', null, [['x', '1'], ['y', '2']]],
    ['a bad view keeps the parameters', '#7/100/1&x=1', null, [['x', '1']]],
    ['a malformed escape drops only its parameter', '#7/1/2&bad=%E0%A4%A&ok=1', view(7, 1, 2), [['ok', '1']]],
    ['escapes decoded', '#7/1/2&adm=Nay%20Pyi%20Taw', view(7, 1, 2), [['adm', 'Nay Pyi Taw']]],
    ['a key without a value', '#7/1/2&flag', view(7, 1, 2), [['flag', '']]],
    ['empty pairs skipped', '#&&', null, []],
    ['empty hash', '', null, []],
    ['only #', '#', null, []],
  ];
  it.each(cases)('%s', (_name, input, expectedView, expectedParams) => {
    const state = parseHash(input);
    expect({ view: state.view, params: [...state.params] }).toEqual({ view: expectedView, params: expectedParams });
  });
});

describe('formatHash', () => {
  const cases: readonly [string, MapView | null, [string, string][], string][] = [
    ['view first, then parameters in sorted order', view(7.2, 22.65, 95.18), [['z', '1'], ['cat', 'air_strike'], ['from', '2022-01-01']], '#7.2/22.65/95.18&cat=air_strike&from=2022-01-01&z=1'],
    ['commas, colons and slashes stay readable', null, [['a', 'x y,z:w/q']], '#a=x%20y,z:w/q'],
    ['empty values dropped', view(7, 1, 2), [['e', ''], ['k', 'v']], '#7/1/2&k=v'],
    ['nothing at all is an empty string', null, [], ''],
    ['ampersand and equals in a value escaped', null, [['t', 'a&b=c']], '#t=a%26b%3Dc'],
  ];
  it.each(cases)('%s', (_name, v, params, expected) => {
    expect(formatHash({ view: v, params: new Map(params) })).toBe(expected);
  });
});

describe('round trip', () => {
  it('a formatted hash parses back to the same hash', () => {
    const key = fc.stringMatching(/^[a-z]{1,6}$/);
    const value = fc.string({ minLength: 1, maxLength: 12 });
    // Coordinates that round to zero from below are the known "-0" case, tested on its own below.
    const coord = (max: number) => fc.double({ min: -max, max, noNaN: true }).filter((x) => x >= 0 || x < -0.01);
    const mapView = fc.record({
      zoom: fc.double({ min: 0, max: 24, noNaN: true }),
      lat: coord(85),
      lon: coord(180),
      // Bearings that round to -180 are the known "-180" case, tested on their own below.
      bearing: fc.double({ min: -179.9, max: 180, noNaN: true }),
      pitch: fc.double({ min: 0, max: 85, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.option(mapView, { nil: null }), fc.dictionary(key, value), (v, dict) => {
        const once = formatHash({ view: v, params: new Map(Object.entries(dict)) });
        expect(formatHash(parseHash(once))).toBe(once);
      }),
      { numRuns: 300 },
    );
  });

  // Known codec bug: trim() keeps the sign of a value that rounds to zero, so the link reads
  // "-0" and formats as "0" the second time. Remove `.fails` when url-hash.ts is fixed.
  it('a longitude that rounds to zero from below formats as 0, not -0', () => {
    expect(formatView(view(5, 20, -0.0000001))).toBe('5/20/0');
  });

  // Known codec bug: a bearing is normalised before it is rounded, so -179.96 reads "-180"
  // and formats as "180" the second time. Remove `.fails` when url-hash.ts is fixed.
  it('a bearing that rounds to -180 formats as 180', () => {
    expect(formatView(view(5, 20, 96, -179.96))).toBe('5/20/96/180');
  });

  it('the permalink example survives parse and format unchanged', () => {
    const link = '#7.2/22.65/95.18&cat=air_strike,helicopter_attack&from=2022-01-01&sel=E04&to=2022-03-31';
    expect(formatHash(parseHash(link))).toBe(link);
  });
});

