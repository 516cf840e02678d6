/**
 * The app's whole map style, built by the pure builder, against the MapLibre style
 * specification; and the offline rules every URL in it must keep.
 */
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { buildMapStyle } from '../../src/lib/map/style.ts';

const ORIGIN = 'http://127.0.0.1:4173/';
const style = buildMapStyle((path) => new URL(path, ORIGIN).href);

describe('the map style', () => {
  it('passes validateStyleMin with no errors', () => {
    expect(validateStyleMin(style)).toEqual([]);
  });

  it('fetches nothing but the app’s own files: every URL is on the page’s origin, and there is no glyph or sprite server', () => {
    const urls = JSON.stringify(style).match(/https?:\/\/[^"\s<>]+/g) ?? [];
    const fetched = urls.filter((u) => !u.startsWith('https://www.naturalearthdata.com/'));
    expect(fetched.length).toBeGreaterThan(0);
    for (const u of fetched) expect(new URL(u).origin).toBe(new URL(ORIGIN).origin);
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
  });

  it('gives every layer a unique id and a source that exists', () => {
    const ids = style.layers.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const layer of style.layers) {
      if ('source' in layer && typeof layer.source === 'string') expect(Object.keys(style.sources), layer.id).toContain(layer.source);
    }
  });
});
