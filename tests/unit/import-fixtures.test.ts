/**
 * Fixture-driven import tests: every file in tests/fixtures/import goes through the importer
 * the way the worker will run it (papaparse with PAPA_CONFIG, then ImportSession), and the
 * report must match both the hand-written expectations below and the golden
 * `<name>.expected.json`. `REGEN=1` rewrites the goldens; review the diff. Places are coded with
 * the shipped township files, as in the worker.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importCsvText, importGeoJsonText } from '../../src/lib/data/import/import-text.ts';
import type { ImportReport, RejectReason } from '../../src/lib/data/import/types.ts';
import { testGeography } from '../helpers/import-geography.ts';

const DIR = new URL('../fixtures/import/', import.meta.url);
const REGEN = process.env.REGEN === '1';

interface Expectation {
  readonly format: ImportReport['format'];
  readonly rowsRead: number;
  readonly rejected: readonly (readonly [number, RejectReason])[];
  readonly duplicates?: readonly (readonly [number, string, number])[];
  readonly messageIncludes?: string;
}

const EXPECTED: Record<string, Expectation> = {
  'acled-current.csv': { format: 'acled', rowsRead: 8, rejected: [] },
  'acled-old-export.csv': { format: 'acled', rowsRead: 3, rejected: [] },
  'acled-truncated.csv': { format: 'acled', rowsRead: 5, rejected: [[2, 'wrong_field_count'], [5, 'wrong_field_count']] },
  'acled-semicolon.csv': {
    format: 'unknown',
    rowsRead: 4,
    rejected: [[1, 'unknown_format'], [2, 'unknown_format'], [3, 'unknown_format'], [4, 'unknown_format']],
    messageIncludes: 'separated by semicolons (;)',
  },
  'acled-missing-columns.csv': {
    format: 'unknown',
    rowsRead: 2,
    rejected: [[1, 'unknown_format'], [2, 'unknown_format']],
    messageIncludes: 'lacks the columns latitude, longitude',
  },
  'acled-bad-coordinates.csv': {
    format: 'acled',
    rowsRead: 7,
    rejected: [[1, 'no_coordinates'], [2, 'no_coordinates'], [3, 'no_coordinates'], [4, 'latitude_out_of_range'], [5, 'longitude_out_of_range'], [6, 'no_coordinates']],
  },
  'acled-swapped.csv': { format: 'acled', rowsRead: 4, rejected: [[1, 'swapped_coordinates'], [2, 'swapped_coordinates'], [4, 'swapped_coordinates']] },
  'acled-bad-dates.csv': {
    format: 'acled',
    rowsRead: 10,
    rejected: [[1, 'unparseable_date'], [2, 'unparseable_date'], [3, 'unparseable_date'], [4, 'unparseable_date'], [5, 'unparseable_date'], [8, 'invalid_field'], [9, 'missing_required_field']],
  },
  'acled-missing-values.csv': {
    format: 'acled',
    rowsRead: 6,
    rejected: [[1, 'missing_required_field'], [2, 'missing_required_field'], [3, 'invalid_field'], [4, 'invalid_field'], [5, 'invalid_field']],
  },
  'acled-html-notes.csv': { format: 'acled', rowsRead: 2, rejected: [] },
  'acled-duplicates.csv': { format: 'acled', rowsRead: 3, rejected: [], duplicates: [[3, 'MMR90001', 1]] },
  'acled-townships.csv': { format: 'acled', rowsRead: 12, rejected: [] },
  'geojson-points.geojson': {
    format: 'geojson',
    rowsRead: 8,
    rejected: [[2, 'unsupported_geometry'], [3, 'no_coordinates'], [4, 'swapped_coordinates'], [5, 'unparseable_date'], [8, 'invalid_field']],
  },
  'geojson-single-feature.geojson': { format: 'geojson', rowsRead: 1, rejected: [] },
};

function importFixture(name: string): ImportReport {
  const text = readFileSync(new URL(name, DIR), 'utf8');
  // With the shipped township files, as the import worker runs: the goldens show the township codes.
  const options = { datasetId: 'fixture', fileName: name, geography: testGeography() };
  return name.endsWith('.csv') ? importCsvText(text, options) : importGeoJsonText(text, options);
}

const files = readdirSync(DIR).filter((f) => f.endsWith('.csv') || f.endsWith('.geojson'));

describe('import fixtures', () => {
  it('has an expectation for every fixture file', () => {
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  describe.each(files)('%s', (name) => {
    const report = importFixture(name);
    const expected = EXPECTED[name] as Expectation;

    it('detects the format', () => {
      expect(report.format).toBe(expected.format);
      if (expected.messageIncludes !== undefined) expect(report.formatMessage).toContain(expected.messageIncludes);
      else expect(report.formatMessage).toBeNull();
    });

    it('accounts for every row: read = shown + rejected', () => {
      expect(report.rowsRead).toBe(expected.rowsRead);
      expect(report.rowsShown).toBe(expected.rowsRead - expected.rejected.length);
      expect(report.rowsRejected).toBe(expected.rejected.length);
      expect(report.rowsShown).toBe(report.incidents.length);
    });

    it('rejects exactly the expected rows, each for its reason', () => {
      expect(report.rejected.map((r) => [r.row, r.reason])).toEqual(expected.rejected);
      const counts: Partial<Record<RejectReason, number>> = {};
      for (const [, reason] of expected.rejected) counts[reason] = (counts[reason] ?? 0) + 1;
      expect(report.rejectedByReason).toEqual(counts);
    });

    it('lists duplicates', () => {
      expect(report.duplicates.map((d) => [d.row, d.eventId, d.firstRow])).toEqual(expected.duplicates ?? []);
    });

    it('matches the golden report', () => {
      const golden = new URL(`${name.replace(/\.[a-z]+$/, '')}.expected.json`, DIR);
      const actual = JSON.parse(JSON.stringify(report)) as unknown;
      if (REGEN) writeFileSync(golden, `${JSON.stringify(actual, null, 2)}\n`);
      expect(existsSync(golden), `missing ${golden.pathname}; run with REGEN=1`).toBe(true);
      expect(actual).toEqual(JSON.parse(readFileSync(golden, 'utf8')));
    });
  });
});

describe('what the fixtures show', () => {
  it('reads BOM, CRLF, quoted commas, quoted newlines, doubled quotes and Burmese text', () => {
    const [first, second, third] = importFixture('acled-current.csv').incidents;
    expect(first?.id).toBe('fixture:MMR90001');
    expect(first?.summary).toBe(
      'On 17 January 2022, military aircraft bombed IDP camps near Mo So, Hpruso township, Kayah; three civilians were killed.\nReports differ on the aircraft type.',
    );
    expect(second?.place.name).toBe('Depayin (ဒီပဲယင်း)');
    expect(second?.summary).toContain('ဒီပဲယင်းမြို့နယ်');
    expect(third?.summary).toBe('Artillery shells hit Lay Kay Kaw during the week, "several houses" destroyed; no casualties reported.');
  });

  it('maps every category and precision of the current ACLED file', () => {
    const got = importFixture('acled-current.csv').incidents.map((i) => [i.category, i.precision, i.date.precision]);
    expect(got).toEqual([
      ['air_strike', 'township', 'day'],
      ['massacre_raid', 'named_place', 'day'],
      ['shelling', 'township', 'week'],
      ['clash', 'named_place', 'day'],
      ['massacre_raid', 'region', 'month'],
      ['other', 'named_place', 'day'],
      ['other', 'named_place', 'day'],
      ['clash', 'named_place', 'day'],
    ]);
  });

  it('reads the old export the same as the current one for the same events', () => {
    const strip = (i: ImportReport['incidents'][number]) => ({ ...i, extra: undefined, sources: undefined, verification: undefined });
    const old = importFixture('acled-old-export.csv').incidents;
    const current = importFixture('acled-current.csv').incidents.filter((i) => ['fixture:MMR90001', 'fixture:MMR90004', 'fixture:MMR90006'].includes(i.id));
    expect(old.map(strip)).toEqual(current.map(strip));
    expect(old[0]?.extra?.inter1).toBe('State forces');
  });

  it('keeps HTML and formulas as literal text', () => {
    const [a, b] = importFixture('acled-html-notes.csv').incidents;
    expect(a?.summary).toBe("<script>alert('x')</script> Villagers said <b>12</b> homes burned &amp; looted.");
    expect(a?.title).toBe('Armed clash in <img src=x onerror=alert(1)>');
    expect(a?.sources[0]?.note).toBe('Sources named by ACLED: =HYPERLINK("http://example.invalid","click")');
    expect(b?.summary).toBe('=1+2');
    expect(b?.extra?.actor1).toBe('@SUM(A1)');
  });

  it('shows a duplicate under its own id', () => {
    expect(importFixture('acled-duplicates.csv').incidents.map((i) => i.id)).toEqual(['fixture:MMR90001', 'fixture:MMR90002', 'fixture:MMR90001#row3']);
  });

  it('codes each row with its township, within its state/region, and its area when known only to one', () => {
    const report = importFixture('acled-townships.csv');
    const got = report.incidents.map((i) => [i.id.slice(8), i.place.townshipCode ?? null, i.place.areaCode ?? null, i.extra?.township_match ?? null, i.extra?.township_point ?? null]);
    expect(got).toEqual([
      ['MMR91001', 'MMR005027', 'MMR005027', 'normalised', 'inside'], // Kalay → Kale
      ['MMR91002', 'MMR003003', null, 'normalised', 'inside'], // Papun → Hpapun, a town: no area
      ['MMR91003', 'MMR007014', 'MMR007014', 'exact', 'inside'], // Htantabin, Bago
      ['MMR91004', 'MMR013006', 'MMR013006', 'exact', 'inside'], // Htantabin, Yangon
      ['MMR91005', 'MMR009013', null, 'exact', 'inside'], // Minhla, Magway
      ['MMR91006', 'MMR014014', 'MMR014014', 'normalised', 'inside'], // Kun-hing → Kunhing
      ['MMR91007', 'MMR005010', 'MMR005010', 'exact', 'outside'], // Tabayin kept, though the point is Loikaw's
      ['MMR91008', 'MMR005010', null, 'point', null], // no township named: the point's
      ['MMR91009', null, null, null, null], // a road: no code, still township precision
      ['MMR91010', 'MMR005010', 'MMR005010', 'pcode', 'inside'], // the admin3_pcode column
      ['MMR91011', 'MMR005010', null, 'exact', 'inside'], // an unknown pcode: the name decides
      ['MMR91012', null, 'MM-12', null, null], // Kayah only
    ]);
    expect(report.incidents[8]?.precision).toBe('township');
    expect(report.placeMatch).toMatchObject({
      townshipByCode: 1,
      townshipByName: 8,
      confirmedByPoint: 8,
      contradictedByPoint: 1,
      locatedByPoint: 1,
      areas: { township: 6, district: 0, region: 1 },
      unmatchedRows: 1,
      unmatched: [{ name: 'Shwebo-Kanbalu Road', admin1: 'Sagaing', level: 'township', rows: 1 }],
    });
  });

  it('keeps the cut-off row\u2019s values for the rejects file', () => {
    const cut = importFixture('acled-truncated.csv').rejected[1];
    expect(cut?.raw.event_id_cnty).toBe('MMR90013');
    expect(cut?.raw.notes).toBe('Fighting near Hpa-An was rep');
    expect(cut?.message).toBe('The row has 28 fields but the header has 31 (cut off?).');
  });
});
