/**
 * Honest permalinks (issue 15): a link names the datasets it shows, one hash parameter each,
 * `d.<id>=<rows>.<short hash>.<name>` (for example `d.acled-2021=2734.9f2c4e01ab3d.acled_2021.csv`),
 * never their data. Opened on a device that lacks one, or has another version of it, the page says
 * so in plain words instead of showing an empty map as if nothing happened there.
 */
import { DATASET_ID } from '../data/map-package.ts';

/** A dataset as a link names it. */
export interface DatasetRef {
  readonly id: string;
  readonly name: string;
  /** Its records. */
  readonly rows: number;
  /** The first 12 hex digits of its content hash (or a built-in's version hash). */
  readonly hash: string;
}

/** Hash parameters that name a dataset start with this. */
export const DATASET_REF_PREFIX = 'd.';
/** Hex digits of a hash a link carries. */
export const SHORT_HASH_LENGTH = 12;
/** A name is cut to this many characters in a link. */
const MAX_NAME_IN_LINK = 120;

const REF_VALUE = /^(\d{1,9})\.([0-9a-f]{12})\.([\s\S]{1,200})$/;

/** The hash parameter for one dataset. */
export function datasetRefParam(ref: DatasetRef): [string, string] {
  return [`${DATASET_REF_PREFIX}${ref.id}`, `${ref.rows}.${ref.hash.slice(0, SHORT_HASH_LENGTH)}.${ref.name.slice(0, MAX_NAME_IN_LINK)}`];
}

/** The datasets a link names; malformed entries are dropped. */
export function readDatasetRefs(params: ReadonlyMap<string, string>): DatasetRef[] {
  const out: DatasetRef[] = [];
  for (const [key, value] of params) {
    if (!key.startsWith(DATASET_REF_PREFIX)) continue;
    const id = key.slice(DATASET_REF_PREFIX.length);
    const m = REF_VALUE.exec(value);
    if (!DATASET_ID.test(id) || m === null) continue;
    const name = (m[3] as string).trim();
    if (name !== '') out.push({ id, rows: Number(m[1]), hash: m[2] as string, name });
  }
  return out;
}

/** The parameters with every `d.` entry replaced by these datasets' (other parameters kept). */
export function withDatasetRefs(params: ReadonlyMap<string, string>, refs: readonly DatasetRef[]): Map<string, string> {
  const next = new Map([...params].filter(([k]) => !k.startsWith(DATASET_REF_PREFIX)));
  for (const ref of refs) next.set(...datasetRefParam(ref));
  return next;
}

/** A dataset loaded on this device, as the comparison needs it. */
export interface DeviceDataset {
  readonly id: string;
  readonly name: string;
  readonly rows: number;
  /** Its content hash (or a built-in's version hash), whole or short; undefined while unknown. */
  readonly hash: string | undefined;
}

/** What the page knows about its datasets, to name the ones it shows. */
export interface ShownDatasets {
  /** Every dataset loaded, in the order the data panel lists them. */
  readonly datasets: readonly DeviceDataset[];
  /** The ids shown (the filter's allow-list), or null for all. */
  readonly shown: ReadonlySet<string> | null;
}

/** The datasets a link of this page names: the shown ones whose hash is known, with records. */
export function shownDatasetRefs(input: ShownDatasets): DatasetRef[] {
  return input.datasets
    .filter((d) => d.hash !== undefined && d.rows > 0 && (input.shown === null || input.shown.has(d.id)) && DATASET_ID.test(d.id))
    .map((d) => ({ id: d.id, name: d.name, rows: d.rows, hash: (d.hash as string).slice(0, SHORT_HASH_LENGTH) }));
}

/** A dataset a link names that this device does not have as it is. */
export type LinkDatasetProblem =
  | { readonly kind: 'missing'; readonly ref: DatasetRef }
  | { readonly kind: 'other-version'; readonly ref: DatasetRef; readonly device: DeviceDataset };

/**
 * The datasets a link names that are not on this device, or are here in another version (same id
 * or same name, other hash). A dataset here with the same hash counts as here, whatever its id.
 */
export function linkDatasetProblems(linked: readonly DatasetRef[], device: readonly DeviceDataset[]): LinkDatasetProblem[] {
  const short = (d: DeviceDataset): string | undefined => d.hash?.slice(0, SHORT_HASH_LENGTH);
  const problems: LinkDatasetProblem[] = [];
  for (const ref of linked) {
    if (device.some((d) => short(d) === ref.hash)) continue;
    const other = device.find((d) => d.id === ref.id) ?? device.find((d) => d.name === ref.name);
    problems.push(other ? { kind: 'other-version', ref, device: other } : { kind: 'missing', ref });
  }
  return problems;
}

function incidents(n: number): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? 'incident' : 'incidents'}`;
}

/**
 * The notice for one problem, in plain words.
 * @example linkDatasetNotice({ kind: 'missing', ref: { id: 'acled-2021', name: 'acled_2021.csv', rows: 2734, hash: '9f2c4e01ab3d' } })
 * // "This link shows 2,734 incidents from acled_2021.csv, which is not on this device. Ask the sender for the map package."
 */
export function linkDatasetNotice(problem: LinkDatasetProblem): string {
  const { ref } = problem;
  if (problem.kind === 'missing') return `This link shows ${incidents(ref.rows)} from ${ref.name}, which is not on this device. Ask the sender for the map package.`;
  const here = problem.device;
  return `This link shows ${incidents(ref.rows)} from ${ref.name} (version ${ref.hash}); this device has another version of it (${incidents(here.rows)}${here.hash === undefined ? '' : `, version ${here.hash.slice(0, SHORT_HASH_LENGTH)}`}). The map shows this device's version; ask the sender for the map package to see theirs.`;
}
