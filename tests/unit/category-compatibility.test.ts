/**
 * Which categories may be proposed as one event (src/lib/domain/category-compatibility.ts):
 * each entry of the table is a decision, so each is checked here, and the fallback marker the
 * UCDP importer leaves is checked against the real sample.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATEGORY_IDS, type CategoryId } from '../../src/lib/domain/categories.ts';
import {
  CATEGORY_COMPATIBILITY,
  GENERIC_CATEGORIES,
  categoriesCompatible,
  categoryIsFallback,
} from '../../src/lib/domain/category-compatibility.ts';
import { importCsvText } from '../../src/lib/data/import/import-text.ts';
import { townshipKey } from '../../src/lib/domain/place-names.ts';

const SPECIFIC: CategoryId[] = ['air_strike', 'helicopter_attack', 'shelling', 'massacre_raid', 'displacement'];

describe('category compatibility', () => {
  it('has a row for every category, and is symmetric', () => {
    expect(Object.keys(CATEGORY_COMPATIBILITY).sort()).toEqual([...CATEGORY_IDS].sort());
    for (const a of CATEGORY_IDS) for (const b of CATEGORY_IDS) expect(categoriesCompatible(a, false, b, false)).toBe(categoriesCompatible(b, false, a, false));
  });

  it('makes every category compatible with itself', () => {
    for (const c of CATEGORY_IDS) expect(categoriesCompatible(c, false, c, false)).toBe(true);
  });

  it('makes the generic categories (armed clash, other violence) compatible with every category', () => {
    expect(GENERIC_CATEGORIES).toEqual(['clash', 'other']);
    for (const g of GENERIC_CATEGORIES) for (const c of CATEGORY_IDS) expect(categoriesCompatible(g, false, c, false)).toBe(true);
  });

  it.each([
    ['air_strike', 'shelling'],
    ['air_strike', 'helicopter_attack'],
    ['helicopter_attack', 'shelling'],
    ['massacre_raid', 'air_strike'],
    ['displacement', 'shelling'],
  ] as const)('keeps two specific categories apart: %s vs %s', (a, b) => {
    expect(categoriesCompatible(a, false, b, false)).toBe(false);
  });

  it('treats a category an importer chose for want of a weapon keyword as generic', () => {
    for (const c of SPECIFIC) expect(categoriesCompatible('massacre_raid', true, c, false)).toBe(true);
    expect(categoriesCompatible('air_strike', false, 'shelling', true)).toBe(true);
  });

  it('reads the UCDP importer\u2019s fallback marker: every row whose category came from type_of_violence', () => {
    const text = readFileSync(new URL('../fixtures/ucdp_ged_myanmar_2022_sagaing_kayah_kayin.csv', import.meta.url), 'utf8');
    const { incidents } = importCsvText(text, { datasetId: 'u', fileName: 'u.csv' });
    const fallback = incidents.filter(categoryIsFallback);
    // 720 rows take their category from type_of_violence (tests/unit/import-ucdp-sample.test.ts).
    expect(fallback).toHaveLength(720);
    expect(fallback.every((i) => String(i.extra?.['category_basis']).startsWith('type_of_violence '))).toBe(true);
    expect(incidents.filter((i) => !categoryIsFallback(i)).every((i) => String(i.extra?.['category_basis']).startsWith('source_headline'))).toBe(true);
  });

  it('does not treat a curated air strike as a fallback, but every clash', () => {
    expect(categoryIsFallback({ category: 'air_strike' })).toBe(false);
    expect(categoryIsFallback({ category: 'clash' })).toBe(true);
    expect(categoryIsFallback({ category: 'massacre_raid', extra: { category_basis: 'type_of_violence 3 (One-sided violence)' } })).toBe(true);
  });
});

describe('townshipKey', () => {
  it.each([
    [['Kayin', 'Hpapun'], ['Kayin state', 'Papun township']],
    [['Kayin', 'Kyainseikgyi'], ['Kayin state', 'Kya In Seik Gyi township']],
    [['Sagaing', 'Tabayin'], ['Sagaing region', 'Depayin Township']],
    [['Bago', 'Kyaukkyi'], ['Bago-East', 'Kyaukkyi']],
    [['Kayin', 'Hpapun'], ['Karen', 'Hpapun']],
  ])('joins %j and %j', ([a1, t1], [a2, t2]) => {
    expect(townshipKey(a1 as string, t1)).not.toBe('');
    expect(townshipKey(a1 as string, t1)).toBe(townshipKey(a2 as string, t2));
  });

  it('keeps different townships and states apart, and has no key without a township', () => {
    expect(townshipKey('Sagaing', 'Tabayin')).not.toBe(townshipKey('Sagaing', 'Ye-U'));
    expect(townshipKey('Kayah', 'Demoso')).not.toBe(townshipKey('Kayin', 'Demoso'));
    expect(townshipKey('Kayah', undefined)).toBe('');
    expect(townshipKey('Kayah', ' ')).toBe('');
  });
});
