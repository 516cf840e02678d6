/**
 * Writes a map package (`data/map-package.ts` has the format): each incident becomes the
 * GeoJSON export's own feature (`incidentToExportFeature`, one writer for both), collected as
 * Blob parts of a few thousand features, so 200,000 incidents never become one string. The
 * features are encoded once (`encodePackageFeatures`, the slow part); the member with the title,
 * view, filters and check is added in front of them in a moment (`assemblePackage`), so the
 * Share dialog can state the exact file size and update it as the title is typed.
 */
import type { LinkDecision, RecordRef } from '../domain/event-link.ts';
import type { Incident } from '../domain/incident.ts';
import type { CameraView } from '../domain/view.ts';
import { incidentToExportFeature } from '../data/import/export-incidents.ts';
import { linkDecisionsValue } from '../data/link-decisions.ts';
import {
  ContentHasher,
  PACKAGE_FILE_SUFFIX,
  PACKAGE_FORMAT,
  PACKAGE_MEMBER,
  PACKAGE_VERSION,
  packageCheck,
  type PackageDataset,
  type PackageMember,
} from '../data/map-package.ts';

/** Features per Blob part. */
const FEATURES_PER_PART = 2_000;

/** A dataset to put in a package: its description (the package entry's, less what the writer works out), and its records or a reference. */
export interface PackageSource extends Omit<PackageDataset, 'rows' | 'hash' | 'included'> {
  /** The whole incidents to carry, in the dataset's order; null to carry a built-in by reference. */
  readonly records: readonly Incident[] | null;
  /** A built-in by reference: how many records it has. */
  readonly referenceRows?: number;
}

/** The features of a package, encoded, and the datasets' entries with their row counts and hashes. */
export interface EncodedFeatures {
  readonly datasets: readonly PackageDataset[];
  readonly parts: readonly Blob[];
  readonly features: number;
}

/** What the package says besides its data: the member's fields the writer does not compute. */
export type PackageHeader = Pick<PackageMember, 'title' | 'created' | 'view' | 'filters' | 'selection' | 'decisions'>;

/** How the features are written. */
export interface EncodeOptions {
  /** Leave out each incident's summary and the notes on its date and sources. */
  readonly leaveOutNotes?: boolean;
  readonly signal?: AbortSignal;
  /** Called with the share of records written (0–1). */
  readonly onProgress?: (fraction: number) => void;
}

/**
 * The incident without its notes: the summary is emptied, and the notes on its date and its
 * sources are left out. Everything else (figures, sources, places) stays.
 */
export function withoutNotes(incident: Incident): Incident {
  const { note: _dateNote, ...date } = incident.date;
  return { ...incident, date, summary: '', sources: incident.sources.map(({ note: _note, ...source }) => source) };
}

function yieldToPage(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) =>
    setTimeout(() => (signal?.aborted ? reject(new DOMException('The package was not finished.', 'AbortError')) : resolve()), 0),
  );
}

/**
 * Encodes the records of every dataset that carries them as features (Blob parts, joined by
 * commas) and hashes them; datasets by reference get their entry only. Yields to the page
 * between parts; rejects with an AbortError when `signal` aborts.
 */
export async function encodePackageFeatures(sources: readonly PackageSource[], options: EncodeOptions = {}): Promise<EncodedFeatures> {
  const total = sources.reduce((n, s) => n + (s.records?.length ?? 0), 0);
  const parts: Blob[] = [];
  const datasets: PackageDataset[] = [];
  let written = 0;
  for (const source of sources) {
    const { records, referenceRows, builtin, ...meta } = source;
    if (records === null) {
      if (builtin === undefined) throw new Error(`"${source.name}" is not a built-in dataset, so it cannot travel by reference.`);
      datasets.push({ ...meta, rows: referenceRows ?? 0, hash: builtin.version, included: false, builtin });
      continue;
    }
    const hasher = new ContentHasher();
    for (let i = 0; i < records.length; i += FEATURES_PER_PART) {
      const texts: string[] = [];
      for (const record of records.slice(i, i + FEATURES_PER_PART)) {
        const incident = options.leaveOutNotes ? withoutNotes(record) : record;
        hasher.add(incident);
        texts.push(JSON.stringify(incidentToExportFeature(incident)));
      }
      parts.push(new Blob([`${written === 0 ? '' : ','}${texts.join(',')}`]));
      written += texts.length;
      options.onProgress?.(total ? written / total : 1);
      await yieldToPage(options.signal);
    }
    datasets.push({ ...meta, rows: records.length, hash: await hasher.digest(), included: true, ...(builtin === undefined ? {} : { builtin }) });
  }
  return { datasets, parts, features: written };
}

/** The package file: the member (with its check) first, then the encoded features. */
export async function assemblePackage(header: PackageHeader, encoded: EncodedFeatures): Promise<Blob> {
  const member = {
    format: PACKAGE_FORMAT,
    version: PACKAGE_VERSION,
    title: header.title,
    created: header.created,
    view: header.view,
    filters: header.filters,
    selection: header.selection,
    decisions: linkDecisionsValue(header.decisions),
    datasets: encoded.datasets,
    features: encoded.features,
  };
  const check = await packageCheck(member);
  const head = `{"type":"FeatureCollection",${JSON.stringify(PACKAGE_MEMBER)}:${JSON.stringify({ ...member, check })},"features":[`;
  return new Blob([head, ...encoded.parts, ']}'], { type: 'application/geo+json' });
}

/**
 * The package's file name: the title, with the characters file systems refuse replaced, and
 * `.conflictmap.geojson`.
 * @example packageFileName('Air strikes: Sagaing, 2022') // "Air strikes- Sagaing, 2022.conflictmap.geojson"
 */
export function packageFileName(title: string): string {
  const stem = title.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, '-').replace(/\s+/g, ' ').trim().replace(/^\.+/, '').slice(0, 120).trim();
  return `${stem || 'conflict-map'}${PACKAGE_FILE_SUFFIX}`;
}
