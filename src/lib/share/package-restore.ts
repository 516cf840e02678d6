/**
 * Opening a map package on a device (issue 15): which of its datasets to add, which are here
 * already (the same content hash), and how its built-in references compare with this device's
 * built-ins; then the ids its view, filters, selection and decisions use, moved to the ids the
 * datasets have here. Pure: the state layer (`state/share-controller.svelte.ts`) applies it.
 */
import { externalRefProblem, type LinkDecision, type RecordRef } from '../domain/event-link.ts';
import type { Incident } from '../domain/incident.ts';
import { localRecordId, type PackageDataset, type PackageMember } from '../data/map-package.ts';

/** A built-in dataset on this device. */
export interface DeviceBuiltin {
  readonly id: string;
  readonly name: string;
  /** Its version hash. */
  readonly version: string;
  readonly rows: number;
  /** Shown now (not switched off in the data panel). */
  readonly shown: boolean;
}

/** What the device holds, for planning. */
export interface DeviceDatasets {
  /** Imported datasets with their content hashes. */
  readonly imported: readonly { readonly id: string; readonly name: string; readonly hash: string }[];
  readonly builtins: readonly DeviceBuiltin[];
  /** Ids a new dataset may not take (every loaded dataset's, the built-ins', ids given out earlier). */
  readonly taken: ReadonlySet<string>;
}

/** How a built-in the package refers to compares with this device's. */
export type ReferenceStatus = 'same' | 'other-version' | 'missing' | 'switched-off';

/** What happens to one dataset of the package. */
export type DatasetPlan =
  /** Its records are added as a new dataset, under `id` (the package's id unless taken) and `name`. */
  | { readonly kind: 'add'; readonly entry: PackageDataset; readonly id: string; readonly name: string }
  /** The same records are on this device already, as dataset `id`: nothing is added. */
  | { readonly kind: 'already-there'; readonly entry: PackageDataset; readonly id: string; readonly name: string }
  /** A built-in by reference, and how this device's copy compares. */
  | { readonly kind: 'reference'; readonly entry: PackageDataset; readonly status: ReferenceStatus; readonly device: DeviceBuiltin | null };

/** Makes an id for a new dataset from its name, unique among `taken` (the import controller's rule). */
export type IdFor = (name: string, taken: ReadonlySet<string>) => string;

/** What to do with each dataset of a package on this device, in the package's order. */
export function planPackageRestore(member: PackageMember, device: DeviceDatasets, idFor: IdFor): DatasetPlan[] {
  const taken = new Set(device.taken);
  return member.datasets.map((entry): DatasetPlan => {
    const builtin = entry.builtin ? (device.builtins.find((b) => b.id === entry.builtin?.ref) ?? null) : null;
    if (!entry.included) {
      const status: ReferenceStatus = builtin === null ? 'missing' : builtin.version !== entry.builtin?.version ? 'other-version' : builtin.shown ? 'same' : 'switched-off';
      return { kind: 'reference', entry, status, device: builtin };
    }
    const same = device.imported.find((d) => d.hash === entry.hash);
    if (same) return { kind: 'already-there', entry, id: same.id, name: same.name };
    if (builtin !== null && builtin.version === entry.builtin?.version) return { kind: 'already-there', entry, id: builtin.id, name: builtin.name };
    // A copy of a built-in in another version is its own dataset, named so it is not taken for this device's.
    const name = entry.builtin ? `${entry.name} (version ${entry.builtin.version.slice(0, 12)}, from a map package)` : entry.name;
    const id = taken.has(entry.id) ? idFor(entry.fileName || entry.name, taken) : entry.id;
    taken.add(id);
    return { kind: 'add', entry, id, name };
  });
}

/** Each package dataset id → the id its records have on this device (itself for a built-in reference). */
export function datasetIdMap(plans: readonly DatasetPlan[]): Map<string, string> {
  return new Map(plans.map((p) => [p.entry.id, p.kind === 'reference' ? (p.device?.id ?? p.entry.id) : p.id]));
}

/** A record id of dataset `from` as it reads in dataset `to`. */
export function movedRecordId(id: string, from: string, to: string): string {
  return from === to ? id : `${to}:${localRecordId(id, from)}`;
}

/** The incidents of a package dataset moved into dataset `to` (the same array when the id is unchanged). */
export function moveIncidents(incidents: readonly Incident[], from: string, to: string): readonly Incident[] {
  if (from === to) return incidents;
  return incidents.map((inc) => ({ ...inc, id: movedRecordId(inc.id, from, to), dataset: to }));
}

/** A record reference moved to this device's ids; a public event id (`ucdp-ged 448773`) stays as it is. */
export function moveRecordRef(ref: RecordRef, ids: ReadonlyMap<string, string>): RecordRef {
  const to = ids.get(ref.dataset);
  if (to === undefined || to === ref.dataset) return ref;
  if (externalRefProblem(ref) === null && !ref.id.startsWith(`${ref.dataset}:`)) return ref;
  return { dataset: to, id: movedRecordId(ref.id, ref.dataset, to) };
}

/** The decisions with their record references moved to this device's ids. */
export function moveDecisions(decisions: readonly LinkDecision[], ids: ReadonlyMap<string, string>): LinkDecision[] {
  return decisions.map((d) => ({ ...d, a: moveRecordRef(d.a, ids), b: moveRecordRef(d.b, ids) }));
}

/** The filter parameters with the dataset list (`ds`) moved to this device's ids. */
export function moveFilterParams(params: Readonly<Record<string, string>>, ids: ReadonlyMap<string, string>, datasetsKey = 'ds'): Record<string, string> {
  const out = { ...params };
  const list = params[datasetsKey];
  if (list !== undefined) out[datasetsKey] = list.split(',').map((id) => ids.get(id.trim()) ?? id.trim()).join(',');
  return out;
}

/** A line of the import report for one dataset of a package, in plain words. */
export function planLine(plan: DatasetPlan): string {
  const { entry } = plan;
  const records = (n: number): string => `${n.toLocaleString('en-GB')} ${n === 1 ? 'record' : 'records'}`;
  switch (plan.kind) {
    case 'add':
      return `${plan.name}: ${records(entry.rows)} added.`;
    case 'already-there':
      return `${entry.name} is already on this device${plan.name === entry.name ? '' : ` (as ${plan.name})`}: nothing was added.`;
    case 'reference': {
      const version = entry.builtin?.version.slice(0, 12) ?? '';
      if (plan.status === 'same') return `${entry.name} (built in) travels by reference, and this device has the same version (${version}).`;
      if (plan.status === 'missing') return `${entry.name} (built in, version ${version}) travels by reference and is not on this device, so its ${records(entry.rows)} cannot be shown. Ask the sender for a package that includes the built-in data.`;
      if (plan.status === 'switched-off') return `${entry.name} (built in) is on this device in the same version but switched off: switch it on under "Your data", or replace your view with the package's.`;
      return `${entry.name} (built in) travels by reference: the package was made with version ${version}, this device has version ${plan.device?.version.slice(0, 12) ?? '?'}. The map shows this device's version, so counts may differ.`;
    }
  }
}
