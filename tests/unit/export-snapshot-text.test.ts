import { describe, expect, test } from 'vitest';
import { EMPTY_FILTER, type IncidentFilter } from '../../src/lib/domain/filter.ts';
import type { CategoryId } from '../../src/lib/domain/categories.ts';
import {
  attributionLine,
  describeFilters,
  pngMetadataEntries,
  provenanceLine,
} from '../../src/lib/export/snapshot-text.ts';
import { addPngTextChunks, readPngTextChunks } from '../../src/lib/export/png-text-chunks.ts';
import { PNG } from 'pngjs';

describe('attributionLine', () => {
  test('boundaries only', () => {
    expect(attributionLine({ publishers: [], datasetAttributions: [] })).toBe('Boundaries: Natural Earth');
  });

  test('publishers are deduplicated and sorted', () => {
    expect(
      attributionLine({ publishers: ['RFA Burmese', 'Myanmar Now', 'myanmar  now', ' RFA Burmese'], datasetAttributions: [] }),
    ).toBe('Boundaries: Natural Earth · Sources: Myanmar Now and RFA Burmese');
  });

  test('imported datasets add their attribution', () => {
    const acled = 'Armed Conflict Location & Event Data (ACLED), acleddata.com';
    const ucdp = 'UCDP Georeferenced Event Dataset (CC BY 4.0)';
    expect(attributionLine({ publishers: ['ACLED'], datasetAttributions: [acled, ucdp, acled] })).toBe(
      `Boundaries: Natural Earth · Sources: ACLED · Data: ${acled}; ${ucdp}`,
    );
  });

  test('more than eight publishers are summed up', () => {
    const publishers = Array.from({ length: 11 }, (_, i) => `Outlet ${String.fromCharCode(65 + i)}`);
    expect(attributionLine({ publishers, datasetAttributions: [] })).toBe(
      'Boundaries: Natural Earth · Sources: Outlet A, Outlet B, Outlet C, Outlet D, Outlet E, Outlet F, Outlet G, Outlet H and 3 others',
    );
  });
});

describe('describeFilters', () => {
  const filter = (f: Partial<IncidentFilter>): IncidentFilter => ({ ...EMPTY_FILTER, ...f });

  test('no filter', () => {
    expect(describeFilters(EMPTY_FILTER)).toBe('Shown: all incidents (no filters)');
  });

  test('a date range alone', () => {
    expect(describeFilters(filter({ dateRange: { start: '2022-01-01', end: '2022-07-31' } }))).toBe(
      'Shown: dated Jan–Jul 2022',
    );
  });

  test('facets in panel order, values in table order whatever the click order', () => {
    const f = filter({
      dateRange: { start: '2022-07-03', end: '2022-07-17' },
      categories: new Set<CategoryId>(['displacement', 'air_strike']),
      admin1: new Set(['Sagaing', 'Kayah']),
      precisions: new Set(['township', 'exact'] as const),
      verification: new Set(['verified', 'verified_multiple'] as const),
      datasets: new Set(['curated', 'acled']),
    });
    expect(describeFilters(f, { curated: 'Curated', acled: 'ACLED' })).toBe(
      'Shown: dated 3–17 July 2022; only Air strike and Displacement; only in Kayah and Sagaing; ' +
        'only locations known to exact or township level; only Verified by several sources or Verified; only from ACLED and Curated',
    );
  });

  test('an empty set says that nothing is shown', () => {
    expect(describeFilters(filter({ categories: new Set() }))).toBe('Shown: no category ticked, so nothing is shown');
  });

  test('states the filters in plain words, with no internal names (#12)', () => {
    const text = describeFilters(filter({ admin1: new Set(['Sagaing']), precisions: new Set(['named_place', 'region'] as const) }));
    expect(text).toBe('Shown: only in Sagaing; only locations known to named place or state / region level');
    expect(text).not.toMatch(/categories:|states\/regions|admin1|named_place/);
  });

  test('dataset ids without a name are shown as ids', () => {
    expect(describeFilters(filter({ datasets: new Set(['ucdp-ged']) }))).toBe('Shown: only from ucdp-ged');
  });
});

describe('provenanceLine', () => {
  test('the issue example, with the UTC date', () => {
    expect(
      provenanceLine({ exportedAt: new Date('2026-11-28T23:59:00Z'), dataHash: 'a1b2c3d4e5f6', appVersion: '0.1.0' }),
    ).toBe('Exported 28 November 2026 · data version a1b2c3d4e5f6 · Conflict Map v0.1.0');
  });

  test('rejects an invalid date', () => {
    expect(() => provenanceLine({ exportedAt: new Date('x'), dataHash: 'a', appVersion: '0.1.0' })).toThrow(RangeError);
  });
});

describe('pngMetadataEntries', () => {
  const input = {
    title: 'Air strikes and displacement — Sagaing, Jan–Jul 2022',
    attribution: 'Boundaries: Natural Earth · Sources: Myanmar Now',
    filters: 'Shown: dated Jan–Jul 2022',
    provenance: 'Exported 28 November 2026 · data version a1b2c3d4e5f6 · Conflict Map v0.1.0',
    exportedAt: new Date('2026-11-28T10:00:00Z'),
    appVersion: '0.1.0',
  };

  test('uses the registered PNG keywords', () => {
    expect(pngMetadataEntries(input)).toEqual([
      { keyword: 'Title', text: input.title },
      { keyword: 'Description', text: input.filters },
      { keyword: 'Copyright', text: input.attribution },
      { keyword: 'Creation Time', text: 'Sat, 28 Nov 2026 10:00:00 GMT' },
      { keyword: 'Software', text: 'Conflict Map v0.1.0' },
      { keyword: 'Comment', text: input.provenance },
    ]);
  });

  test('are all accepted by addPngTextChunks and read back', () => {
    const png = new Uint8Array(PNG.sync.write(new PNG({ width: 1, height: 1 })));
    const out = readPngTextChunks(addPngTextChunks(png, pngMetadataEntries(input)));
    expect(out.map((c) => [c.keyword, c.type])).toEqual([
      ['Title', 'iTXt'],
      ['Description', 'iTXt'],
      ['Copyright', 'tEXt'],
      ['Creation Time', 'tEXt'],
      ['Software', 'tEXt'],
      ['Comment', 'tEXt'],
    ]);
  });
});
