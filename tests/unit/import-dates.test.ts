import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayNumber, dayString, weekday } from '../../src/lib/domain/calendar.ts';
import { dateAtPrecision, dateFromBounds, isCalendarMonth, isIsoWeek, parseDay } from '../../src/lib/data/import/dates.ts';

describe('parseDay', () => {
  it.each([
    ['2022-07-15', '2022-07-15'],
    ['2022-07-15 00:00:00.000', '2022-07-15'],
    ['2022-07-15T23:30:00Z', '2022-07-15'],
    ['  2022-07-15 ', '2022-07-15'],
    ['15 July 2022', '2022-07-15'],
    ['15-July-2022', '2022-07-15'],
    ['15 Jul 2022', '2022-07-15'],
    ['15-Jul-2022', '2022-07-15'],
    ['5 jul 2022', '2022-07-05'],
    ['01 September 2022', '2022-09-01'],
    ['1 Sept 2022', '2022-09-01'],
    ['29 February 2024', '2024-02-29'],
  ])('%s → %s', (text, day) => {
    expect(parseDay(text)).toBe(day);
  });

  it.each([
    '',
    '2022-02-30',
    '2022-13-01',
    '2022-7-5',
    '2022-07-15x',
    '07/15/2022',
    '15/07/2022',
    '15 Julyy 2022',
    '31 April 2022',
    '29 February 2022',
    'July 15, 2022',
    '2022',
  ])('refuses %j', (text) => {
    expect(parseDay(text)).toBeNull();
  });

  it('gives the same answer on a repeat (cached) call', () => {
    expect(parseDay('3 Aug 2022')).toBe('2022-08-03');
    expect(parseDay('3 Aug 2022')).toBe('2022-08-03');
  });

  it('round-trips every ISO day of a wide span (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -20_000, max: 40_000 }), (n) => {
        expect(parseDay(dayString(n))).toBe(dayString(n));
      }),
      { numRuns: 300 },
    );
  });
});

describe('dateAtPrecision', () => {
  it('keeps a day as one day', () => {
    expect(dateAtPrecision('2022-07-15', 'day')).toEqual({ precision: 'day', start: '2022-07-15', end: '2022-07-15' });
  });

  it('widens to the ISO week, Monday to Sunday', () => {
    expect(dateAtPrecision('2022-07-15', 'week')).toEqual({ precision: 'week', start: '2022-07-11', end: '2022-07-17' });
  });

  it('keeps a Sunday in the week that ends on it', () => {
    expect(dateAtPrecision('2022-07-17', 'week')).toEqual({ precision: 'week', start: '2022-07-11', end: '2022-07-17' });
  });

  it('crosses a year end when the ISO week does', () => {
    expect(dateAtPrecision('2022-01-01', 'week')).toEqual({ precision: 'week', start: '2021-12-27', end: '2022-01-02' });
  });

  it('widens to the calendar month, including February in a leap year', () => {
    expect(dateAtPrecision('2024-02-10', 'month')).toEqual({ precision: 'month', start: '2024-02-01', end: '2024-02-29' });
  });

  it('carries a note when given one', () => {
    expect(dateAtPrecision('2022-08-03', 'month', 'n')).toEqual({ precision: 'month', start: '2022-08-01', end: '2022-08-31', note: 'n' });
  });

  it('refuses a week that runs outside the years a YYYY-MM-DD day can name', () => {
    // Found by the CSV fuzzer: the week of 9999-12-31 ends on "+010000-01-02".
    expect(dateAtPrecision('9999-12-31', 'week')).toBeNull();
    expect(dateAtPrecision('9999-12-31', 'month')).toEqual({ precision: 'month', start: '9999-12-01', end: '9999-12-31' });
    expect(dateAtPrecision('9999-12-26', 'week')).toEqual({ precision: 'week', start: '9999-12-20', end: '9999-12-26' });
  });

  it('always gives a Monday-start 7-day week containing the day (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30_000 }), (n) => {
        const d = dateAtPrecision(dayString(n), 'week');
        if (d === null) throw new Error(`no week for ${dayString(n)}`);
        const s = dayNumber(d.start) as number;
        const e = dayNumber(d.end) as number;
        expect(weekday(s)).toBe(0);
        expect(e - s).toBe(6);
        expect(s <= n && n <= e).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('dateFromBounds', () => {
  it('is a day when start equals end', () => {
    expect(dateFromBounds('2022-01-03', '2022-01-03', 'range')).toEqual({ precision: 'day', start: '2022-01-03', end: '2022-01-03' });
  });

  it('keeps a nominal week only when it is an ISO week', () => {
    expect(dateFromBounds('2022-07-11', '2022-07-17', 'week')?.precision).toBe('week');
    expect(dateFromBounds('2022-01-29', '2022-02-04', 'week')?.precision).toBe('range');
  });

  it('keeps a nominal month only when it is a calendar month', () => {
    expect(dateFromBounds('2022-09-01', '2022-09-30', 'month')?.precision).toBe('month');
    expect(dateFromBounds('2022-03-30', '2022-04-10', 'month')?.precision).toBe('range');
  });

  it('makes a multi-day "day" a range', () => {
    expect(dateFromBounds('2022-01-01', '2022-01-02', 'day')?.precision).toBe('range');
  });

  it('refuses an end before the start, or an unreal day', () => {
    expect(dateFromBounds('2022-01-05', '2022-01-04', 'range')).toBeNull();
    expect(dateFromBounds('2022-02-30', '2022-03-01', 'range')).toBeNull();
  });
});

describe('isIsoWeek / isCalendarMonth', () => {
  it('recognise exact spans only', () => {
    expect(isIsoWeek('2022-07-11', '2022-07-17')).toBe(true);
    expect(isIsoWeek('2022-07-12', '2022-07-18')).toBe(false);
    expect(isCalendarMonth('2022-02-01', '2022-02-28')).toBe(true);
    expect(isCalendarMonth('2022-02-01', '2022-02-27')).toBe(false);
  });
});
