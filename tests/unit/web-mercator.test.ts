/** `projectInFrame`: where the export expects a point on its image before the map draws it. */
import { describe, expect, test } from 'vitest';
import { projectInFrame, TILE_SIZE } from '../../src/lib/geo/web-mercator.ts';

const FRAME = { lon: 95.33, lat: 22.66, zoom: 9, bearing: 0, widthCss: 1600, heightCss: 1000 };

describe('projectInFrame', () => {
  test('the centre is drawn in the middle of the image, or midway between the bands with padding', () => {
    expect(projectInFrame(FRAME, 95.33, 22.66)).toEqual([800, 500]);
    const [x, y] = projectInFrame({ ...FRAME, padding: { top: 100, bottom: 60 } }, 95.33, 22.66);
    expect([x, y]).toEqual([800, 100 + (1000 - 160) / 2]);
  });

  test('one degree east is 1/360 of the world to the right, north is up', () => {
    const [x] = projectInFrame(FRAME, 96.33, 22.66);
    expect(x - 800).toBeCloseTo((TILE_SIZE * 2 ** 9) / 360, 9);
    expect(projectInFrame(FRAME, 95.33, 23)[1]).toBeLessThan(500);
  });

  test('with a bearing of 90° east is up and north is to the left', () => {
    const turned = { ...FRAME, bearing: 90 };
    const [ex, ey] = projectInFrame(turned, 96.33, 22.66);
    expect(ex).toBeCloseTo(800, 9);
    expect(ey).toBeLessThan(500);
    expect(projectInFrame(turned, 95.33, 23)[0]).toBeLessThan(800);
  });
});
