import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { canonicalJson, dataHash, datasetVersionString, shortHash } from '../../src/lib/export/data-hash.ts';

const base = {
  incidentIds: ['mm-2022-0003', 'mm-2022-0001', 'mm-2022-0002'],
  datasetVersions: { curated: '2026-11-20', acled: '2026-10-01' },
  filters: { range: { start: '2022-01-01', end: '2022-07-31' }, categories: ['air_strike', 'displacement'] },
};

describe('shortHash', () => {
  test('is the first 12 hex characters of SHA-256', async () => {
    // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
    expect(await shortHash('abc')).toBe('ba7816bf8f01');
  });

  test('hashes UTF-8, as Node does', async () => {
    const text = 'စစ်ကိုင်း — Sagaing';
    expect(await shortHash(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 12));
  });
});

describe('canonicalJson', () => {
  test('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: null } })).toBe('{"a":{"c":null,"d":[3,1]},"b":1}');
  });

  test('leaves out undefined members like JSON.stringify', () => {
    expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
  });

  test('uses toJSON, so dates hash as their ISO string', () => {
    expect(canonicalJson({ at: new Date('2022-07-14T00:00:00Z') })).toBe('{"at":"2022-07-14T00:00:00.000Z"}');
  });

  test('writes a set as its sorted members, so set order does not matter', () => {
    expect(canonicalJson({ c: new Set(['shelling', 'air_strike']) })).toBe('{"c":["air_strike","shelling"]}');
    expect(canonicalJson(new Set(['b', 'a']))).toBe(canonicalJson(new Set(['a', 'b'])));
  });

  test.each([[{ n: Number.NaN }], [{ m: new Map() }], [{ f: () => 1 }], [10n]])(
    'refuses values that would hash ambiguously: %s',
    (value) => {
      expect(() => canonicalJson(value)).toThrow(TypeError);
    },
  );

  test('is the same for any key order (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        return canonicalJson(obj) === canonicalJson(reversed);
      }),
      { numRuns: 100 },
    );
  });

  test('parses back to the same data (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 100 },
    );
  });
});

describe('datasetVersionString / dataHash', () => {
  test('does not depend on incident order or key order', async () => {
    const shuffled = {
      incidentIds: ['mm-2022-0002', 'mm-2022-0003', 'mm-2022-0001'],
      datasetVersions: { acled: '2026-10-01', curated: '2026-11-20' },
      filters: { categories: ['air_strike', 'displacement'], range: { end: '2022-07-31', start: '2022-01-01' } },
    };
    expect(datasetVersionString(shuffled)).toBe(datasetVersionString(base));
    expect(await dataHash(shuffled)).toBe(await dataHash(base));
  });

  test('is 12 lowercase hex characters', async () => {
    expect(await dataHash(base)).toMatch(/^[0-9a-f]{12}$/);
  });

  test('changes when a filter changes', async () => {
    const narrower = { ...base, filters: { ...base.filters, range: { start: '2022-01-01', end: '2022-06-30' } } };
    expect(await dataHash(narrower)).not.toBe(await dataHash(base));
  });

  test('hashes an IncidentFilter with sets the same whatever the set order', async () => {
    const filter = (categories: string[]) => ({
      dateRange: { start: '2022-01-01', end: '2022-07-31' },
      categories: new Set(categories),
      admin1: null,
      precisions: null,
      verification: null,
      datasets: new Set(['curated']),
    });
    const a = { ...base, filters: filter(['air_strike', 'shelling']) };
    const b = { ...base, filters: filter(['shelling', 'air_strike']) };
    const c = { ...base, filters: filter(['air_strike']) };
    expect(await dataHash(a)).toBe(await dataHash(b));
    expect(await dataHash(c)).not.toBe(await dataHash(a));
  });

  test('changes when a dataset version changes', async () => {
    const newer = { ...base, datasetVersions: { ...base.datasetVersions, acled: '2026-11-01' } };
    expect(await dataHash(newer)).not.toBe(await dataHash(base));
  });

  test('changes when an incident is added', async () => {
    const more = { ...base, incidentIds: [...base.incidentIds, 'mm-2022-0004'] };
    expect(await dataHash(more)).not.toBe(await dataHash(base));
  });
});
