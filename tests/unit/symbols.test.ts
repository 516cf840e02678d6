/**
 * One description of each symbol, four media: the MapLibre marker images, the SVG of the legend
 * and feed, the canvas of the export, and the map's layer paint all draw from the symbol table
 * they are given, so a change there reaches every one of them (issue #10).
 */
import { describe, expect, it } from 'vitest';
import { composeSnapshot } from '../../src/lib/export/compose.ts';
import { layoutFor } from '../../src/lib/export/snapshot-layout.ts';
import { incidentLayers } from '../../src/lib/map/incident-layers.ts';
import { symbolImages } from '../../src/lib/symbols/image.ts';
import { markerSvg, outlineSvg, ringSvg, symbolSvg } from '../../src/lib/symbols/svg.ts';
import { SYMBOLS, categoryColor, type SymbolTable } from '../../src/lib/symbols/table.ts';
import { FakeCanvas, fakePath } from '../fixtures/export/fake-canvas.ts';

const NEW_COLOUR = '#12ab34';
const NEW_OUTLINE_INK = '#fe9a01';
const NEW_HOLLOW_WIDTH = 3.7;

/** The app's table with the air-strike colour, the outline ink and the hollow stroke changed. */
const altered: SymbolTable = {
  ...SYMBOLS,
  categories: SYMBOLS.categories.map((c) => (c.id === 'air_strike' ? { ...c, color: NEW_COLOUR } : c)),
  outlineInk: NEW_OUTLINE_INK,
  styles: { ...SYMBOLS.styles, hollow: { ...SYMBOLS.styles.hollow, stroke: { ...SYMBOLS.styles.hollow.stroke, width: NEW_HOLLOW_WIDTH } } },
};

/** Everything a medium drew, as one string to search. */
function mapLibreImagesDrawing(table: SymbolTable): FakeCanvas[] {
  const canvases: FakeCanvas[] = [];
  symbolImages(table, 1, () => {
    const c = new FakeCanvas();
    canvases.push(c);
    return c;
  }, fakePath);
  return canvases;
}

function exportDrawing(table: SymbolTable): FakeCanvas {
  const ctx = new FakeCanvas();
  const content = {
    title: 'T',
    view: { lat: 20, zoom: 7, bearing: 0 },
    legend: { categories: ['air_strike' as const], evidence: { hollow: true, ring: true, area: true }, displacement: null, focusAreas: [] },
    attribution: 'A',
    filters: '',
    provenance: 'P',
  };
  composeSnapshot(ctx, {} as CanvasImageSource, layoutFor(1000, 800, 1, { legend: true, scale: false, north: false }), content, { createPath: fakePath, symbols: table });
  return ctx;
}

describe('one symbol table, four media', () => {
  it('a changed colour, outline ink and stroke width reach the MapLibre images, the SVG, the export canvas and the layer paint', () => {
    // MapLibre images: the air-strike markers are drawn in the new colour, hollow ones with the new stroke width.
    const images = mapLibreImagesDrawing(altered);
    const paints = images.flatMap((c) => c.paints);
    expect(paints.some((p) => p.style === NEW_COLOUR)).toBe(true);
    expect(paints.some((p) => p.style === NEW_OUTLINE_INK)).toBe(true);
    const hollowStrokes = images.flatMap((c) => c.paints.filter((p) => p.op === 'stroke' && p.style === NEW_COLOUR));
    // The stroke is drawn in unit space: width / (size − 2·inset).
    const unit = NEW_HOLLOW_WIDTH / (SYMBOLS.marker.size - 2 * SYMBOLS.marker.inset);
    expect(hollowStrokes.some((p) => Math.abs(p.lineWidth - unit) < 1e-9)).toBe(true);

    // SVG (legend, feed, dataset list).
    expect(markerSvg(altered, 'air_strike', 'solid').paths[0]?.fill).toBe(NEW_COLOUR);
    expect(markerSvg(altered, 'air_strike', 'hollow').paths[0]?.stroke).toBe(NEW_COLOUR);
    expect(markerSvg(altered, 'air_strike', 'hollow').paths[0]?.strokeWidth).toBeCloseTo(unit, 9);
    expect(ringSvg(altered, 'air_strike').circles[0]?.stroke).toBe(NEW_COLOUR);
    expect(outlineSvg(altered, 'ring-dark').circles.some((c) => c.stroke === NEW_OUTLINE_INK)).toBe(true);

    // The export's canvas legend.
    const exported = exportDrawing(altered).paints;
    expect(exported.some((p) => p.style === NEW_COLOUR && p.op === 'fill')).toBe(true);
    expect(exported.some((p) => p.op === 'stroke' && p.style === NEW_COLOUR && Math.abs(p.lineWidth - unit) < 1e-9)).toBe(true);

    // The map's layer paint (rings, live circles, category match).
    const paint = JSON.stringify(incidentLayers(altered));
    expect(paint).toContain(NEW_COLOUR);
  });

  it('the app’s own table is what every medium draws by default, and unchanged it has none of the test colours', () => {
    for (const drawn of [
      JSON.stringify(mapLibreImagesDrawing(SYMBOLS).map((c) => c.paints)),
      JSON.stringify(symbolSvg(SYMBOLS, { kind: 'marker', category: 'air_strike', style: 'solid' })),
      JSON.stringify(exportDrawing(SYMBOLS).paints),
      JSON.stringify(incidentLayers()),
    ]) {
      expect(drawn).toContain(categoryColor(SYMBOLS, 'air_strike'));
      expect(drawn).not.toContain(NEW_COLOUR);
    }
  });

  it('draws an unknown category as "other"', () => {
    expect(markerSvg(SYMBOLS, 'no-such-category', 'solid').paths[0]?.fill).toBe(categoryColor(SYMBOLS, 'other'));
  });

  it('keeps a hollow marker white inside with a category-coloured stroke, and the area marker dashed', () => {
    const hollow = markerSvg(SYMBOLS, 'shelling', 'hollow').paths[0];
    expect([hollow?.fill, hollow?.stroke, hollow?.dasharray]).toEqual(['#ffffff', categoryColor(SYMBOLS, 'shelling'), undefined]);
    expect(markerSvg(SYMBOLS, 'shelling', 'area').paths[0]?.dasharray).toMatch(/^[\d.]+ [\d.]+$/);
  });
});
