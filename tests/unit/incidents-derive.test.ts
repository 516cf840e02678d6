import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentHash, deriveCuratedData, readDeriveInputs, toJsonText, type DeriveInputs, type FactsRow } from '../../geo/derive-incidents.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const inputs = readDeriveInputs();

/** The inputs with one facts row changed. */
function withRow(id: string, change: Partial<FactsRow>): DeriveInputs {
  return { ...inputs, facts: inputs.facts.map((r) => (r.id === id ? { ...r, ...change } : r)) };
}

describe('derive-incidents', () => {
  it('reproduces the shipped files byte for byte', () => {
    const data = deriveCuratedData(inputs);
    expect(toJsonText(data.incidents)).toBe(readFileSync(path.join(ROOT, 'public/data/incidents.json'), 'utf8'));
    expect(toJsonText(data.displacement)).toBe(readFileSync(path.join(ROOT, 'public/data/displacement.json'), 'utf8'));
  });

  it('versions each file by the hash of its content', () => {
    const data = deriveCuratedData(inputs);
    expect(data.incidents.version).toBe(contentHash(data.incidents.incidents));
    expect(data.incidents.version).toMatch(/^[0-9a-f]{12}$/);
    expect(data.displacement.version).toBe(contentHash(data.displacement.figures));
  });

  it('refuses a curated category that the facts contradict', () => {
    expect(() => deriveCuratedData(withRow('E08', { sub_type: 'air strike' }))).toThrow(/E08: category shelling differs/);
  });

  it('refuses when a URL of the facts is dropped or one is added', () => {
    expect(() => deriveCuratedData(withRow('E05', { sources: 'DMG 2022-01-25 (no link)' }))).toThrow(/E05: curated URL is not in the facts/);
    expect(() => deriveCuratedData(withRow('E01', { sources: 'The Irrawaddy https://example.org/x' }))).toThrow(/E01: URL in the facts is missing/);
  });

  it('refuses a village point that is not in the gazetteer', () => {
    expect(() => deriveCuratedData(withRow('E16', { lat: '22.7' }))).toThrow(/E16: facts coordinates .* match no gazetteer place/);
  });

  it('refuses a township without a centroid instead of inventing one', () => {
    const noCentroids = { ...inputs, centroids: inputs.centroids.filter((c) => c.township !== 'Myawaddy') };
    expect(() => deriveCuratedData(noCentroids)).toThrow(/E10: no centroid for Myawaddy/);
  });

  it('refuses a facts row that nobody curated', () => {
    const extra: FactsRow = { ...(inputs.facts[0] as FactsRow), id: 'E99' };
    expect(() => deriveCuratedData({ ...inputs, facts: [...inputs.facts, extra] })).toThrow(/E99: facts row has no curation entry/);
  });

  it('refuses a figure whose number is not in the facts row', () => {
    expect(() => deriveCuratedData(withRow('D01', { displaced: '441,500 since coup: Kayah 91,000' }))).toThrow(/D01-MM-12: 91900 is not in the facts row/);
  });
});
