/**
 * Map packages for tests (issue 15): a valid one written by the app's own writer
 * (`share/package-writer.ts`) from records the app's own importer made, and the hostile ones
 * made from it by one edit each (a changed record, another version, deep nesting, a huge foreign
 * member, plain GeoJSON given a package's name). The unit tests run them through the worker's
 * reader in Node; `tests/e2e/hostile-packages.test.ts` opens the same files in Chromium.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { importCsvText } from '../../src/lib/data/import/import-text.ts';
import { PACKAGE_LIMITS, PACKAGE_MEMBER, packageCheck } from '../../src/lib/data/map-package.ts';
import type { Incident } from '../../src/lib/domain/incident.ts';
import { assemblePackage, encodePackageFeatures, type PackageHeader, type PackageSource } from '../../src/lib/share/package-writer.ts';
import { testGeography } from './import-geography.ts';

/** The records of `tests/fixtures/import/acled-current.csv` (8 rows, all shown), as the app imports them. */
export function acledCurrentRecords(datasetId = 'acled-current'): Incident[] {
  const text = readFileSync(resolve('tests/fixtures/import/acled-current.csv'), 'utf8');
  return [...importCsvText(text, { datasetId, fileName: 'acled-current.csv', geography: testGeography() }).incidents];
}

/** What a test package says about itself and its one dataset. */
export interface TestPackageText {
  readonly title: string;
  readonly datasetName: string;
  readonly attribution: string | null;
}

/** A valid package of one dataset, as the Share dialog writes it (member first, then features). */
export async function writeTestPackage(records: readonly Incident[], text: TestPackageText): Promise<string> {
  const [first] = records;
  if (!first) throw new Error('writeTestPackage: no records');
  const source: PackageSource = {
    id: first.dataset,
    name: text.datasetName,
    fileName: 'acled-current.csv',
    format: 'acled',
    importedAt: '2026-11-01T10:00:00.000Z',
    attribution: text.attribution,
    licence: null,
    citation: null,
    records,
  };
  const header: PackageHeader = { title: text.title, created: '2026-11-29T12:00:00.000Z', view: null, filters: null, selection: null, decisions: [] };
  return (await assemblePackage(header, await encodePackageFeatures([source]))).text();
}

/** A package's text with its member replaced by `edit(member)` and, with `recheck`, its check made again, so only the edit differs. */
export async function rewriteMember(text: string, edit: (m: Record<string, unknown>) => Record<string, unknown>, recheck = true): Promise<string> {
  const parsed = JSON.parse(text) as Record<string, unknown>;
  const member = edit({ ...(parsed[PACKAGE_MEMBER] as Record<string, unknown>) });
  const check = recheck ? await packageCheck(member) : member.check;
  return JSON.stringify({ ...parsed, [PACKAGE_MEMBER]: { ...member, check } });
}

/** A package made hostile by one edit, and how the app says it refused it. */
export interface HostilePackage {
  /** What was done to it, in a few words (a test's label). */
  readonly edit: string;
  readonly text: string;
  /** The reason in the refusal, as the app words it. */
  readonly reason: RegExp;
}

/** Nesting far past any limit: 100,000 arrays, 200 KB of text. */
const DEEP = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;

/** The hostile packages made from a valid one (`good`, as `writeTestPackage` writes it). */
export async function hostilePackages(good: string): Promise<HostilePackage[]> {
  const parsed = JSON.parse(good) as { features: { geometry: { coordinates: [number, number] } }[] };
  const [first, ...rest] = parsed.features;
  if (!first) throw new Error('hostilePackages: the package has no features');
  // One incident moved by 0.01°, a place still in Myanmar: only its content hash can tell.
  const [lon, lat] = first.geometry.coordinates;
  const moved = JSON.stringify({ ...parsed, features: [{ ...first, geometry: { ...first.geometry, coordinates: [lon + 0.01, lat] } }, ...rest] });
  const huge = `"${'x'.repeat(PACKAGE_LIMITS.maxOtherMemberChars + 10)}"`;
  return [
    { edit: 'a record changed after it was made', text: moved, reason: /do not match its content hash: the file was changed after it was made, or damaged/ },
    {
      edit: 'its title changed without a new check',
      text: await rewriteMember(good, (m) => ({ ...m, title: 'Another title' }), false),
      reason: /does not match its check: the file was changed after it was made, or damaged/,
    },
    { edit: 'version 2', text: await rewriteMember(good, (m) => ({ ...m, version: 2 })), reason: /a map package of version 2, made by a newer Conflict Map; this one reads version 1/ },
    { edit: 'version "one"', text: await rewriteMember(good, (m) => ({ ...m, version: 'one' })), reason: /a map package of an unknown version \("one"\)/ },
    { edit: 'nested 100,000 deep', text: good.replace('"title":', `"deep":${DEEP},"title":`), reason: /The member "conflictMap" nests more than 8 levels deep/ },
    // In front of the description, so the first 64 KB the worker looks at show no package.
    {
      edit: 'a 1 MB foreign member first',
      text: good.replace('{"type":"FeatureCollection",', `{"type":"FeatureCollection","padding":${huge},`),
      reason: /The member "padding" is longer than 1,048,576 characters, more than a map package holds/,
    },
    {
      edit: 'plain GeoJSON, no package member',
      text: JSON.stringify({ type: 'FeatureCollection', features: parsed.features }),
      reason: /It is not a map package: it has no "conflictMap" member before its features/,
    },
    {
      edit: 'a member of another format',
      text: await rewriteMember(good, (m) => ({ ...m, format: 'something-else/map' })),
      reason: /has a "conflictMap" member but it is not a Conflict Map package/,
    },
  ];
}
