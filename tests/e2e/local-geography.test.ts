/**
 * Issue #11 in the browser: the local geography is drawn where it belongs, a place known only to
 * its township is drawn as that township, and "By township" counts honestly. Every check reads
 * what the map rendered (rendered-feature queries) and the pixels it drew, not the app's state
 * alone. (The export's locator inset is checked in export.test.ts, "Tabayin: a locator inset".)
 */
import { describe, expect, it } from 'vitest';
import { LAYER } from '../../src/lib/map/ids.ts';
import { classOf, countClasses } from '../../src/lib/query/by-township.ts';
import { isAreaPrecision } from '../../src/lib/domain/precision.ts';
import { waitForIdle } from './harness.ts';
import { jumpTo, openApp, pixelsDrawnBy, pointsDrawnBy, project, renderedFeatures, ringVertices, useSharedPage, type CanvasPoint } from './map-probe.ts';

const TABAYIN = 'MMR005010';
const SHWEBO = 'MMR005004';
const DEMOSO = 'MMR002002';
/** The Tabayin Let Yet Kone in MIMU's village file; the other one of that name is in Shwebo Township. */
const LET_YET_KONE_TABAYIN: [number, number] = [95.4024, 22.6768];

type Handle = {
  map: import('maplibre-gl').Map;
  app: {
    events: readonly { record: { precision: string; place: { townshipCode?: string } }; ids: readonly string[] }[];
    filter: Record<string, unknown>;
  };
};

const shared = useSharedPage({ viewport: { width: 1440, height: 900 } });

/** Canvas vertices of the rendered polygons that lie inside the view, a few pixels clear of its edges. */
async function verticesInView(geometries: Parameters<typeof ringVertices>[0][]): Promise<CanvasPoint[]> {
  const page = shared.page();
  const size = await page.evaluate(() => {
    const el = (window as unknown as { conflictMap: Handle }).conflictMap.map.getContainer();
    return { w: el.clientWidth, h: el.clientHeight };
  });
  const pts = await project(page, geometries.flatMap(ringVertices));
  return pts.filter((p) => p.x > 4 && p.y > 4 && p.x < size.w - 4 && p.y < size.h - 4);
}

function around(p: CanvasPoint, dx: number, dy: number): [CanvasPoint, CanvasPoint] {
  return [
    { x: Math.round(p.x - dx), y: Math.round(p.y - dy) },
    { x: Math.round(p.x + dx), y: Math.round(p.y + dy) },
  ];
}

describe('local geography at Tabayin and Demoso (issue #11)', () => {
  it('Tabayin at zoom 10: the township border and the name "Tabayin" are drawn', async () => {
    const page = shared.page();
    await openApp(page, '#10/22.70/95.35');

    const borders = (await renderedFeatures(page, [LAYER.townshipLine])).filter((f) => f.properties['pcode'] === TABAYIN);
    expect(borders.length, 'Tabayin’s border among the rendered township lines').toBeGreaterThan(0);
    // The border's pixels: its vertices in view change colour when the border layer is hidden. Some
    // do not: markers and labels lie over them, and tiles cut the polygon where no line is drawn.
    const vertices = await verticesInView(borders.map((f) => f.geometry));
    expect(vertices.length).toBeGreaterThan(20);
    const drawn = (await pointsDrawnBy(page, LAYER.townshipLine, vertices, 1, 24)).filter(Boolean).length;
    expect(drawn / vertices.length, `border drawn at ${drawn} of ${vertices.length} vertices`).toBeGreaterThan(0.45);

    const labels = (await renderedFeatures(page, [LAYER.townshipLabels])).filter((f) => f.properties['pcode'] === TABAYIN);
    expect(labels.map((f) => f.properties['name_en'])).toEqual(['Tabayin']);
    // The label's pixels: dark text around its label point that goes when the label layer is hidden.
    const [anchor] = await project(page, [labels[0]?.geometry.coordinates as [number, number]]);
    const text = await pixelsDrawnBy(page, LAYER.townshipLabels, around(anchor as CanvasPoint, 90, 40));
    expect(text, 'pixels of the "Tabayin" label').toBeGreaterThan(40);
  });

  it('labels the Tabayin Let Yet Kone by zoom 12, not the Shwebo village of that name', async () => {
    const page = shared.page();
    await jumpTo(page, LET_YET_KONE_TABAYIN[0], LET_YET_KONE_TABAYIN[1], 12);
    const villages = (await renderedFeatures(page, [LAYER.villageLabels])).filter((f) => String(f.properties['name_en']).startsWith('Let Yet Kone'));
    expect(villages.map((f) => [f.properties['name_en'], f.properties['ts_pcode']])).toEqual([['Let Yet Kone', TABAYIN]]);
    const [lon, lat] = villages[0]?.geometry.coordinates as [number, number];
    expect(lon).toBeCloseTo(LET_YET_KONE_TABAYIN[0], 3);
    expect(lat).toBeCloseTo(LET_YET_KONE_TABAYIN[1], 3);
    const [at] = await project(page, [LET_YET_KONE_TABAYIN]);
    expect(await pixelsDrawnBy(page, LAYER.villageLabels, around(at as CanvasPoint, 110, 30)), 'pixels of the village label').toBeGreaterThan(40);
  });

  it('opening a Demoso township-precision incident outlines the Demoso polygon', async () => {
    const page = shared.page();
    await page.keyboard.press('Escape');
    await jumpTo(page, 97.1, 19.45, 9);
    expect(await renderedFeatures(page, [LAYER.selectedTownship]), 'nothing outlined before').toEqual([]);
    // The Demoso area marker: a stack of township-precision incidents at the township's label point.
    const marker = (await renderedFeatures(page, [LAYER.incidentAreaMarkers])).find((f) => f.properties['areaCode'] === DEMOSO);
    expect(marker, 'the Demoso area marker is drawn').toBeDefined();
    const [at] = await project(page, [marker?.geometry.coordinates as [number, number]]);
    const box = await page.locator('[data-testid="map"] canvas').boundingBox();
    await page.mouse.click((box?.x ?? 0) + (at?.x ?? 0), (box?.y ?? 0) + (at?.y ?? 0));
    // A stack opens a list to choose from; one incident opens at once.
    const details = page.locator('[data-testid="details"]');
    await details.waitFor();
    const chooser = details.locator('.chooser');
    if (await chooser.isVisible()) {
      await expect(chooser.locator('h2').innerText()).resolves.toMatch(/^\d+ incidents at this place$/);
      await chooser.getByRole('button').first().click();
    }
    await details.getByText(/Place known only to Demoso Township, about 1,210 km²/).waitFor({ timeout: 30_000 });
    await waitForIdle(page);

    const outlined = await renderedFeatures(page, [LAYER.selectedTownship, LAYER.selectedDistrict, LAYER.selectedAdmin1]);
    expect(outlined.length).toBeGreaterThan(0);
    expect(new Set(outlined.map((f) => `${f.layer} ${String(f.properties['pcode'])}`))).toEqual(new Set([`${LAYER.selectedTownship} ${DEMOSO}`]));
    const vertices = await verticesInView(outlined.map((f) => f.geometry));
    expect(vertices.length).toBeGreaterThan(20);
    const drawn = (await pointsDrawnBy(page, LAYER.selectedTownship, vertices, 1)).filter(Boolean).length;
    expect(drawn / vertices.length, `outline drawn at ${drawn} of ${vertices.length} vertices`).toBeGreaterThan(0.6);
    await page.keyboard.press('Escape');
  });

  it('"By township" counts equal the visible incidents grouped by township, and says how many are known only to a district or wider', async () => {
    const page = shared.page();
    await jumpTo(page, 95.6, 22.7, 8);
    await page.getByRole('group', { name: 'The map shows' }).getByRole('button', { name: 'By township' }).click();
    const panel = page.getByTestId('by-township');
    await panel.waitFor();
    await waitForIdle(page);

    // The visible events, grouped by the township of each event's place record (its place code).
    const events = await page.evaluate(() =>
      (window as unknown as { conflictMap: Handle }).conflictMap.app.events.map((e) => ({ code: e.record.place.townshipCode ?? '', precision: e.record.precision })),
    );
    const expected = new Map<string, number>();
    let wider = 0;
    for (const e of events) {
      if (e.code) expected.set(e.code, (expected.get(e.code) ?? 0) + 1);
      else if (isAreaPrecision(e.precision as Parameters<typeof isAreaPrecision>[0])) wider++;
    }
    expect(expected.size).toBeGreaterThan(50);
    expect(wider).toBeGreaterThan(0);

    // The panel's list: every township with its count.
    await panel.locator('summary').click();
    const listed = await panel.locator('button[data-township]').evaluateAll((bs) =>
      bs.map((b) => [b.getAttribute('data-township') ?? '', Number((b.querySelector('.n')?.textContent ?? '').replace(/[^0-9]/g, ''))] as const),
    );
    expect(new Map(listed)).toEqual(expected);
    await expect(panel.getByTestId('wider-only').innerText()).resolves.toBe(`+${wider.toLocaleString('en-GB')}`);
    await expect(panel.getByTestId('by-township-summary').innerText()).resolves.toContain('known only to a district or wider');

    // The map: each township drawn in view carries the class of its count, and is painted.
    const classes = countClasses(Math.max(...expected.values()));
    const fills = await renderedFeatures(page, [LAYER.townshipChoropleth]);
    const seen = new Map(fills.map((f) => [String(f.properties['pcode']), Number(f.state['cls'] ?? 0)]));
    expect(seen.size).toBeGreaterThan(10);
    for (const [code, cls] of seen) expect(cls, `class of ${code}`).toBe(classOf(expected.get(code) ?? 0, classes));
    // The pixels: a small patch just off each label point (its label and marker sit on it) changes
    // colour when the choropleth is hidden.
    const patches: CanvasPoint[][] = [];
    for (const code of [TABAYIN, SHWEBO]) {
      expect(seen.get(code), `${code} is coloured`).toBeGreaterThan(0);
      const p = await page.evaluate((c) => {
        const { map } = (window as unknown as { conflictMap: Handle }).conflictMap;
        const f = map.querySourceFeatures('local', { sourceLayer: 'township_labels' }).find((x) => x.properties['pcode'] === c);
        const q = f && f.geometry.type === 'Point' ? map.project(f.geometry.coordinates as [number, number]) : null;
        return q ? { x: q.x, y: q.y + 28 } : null;
      }, code);
      expect(p, `${code} label point`).not.toBeNull();
      const patch: CanvasPoint[] = [];
      for (let dy = -4; dy <= 4; dy++) for (let dx = -6; dx <= 6; dx++) patch.push({ x: Math.round((p as CanvasPoint).x + dx), y: Math.round((p as CanvasPoint).y + dy) });
      patches.push(patch);
    }
    const painted = await pointsDrawnBy(page, LAYER.townshipChoropleth, patches.flat(), 0, 12);
    patches.forEach((patch, k) => {
      const n = painted.slice(k * patch.length, (k + 1) * patch.length).filter(Boolean).length;
      expect(n, `${[TABAYIN, SHWEBO][k]}: choropleth pixels of ${patch.length}`).toBeGreaterThan(patch.length / 4);
    });
    await page.getByRole('group', { name: 'The map shows' }).getByRole('button', { name: 'Incidents', exact: true }).click();
  });
});
