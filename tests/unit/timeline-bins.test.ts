import { describe, expect, it } from 'vitest';
import type { CategoryId } from '../../src/lib/domain/categories.ts';
import { EMPTY_FILTER } from '../../src/lib/domain/filter.ts';
import type { Incident, IncidentDate } from '../../src/lib/domain/incident.ts';
import { incidentDaySpan } from '../../src/lib/domain/date-span.ts';
import { chartStartDay, datePresets, defaultDateRange, playSteps, weeklyHistogram } from '../../src/lib/query/timeline-bins.ts';
import { dayString } from '../../src/lib/domain/calendar.ts';
import { syntheticIncidents } from '../bench/synthetic-incidents.ts';

function incident(id: string, date: IncidentDate, category: CategoryId = 'air_strike'): Incident {
  return {
    id,
    category,
    title: id,
    date,
    place: { name: id, admin1: 'Sagaing' },
    lon: 95,
    lat: 22,
    precision: 'village',
    weapons: [],
    killed: [],
    displaced: [],
    summary: '',
    sources: [],
    verification: { status: 'verified', text: '' },
    dataset: 'curated',
  };
}

const day = (d: string): IncidentDate => ({ precision: 'day', start: d, end: d });

describe('incidentDaySpan', () => {
  const cases: readonly [string, IncidentDate, [string, string] | null][] = [
    ['a day is itself', day('2022-07-14'), ['2022-07-14', '2022-07-14']],
    ['a day ignores a stray end', { precision: 'day', start: '2022-07-14', end: '2022-07-20' }, ['2022-07-14', '2022-07-14']],
    ['a week from its start alone is the ISO week', { precision: 'week', start: '2022-07-13', end: '2022-07-13' }, ['2022-07-11', '2022-07-17']],
    ['a week on a Sunday is the week before it', { precision: 'week', start: '2022-07-17', end: '2022-07-17' }, ['2022-07-11', '2022-07-17']],
    ['a week with its own end keeps it', { precision: 'week', start: '2022-07-13', end: '2022-07-19' }, ['2022-07-13', '2022-07-19']],
    ['a month is the calendar month', { precision: 'month', start: '2022-02-01', end: '2022-02-28' }, ['2022-02-01', '2022-02-28']],
    ['a month from a mid-month day', { precision: 'month', start: '2022-07-15', end: '2022-07-15' }, ['2022-07-01', '2022-07-31']],
    ['two months', { precision: 'month', start: '2022-06-01', end: '2022-07-31' }, ['2022-06-01', '2022-07-31']],
    ['a range', { precision: 'range', start: '2022-03-28', end: '2022-04-03' }, ['2022-03-28', '2022-04-03']],
    ['a reversed range falls back to its start', { precision: 'range', start: '2022-04-03', end: '2022-03-28' }, ['2022-04-03', '2022-04-03']],
    ['a malformed end falls back to the start', { precision: 'range', start: '2022-04-03', end: '2022-4-5' }, ['2022-04-03', '2022-04-03']],
    ['an impossible start has no span', day('2022-02-30'), null],
  ];
  it.each(cases)('%s', (_name, date, expected) => {
    const span = incidentDaySpan(date);
    expect(span && span.map(dayString)).toEqual(expected);
  });
});

describe('weeklyHistogram', () => {
  it('counts a day-dated event as exact in its ISO week', () => {
    const h = weeklyHistogram([incident('A', day('2022-07-14'))]);
    expect(h.weeks).toEqual([{ start: '2022-07-11', exact: 1, spread: 0 }]);
  });

  it('counts a week-dated event as exact when it stays inside one ISO week', () => {
    const h = weeklyHistogram([incident('A', { precision: 'week', start: '2022-07-11', end: '2022-07-17' })]);
    expect(h.weeks).toEqual([{ start: '2022-07-11', exact: 1, spread: 0 }]);
  });

  it('spreads a month over its weeks by the days it has in each', () => {
    const h = weeklyHistogram([incident('A', { precision: 'month', start: '2022-07-01', end: '2022-07-31' })]);
    expect(h.weeks.map((w) => [w.start, w.exact, Math.round(w.spread * 31)])).toEqual([
      ['2022-06-27', 0, 3],
      ['2022-07-04', 0, 7],
      ['2022-07-11', 0, 7],
      ['2022-07-18', 0, 7],
      ['2022-07-25', 0, 7],
    ]);
  });

  it('spreads a range that crosses a Monday over both weeks', () => {
    const h = weeklyHistogram([incident('A', { precision: 'range', start: '2022-07-16', end: '2022-07-19' })]);
    expect(h.weeks).toEqual([
      { start: '2022-07-11', exact: 0, spread: 0.5 },
      { start: '2022-07-18', exact: 0, spread: 0.5 },
    ]);
  });

  it('covers every week of the data, empty ones included', () => {
    const h = weeklyHistogram([incident('A', day('2022-07-01')), incident('B', day('2022-07-29'))]);
    expect(h.weeks.map((w) => [w.start, w.exact])).toEqual([
      ['2022-06-27', 1],
      ['2022-07-04', 0],
      ['2022-07-11', 0],
      ['2022-07-18', 0],
      ['2022-07-25', 1],
    ]);
  });

  it('applies the other filters but keeps the axis of the whole data', () => {
    const incidents = [incident('A', day('2022-07-01')), incident('B', day('2022-07-12'), 'clash')];
    const h = weeklyHistogram(incidents, { ...EMPTY_FILTER, categories: new Set<CategoryId>(['clash']) });
    expect(h.weeks.map((w) => [w.start, w.exact])).toEqual([
      ['2022-06-27', 0],
      ['2022-07-04', 0],
      ['2022-07-11', 1],
    ]);
  });

  it('ignores the date range of the filter', () => {
    const incidents = [incident('A', day('2022-07-01')), incident('B', day('2022-07-12'))];
    const h = weeklyHistogram(incidents, { ...EMPTY_FILTER, dateRange: { start: '2022-07-10', end: '2022-07-20' } });
    expect(h.weeks.reduce((s, w) => s + w.exact, 0)).toBe(2);
  });

  it('leaves out an incident without a real date', () => {
    const h = weeklyHistogram([incident('A', day('2022-07-14')), incident('B', day('2022-02-30'))]);
    expect(h.weeks).toEqual([{ start: '2022-07-11', exact: 1, spread: 0 }]);
  });

  it('keeps every incident: exact plus spread adds up to the count', () => {
    const incidents = syntheticIncidents(2000, 3);
    const h = weeklyHistogram(incidents);
    expect(h.weeks.reduce((s, w) => s + w.exact + w.spread, 0)).toBeCloseTo(2000, 6);
  });

  it('reports the tallest bar', () => {
    const h = weeklyHistogram([
      incident('A', day('2022-07-14')),
      incident('B', day('2022-07-15')),
      incident('C', { precision: 'range', start: '2022-07-16', end: '2022-07-19' }),
    ]);
    expect(h.max).toBe(2.5);
  });

  it('is empty without incidents', () => {
    expect(weeklyHistogram([])).toEqual({ weeks: [], max: 0 });
  });
});

describe('datePresets', () => {
  it('offers the report year, the whole record, the last 30 days, then each year and quarter the data touch, newest first', () => {
    expect(datePresets('2022-01-05', '2022-05-02')).toEqual([
      { id: '2022', label: "2022 (the report's year)", range: { start: '2022-01-01', end: '2022-12-31' }, group: 'quick' },
      { id: 'all', label: 'Whole record (2022)', range: { start: '2022-01-05', end: '2022-05-02' }, group: 'quick' },
      { id: 'last30', label: 'Last 30 days of data', range: { start: '2022-04-03', end: '2022-05-02' }, group: 'quick' },
      { id: 'y2022', label: '2022', range: { start: '2022-01-01', end: '2022-12-31' }, group: 'year' },
      { id: '2022-Q2', label: 'Q2 2022', range: { start: '2022-04-01', end: '2022-06-30' }, group: 'quarter' },
      { id: '2022-Q1', label: 'Q1 2022', range: { start: '2022-01-01', end: '2022-03-31' }, group: 'quarter' },
    ]);
  });

  it('starts with "Since the coup" when the data begin before 1 February 2021 and reach past it', () => {
    const presets = datePresets('1989-02-12', '2023-12-31');
    expect(presets.slice(0, 3).map((p) => [p.id, p.label, p.range])).toEqual([
      ['coup', 'Since the coup', { start: '2021-02-01', end: '2023-12-31' }],
      ['2022', "2022 (the report's year)", { start: '2022-01-01', end: '2022-12-31' }],
      ['all', 'Whole record (1989–2023)', { start: '1989-02-12', end: '2023-12-31' }],
    ]);
    expect(presets.filter((p) => p.group === 'year')).toHaveLength(35);
  });

  it('ends Q3 on 30 September and Q4 on 31 December', () => {
    const q = datePresets('2022-08-01', '2022-11-01').filter((p) => p.group === 'quarter');
    expect(q.map((p) => p.range)).toEqual([
      { start: '2022-10-01', end: '2022-12-31' },
      { start: '2022-07-01', end: '2022-09-30' },
    ]);
  });

  it('offers nothing for an unusable span', () => {
    expect(datePresets('2022-05-02', '2022-01-05')).toEqual([]);
  });

  it('starts the default range at the coup, or at the data if they start later', () => {
    expect(defaultDateRange('1989-02-12', '2023-12-31')).toEqual({ start: '2021-02-01', end: '2023-12-31' });
    expect(defaultDateRange('2022-01-07', '2022-09-16')).toEqual({ start: '2022-01-07', end: '2022-09-16' });
  });
});

describe('playSteps', () => {
  it('steps a window across the data until it reaches the end', () => {
    expect(playSteps('2022-01-01', '2022-01-20', 7, 14)).toEqual([
      { start: '2022-01-01', end: '2022-01-14' },
      { start: '2022-01-08', end: '2022-01-21' },
    ]);
  });

  it('gives one window when the window covers the data', () => {
    expect(playSteps('2022-01-01', '2022-01-05', 7, 30)).toEqual([{ start: '2022-01-01', end: '2022-01-30' }]);
  });

  it('steps day by day', () => {
    expect(playSteps('2022-01-01', '2022-01-03', 1, 1).map((r) => r.start)).toEqual(['2022-01-01', '2022-01-02', '2022-01-03']);
  });

  it('gives no steps for an unusable span', () => {
    expect(playSteps('2022-01-05', '2022-01-01', 7, 7)).toEqual([]);
  });

  it('refuses a step that is not a whole positive number of days', () => {
    expect(() => playSteps('2022-01-01', '2022-02-01', 0, 7)).toThrow(RangeError);
  });
});

describe('chartStartDay: the chart does not squeeze the chosen years into a sliver', () => {
  it('starts at the data when no range is chosen or the range reaches back that far', () => {
    expect(chartStartDay('1989-01-02', null)).toBe('1989-01-02');
    expect(chartStartDay('1989-01-02', { start: '1989-01-02', end: '2023-12-31' })).toBe('1989-01-02');
  });
  it('starts at 1 January 2021 for ranges after it, or at the range when that is earlier', () => {
    expect(chartStartDay('1989-01-02', { start: '2021-02-01', end: '2023-12-31' })).toBe('2021-01-01');
    expect(chartStartDay('1989-01-02', { start: '2022-07-01', end: '2022-09-30' })).toBe('2021-01-01');
    expect(chartStartDay('1989-01-02', { start: '2015-03-01', end: '2016-01-01' })).toBe('2015-03-01');
  });
  it('never starts before the data', () => {
    expect(chartStartDay('2022-01-07', { start: '2022-01-07', end: '2022-09-16' })).toBe('2022-01-07');
  });
});
