/**
 * The real UCDP GED sample (807 events, 2022, Sagaing/Kayah/Kayin; CC BY 4.0, see
 * tests/fixtures/ATTRIBUTION.md): every row must be accounted for, and the mapped values
 * must agree with the raw columns.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { MYANMAR_BBOX } from '../../src/lib/domain/areas.ts';
import { importCsvText } from '../../src/lib/data/import/import-text.ts';
import { PAPA_CONFIG } from '../../src/lib/data/import/papa-config.ts';

const text = readFileSync(new URL('../fixtures/ucdp_ged_myanmar_2022_sagaing_kayah_kayin.csv', import.meta.url), 'utf8');
const raw = Papa.parse<Record<string, string>>(text, PAPA_CONFIG).data;
const report = importCsvText(text, { datasetId: 'ucdp', fileName: 'ucdp_ged_myanmar_2022_sagaing_kayah_kayin.csv' });

function tally(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

describe('UCDP GED sample', () => {
  it('is read as UCDP GED', () => {
    expect(report.format).toBe('ucdp-ged');
  });

  it('accounts for all 807 rows: all shown, none rejected, no duplicates', () => {
    expect(raw).toHaveLength(807);
    expect([report.rowsRead, report.rowsShown, report.rowsRejected]).toEqual([807, 807, 0]);
    expect(report.rejected).toEqual([]);
    expect(report.duplicates).toEqual([]);
  });

  it('keeps each UCDP id, in file order, as the incident id', () => {
    expect(report.incidents.map((i) => i.id)).toEqual(raw.map((r) => `ucdp:${r.id}`));
  });

  it('maps where_prec through the table, not as a scale', () => {
    expect(tally(raw.map((r) => r.where_prec as string))).toEqual({ '1': 145, '2': 171, '3': 13, '4': 14, '5': 464 });
    expect(tally(report.incidents.map((i) => i.precision))).toEqual({ village: 145, near: 171, township: 464, district: 13, region: 14 });
  });

  it('keeps date_prec 1 as days and turns uneven UCDP windows into ranges', () => {
    expect(tally(raw.map((r) => r.date_prec as string))).toEqual({ '1': 691, '2': 75, '3': 8, '4': 30, '5': 3 });
    // 9 of the 30 month rows are whole calendar months and 1 of the 8 week rows an ISO week.
    expect(tally(report.incidents.map((i) => i.date.precision))).toEqual({ day: 691, range: 106, month: 9, week: 1 });
  });

  it('keeps date_start and date_end exactly', () => {
    expect(report.incidents.map((i) => [i.date.start, i.date.end])).toEqual(raw.map((r) => [r.date_start, r.date_end]));
  });

  it('names the three focus areas without UCDP\u2019s unit suffix', () => {
    expect(tally(report.incidents.map((i) => i.place.admin1))).toEqual({ Sagaing: 593, Kayah: 108, Kayin: 106 });
  });

  it('takes 87 categories from headline keywords and the rest from type_of_violence', () => {
    expect(tally(report.incidents.map((i) => String(i.extra?.category_basis).split(' ')[0] as string))).toEqual({ source_headline: 87, type_of_violence: 720 });
    expect(tally(report.incidents.map((i) => i.category))).toEqual({ clash: 577, massacre_raid: 143, air_strike: 55, shelling: 27, helicopter_attack: 5 });
  });

  it('carries best/low/high into one UCDP killed figure per event', () => {
    const sum = (f: (r: Record<string, string>) => string | undefined) => raw.reduce((s, r) => s + Number(f(r)), 0);
    expect(report.incidents.every((i) => i.killed.length === 1 && i.killed[0]?.source === 'UCDP GED')).toBe(true);
    expect(report.incidents.reduce((s, i) => s + (i.killed[0]?.low ?? 0), 0)).toBe(sum((r) => r.low));
    expect(report.incidents.reduce((s, i) => s + (i.killed[0]?.high ?? 0), 0)).toBe(sum((r) => r.high));
    expect(report.incidents.reduce((s, i) => s + Number(i.extra?.best), 0)).toBe(sum((r) => r.best));
  });

  it('places every event inside Myanmar', () => {
    const [w, s, e, n] = MYANMAR_BBOX;
    expect(report.incidents.filter((i) => i.lon < w || i.lon > e || i.lat < s || i.lat > n)).toEqual([]);
  });

  it('marks every event as imported and cites UCDP GED', () => {
    expect(report.incidents.every((i) => i.verification.status === 'imported' && i.sources[0]?.publisher === 'UCDP GED')).toBe(true);
  });
});
