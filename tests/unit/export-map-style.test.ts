/**
 * The style the hidden export map draws (issues #11 and #12): labels scaled to print at their
 * screen point size while the live style stays as it is, and the sources line naming the
 * geography that is drawn at the exported zoom.
 */
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { drawnAttributions, exportStyle, scaleSize } from '../../src/lib/map/snapshot.ts';
import { buildMapStyle } from '../../src/lib/map/style.ts';
import { LAYER, SOURCE } from '../../src/lib/map/ids.ts';
import { LOCAL_TILES } from '../../src/lib/map/local-geography.ts';

const live = (): StyleSpecification => buildMapStyle((path) => new URL(path, 'http://127.0.0.1:4173/').href);

function layer(style: StyleSpecification, id: string): LayerSpecification {
  const found = style.layers.find((l) => l.id === id);
  if (!found) throw new Error(`no layer ${id}`);
  return found;
}

describe('scaleSize', () => {
  it('scales numbers, zoom curves output by output, and wraps anything else', () => {
    expect(scaleSize(10.5, 2)).toBe(21);
    expect(scaleSize(undefined, 1.5)).toBe(24);
    expect(scaleSize(['interpolate', ['linear'], ['zoom'], 4, 11, 8, ['case', ['has', 'x'], 15, 12]], 2)).toEqual([
      'interpolate', ['linear'], ['zoom'], 4, 22, 8, ['*', ['case', ['has', 'x'], 15, 12], 2],
    ]);
    expect(scaleSize(['step', ['zoom'], 10, 6, 12], 2)).toEqual(['step', ['zoom'], 20, 6, 24]);
    expect(scaleSize(['match', ['get', 'rank'], 1, 12.5, 10.5], 2)).toEqual(['*', ['match', ['get', 'rank'], 1, 12.5, 10.5], 2]);
    expect(scaleSize({ stops: [[4, 10], [8, 14]] }, 2)).toEqual({ stops: [[4, 20], [8, 28]] });
  });
});

describe('exportStyle', () => {
  it('draws every label larger by the text scale, halo too, and leaves markers and circles alone', () => {
    const before = live();
    const after = exportStyle(before, 1.5);
    expect(layer(after, LAYER.placeLabels).layout?.['text-size' as never]).toEqual(['*', ['match', ['get', 'rank'], 1, 12.5, 2, 11.5, 10.5], 1.5]);
    expect(layer(after, LAYER.displacementLabels).layout?.['text-size' as never]).toBe(10.5 * 1.5);
    expect(layer(after, LAYER.placeLabels).paint?.['text-halo-width' as never]).toBeCloseTo(1.4 * 1.5, 12);
    expect(layer(after, LAYER.displacementCircles)).toEqual(layer(before, LAYER.displacementCircles));
    expect(validateStyleMin(after)).toEqual([]);
  });

  it('changes nothing at text scale 1 but the export’s own switches, and never the live style', () => {
    const before = live();
    const copy = structuredClone(before);
    const one = exportStyle(before, 1);
    expect(before).toEqual(copy);
    expect(layer(one, LAYER.placeLabels)).toEqual(layer(before, LAYER.placeLabels));
    exportStyle(before, 2);
    expect(before).toEqual(copy);
  });
});

describe('drawnAttributions', () => {
  it('names the sources drawn at the zoom, plain text, not the boundaries (attributionLine names them)', () => {
    expect(drawnAttributions(live(), 9)).toEqual(['Places: GeoNames (CC BY 4.0), UCDP GED (CC BY 4.0), ACLED, MIMU', LOCAL_TILES.attribution]);
  });

  it('leaves out a source whose layers are not drawn at that zoom or are hidden', () => {
    const style = live();
    style.sources['test-source'] = { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, attribution: 'Source: <a href="https://themimu.info/">MIMU</a> (townships)' };
    style.layers.push({ id: 'test-line', type: 'line', source: 'test-source', minzoom: 8 });
    style.layers.push({ id: 'hidden', type: 'line', source: SOURCE.places, layout: { visibility: 'none' } });
    expect(drawnAttributions(style, 7.5)).not.toContain('Source: MIMU (townships)');
    expect(drawnAttributions(style, 8)).toContain('Source: MIMU (townships)');
  });
});
