/**
 * The locator inset's geometry (issue #11), fixture-driven as Turf's tests are: every file in
 * `tests/fixtures/locator-extent/in/` (a country box, an inset box and the exported extent's
 * corners) goes through `insetProjection` and `extentInInset`, and the result is compared with the
 * golden file of the same name in `out/`. `REGEN=1` rewrites the goldens; the git diff is the review.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { LocatorGeography } from '../../src/lib/domain/snapshot-port.ts';
import type { Box } from '../../src/lib/export/legend-layout.ts';
import {
  countryBounds,
  extentInInset,
  insetAspect,
  insetProjection,
  locatorWanted,
  type MercatorBounds,
} from '../../src/lib/export/locator-inset.ts';
import { mercatorXFromLng, mercatorYFromLat } from '../../src/lib/geo/web-mercator.ts';

const DIR = join(import.meta.dirname, '../fixtures/locator-extent');
const REGEN = process.env['REGEN'] === '1';

interface ExtentCase {
  readonly note: string;
  /** [west, south, east, north] of the country, degrees. */
  readonly countryBbox: readonly [number, number, number, number];
  readonly box: Box;
  readonly extent: readonly (readonly [number, number])[];
}

interface ExtentOut {
  /** Whether the export gets an inset at all. */
  readonly wanted: boolean;
  /** The extent's corners in the inset, CSS pixels, 6 decimals. */
  readonly quad: readonly (readonly [number, number])[];
}

function mercatorOf([w, s, e, n]: readonly [number, number, number, number]): MercatorBounds {
  return [mercatorXFromLng(w), mercatorYFromLat(n), mercatorXFromLng(e), mercatorYFromLat(s)];
}

const round6 = (n: number): number => Math.round(n * 1e6) / 1e6;

function run(c: ExtentCase): ExtentOut {
  const bounds = mercatorOf(c.countryBbox);
  const quad = extentInInset(c.extent, insetProjection(bounds, c.box)).map(([x, y]) => [round6(x), round6(y)] as const);
  return { wanted: locatorWanted(c.extent, bounds), quad };
}

describe('extentInInset (fixtures)', () => {
  const names = readdirSync(join(DIR, 'in')).filter((f) => f.endsWith('.json'));
  test('there are fixtures', () => {
    expect(names.length).toBeGreaterThanOrEqual(5);
  });
  test.each(names)('%s', (name) => {
    const input = JSON.parse(readFileSync(join(DIR, 'in', name), 'utf8')) as ExtentCase;
    const out = run(input);
    const goldenPath = join(DIR, 'out', name);
    if (REGEN) writeFileSync(goldenPath, `${JSON.stringify(out, null, 2)}\n`);
    expect(out).toEqual(JSON.parse(readFileSync(goldenPath, 'utf8')) as ExtentOut);
  });
});

/** Myanmar's box, as the shipped countries file gives it. */
const MYANMAR: readonly [number, number, number, number] = [92.1735, 9.7909, 101.1736, 28.5392];
// As wide as the inset makes it for Myanmar (aspect 0.62), so the height sets the scale.
const BOX: Box = { x: 10, y: 50, width: 124, height: 200 };

describe('insetProjection', () => {
  test('centres the country in the box, with a margin on its longer side', () => {
    const project = insetProjection(mercatorOf(MYANMAR), BOX);
    const [x0, y0] = project([MYANMAR[0], MYANMAR[3]]);
    const [x1, y1] = project([MYANMAR[2], MYANMAR[1]]);
    expect((x0 + x1) / 2).toBeCloseTo(BOX.x + BOX.width / 2, 9);
    expect((y0 + y1) / 2).toBeCloseTo(BOX.y + BOX.height / 2, 9);
    // Tall country: its height is the box's less 6 % above and below.
    expect(y1 - y0).toBeCloseTo(BOX.height / 1.12, 9);
    expect(x0).toBeGreaterThan(BOX.x);
    expect(x1).toBeLessThan(BOX.x + BOX.width);
  });

  test('is Web Mercator: equal steps in latitude get longer towards the north', () => {
    const project = insetProjection(mercatorOf(MYANMAR), BOX);
    const south = project([96, 10])[1] - project([96, 15])[1];
    const north = project([96, 23])[1] - project([96, 28])[1];
    expect(north).toBeGreaterThan(south * 1.05);
  });

  test('keeps the box narrow for a tall country but never thinner than its minimum', () => {
    expect(insetAspect(mercatorOf(MYANMAR))).toBeCloseTo(0.62, 9);
    expect(insetAspect(mercatorOf([0, 0, 10, 2]))).toBeGreaterThan(3);
  });
});

describe('locatorWanted', () => {
  const square = (w: number, s: number, e: number, n: number): [number, number][] => [[w, n], [e, n], [e, s], [w, s]];
  test('a state-sized extent gets an inset; the whole country does not', () => {
    const bounds = mercatorOf(MYANMAR);
    expect(locatorWanted(square(94, 21.5, 97, 27), bounds)).toBe(true);
    expect(locatorWanted(square(91, 9, 102, 29), bounds)).toBe(false);
    // Half the country is the limit.
    expect(locatorWanted(square(92, 9, 102, 21), bounds)).toBe(false);
  });

  test('a broken extent gets none', () => {
    expect(locatorWanted([[Number.NaN, 1], [2, 2], [3, 3], [4, 4]], mercatorOf(MYANMAR))).toBe(false);
    expect(locatorWanted([], mercatorOf(MYANMAR))).toBe(false);
  });
});

describe('countryBounds', () => {
  test('is the box of the country’s outer rings in Web Mercator', () => {
    const geo: LocatorGeography = {
      country: [[[[92, 10], [101, 10], [101, 28], [92, 28], [92, 10]], [[95, 15], [96, 15], [96, 16], [95, 15]]]],
      admin1: [],
      neighbours: [[[[80, 0], [120, 0], [120, 40], [80, 0]]]],
    };
    expect(countryBounds(geo)).toEqual(mercatorOf([92, 10, 101, 28]));
  });

  test('refuses a geography without a country', () => {
    expect(() => countryBounds({ country: [], admin1: [], neighbours: [] })).toThrow(RangeError);
  });
});
