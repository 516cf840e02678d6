import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateDisplacement, validateIncidents, type Admin1Boundaries, type Problem, type ValidationReport } from '../../geo/lib/validate-incidents.ts';

const DIR = path.resolve(import.meta.dirname, '../fixtures/validate');
const boundaries = JSON.parse(readFileSync(path.join(DIR, 'boundaries.geojson'), 'utf8')) as Admin1Boundaries;

interface Expected {
  readonly id: string;
  readonly reason: string;
  readonly distanceKm?: number;
}
interface Fixture {
  readonly description: string;
  readonly records: unknown[];
  readonly expect: { readonly errors: Expected[]; readonly warnings: Expected[] };
}

function fixtures(sub: string): [string, Fixture][] {
  return readdirSync(path.join(DIR, sub))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(path.join(DIR, sub, f), 'utf8')) as Fixture]);
}

/** Every expected problem is reported (same id, reason containing the text) and nothing else is. */
function expectProblems(actual: Problem[], expected: Expected[]): void {
  expect(actual.map((p) => `${p.id}: ${p.reason}`)).toHaveLength(expected.length);
  for (const e of expected) {
    const hit = actual.find((p) => p.id === e.id && p.reason.includes(e.reason));
    expect(hit, `expected "${e.id}: …${e.reason}…" in ${JSON.stringify(actual)}`).toBeDefined();
    if (e.distanceKm !== undefined) expect(hit?.distanceKm).toBeCloseTo(e.distanceKm, 1);
  }
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
