import { describe, expect, test } from 'vitest';
import { LngLat, MercatorCoordinate } from 'maplibre-gl';
import { getRoundNum, scaleBar } from '../../src/lib/export/scale-bar.ts';
import { metresPerPixel } from '../../src/lib/geo/web-mercator.ts';

const NBSP = '\u00a0';
const CIRCUMFERENCE = 2 * Math.PI * 6371008.8;

describe('metresPerPixel', () => {
  test('at the equator, zoom 0, is the circumference over 512 px', () => {
    expect(metresPerPixel(0, 0)).toBeCloseTo(CIRCUMFERENCE / 512, 6);
  });

  test('Sagaing (22° N) at zoom 7 is about 566 m per pixel', () => {
    // 40,030,173.59 · cos 22° / (512 · 2^7) = 37,115,350 / 65,536
    expect(metresPerPixel(22, 7)).toBeCloseTo(566.336, 3);
  });

  test('halves with each zoom level and honours the tile size', () => {
    expect(metresPerPixel(22, 8)).toBeCloseTo(metresPerPixel(22, 7) / 2, 9);
    expect(metresPerPixel(22, 7, 256)).toBeCloseTo(metresPerPixel(22, 7) * 2, 9);
  });
});

describe('getRoundNum (MapLibre ScaleControl)', () => {
  test.each([
    [56.63, 50],
    [7818.5, 5000],
    [1.76, 1],
    [442.4, 300],
    [29.9, 20],
    [10, 10],
    [0.932, 0.9],
    [0.0473, 0.05],
  ])('%d -> %d', (input, expected) => {
    expect(getRoundNum(input)).toBe(expected);
  });
});

describe('scaleBar', () => {
  test('Sagaing (22° N) at zoom 7: 50 km over ~88 px', () => {
    // 100 px ≈ 56.63 km -> 50 km, 100 · 50 / 56.63 ≈ 88.29 px
    const bar = scaleBar(22, 7);
    expect(bar.label).toBe(`50${NBSP}km`);
    expect(bar.metres).toBeCloseTo(50_000, 6);
    expect(bar.widthPx).toBeCloseTo(88.29, 1);
  });

  test('Tabayin (22.7° N) at zoom 12: 1 km over ~57 px', () => {
    // 40,030,173.59 · cos 22.7° / (512 · 4096) = 17.609 m/px; 100 px ≈ 1.761 km -> 1 km
    const bar = scaleBar(22.7, 12);
    expect(bar.label).toBe(`1${NBSP}km`);
    expect(bar.widthPx).toBeCloseTo(100 / 1.7609, 1);
  });

  test('zoom 14 at 22° N switches to metres: 300 m', () => {
    // 4.4244 m/px · 100 px = 442.4 m -> 300 m over 67.8 px
    const bar = scaleBar(22, 14);
    expect(bar.label).toBe(`300${NBSP}m`);
    expect(bar.widthPx).toBeCloseTo(67.81, 1);
  });

  test('the equator at zoom 0 with the default 100 px', () => {
    // 70.3125° of longitude ≈ 7818.5 km -> 5000 km over 63.95 px
    const bar = scaleBar(0, 0);
    expect(bar.label).toBe(`5000${NBSP}km`);
    expect(bar.widthPx).toBeCloseTo(63.95, 1);
  });

  test('below one metre it uses decimal round numbers', () => {
    expect(scaleBar(60, 22).label).toBe(`0.9${NBSP}m`);
  });

  test('a wider maximum gives a longer bar', () => {
    // 150 px at Sagaing zoom 7 ≈ 84.9 km -> 50 km over 88.3 px (same bar, the cap is not reached)
    expect(scaleBar(22, 7, 150).label).toBe(`50${NBSP}km`);
    // 200 px ≈ 113.3 km -> 100 km
    expect(scaleBar(22, 7, 200).label).toBe(`100${NBSP}km`);
  });

  test('imperial and nautical units', () => {
    // 56.63 km = 35.19 mi -> 30 mi; = 30.58 nm -> 30 nm
    expect(scaleBar(22, 7, 100, 'imperial').label).toBe(`30${NBSP}mi`);
    expect(scaleBar(22, 7, 100, 'nautical').label).toBe(`30${NBSP}nm`);
    // 442.4 m = 1451 ft -> 1000 ft
    expect(scaleBar(22, 14, 100, 'imperial').label).toBe(`1000${NBSP}ft`);
  });

  test('the bar never exceeds the maximum width', () => {
    for (const zoom of [3, 5.5, 7.25, 9, 11.7, 15]) {
      for (const lat of [10, 16.5, 22, 27]) {
        expect(scaleBar(lat, zoom).widthPx).toBeLessThanOrEqual(100);
      }
    }
  });

  test('bearing barely changes the measured length', () => {
    const north = scaleBar(22, 7);
    const turned = scaleBar(22, 7, 100, 'metric', 45);
    expect(turned.label).toBe(north.label);
    expect(Math.abs(turned.widthPx - north.widthPx)).toBeLessThan(0.05);
  });

  test("matches MapLibre's own unproject + distanceTo on a north-up map", () => {
    // What updateScale does: two points 50 px either side of the centre, measured with LngLat.distanceTo.
    for (const [lat, zoom] of [[22, 7], [18.9, 9.3], [25, 5]] as const) {
      const worldSize = 512 * 2 ** zoom;
      const centre = MercatorCoordinate.fromLngLat([96, lat]);
      const left = new MercatorCoordinate(centre.x - 50 / worldSize, centre.y).toLngLat();
      const right = new MercatorCoordinate(centre.x + 50 / worldSize, centre.y).toLngLat();
      const maxKm = new LngLat(left.lng, left.lat).distanceTo(new LngLat(right.lng, right.lat)) / 1000;
      const bar = scaleBar(lat, zoom);
      expect(bar.distance).toBe(getRoundNum(maxKm));
      expect(bar.widthPx).toBeCloseTo((100 * bar.distance) / maxKm, 6);
    }
  });
});
