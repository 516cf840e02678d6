/** What the validation fixtures (`tests/fixtures/validate/`) expect, and how a report is compared with it. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Problem } from '../../geo/lib/validate-incidents.ts';

export interface Expected {
  readonly id: string;
  readonly reason: string;
  readonly distanceKm?: number;
}

export interface Fixture {
  readonly description: string;
  readonly records: unknown[];
  readonly expect: { readonly errors: Expected[]; readonly warnings: Expected[] };
}

/** The fixtures of one folder, by name, sorted. */
export function readFixtures(dir: string): [string, Fixture][] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Fixture]);
}

/** Every expected problem is reported (same id, reason containing the text) and nothing else is. */
export function expectProblems(actual: Problem[], expected: Expected[]): void {
  expect(actual.map((p) => `${p.id}: ${p.reason}`)).toHaveLength(expected.length);
  for (const e of expected) {
    const hit = actual.find((p) => p.id === e.id && p.reason.includes(e.reason));
    expect(hit, `expected "${e.id}: …${e.reason}…" in ${JSON.stringify(actual)}`).toBeDefined();
    if (e.distanceKm !== undefined) expect(hit?.distanceKm).toBeCloseTo(e.distanceKm, 1);
  }
}
