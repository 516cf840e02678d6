/**
 * Opening a map package on this device (issue 15): from what the import worker read and checked,
 * the datasets to add (under their own names and attribution), the lines of the import report
 * (added, already there, built-in references), the decisions to keep, and the view, filters and
 * selection to offer, all moved to the ids the datasets have here. The import controller applies
 * it; nothing here changes the app state.
 */
import type { AppState } from './app-state.svelte.ts';
import { CURATED_NAME } from './app-state.svelte.ts';
import { datasetIdFor } from './import-controller.svelte.ts';
import { paramsToFilter, type FilterParamsState } from './filter-params.ts';
import { CURATED_DATASET, type ImportedDataset } from '../domain/dataset.ts';
import type { LinkDecision } from '../domain/event-link.ts';
import type { Incident } from '../domain/incident.ts';
import type { CameraView } from '../domain/view.ts';
import type { PackageMember } from '../data/map-package.ts';
import type { PackageDatasetRead } from '../data/import/worker-protocol.ts';
import { datasetIdMap, moveDecisions, moveFilterParams, moveIncidents, moveRecordRef, planLine, planPackageRestore, type DeviceDatasets } from '../share/package-restore.ts';

/** The sender's view, filters and selection, offered before they replace the reader's. */
export interface PackageViewOffer {
  readonly view: CameraView | null;
  /** The filters and "By township", read as a link's are; null when the package left them out. */
  readonly filters: FilterParamsState | null;
  /** The selected record's id on this device, or null. */
  readonly selectedId: string | null;
}

/** A package placed on this device: what to add and what to say. */
export interface OpenedPackage {
  readonly title: string;
  /** New datasets, each with its content hash (as checked by the worker). */
  readonly add: readonly { readonly dataset: ImportedDataset; readonly hash: string }[];
  /** One line per dataset of the package, in plain words. */
  readonly lines: readonly string[];
  readonly decisions: readonly LinkDecision[];
  /** Null when the package carries neither view, filters nor selection. */
  readonly offer: PackageViewOffer | null;
}

/** What the worker sent for a package. */
export interface PackageRead {
  readonly member: PackageMember;
  readonly datasets: readonly (PackageDatasetRead & { readonly incidents: readonly Incident[] })[];
}

/** This device's datasets as the restore plan needs them (imported with their content hashes). */
export function deviceDatasetsOf(app: AppState, hashes: ReadonlyMap<string, string>, taken: ReadonlySet<string>): DeviceDatasets {
  const shown = (id: string): boolean => app.filter.datasets?.has(id) ?? true;
  return {
    imported: app.datasets.flatMap((d) => {
      const hash = hashes.get(d.id);
      return hash === undefined ? [] : [{ id: d.id, name: d.name, hash }];
    }),
    builtins: [
      ...(app.curated.length && app.dataVersion ? [{ id: CURATED_DATASET, name: CURATED_NAME, version: app.dataVersion, rows: app.curated.length, shown: shown(CURATED_DATASET) }] : []),
      ...app.builtins.map((b) => ({ id: b.id, name: b.meta.name, version: b.version, rows: b.records.length, shown: shown(b.id) })),
    ],
    taken,
  };
}

/**
 * Plans a package on this device: the datasets it adds (new ids where the package's are taken),
 * the report lines, and the view offer with every dataset and record id moved.
 */
export function openPackage(read: PackageRead, device: DeviceDatasets, fromFile: string, now: Date, outline: (n: number) => ImportedDataset['outline']): OpenedPackage {
  const { member } = read;
  const plans = planPackageRestore(member, device, datasetIdFor);
  const ids = datasetIdMap(plans);
  const add: { dataset: ImportedDataset; hash: string }[] = [];
  for (const plan of plans) {
    if (plan.kind !== 'add') continue;
    const got = read.datasets.find((d) => d.id === plan.entry.id);
    if (!got) continue;
    const { entry } = plan;
    const incidents = moveIncidents(got.incidents, entry.id, plan.id);
    const report = got.report;
    add.push({
      hash: got.hash,
      dataset: {
        id: plan.id,
        name: plan.name,
        fileName: entry.fileName || entry.name,
        format: entry.format as ImportedDataset['format'],
        importedAt: entry.importedAt ?? now.toISOString(),
        incidents,
        counts: { rowsRead: report.rowsRead, rowsShown: report.rowsShown, rowsRejected: report.rowsRejected, duplicates: report.duplicates.length },
        attribution: entry.attribution,
        licence: entry.licence,
        citation: entry.citation,
        fromPackage: fromFile,
        outline: outline(add.length),
      },
    });
  }
  const filters = member.filters === null ? null : paramsToFilter(new Map(Object.entries(moveFilterParams(member.filters, ids))));
  const selection = member.selection === null ? null : moveRecordRef(member.selection, ids);
  const offer = member.view === null && filters === null && selection === null ? null : { view: member.view, filters, selectedId: selection?.id ?? null };
  return { title: member.title, add, lines: plans.map(planLine), decisions: moveDecisions(member.decisions, ids), offer };
}
