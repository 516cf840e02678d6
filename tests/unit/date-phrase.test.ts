import { describe, expect, it } from 'vitest';
import { phraseIncidentDate } from '../../src/lib/format/date-phrase.ts';

describe('phraseIncidentDate', () => {
  it('says a day', () => {
    expect(phraseIncidentDate({ precision: 'day', start: '2022-07-14', end: '2022-07-14' })).toBe('14 July 2022');
  });
  it('says a week from its ISO Monday', () => {
    expect(phraseIncidentDate({ precision: 'week', start: '2022-07-14', end: '2022-07-14' })).toBe('week of 11 July 2022');
    expect(phraseIncidentDate({ precision: 'week', start: '2022-08-08', end: '2022-08-14' })).toBe('week of 8 August 2022');
  });
  it('finds the Monday across a year boundary', () => {
    expect(phraseIncidentDate({ precision: 'week', start: '2022-01-01', end: '2022-01-01' })).toBe('week of 27 December 2021');
  });
  it('says a month', () => {
    expect(phraseIncidentDate({ precision: 'month', start: '2022-07-01', end: '2022-07-31' })).toBe('July 2022');
  });
  it('says a range of whole months across years', () => {
    expect(phraseIncidentDate({ precision: 'range', start: '2021-12-01', end: '2022-03-31' })).toBe('December 2021 – March 2022');
  });
  it('says a range of whole months in one year', () => {
    expect(phraseIncidentDate({ precision: 'range', start: '2022-01-01', end: '2022-03-31' })).toBe('January – March 2022');
  });
  it('says a whole single month as the month', () => {
    expect(phraseIncidentDate({ precision: 'range', start: '2022-02-01', end: '2022-02-28' })).toBe('February 2022');
  });
  it('says a range of days in one month', () => {
    expect(phraseIncidentDate({ precision: 'range', start: '2022-07-03', end: '2022-07-07' })).toBe('3–7 July 2022');
  });
  it('says a range of days across months', () => {
    expect(phraseIncidentDate({ precision: 'range', start: '2022-06-28', end: '2022-07-03' })).toBe('28 June – 3 July 2022');
  });
  it('says a range of days across years', () => {
    expect(phraseIncidentDate({ precision: 'range', start: '2021-12-28', end: '2022-01-03' })).toBe('28 December 2021 – 3 January 2022');
  });
  it('says a one-day range as a day', () => {
    expect(phraseIncidentDate({ precision: 'range', start: '2022-07-14', end: '2022-07-14' })).toBe('14 July 2022');
  });
  it('returns unreadable days as written', () => {
    expect(phraseIncidentDate({ precision: 'day', start: '2022-02-30', end: '2022-02-30' })).toBe('2022-02-30');
    expect(phraseIncidentDate({ precision: 'range', start: '2022-03-05', end: '2022-03-01' })).toBe('2022-03-05 – 2022-03-01');
  });
});
