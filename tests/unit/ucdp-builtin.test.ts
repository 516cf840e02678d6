/**
 * The built-in UCDP GED record (`public/data/ucdp-ged.{core,details}.cmds`, made by
 * `npm run derive-ucdp`, issue #13): the committed files decode, hold all 7,374 events, agree
 * with the UCDP CSV on known events, keep long texts out of the core, and are what the
 * derivation writes today (when the shared samples folder is at hand).
 */
import { existsSync, readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { decodeDatasetCore, decodeDatasetDetails, incidentFrom, verifyDataset } from '../../src/lib/data/dataset-file.ts';
import { PAPA_CONFIG } from '../../src/lib/data/import/papa-config.ts';
import { UCDP_META, UCDP_PATHS, UCDP_SHA256, deriveUcdp, readUcdpInput } from '../../geo/derive-ucdp.ts';

function bytesOf(file: string): ArrayBuffer {
  const b = readFileSync(file);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
}

const coreFile = bytesOf(UCDP_PATHS.core);
const detailsFile = bytesOf(UCDP_PATHS.details);
const corePlain = await verifyDataset(coreFile, { part: 'core' });
const columns = decodeDatasetCore(corePlain);
const details = decodeDatasetDetails(await verifyDataset(detailsFile, { part: 'details', sha256: columns.details.sha256 }));

// The 2022 Sagaing/Kayah/Kayin sample is an exact subset of the full file (shared/samples/README.md).
const sampleRows = Papa.parse<Record<string, string>>(readFileSync(new URL('../fixtures/ucdp_ged_myanmar_2022_sagaing_kayah_kayin.csv', import.meta.url), 'utf8'), PAPA_CONFIG).data;

function rowOfEvent(id: string): number {
  for (let row = 0; row < columns.rows; row++) if (columns.eventId.get(row) === id) return row;
  throw new Error(`event ${id} not in the built-in file`);
}

describe('built-in UCDP GED', () => {
  it('holds all 7,374 events with their metadata, attribution and source hash', () => {
    expect(columns.rows).toBe(7374);
    expect(details.rows).toBe(7374);
    expect(columns.meta).toEqual(UCDP_META);
    expect(columns.meta.source?.sha256).toBe(UCDP_SHA256);
    expect(columns.meta.attribution).toMatch(/CC BY 4\.0.*Sundberg & Melander 2013/);
    expect(new Set(Array.from({ length: columns.rows }, (_, r) => columns.eventId.get(r))).size).toBe(7374);
  });

  it('ships a core small enough to load before the first idle', () => {
    // Issue #13 allows 300 KB (gzip) in all; the core body is stored gzip-compressed.
    expect(coreFile.byteLength).toBeLessThan(250 * 1024);
  });

  it.each(['448773', '444655'])('agrees with the UCDP CSV on event %s', (id) => {
    const raw = sampleRows.find((r) => r.id === id) as Record<string, string>;
    const row = rowOfEvent(id);
    const incident = incidentFrom(columns, row, details.row(row));
    expect(incident.id).toBe(`ucdp-ged:${id}`);
    expect(incident.dataset).toBe('ucdp-ged');
    expect([incident.lon, incident.lat]).toEqual([Number(raw.longitude), Number(raw.latitude)]);
    expect([incident.date.start, incident.date.end]).toEqual([raw.date_start, raw.date_end]);
    expect(incident.place.name).toBe(raw.where_coordinates);
    expect(incident.place.admin1).toBe((raw.adm_1 as string).replace(/ region$| state$/, ''));
    expect(incident.killed[0]).toMatchObject({ low: Number(raw.low), high: Number(raw.high), source: 'UCDP GED' });
    expect(incident.extra).toMatchObject({ event_id: id, best: Number(raw.best), deaths_civilians: Number(raw.deaths_civilians) });
    const firstHeadline = (raw.source_headline as string).split(';')[0] as string;
    expect(incident.sources[0]?.note).toContain(firstHeadline);
  });

  it('names 448773 Let Yet Kone (village, helicopter) and 444655 Kaing Kan in Tabayin township', () => {
    const letYetKone = incidentFrom(columns, rowOfEvent('448773'));
    expect(letYetKone).toMatchObject({ category: 'helicopter_attack', precision: 'village', place: { name: 'Letyetkone village', admin1: 'Sagaing' } });
    const kaingKan = incidentFrom(columns, rowOfEvent('444655'));
    expect(kaingKan).toMatchObject({ category: 'helicopter_attack', precision: 'township', place: { name: 'Tabayin township', township: 'Tabayin' } });
  });

  it('keeps long texts out of the core: every core text is short and no headline is in it', () => {
    let longest = 0;
    for (const column of [columns.id, columns.title, columns.placeName, columns.admin1, columns.township, columns.eventId]) {
      for (let row = 0; row < columns.rows; row++) longest = Math.max(longest, column.get(row)?.length ?? 0);
    }
    expect(longest).toBeLessThanOrEqual(120);
    const coreText = new TextDecoder().decode(new Uint8Array(corePlain));
    for (const headline of ['Women Working in Rice Field', 'School-hour airstrikes', 'Articles cited by UCDP', 'As coded by UCDP GED']) {
      expect(coreText).not.toContain(headline);
    }
  });

  it.runIf(existsSync(UCDP_PATHS.input))('is exactly what npm run derive-ucdp writes from the CSV', { timeout: 60_000 }, async () => {
    const derived = await deriveUcdp(readUcdpInput());
    expect([derived.report.rowsRead, derived.report.rowsShown, derived.report.rowsRejected]).toEqual([7374, 7374, 0]);
    // The content hash does not depend on the gzip bytes; the files should match too on the same Node.
    const again = decodeDatasetCore(await verifyDataset(derived.core));
    expect(again.hash).toBe(columns.hash);
    expect(new Uint8Array(derived.core)).toEqual(new Uint8Array(coreFile));
    expect(new Uint8Array(derived.details)).toEqual(new Uint8Array(detailsFile));
    // And every row reads back as the importer made it.
    const info = decodeDatasetDetails(await verifyDataset(derived.details));
    derived.report.incidents.forEach((incident, row) => expect(incidentFrom(again, row, info.row(row))).toStrictEqual(incident));
  });
});
