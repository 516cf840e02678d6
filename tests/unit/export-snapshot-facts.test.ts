import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Incident } from '../../src/lib/domain/incident.ts';
import {
  dataSpanOf,
  describeView,
  fileAreaSlug,
  fitZoom,
  legendContentFor,
  METADATA_KEYWORD,
  snapshotMetadataEntries,
  titleAreaName,
  type SnapshotMetadata,
} from '../../src/lib/export/snapshot-facts.ts';
import { addPngTextChunks, readPngTextChunks } from '../../src/lib/export/png-text-chunks.ts';

const curated = (JSON.parse(readFileSync('public/data/incidents.json', 'utf8')) as { incidents: Incident[] }).incidents;
const byId = (...ids: string[]) => curated.filter((i) => ids.includes(i.id));

describe('fitZoom', () => {
  test('the same size keeps the zoom', () => {
    expect(fitZoom(7.3, { width: 900, height: 700 }, { width: 900, height: 700 })).toBe(7.3);
  });

  test('twice the size on both axes is one zoom level in', () => {
    expect(fitZoom(8, { width: 800, height: 500 }, { width: 1600, height: 1000 })).toBeCloseTo(9, 12);
  });

  test('another shape fits the tighter axis, so all of the view stays in the image', () => {
    const view = { width: 1000, height: 800 };
    const out = { width: 1600, height: 1000 };
    const z = fitZoom(6, view, out);
    const scale = 2 ** (z - 6);
    expect(view.width * scale).toBeLessThanOrEqual(out.width + 1e-9);
    expect(view.height * scale).toBeCloseTo(out.height, 9);
  });

  test('rejects empty sizes', () => {
    expect(() => fitZoom(6, { width: 0, height: 500 }, { width: 10, height: 10 })).toThrow(RangeError);
  });
});

describe('legendContentFor', () => {
  test('lists the categories present, in the category table order, and nothing else', () => {
    // E08 shelling, E05 helicopter attack, E01 air strike: given out of order.
    const legend = legendContentFor(byId('E08', 'E05', 'E01'), ['kayin', 'kayah'], []);
    expect(legend.categories).toEqual(['air_strike', 'helicopter_attack', 'shelling']);
    expect(legend.focusAreas).toEqual(['kayah', 'kayin']);
    expect(legend.displacement).toBeNull();
  });

  test('keeps the dates and publishers of the displacement figures drawn, once each, in order', () => {
    const drawn = [
      { asOf: '2022-06-27', source: 'UNHCR' },
      { asOf: '2022-01-31', source: 'UNHCR' },
      { asOf: '2022-06-27', source: 'UNHCR' },
      { asOf: '', source: 'OCHA' },
    ];
    expect(legendContentFor([], [], drawn).displacement).toEqual({ asOf: ['2022-01-31', '2022-06-27'], sources: ['OCHA', 'UNHCR'] });
  });

  test('evidence symbols follow the layers: hollow for weak pins, rings for township and district, dashed for areas', () => {
    // E05: single source at township precision, drawn as Demoso Township. E08: district precision. E01: town, dataset cited.
    expect(legendContentFor(byId('E01'), [], []).evidence).toEqual({ hollow: false, ring: false, area: false });
    // A weak incident drawn as an area is dashed, never hollow, and has no ring: the area is drawn instead.
    expect(legendContentFor(byId('E05'), [], []).evidence).toEqual({ hollow: false, ring: false, area: true });
    expect(legendContentFor(byId('E08'), [], [{ asOf: '2022-01-31', source: 'UNHCR' }]).evidence).toEqual({ hollow: false, ring: false, area: true });
    // The same record without a township polygon (no area code) is a hollow pin with the township-wide ring.
    const [e05] = byId('E05') as [Incident];
    const { areaCode: _area, ...place } = e05.place;
    expect(legendContentFor([{ ...e05, place }], [], []).evidence).toEqual({ hollow: true, ring: true, area: false });
  });

  test('a named place (ACLED geo_precision 1) is a point: no uncertainty ring in the legend', () => {
    const named = { ...(byId('E01')[0] as Incident), precision: 'named_place' as const };
    expect(legendContentFor([named], [], []).evidence).toEqual({ hollow: false, ring: false, area: false });
  });

  test('an empty export has an empty legend', () => {
    expect(legendContentFor([], [], []).categories).toEqual([]);
  });
});

describe('dataSpanOf', () => {
  test('runs from the earliest possible day to the latest', () => {
    expect(dataSpanOf(byId('E01', 'E09'))).toEqual({ start: '2022-01-07', end: '2022-03-08' });
  });

  test('is null without dated incidents', () => {
    expect(dataSpanOf([])).toBeNull();
  });
});

describe('titles and file names', () => {
  test('a country-wide view or a centre outside Myanmar is "Myanmar"', () => {
    expect(titleAreaName(5.2, 'Sagaing')).toBe('Myanmar');
    expect(titleAreaName(8, null)).toBe('Myanmar');
    expect(titleAreaName(8, 'Mandalay')).toBe('Mandalay');
  });

  test('the file-name area is the focus area at the centre, else myanmar', () => {
    expect(fileAreaSlug('kayin')).toBe('kayin');
    expect(fileAreaSlug(null)).toBe('myanmar');
  });
});

describe('snapshot metadata', () => {
  const meta: SnapshotMetadata = {
    title: 'Air strikes \u2014 Kayah, Jan\u2013Mar 2022',
    view: { lon: 97.2512345678, lat: -0.5, zoom: 8.123456, bearing: -12.346, pitch: 0 },
    size: { width: 1600, height: 1000, pixelRatio: 2 },
    filters: { categories: ['air_strike'] },
    filtersText: 'Shown: only Air strike',
    dataHash: '0123456789ab',
    appVersion: '0.1.0',
    exportedAt: '2026-11-28T10:00:00.000Z',
    legend: null,
    scale: { label: '20\u00a0km', metres: 20000, widthPx: 80.5 },
    layout: { title: [0, 0, 1600, 44] },
    mapArea: [0, 44, 1600, 900],
    extent: [[95.1234567891, 22.9], [95.6, 22.9], [95.6, 22.4], [95.1234567891, 22.4]],
    locator: { corner: 'top-left' },
  };

  test('describes the view in words with hemispheres', () => {
    expect(describeView(meta.view)).toBe('centre 0.50000 S, 97.25123 E; zoom 8.12; bearing -12.3; pitch 0.0');
  });

  test('stores the JSON under its keyword, round-tripping through a PNG as UTF-8', () => {
    const entries = snapshotMetadataEntries(meta);
    expect(entries.map((e) => e.keyword)).toEqual(['View', METADATA_KEYWORD]);
    // A minimal valid PNG: signature, IHDR, IDAT, IEND (1×1 grey).
    const png = Uint8Array.from(
      Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==', 'base64'),
    );
    const chunks = readPngTextChunks(addPngTextChunks(png, entries));
    const json = chunks.find((c) => c.keyword === METADATA_KEYWORD);
    expect(json?.type).toBe('iTXt');
    const back = JSON.parse(json?.text ?? '{}') as SnapshotMetadata;
    expect(back.title).toBe(meta.title);
    expect(back.view).toEqual({ lon: 97.251235, lat: -0.5, zoom: 8.1235, bearing: -12.35, pitch: 0 });
    expect(back.dataHash).toBe('0123456789ab');
    expect(back.extent[0]).toEqual([95.123457, 22.9]);
    expect(chunks.find((c) => c.keyword === 'View')?.type).toBe('tEXt');
  });
});
