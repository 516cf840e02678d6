import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { readFileSync } from 'node:fs';
import { bbox, booleanPointInPolygon } from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { FOCUS_AREAS } from '../../src/lib/domain/areas.ts';
import { gotoApp, waitForIdle, type PageProblems, useRecordedPages } from './harness.ts';

type Handle = { map: import('maplibre-gl').Map };

const pages = useRecordedPages();
let page: Page;
let problems: PageProblems;

async function freshPage(hash = ''): Promise<void> {
  ({ page, problems } = await pages.open({ viewport: { width: 1200, height: 800 } }));
  await gotoApp(page, hash);
}

function hexToRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Screen pixels of the map canvas, with a helper to project lon/lat. */
async function canvasPixels(): Promise<PNG> {
  const buf = await page.locator('[data-testid="map"] canvas').screenshot();
  return PNG.sync.read(buf);
}

async function project(lon: number, lat: number): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([lo, la]) => {
      const p = (window as unknown as { conflictMap: Handle }).conflictMap.map.project([lo as number, la as number]);
      return { x: p.x, y: p.y };
    },
    [lon, lat],
  );
}

function colourNear(png: PNG, x: number, y: number, rgb: [number, number, number], radius: number, tol = 10): boolean {
  for (let dy = -radius; dy <= radius; dy++) {
    for (let dx = -radius; dx <= radius; dx++) {
      const px = Math.round(x + dx);
      const py = Math.round(y + dy);
      if (px < 0 || py < 0 || px >= png.width || py >= png.height) continue;
      const i = (py * png.width + px) * 4;
      if (
        Math.abs((png.data[i] ?? 0) - rgb[0]) <= tol &&
        Math.abs((png.data[i + 1] ?? 0) - rgb[1]) <= tol &&
        Math.abs((png.data[i + 2] ?? 0) - rgb[2]) <= tol
      )
        return true;
    }
  }
  return false;
}

describe('offline basemap', () => {
  it('becomes ready and requests nothing from another host', async () => {
    await freshPage();
    expect(await page.getAttribute('[data-testid="map"]', 'data-ready')).toBe('true');
    expect(problems.requests.length).toBeGreaterThan(3);
    expect(problems.foreignRequests).toEqual([]);
    await expect(page.locator('.maplibregl-ctrl-attrib').innerText()).resolves.toContain('Natural Earth');
  });

  it('paints each focus area in its own colour, absent from Mandalay Region', async () => {
    // Curated incidents only: the built-in UCDP record tints hundreds of townships (its
    // township-precision events), which is the point of #11 but hides the focus fill under test.
    await freshPage('#5.2/20.2/96.4&ds=curated');
    await waitForIdle(page);
    const png = await canvasPixels();
    const admin1 = JSON.parse(readFileSync('geo/data/myanmar-admin1-full.geojson', 'utf8')) as FeatureCollection<Polygon | MultiPolygon, { code: string }>;
    const polygon = (code: string) => {
      const f = admin1.features.find((x) => x.properties.code === code);
      if (!f) throw new Error(`no boundary for ${code}`);
      return f;
    };
    // Screen pixels of a grid of points inside a state or region (labels and circles cover some).
    const pixelsInside = async (code: string): Promise<{ x: number; y: number }[]> => {
      const f = polygon(code);
      const [w, s, e, n] = bbox(f);
      const pts: [number, number][] = [];
      for (let lon = w; lon <= e; lon += (e - w) / 14) for (let lat = s; lat <= n; lat += (n - s) / 14) if (booleanPointInPolygon([lon, lat], f)) pts.push([lon, lat]);
      return page.evaluate((list) => {
        const { map } = (window as unknown as { conflictMap: Handle }).conflictMap;
        return list.map(([lo, la]) => map.project([lo, la])).map((p) => ({ x: p.x, y: p.y }));
      }, pts);
    };
    const mandalay = await pixelsInside('MM-04');
    expect(mandalay.length).toBeGreaterThan(20);
    for (const area of FOCUS_AREAS) {
      const rgb = hexToRgb(area.fill);
      const inside = await pixelsInside(area.code);
      const hits = inside.filter((p) => colourNear(png, p.x, p.y, rgb, 0, 6)).length;
      // Circles, rings and labels cover parts of small areas such as Kayah; the fill must still show.
      expect(hits, `${area.id} fill inside the area (${hits} of ${inside.length} samples)`).toBeGreaterThanOrEqual(3);
      expect(mandalay.filter((p) => colourNear(png, p.x, p.y, rgb, 0, 6)), `${area.id} fill in Mandalay`).toEqual([]);
    }
  });

  it('fits each focus area so the view contains its bounding box', async () => {
    await freshPage();
    for (const area of FOCUS_AREAS) {
      await page.click(`button[data-area="${area.id}"]`);
      await page.waitForFunction(() => !(window as unknown as { conflictMap: Handle }).conflictMap.map.isMoving());
      await waitForIdle(page);
      const b = await page.evaluate(() => (window as unknown as { conflictMap: Handle }).conflictMap.map.getBounds().toArray());
      const [[w, s], [e, n]] = b as [[number, number], [number, number]];
      const [bw, bs, be, bn] = area.bbox;
      expect(w, `${area.id} west`).toBeLessThanOrEqual(bw);
      expect(s, `${area.id} south`).toBeLessThanOrEqual(bs);
      expect(e, `${area.id} east`).toBeGreaterThanOrEqual(be);
      expect(n, `${area.id} north`).toBeGreaterThanOrEqual(bn);
    }
  });

  it('opens a view from the hash, and Back after a fit returns to it', async () => {
    await freshPage('#8/19.5/97.2');
    const view = () =>
      page.evaluate(() => {
        const m = (window as unknown as { conflictMap: Handle }).conflictMap.map;
        return { zoom: m.getZoom(), lat: m.getCenter().lat, lon: m.getCenter().lng };
      });
    const v0 = await view();
    expect(Math.abs(v0.zoom - 8)).toBeLessThanOrEqual(0.01);
    expect(v0.lat).toBeCloseTo(19.5, 4);
    expect(v0.lon).toBeCloseTo(97.2, 4);
    await page.click('button[data-area="sagaing"]');
    await page.waitForFunction(() => window.location.hash !== '#8/19.5/97.2' && !(window as unknown as { conflictMap: Handle }).conflictMap.map.isMoving());
    expect((await view()).lat).toBeGreaterThan(21);
    await page.goBack();
    await page.waitForFunction(() => Math.abs((window as unknown as { conflictMap: Handle }).conflictMap.map.getZoom() - 8) < 0.01);
    const v1 = await view();
    expect(v1.lat).toBeCloseTo(19.5, 4);
    expect(v1.lon).toBeCloseTo(97.2, 4);
  });
});
