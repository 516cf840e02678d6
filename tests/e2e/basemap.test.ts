import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { FOCUS_AREAS } from '../../src/lib/domain/areas.ts';
import { assertClean, gotoApp, launchChromium, openRecordedPage, waitForIdle, type PageProblems } from './harness.ts';

type Handle = { map: import('maplibre-gl').Map };

let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: PageProblems;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  assertClean(problems);
  await context?.close();
});

async function freshPage(hash = ''): Promise<void> {
  context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  ({ page, problems } = await openRecordedPage(context));
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
    await freshPage('#5.2/20.2/96.4');
    await waitForIdle(page);
    const png = await canvasPixels();
    // Points well inside each area (checked against the derived boundaries) and one inside Mandalay.
    const inside: Record<string, [number, number]> = { sagaing: [95.2, 23.6], kayah: [97.25, 19.3], kayin: [97.8, 17.2] };
    const mandalay = await project(95.9, 21.2);
    for (const area of FOCUS_AREAS) {
      const [lon, lat] = inside[area.id] as [number, number];
      const p = await project(lon, lat);
      expect(colourNear(png, p.x, p.y, hexToRgb(area.fill), 6), `${area.id} fill at its centre`).toBe(true);
      expect(colourNear(png, mandalay.x, mandalay.y, hexToRgb(area.fill), 25), `${area.id} fill in Mandalay`).toBe(false);
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
