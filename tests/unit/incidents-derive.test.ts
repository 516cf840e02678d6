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

  it('refuses a township that matches no MIMU township instead of inventing a point', () => {
    const townships = { ...inputs.townships, townships: inputs.townships.townships.filter((t) => t.name_en !== 'Myawaddy') };
    expect(() => deriveCuratedData({ ...inputs, townships })).toThrow(/E10: township Myawaddy \(Kayin\) matches no MIMU township/);
  });

  it('places a village from the MIMU village file only when the township has exactly one of that name', () => {
    const kaingKan = inputs.places.villages.find((v) => v[0] === 'Kaing Kan' && v[3] === 'MMR005010');
    if (!kaingKan) throw new Error('Kaing Kan of Tabayin missing from the village file');
    const twice = { ...inputs.places, villages: [...inputs.places.villages, kaingKan] };
    expect(() => deriveCuratedData({ ...inputs, places: twice })).toThrow(/E15: 2 villages called Kaing Kan in Tabayin Township/);
    const none = { ...inputs.places, villages: inputs.places.villages.filter((v) => v !== kaingKan) };
    expect(() => deriveCuratedData({ ...inputs, places: none })).toThrow(/E15: 0 villages called Kaing Kan/);
    // A village of the same name in another township (as with the two Let Yet Kone) changes nothing.
    const elsewhere = { ...inputs.places, villages: [...inputs.places.villages, ['Kaing Kan', '', 'X', 'MMR005004', 95.6, 22.6] as const] };
    const e15 = deriveCuratedData({ ...inputs, places: elsewhere }).incidents.incidents.find((i) => i.id === 'E15');
    expect([e15?.lon, e15?.lat]).toEqual([kaingKan[4], kaingKan[5]]);
  });

  it('codes places with the importer\'s township and area codes', () => {
    const byId = new Map(deriveCuratedData(inputs).incidents.incidents.map((i) => [i.id, i]));
    // Township precision: the township is the area drawn.
    expect(byId.get('E03')?.place).toMatchObject({ township: 'Demoso', townshipCode: 'MMR002002', areaCode: 'MMR002002' });
    // A village point: the township it counts in, no area.
    expect(byId.get('E16')?.place).toMatchObject({ township: 'Tabayin', townshipCode: 'MMR005010' });
    expect(byId.get('E16')?.place.areaCode).toBeUndefined();
    // District precision: the district of the township named, and no township.
    expect(byId.get('E08')?.place).toMatchObject({ areaCode: 'MMR003D004' });
    expect(byId.get('E08')?.place.townshipCode).toBeUndefined();
  });

  it('refuses a facts row that nobody curated', () => {
    const extra: FactsRow = { ...(inputs.facts[0] as FactsRow), id: 'E99' };
    expect(() => deriveCuratedData({ ...inputs, facts: [...inputs.facts, extra] })).toThrow(/E99: facts row has no curation entry/);
  });

  it('refuses a figure whose number is not in the facts row', () => {
    expect(() => deriveCuratedData(withRow('D01', { displaced: '441,500 since coup: Kayah 91,000' }))).toThrow(/D01-MM-12: 91900 is not in the facts row/);
  });
});
