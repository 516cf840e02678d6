/**
 * Opening a map package on a device (issue 15): a dataset whose records are here already is not
 * added twice, a package id taken here gets a new id and every record, decision, filter and the
 * selection follow it, and built-ins by reference are compared with this device's.
 */
import { describe, expect, it } from 'vitest';
import type { PackageDataset, PackageMember } from '../../src/lib/data/map-package.ts';
import type { Incident } from '../../src/lib/domain/incident.ts';
import { datasetIdMap, moveDecisions, moveFilterParams, moveIncidents, planLine, planPackageRestore, type DeviceDatasets } from '../../src/lib/share/package-restore.ts';
import { datasetIdFor } from '../../src/lib/state/import-controller.svelte.ts';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

function entry(over: Partial<PackageDataset>): PackageDataset {
  return { id: 'sagaing', name: 'sagaing.csv', fileName: 'sagaing.csv', format: 'acled', importedAt: null, attribution: 'ACLED', licence: null, citation: null, rows: 3, hash: HASH_A, included: true, ...over };
}

function member(datasets: PackageDataset[]): PackageMember {
  return { version: 1, title: 'T', created: null, view: null, filters: null, selection: null, decisions: [], datasets, features: 0, check: HASH_B };
}

const empty: DeviceDatasets = { imported: [], builtins: [], taken: new Set(['curated', 'ucdp-ged']) };

describe('planning a package on this device', () => {
  it('adds a new dataset under its own id and name', () => {
    const [plan] = planPackageRestore(member([entry({})]), empty, datasetIdFor);
    expect(plan).toMatchObject({ kind: 'add', id: 'sagaing', name: 'sagaing.csv' });
    expect(planLine(plan as NonNullable<typeof plan>)).toBe('sagaing.csv: 3 records added.');
  });

  it('says a dataset with the same content hash is already there, whatever its id', () => {
    const device: DeviceDatasets = { ...empty, imported: [{ id: 'mine', name: 'renamed.csv', hash: HASH_A }] };
    const [plan] = planPackageRestore(member([entry({})]), device, datasetIdFor);
    expect(plan).toMatchObject({ kind: 'already-there', id: 'mine' });
    expect(planLine(plan as NonNullable<typeof plan>)).toBe('sagaing.csv is already on this device (as renamed.csv): nothing was added.');
  });

  it('gives a new id when the package id is taken here by other records, and moves everything to it', () => {
    const device: DeviceDatasets = { ...empty, imported: [{ id: 'sagaing', name: 'sagaing.csv', hash: HASH_B }], taken: new Set([...empty.taken, 'sagaing']) };
    const plans = planPackageRestore(member([entry({})]), device, datasetIdFor);
    expect(plans[0]).toMatchObject({ kind: 'add', id: 'sagaing-2' });
    const ids = datasetIdMap(plans);
    const incidents = [{ id: 'sagaing:MMR1', dataset: 'sagaing' }, { id: 'sagaing:MMR2', dataset: 'sagaing' }] as unknown as Incident[];
    expect(moveIncidents(incidents, 'sagaing', 'sagaing-2').map((i) => [i.id, i.dataset])).toEqual([
      ['sagaing-2:MMR1', 'sagaing-2'],
      ['sagaing-2:MMR2', 'sagaing-2'],
    ]);
    expect(moveFilterParams({ ds: 'curated,sagaing', cat: 'air_strike' }, ids)).toEqual({ ds: 'curated,sagaing-2', cat: 'air_strike' });
    const decisions = moveDecisions([{ a: { dataset: 'sagaing', id: 'sagaing:MMR1' }, b: { dataset: 'ucdp-ged', id: '448773' }, verdict: 'same', decidedAt: '2026-01-01T00:00:00.000Z' }], ids);
    expect(decisions[0]?.a).toEqual({ dataset: 'sagaing-2', id: 'sagaing-2:MMR1' });
    expect(decisions[0]?.b).toEqual({ dataset: 'ucdp-ged', id: '448773' });
  });

  it('compares a built-in by reference with this device’s version', () => {
    const ref = entry({ id: 'ucdp-ged', name: 'UCDP GED', included: false, hash: '7743ba09ddd0', rows: 7374, builtin: { ref: 'ucdp-ged', version: '7743ba09ddd0' } });
    const builtin = { id: 'ucdp-ged', name: 'UCDP GED', version: '7743ba09ddd0', rows: 7374, shown: true };
    expect(planPackageRestore(member([ref]), { ...empty, builtins: [builtin] }, datasetIdFor)[0]).toMatchObject({ kind: 'reference', status: 'same' });
    const other = planPackageRestore(member([ref]), { ...empty, builtins: [{ ...builtin, version: '000000000000' }] }, datasetIdFor)[0];
    expect(other).toMatchObject({ kind: 'reference', status: 'other-version' });
    expect(planLine(other as NonNullable<typeof other>)).toMatch(/made with version 7743ba09ddd0, this device has version 000000000000/);
    const missing = planPackageRestore(member([ref]), empty, datasetIdFor)[0];
    expect(planLine(missing as NonNullable<typeof missing>)).toMatch(/is not on this device, so its 7,374 records cannot be shown/);
  });
});
