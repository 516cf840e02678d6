/**
 * The app's dataset file, format v1 (src/lib/data/dataset-file.ts, DATASET-FORMAT.md): every
 * record comes back exactly as the importer (or the curated build) made it, a file from
 * outside is refused with a clear reason when it is damaged or hostile, and nothing but a
 * DatasetFormatError ever comes out of reading one.
 */
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DATASET_LIMITS,
  DatasetFormatError,
  decodeDatasetCore,
  decodeDatasetDetails,
  encodeDataset,
  incidentFrom,
  linkFactsOfRow,
  readDetails,
  verifyDataset,
  type DatasetMeta,
} from '../../src/lib/data/dataset-file.ts';
import { importCsvText } from '../../src/lib/data/import/import-text.ts';
import { linkFactsOf } from '../../src/lib/domain/event-link.ts';
import { safeHttpUrl } from '../../src/lib/domain/guards.ts';
import type { Incident } from '../../src/lib/domain/incident.ts';
import { FUZZ_TIMEOUT_MS, fuzzOptions, hostileIncidents, logFuzzSeed } from '../fuzz/arbitraries.ts';

const SAMPLE = 'ucdp_ged_myanmar_2022_sagaing_kayah_kayin.csv';
const sample = importCsvText(readFileSync(new URL(`../fixtures/${SAMPLE}`, import.meta.url), 'utf8'), { datasetId: 'ucdp-sample', fileName: SAMPLE });
const curated = (JSON.parse(readFileSync(new URL('../../public/data/incidents.json', import.meta.url), 'utf8')) as { incidents: Incident[] }).incidents;

function meta(id: string, extra: Partial<DatasetMeta> = {}): DatasetMeta {
  return {
    id,
    name: `Test dataset ${id}`,
    format: 'ucdp-ged',
    attribution: 'UCDP GED (CC BY 4.0)',
    licence: 'CC BY 4.0',
    citation: null,
    source: { file: SAMPLE, sha256: null },
    created: { by: 'tests/unit/dataset-file.test.ts', at: null },
    ...extra,
  };
}

/** Encodes, verifies and decodes both files, and materialises every row with its details. */
async function roundTrip(m: DatasetMeta, incidents: readonly Incident[], compress: boolean): Promise<Incident[]> {
  const { core, details } = await encodeDataset(m, incidents, { compress });
  const columns = decodeDatasetCore(await verifyDataset(core, { part: 'core' }));
  const info = decodeDatasetDetails(await verifyDataset(details, { part: 'details', sha256: columns.details.sha256 }));
  return Array.from({ length: columns.rows }, (_, row) => incidentFrom(columns, row, info.row(row)));
}

/** A plain (uncompressed) file with its hash recomputed after an edit, so the checks behind the hash are reached. */
async function rehash(file: Uint8Array): Promise<ArrayBuffer> {
  const out = file.slice();
  out.set(new Uint8Array(await crypto.subtle.digest('SHA-256', out.subarray(48))), 16);
  return out.buffer;
}

function headerOf(buf: ArrayBuffer): { text: string; start: number; end: number } {
  const length = new DataView(buf).getUint32(8, true);
  return { text: new TextDecoder().decode(new Uint8Array(buf, 48, length)), start: 48, end: 48 + length };
}

/** The plain core file with its header JSON replaced (the body is moved to stay 8-byte aligned). */
async function withHeader(buf: ArrayBuffer, edit: (header: Record<string, unknown>) => unknown): Promise<ArrayBuffer> {
  const { text, end } = headerOf(buf);
  const bodyStart = Math.ceil(end / 8) * 8;
  const body = new Uint8Array(buf, bodyStart);
  const next = new TextEncoder().encode(JSON.stringify(edit(JSON.parse(text) as Record<string, unknown>)));
  const start = Math.ceil((48 + next.length) / 8) * 8;
  const out = new Uint8Array(start + body.length);
  out.set(new Uint8Array(buf, 0, 48));
  out.set(next, 48);
  out.set(body, start);
  new DataView(out.buffer).setUint32(8, next.length, true);
  return rehash(out);
}

async function refusal(buf: ArrayBuffer | Promise<ArrayBuffer>): Promise<string> {
  try {
    await verifyDataset(await buf);
  } catch (e) {
    expect(e).toBeInstanceOf(DatasetFormatError);
    return (e as Error).message;
  }
  throw new Error('the file was accepted');
}

describe('dataset file: round trip', () => {
  it('gives back every one of the 807 UCDP sample rows exactly as the importer made them', async () => {
    expect(sample.incidents).toHaveLength(807);
    const back = await roundTrip(meta('ucdp-sample'), sample.incidents, false);
    expect(back).toStrictEqual(sample.incidents);
  });

  it('gives back the curated incidents exactly (sourceCoordinates null, notes, structured refs)', async () => {
    expect(curated.length).toBeGreaterThanOrEqual(16);
    expect(curated.some((i) => i.refs !== undefined)).toBe(true);
    const back = await roundTrip(meta('curated', { format: 'curated' }), curated, true);
    expect(back).toStrictEqual(curated);
  });

  it('has the same content hash whether the body is stored compressed or not', async () => {
    const plain = await encodeDataset(meta('ucdp-sample'), sample.incidents);
    const packed = await encodeDataset(meta('ucdp-sample'), sample.incidents, { compress: true });
    expect(packed.core.byteLength).toBeLessThan(plain.core.byteLength / 2);
    const a = decodeDatasetCore(await verifyDataset(plain.core));
    const b = decodeDatasetCore(await verifyDataset(packed.core));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(b.hash).toBe(a.hash);
    expect(new Uint8Array(await verifyDataset(packed.core))).toEqual(new Uint8Array(plain.core));
  });

  it('writes the same bytes for the same input', async () => {
    const first = await encodeDataset(meta('ucdp-sample'), sample.incidents.slice(0, 50), { compress: true });
    const second = await encodeDataset(meta('ucdp-sample'), sample.incidents.slice(0, 50), { compress: true });
    expect(new Uint8Array(second.core)).toEqual(new Uint8Array(first.core));
    expect(new Uint8Array(second.details)).toEqual(new Uint8Array(first.details));
  });

  it('reads the core alone as typed arrays, with the coordinates never rounded and the spans of incidentDaySpan', async () => {
    const { core } = await encodeDataset(meta('ucdp-sample'), sample.incidents);
    const columns = decodeDatasetCore(core);
    expect(columns.rows).toBe(807);
    expect(columns.meta.id).toBe('ucdp-sample');
    sample.incidents.forEach((inc, row) => {
      expect([columns.lon[row], columns.lat[row]]).toEqual([inc.lon, inc.lat]);
    });
    const row = sample.incidents.findIndex((i) => i.id === 'ucdp-sample:448773');
    const bare = incidentFrom(columns, row);
    expect(bare).toStrictEqual({
      id: 'ucdp-sample:448773',
      category: 'helicopter_attack',
      title: 'State-based violence in Letyetkone village',
      date: { precision: 'day', start: '2022-09-16', end: '2022-09-16' },
      place: { name: 'Letyetkone village', admin1: 'Sagaing' },
      lon: 95.40087,
      lat: 22.67697,
      precision: 'village',
      verification: { status: 'imported' },
      dataset: 'ucdp-sample',
      // A record without details carries its own public id and whether its category is a fallback.
      ownRef: { dataset: 'ucdp-ged', id: '448773' },
      categoryFallback: false,
    });
    expect(columns.eventId.get(row)).toBe('448773');
    expect(columns.eventIdDataset.get(row)).toBe('ucdp-ged');
    expect(columns.startDay[row]).toBe(columns.endDay[row]);
  });

  it('gives the same link facts from a row of the core as from the incident', async () => {
    const { core } = await encodeDataset(meta('ucdp-sample'), sample.incidents);
    const columns = decodeDatasetCore(core);
    sample.incidents.forEach((inc, row) => {
      const { date: _a, ...fromRow } = linkFactsOfRow(columns, row);
      const { date: _b, ...fromIncident } = linkFactsOf(inc);
      expect(fromRow).toEqual(fromIncident);
    });
  });

  it('reads one row of details alone', async () => {
    const { details } = await encodeDataset(meta('ucdp-sample'), sample.incidents);
    const row = sample.incidents.findIndex((i) => i.id === 'ucdp-sample:444655');
    const d = readDetails(details, row);
    expect(d.sources[0]?.note).toContain('Women Working in Rice Field Shot Dead by Myanmar Junta Helicopter');
    expect(d.extra?.['event_id']).toBeUndefined();
    expect(() => readDetails(details, 807)).toThrow(DatasetFormatError);
  });
});

describe('dataset file: what the encoder refuses', () => {
  const base = sample.incidents[0] as Incident;
  it.each([
    ['a row of another dataset', { ...base, dataset: 'other' }, /belongs to dataset "other"/],
    ['a field this version does not store', { ...base, colour: 'red' } as unknown as Incident, /field "colour" is not stored/],
    ['a date that is not a calendar day', { ...base, date: { precision: 'day', start: '2022-02-30', end: '2022-02-30' } } as Incident, /not a YYYY-MM-DD calendar day/],
    ['a coordinate that is not a number', { ...base, lon: Number.NaN }, /not finite numbers/],
    ['an unknown category', { ...base, category: 'bombing' } as unknown as Incident, /unknown category/],
    ['a malformed reference', { ...base, refs: [{ dataset: 'ucdp-ged', id: 'E16' }] } as Incident, /not a UCDP GED event id/],
  ])('%s', async (_name, incident, message) => {
    await expect(encodeDataset(meta('ucdp-sample'), [incident])).rejects.toThrow(message);
  });
});

describe('dataset file: hostile and damaged files', () => {
  const small = encodeDataset(meta('ucdp-sample'), sample.incidents.slice(0, 20));
  const packed = encodeDataset(meta('ucdp-sample'), sample.incidents.slice(0, 20), { compress: true });

  it('refuses a file that is not a dataset file', async () => {
    expect(await refusal(new TextEncoder().encode('id,latitude,longitude\n1,2,3\n'.repeat(4)).buffer)).toMatch(/not a Conflict Map dataset file: it starts with "id,l"/);
    expect(await refusal(new ArrayBuffer(10))).toMatch(/too short/);
  });

  it('refuses an unknown version, part or compression', async () => {
    const { core } = await small;
    const edit = (at: number, value: number) => {
      const b = new Uint8Array(core.slice(0));
      b[at] = value;
      return b.buffer;
    };
    expect(await refusal(edit(4, 2))).toMatch(/format v2, made by a newer version of the app/);
    expect(await refusal(edit(4, 0))).toMatch(/unknown dataset format version 0/);
    expect(await refusal(edit(6, 9))).toMatch(/unknown file part code 9/);
    expect(await refusal(edit(7, 5))).toMatch(/unknown compression code 5/);
  });

  it('refuses a truncated file, whatever the cut, and bytes after the end', async () => {
    const { core } = await small;
    for (const cut of [47, 48, 100, core.byteLength - 1]) expect(await refusal(core.slice(0, cut))).toMatch(/too short|truncated/);
    const longer = new Uint8Array(core.byteLength + 3);
    longer.set(new Uint8Array(core));
    expect(await refusal(longer.buffer)).toMatch(/3 unexpected bytes after its body/);
    const { core: gz } = await packed;
    expect(await refusal(gz.slice(0, gz.byteLength - 9))).toMatch(/not a valid gzip stream|truncated/);
  });

  it('refuses a file whose content does not match its hash', async () => {
    const { core } = await small;
    const b = new Uint8Array(core.slice(0));
    b[b.length - 1] = (b[b.length - 1] as number) ^ 1;
    expect(await refusal(b.buffer)).toMatch(/does not match its hash/);
    const { details } = await small;
    const columns = decodeDatasetCore(core);
    await expect(verifyDataset(details, { sha256: columns.hash })).rejects.toThrow(/not the one expected/);
    await expect(verifyDataset(details, { part: 'core' })).rejects.toThrow(/expected a core file, got a details file/);
  });

  it('refuses absurd header and body sizes before allocating anything', async () => {
    const { core } = await small;
    const b = new Uint8Array(core.slice(0));
    new DataView(b.buffer).setUint32(8, DATASET_LIMITS.maxHeaderBytes + 1, true);
    expect(await refusal(b.buffer)).toMatch(/header claims 1048577 bytes, over the 1048576-byte limit/);
    new DataView(b.buffer).setUint32(8, 100, true);
    new DataView(b.buffer).setUint32(12, 0xffffffff, true);
    expect(await refusal(b.buffer)).toMatch(/body claims 4294967295 bytes, over the/);
  });

  it('stops a compressed body that holds more than its preamble says (a gzip bomb)', async () => {
    const { core } = await packed;
    const b = new Uint8Array(core.slice(0));
    const view = new DataView(b.buffer);
    view.setUint32(12, view.getUint32(12, true) - 100, true);
    expect(await refusal(b.buffer)).toMatch(/holds more than the \d+ bytes its preamble states/);
  });

  it('refuses a header or section table that does not describe the file, even with a valid hash', async () => {
    const { core } = await small;
    expect(await refusal(withHeader(core, (h) => [h]))).toMatch(/header: not a JSON object/);
    expect(await refusal(withHeader(core, (h) => ({ ...h, part: 'details' })))).toMatch(/says part "details" but the preamble says core/);
    expect(await refusal(withHeader(core, (h) => ({ ...h, rows: 21 })))).toMatch(/section lon has 20 entries, expected 21/);
    expect(await refusal(withHeader(core, (h) => ({ ...h, rows: 1e12 })))).toMatch(/rows 1000000000000 is not a whole number/);
    type S = { name: string; offset: number; count: number; type: string };
    const sections = (h: Record<string, unknown>) => h['sections'] as S[];
    expect(await refusal(withHeader(core, (h) => ({ ...h, sections: sections(h).map((s) => (s.name === 'lat' ? { ...s, offset: 1 << 30 } : s)) })))).toMatch(/section lat ends at byte \d+, past the body/);
    expect(await refusal(withHeader(core, (h) => ({ ...h, sections: sections(h).map((s) => (s.name === 'lat' ? { ...s, offset: 4 } : s)) })))).toMatch(/offset 4 is not a multiple of 8/);
    expect(await refusal(withHeader(core, (h) => ({ ...h, sections: sections(h).filter((s) => s.name !== 'category') })))).toMatch(/section category is missing/);
    expect(await refusal(withHeader(core, (h) => ({ ...h, sections: sections(h).map((s) => (s.name === 'lon' ? { ...s, type: 'i32' } : s)) })))).toMatch(/section lon is i32, expected f64/);
    expect(await refusal(withHeader(core, (h) => ({ ...h, meta: { ...(h['meta'] as object), name: 7 } })))).toMatch(/meta.name must be a text/);
    expect(await refusal(withHeader(core, (h) => JSON.parse(`${'['.repeat(50)}${']'.repeat(50)}`) as unknown))).toMatch(/nested too deeply/);
  });

  it('refuses out-of-range codes, coordinates and text offsets inside the body', async () => {
    const { core } = await small;
    const { text, end } = headerOf(core);
    const bodyStart = Math.ceil(end / 8) * 8;
    const at = (name: string) => bodyStart + (JSON.parse(text) as { sections: { name: string; offset: number }[] }).sections.find((s) => s.name === name)!.offset;
    const patch = async (edit: (b: Uint8Array, v: DataView) => void) => {
      const b = new Uint8Array(core.slice(0));
      edit(b, new DataView(b.buffer));
      return refusal(rehash(b));
    };
    expect(await patch((b) => void (b[at('category')] = 7))).toMatch(/section category: row 0 has code 7, not one of the 7 known/);
    expect(await patch((_b, v) => v.setFloat64(at('lat'), 91, true))).toMatch(/row 0: coordinates [\d.]+, 91 are out of range/);
    expect(await patch((_b, v) => v.setFloat64(at('lon'), Number.NaN, true))).toMatch(/row 0: coordinates NaN/);
    expect(await patch((_b, v) => v.setInt32(at('startDay'), 1e9, true))).toMatch(/row 0: the day span ends before it starts/);
    expect(await patch((b) => void (b[at('title.codes')] = 250))).toMatch(/section title.codes: row 0 names value 250/);
    expect(await patch((b) => void (b[at('placeName.values.bytes')] = 0xff))).toMatch(/placeName.values.bytes is not valid UTF-8/);
  });

  it('only ever throws a DatasetFormatError on damaged bytes (fast-check: flips and cuts)', { timeout: FUZZ_TIMEOUT_MS }, async () => {
    logFuzzSeed('dataset-file.test.ts');
    const { core } = await small;
    const original = new Uint8Array(core);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: original.length - 1 }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }),
        fc.option(fc.nat({ max: original.length }), { nil: undefined }),
        fc.boolean(),
        async (flips, cut, fixHash) => {
          const b = original.slice(0, cut ?? original.length);
          for (const [i, x] of flips) if (i < b.length) b[i] = (b[i] as number) ^ x;
          const buf = fixHash && b.length >= 48 ? await rehash(b) : b.buffer;
          try {
            const plain = await verifyDataset(buf);
            // Accepted: then every row must read back without throwing.
            const columns = decodeDatasetCore(plain);
            for (let row = 0; row < columns.rows; row++) incidentFrom(columns, row);
          } catch (e) {
            if (!(e instanceof DatasetFormatError)) throw e;
          }
        },
      ),
      fuzzOptions(150),
    );
  });
});

/**
 * What a stored record may differ in: a plain text column is UTF-8, which cannot hold a lone
 * surrogate (it becomes U+FFFD; JSON columns keep it as an escape), JSON has no -0, links are
 * checked as an import checks them, and an empty refs list is not kept.
 */
function storedForm(incident: Incident): Incident {
  const utf8 = (t: string) => new TextDecoder().decode(new TextEncoder().encode(t));
  // As JSON gives it back: plain objects (fast-check makes some without a prototype), no -0.
  const json = <T,>(v: T): T =>
    (typeof v === 'number' ? (Object.is(v, -0) ? 0 : v)
    : Array.isArray(v) ? v.map(json)
    : typeof v === 'object' && v !== null ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, json(x)]))
    : v) as T;
  const { refs: _refs, extra, sourceCoordinates, ...rest } = incident;
  const { nameMy, township, ...place } = incident.place;
  return {
    ...rest,
    id: utf8(incident.id),
    title: utf8(incident.title),
    summary: utf8(incident.summary),
    date: incident.date.note === undefined ? incident.date : { ...incident.date, note: utf8(incident.date.note) },
    place: {
      name: utf8(place.name),
      ...(nameMy === undefined ? {} : { nameMy: utf8(nameMy) }),
      admin1: utf8(place.admin1),
      ...(township === undefined ? {} : { township: utf8(township) }),
    },
    verification: { ...incident.verification, text: utf8(incident.verification.text) },
    weapons: json(incident.weapons),
    killed: json(incident.killed),
    displaced: json(incident.displaced),
    sources: json(incident.sources.map((s) => ({ ...s, url: safeHttpUrl(s.url) }))),
    ...(sourceCoordinates === undefined ? {} : { sourceCoordinates: json(sourceCoordinates) }),
    ...(extra === undefined ? {} : { extra: json(extra) }),
  };
}

describe('dataset file: hostile incidents (fast-check)', () => {
  it('stores any well-typed incidents and gives them back in their stored form', { timeout: FUZZ_TIMEOUT_MS }, async () => {
    await fc.assert(
      fc.asyncProperty(hostileIncidents(6), fc.boolean(), async (incidents, compress) => {
        const own = incidents.map((i) => ({ ...i, dataset: 'fuzz' }));
        const back = await roundTrip(meta('fuzz'), own, compress);
        const expected = own.map(storedForm);
        if (!isDeepStrictEqual(back, expected)) expect(back).toStrictEqual(expected);
      }),
      fuzzOptions(60),
    );
  });
});
