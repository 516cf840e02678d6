import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../geo/lib/validate-incidents.ts';
import { validateIncidentTownships, type FullTownships } from '../../geo/lib/validate-townships.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DIR = path.join(ROOT, 'tests/fixtures/validate');
const townships = JSON.parse(readFileSync(path.join(DIR, 'townships.geojson'), 'utf8')) as FullTownships;

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

const fixtures: [string, Fixture][] = readdirSync(path.join(DIR, 'townships'))
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(path.join(DIR, 'townships', f), 'utf8')) as Fixture]);

/** Every expected problem is reported (same id, reason containing the text) and nothing else is. */
function expectProblems(actual: Problem[], expected: Expected[]): void {
  expect(actual.map((p) => `${p.id}: ${p.reason}`)).toHaveLength(expected.length);
  for (const e of expected) {
    const hit = actual.find((p) => p.id === e.id && p.reason.includes(e.reason));
    expect(hit, `expected "${e.id}: …${e.reason}…" in ${JSON.stringify(actual)}`).toBeDefined();
    if (e.distanceKm !== undefined) expect(hit?.distanceKm).toBeCloseTo(e.distanceKm, 1);
  }
}

describe('validateIncidentTownships on fixtures', () => {
  it.each(fixtures)('%s', (_name, f) => {
    const report = validateIncidentTownships(f.records, townships);
    expectProblems(report.errors, f.expect.errors);
    expectProblems(report.warnings, f.expect.warnings);
  });
});

describe('validateIncidentTownships on the shipped data', () => {
  it('finds every curated incident that names a township inside it, on the unsimplified MIMU polygons', () => {
    const topo = JSON.parse(readFileSync(path.join(ROOT, 'geo/data/townships-full.topojson'), 'utf8')) as Topology;
    const full = feature(topo, topo.objects.townships as GeometryCollection) as unknown as FullTownships;
    const incidents = (JSON.parse(readFileSync(path.join(ROOT, 'public/data/incidents.json'), 'utf8')) as { incidents: unknown[] }).incidents;
    const report = validateIncidentTownships(incidents, full);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
  });
});
