/**
 * Every incident marker visible (issue #12) and the locator inset in a free corner (issue #11):
 * which corner the legend and the inset take, and the warning when an incident lies under a panel.
 */
import { describe, expect, test } from 'vitest';
import { CATEGORIES } from '../../src/lib/domain/categories.ts';
import type { Box, LegendContent } from '../../src/lib/export/legend-layout.ts';
import {
  chooseCorner,
  cornerSpace,
  coveredCount,
  inCorner,
  INSET_ORDER,
  layoutFor,
  placeSnapshot,
  type Corner,
  type SnapshotContent,
  type SnapshotOptions,
  type SnapshotPlacement,
} from '../../src/lib/export/snapshot-layout.ts';
import { FakeCanvas } from '../fixtures/export/fake-canvas.ts';
import { shippedLocatorGeography } from '../fixtures/export/locator-geography.ts';

type Point = readonly [number, number];

/** Four 100 × 100 boxes in the corners of a 1000 × 800 map. */
const BOXES: Record<Corner, Box> = {
  'top-left': { x: 10, y: 10, width: 100, height: 100 },
  'top-right': { x: 890, y: 10, width: 100, height: 100 },
  'bottom-right': { x: 890, y: 690, width: 100, height: 100 },
  'bottom-left': { x: 10, y: 690, width: 100, height: 100 },
};
const centre = (b: Box): Point => [b.x + b.width / 2, b.y + b.height / 2];

describe('chooseCorner', () => {
  test('incidents in three corners: the fourth', () => {
    for (const free of INSET_ORDER) {
      const points = INSET_ORDER.filter((c) => c !== free).map((c) => centre(BOXES[c]));
      expect(chooseCorner(BOXES, points, INSET_ORDER), free).toBe(free);
    }
  });

  test('all four covered: the least covered', () => {
    const points: Point[] = [
      ...[0, 1, 2].map((i): Point => [20 + i * 10, 20]),
      ...[0, 1].map((i): Point => [900 + i * 10, 20]),
      [950, 750],
      ...[0, 1, 2, 3].map((i): Point => [20 + i * 10, 700]),
    ];
    expect(chooseCorner(BOXES, points, INSET_ORDER)).toBe('bottom-right');
  });

  test('a tie goes to the preferred corner', () => {
    expect(chooseCorner(BOXES, [], INSET_ORDER)).toBe(INSET_ORDER[0]);
    const everywhere = INSET_ORDER.map((c) => centre(BOXES[c]));
    expect(chooseCorner(BOXES, everywhere, ['bottom-right', 'top-left', 'top-right', 'bottom-left'])).toBe('bottom-right');
  });

  test('a marker whose centre is just outside a box still counts, as part of it is hidden', () => {
    const b = BOXES['top-left'];
    expect(coveredCount(b, [[b.x + b.width + 5, b.y + 10]])).toBe(1);
    expect(coveredCount(b, [[b.x + b.width + 40, b.y + 10]])).toBe(0);
  });
});

const LEGEND: LegendContent = {
  categories: ['air_strike', 'helicopter_attack'],
  evidence: { hollow: true, ring: true, area: false },
  displacement: null,
  focusAreas: ['sagaing'],
};

/** Tabayin's extent: small enough for an inset. */
const EXTENT: [number, number][] = [[94.46, 23.01], [96.2, 23.01], [96.2, 22.31], [94.46, 22.31]];

function place(incidents: readonly Point[], options: Partial<SnapshotOptions> = {}, width = 1600, height = 1000, legend = LEGEND): SnapshotPlacement {
  const layout = layoutFor(width, height, 2, { legend: true, scale: true, north: true, ...options });
  const content: SnapshotContent = {
    title: 'Helicopter attacks — Tabayin Township, Sagaing Region, 2022',
    view: { lat: 22.66, zoom: 9.1, bearing: 0 },
    legend,
    attribution: 'Boundaries: Natural Earth · Sources: Radio Free Asia',
    filters: 'Filters: dates 2022',
    provenance: 'Exported 2026-11-28 · data version 8d3bcc030465 · Conflict Map v0.1.0',
    incidents,
    locator: { geography: shippedLocatorGeography(), extent: EXTENT },
  };
  return placeSnapshot(new FakeCanvas(), layout, content);
}

/** The middle of where the inset would sit in a corner (legend off, so nothing else moves it). */
function insideCornerBox(corner: Corner): Point {
  const layout = layoutFor(1600, 1000, 2, { legend: false, scale: true, north: true });
  const free = place([], { legend: false });
  const inset = free.inset?.box as Box;
  return centre(inCorner(cornerSpace(layout, free.mapArea), corner, inset.width, inset.height));
}

describe('placing the inset and the legend', () => {
  test('with no incidents the inset takes the top left, the legend the bottom left', () => {
    const p = place([]);
    expect(p.inset?.corner).toBe('top-left');
    expect(p.legend?.corner).toBe('bottom-left');
    expect(p.warnings).toEqual([]);
  });

  test('incidents in three corners: the inset takes the fourth', () => {
    for (const free of INSET_ORDER) {
      const points = INSET_ORDER.filter((c) => c !== free).map((c) => insideCornerBox(c));
      const p = place(points, { legend: false });
      expect(p.inset?.corner, `free: ${free}`).toBe(free);
      expect(coveredCount(p.inset?.box as Box, points)).toBe(0);
    }
  });

  test('incidents in all four corners: the inset takes the least covered one, and the hidden incident is reported', () => {
    const points = INSET_ORDER.flatMap((c, i) => Array.from({ length: 1 + ((i + 2) % 4) }, (_, k): Point => {
      const [x, y] = insideCornerBox(c);
      return [x + k, y + k];
    }));
    // Counts by corner: top-left 3, top-right 4, bottom-right 1, bottom-left 2.
    const p = place(points, { legend: false });
    expect(p.inset?.corner).toBe('bottom-right');
    expect(p.warnings.join(' ')).toMatch(/^1 incident lies under the locator map, so its marker is hidden/);
  });

  test('the legend leaves the bottom left when incidents are there and another corner is free', () => {
    const bottomLeft = place([]).legend?.box as Box;
    const points: Point[] = [[bottomLeft.x + 20, bottomLeft.y + 20], [bottomLeft.x + bottomLeft.width - 20, bottomLeft.y + bottomLeft.height - 20]];
    const p = place(points);
    expect(p.legend?.corner).not.toBe('bottom-left');
    expect(p.inset?.corner).not.toBe(p.legend?.corner);
    expect(coveredCount(p.legend?.box as Box, points) + coveredCount(p.inset?.box as Box, points)).toBe(0);
    expect(p.warnings).toEqual([]);
  });

  test('an incident half under the title band is reported', () => {
    const top = place([]).mapArea.y;
    const p = place([[800, top + 3]]);
    expect(p.warnings).toEqual([expect.stringMatching(/^1 incident lies under the title, so its marker is hidden\./)]);
  });

  test('incidents under several panels are counted once and the panels named', () => {
    const { y, height } = place([]).mapArea;
    const p = place([[800, y + 3], [800, y + height - 2], [801, y + height - 1]]);
    expect(p.warnings).toEqual([expect.stringMatching(/^3 incidents lie under the title and footer, so their markers are hidden\./)]);
  });

  test('incidents off the image, or under a band beyond the framed view, are not counted', () => {
    expect(place([[-50, 400], [800, 2000], [800, 10], [800, 995]]).warnings).toEqual([]);
  });

  test('no inset when no corner leaves room beside the legend, with a note saying so', () => {
    // A narrow image: the full legend takes the map's width and most of its height.
    const full: LegendContent = {
      categories: CATEGORIES.map((c) => c.id),
      evidence: { hollow: true, ring: true, area: true },
      displacement: { asOf: ['2022-06-27'], sources: ['UNHCR'] },
      focusAreas: ['sagaing', 'kayah', 'kayin'],
    };
    const p = place([], {}, 500, 600, full);
    expect(p.legend).not.toBeNull();
    expect(p.inset).toBeNull();
    expect(p.warnings).toContain('The locator map is left out: there is no room for it beside the legend at this size.');
  });
});
