/**
 * "By township" counting: an incident counts in the township of its place code, never where its
 * drawn point falls; places known only to a district or wider count in no township.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '../../src/lib/domain/filter.ts';
import type { Incident } from '../../src/lib/domain/incident.ts';
import { buildIncidentIndex } from '../../src/lib/query/visible-incidents.ts';
import { classOf, countClasses, townshipCounts } from '../../src/lib/query/by-township.ts';

const DIR = join(import.meta.dirname, '../fixtures/township-counts');
const REGEN = process.env['REGEN'] === '1';

describe('townshipCounts fixtures (in → golden out)', () => {
  for (const name of readdirSync(join(DIR, 'in')).filter((f) => f.endsWith('.json'))) {
    it(name, () => {
      const input = JSON.parse(readFileSync(join(DIR, 'in', name), 'utf8')) as { incidents: Incident[]; townships?: string[] };
      const filter = { ...EMPTY_FILTER, townships: input.townships ? new Set(input.townships) : null };
      const result = townshipCounts(buildIncidentIndex(input.incidents), filter);
      const out = { ...result, counts: Object.fromEntries([...result.counts].sort()) };
      const golden = join(DIR, 'out', name);
      if (REGEN) writeFileSync(golden, `${JSON.stringify(out, null, 2)}\n`);
      expect(out).toEqual(JSON.parse(readFileSync(golden, 'utf8')));
      expect(result.total).toBe([...result.counts.values()].reduce((a, b) => a + b, 0) + result.widerOnly + result.unplaced);
    });
  }
});

describe('countClasses', () => {
  it.each([
    [0, []],
    [1, [{ min: 1, max: 1 }]],
    [3, [{ min: 1, max: 1 }, { min: 2, max: 3 }]],
    [30, [{ min: 1, max: 1 }, { min: 2, max: 4 }, { min: 5, max: 9 }, { min: 10, max: 24 }, { min: 25, max: 30 }]],
    [4000, [{ min: 1, max: 1 }, { min: 2, max: 4 }, { min: 5, max: 9 }, { min: 10, max: 24 }, { min: 25, max: 49 }, { min: 50, max: null }]],
  ])('largest %i', (largest, classes) => {
    expect(countClasses(largest)).toEqual(classes);
  });

  it('puts every count in exactly one class, and 0 in none', () => {
    const classes = countClasses(4000);
    expect([0, 1, 2, 4, 5, 9, 10, 49, 50, 4000].map((n) => classOf(n, classes))).toEqual([0, 1, 2, 2, 3, 3, 4, 5, 6, 6]);
  });
});
