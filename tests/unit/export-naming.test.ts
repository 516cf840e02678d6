import { describe, expect, test } from 'vitest';
import {
  areaSlug,
  defaultSnapshotTitle,
  formatDayRange,
  joinWords,
  snapshotFileName,
} from '../../src/lib/export/naming.ts';

describe('snapshotFileName', () => {
  test.each(['sagaing', 'tabayin', 'myanmar', 'kayah-karenni', 'mm-01'])('accepts the slug %j', (slug) => {
    expect(snapshotFileName(slug, new Date('2026-11-28T10:00:00Z'))).toBe(`conflict-map_${slug}_20261128.png`);
  });

  test('uses the UTC date, not local time', () => {
    // 23:30 UTC on 31 Dec is already 1 Jan in Yangon (UTC+6:30); the file keeps the UTC day.
    expect(snapshotFileName('sagaing', new Date('2022-12-31T23:30:00Z'))).toBe('conflict-map_sagaing_20221231.png');
  });

  test.each(['Sagaing', 'kayah karenni', '', '-sagaing', 'sagaing-', 'a--b', 'စစ်ကိုင်း', 'a_b'])(
    'rejects the slug %j',
    (slug) => {
      expect(() => snapshotFileName(slug, new Date('2026-11-28T00:00:00Z'))).toThrow(RangeError);
    },
  );

  test('rejects an invalid date', () => {
    expect(() => snapshotFileName('sagaing', new Date('nope'))).toThrow(RangeError);
  });
});

describe('areaSlug', () => {
  test.each([
    ['Sagaing', 'sagaing'],
    ['Kayah (Karenni) State', 'kayah-karenni-state'],
    ['  Tabayin  ', 'tabayin'],
    ['Mon State', 'mon-state'],
    ['Shan State (North)', 'shan-state-north'],
    ['Taninthâryi', 'tanintharyi'],
  ])('%j -> %j', (name, slug) => {
    expect(areaSlug(name)).toBe(slug);
  });

  test('falls back when no Latin letters remain', () => {
    expect(areaSlug('စစ်ကိုင်း', 'sagaing')).toBe('sagaing');
    expect(areaSlug('စစ်ကိုင်း')).toBe('map');
  });

  test('its output is always a valid file-name slug', () => {
    for (const name of ['Sagaing', 'Kayin (Karen) State', '!!', 'São Paulo', 'Ayeyarwady Region']) {
      expect(() => snapshotFileName(areaSlug(name), new Date(0))).not.toThrow();
    }
  });
});

describe('formatDayRange', () => {
  test.each([
    [['2022-01-01', '2022-07-31'], 'Jan–Jul 2022'],
    [['2021-12-01', '2022-03-31'], 'Dec 2021–Mar 2022'],
    [['2022-07-01', '2022-07-31'], 'July 2022'],
    [['2022-02-01', '2022-02-28'], 'February 2022'],
    [['2022-01-01', '2022-12-31'], '2022'],
    [['2021-01-01', '2022-12-31'], '2021–2022'],
    [['2022-07-14', '2022-07-14'], '14 July 2022'],
    [['2022-07-03', '2022-07-17'], '3–17 July 2022'],
    [['2022-01-03', '2022-07-17'], '3 Jan–17 Jul 2022'],
    [['2021-12-28', '2022-01-03'], '28 Dec 2021–3 Jan 2022'],
    [['2022-07-01', '2022-07-30'], '1–30 July 2022'],
  ] as const)('%j -> %j', ([start, end], text) => {
    expect(formatDayRange({ start, end })).toBe(text);
  });

  test('rejects a range that ends before it starts', () => {
    expect(() => formatDayRange({ start: '2022-07-02', end: '2022-07-01' })).toThrow(RangeError);
  });

  test('rejects days that do not exist', () => {
    expect(() => formatDayRange({ start: '2022-02-30', end: '2022-03-01' })).toThrow(RangeError);
  });
});

describe('joinWords', () => {
  test.each([
    [[], ''],
    [['a'], 'a'],
    [['a', 'b'], 'a and b'],
    [['a', 'b', 'c'], 'a, b and c'],
  ])('%j -> %j', (words, text) => {
    expect(joinWords(words)).toBe(text);
  });
});

describe('defaultSnapshotTitle', () => {
  const jan_jul = { start: '2022-01-01', end: '2022-07-31' };

  test('the issue example', () => {
    expect(
      defaultSnapshotTitle({ categoryLabels: ['Air strike', 'Displacement'], areaName: 'Sagaing', range: jan_jul, dataSpan: null }),
    ).toBe('Air strikes and displacement — Sagaing, Jan–Jul 2022');
  });

  test('three categories are listed with a comma', () => {
    expect(
      defaultSnapshotTitle({
        categoryLabels: ['Air strike', 'Helicopter attack', 'Massacre / raid'],
        areaName: 'Sagaing',
        range: { start: '2022-07-01', end: '2022-07-31' },
        dataSpan: null,
      }),
    ).toBe('Air strikes, helicopter attacks and massacres / raids — Sagaing, July 2022');
  });

  test('more than three categories read "Incidents"', () => {
    expect(
      defaultSnapshotTitle({
        categoryLabels: ['Air strike', 'Helicopter attack', 'Armed clash', 'Displacement'],
        areaName: 'Myanmar',
        range: null,
        dataSpan: { start: '2021-12-01', end: '2022-03-31' },
      }),
    ).toBe('Incidents — Myanmar, Dec 2021–Mar 2022');
  });

  test('no categories also reads "Incidents"', () => {
    expect(defaultSnapshotTitle({ categoryLabels: [], areaName: 'Kayah', range: null, dataSpan: null })).toBe(
      'Incidents — Kayah',
    );
  });

  test('the date filter wins over the data span', () => {
    expect(
      defaultSnapshotTitle({
        categoryLabels: ['Armed clash'],
        areaName: 'Kayin',
        range: { start: '2022-03-01', end: '2022-03-31' },
        dataSpan: { start: '2022-01-01', end: '2022-12-31' },
      }),
    ).toBe('Armed clashes — Kayin, March 2022');
  });

  test('a label outside the table is used as given, and duplicates count once', () => {
    expect(
      defaultSnapshotTitle({ categoryLabels: ['Arson', 'Arson'], areaName: 'Tabayin', range: null, dataSpan: null }),
    ).toBe('Arson — Tabayin');
  });

  test('without an area name the title still reads', () => {
    expect(defaultSnapshotTitle({ categoryLabels: ['Shelling / artillery'], areaName: ' ', range: jan_jul, dataSpan: null })).toBe(
      'Shelling — Jan–Jul 2022',
    );
  });
});
