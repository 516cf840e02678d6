import { describe, expect, it } from 'vitest';
import { INTERN_MAX_LENGTH, StringInterner } from '../../src/lib/data/string-interner.ts';

/** A batch as a worker message delivers it: the same names repeated in every record. */
function batch(n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `acled:MMR${100000 + i}`,
    place: { name: 'Depayin', admin1: 'Sagaing' },
    killed: [{ low: i, high: null, text: String(i), source: 'ACLED' }],
    summary: 'x'.repeat(300),
    extra: { actor1: 'Military Forces of Myanmar (2021-)', event_id: `MMR${100000 + i}`, geo: 1, none: null, yes: true },
    tags: ['a', 'b', i],
  }));
}

describe('StringInterner', () => {
  it('leaves every value as it was', () => {
    const records = batch(50);
    const before = structuredClone(records);
    new StringInterner({ skipKeys: ['id', 'event_id'] }).internDeep(records);
    expect(records).toEqual(before);
  });

  it('keeps one entry per distinct short string, skipping the named keys and long text', () => {
    const interner = new StringInterner({ skipKeys: ['id', 'event_id'] });
    interner.internDeep(batch(50));
    // Depayin, Sagaing, ACLED, the actor, 'a', 'b', and the 50 distinct `text` figures.
    expect(interner.size).toBe(6 + 50);
    interner.internDeep(batch(50));
    expect(interner.size).toBe(6 + 50);
  });

  it('returns strings longer than the limit as they are, without keeping them', () => {
    const interner = new StringInterner();
    const long = 'y'.repeat(INTERN_MAX_LENGTH + 1);
    expect(interner.intern(long)).toBe(long);
    expect(interner.size).toBe(0);
    expect(interner.intern('Kayah')).toBe('Kayah');
    expect(interner.size).toBe(1);
  });

  it('ignores values that are not objects or arrays', () => {
    const interner = new StringInterner();
    for (const v of [null, undefined, 3, 'text', true]) interner.internDeep(v);
    expect(interner.size).toBe(0);
  });
});

describe('startImport with interning', () => {
  it('hands back every incident of every batch unchanged', async () => {
    const { startImport } = await import('../../src/lib/data/import-client.ts');
    const batches = [batch(3), batch(2)];
    const expected = structuredClone(batches.flat());
    // A stand-in worker: answers the import request with two cloned batches, then `done`.
    const worker = {
      onmessage: null as ((e: MessageEvent) => void) | null,
      onerror: null,
      terminate: () => {},
      postMessage() {
        for (const incidents of batches) this.onmessage?.({ data: { type: 'incidents', incidents: structuredClone(incidents) } } as MessageEvent);
        this.onmessage?.({ data: { type: 'done', report: {}, attribution: null, parseMs: 1 } } as MessageEvent);
      },
    };
    const job = startImport(new File(['x'], 'a.csv'), { datasetId: 'a' }, () => worker as unknown as Worker);
    const outcome = await job.result;
    expect(outcome.kind).toBe('done');
    if (outcome.kind === 'done') expect(outcome.incidents).toEqual(expected);
  });
});
