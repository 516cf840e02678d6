import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { CATEGORIES, categoryDef } from '../../src/lib/domain/categories.ts';
import { FOCUS_AREAS } from '../../src/lib/domain/areas.ts';
import { LAYER } from '../../src/lib/map/ids.ts';
import { readPngTextChunks, type PngTextChunk } from '../../src/lib/export/png-text-chunks.ts';
import { scaleBar } from '../../src/lib/export/scale-bar.ts';
import { METADATA_KEYWORD, type SnapshotMetadata } from '../../src/lib/export/snapshot-facts.ts';
import { LOCATOR_EXTENT, PANEL_FILL } from '../../src/lib/export/compose.ts';
import { countryBounds, insetProjection } from '../../src/lib/export/locator-inset.ts';
import { shippedLocatorGeography } from '../fixtures/export/locator-geography.ts';
import { baseURL, gotoApp, waitForIdle, type PageProblems, useRecordedPages } from './harness.ts';

type Handle = {
  map: import('maplibre-gl').Map;
  app: { visible: readonly { id: string; category: string; lon: number; lat: number }[]; setFilter: (f: unknown) => void; filter: unknown };
};

const pages = useRecordedPages();
let page: Page;
let problems: PageProblems;

/**
 * Northern Kayin and Kayah: several categories, two focus areas, and incidents outside the view.
 * Curated incidents only: the built-in UCDP record tints most Kayah townships (its township-precision
 * events), which would hide the focus fills these tests measure.
 */
const KAYAH_VIEW = '#8.2/18.95/97.25&ds=curated';
/** Tabayin Township in Sagaing Region, as in the README's example export (issue #12's complaint). */
const TABAYIN_VIEW = '#9.3/22.66/95.33';

async function freshPage(hash: string, query = ''): Promise<void> {
  ({ page, problems } = await pages.open({ viewport: { width: 1200, height: 800 }, acceptDownloads: true }));
  if (query) {
    await page.goto(`${baseURL()}?handle&${query}${hash}`);
    await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 60_000 });
  } else await gotoApp(page, hash);
  await page.waitForFunction(() => (window as unknown as { conflictMap: Handle }).conflictMap.app.visible.length > 0);
  await waitForIdle(page);
}

interface Exported {
  readonly png: PNG;
  readonly bytes: Buffer;
  readonly fileName: string;
  readonly chunks: PngTextChunk[];
  readonly meta: SnapshotMetadata | null;
}

type SizeChoice = 'view' | 'wide' | 'a4';
const SIZE_LABEL: Record<SizeChoice, RegExp> = { view: /^Current view/, wide: /^1600 × 1000$/, a4: /^A4 landscape/ };

function dialog() {
  return page.getByRole('dialog', { name: 'Export snapshot' });
}

async function openDialog(): Promise<void> {
  if (!(await dialog().isVisible())) await page.getByRole('button', { name: 'Export snapshot' }).click();
  await dialog().waitFor();
}

async function choose(size: SizeChoice, ratio: number, metadata = true): Promise<void> {
  await openDialog();
  await dialog().getByRole('radio', { name: SIZE_LABEL[size] }).check();
  await dialog().getByRole('radio', { name: `${ratio}×`, exact: true }).check();
  await dialog().getByRole('checkbox', { name: /Include metadata/ }).setChecked(metadata);
}

async function exportPng(size: SizeChoice, ratio: number, metadata = true): Promise<Exported> {
  await choose(size, ratio, metadata);
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 90_000 }),
    dialog().getByRole('button', { name: 'Export PNG' }).click(),
  ]);
  const bytes = await readFile(await download.path());
  await expect(dialog().getByRole('status').innerText()).resolves.toMatch(/^Saved /);
  const chunks = readPngTextChunks(new Uint8Array(bytes));
  const json = chunks.find((c) => c.keyword === METADATA_KEYWORD);
  return {
    png: PNG.sync.read(bytes),
    bytes,
    fileName: download.suggestedFilename(),
    chunks,
    meta: json ? (JSON.parse(json.text) as SnapshotMetadata) : null,
  };
}

async function mapSize(): Promise<{ width: number; height: number }> {
  return page.evaluate(() => {
    const el = document.querySelector('[data-testid="map"]') as HTMLElement;
    return { width: el.clientWidth, height: el.clientHeight };
  });
}

async function liveView(): Promise<{ lon: number; lat: number; zoom: number; bearing: number; pitch: number }> {
  return page.evaluate(() => {
    const m = (window as unknown as { conflictMap: Handle }).conflictMap.map;
    const c = m.getCenter();
    return { lon: c.lng, lat: c.lat, zoom: m.getZoom(), bearing: m.getBearing(), pitch: m.getPitch() };
  });
}

function rgbOf(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

type Rect = readonly [number, number, number, number];

/** Device-pixel rectangles of the drawn overlays (title, legend, scale, north arrow, footer). */
function overlayRects(meta: SnapshotMetadata): Rect[] {
  const r = meta.size.pixelRatio;
  return Object.values(meta.layout).map(([x, y, w, h]) => [x * r, y * r, w * r, h * r] as const);
}

function inRect([x0, y0, w, h]: Rect, x: number, y: number): boolean {
  return x >= x0 - 2 && y >= y0 - 2 && x <= x0 + w + 2 && y <= y0 + h + 2;
}

/** Pixels of the map itself: not under any overlay. */
function mapPixel(png: PNG, meta: SnapshotMetadata): (x: number, y: number) => boolean {
  const rects = overlayRects(meta);
  return (x, y) => !rects.some((r) => inRect(r, x, y));
}

function countColour(png: PNG, rgb: [number, number, number], tol: number, where: (x: number, y: number) => boolean): number {
  let n = 0;
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      if (
        Math.abs((png.data[i] as number) - rgb[0]) <= tol &&
        Math.abs((png.data[i + 1] as number) - rgb[1]) <= tol &&
        Math.abs((png.data[i + 2] as number) - rgb[2]) <= tol &&
        where(x, y)
      )
        n++;
    }
  }
  return n;
}

function luminance(png: PNG, x: number, y: number): number {
  const i = (y * png.width + x) * 4;
  return 0.2126 * (png.data[i] as number) + 0.7152 * (png.data[i + 1] as number) + 0.0722 * (png.data[i + 2] as number);
}

function countInRect(png: PNG, [x0, y0, w, h]: Rect, test: (lum: number) => boolean): { hits: number; total: number } {
  let hits = 0;
  let total = 0;
  for (let y = Math.ceil(y0); y < Math.min(png.height, y0 + h); y++) {
    for (let x = Math.ceil(x0); x < Math.min(png.width, x0 + w); x++) {
      total++;
      if (test(luminance(png, x, y))) hits++;
    }
  }
  return { hits, total };
}

/** Luminance of the 1× image scaled to 2× by bilinear interpolation (pixel centres aligned). */
function bilinearUp(one: PNG): (x: number, y: number) => number {
  const at = (x: number, y: number) => luminance(one, Math.max(0, Math.min(one.width - 1, x)), Math.max(0, Math.min(one.height - 1, y)));
  return (x, y) => {
    const sx = (x + 0.5) / 2 - 0.5;
    const sy = (y + 0.5) / 2 - 0.5;
    const x0 = Math.floor(sx);
    const y0 = Math.floor(sy);
    const fx = sx - x0;
    const fy = sy - y0;
    const top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx;
    const bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx;
    return top * (1 - fy) + bottom * fy;
  };
}

/**
 * How the 2× image compares with the 1× image scaled up, over map pixels:
 * - `inBlockShare`: share of horizontal contrast that falls inside a 1× pixel's two device pixels
 *   (a pixel-repeating upscale has none there; a real 2× render has about half);
 * - `edgeRatio`: Laplacian (edge) energy of the 2× render over that of a bilinear upscale of 1×
 *   (a smooth upscale blurs edges, so a real render has clearly more);
 * - `differsShare`: share of pixels that differ clearly from the 1× with repeated pixels.
 */
function detail(two: PNG, one: PNG, isMap: (x: number, y: number) => boolean) {
  const up = bilinearUp(one);
  const lum = (x: number, y: number) => luminance(two, x, y);
  const nearest = (x: number, y: number) => luminance(one, Math.min(one.width - 1, x >> 1), Math.min(one.height - 1, y >> 1));
  const laplacian = (f: (x: number, y: number) => number, x: number, y: number) =>
    Math.abs(4 * f(x, y) - f(x - 1, y) - f(x + 1, y) - f(x, y - 1) - f(x, y + 1));
  let inBlock = 0;
  let across = 0;
  let edgesTwo = 0;
  let edgesUp = 0;
  let differs = 0;
  let n = 0;
  for (let y = 1; y + 1 < two.height; y++) {
    for (let x = 1; x + 1 < two.width; x++) {
      if (!isMap(x - 1, y) || !isMap(x + 1, y) || !isMap(x, y - 1) || !isMap(x, y + 1)) continue;
      n++;
      const d = Math.abs(lum(x + 1, y) - lum(x, y));
      if (x % 2 === 0) inBlock += d;
      else across += d;
      edgesTwo += laplacian(lum, x, y);
      edgesUp += laplacian(up, x, y);
      if (Math.abs(lum(x, y) - nearest(x, y)) > 24) differs++;
    }
  }
  return { inBlockShare: inBlock / Math.max(1, inBlock + across), edgeRatio: edgesTwo / Math.max(1, edgesUp), differsShare: differs / Math.max(1, n) };
}

/** Categories, in table order, of the visible incidents the live view shows: the legend must list exactly these. */
async function categoriesInLiveView(): Promise<string[]> {
  const inView = await page.evaluate(() => {
    const { map, app } = (window as unknown as { conflictMap: Handle }).conflictMap;
    const el = map.getContainer();
    return app.visible
      .filter((i) => {
        const p = map.project([i.lon, i.lat]);
        return p.x >= 0 && p.y >= 0 && p.x <= el.clientWidth && p.y <= el.clientHeight;
      })
      .map((i) => i.category);
  });
  return CATEGORIES.map((c) => c.id).filter((id) => inView.some((c) => categoryDef(c).id === id));
}

/**
 * Categories, in table order, of the visible incidents on the exported map (between the bands): the
 * live map's own projection, scaled about the view's centre to the export's zoom (no bearing here).
 */
async function categoriesInExport(meta: SnapshotMetadata): Promise<string[]> {
  const onMap = await page.evaluate((m) => {
    const { map, app } = (window as unknown as { conflictMap: Handle }).conflictMap;
    const el = map.getContainer();
    const k = 2 ** (m.view.zoom - map.getZoom());
    const [x0, y0, w, h] = m.mapArea;
    return app.visible
      .filter((i) => {
        const p = map.project([i.lon, i.lat]);
        const x = m.size.width / 2 + (p.x - el.clientWidth / 2) * k;
        const y = y0 + h / 2 + (p.y - el.clientHeight / 2) * k;
        return x >= x0 && x <= x0 + w && y >= y0 && y <= y0 + h;
      })
      .map((i) => i.category);
  }, meta);
  return CATEGORIES.map((c) => c.id).filter((id) => onMap.some((c) => categoryDef(c).id === id));
}

async function focusAtCentre(): Promise<string | null> {
  return page.evaluate((layer) => {
    const m = (window as unknown as { conflictMap: Handle }).conflictMap.map;
    const el = m.getContainer();
    const f = m.queryRenderedFeatures([el.clientWidth / 2, el.clientHeight / 2], { layers: [layer] })[0];
    return (f?.properties['focus'] as string | undefined) || null;
  }, LAYER.admin1Fill);
}

function utcDay(): string {
  return new Date().toISOString().slice(0, 10).replaceAll('-', '');
}

describe('snapshot export', () => {
  it('exports the view at 1× and 2×: sizes, real 2× detail, map colours, legend, title and metadata', async () => {
    await freshPage(KAYAH_VIEW);
    const css = await mapSize();
    const view = await liveView();
    const expectedCategories = await categoriesInLiveView();
    const focus = await focusAtCentre();
    expect(expectedCategories.length, 'the view shows several categories').toBeGreaterThanOrEqual(2);
    const visibleCategories = await page.evaluate(() => new Set((window as unknown as { conflictMap: Handle }).conflictMap.app.visible.map((i) => i.category)).size);
    expect(visibleCategories, 'some visible categories lie outside the view').toBeGreaterThan(expectedCategories.length - 1);

    const one = await exportPng('view', 1);
    const two = await exportPng('view', 2);
    // The export shows all of the view between its bands, so it may show a little more around it.
    const exportedCategories = await categoriesInExport(one.meta as SnapshotMetadata);
    expect(exportedCategories).toEqual(expect.arrayContaining(expectedCategories));
    expect([one.png.width, one.png.height]).toEqual([css.width, css.height]);
    expect([two.png.width, two.png.height]).toEqual([css.width * 2, css.height * 2]);
    expect(one.fileName).toBe(`conflict-map_${focus ?? 'myanmar'}_${utcDay()}.png`);

    const meta1 = one.meta as SnapshotMetadata;
    const meta2 = two.meta as SnapshotMetadata;
    expect(meta1).not.toBeNull();
    expect(meta2).not.toBeNull();

    // 2× is drawn at 2×: detail inside each 1× pixel, sharper steps, and clearly not the 1× scaled up.
    const d = detail(two.png, one.png, mapPixel(two.png, meta2));
    expect(d.inBlockShare, 'contrast inside 1× pixels').toBeGreaterThan(0.3);
    expect(d.edgeRatio, 'edge energy against a bilinear upscale of 1×').toBeGreaterThan(1.3);
    expect(d.differsShare, 'pixels that differ from the upscaled 1×').toBeGreaterThan(0.005);

    for (const { png, meta, chunks } of [one, two]) {
      const m = meta as SnapshotMetadata;
      const isMap = mapPixel(png, m);
      const scale = m.size.pixelRatio ** 2;
      // The focus areas in view are painted in their fill colours.
      for (const area of FOCUS_AREAS.filter((a) => a.id === 'kayah' || a.id === 'kayin')) {
        expect(countColour(png, rgbOf(area.fill), 3, isMap), `${area.id} fill at ${m.size.pixelRatio}×`).toBeGreaterThan(2000 * scale);
      }
      // Each listed category has its marker colour on the map, not only in the legend.
      for (const id of exportedCategories) {
        expect(countColour(png, rgbOf(categoryDef(id).color), 14, isMap), `${id} marker colour`).toBeGreaterThan(3);
      }
      // The legend lists exactly the categories inside the exported map, and is drawn.
      expect(m.legend?.categories).toEqual(exportedCategories);
      // Kayah State's displacement circle is on the map: the legend names whose figures and as of when.
      expect(m.legend?.displacement?.sources).toContain('UNHCR');
      expect(m.legend?.displacement?.asOf.length).toBeGreaterThan(0);
      for (const day of m.legend?.displacement?.asOf ?? []) expect(day).toMatch(/^2022-\d\d-\d\d$/);
      const legendBox = overlayRects(m)[Object.keys(m.layout).indexOf('legend')] as Rect;
      expect(legendBox).toBeDefined();
      const panel = countInRect(png, legendBox, (l) => l > 235);
      expect(panel.hits / panel.total, 'legend panel is light').toBeGreaterThan(0.5);
      expect(countInRect(png, legendBox, (l) => l < 110).hits, 'legend has text').toBeGreaterThan(100 * scale);
      // The title band holds dark text.
      const titleBox = overlayRects(m)[Object.keys(m.layout).indexOf('title')] as Rect;
      expect(countInRect(png, titleBox, (l) => l < 90).hits, 'title text').toBeGreaterThan(300 * scale);
      // The view and data hash are in the text chunks.
      expect(m.view.lon).toBeCloseTo(view.lon, 5);
      expect(m.view.lat).toBeCloseTo(view.lat, 5);
      // The view is fitted into the map between the title and footer bands: zoomed out just enough.
      const mapHeight = m.mapArea[3];
      expect(m.mapArea[1]).toBeGreaterThan(20);
      expect(m.view.zoom).toBeCloseTo(view.zoom + Math.log2(mapHeight / css.height), 1);
      expect(m.view.zoom).toBeLessThan(view.zoom);
      expect(m.view.bearing).toBeCloseTo(view.bearing, 1);
      expect(m.dataHash).toMatch(/^[0-9a-f]{12}$/);
      const byKey = new Map(chunks.map((c) => [c.keyword, c]));
      expect(byKey.get('View')?.text).toContain(`zoom ${m.view.zoom.toFixed(2)}`);
      expect(byKey.get('Comment')?.text).toContain(`data version ${m.dataHash}`);
      // The default title has an em dash, so it is stored as UTF-8 iTXt.
      expect(byKey.get('Title')?.text).toContain('\u2014');
      expect(byKey.get('Title')?.type).toBe('iTXt');
    }
    expect(meta2.dataHash).toBe(meta1.dataHash);
  });

  it('changes the data hash with the filter, and writes no text chunks when metadata is left out', async () => {
    await freshPage(KAYAH_VIEW);
    const before = await exportPng('view', 1);
    await page.evaluate(() => {
      const { app } = (window as unknown as { conflictMap: Handle }).conflictMap;
      app.setFilter({ ...(app.filter as object), categories: new Set(['air_strike', 'shelling']) });
    });
    await waitForIdle(page);
    const after = await exportPng('view', 1);
    expect(after.meta?.dataHash).toMatch(/^[0-9a-f]{12}$/);
    expect(after.meta?.dataHash).not.toBe(before.meta?.dataHash);
    expect(after.meta?.filtersText).toContain('only Air strike and Shelling / artillery');
    expect(after.meta?.legend?.categories).toEqual(await categoriesInExport(after.meta as SnapshotMetadata));
    expect(after.meta?.legend?.categories).toContain('air_strike');
    expect(after.meta?.legend?.categories).not.toContain('helicopter_attack');

    const bare = await exportPng('view', 1, false);
    expect(bare.chunks).toEqual([]);
    expect(bare.png.width).toBe(before.png.width);
  });

  it('fetches no data and nothing off the origin, and leaves the live map as it was, still responding', async () => {
    await freshPage(KAYAH_VIEW);
    const view = await liveView();
    const layers = await page.evaluate(() => (window as unknown as { conflictMap: Handle }).conflictMap.map.getStyle().layers.length);
    await choose('wide', 2);
    const from = problems.requests.length;
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), dialog().getByRole('button', { name: 'Export PNG' }).click()]);
    await download.path();
    // Nothing leaves the origin (the harness checks that) and no data is fetched: the hidden map
    // gets the data inline. Only the app's own font files may be read again, for its labels.
    const during = problems.requests.slice(from).filter((u) => !u.startsWith('blob:') && !u.startsWith('data:'));
    const origin = new URL(baseURL()).origin;
    expect(during.filter((u) => new URL(u).origin !== origin || !/\/assets\/[^/]+\.woff2$/.test(new URL(u).pathname))).toEqual([]);

    await page.keyboard.press('Escape');
    await expect(dialog().isVisible()).resolves.toBe(false);
    expect(await liveView()).toEqual(view);
    const after = await page.evaluate(() => ({
      layers: (window as unknown as { conflictMap: Handle }).conflictMap.map.getStyle().layers.length,
      canvases: document.querySelectorAll('canvas.maplibregl-canvas').length,
      hidden: document.querySelectorAll('[data-snapshot-map]').length,
    }));
    expect(after).toEqual({ layers, canvases: 1, hidden: 0 });
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.waitForFunction((z) => {
      const m = (window as unknown as { conflictMap: Handle }).conflictMap.map;
      return !m.isMoving() && m.getZoom() > z + 0.9;
    }, view.zoom);
    await waitForIdle(page);
  });

  it('says when the image is too large, suggests a size that fits, and the suggestion works', async () => {
    await freshPage(KAYAH_VIEW, 'maxDrawable=2048');
    await choose('wide', 2);
    await dialog().getByRole('button', { name: 'Export PNG' }).click();
    const alert = dialog().getByRole('alert');
    await expect(alert.innerText()).resolves.toMatch(/3200 × 2000 pixels; this device can draw at most 2048 × 2048/);
    const use = alert.getByRole('button', { name: 'Use 1600 × 1000 at 1.25×' });
    await use.click();
    await expect(dialog().getByRole('radio', { name: '1.25×' }).isChecked()).resolves.toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), dialog().getByRole('button', { name: 'Export PNG' }).click()]);
    const png = PNG.sync.read(await readFile(await download.path()));
    expect([png.width, png.height]).toEqual([2000, 1250]);
  });

  it('draws a scale bar that agrees with MapLibre’s ScaleControl at two latitudes and zooms', async () => {
    await freshPage(KAYAH_VIEW);
    for (const [lat, lon, zoom] of [
      [16.4, 98.3, 8.3],
      [25.3, 95.4, 6.4],
    ] as const) {
      await page.evaluate(
        ([la, lo, z]) => (window as unknown as { conflictMap: Handle }).conflictMap.map.jumpTo({ center: [lo as number, la as number], zoom: z as number }),
        [lat, lon, zoom],
      );
      await waitForIdle(page);
      const control = await page.evaluate(() => {
        const el = document.querySelector('.maplibregl-ctrl-scale') as HTMLElement;
        return { text: el.textContent ?? '', width: parseFloat(el.style.width) };
      });
      const view = await liveView();
      const expected = scaleBar(view.lat, view.zoom, 120);
      expect(control.text).toBe(expected.label);
      expect(control.width).toBeCloseTo(expected.widthPx, 1);

      const [value, unit] = control.text.split('\u00a0') as [string, string];
      const liveMetresPerPx = (Number(value) * (unit === 'km' ? 1000 : 1)) / control.width;
      const { meta } = await exportPng('view', 1);
      const scale = meta?.scale;
      expect(scale).not.toBeNull();
      // The export is zoomed out to fit the view between its bands: each pixel covers 2^Δzoom more ground.
      const exportMetresPerPx = liveMetresPerPx * 2 ** (view.zoom - (meta?.view.zoom ?? view.zoom));
      expect(Math.abs((scale?.metres ?? 0) / (scale?.widthPx ?? 1) / exportMetresPerPx - 1)).toBeLessThan(0.005);
      await page.keyboard.press('Escape');
    }
  });

  it('Tabayin: a locator inset with the view outlined where it is, and opaque legend and footer panels (issues #11, #12)', async () => {
    await freshPage(TABAYIN_VIEW);
    const centre = await liveView();
    const viewCorners = await page.evaluate(() => {
      const m = (window as unknown as { conflictMap: Handle }).conflictMap.map;
      const b = m.getBounds();
      return [[b.getWest(), b.getNorth()], [b.getEast(), b.getNorth()], [b.getEast(), b.getSouth()], [b.getWest(), b.getSouth()]] as [number, number][];
    });
    const { png, meta } = await exportPng('view', 2);
    const m = meta as SnapshotMetadata;
    const r = m.size.pixelRatio;

    // The inset is drawn in a corner, clear of every incident.
    expect(m.locator).not.toBeNull();
    const insetCss = m.layout['inset'] as readonly [number, number, number, number];
    expect(insetCss).toBeDefined();
    const [ix, iy, iw, ih] = insetCss;
    const inset: Rect = [ix * r, iy * r, iw * r, ih * r];
    // Its red outline: the pixels of that colour inside the inset, and their bounding box.
    const red = rgbOf(LOCATOR_EXTENT);
    const xs: number[] = [];
    const ys: number[] = [];
    for (let y = Math.ceil(inset[1]); y < inset[1] + inset[3]; y++) {
      for (let x = Math.ceil(inset[0]); x < inset[0] + inset[2]; x++) {
        const i = (y * png.width + x) * 4;
        if (Math.abs((png.data[i] as number) - red[0]) + Math.abs((png.data[i + 1] as number) - red[1]) + Math.abs((png.data[i + 2] as number) - red[2]) < 60) {
          xs.push(x);
          ys.push(y);
        }
      }
    }
    expect(xs.length, 'red outline pixels in the inset').toBeGreaterThan(20);
    const drawn = { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) };
    // Where the view is: its centre and corners, projected into the inset as the map projects (Web Mercator).
    const project = insetProjection(countryBounds(shippedLocatorGeography()), { x: ix, y: iy, width: iw, height: ih });
    const [cx, cy] = project([centre.lon, centre.lat]).map((v) => v * r) as [number, number];
    expect(Math.abs((drawn.x0 + drawn.x1) / 2 - cx), 'outline centred on the view (x)').toBeLessThan(2.5 * r);
    expect(Math.abs((drawn.y0 + drawn.y1) / 2 - cy), 'outline centred on the view (y)').toBeLessThan(2.5 * r);
    for (const corner of viewCorners) {
      const [x, y] = project(corner).map((v) => v * r) as [number, number];
      expect(x, 'view corner inside the outline').toBeGreaterThanOrEqual(drawn.x0 - 1.5 * r);
      expect(x).toBeLessThanOrEqual(drawn.x1 + 1.5 * r);
      expect(y).toBeGreaterThanOrEqual(drawn.y0 - 1.5 * r);
      expect(y).toBeLessThanOrEqual(drawn.y1 + 1.5 * r);
    }
    // The outline is the exported map's extent: its size matches the extent projected, within a stroke.
    const extent = m.extent.map((c) => project(c).map((v) => v * r) as [number, number]);
    expect(Math.abs(drawn.x1 - drawn.x0 - (Math.max(...extent.map((p) => p[0])) - Math.min(...extent.map((p) => p[0]))))).toBeLessThan(2.5 * r);
    expect(Math.abs(drawn.y1 - drawn.y0 - (Math.max(...extent.map((p) => p[1])) - Math.min(...extent.map((p) => p[1]))))).toBeLessThan(2.5 * r);

    // Opaque panels: inside the legend's and footer's padding every pixel is exactly the panel fill,
    // though the Sagaing Region's fill lies under them (as it does just outside the legend).
    const white = rgbOf(PANEL_FILL);
    const sagaing = rgbOf(FOCUS_AREAS.find((a) => a.id === 'sagaing')?.fill ?? '#000000');
    // Every panel has at least 5 pt (6.67 CSS px) of padding; probe a strip inside it, clear of the edge and the text.
    const strip = 4 * r;
    for (const name of ['legend', 'footer', 'title']) {
      const [x, y, , h] = (m.layout[name] as readonly [number, number, number, number]).map((v) => v * r) as [number, number, number, number];
      const x0 = Math.ceil(x + 2 * r);
      const y0 = Math.ceil(y + 2 * r);
      const y1 = Math.floor(y + h - 2 * r);
      let total = 0;
      let fill = 0;
      for (let py = y0; py < y1; py++) {
        for (let px = x0; px < x0 + strip; px++) {
          const i = (py * png.width + px) * 4;
          total++;
          if (png.data[i] === white[0] && png.data[i + 1] === white[1] && png.data[i + 2] === white[2]) fill++;
        }
      }
      expect(total, `${name}: pixels probed`).toBeGreaterThan(100);
      expect(fill, `${name}: exactly the panel fill in its padding`).toBe(total);
    }
    const [lx, ly, lw, lh] = (m.layout['legend'] as readonly [number, number, number, number]).map((v) => v * r) as [number, number, number, number];
    const margin = (px: number): boolean => (lx < png.width / 2 ? px >= 1 && px < lx - 2 * r : px > lx + lw + 2 * r && px < png.width - 1);
    const besideLegend = countColour(png, sagaing, 3, (px, py) => margin(px) && py > ly + 4 * r && py < ly + lh - 4 * r);
    expect(besideLegend, 'the Sagaing fill is what lies under the legend').toBeGreaterThan(50);
  });

  it('keeps focus inside the dialog, closes on Escape and returns focus to the Export button', async () => {
    await freshPage(KAYAH_VIEW);
    const button = page.getByRole('button', { name: 'Export snapshot' });
    await button.click();
    await expect(page.evaluate(() => document.activeElement?.closest('dialog') !== null)).resolves.toBe(true);
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press(i % 7 === 6 ? 'Shift+Tab' : 'Tab');
      await expect(page.evaluate(() => document.activeElement?.closest('dialog[open]') !== null), `after Tab ${i + 1}`).resolves.toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect(dialog().isVisible()).resolves.toBe(false);
    await expect(button.evaluate((b) => b === document.activeElement)).resolves.toBe(true);
  });
});
