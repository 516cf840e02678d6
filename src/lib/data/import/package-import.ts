/**
 * Reading a map package in the import worker (issue 15): the file is streamed through
 * `FeatureCollectionScanner`, so a package of 200,000 incidents is never one string and the
 * whole-file GeoJSON limit does not apply to it. The `conflictMap` member comes first; each
 * feature is mapped by the GeoJSON importer into its own dataset's session, exactly as written
 * (no township re-coding: the records are the sender's), and fed to that dataset's content hash.
 *
 * A package is taken whole or not at all. A feature that does not map, a record count, content
 * hash or package check that does not match, a member that is not a package this version reads:
 * each is refused with one message, and the page drops every batch it was sent.
 */
import { isRecord } from '../../domain/guards.ts';
import { ContentHasher, PACKAGE_LIMITS, PACKAGE_MEMBER, packageCheck, readPackageMember, type PackageDataset, type PackageMember } from '../map-package.ts';
import { FeatureCollectionScanner, type ValueLimits } from './feature-stream.ts';
import { ImportSession } from './import-session.ts';
import { REJECT_REASON_LABEL } from './types.ts';
import { EncodingError, streamText } from './utf8-stream.ts';
import type { ImportRequest, PackageDatasetRead, Post } from './worker-protocol.ts';

/** Text read per slice. */
const PACKAGE_CHUNK_BYTES = 1024 * 1024;
/** Features mapped between two batches posted to the page. */
const PACKAGE_BATCH = 5_000;
/** The `type` member is one short word. */
const TYPE_LIMITS: ValueLimits = { maxChars: 100, maxDepth: 0 };

/**
 * True when the start of a JSON file shows a map package: a top-level `conflictMap` member
 * before `features`. Only the keys are looked at; a head that is not JSON is not a package.
 * @example looksLikeMapPackage('{"type":"FeatureCollection","conflictMap":{') // true
 */
export function looksLikeMapPackage(head: string): boolean {
  let found = false;
  const scanner = new FeatureCollectionScanner({
    memberLimits: (key) => (key === 'type' ? TYPE_LIMITS : { maxChars: head.length, maxDepth: 64 }),
    featureLimits: { maxChars: 0, maxDepth: 0 },
    onKey: (key) => {
      found = key === PACKAGE_MEMBER;
      return found || key === 'features' ? 'stop' : null;
    },
    onMember: () => null,
    onFeature: () => 'stop',
  });
  scanner.push(head);
  return found;
}

/** One included dataset being read. */
interface DatasetRun {
  readonly entry: PackageDataset;
  readonly session: ImportSession;
  readonly hasher: ContentHasher;
}

function refusal(fileName: string, why: string): string {
  return `"${fileName}" cannot be opened as a Conflict Map package. ${why} Nothing was imported.`;
}

/** Imports a map package, posting its datasets' batches, then `package-done` or `refused`. */
export async function runPackageImport(request: ImportRequest, post: Post, started = performance.now()): Promise<void> {
  const { file, fileName } = request;
  let member: PackageMember | null = null;
  let rawMember: Record<string, unknown> | null = null;
  const runs = new Map<string, DatasetRun>();
  let sinceBatch = 0;
  let bytesRead = 0;
  let problem: string | null = null;

  const drain = (): void => {
    let read = 0;
    let shown = 0;
    for (const run of runs.values()) {
      const incidents = run.session.takeIncidents();
      for (const inc of incidents) run.hasher.add(inc);
      if (incidents.length) post({ type: 'package-incidents', dataset: run.entry.id, incidents });
      read += run.session.counts.rowsRead;
      shown += run.session.counts.rowsShown;
    }
    post({ type: 'progress', bytesRead, totalBytes: file.size, rowsRead: read, rowsShown: shown, rowsRejected: read - shown });
    sinceBatch = 0;
  };

  const scanner = new FeatureCollectionScanner({
    memberLimits: (key) =>
      key === PACKAGE_MEMBER
        ? { maxChars: PACKAGE_LIMITS.maxMemberChars, maxDepth: PACKAGE_LIMITS.maxMemberDepth }
        : key === 'type'
          ? TYPE_LIMITS
          : { maxChars: PACKAGE_LIMITS.maxOtherMemberChars, maxDepth: PACKAGE_LIMITS.maxFeatureDepth },
    featureLimits: { maxChars: PACKAGE_LIMITS.maxFeatureChars, maxDepth: PACKAGE_LIMITS.maxFeatureDepth },
    onKey: (key) =>
      key === 'features' && member === null
        ? `It is not a map package: it has no "${PACKAGE_MEMBER}" member before its features, as every package Conflict Map writes has. To import it as plain GeoJSON, rename it to end in .geojson alone.`
        : null,
    onMember: (key, value) => {
      if (key === 'type') return value === 'FeatureCollection' ? null : 'It is not a GeoJSON FeatureCollection.';
      if (key !== PACKAGE_MEMBER) return null;
      const read = readPackageMember(value);
      if (!read.ok) return read.message;
      member = read.member;
      rawMember = value as Record<string, unknown>;
      for (const entry of member.datasets) {
        if (!entry.included) continue;
        const session = new ImportSession({ datasetId: entry.id, fileName: entry.fileName || entry.name, format: 'geojson', geography: null });
        runs.set(entry.id, { entry, session, hasher: new ContentHasher() });
      }
      return null;
    },
    onFeature: (feature, n) => {
      const dataset = isRecord(feature) && isRecord(feature.properties) ? feature.properties.dataset : undefined;
      const run = typeof dataset === 'string' ? runs.get(dataset) : undefined;
      if (run === undefined) return `Feature ${n.toLocaleString('en-GB')} belongs to no dataset the package includes.`;
      run.session.addFeatures([feature], n);
      if (run.session.counts.rowsRejected > 0) {
        const bad = run.session.finish().rejected[0];
        return `Feature ${n.toLocaleString('en-GB')} cannot be read (${bad ? `${REJECT_REASON_LABEL[bad.reason]}: ${bad.message}` : 'unknown reason'}).`;
      }
      if (++sinceBatch >= PACKAGE_BATCH) drain();
      return null;
    },
  });

  try {
    await streamText(file, request.chunkBytes ?? PACKAGE_CHUNK_BYTES, (text, read) => {
      bytesRead = read;
      return scanner.push(text);
    });
    scanner.end();
  } catch (e) {
    problem = e instanceof EncodingError ? `${e.message}` : `It could not be read: ${String(e)}.`;
  }
  if (problem === null && scanner.status !== 'done') problem = scanner.message || 'It ended early.';
  // The narrowing of `let` variables assigned in callbacks is lost; read them once here.
  const found = member as PackageMember | null;
  const raw = rawMember as Record<string, unknown> | null;
  if (problem === null && (found === null || raw === null)) problem = 'It has no features list.';
  if (problem !== null || found === null || raw === null) {
    post({ type: 'refused', message: refusal(fileName, problem ?? '') });
    return;
  }
  drain();
  const datasets: PackageDatasetRead[] = [];
  for (const run of runs.values()) {
    const report = run.session.finish();
    const { entry } = run;
    if (report.rowsShown !== entry.rows) {
      post({ type: 'refused', message: refusal(fileName, `It says "${entry.name}" has ${entry.rows.toLocaleString('en-GB')} records, but it holds ${report.rowsShown.toLocaleString('en-GB')}.`) });
      return;
    }
    const repeated = report.duplicates[0];
    if (repeated) {
      post({ type: 'refused', message: refusal(fileName, `"${entry.name}" repeats the record id ${JSON.stringify(repeated.eventId.slice(0, 80))}.`) });
      return;
    }
    if ((await run.hasher.digest()) !== entry.hash) {
      post({
        type: 'refused',
        message: refusal(fileName, `The records of "${entry.name}" do not match its content hash: the file was changed after it was made, or damaged.`),
      });
      return;
    }
    datasets.push({ id: entry.id, report: { ...report, incidents: [] }, hash: entry.hash });
  }
  if ((await packageCheck(raw)) !== found.check) {
    post({ type: 'refused', message: refusal(fileName, 'Its description of the map (title, view, filters, datasets) does not match its check: the file was changed after it was made, or damaged.') });
    return;
  }
  post({ type: 'package-done', member: found, datasets, parseMs: performance.now() - started });
}
