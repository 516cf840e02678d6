import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseFigure } from '../../geo/lib/figures.ts';

const S = 'Test source';

describe('parseFigure', () => {
  it.each([
    ['2-3', 2, 3, 'range'],
    ['2–3', 2, 3, 'range'],
    ['11 to 14', 11, 14, 'range'],
    ['at least 11', 11, null, 'at_least'],
    ['>=11', 11, null, 'at_least'],
    ['≥ 11', 11, null, 'at_least'],
    ['>200', 200, null, 'more_than'],
    ['over 10,000', 10_000, null, 'more_than'],
    ['>10,000', 10_000, null, 'more_than'],
    ['more than 150,000', 150_000, null, 'more_than'],
    ['>1 million', 1_000_000, null, 'more_than'],
    ['>1.2 M', 1_200_000, null, 'more_than'],
    ['~700', 700, 700, 'about'],
    ['about 760,000', 760_000, 760_000, 'about'],
    ['4,000', 4000, 4000, 'exact'],
    ['13', 13, 13, 'exact'],
    ['0', 0, 0, 'exact'],
    ['1,037,800', 1_037_800, 1_037_800, 'exact'],
  ])('%s -> %s..%s (%s)', (text, low, high, qualifier) => {
    expect(parseFigure(text, S)).toEqual({ low, high, qualifier, text, source: S });
  });

  it('gives "thousands" no numbers', () => {
    expect(parseFigure('thousands', 'Myanmar Now')).toEqual({ low: null, high: null, qualifier: 'unspecified', text: 'thousands', source: 'Myanmar Now' });
  });

  it.each(['hundreds', 'none reported', 'n/a', '', 'many'])('leaves %j unspecified', (text) => {
    const f = parseFigure(text, S);
    expect(f.qualifier).toBe('unspecified');
    expect(f.low).toBeNull();
    expect(f.high).toBeNull();
  });

  it('keeps words after the number in the text', () => {
    expect(parseFigure('4,000 from 15 villages', 'RFA')).toEqual({ low: 4000, high: 4000, qualifier: 'exact', text: '4,000 from 15 villages', source: 'RFA' });
    expect(parseFigure('13, including 7 children', S)).toMatchObject({ low: 13, high: 13, qualifier: 'exact' });
    expect(parseFigure('11–14, including at least 6 children', S)).toMatchObject({ low: 11, high: 14, qualifier: 'range' });
  });

  it('does not turn households or homes into people', () => {
    expect(parseFigure('>200 households', S)).toMatchObject({ low: null, high: null, qualifier: 'unspecified', text: '>200 households' });
    expect(parseFigure('10 homes', S).qualifier).toBe('unspecified');
  });

  it('rejects reversed ranges and malformed numbers', () => {
    expect(parseFigure('5-3', S).qualifier).toBe('unspecified');
    expect(parseFigure('4,0000', S).qualifier).toBe('unspecified');
    expect(parseFigure('2.5', S).qualifier).toBe('unspecified');
  });

  it('trims and collapses spaces in the kept text', () => {
    expect(parseFigure('  at  least 11 ', S).text).toBe('at least 11');
  });

  it('formats any integer with thousands separators back to itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000_000 }), (n) => {
        const f = parseFigure(n.toLocaleString('en-US'), S);
        return f.low === n && f.high === n && f.qualifier === 'exact';
      }),
      { numRuns: 200 },
    );
  });

  it('never invents a number that is not written', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z ]{0,20}$/), (text) => parseFigure(text, S).low === null),
      { numRuns: 200 },
    );
  });
});
