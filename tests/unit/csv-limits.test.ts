import { describe, expect, it } from 'vitest';
import { LineLengthGuard, MAX_CSV_COLUMNS, csvHeaderRefusal } from '../../src/lib/data/import/csv-limits.ts';

describe('csvHeaderRefusal', () => {
  it('accepts an ordinary header, counting commas inside quotes as text', () => {
    expect(csvHeaderRefusal('a,"b,c",d\n1,2,3\n', 'x.csv', true)).toBeNull();
  });
  it('accepts exactly the column limit and refuses one more', () => {
    const header = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`).join(',');
    expect(csvHeaderRefusal(`${header(MAX_CSV_COLUMNS)}\n`, 'x.csv', true)).toBeNull();
    expect(csvHeaderRefusal(`${header(MAX_CSV_COLUMNS + 1)}\n`, 'x.csv', true)).toMatch(/more than 1,000 columns/);
  });
  it('refuses a first line that does not end within a cut sample, but not a whole short file', () => {
    expect(csvHeaderRefusal('a,b,c', 'x.csv', false)).toMatch(/not a header row/);
    expect(csvHeaderRefusal('a,b,c', 'x.csv', true)).toBeNull();
  });
});

describe('LineLengthGuard', () => {
  it('follows a line across slices', () => {
    const guard = new LineLengthGuard(10);
    expect(guard.accept('12345')).toBe(true);
    expect(guard.accept('67890\nab')).toBe(true);
    expect(guard.accept('cdefghijk')).toBe(false);
  });
  it('resets at each line end', () => {
    const guard = new LineLengthGuard(4);
    expect(guard.accept('abcd\nabcd\nabcd\n')).toBe(true);
    expect(guard.accept('abcde\n')).toBe(false);
  });
  it('names the file and the limit in its message', () => {
    expect(LineLengthGuard.message('big.csv', 1_000_000)).toContain('"big.csv" has a line longer than 1,000,000 characters');
  });
});
