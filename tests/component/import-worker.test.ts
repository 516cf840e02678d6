/**
 * The import worker's functions, run in Node: the chunked reader must give exactly what the
 * one-shot import gives, however the file is cut into chunks, and must refuse what it cannot read.
 */
import { readFileSync } from 'node:fs';
import { Blob as NodeBlob } from 'node:buffer';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCsvText, importGeoJsonText } from '../../src/lib/data/import/import-text.ts';
import { runImport, type GeographyLoader } from '../../src/lib/data/import/run-import.ts';
import { fetchImportGeography, TOWNSHIP_INDEX_PATH, TOWNSHIP_MATCH_PATH } from '../../src/lib/data/import/geography-files.ts';
import { readPublicJson, testGeography } from '../helpers/import-geography.ts';
import { sniffFileStart } from '../../src/lib/data/import/sniff.ts';
import { streamText } from '../../src/lib/data/import/utf8-stream.ts';
import type { WorkerMessage } from '../../src/lib/data/import/worker-protocol.ts';
import { runBareParse, type BareParseDone } from '../bench/bench-parse.ts';
import type { Incident } from '../../src/lib/domain/incident.ts';

const fixture = (name: string): Buffer => readFileSync(resolve('tests/fixtures', name));
const UCDP_NAME = 'ucdp_ged_myanmar_2022_sagaing_kayah_kayin.csv';

const blob = (bytes: Uint8Array): Blob => new NodeBlob([bytes]) as unknown as Blob;

async function importBlob(file: Blob, fileName: string, chunkBytes = 4096, maxGeoJsonBytes = 1e8, loadGeography?: GeographyLoader): Promise<WorkerMessage[]> {
  const messages: WorkerMessage[] = [];
  const options = loadGeography === undefined ? {} : { loadGeography };
  await runImport({ type: 'import', file, fileName, datasetId: 'fixture', maxGeoJsonBytes, chunkBytes }, (m) => messages.push(m), options);
  return messages;
}

function incidentsOf(messages: readonly WorkerMessage[]): Incident[] {
  return messages.flatMap((m) => (m.type === 'incidents' ? m.incidents : []));
}

function doneOf(messages: readonly WorkerMessage[]): Extract<WorkerMessage, { type: 'done' }> {
  const done = messages.find((m) => m.type === 'done');
  if (done?.type !== 'done') throw new Error(`no report: ${JSON.stringify(messages.at(-1))}`);
  return done;
}

describe('runImport (CSV)', () => {
  it('gives the one-shot report for the UCDP sample, in small chunks cut mid-line', async () => {
    const bytes = fixture(UCDP_NAME);
    const expected = importCsvText(bytes.toString('utf8'), { datasetId: 'fixture', fileName: UCDP_NAME });
    const messages = await importBlob(blob(bytes), UCDP_NAME, 5000);
    const { report, attribution } = doneOf(messages);
    expect([report.rowsRead, report.rowsShown, report.rowsRejected]).toEqual([807, 807, 0]);
    expect(incidentsOf(messages)).toEqual(expected.incidents);
    expect(report.incidents).toEqual([]);
    expect(attribution).toMatch(/^UCDP Georeferenced Event Dataset/);
    // Several batches arrived, and progress grew to the whole file.
    expect(messages.filter((m) => m.type === 'incidents').length).toBeGreaterThan(5);
    const last = messages.filter((m) => m.type === 'progress').at(-1);
    // One progress message per slice read (and one for the last line, parsed at the end).
    const read = messages.flatMap((m) => (m.type === 'progress' ? [m.bytesRead] : []));
    expect([...new Set(read)]).toEqual(Array.from({ length: Math.ceil(bytes.length / 5000) }, (_, i) => Math.min(bytes.length, (i + 1) * 5000)));
    expect(last).toMatchObject({ bytesRead: bytes.length, totalBytes: bytes.length, rowsRead: 807 });
  });

  it('keeps Burmese text intact when a read cuts a character in two', async () => {
    const bytes = fixture('import/acled-current.csv');
    const expected = importCsvText(bytes.toString('utf8'), { datasetId: 'fixture', fileName: 'acled-current.csv' });
    for (const size of [1, 2, 7, 97]) {
      const messages = await importBlob(blob(bytes), 'acled-current.csv', size);
      const { report } = doneOf(messages);
      expect(incidentsOf(messages)).toEqual(expected.incidents);
      expect({ ...report, incidents: [] }).toEqual({ ...expected, incidents: [] });
      expect(JSON.stringify(incidentsOf(messages))).not.toContain('\uFFFD');
    }
  });

  it('gives the same report as the one-shot import for each malformed fixture', async () => {
    for (const name of ['acled-truncated.csv', 'acled-bad-coordinates.csv', 'acled-swapped.csv', 'acled-bad-dates.csv', 'acled-duplicates.csv']) {
      const bytes = fixture(`import/${name}`);
      const expected = importCsvText(bytes.toString('utf8'), { datasetId: 'fixture', fileName: name });
      const messages = await importBlob(blob(bytes), name, 50);
      const { report } = doneOf(messages);
      expect({ ...report, incidents: [] }, name).toEqual({ ...expected, incidents: [] });
      expect(report.rowsRead, name).toBe(report.rowsShown + report.rowsRejected);
    }
  });

  it('stops at the header of an unrecognised file and says why', async () => {
    const messages = await importBlob(blob(fixture('import/acled-semicolon.csv')), 'acled-semicolon.csv', 100);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ type: 'refused', message: expect.stringMatching(/semicolons/) });
  });

  it('refuses a file that stops being UTF-8 part-way, naming where', async () => {
    const text = fixture('import/acled-current.csv').toString('utf8');
    const header = text.slice(0, text.indexOf('\n') + 1);
    const rows = text.slice(header.length);
    // Past the sniffed start, so only the streaming decoder can see the bad byte.
    const body = Buffer.from(header + rows.repeat(Math.ceil(80_000 / rows.length)));
    const bytes = new Uint8Array([...body, 0xff, 0x0a]);
    const messages = await importBlob(blob(bytes), 'x.csv');
    expect(messages.at(-1)).toMatchObject({ type: 'refused', message: expect.stringMatching(/stops being valid UTF-8 text near byte/) });
  });

  it('refuses an empty file', async () => {
    const messages = await importBlob(blob(new Uint8Array()), 'empty.csv', 10);
    expect(messages).toEqual([{ type: 'refused', message: '"empty.csv" has no header row and no data.' }]);
  });
});

describe('runImport (GeoJSON)', () => {
  it('gives the one-shot report for the GeoJSON fixture', async () => {
    const bytes = fixture('import/geojson-points.geojson');
    const expected = importGeoJsonText(bytes.toString('utf8'), { datasetId: 'fixture', fileName: 'geojson-points.geojson' });
    const messages = await importBlob(blob(bytes), 'geojson-points.geojson');
    expect(incidentsOf(messages)).toEqual(expected.incidents);
    expect({ ...doneOf(messages).report, incidents: [] }).toEqual({ ...expected, incidents: [] });
  });

  it('refuses GeoJSON over its size limit before reading it', async () => {
    const messages = await importBlob(blob(fixture('import/geojson-points.geojson')), 'big.geojson', 4096, 1000);
    expect(messages).toEqual([{ type: 'refused', message: expect.stringMatching(/larger than 0 MB/) }]);
  });

  it('refuses JSON nested deeper than any point file needs', async () => {
    const deep = Buffer.from(`{"type":"FeatureCollection","features":${'['.repeat(200)}${']'.repeat(200)}}`);
    const messages = await importBlob(blob(deep), 'deep.geojson');
    expect(messages).toEqual([{ type: 'refused', message: expect.stringMatching(/nests more than 64 levels/) }]);
  });
});

describe('runImport with the township files', () => {
  const geography = testGeography();
  const loadGeography: GeographyLoader = () => Promise.resolve(geography);

  it('codes the UCDP sample in small chunks exactly as the one-shot import does', async () => {
    const bytes = fixture(UCDP_NAME);
    const expected = importCsvText(bytes.toString('utf8'), { datasetId: 'fixture', fileName: UCDP_NAME, geography });
    const messages = await importBlob(blob(bytes), UCDP_NAME, 5000, 1e8, loadGeography);
    const { report } = doneOf(messages);
    const incidents = incidentsOf(messages);
    expect(incidents).toEqual(expected.incidents);
    expect({ ...report, incidents: [] }).toEqual({ ...expected, incidents: [] });
    expect(report.placeMatch?.areas).toEqual({ township: 427, district: 13, region: 14 });
    expect(incidents.filter((i) => i.place.townshipCode !== undefined)).toHaveLength(743);
  });

  it('codes GeoJSON features too', async () => {
    const bytes = fixture('import/geojson-points.geojson');
    const messages = await importBlob(blob(bytes), 'geojson-points.geojson', 4096, 1e8, loadGeography);
    expect(incidentsOf(messages).map((i) => i.place.townshipCode ?? null)).toEqual(['MMR005010', null, null]);
  });

  it('still imports every row when the township files cannot be loaded, and the report says places were not matched', async () => {
    const bytes = fixture(UCDP_NAME);
    const messages = await importBlob(blob(bytes), UCDP_NAME, 5000, 1e8, () => Promise.reject(new Error('HTTP 404')));
    const { report } = doneOf(messages);
    expect([report.rowsRead, report.rowsShown, report.rowsRejected]).toEqual([807, 807, 0]);
    expect(report.placeMatch).toBeNull();
    expect(incidentsOf(messages).some((i) => i.place.townshipCode !== undefined || i.place.areaCode !== undefined)).toBe(false);
  });

  it('fetches the files beside the page once per base URL, and tries again after a failure', async () => {
    const files: Record<string, unknown> = {
      [`/app/${TOWNSHIP_INDEX_PATH}`]: readPublicJson(TOWNSHIP_INDEX_PATH),
      [`/app/${TOWNSHIP_MATCH_PATH}`]: readPublicJson(TOWNSHIP_MATCH_PATH),
    };
    const asked: string[] = [];
    let down = true;
    const fakeFetch = ((input: URL) => {
      asked.push(input.pathname);
      const body = files[input.pathname];
      return Promise.resolve(down || body === undefined ? new Response('', { status: 404 }) : new Response(JSON.stringify(body)));
    }) as typeof fetch;
    await expect(fetchImportGeography('http://test.invalid/app/index.html', fakeFetch)).rejects.toThrow(/HTTP 404/);
    down = false;
    const first = await fetchImportGeography('http://test.invalid/app/index.html', fakeFetch);
    const again = await fetchImportGeography('http://test.invalid/app/index.html', fakeFetch);
    expect(again).toBe(first);
    expect(first.townshipAt(95.4024, 22.6768)).toBe('MMR005010');
    expect(asked.filter((p) => p.endsWith('townships.json'))).toEqual(['/app/data/townships.json', '/app/data/townships.json']);
  });
});

describe('sniffFileStart', () => {
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
  it.each([
    ['xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]), /Excel workbook/],
    ['xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1]), /old Excel/],
    ['gzip', new Uint8Array([0x1f, 0x8b, 8, 0]), /gzip/],
    ['pdf', enc('%PDF-1.7'), /PDF/],
    ['utf16', new Uint8Array([0xff, 0xfe, 0x65, 0]), /UTF-16/],
    ['binary', new Uint8Array([0x65, 0x76, 0, 0x12, 0x13]), /binary data/],
    ['windows-1252', new Uint8Array([...enc('event_id_cnty,notes\nMMR1,caf'), 0xe9, 0x0a]), /not UTF-8 text/],
  ])('refuses %s with a message saying what it is', (_name, bytes, message) => {
    const sniff = sniffFileStart(bytes, 'data.csv');
    expect(sniff.kind).toBe('refused');
    if (sniff.kind === 'refused') {
      expect(sniff.message).toMatch(message);
      expect(sniff.message).toContain('data.csv');
    }
  });

  it('reads .json and .geojson as JSON, and a CSV-named file that starts with {', () => {
    expect(sniffFileStart(enc('x'), 'a.geojson')).toEqual({ kind: 'json' });
    expect(sniffFileStart(enc('x'), 'a.JSON')).toEqual({ kind: 'json' });
    expect(sniffFileStart(enc('\uFEFF \n {"type"'), 'a.csv')).toEqual({ kind: 'json' });
    expect(sniffFileStart(enc('\uFEFFevent_id_cnty,event_date'), 'a.csv')).toEqual({ kind: 'csv' });
  });

  it('lets a multi-byte character cut off at the end of the sample pass', () => {
    const burmese = enc('notes\nမြို့နယ်');
    expect(sniffFileStart(burmese.subarray(0, burmese.length - 1), 'a.csv')).toEqual({ kind: 'csv' });
  });
});

describe('streamText', () => {
  it('joins characters split across slices and hands out one text per slice', async () => {
    const text = 'ဒီပဲယင်း,'.repeat(500);
    const chunks: string[] = [];
    await streamText(blob(new TextEncoder().encode(text)), 301, (t) => {
      chunks.push(t);
      return true;
    });
    expect(chunks.join('')).toBe(text);
    expect(chunks.length).toBeGreaterThan(5);
  });
});

describe('runBareParse (the benchmark baseline)', () => {
  it('counts the rows with the same reader', async () => {
    const messages: BareParseDone[] = [];
    await runBareParse({ type: 'bare', file: blob(fixture(UCDP_NAME)), chunkBytes: 20_000 }, (m) => messages.push(m));
    expect(messages).toEqual([{ type: 'bare-done', rows: 807, ms: expect.any(Number), bytes: fixture(UCDP_NAME).length }]);
  });
});
