/**
 * A short fingerprint of what a snapshot shows, printed on it so a reader can tell two
 * exports of different data apart.
 *
 * Part of the export composition layer (`src/lib/export/`): pure, no maplibre-gl. Uses Web Crypto
 * (`crypto.subtle`), present in browsers and Node 20.
 */

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

function canonical(value: unknown, path: string): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`Cannot hash a non-finite number at ${path}`);
    return JSON.stringify(value);
  }
  if (typeof value !== 'object') throw new TypeError(`Cannot hash a ${typeof value} at ${path}`);
  // A set has no order, so it hashes as its sorted members (filters hold sets of ids).
  if (value instanceof Set) return `[${[...value].map((v) => canonical(v, `${path}{}`)).sort(byCodeUnit).join(',')}]`;
  // A Map would serialise as "{}" and silently drop what it holds.
  if (value instanceof Map) throw new TypeError(`Cannot hash a Map at ${path}; pass a plain object`);
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return canonical(withJson.toJSON(), path);
  if (Array.isArray(value)) {
    return `[${value.map((v, i) => (v === undefined ? 'null' : canonical(v, `${path}[${i}]`))).join(',')}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => byCodeUnit(a, b));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v, `${path}.${k}`)}`).join(',')}}`;
}

/**
 * JSON with object keys sorted (by UTF-16 code unit) at every depth, so equal data always gives
 * the same string. Undefined object members are left out, as `JSON.stringify` does; a `Set`
 * becomes an array of its members in sorted order.
 */
export function canonicalJson(value: unknown): string {
  return canonical(value, '$');
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
