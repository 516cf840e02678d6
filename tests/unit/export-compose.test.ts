import { describe, expect, test } from 'vitest';
import { CATEGORIES, type CategoryId } from '../../src/lib/domain/categories.ts';
import { SYMBOLS } from '../../src/lib/symbols/table.ts';
import { FOCUS_AREAS } from '../../src/lib/domain/areas.ts';
import { displacementRadiusPx } from '../../src/lib/symbols/displacement.ts';
import { composeSnapshot, LOCATOR_EXTENT, PANEL_EDGE, PANEL_FILL, snapshotFontRequests, type SnapshotCanvas } from '../../src/lib/export/compose.ts';
import { displacementNote, type Box, type LegendContent } from '../../src/lib/export/legend-layout.ts';
import {
  labelScale,
  layoutFor,
  MIN_TEXT_PT,
  placeSnapshot,
  printPxPerPt,
  pxPerPt,
  SCREEN_PX_PER_PT,
  type SnapshotContent,
  type SnapshotOptions,
} from '../../src/lib/export/snapshot-layout.ts';
import { scaleBar } from '../../src/lib/export/scale-bar.ts';
import { FakeCanvas, fakePath } from '../fixtures/export/fake-canvas.ts';
import { shippedLocatorGeography } from '../fixtures/export/locator-geography.ts';

// A real 2D context must be usable wherever the snapshot takes a SnapshotCanvas.
const acceptsRealContext: (ctx: CanvasRenderingContext2D) => SnapshotCanvas = (ctx) => ctx;
void acceptsRealContext;

const MAP_IMAGE = { fake: 'map' } as unknown as CanvasImageSource;
const squash = (s: string) => s.replace(/\s+/g, '');

const FULL_LEGEND: LegendContent = {
  categories: CATEGORIES.map((c) => c.id),
  evidence: { hollow: true, ring: true, area: true },
  displacement: { asOf: ['2022-06-27'], sources: ['UNHCR'] },
  focusAreas: FOCUS_AREAS.map((a) => a.id),
};
const SMALL_LEGEND: LegendContent = {
  categories: ['air_strike', 'displacement'],
  evidence: { hollow: false, ring: true, area: false },
  displacement: null,
  focusAreas: ['sagaing'],
};

function content(overrides: Partial<SnapshotContent> = {}): SnapshotContent {
  return {
    title: 'Air strikes and displacement — Sagaing, Jan–Jul 2022',
    view: { lat: 22.7, zoom: 7.4, bearing: 0 },
    legend: SMALL_LEGEND,
    attribution: 'Boundaries: Natural Earth · Sources: Myanmar Now, Radio Free Asia, The Irrawaddy and UN OCHA',
    filters: 'Shown: dated Jan–Jul 2022; only Air strike and Displacement',
    provenance: 'Exported 28 November 2026 · data version a1b2c3d4e5f6 · Conflict Map v0.1.0',
    ...overrides,
  };
}

const ALL_ON: SnapshotOptions = { legend: true, scale: true, north: true };

function compose(width: number, height: number, ratio: number, c: SnapshotContent, options: SnapshotOptions = ALL_ON) {
  const ctx = new FakeCanvas();
  const layout = layoutFor(width, height, ratio, options);
  const placement = composeSnapshot(ctx, MAP_IMAGE, layout, c, { createPath: fakePath });
  return { ctx, layout, placement };
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('layoutFor', () => {
  test('output size is the requested size × pixel ratio, rounded like MapLibre', () => {
    const layout = layoutFor(1001, 701, 1.5, ALL_ON);
    expect([layout.widthPx, layout.heightPx]).toEqual([1502, 1052]);
  });

  test('switches parts off', () => {
    const layout = layoutFor(800, 600, 1, { legend: false, scale: false, north: false });
    expect([layout.legend, layout.scale, layout.north]).toEqual([null, null, null]);
  });

  test('a point is 2.08 CSS px on the A4 preset (150 dpi at 1×) and 1.90 px at 1600 × 1000, both printed on A4', () => {
    // 1754 px across 297 mm, 72 pt to 25.4 mm.
    expect(printPxPerPt(1754, 1240)).toBeCloseTo((1754 / 297) * (25.4 / 72), 12);
    expect(printPxPerPt(1754, 1240) * 72).toBeCloseTo(150, 0);
    expect(printPxPerPt(1600, 1000)).toBeCloseTo((1600 / 297) * (25.4 / 72), 12);
    // A tall image is printed on a portrait page.
    expect(printPxPerPt(1240, 1754)).toBeCloseTo(printPxPerPt(1754, 1240), 12);
    // The image fits the page: a squarer one is limited by its height.
    expect(printPxPerPt(1000, 1000)).toBeCloseTo((1000 / 210) * (25.4 / 72), 12);
  });

  test('the smallest text is 9 pt on paper: 19 px on A4, 17.5 px at 1600 × 1000, the same at every pixel ratio', () => {
    for (const ratio of [1, 2, 3]) {
      expect(layoutFor(1754, 1240, ratio, ALL_ON).footerSize).toBe(19);
      expect(layoutFor(1600, 1000, ratio, ALL_ON).footerSize).toBe(17.5);
    }
  });

  test('a small image keeps the screen’s own point size, so it reads at 100 % on screen too', () => {
    expect(pxPerPt(320, 240)).toBe(SCREEN_PX_PER_PT);
    expect(layoutFor(800, 600, 1, ALL_ON).footerSize).toBe(12);
    expect(layoutFor(320, 240, 1, ALL_ON).title.maxSize).toBe(21.5);
  });

  test('a larger image gets larger text, in proportion to its print scale', () => {
    expect(layoutFor(3000, 2000, 1, ALL_ON).title.maxSize).toBeCloseTo(16 * pxPerPt(3000, 2000), 0);
    expect(layoutFor(3000, 2000, 1, ALL_ON).title.maxSize).toBeGreaterThan(layoutFor(1754, 1240, 1, ALL_ON).title.maxSize);
  });

  test('the map’s labels print at their screen point size', () => {
    expect(labelScale(layoutFor(1754, 1240, 2, ALL_ON))).toBeCloseTo(printPxPerPt(1754, 1240) / (96 / 72), 12);
    expect(labelScale(layoutFor(800, 600, 2, ALL_ON))).toBe(1);
  });

  test.each([[319, 240, 1], [320, 239, 1], [800, 600, 0], [Infinity, 600, 1], [800, 600, Number.NaN]])(
    'rejects %j × %j at %j',
    (w, h, r) => {
      expect(() => layoutFor(w, h, r, ALL_ON)).toThrow(RangeError);
    },
  );
});

describe('composeSnapshot', () => {
  test('draws the map first, filling the whole canvas in device pixels', () => {
    const { ctx } = compose(1001, 701, 1.5, content());
    const first = ctx.calls.find((c) => c.name === 'drawImage');
    expect(first?.args).toEqual([MAP_IMAGE, 0, 0, 1502, 1052, [1, 0, 0, 1, 0, 0]]);
    expect(ctx.calls.filter((c) => c.name === 'drawImage')).toHaveLength(1);
  });

  test('leaves the context as it found it', () => {
    const { ctx } = compose(800, 600, 2, content());
    const depth = ctx.calls.reduce((d, c) => d + (c.name === 'save' ? 1 : c.name === 'restore' ? -1 : 0), 0);
    expect(depth).toBe(0);
  });

  const sizes = [
    [320, 240, 1],
    [480, 360, 2],
    [800, 600, 2],
    [1200, 800, 1.5],
    [600, 1100, 2],
    [1600, 1000, 2],
    [3000, 2000, 1],
  ] as const;
  const titles = [
    'Air strikes — Sagaing, July 2022',
    'Air strikes, helicopter attacks and massacres / raids — Sagaing Region and the wider north-west of Myanmar, 28 Dec 2021–3 Jan 2022',
    'စစ်ကိုင်းတိုင်းဒေသကြီး တပ်ရင်းမြို့နယ် ရွာများကို လေကြောင်းတိုက်ခိုက်မှု — Sagaing, Jan–Jul 2022',
  ];

  describe.each(sizes)('at %i × %i CSS px, ratio %d', (width, height, ratio) => {
    test.each(titles)('no line is wider than its box or leaves the image sideways: %s', (title) => {
      const { ctx, layout } = compose(width, height, ratio, content({ title, legend: FULL_LEGEND }));
      expect(ctx.texts.length).toBeGreaterThan(10);
      for (const t of ctx.texts) {
        expect(t.maxWidth, t.text).toBeDefined();
        expect(t.width, t.text).toBeLessThanOrEqual((t.maxWidth ?? 0) + 1e-9);
        expect(Math.min(t.deviceLeft, t.deviceRight), t.text).toBeGreaterThanOrEqual(0);
        expect(Math.max(t.deviceLeft, t.deviceRight), t.text).toBeLessThanOrEqual(layout.widthPx + 1e-9);
      }
    });



    test.each(titles)('the whole title is drawn: %s', (title) => {
      const { placement } = compose(width, height, ratio, content({ title }));
      expect(squash(placement.titleBand?.text.block.lines.join('') ?? '')).toBe(squash(title));
    });

    test('the whole footer is drawn', () => {
      const c = content();
      const { placement } = compose(width, height, ratio, c);
      const drawn = placement.footer?.texts.map((t) => squash(t.block.lines.join(''))) ?? [];
      expect(drawn).toEqual([c.attribution, c.filters, c.provenance].map(squash));
    });
  });

  test.each([[800, 600], [1200, 800], [600, 1100], [1600, 1000]] as const)(
    'at %i × %i the full legend, scale, north arrow, title and footer do not overlap',
    (width, height) => {
      const { placement, layout } = compose(width, height, 2, content({ legend: FULL_LEGEND, title: titles[1] as string }));
      expect(placement.warnings).toEqual([]);
      const boxes = [placement.titleBand, placement.footer, placement.legend, placement.scale, placement.north].map((p) => p?.box);
      expect(boxes.every(Boolean)).toBe(true);
      const present = boxes as Box[];
      present.forEach((a, i) => present.slice(i + 1).forEach((b) => expect(overlaps(a, b)).toBe(false)));
      for (const b of present) {
        expect(b.x).toBeGreaterThanOrEqual(0);
        expect(b.y).toBeGreaterThanOrEqual(0);
        expect(b.x + b.width).toBeLessThanOrEqual(layout.widthCss);
        expect(b.y + b.height).toBeLessThanOrEqual(layout.heightCss);
      }
    },
  );

  test('at 480 × 360 the 9-point text and a long title leave too little room for the legend, and that is reported', () => {
    const { placement } = compose(480, 360, 2, content({ title: titles[1] as string }));
    expect(placement.warnings.join(' ')).toMatch(/legend does not fit/);
  });

  test.each(sizes.filter(([w, h]) => Math.min(w, h) >= 600))(
    'at %i × %i (ratio %d) a small legend and a long title leave no warnings and every line inside the image',
    (width, height, ratio) => {
      const { ctx, layout, placement } = compose(width, height, ratio, content({ title: titles[1] as string }));
      expect(placement.warnings).toEqual([]);
      for (const t of ctx.texts) {
        const y = t.transform[3] * t.y + t.transform[5];
        expect(y, t.text).toBeGreaterThan(0);
        expect(y, t.text).toBeLessThan(layout.heightPx);
      }
    },
  );

  test('at 320 × 240 a long title and footer leave too little map, and the overlap is reported', () => {
    const { placement } = compose(320, 240, 1, content({ title: titles[1] as string }));
    expect(placement.warnings.join(' ')).toMatch(/overlap/);
  });

  test('a legend that cannot fit is reported, not hidden', () => {
    const { placement } = compose(320, 240, 1, content({ legend: FULL_LEGEND }));
    expect(placement.warnings.join(' ')).toMatch(/legend does not fit/);
  });

  test('a tall legend flows into more columns on a short map', () => {
    const tall = compose(1000, 1000, 1, content({ legend: FULL_LEGEND })).placement.legend;
    const short = compose(1000, 480, 1, content({ legend: FULL_LEGEND })).placement.legend;
    expect(tall?.columns).toBe(1);
    expect(short?.columns).toBeGreaterThan(1);
  });

  test('the legend lists exactly the categories passed in', () => {
    const shown: CategoryId[] = ['helicopter_attack', 'clash'];
    const { ctx } = compose(1000, 800, 1, content({ legend: { ...SMALL_LEGEND, categories: shown } }));
    const drawn = new Set(ctx.texts.map((t) => t.text));
    for (const c of CATEGORIES) expect(drawn.has(c.label), c.label).toBe(shown.includes(c.id));
  });

  test('category symbols use the shared shape paths, in the category colours', () => {
    const { ctx } = compose(1000, 800, 1, content({ legend: { ...SMALL_LEGEND, categories: ['air_strike', 'clash'] } }));
    const paths = ctx.calls.filter((c) => c.name === 'fill' && c.args.length).map((c) => (c.args[0] as { d: string }).d);
    expect(paths).toEqual([SYMBOLS.shapes.triangle, SYMBOLS.shapes.cross]);
  });

  test('the legend shows only the focus areas passed in', () => {
    const { ctx } = compose(1000, 800, 1, content({ legend: { ...SMALL_LEGEND, focusAreas: ['kayin'] } }));
    const drawn = new Set(ctx.texts.map((t) => t.text));
    expect(drawn.has('Kayin (Karen) State')).toBe(true);
    expect(drawn.has('Sagaing Region')).toBe(false);
  });

  test('displacement reference circles have the map circles’ radii', () => {
    const { ctx } = compose(1000, 800, 1, content({ legend: { ...SMALL_LEGEND, displacement: { asOf: ['2022-01-31'], sources: ['UNHCR'] } } }));
    const radii = ctx.calls.filter((c) => c.name === 'arc').map((c) => c.args[2] as number);
    for (const people of [10_000, 50_000, 150_000]) expect(radii).toContain(displacementRadiusPx(people));
    expect(ctx.texts.map((t) => t.text)).toEqual(expect.arrayContaining(['10,000', '50,000', '150,000']));
  });

  test('an empty legend draws no legend box', () => {
    const empty: LegendContent = { categories: [], evidence: { hollow: false, ring: false, area: false }, displacement: null, focusAreas: [] };
    expect(compose(800, 600, 1, content({ legend: empty })).placement.legend).toBeNull();
  });

  test('the scale bar says what scaleBar computes for the view', () => {
    const view = { lat: 21.9, zoom: 9.2, bearing: 0 };
    const { ctx, layout, placement } = compose(800, 600, 2, content({ view }));
    const expected = scaleBar(view.lat, view.zoom, layout.scale?.maxWidth, 'metric');
    expect(ctx.texts.map((t) => t.text)).toContain(expected.label);
    expect(placement.scale?.bar.width).toBeCloseTo(expected.widthPx, 9);
  });

  test('the north arrow is turned by minus the bearing', () => {
    const { ctx } = compose(800, 600, 1, content({ view: { lat: 22, zoom: 7, bearing: 30 } }));
    const rotations = ctx.calls.filter((c) => c.name === 'rotate').map((c) => c.args[0] as number);
    expect(rotations).toHaveLength(1);
    expect(rotations[0]).toBeCloseTo(-Math.PI / 6, 12);
  });

  test('switched-off parts are not drawn', () => {
    const { placement, ctx } = compose(800, 600, 1, content(), { legend: false, scale: false, north: false });
    expect([placement.legend, placement.scale, placement.north]).toEqual([null, null, null]);
    expect(ctx.calls.some((c) => c.name === 'rotate')).toBe(false);
  });

  test('an empty title leaves no band', () => {
    expect(compose(800, 600, 1, content({ title: '  ' })).placement.titleBand).toBeNull();
  });

  test('overlays are drawn at the pixel ratio', () => {
    const { ctx } = compose(800, 600, 3, content());
    const title = ctx.texts[0];
    expect(title?.transform).toEqual([3, 0, 0, 3, 0, 0]);
  });
});

describe('placeSnapshot', () => {
  test('is the same placement composeSnapshot returns', () => {
    const layout = layoutFor(900, 700, 2, ALL_ON);
    const c = content({ legend: FULL_LEGEND });
    const placed = placeSnapshot(new FakeCanvas(), layout, c);
    const composed = composeSnapshot(new FakeCanvas(), MAP_IMAGE, layout, c, { createPath: fakePath });
    expect(composed).toEqual(placed);
  });
});

describe('snapshotFontRequests', () => {
  test('asks for both weights with every string drawn, Burmese included', () => {
    const c = content({ title: 'စစ်ကိုင်း — Sagaing', legend: FULL_LEGEND });
    const requests = snapshotFontRequests(c);
    expect(requests.map((r) => r.font)).toEqual([
      '400 16px "Noto Sans", "Noto Sans Myanmar", sans-serif',
      '700 16px "Noto Sans", "Noto Sans Myanmar", sans-serif',
    ]);
    for (const r of requests) {
      expect(r.text).toContain('စစ်ကိုင်း');
      expect(r.text).toContain('Kayah (Karenni) State');
      expect(r.text).toContain(c.provenance);
    }
  });
});

/** A font's size in CSS pixels, from the shorthand the snapshot uses. */
function fontPx(font: string): number {
  return Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1]);
}

/** Whether a CSS colour is fully opaque: a #rgb/#rrggbb hex, or rgb()/rgba()/hsla() with alpha 1. */
function opaque(colour: string): boolean {
  if (/^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(colour)) return true;
  if (/^#([0-9a-f]{4}|[0-9a-f]{8})$/i.test(colour)) return /f$/i.test(colour);
  const m = /^(?:rgb|hsl)a?\(([^)]*)\)$/i.exec(colour);
  if (!m) return false;
  const parts = (m[1] as string).split(/[\s,/]+/).filter(Boolean);
  return parts.length === 3 || Number(parts[3]) === 1;
}

const LONG_TITLE = 'Air strikes, helicopter attacks and massacres / raids — Sagaing Region and the wider north-west of Myanmar, 2022';
const TABAYIN_EXTENT: [number, number][] = [[94.46, 23.01], [96.2, 23.01], [96.2, 22.31], [94.46, 22.31]];

function withLocator(overrides: Partial<SnapshotContent> = {}): SnapshotContent {
  return content({ legend: FULL_LEGEND, locator: { geography: shippedLocatorGeography(), extent: TABAYIN_EXTENT }, ...overrides });
}

describe('print sizes (issue #12)', () => {
  const presets = [
    ['A4 landscape', 1754, 1240],
    ['1600 × 1000', 1600, 1000],
  ] as const;
  describe.each(presets)('%s', (_name, width, height) => {
    test.each([1, 2, 3])('every line drawn at %d× is at least 9 pt when printed on A4', (ratio) => {
      const { ctx } = compose(width, height, ratio, withLocator({ title: LONG_TITLE }));
      expect(ctx.texts.length).toBeGreaterThan(20);
      const minCss = MIN_TEXT_PT * printPxPerPt(width, height);
      for (const t of ctx.texts) {
        // Device pixels of the em, back in CSS pixels, then in points on the A4 page.
        const devicePx = fontPx(t.font) * Math.hypot(t.transform[0], t.transform[1]);
        expect(devicePx / ratio, t.text).toBeGreaterThanOrEqual(minCss - 1e-9);
        expect(devicePx / ratio / printPxPerPt(width, height), t.text).toBeGreaterThanOrEqual(MIN_TEXT_PT - 1e-9);
      }
    });
  });
});

describe('opaque panels (issue #12)', () => {
  test.each([1, 2, 3])('title, footer, legend, scale bar and inset are filled with an opaque colour at full alpha (%d×)', (ratio) => {
    const { ctx, placement } = compose(1754, 1240, ratio, withLocator());
    const boxes = [placement.titleBand, placement.footer, placement.legend, placement.scale, placement.inset].map((p) => p?.box);
    expect(boxes.every(Boolean)).toBe(true);
    expect(opaque(PANEL_FILL)).toBe(true);
    for (const box of boxes as Box[]) {
      const fill = ctx.paints.find((p) => p.op === 'fillRect' && p.args.join() === [box.x, box.y, box.width, box.height].join());
      expect(fill, JSON.stringify(box)).toMatchObject({ style: PANEL_FILL, alpha: 1 });
    }
  });

  test('the north arrow’s disc is opaque too, and no panel or its edge is drawn see-through', () => {
    const { ctx } = compose(1754, 1240, 2, withLocator());
    const discs = ctx.paints.filter((p) => p.op === 'fill' && p.style === PANEL_FILL);
    expect(discs.length).toBeGreaterThanOrEqual(1);
    for (const p of ctx.paints.filter((q) => q.op === 'fillRect' || q.op === 'strokeRect' || q.style === PANEL_FILL || q.style === PANEL_EDGE)) {
      expect(opaque(p.style), p.style).toBe(true);
      expect(p.alpha).toBe(1);
    }
  });
});

describe('displacement legend (issue #12)', () => {
  test('names who counted and the date the figures are as of', () => {
    const { ctx } = compose(1600, 1000, 2, content({ legend: { ...SMALL_LEGEND, displacement: { asOf: ['2022-06-27'], sources: ['UNHCR'] } } }));
    const drawn = ctx.texts.map((t) => t.text).join(' ');
    expect(drawn).toContain('UNHCR, as of 27 June 2022');
  });

  test.each([
    [{ asOf: ['2022-01-31'], sources: ['UNHCR'] }, 'UNHCR, as of 31 January 2022'],
    [{ asOf: ['2022-06-27', '2022-01-31'], sources: ['UNHCR'] }, 'UNHCR, as of 31 January 2022 and 27 June 2022'],
    [{ asOf: ['2022-01-31', '2022-03-01', '2022-05-02', '2022-06-27'], sources: ['OCHA', 'UNHCR'] }, 'OCHA and UNHCR, as of 31 Jan–27 Jun 2022 (latest for each area)'],
    [{ asOf: ['not a day'], sources: ['UNHCR'] }, 'UNHCR'],
    [{ asOf: [], sources: [] }, ''],
  ])('%j → %j', (d, note) => {
    expect(displacementNote(d)).toBe(note);
  });
});

describe('locator inset (issue #11)', () => {
  test('is drawn for a township-sized extent, with the extent outlined in red inside it', () => {
    const { ctx, placement } = compose(1600, 1000, 2, withLocator({ legend: SMALL_LEGEND }));
    const inset = placement.inset;
    expect(inset).not.toBeNull();
    expect(ctx.paints.some((p) => p.op === 'stroke' && p.style === LOCATOR_EXTENT)).toBe(true);
    // Clipped to its box, so the neighbours cannot spill over the map.
    expect(ctx.calls.some((c) => c.name === 'rect' && (c.args as number[]).join() === [inset?.box.x, inset?.box.y, inset?.box.width, inset?.box.height].join())).toBe(true);
    expect(ctx.calls.some((c) => c.name === 'clip')).toBe(true);
  });

  test('is left out for a country-wide extent, which the map itself shows', () => {
    const country: [number, number][] = [[90, 29], [103, 29], [103, 9], [90, 9]];
    const { placement } = compose(1600, 1000, 2, withLocator({ locator: { geography: shippedLocatorGeography(), extent: country } }));
    expect(placement.inset).toBeNull();
  });

  test('is left out when switched off', () => {
    const { placement } = compose(1600, 1000, 2, withLocator(), { ...ALL_ON, locator: false });
    expect(placement.inset).toBeNull();
  });

  test('sits clear of the legend, the scale bar, the north arrow and the bands', () => {
    for (const [w, h] of [[1754, 1240], [1600, 1000], [1200, 800], [800, 600]] as const) {
      const { placement } = compose(w, h, 2, withLocator());
      const inset = placement.inset?.box as Box;
      expect(inset, `${w} × ${h}`).toBeDefined();
      for (const other of [placement.titleBand, placement.footer, placement.legend, placement.scale, placement.north]) {
        expect(overlaps(inset, other?.box as Box), `${w} × ${h}`).toBe(false);
      }
      expect(placement.warnings, `${w} × ${h}`).toEqual([]);
    }
  });
});
