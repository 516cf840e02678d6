/**
 * Property-based tests of the CSV importers (issue #7): real ACLED, UCDP GED and Conflict Map
 * rows, mutated cell by cell and byte by byte, must never make the importer throw, and every
 * row papaparse produces must be counted exactly once as shown or rejected.
 *
 * Runs per test run (the fuzz files together run at least 10,000 cases; see also
 * fuzz-geojson-import.test.ts and tests/component/fuzz-rendering.test.ts):
 *   ACLED mutated rows 2,500 · UCDP mutated rows 1,500 · Conflict Map mutated export 800 ·
 *   Conflict Map clean export 200 · arbitrary text 1,500 · header + garbage lines 800 ·
 *   chunked session 400 · 100 KB fields 20 = 7,720 here.
 * All fuzz files together: 7,720 (CSV) + 4,700 (GeoJSON) + 800 (rendering) = 13,220 cases.
 * `FUZZ_SEED=<n>` replays a run; `FUZZ_SCALE=<x>` multiplies every count.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { importCsvText } from '../../src/lib/data/import/import-text.ts';
import { ImportSession } from '../../src/lib/data/import/import-session.ts';
import { incidentsToCsv } from '../../src/lib/data/import/export-incidents.ts';
import { PAPA_CONFIG } from '../../src/lib/data/import/papa-config.ts';
import type { CsvRow, ImportReport } from '../../src/lib/data/import/types.ts';
import {
  AWKWARD_CHARS,
  applyRowEdits,
  applyTextEdits,
  assertSoundReport,
  csvLayout,
  FUZZ_TIMEOUT_MS,
  fuzzOptions,
  hostileIncidents,
  hostilePiece,
  hostileText,
  logFuzzSeed,
  MARKUP_PAYLOADS,
  rowEdit,
  textEdit,
  toCsvText,
} from '../fuzz/arbitraries.ts';

const DATASET = 'fuzz';

function fixture(path: string): { header: string[]; rows: string[][] } {
  const text = readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');
  const table = Papa.parse<string[]>(text, { header: false, skipEmptyLines: 'greedy', delimiter: ',' }).data;
  const [header, ...rows] = table;
  return { header: header ?? [], rows };
}

const ACLED_CURRENT = fixture('import/acled-current.csv');
const ACLED_OLD = fixture('import/acled-old-export.csv');
const ACLED_HTML = fixture('import/acled-html-notes.csv');
const UCDP = fixture('ucdp_ged_myanmar_2022_sagaing_kayah_kayin.csv');

/** Rows papaparse produces for this text with the app's configuration: the oracle for rowsRead. */
function papaRowCount(text: string): number {
  return Papa.parse<CsvRow>(text, PAPA_CONFIG).data.length;
}

/** Imports the text (the call itself must not throw) and checks the report's soundness. */
function importAndCheck(text: string, fileName: string): ImportReport {
  const report = importCsvText(text, { datasetId: DATASET, fileName });
  assertSoundReport(report, { rowsGiven: papaRowCount(text), datasetId: DATASET });
  return report;
}

/** Mutated files built from real rows: a few rows, edited cells, a layout, raw text edits. */
function mutatedFile(source: { header: string[]; rows: string[][] }, maxRows: number) {
  return fc.record({
    picks: fc.array(fc.nat({ max: source.rows.length - 1 }), { minLength: 0, maxLength: maxRows }),
    edits: fc.array(rowEdit(source.header), { maxLength: 8 }),
    layout: csvLayout,
    textEdits: fc.array(textEdit, { maxLength: 3 }),
    fileName: hostileText,
  }).map(({ picks, edits, layout, textEdits, fileName }) => {
    const table = applyRowEdits(source.header, picks.map((i) => source.rows[i] as string[]), edits);
    return { text: applyTextEdits(toCsvText(table, layout), textEdits), fileName };
  });
}

let warn: MockInstance;

beforeAll(() => {
  logFuzzSeed('fuzz-csv-import');
  // papaparse warns on every file with duplicate headers, which the fuzzer makes by the hundred.
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterAll(() => {
  warn.mockRestore();
});

describe('CSV import fuzzing', () => {
  it('mutated ACLED rows: never throws, counts every row once, shows only sound incidents', () => {
    const source = fc.constantFrom(ACLED_CURRENT, ACLED_OLD, ACLED_HTML).chain((s) => mutatedFile(s, 6));
    fc.assert(
      fc.property(source, ({ text, fileName }) => {
        importAndCheck(text, fileName);
      }),
      fuzzOptions(2500),
    );
  }, FUZZ_TIMEOUT_MS);

  it('mutated UCDP GED rows: never throws, counts every row once, shows only sound incidents', () => {
    fc.assert(
      fc.property(mutatedFile(UCDP, 6), ({ text, fileName }) => {
        importAndCheck(text, fileName);
      }),
      fuzzOptions(1500),
    );
  }, FUZZ_TIMEOUT_MS);

  it('mutated Conflict Map exports of hostile incidents: never throws, counts every row once', () => {
    const file = fc
      .record({
        incidents: hostileIncidents(4),
        layout: csvLayout,
        textEdits: fc.array(textEdit, { maxLength: 3 }),
      })
      .chain(({ incidents, layout, textEdits }) => {
        const exported = Papa.parse<string[]>(incidentsToCsv(incidents), { header: false, delimiter: ',' }).data;
        const [header = [], ...rows] = exported;
        return fc.array(rowEdit(header), { maxLength: 6 }).map((edits) => {
          const table = applyRowEdits(header, rows, edits);
          return applyTextEdits(toCsvText(table, layout), textEdits);
        });
      });
    fc.assert(
      fc.property(file, (text) => {
        importAndCheck(text, 'export.csv');
      }),
      fuzzOptions(800),
    );
  }, FUZZ_TIMEOUT_MS);

  it('an unmutated Conflict Map export of hostile incidents is shown in full', () => {
    // 0, 0 is the "no location" filler and a blank id is refused, by design; keep both out.
    const showable = hostileIncidents(5).filter((list) => list.every((i) => i.id.trim() !== '' && !(i.lon === 0 && i.lat === 0)));
    fc.assert(
      fc.property(showable, (incidents) => {
        const report = importAndCheck(incidentsToCsv(incidents), 'export.csv');
        expect(report.format).toBe('conflict-map');
        expect(report.rowsShown).toBe(incidents.length);
        // Text fields come back exactly, payloads and all.
        expect(report.incidents.map((i) => i.title)).toEqual(incidents.map((i) => i.title));
        expect(report.incidents.map((i) => i.summary)).toEqual(incidents.map((i) => i.summary));
      }),
      fuzzOptions(200),
    );
  }, FUZZ_TIMEOUT_MS);

  it('arbitrary text (odd encodings, NUL, lone surrogates, mixed scripts): never throws, counts add up', () => {
    const chunk = fc.oneof(hostilePiece, fc.constantFrom(...AWKWARD_CHARS), fc.string({ unit: 'binary', maxLength: 30 }));
    const text = fc.array(chunk, { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, hostileText, (t, fileName) => {
        importAndCheck(t, fileName);
      }),
      fuzzOptions(1500),
    );
  }, FUZZ_TIMEOUT_MS);

  it('a real header followed by garbage lines: never throws, counts add up', () => {
    const headers = fc.constantFrom(ACLED_CURRENT.header, UCDP.header, ACLED_OLD.header);
    const line = fc.array(fc.oneof(hostilePiece, fc.constantFrom(',', ',,,', '"', '""', '1', '96.1', '20.5', '2022-07-15')), { maxLength: 30 }).map((p) => p.join(''));
    fc.assert(
      fc.property(headers, fc.array(line, { maxLength: 8 }), fc.constantFrom('\n', '\r\n', '\r'), (header, lines, nl) => {
        importAndCheck([header.join(','), ...lines].join(nl), 'garbage.csv');
      }),
      fuzzOptions(800),
    );
  }, FUZZ_TIMEOUT_MS);

  it('rows fed chunk by chunk keep the invariant after every chunk and end as the one-shot import does', () => {
    const source = fc.constantFrom(ACLED_CURRENT, UCDP).chain((s) => mutatedFile(s, 10));
    fc.assert(
      fc.property(source, fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 12 }), ({ text, fileName }, sizes) => {
        const parsed = Papa.parse<CsvRow>(text, PAPA_CONFIG);
        const session = new ImportSession({ datasetId: DATASET, fileName });
        let next = 1;
        let k = 0;
        while (next <= parsed.data.length) {
          const size = sizes[k++ % Math.max(1, sizes.length)] ?? 1;
          const chunk = parsed.data.slice(next - 1, next - 1 + size);
          session.addRows(chunk, next, parsed.meta.fields);
          next += chunk.length;
          const c = session.counts;
          expect(c.rowsRead).toBe(next - 1);
          expect(c.rowsRead).toBe(c.rowsShown + c.rowsRejected);
        }
        const streamed = session.finish();
        const whole = importCsvText(text, { datasetId: DATASET, fileName });
        // A header with no data rows never reaches addRows, so only compare when rows came.
        if (parsed.data.length > 0) {
          expect(streamed.format).toBe(whole.format);
          expect(streamed.rejected.map((r) => [r.row, r.reason])).toEqual(whole.rejected.map((r) => [r.row, r.reason]));
          expect(streamed.incidents.map((i) => i.id)).toEqual(whole.incidents.map((i) => i.id));
        }
        assertSoundReport(streamed, { rowsGiven: parsed.data.length, datasetId: DATASET });
      }),
      fuzzOptions(400),
    );
  }, FUZZ_TIMEOUT_MS);

  it('100 KB fields in any column: never throws, counts add up, long notes kept whole', () => {
    const base = ACLED_CURRENT;
    const notesCol = base.header.indexOf('notes');
    // The field is built inside the property, so a failure prints the recipe, not 100 KB.
    const recipe = fc.record({
      piece: fc.constantFrom(...MARKUP_PAYLOADS, 'မြန်မာ', 'a', '"', ',\n', '\uD800', '\r'),
      size: fc.integer({ min: 100_000, max: 110_000 }),
      col: fc.oneof(fc.constant(notesCol), fc.nat({ max: base.header.length - 1 })),
    });
    fc.assert(
      fc.property(recipe, ({ piece, size, col }) => {
        const value = piece.repeat(Math.ceil(size / piece.length)).slice(0, size);
        const row = [...(base.rows[0] as string[])];
        row[col] = value;
        const text = toCsvText([base.header, row, base.rows[1] as string[]], { lineEnd: '\r\n', quoteAll: false, bom: false, trailingNewline: true });
        const report = importAndCheck(text, 'huge.csv');
        if (col === notesCol) expect(report.incidents[0]?.summary).toBe(value);
        // Copied columns are cut to 300 characters; the event id is kept whole, since it is the id.
        for (const inc of report.incidents) {
          for (const [k, v] of Object.entries(inc.extra ?? {})) {
            if (typeof v === 'string' && k !== 'event_id') expect(v.length).toBeLessThanOrEqual(300);
          }
        }
      }),
      fuzzOptions(20),
    );
  }, FUZZ_TIMEOUT_MS);
});
