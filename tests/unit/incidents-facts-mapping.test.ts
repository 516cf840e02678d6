import { describe, expect, it } from 'vitest';
import {
  ACLED_GEO_PRECISION,
  ACLED_TIME_PRECISION,
  FACTS_DATE_PRECISION,
  FACTS_LOCATION_PRECISION,
  FACTS_SUB_TYPE_CATEGORY,
  FACTS_VERIFICATION,
  UCDP_DATE_PREC,
  UCDP_WHERE_PREC,
  factsWordNote,
  mapFactsDatePrecision,
  mapFactsLocationPrecision,
  mapFactsSubType,
  mapFactsVerification,
  mapPrecisionCode,
  parseFactsDate,
} from '../../geo/lib/facts-mapping.ts';
import { isLocationPrecision, DATE_PRECISIONS } from '../../src/lib/domain/precision.ts';
import { isCategoryId } from '../../src/lib/domain/categories.ts';
import { isVerificationStatus } from '../../src/lib/domain/verification.ts';
import * as importTables from '../../src/lib/data/import/code-tables.ts';

describe('facts location_precision words', () => {
  const expected: [string, string][] = [
    ['village', 'village'],
    ['village (Namyar)', 'village'],
    ['village-approx', 'township'],
    ['village-approx (UCDP prec 2)', 'township'],
    ['town', 'town'],
    ['town-approx', 'township'],
    ['town-approx (village UNVERIFIED)', 'township'],
    ['township', 'township'],
    ['township (village coords UNVERIFIED)', 'township'],
    ["township (GeoNames 'Tagondaing' 16.067;97.907 - UNVERIFIED match)", 'township'],
    ['district', 'district'],
    ['district (village coords UNVERIFIED)', 'district'],
    ['region', 'region'],
    ['country', 'country'],
  ];
  it.each(expected)('%s -> %s', (word, precision) => {
    expect(mapFactsLocationPrecision(word)).toBe(precision);
  });
  it('covers exactly the listed words', () => {
    expect(Object.keys(FACTS_LOCATION_PRECISION).sort()).toEqual(expected.map(([w]) => w).sort());
  });
  it('maps only to real precisions', () => {
    for (const p of Object.values(FACTS_LOCATION_PRECISION)) expect(isLocationPrecision(p)).toBe(true);
  });
  it('never makes an unverified village a village point', () => {
    for (const [word, p] of Object.entries(FACTS_LOCATION_PRECISION)) {
      if (/UNVERIFIED|approx/.test(word)) expect(p).not.toMatch(/^(exact|village|town)$/);
    }
  });
  it('falls back on a plain head word and rejects unknown words', () => {
    expect(mapFactsLocationPrecision(' town (checked twice) ')).toBe('town');
    expect(mapFactsLocationPrecision('town-approx (something new)')).toBe('township');
    expect(mapFactsLocationPrecision('somewhere')).toBeNull();
    expect(mapFactsLocationPrecision('')).toBeNull();
  });
});

describe('facts date_precision words', () => {
  it.each([
    ['day', 'day'],
    ['day (~01:00)', 'day'],
    ['day (evening)', 'day'],
    ['day (Thu; inferred)', 'day'],
    ['day (~13:00 local)', 'day'],
    ['day (as of)', 'day'],
    ['week (as of)', 'week'],
    ['month', 'month'],
    ['range', 'range'],
    ['year', 'range'],
  ])('%s -> %s', (word, p) => {
    expect(mapFactsDatePrecision(word)).toBe(p);
  });
  it('maps only to real precisions and rejects unknown words', () => {
    for (const p of Object.values(FACTS_DATE_PRECISION)) expect(DATE_PRECISIONS).toContain(p);
    expect(mapFactsDatePrecision('fortnight')).toBeNull();
  });
  it('keeps the parenthesis as a note', () => {
    expect(factsWordNote('day (Thu; inferred)')).toBe('Thu; inferred');
    expect(factsWordNote('day')).toBeUndefined();
  });
});

describe('parseFactsDate', () => {
  it('reads a day with its note', () => {
    expect(parseFactsDate('2022-01-17', 'day (~01:00)')).toEqual({ precision: 'day', start: '2022-01-17', end: '2022-01-17', note: '~01:00' });
  });
  it('reads a plain day without a note', () => {
    expect(parseFactsDate('2022-07-14', 'day')).toEqual({ precision: 'day', start: '2022-07-14', end: '2022-07-14' });
  });
  it('reads a week as the ISO week containing the day', () => {
    expect(parseFactsDate('2022-08-10', 'week (as of)')).toEqual({ precision: 'week', start: '2022-08-08', end: '2022-08-14', note: 'as of' });
  });
  it('reads a month span from a month range', () => {
    expect(parseFactsDate('2021-12..2022-03', 'range')).toEqual({ precision: 'range', start: '2021-12-01', end: '2022-03-31' });
  });
  it('reads a month', () => {
    expect(parseFactsDate('2022-02-10', 'month')).toEqual({ precision: 'month', start: '2022-02-01', end: '2022-02-28' });
  });
  it('rejects impossible days, reversed ranges and unknown precisions', () => {
    expect(parseFactsDate('2022-02-30', 'day')).toBeNull();
    expect(parseFactsDate('2022-03..2021-12', 'range')).toBeNull();
    expect(parseFactsDate('2022-03-01', 'sometime')).toBeNull();
    expect(parseFactsDate('2022-03-01..2022-03-04', 'day')).toBeNull();
  });
});

describe('facts sub_type -> category', () => {
  const expected: [string, string][] = [
    ['air strike', 'air_strike'],
    ['air strikes', 'air_strike'],
    ['air strike/bombing', 'air_strike'],
    ['air strike on IDP camp', 'air_strike'],
    ['helicopter attack', 'helicopter_attack'],
    ['helicopter strikes (3)', 'helicopter_attack'],
    ['helicopter attack + arson', 'helicopter_attack'],
    ['helicopter attack + airlifted troops', 'helicopter_attack'],
    ['helicopter attack on school', 'helicopter_attack'],
    ['artillery shelling (NOT air)', 'shelling'],
    ['IDPs', 'displacement'],
    ['IDPs since 1 Feb 2021', 'displacement'],
    ['IDPs since coup', 'displacement'],
    ['IDPs since Feb 2021', 'displacement'],
    ['displaced by military operations', 'displacement'],
  ];
  it.each(expected)('%s -> %s', (subType, category) => {
    expect(mapFactsSubType(subType)).toBe(category);
  });
  it('covers exactly the listed sub-types with real categories', () => {
    expect(Object.keys(FACTS_SUB_TYPE_CATEGORY).sort()).toEqual(expected.map(([w]) => w).sort());
    for (const c of Object.values(FACTS_SUB_TYPE_CATEGORY)) expect(isCategoryId(c)).toBe(true);
  });
  it('does not guess unknown sub-types', () => {
    expect(mapFactsSubType('drone strike')).toBeNull();
  });
});

describe('facts verification -> status', () => {
  const expected: [string, string][] = [
    ['verified', 'verified'],
    ['verified (multiple)', 'verified_multiple'],
    ['verified (multiple); Amnesty-cited per UCDP source field', 'verified_multiple'],
    ['verified; per-state split UNVERIFIED', 'verified'],
    ['verified (secondary repost)', 'verified'],
    ['UCDP-cited', 'dataset_cited'],
    ['UCDP-cited; text not read', 'dataset_cited'],
    ['UCDP-cited; Amnesty inclusion UNVERIFIED', 'dataset_cited'],
    ['UCDP-cited; Amnesty-cited per UCDP source field', 'dataset_cited'],
    ['likely = the RFA item in the brief; exact RFA text UNVERIFIED', 'dataset_cited'],
    ['single source', 'single_source'],
  ];
  it.each(expected)('%s -> %s', (text, status) => {
    expect(mapFactsVerification(text)).toBe(status);
  });
  it('covers exactly the listed texts with real statuses', () => {
    expect(Object.keys(FACTS_VERIFICATION).sort()).toEqual(expected.map(([w]) => w).sort());
    for (const s of Object.values(FACTS_VERIFICATION)) expect(isVerificationStatus(s)).toBe(true);
  });
  it('reads unlisted texts by their words, defaulting to unverified', () => {
    expect(mapFactsVerification('verified (multiple); new remark')).toBe('verified_multiple');
    expect(mapFactsVerification('verified by phone')).toBe('verified');
    expect(mapFactsVerification('UCDP-cited; other')).toBe('dataset_cited');
    expect(mapFactsVerification('single source; blog')).toBe('single_source');
    expect(mapFactsVerification('rumour')).toBe('unverified');
    expect(mapFactsVerification('')).toBe('unverified');
  });
});

describe('UCDP where_prec', () => {
  it.each([
    [1, 'village'],
    [2, 'near'],
    [3, 'district'],
    [4, 'region'],
    [5, 'township'],
    [6, 'country'],
    [7, 'region'],
  ])('%i -> %s', (code, p) => {
    expect(UCDP_WHERE_PREC[code]).toBe(p);
    expect(mapPrecisionCode(UCDP_WHERE_PREC, String(code))).toBe(p);
  });
  it('has exactly codes 1–7', () => {
    expect(Object.keys(UCDP_WHERE_PREC)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
  });
});

describe('UCDP date_prec', () => {
  it.each([
    [1, 'day'],
    [2, 'range'],
    [3, 'week'],
    [4, 'month'],
    [5, 'range'],
  ])('%i -> %s', (code, p) => {
    expect(UCDP_DATE_PREC[code]).toBe(p);
    expect(mapPrecisionCode(UCDP_DATE_PREC, code)).toBe(p);
  });
  it('has exactly codes 1–5', () => {
    expect(Object.keys(UCDP_DATE_PREC)).toEqual(['1', '2', '3', '4', '5']);
  });
});

describe('ACLED geo_precision and time_precision', () => {
  it.each([
    [1, 'named_place'],
    [2, 'township'],
    [3, 'region'],
  ])('geo %i -> %s', (code, p) => {
    expect(ACLED_GEO_PRECISION[code]).toBe(p);
  });
  it.each([
    [1, 'day'],
    [2, 'week'],
    [3, 'month'],
  ])('time %i -> %s', (code, p) => {
    expect(ACLED_TIME_PRECISION[code]).toBe(p);
  });
  it('have exactly codes 1–3', () => {
    expect(Object.keys(ACLED_GEO_PRECISION)).toEqual(['1', '2', '3']);
    expect(Object.keys(ACLED_TIME_PRECISION)).toEqual(['1', '2', '3']);
  });
});

describe('mapPrecisionCode', () => {
  it('returns null for missing, non-integer and unknown codes', () => {
    expect(mapPrecisionCode(UCDP_WHERE_PREC, '')).toBeNull();
    expect(mapPrecisionCode(UCDP_WHERE_PREC, null)).toBeNull();
    expect(mapPrecisionCode(UCDP_WHERE_PREC, undefined)).toBeNull();
    expect(mapPrecisionCode(UCDP_WHERE_PREC, '1.5')).toBeNull();
    expect(mapPrecisionCode(UCDP_WHERE_PREC, 8)).toBeNull();
    expect(mapPrecisionCode(ACLED_GEO_PRECISION, ' 2 ')).toBe('township');
  });
});

describe('agreement with the import code tables', () => {
  it('maps every UCDP and ACLED code the same way as the importer', () => {
    for (const [code, p] of Object.entries(UCDP_WHERE_PREC)) expect(importTables.UCDP_WHERE_PREC[code]).toBe(p);
    for (const [code, p] of Object.entries(UCDP_DATE_PREC)) expect(importTables.UCDP_DATE_PREC[code]?.precision).toBe(p);
    for (const [code, p] of Object.entries(ACLED_GEO_PRECISION)) expect(importTables.ACLED_GEO_PRECISION[code]).toBe(p);
    for (const [code, p] of Object.entries(ACLED_TIME_PRECISION)) expect(importTables.ACLED_TIME_PRECISION[code]).toBe(p);
  });
});
