import { readFileSync } from 'node:fs';
import path from 'node:path';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { expectProblems, readFixtures } from './validate-fixture-helpers.ts';
import { validateIncidentTownships, type FullTownships } from '../../geo/lib/validate-townships.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DIR = path.join(ROOT, 'tests/fixtures/validate');
const townships = JSON.parse(readFileSync(path.join(DIR, 'townships.geojson'), 'utf8')) as FullTownships;

const fixtures = readFixtures(path.join(DIR, 'townships'));

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
