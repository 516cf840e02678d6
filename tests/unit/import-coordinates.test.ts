import { describe, expect, it } from 'vitest';
import { checkCoordinates, isMyanmarCountry, parseNumberCell } from '../../src/lib/data/import/coordinates.ts';

describe('parseNumberCell', () => {
  it.each([
    ['19.5507', 19.5507],
    [' -12.5 ', -12.5],
    ['0', 0],
    ['1e2', 100],
  ])('%j → %s', (text, n) => {
    expect(parseNumberCell(text)).toBe(n);
  });

  it.each([undefined, '', '  ', 'abc', '19,5', 'NaN', 'Infinity'])('%j → null', (text) => {
    expect(parseNumberCell(text)).toBeNull();
  });
});

describe('isMyanmarCountry', () => {
  it.each([
    ['Myanmar', true],
    ['Myanmar (Burma)', true],
    ['MYANMAR', true],
    ['Thailand', false],
    [undefined, false],
  ])('%j → %s', (country, yes) => {
    expect(isMyanmarCountry(country)).toBe(yes);
  });
});

describe('checkCoordinates', () => {
  it('accepts a normal point', () => {
    expect(checkCoordinates(19.6742, 97.2094, true)).toEqual({ ok: true, lon: 97.2094, lat: 19.6742 });
  });

  it('accepts the extreme valid values', () => {
    expect(checkCoordinates(-90, 180, false).ok).toBe(true);
    expect(checkCoordinates(90, -180, false).ok).toBe(true);
  });

  it.each([
    [null, 97, 'no_coordinates'],
    [19, null, 'no_coordinates'],
    [null, null, 'no_coordinates'],
    [0, 0, 'no_coordinates'],
    [97.2094, 19.6742, 'swapped_coordinates'],
    [-91, -45, 'swapped_coordinates'],
    [-95.5, 200, 'latitude_out_of_range'],
    [95, -120, 'latitude_out_of_range'],
    [19.6, 197.2, 'longitude_out_of_range'],
    [19.6, -180.5, 'longitude_out_of_range'],
  ])('(%s, %s) → %s', (lat, lon, reason) => {
    const r = checkCoordinates(lat, lon, false);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe(reason);
  });

  it('says when a swapped point falls in Myanmar for a Myanmar row', () => {
    const r = checkCoordinates(97.2094, 19.6742, true);
    expect(!r.ok && r.message).toContain('swapped the point falls in Myanmar');
  });

  it('keeps a Myanmar row just outside the box (border events exist)', () => {
    expect(checkCoordinates(16.7, 101.5, true).ok).toBe(true);
  });

  it('quotes the original text in the no-coordinates message', () => {
    const r = checkCoordinates(null, 97, false, '19,5', '97');
    expect(!r.ok && r.message).toBe('No usable latitude (latitude "19,5", longitude "97").');
  });
});
