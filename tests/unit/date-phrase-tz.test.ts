// Must run before anything creates a Date: Node reads TZ when it first needs local time.
process.env.TZ = 'America/New_York';

import { describe, expect, it } from 'vitest';
import { phraseIncidentDate } from '../../src/lib/format/date-phrase.ts';

describe('phraseIncidentDate west of UTC', () => {
  it('runs in New York time (EDT in July)', () => {
    expect(new Date(2022, 6, 14).getTimezoneOffset()).toBe(240);
  });
  it('keeps 14 July 2022 on the 14th', () => {
    expect(phraseIncidentDate({ precision: 'day', start: '2022-07-14', end: '2022-07-14' })).toBe('14 July 2022');
  });
  it('keeps month starts in their month', () => {
    expect(phraseIncidentDate({ precision: 'month', start: '2022-07-01', end: '2022-07-31' })).toBe('July 2022');
    expect(phraseIncidentDate({ precision: 'range', start: '2021-12-01', end: '2022-03-31' })).toBe('December 2021 – March 2022');
  });
});
