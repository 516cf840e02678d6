import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateDisplacement, validateIncidents, type Admin1Boundaries, type ExternalEvent, type ValidationReport } from '../../geo/lib/validate-incidents.ts';
import { expectProblems, readFixtures, type Fixture } from './validate-fixture-helpers.ts';

const DIR = path.resolve(import.meta.dirname, '../fixtures/validate');
const boundaries = JSON.parse(readFileSync(path.join(DIR, 'boundaries.geojson'), 'utf8')) as Admin1Boundaries;

function fixtures(sub: string): [string, Fixture][] {
  return readFixtures(path.join(DIR, sub));
}

function check(report: ValidationReport, f: Fixture): void {
  expectProblems(report.errors, f.expect.errors);
  expectProblems(report.warnings, f.expect.warnings);
}

describe('validateIncidents on fixtures', () => {
  it.each(fixtures('incidents'))('%s', (_name, f) => {
    check(validateIncidents(f.records, boundaries), f);
  });
});

describe('validateDisplacement on fixtures', () => {
  it.each(fixtures('displacement'))('%s', (_name, f) => {
    check(validateDisplacement(f.records, boundaries), f);
  });
});

describe('validateIncidents', () => {
  it('reads a point 1 km outside as a warning that says how far', () => {
    const [, f] = fixtures('incidents').find(([n]) => n === 'outside-1km') ?? [];
    const report = validateIncidents(f?.records ?? [], boundaries);
    expect(report.errors).toEqual([]);
    expect(report.warnings[0]?.reason).toMatch(/^point is 1(\.\d+)? km outside Kayin/);
  });

  it('does not change the records it checks', () => {
    const [, f] = fixtures('incidents').find(([n]) => n === 'wrong-state') ?? [];
    const before = JSON.stringify(f?.records);
    validateIncidents(f?.records ?? [], boundaries);
    expect(JSON.stringify(f?.records)).toBe(before);
  });

  it('accepts an empty list', () => {
    expect(validateIncidents([], boundaries)).toEqual({ errors: [], warnings: [] });
  });
});

describe('validateIncidents: cited events checked against the dataset', () => {
  const [, f] = fixtures('incidents').find(([n]) => n === 'valid') ?? [];
  const record = (f?.records[0] ?? {}) as Record<string, unknown>;
  // 2022-07-14 is day 19187; the record is a town at 97.5 E, 17.5 N in Kayin, township "Test".
  const event: ExternalEvent = { startDay: 19187, endDay: 19187, lon: 97.5, lat: 17.5, precision: 'village', admin1: 'Kayin', placeName: 'Test village' };
  const check = (at: Partial<ExternalEvent> | null, id = '448773') =>
    validateIncidents([{ ...record, refs: [{ dataset: 'ucdp-ged', id }] }], boundaries, {
      externalEvents: { 'ucdp-ged': (wanted) => (wanted === id && at !== null ? { ...event, ...at } : null) },
    }).warnings.map((w) => w.reason);

  it('accepts an event on the same day at the same point', () => {
    expect(check({})).toEqual([]);
  });

  it('warns when the cited event is not in the data', () => {
    expect(check(null)).toEqual(['cites UCDP GED 448773, which is not in the UCDP GED data at hand']);
  });

  it('allows one day either side, not two', () => {
    expect(check({ startDay: 19188, endDay: 19188 })).toEqual([]);
    expect(check({ startDay: 19186, endDay: 19186 })).toEqual([]);
    expect(check({ startDay: 19189, endDay: 19190 })).toEqual([
      "cites UCDP GED 448773, dated 2022-07-16 to 2022-07-17, which is more than 1 day from the record's 2022-07-14",
    ]);
  });

  it('warns when the event is in another state or region', () => {
    expect(check({ admin1: 'Kayah state' })).toEqual(['cites UCDP GED 448773, placed in Kayah state, not Kayin']);
    expect(check({ admin1: 'Karen' })).toEqual([]);
  });

  it('allows 5 km, or the ring of a township-level place, or the same township', () => {
    // 0.04° of latitude is about 4.4 km; 0.1° about 11 km; 0.3° about 33 km.
    expect(check({ lat: 17.54 })).toEqual([]);
    expect(check({ lat: 17.6 })).toEqual(["cites UCDP GED 448773 (Test village), 11.1 km from the record's point, more than 5 km"]);
    expect(check({ lat: 17.6, precision: 'township' })).toEqual([]);
    expect(check({ lat: 17.8, precision: 'township' })).toEqual(["cites UCDP GED 448773 (Test village), 33.4 km from the record's point, more than 22 km"]);
    expect(check({ lat: 17.8, township: 'Test township' })).toEqual([]);
  });
});
