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
import type { WorkerMessage } from '../../src/lib/data/import/worker-protocol.ts';
import { linkDecision } from '../../src/lib/data/link-decisions.ts';
import { PACKAGE_LIMITS, PACKAGE_MEMBER, packageCheck, readPackageMember, type PackageMember } from '../../src/lib/data/map-package.ts';
import type { Incident } from '../../src/lib/domain/incident.ts';
import { assemblePackage, encodePackageFeatures, packageFileName, withoutNotes, type PackageHeader, type PackageSource } from '../../src/lib/share/package-writer.ts';
import { testGeography } from '../helpers/import-geography.ts';

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

/** A package's text with its member replaced by `edit(member)` and the check made again, so only the edit differs. */
async function rewriteMember(blob: Blob, edit: (m: Record<string, unknown>) => Record<string, unknown>, recheck = true): Promise<string> {
  const parsed = JSON.parse(await blob.text()) as Record<string, unknown>;
  const member = edit({ ...(parsed[PACKAGE_MEMBER] as Record<string, unknown>) });
  const check = recheck ? await packageCheck(member) : member.check;
  return JSON.stringify({ ...parsed, [PACKAGE_MEMBER]: { ...member, check } });
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

  it('refuses records changed after the package was made (wrong content hash)', async () => {
    const text = (await good.text()).replace(ucdp[5]?.place.name ?? '', 'Elsewhere');
    expect(await refusalOf(text)).toMatch(/do not match its content hash/);
  });

  it('refuses a changed description of the map (wrong package check)', async () => {
    const text = await rewriteMember(good, (m) => ({ ...m, title: 'Another title' }), false);
    expect(await refusalOf(text)).toMatch(/does not match its check/);
  });

  it('refuses a package of an unknown or newer version', async () => {
    expect(await refusalOf(await rewriteMember(good, (m) => ({ ...m, version: 2 })))).toMatch(/version 2, made by a newer Conflict Map/);
    expect(await refusalOf(await rewriteMember(good, (m) => ({ ...m, version: 'one' })))).toMatch(/unknown version/);
  });

  it('refuses deep nesting before parsing it', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const text = (await good.text()).replace('"title":', `"deep":${deep},"title":`);
    expect(await refusalOf(text)).toMatch(/nests more than \d+ levels/);
    const deepFeature = (await good.text()).replace('"features":[', `"features":[{"type":"Feature","properties":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}},`);
    expect(await refusalOf(deepFeature)).toMatch(/Feature 1 nests more than/);
  });

  it('refuses a huge foreign member without holding it', async () => {
    const huge = `"${'x'.repeat(PACKAGE_LIMITS.maxOtherMemberChars + 10)}"`;
    const text = (await good.text()).replace('{"type":"FeatureCollection",', `{"type":"FeatureCollection","padding":${huge},`);
    expect(await refusalOf(text)).toMatch(/The member "padding" is longer than/);
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
    expect(await refusalOf('{"type":"FeatureCollection","features":[]}')).toMatch(/features come before its package member/);
    expect(await refusalOf('{"type":"FeatureCollection","conflictMap":{"format":"something else"},"features":[]}')).toMatch(/not a Conflict Map package/);
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
