import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../src/lib/domain/incident.ts';
import { dayNumber } from '../../src/lib/domain/calendar.ts';
import { describeShown, shortDayRange } from '../../src/lib/format/shown-phrase.ts';

const curated = (JSON.parse(readFileSync('public/data/incidents.json', 'utf8')) as { incidents: Incident[] }).incidents;
const day = (d: string): number => dayNumber(d) ?? NaN;

describe('describeShown (#12: the subtitle said "Myanmar 2022" whatever was shown)', () => {
  it('states the dates, count and datasets of the curated incidents', () => {
    expect(describeShown(curated, null)).toBe('Myanmar · 7 Jan – 16 Sep 2022 · 16 incidents from 1 dataset');
  });

  it('takes the dates from the data, so 2021 data shows 2021', () => {
    const older: Incident = { ...(curated[0] as Incident), id: 'acled:1', dataset: 'acled', date: { precision: 'day', start: '2021-12-20', end: '2021-12-20' } };
    expect(describeShown([older, ...curated], null)).toBe('Myanmar · 20 Dec 2021 – 16 Sep 2022 · 17 incidents from 2 datasets');
  });

  it('counts incidents as events when records of one event are linked (#13), datasets as records', () => {
    const ucdp: Incident = { ...(curated[15] as Incident), id: 'ucdp-ged:448773', dataset: 'ucdp-ged' };
    expect(describeShown([...curated, ucdp], null, 16)).toBe('Myanmar · 7 Jan – 16 Sep 2022 · 16 incidents from 2 datasets');
  });

  it('takes the dates from the date filter when one is set', () => {
    const range = { start: '2022-01-01', end: '2022-03-31' };
    const shown = curated.filter((i) => i.date.start <= range.end && i.date.end >= range.start);
    expect(describeShown(shown, range)).toBe(`Myanmar · 1 Jan – 31 Mar 2022 · ${shown.length} incidents from 1 dataset`);
  });

  it('says when nothing is shown', () => {
    expect(describeShown([], null)).toBe('Myanmar · no incidents shown');
    expect(describeShown([], { start: '2023-01-01', end: '2023-01-31' })).toBe('Myanmar · 1–31 Jan 2023 · no incidents shown');
  });

  it('counts one incident in the singular', () => {
    expect(describeShown(curated.slice(0, 1), null)).toBe('Myanmar · 7 Jan 2022 · 1 incident from 1 dataset');
  });
});

describe('shortDayRange', () => {
  it.each([
    ['2022-01-07', '2022-09-14', '7 Jan – 14 Sep 2022'],
    ['2022-07-03', '2022-07-17', '3–17 Jul 2022'],
    ['2021-12-20', '2022-01-02', '20 Dec 2021 – 2 Jan 2022'],
    ['2022-07-03', '2022-07-03', '3 Jul 2022'],
  ])('%s – %s → %s', (a, b, expected) => {
    expect(shortDayRange(day(a), day(b))).toBe(expected);
  });
});
