/**
 * The map package (issue 15): written by `share/package-writer.ts`, read back by the import
 * worker's streaming reader (`data/import/package-import.ts`), every field of every incident
 * survives; packages that were changed, are of another version, nest too deep, carry a huge
 * foreign member or are not packages at all are refused whole, with one message.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importCsvText } from '../../src/lib/data/import/import-text.ts';
import { looksLikeMapPackage, runPackageImport } from '../../src/lib/data/import/package-import.ts';
import { runImport } from '../../src/lib/data/import/run-import.ts';
import type { WorkerMessage } from '../../src/lib/data/import/worker-protocol.ts';
import { linkDecision } from '../../src/lib/data/link-decisions.ts';
import { readPackageMember, type PackageMember } from '../../src/lib/data/map-package.ts';
import type { Incident } from '../../src/lib/domain/incident.ts';
import { assemblePackage, encodePackageFeatures, packageFileName, withoutNotes, type PackageHeader, type PackageSource } from '../../src/lib/share/package-writer.ts';
import { testGeography } from '../helpers/import-geography.ts';
import { acledCurrentRecords, hostilePackages, writeTestPackage, type HostilePackage } from '../helpers/hostile-packages.ts';

const UCDP = resolve('tests/fixtures/ucdp_ged_myanmar_2022_sagaing_kayah_kayin.csv');

let ucdp: Incident[];

beforeAll(() => {
  const report = importCsvText(readFileSync(UCDP, 'utf8'), { datasetId: 'ucdp-sample', fileName: 'ucdp_sample.csv', geography: testGeography() });
  ucdp = [...report.incidents];
}, 30_000);

function source(records: readonly Incident[], over: Partial<PackageSource> = {}): PackageSource {
  return {
    id: 'ucdp-sample',
    name: 'ucdp_sample.csv',
    fileName: 'ucdp_sample.csv',
    format: 'ucdp-ged',
    importedAt: '2026-11-01T10:00:00.000Z',
    attribution: 'UCDP Georeferenced Event Dataset (GED) Global version 24.1',
    licence: 'CC BY 4.0',
    citation: null,
    records,
    ...over,
  };
}

function header(over: Partial<PackageHeader> = {}): PackageHeader {
  return {
    title: 'Sagaing, 2022',
    created: '2026-11-29T12:00:00.000Z',
    view: { zoom: 7.2, lat: 22.65, lon: 95.18, bearing: 0, pitch: 0 },
    filters: { from: '2022-01-01', to: '2022-06-30', cat: 'air_strike' },
    selection: { dataset: 'ucdp-sample', id: ucdp[3]?.id ?? '' },
    decisions: [],
    ...over,
  };
}

interface Read {
  readonly done: Extract<WorkerMessage, { type: 'package-done' }> | null;
  readonly refused: string | null;
  readonly byDataset: Map<string, Incident[]>;
}

/** Runs the worker's reader over a file, as the import worker does, and collects what it posts. */
async function readPackage(file: Blob, fileName = 'map.conflictmap.geojson', chunkBytes = 64 * 1024): Promise<Read> {
  const messages: WorkerMessage[] = [];
  await runPackageImport({ type: 'import', file, fileName, datasetId: 'unused', maxGeoJsonBytes: 1, chunkBytes }, (m) => messages.push(m));
  const byDataset = new Map<string, Incident[]>();
  for (const m of messages) if (m.type === 'package-incidents') byDataset.set(m.dataset, [...(byDataset.get(m.dataset) ?? []), ...m.incidents]);
  const done = messages.find((m): m is Extract<WorkerMessage, { type: 'package-done' }> => m.type === 'package-done') ?? null;
  const refused = messages.find((m): m is Extract<WorkerMessage, { type: 'refused' }> => m.type === 'refused')?.message ?? null;
  return { done, refused, byDataset };
}

async function writePackage(sources: readonly PackageSource[], head: PackageHeader = header(), leaveOutNotes = false): Promise<Blob> {
  return assemblePackage(head, await encodePackageFeatures(sources, { leaveOutNotes }));
}

// Hashing and encoding 807 records twice takes a second or two; more on a busy machine.
describe('map package round trip', { timeout: 30_000 }, () => {
  it('gives back every field of every incident, in order, under the same dataset', async () => {
    expect(ucdp.length).toBe(807);
    const read = await readPackage(await writePackage([source(ucdp)]));
    expect(read.refused).toBeNull();
    expect(read.byDataset.get('ucdp-sample')).toEqual(ucdp);
  });

  it('keeps the title, view, filters, selection, decisions and each dataset description', async () => {
    const decision = linkDecision({ dataset: 'ucdp-sample', id: ucdp[0]?.id ?? '' }, { dataset: 'ucdp-sample', id: ucdp[1]?.id ?? '' }, 'same', new Date('2026-11-02T00:00:00Z'));
    const head = header({ decisions: [decision] });
    const read = await readPackage(await writePackage([source(ucdp)], head));
    const member = read.done?.member as PackageMember;
    expect(member.title).toBe(head.title);
    expect(member.created).toBe(head.created);
    expect(member.view).toEqual(head.view);
    expect(member.filters).toEqual(head.filters);
    expect(member.selection).toEqual(head.selection);
    expect(member.decisions).toEqual([decision]);
    expect(member.features).toBe(807);
    const [d] = member.datasets;
    expect(d).toMatchObject({
      id: 'ucdp-sample',
      name: 'ucdp_sample.csv',
      format: 'ucdp-ged',
      attribution: 'UCDP Georeferenced Event Dataset (GED) Global version 24.1',
      licence: 'CC BY 4.0',
      rows: 807,
      included: true,
    });
    expect(read.done?.datasets[0]?.hash).toBe(d?.hash);
    expect(read.done?.datasets[0]?.report.rowsShown).toBe(807);
  });

  it('is plain RFC 7946 GeoJSON: a FeatureCollection of Point features any GIS reads', async () => {
    const parsed = JSON.parse(await (await writePackage([source(ucdp.slice(0, 5))])).text()) as { type: string; features: { type: string; geometry: { type: string; coordinates: number[] } }[] };
    expect(parsed.type).toBe('FeatureCollection');
    expect(parsed.features).toHaveLength(5);
    for (const f of parsed.features) {
      expect(f.type).toBe('Feature');
      expect(f.geometry.type).toBe('Point');
      expect(f.geometry.coordinates).toHaveLength(2);
    }
  });

  it('carries a built-in by reference: its name and version, no records', async () => {
    const builtin = source(null as unknown as Incident[], { id: 'ucdp-ged', name: 'UCDP GED', records: null, referenceRows: 4061, builtin: { ref: 'ucdp-ged', version: 'abcdef0123456789' } });
    const read = await readPackage(await writePackage([builtin, source(ucdp.slice(0, 10))]));
    expect(read.refused).toBeNull();
    const ref = read.done?.member.datasets[0];
    expect(ref).toMatchObject({ id: 'ucdp-ged', included: false, rows: 4061, hash: 'abcdef0123456789', builtin: { ref: 'ucdp-ged', version: 'abcdef0123456789' } });
    expect(read.done?.member.features).toBe(10);
    expect(read.byDataset.has('ucdp-ged')).toBe(false);
  });

  it('leaves out the notes when asked, and keeps everything else', async () => {
    const read = await readPackage(await writePackage([source(ucdp)], header(), true));
    expect(read.byDataset.get('ucdp-sample')).toEqual(ucdp.map(withoutNotes));
  });

  it('reads the same whatever the slice size', async () => {
    const blob = await writePackage([source(ucdp.slice(0, 50))]);
    const read = await readPackage(blob, 'x.conflictmap.geojson', 7);
    expect(read.byDataset.get('ucdp-sample')).toEqual(ucdp.slice(0, 50));
  });

  it('names the file after the title', () => {
    expect(packageFileName('Air strikes: Sagaing, 2022')).toBe('Air strikes- Sagaing, 2022.conflictmap.geojson');
    expect(packageFileName('  ')).toBe('conflict-map.conflictmap.geojson');
  });
});

describe('hostile map packages', { timeout: 30_000 }, () => {
  let good: Blob;
  beforeAll(async () => {
    good = await writePackage([source(ucdp.slice(0, 20))]);
  });

  async function refusalOf(text: string): Promise<string> {
    const read = await readPackage(new Blob([text]));
    expect(read.done).toBeNull();
    expect(read.refused).not.toBeNull();
    return read.refused as string;
  }

  it('refuses a feature nested deep before parsing it', async () => {
    const deepFeature = (await good.text()).replace('"features":[', `"features":[{"type":"Feature","properties":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}},`);
    expect(await refusalOf(deepFeature)).toMatch(/Feature 1 nests more than/);
  });

  it('refuses records the package does not count, and features of no dataset', async () => {
    const parsed = JSON.parse(await good.text()) as { features: unknown[] };
    const extra = JSON.stringify({ ...parsed, features: [...parsed.features, parsed.features[0]] });
    expect(await refusalOf(extra)).toMatch(/has 20 records, but it holds 21|repeats the record id/);
    const whole = await good.text();
    const at = whole.indexOf('"features":[');
    const stray = whole.slice(0, at) + whole.slice(at).replace('"dataset":"ucdp-sample"', '"dataset":"other"');
    expect(await refusalOf(stray)).toMatch(/Feature 1 belongs to no dataset/);
  });

  it('refuses a file cut off, and JSON that is not a package', async () => {
    const text = await good.text();
    expect(await refusalOf(text.slice(0, Math.floor(text.length / 2)))).toMatch(/cut off/);
    expect(await refusalOf('{"type":"FeatureCollection","features":[]}')).toMatch(/It is not a map package: it has no "conflictMap" member before its features/);
  });

  it('tells a package from other JSON by its first keys only', () => {
    expect(looksLikeMapPackage('{"type":"FeatureCollection","conflictMap":{')).toBe(true);
    expect(looksLikeMapPackage('{"type":"FeatureCollection","features":[{"type":"Feature"')).toBe(false);
    expect(looksLikeMapPackage('not json')).toBe(false);
  });

  it('reads a member only from known fields (an extra field is not carried)', () => {
    const read = readPackageMember({ format: 'conflict-map/map-package', version: 1 });
    expect(read.ok).toBe(false);
  });
});

/** Runs the worker's whole import (sniff, routing, reader) over a file, as the import worker does. */
async function importFile(text: string, fileName: string): Promise<WorkerMessage[]> {
  const messages: WorkerMessage[] = [];
  const request = { type: 'import', file: new Blob([text]), fileName, datasetId: 'file', maxGeoJsonBytes: 1e8, chunkBytes: 64 * 1024 } as const;
  await runImport(request, (m) => messages.push(m), { loadGeography: async () => null });
  return messages;
}

function outcomeOf(messages: readonly WorkerMessage[]): string {
  const end = messages.find((m) => m.type === 'refused' || m.type === 'done' || m.type === 'package-done');
  return end?.type === 'refused' ? `refused: ${end.message}` : (end?.type ?? 'nothing');
}

// The same files tests/e2e/hostile-packages.test.ts opens in Chromium.
describe('hostile map packages through the import worker', { timeout: 30_000 }, () => {
  let good = '';
  let hostile: HostilePackage[] = [];
  beforeAll(async () => {
    good = await writeTestPackage(acledCurrentRecords(), { title: 'ACLED, 2022', datasetName: 'acled-current.csv', attribution: null });
    hostile = await hostilePackages(good);
  });

  it('opens the valid package, by its name or by its first keys', async () => {
    expect(outcomeOf(await importFile(good, 'ACLED, 2022.conflictmap.geojson'))).toBe('package-done');
    expect(outcomeOf(await importFile(good, 'renamed.geojson'))).toBe('package-done');
  });

  it('refuses each hostile package whole, saying why, with nothing posted but the refusal and progress', async () => {
    expect(hostile.map((h) => h.edit)).toHaveLength(8);
    for (const { edit, text, reason } of hostile) {
      const messages = await importFile(text, 'ACLED, 2022.conflictmap.geojson');
      const outcome = outcomeOf(messages);
      expect(outcome, edit).toMatch(/^refused: "ACLED, 2022\.conflictmap\.geojson" cannot be opened as a Conflict Map package\. .+ Nothing was imported\.$/);
      expect(outcome, edit).toMatch(reason);
      expect(messages.filter((m) => m.type === 'incidents' || m.type === 'done' || m.type === 'package-done').map((m) => m.type), edit).toEqual([]);
    }
  });

  // Both were read whole as plain GeoJSON before, past the package's checks: the huge member hid
  // the description from the 64 KB the worker sniffs, and the name let GeoJSON skip its size limit.
  it('reads a file named as a package only as a package', async () => {
    const plain = hostile.find((h) => h.edit.startsWith('plain GeoJSON'));
    const padded = hostile.find((h) => h.edit.includes('foreign member first'));
    expect(outcomeOf(await importFile(plain?.text ?? '', 'shared.conflictmap.geojson'))).toMatch(/rename it to end in \.geojson alone/);
    expect(outcomeOf(await importFile(padded?.text ?? '', 'shared.ConflictMap.GeoJSON'))).toMatch(/The member "padding" is longer than/);
    // Renamed as the refusal says, plain GeoJSON imports as GeoJSON: 8 read, 8 shown.
    const renamed = (await importFile(plain?.text ?? '', 'shared.geojson')).find((m) => m.type === 'done');
    expect(renamed?.type === 'done' && [renamed.report.rowsRead, renamed.report.rowsShown]).toEqual([8, 8]);
  });
});
