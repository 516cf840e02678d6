/**
 * Curated records name the UCDP events they rest on as structured references (issue #13):
 * the table in `geo/curated/external-refs.ts` says exactly what the free-text `via` fields say,
 * the shipped data carries it, the built-in UCDP rows agree with it, and it survives our own
 * exports (Conflict Map CSV and GeoJSON) and re-import.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CURATED_INCIDENTS } from '../../geo/curated/incidents.ts';
import { CURATED_EXTERNAL_REFS } from '../../geo/curated/external-refs.ts';
import { externalEventLookup, validateIncidents, type Admin1Boundaries } from '../../geo/lib/validate-incidents.ts';
import { decodeDatasetCore, linkFactsOfRow, verifyDataset } from '../../src/lib/data/dataset-file.ts';
import { LinkRecordsBuilder, datasetLinkSummary, groupMembers, linkEvents } from '../../src/lib/query/event-links.ts';
import { incidentsToCsv, incidentsToGeoJson } from '../../src/lib/data/import/export-incidents.ts';
import { importCsvText, importGeoJsonText } from '../../src/lib/data/import/import-text.ts';
import { externalRefProblem, linkFactsOf } from '../../src/lib/domain/event-link.ts';
import type { Incident } from '../../src/lib/domain/incident.ts';

const shipped = (JSON.parse(readFileSync(new URL('../../public/data/incidents.json', import.meta.url), 'utf8')) as { incidents: Incident[] }).incidents;
const boundaries = JSON.parse(readFileSync(new URL('../../geo/data/myanmar-admin1-full.geojson', import.meta.url), 'utf8')) as Admin1Boundaries;

describe('curated external references', () => {
  it('name exactly the UCDP events the sources cite with via', () => {
    const fromVia: Record<string, string[]> = {};
    for (const c of CURATED_INCIDENTS) {
      const ids = [...new Set(c.sources.flatMap((s) => [...(s.via ?? '').matchAll(/UCDP GED (\d+)/g)].map((m) => m[1] as string)))];
      if (ids.length > 0) fromVia[c.id] = ids;
    }
    const fromTable = Object.fromEntries(Object.entries(CURATED_EXTERNAL_REFS).map(([id, refs]) => [id, refs.map((r) => r.id)]));
    expect(fromTable).toEqual(fromVia);
    for (const refs of Object.values(CURATED_EXTERNAL_REFS)) for (const ref of refs) expect(externalRefProblem(ref)).toBeNull();
  });

  it('are carried into public/data/incidents.json', () => {
    for (const incident of shipped) expect(incident.refs).toEqual(CURATED_EXTERNAL_REFS[incident.id]);
    expect(shipped.find((i) => i.id === 'E16')?.refs).toEqual([{ dataset: 'ucdp-ged', id: '448773' }]);
  });

  it('agree with the built-in UCDP rows: no reference warning from the validator', async () => {
    const b = readFileSync(new URL('../../public/data/ucdp-ged.core.cmds', import.meta.url));
    const columns = decodeDatasetCore(await verifyDataset(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)));
    const report = validateIncidents(shipped, boundaries, { externalEvents: { 'ucdp-ged': externalEventLookup(columns) } });
    expect(report.errors).toEqual([]);
    expect(report.warnings.filter((w) => /cites|refs/.test(w.reason))).toEqual([]);
  });

  it('link each of the 14 records exactly to its built-in UCDP row, with nothing refused', async () => {
    const b = readFileSync(new URL('../../public/data/ucdp-ged.core.cmds', import.meta.url));
    const columns = decodeDatasetCore(await verifyDataset(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)));
    const builder = new LinkRecordsBuilder(columns.rows + shipped.length);
    for (const incident of shipped) builder.add(linkFactsOf(incident));
    for (let row = 0; row < columns.rows; row++) builder.add(linkFactsOfRow(columns, row));
    const records = builder.build();
    const links = linkEvents(records);
    expect(links.refused).toEqual([]);
    const pairs: string[] = [];
    for (let g = 0; g < links.groupCount; g++) {
      const members = groupMembers(links, g);
      if (members.length > 1) pairs.push(Array.from(members, (i) => records.recordKeys[i]?.replace('\u0000', ' ')).join(' = '));
    }
    expect(pairs).toEqual(Object.entries(CURATED_EXTERNAL_REFS).map(([id, [ref]]) => `curated ${id} = ucdp-ged ${ref?.id}`));
    expect(datasetLinkSummary(records, links, 'curated')).toMatchObject({ rows: 16, linkedExactly: 14 });
  });

  it('survive a Conflict Map CSV and a GeoJSON export and re-import', () => {
    const csv = importCsvText(incidentsToCsv(shipped), { datasetId: 'curated', fileName: 'export.csv' });
    expect(csv.incidents.map((i) => i.refs)).toEqual(shipped.map((i) => i.refs));
    const geojson = importGeoJsonText(JSON.stringify(incidentsToGeoJson(shipped)), { datasetId: 'curated', fileName: 'export.geojson' });
    expect(geojson.incidents.map((i) => i.refs)).toEqual(shipped.map((i) => i.refs));
  });

  it('refuse a malformed reference in an imported file, with the reason', () => {
    const feature = { type: 'Feature', geometry: { type: 'Point', coordinates: [95.4, 22.6] }, properties: { title: 'x', date: '2022-07-14', refs: [{ dataset: 'ucdp-ged', id: 'javascript:alert(1)' }] } };
    const report = importGeoJsonText(JSON.stringify({ type: 'FeatureCollection', features: [feature] }), { datasetId: 'x', fileName: 'x.geojson' });
    expect(report.rejected[0]?.message).toMatch(/refs is not a list of \{dataset, id\} references/);
  });
});
