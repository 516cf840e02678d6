/**
 * Helpers for browser tests that check what the map really draws: rendered-feature queries through
 * the `?handle` test handle, and pixel probes that compare the canvas with one layer shown and hidden.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll } from 'vitest';
import { assertClean, baseURL, launchChromium, openRecordedPage, waitForIdle, type PageProblems } from './harness.ts';

/** A rendered feature as the tests read it: its layer, properties, feature state and geometry. */
export interface Rendered {
  readonly layer: string;
  readonly properties: Record<string, unknown>;
  readonly state: Record<string, unknown>;
  readonly geometry: { readonly type: string; readonly coordinates: unknown };
}

/** Screen pixel of a map point, relative to the map canvas. */
export interface CanvasPoint {
  readonly x: number;
  readonly y: number;
}

/**
 * One browser and one recorded page for a whole `describe` (a page load takes seconds on
 * SwiftShader). The page must have stayed on the origin and logged no error when the block ends.
 */
export function useSharedPage(options: BrowserContextOptions): { page: () => Page; problems: () => PageProblems } {
  let browser: Browser | undefined;
  let page: Page | undefined;
  let problems: PageProblems | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    const context = await browser.newContext(options);
    ({ page, problems } = await openRecordedPage(context));
  });
  afterAll(async () => {
    try {
      if (problems) assertClean(problems);
    } finally {
      await browser?.close();
    }
  });
  return {
    page: () => {
      if (!page) throw new Error('useSharedPage: the page is not open yet (call page() inside a test)');
      return page;
    },
    problems: () => problems as PageProblems,
  };
}

/**
 * Opens the app (with the `?handle` test handle) at a hash and waits until its data is loaded and
 * the map idle. The wait is long: on a loaded 2-core machine the first load can take over a minute.
 */
export async function openApp(page: Page, hash: string): Promise<void> {
  await page.goto(`${baseURL()}?handle${hash}`);
  await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 180_000 });
  await page.waitForFunction(() => (window as unknown as { conflictMap: { app: { events: unknown[] } } }).conflictMap.app.events.length > 0, null, { timeout: 60_000 });
  await waitForIdle(page);
}

/** Features of these layers drawn in the view (or in a box of canvas pixels). */
export async function renderedFeatures(page: Page, layers: readonly string[], box?: readonly [CanvasPoint, CanvasPoint]): Promise<Rendered[]> {
  return page.evaluate(
    ([ls, b]) => {
      const map = (window as unknown as { conflictMap: { map: import('maplibre-gl').Map } }).conflictMap.map;
      const present = ls.filter((l) => map.getLayer(l));
      const found = b
        ? map.queryRenderedFeatures([[b[0].x, b[0].y], [b[1].x, b[1].y]], { layers: present })
        : map.queryRenderedFeatures({ layers: present });
      return found.map((f) => ({
        layer: f.layer.id,
        properties: { ...f.properties },
        state: { ...f.state },
        geometry: { type: f.geometry.type, coordinates: 'coordinates' in f.geometry ? f.geometry.coordinates : null },
      }));
    },
    [layers, box ?? null] as const,
  );
}

/** Canvas pixels of map points (lon, lat). */
export async function project(page: Page, points: readonly (readonly [number, number])[]): Promise<CanvasPoint[]> {
  return page.evaluate((pts) => {
    const map = (window as unknown as { conflictMap: { map: import('maplibre-gl').Map } }).conflictMap.map;
    return pts.map(([lon, lat]) => {
      const p = map.project([lon, lat]);
      return { x: p.x, y: p.y };
    });
  }, points);
}

/** Moves the camera at once and waits until the map is idle. */
export async function jumpTo(page: Page, lon: number, lat: number, zoom: number): Promise<void> {
  await page.evaluate(
    ([lo, la, z]) => {
      const map = (window as unknown as { conflictMap: { map: import('maplibre-gl').Map } }).conflictMap.map;
      map.jumpTo({ center: [lo as number, la as number], zoom: z as number });
    },
    [lon, lat, zoom],
  );
  await waitForIdle(page);
}

/** The map canvas as the page shows it, in CSS pixels (device scale 1) or device pixels. */
export async function canvasImage(page: Page): Promise<PNG> {
  return PNG.sync.read(await page.locator('[data-testid="map"] canvas').screenshot());
}

async function setVisible(page: Page, layer: string, visible: boolean): Promise<void> {
  await page.evaluate(
    ([l, v]) => {
      const map = (window as unknown as { conflictMap: { map: import('maplibre-gl').Map } }).conflictMap.map;
      map.setLayoutProperty(l as string, 'visibility', v ? 'visible' : 'none');
    },
    [layer, visible] as const,
  );
  await waitForIdle(page);
}

/**
 * Which of these canvas points change colour when the layer is hidden (within `radius` pixels):
 * the layer draws there. The layer is shown again afterwards.
 */
export async function pointsDrawnBy(page: Page, layer: string, points: readonly CanvasPoint[], radius = 2, minDelta = 40): Promise<boolean[]> {
  const shown = await canvasImage(page);
  await setVisible(page, layer, false);
  const hidden = await canvasImage(page);
  await setVisible(page, layer, true);
  const scale = shown.width / (await page.locator('[data-testid="map"] canvas').evaluate((c) => (c as HTMLCanvasElement).clientWidth));
  return points.map(({ x, y }) => {
    for (let dy = -radius; dy <= radius; dy++) {
      for (let dx = -radius; dx <= radius; dx++) {
        const px = Math.round((x + dx) * scale);
        const py = Math.round((y + dy) * scale);
        if (px < 0 || py < 0 || px >= shown.width || py >= shown.height) continue;
        const i = (py * shown.width + px) * 4;
        const delta = [0, 1, 2].reduce((s, k) => s + Math.abs((shown.data[i + k] as number) - (hidden.data[i + k] as number)), 0);
        if (delta >= minDelta) return true;
      }
    }
    return false;
  });
}

/** How many pixels in a box of canvas pixels change clearly when the layer is hidden. */
export async function pixelsDrawnBy(page: Page, layer: string, box: readonly [CanvasPoint, CanvasPoint], minDelta = 60): Promise<number> {
  const [a, b] = box;
  const points: CanvasPoint[] = [];
  for (let y = Math.max(0, a.y); y <= b.y; y++) for (let x = Math.max(0, a.x); x <= b.x; x++) points.push({ x, y });
  return (await pointsDrawnBy(page, layer, points, 0, minDelta)).filter(Boolean).length;
}

/** Every vertex of a (multi)polygon's rings. */
export function ringVertices(geometry: Rendered['geometry']): [number, number][] {
  const polys = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? (geometry.coordinates as unknown[]) : []) as [number, number][][][];
  return polys.flatMap((rings) => rings.flat());
}
