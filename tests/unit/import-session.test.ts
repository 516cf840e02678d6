import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { ImportSession } from '../../src/lib/data/import/import-session.ts';
import { importCsvText } from '../../src/lib/data/import/import-text.ts';
import { PAPA_CONFIG } from '../../src/lib/data/import/papa-config.ts';
import { REJECT_REASONS, REJECT_REASON_LABEL, type CsvRow } from '../../src/lib/data/import/types.ts';

const FIXTURES = new URL('../fixtures/', import.meta.url);
const UCDP = readFileSync(new URL('ucdp_ged_myanmar_2022_sagaing_kayah_kayin.csv', FIXTURES), 'utf8');
const ACLED = readFileSync(new URL('import/acled-bad-dates.csv', FIXTURES), 'utf8');
const opts = { datasetId: 'ds', fileName: 'f.csv' };

/** Streams text through papaparse in chunks of `chunkSize` bytes, as the worker does. */
function streamed(text: string, chunkSize: number): ReturnType<ImportSession['finish']> {
  const session = new ImportSession(opts);
  let next = 1;
  Papa.parse<CsvRow>(text, {
    ...PAPA_CONFIG,
    chunkSize,
    chunk(results: Papa.ParseResult<CsvRow>) {
      session.addRows(results.data, next, results.meta.fields);
      next += results.data.length;
    },
    // With a string input papaparse runs the chunks synchronously, before parse() returns.
    complete() {},
  });
  return session.finish();
}

describe('ImportSession', () => {
  it('gives the same report whether the file arrives whole or in chunks', () => {
    const whole = importCsvText(UCDP, opts);
    for (const size of [4_096, 50_000]) {
      expect(streamed(UCDP, size)).toEqual(whole);
    }
  });

  it('keeps row numbers and reasons across chunk boundaries', () => {
    const whole = importCsvText(ACLED, opts);
    const chunked = streamed(ACLED, 500);
    expect(chunked.rejected).toEqual(whole.rejected);
    expect(chunked.incidents).toEqual(whole.incidents);
  });

  it('lets the worker drain incidents chunk by chunk', () => {
    const session = new ImportSession(opts);
    const rows = Papa.parse<CsvRow>(UCDP, PAPA_CONFIG);
    session.addRows(rows.data.slice(0, 300), 1, rows.meta.fields);
    const first = session.takeIncidents();
    session.addRows(rows.data.slice(300), 301);
    const report = session.finish();
    expect(first).toHaveLength(300);
    expect(report.incidents).toHaveLength(507);
    expect(report.rowsShown).toBe(807);
    expect(session.counts).toEqual({ rowsRead: 807, rowsShown: 807, rowsRejected: 0 });
  });

  it('detects the format from the first row when no header is passed', () => {
    const session = new ImportSession(opts);
    const rows = Papa.parse<CsvRow>(UCDP, PAPA_CONFIG).data;
    session.addRows(rows.slice(0, 2), 1);
    expect(session.format).toBe('ucdp-ged');
  });

  it('is undecided before any row and ignores an empty first chunk', () => {
    const session = new ImportSession(opts);
    session.addRows([], 1);
    expect(session.format).toBeNull();
    expect(session.finish().format).toBe('unknown');
  });

  it('reads rows as a given format without detection', () => {
    const session = new ImportSession({ ...opts, format: 'ucdp-ged' });
    session.setFields(['id']);
    session.addRows([{ id: '1' }], 1);
    expect(session.finish().rejected[0]?.reason).toBe('no_coordinates');
  });

  it('rejects every row of an unknown format with the detection message', () => {
    const session = new ImportSession(opts);
    session.addRows([{ name: 'a' }, { name: 'b' }], 1, ['name']);
    const report = session.finish();
    expect(report.format).toBe('unknown');
    expect(report.rejected.map((r) => [r.row, r.reason, r.message])).toEqual([
      [1, 'unknown_format', report.formatMessage],
      [2, 'unknown_format', report.formatMessage],
    ]);
  });

  it('refuses GeoJSON features in a CSV import', () => {
    const session = new ImportSession({ ...opts, format: 'acled' });
    session.addFeatures([{ type: 'Feature', geometry: null, properties: { a: '1' } }], 1);
    expect(session.finish().rejected[0]).toMatchObject({ row: 1, reason: 'unknown_format', raw: { a: '1' } });
  });

  it('counts rejected rows beyond the detail limit without keeping them', () => {
    const session = new ImportSession({ ...opts, maxRejectedDetails: 2 });
    session.addRows([{ x: '1' }, { x: '2' }, { x: '3' }, { x: '4' }, { x: '5' }], 1, ['x']);
    const report = session.finish();
    expect([report.rowsRejected, report.rejected.length, report.rejectedOmitted]).toEqual([5, 2, 3]);
    expect(report.rejectedByReason).toEqual({ unknown_format: 5 });
  });

  it('keeps papaparse\u2019s overflow fields in one raw cell', () => {
    const session = new ImportSession({ ...opts, format: 'acled' });
    session.addRows([{ a: '1', b: '2', __parsed_extra: ['3', '4'] } as unknown as CsvRow], 1, ['a', 'b']);
    const r = session.finish().rejected[0];
    expect([r?.reason, r?.message, r?.raw]).toEqual(['wrong_field_count', 'The row has 4 fields but the header has 2 (an unquoted comma?).', { a: '1', b: '2', extra_fields: '3,4' }]);
  });

  it('returns copies, so a later chunk does not change an earlier report', () => {
    const session = new ImportSession(opts);
    session.addRows([{ x: '1' }], 1, ['x']);
    const before = session.finish();
    session.addRows([{ x: '2' }], 2);
    expect(before.rejected).toHaveLength(1);
    expect(session.finish().rejected).toHaveLength(2);
  });

  it('always has rowsRead = rowsShown + rowsRejected, however rows are cut into chunks (property)', () => {
    const rows = Papa.parse<CsvRow>(ACLED, PAPA_CONFIG);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 6 }), (cuts) => {
        const session = new ImportSession(opts);
        let at = 0;
        for (const size of [...cuts, rows.data.length]) {
          const chunk = rows.data.slice(at, at + size);
          session.addRows(chunk, at + 1, rows.meta.fields);
          at += chunk.length;
          const c = session.counts;
          expect(c.rowsRead).toBe(c.rowsShown + c.rowsRejected);
        }
        const report = session.finish();
        expect(report.rowsRead).toBe(rows.data.length);
        expect(report.rowsRead).toBe(report.rowsShown + report.rowsRejected);
        expect(report.rejected.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 8, 9]);
      }),
      { numRuns: 50 },
    );
  });
});

describe('reject reasons', () => {
  it('has a label for every reason, and lists every labelled reason', () => {
    expect(Object.keys(REJECT_REASON_LABEL).sort()).toEqual([...REJECT_REASONS].sort());
    expect(new Set(Object.values(REJECT_REASON_LABEL)).size).toBe(REJECT_REASONS.length);
  });
});
