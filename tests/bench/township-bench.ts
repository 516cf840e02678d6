/**
 * What township matching adds to an import (#11, #14), in Node: the row mapping of the UCDP sample
 * (807 rows) and of a synthetic 200,000-row ACLED file, with and without the import geography,
 * runs interleaved, best of several, in CPU time of the process (which includes garbage collection
 * on helper threads). Also times building the geography from the shipped files (the
 * worker does it once). Figures only; no assertions.
 *
 * Run: `node --expose-gc --import tsx tests/bench/township-bench.ts [rows] [runs]` (default 200,000
 * rows, 5 runs); with --expose-gc each run starts after a full collection, so no run pays for the
 * garbage of the one before.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Papa from 'papaparse';
import { geographyFromFiles, TOWNSHIP_INDEX_PATH, TOWNSHIP_MATCH_PATH } from '../../src/lib/data/import/geography-files.ts';
import { ImportSession } from '../../src/lib/data/import/import-session.ts';
import { PAPA_CONFIG } from '../../src/lib/data/import/papa-config.ts';
import { extraStart, PlaceCoder, placeWithCoding, type PlaceFacts } from '../../src/lib/data/import/place-codes.ts';
import type { Place } from '../../src/lib/domain/incident.ts';
import type { CsvRow } from '../../src/lib/data/import/types.ts';
import type { ImportGeography } from '../../src/lib/geo/township-geography.ts';
import { makeSyntheticAcledCsv } from './import-bench.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const rowsWanted = Number(process.argv[2] ?? 200_000);
const runs = Number(process.argv[3] ?? 5);

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(resolve(ROOT, 'public', path), 'utf8'));
}

/** CPU time of this process in ms: on a shared machine it is steadier than the wall clock. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Maps the rows once; returns the CPU time in ms. */
function mapRows(fields: readonly string[], rows: readonly CsvRow[], geography: ImportGeography | null): number {
  (globalThis as { gc?: () => void }).gc?.();
  const started = cpuMs();
  const session = new ImportSession({ datasetId: 'bench', fileName: 'bench.csv', geography });
  session.setFields(fields);
  for (let i = 0; i < rows.length; i += 10_000) {
    session.addRows(rows.slice(i, i + 10_000), i + 1);
    session.takeIncidents();
  }
  session.finish();
  return cpuMs() - started;
}

function best(name: string, fields: readonly string[], rows: readonly CsvRow[], geography: ImportGeography): void {
  const without: number[] = [];
  const withGeo: number[] = [];
  for (let r = 0; r < runs; r++) {
    without.push(mapRows(fields, rows, null));
    withGeo.push(mapRows(fields, rows, geography));
  }
  const a = Math.min(...without);
  const b = Math.min(...withGeo);
  const per100k = ((b - a) * 100_000) / rows.length;
  console.log(`${name}: ${rows.length.toLocaleString('en-GB')} rows, mapping without ${a.toFixed(0)} ms, with townships ${b.toFixed(0)} ms: +${(b - a).toFixed(0)} ms (${per100k.toFixed(0)} ms per 100k rows)`);
}

/**
 * The coding alone, on the places of rows mapped beforehand: what the mapper adds per row, without
 * the garbage-collection and object-shape effects on the rest of the mapping. Best of `runs`.
 */
function codingAlone(name: string, fields: readonly string[], rows: readonly CsvRow[], geography: ImportGeography): void {
  const session = new ImportSession({ datasetId: 'bench', fileName: 'bench.csv' });
  session.setFields(fields);
  session.addRows(rows, 1);
  const inputs: { place: Place; facts: PlaceFacts }[] = session.takeIncidents().map((i) => ({
    place: i.place,
    facts: { precision: i.precision, admin1: i.place.admin1, township: i.place.township ?? '', townshipPcode: '', district: '', lon: i.lon, lat: i.lat },
  }));
  const times: number[] = [];
  // Kept, so the optimiser cannot drop the work.
  const kept: unknown[] = [];
  for (let r = 0; r < runs; r++) {
    const coder = new PlaceCoder(geography);
    (globalThis as { gc?: () => void }).gc?.();
    const started = cpuMs();
    for (const { place, facts } of inputs) {
      const c = coder.code(facts);
      kept[0] = placeWithCoding(place, c);
      kept[1] = extraStart('E', c);
    }
    times.push(cpuMs() - started);
  }
  const ms = Math.min(...times);
  console.log(`${name}, coding alone: ${ms.toFixed(0)} ms (${((ms * 100_000) / inputs.length).toFixed(0)} ms per 100k rows)`);
}

const indexJson = readJson(TOWNSHIP_INDEX_PATH);
const matchJson = readJson(TOWNSHIP_MATCH_PATH);
const builds: number[] = [];
let geography: ImportGeography | null = null;
for (let i = 0; i < 5; i++) {
  const t = cpuMs();
  geography = geographyFromFiles(indexJson, matchJson);
  builds.push(cpuMs() - t);
}
console.log(`build geography: first ${builds[0]?.toFixed(0)} ms (cold, as in a new worker), then best ${Math.min(...builds.slice(1)).toFixed(0)} ms`);
const geo = geography as ImportGeography;

const ucdp = Papa.parse<CsvRow>(readFileSync(resolve(ROOT, 'tests/fixtures/ucdp_ged_myanmar_2022_sagaing_kayah_kayin.csv'), 'utf8'), PAPA_CONFIG);
best('UCDP sample', ucdp.meta.fields ?? [], ucdp.data, geo);

const acled = Papa.parse<CsvRow>(makeSyntheticAcledCsv(rowsWanted), PAPA_CONFIG);
const fields = acled.meta.fields ?? [];
best('synthetic ACLED (admin3 named)', fields, acled.data, geo);
codingAlone('synthetic ACLED (admin3 named)', fields, acled.data, geo);
// Without admin3, every town-precision row is located by its point instead.
const noAdmin3 = acled.data.map((r) => ({ ...r, admin3: '' }));
best('synthetic ACLED (no admin3)', fields, noAdmin3, geo);
codingAlone('synthetic ACLED (no admin3)', fields, noAdmin3, geo);
