/**
 * A short fingerprint of what a snapshot shows, printed on it so a reader can tell two
 * exports of different data apart.
 *
 * Part of the export composition layer (`src/lib/export/`): pure, no maplibre-gl. Uses Web Crypto
 * (`crypto.subtle`), present in browsers and Node 20.
 */
import { canonicalJson } from '../domain/canonical-json.ts';

export { canonicalJson };

export interface DataVersionInput {
  /** Ids of the incidents in the snapshot; order does not matter. */
  readonly incidentIds: readonly string[];
  /** Version of each dataset shown, by dataset id, e.g. `{ curated: '2026-11-20', acled: '2026-10-01' }`. */
  readonly datasetVersions: Readonly<Record<string, string>>;
  /** The filters in effect (e.g. an `IncidentFilter`): JSON data or sets. Key and set order do not matter. */
  readonly filters: unknown;
}

const SHORT_HASH_LENGTH = 12;

/** First 12 hex characters of the SHA-256 of the text's UTF-8 bytes. */
export async function shortHash(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  return hex.slice(0, SHORT_HASH_LENGTH);
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The canonical string behind a snapshot's data hash: sorted incident ids, dataset versions and filters. */
export function datasetVersionString(input: DataVersionInput): string {
  return canonicalJson({
    datasets: input.datasetVersions,
    filters: input.filters,
    incidents: [...new Set(input.incidentIds)].sort(byCodeUnit),
  });
}

/**
 * The 12-character data hash printed on a snapshot ("data a1b2c3d4e5f6").
 *
 * @example
 * await dataHash({ incidentIds: ['mm-2022-0001'], datasetVersions: { curated: '1' }, filters: {} });
 */
export async function dataHash(input: DataVersionInput): Promise<string> {
  return shortHash(datasetVersionString(input));
}
