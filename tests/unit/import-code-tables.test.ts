import { describe, expect, it } from 'vitest';
import {
  ACLED_GEO_PRECISION,
  ACLED_INTER_CODES,
  ACLED_SUB_EVENT_CATEGORY,
  ACLED_TIME_PRECISION,
  ATTRIBUTION,
  PUBLISHER,
  UCDP_DATE_PREC,
  UCDP_HEADLINE_KEYWORDS,
  UCDP_TYPE_OF_VIOLENCE,
  UCDP_WHERE_PREC,
  acledCategory,
  headlineKeyword,
} from '../../src/lib/data/import/code-tables.ts';

describe('ACLED geo_precision', () => {
  it.each([
    ['1', 'named_place'],
    ['2', 'township'],
    ['3', 'region'],
  ])('%s → %s', (code, precision) => {
    expect(ACLED_GEO_PRECISION[code]).toBe(precision);
  });

  it('has exactly the three ACLED codes', () => {
    expect(Object.keys(ACLED_GEO_PRECISION).sort()).toEqual(['1', '2', '3']);
  });
});

describe('ACLED time_precision', () => {
  it.each([
    ['1', 'day'],
    ['2', 'week'],
    ['3', 'month'],
  ])('%s → %s', (code, precision) => {
    expect(ACLED_TIME_PRECISION[code]).toBe(precision);
  });

  it('has exactly the three ACLED codes', () => {
    expect(Object.keys(ACLED_TIME_PRECISION).sort()).toEqual(['1', '2', '3']);
  });
});

describe('UCDP where_prec', () => {
  it.each([
    ['1', 'village'],
    ['2', 'near'],
    ['3', 'district'],
    ['4', 'region'],
    ['5', 'township'],
    ['6', 'country'],
    ['7', 'region'],
  ])('%s → %s', (code, precision) => {
    expect(UCDP_WHERE_PREC[code]).toBe(precision);
  });

  it('has exactly the seven UCDP codes', () => {
    expect(Object.keys(UCDP_WHERE_PREC).sort()).toEqual(['1', '2', '3', '4', '5', '6', '7']);
  });
});

describe('UCDP date_prec', () => {
  it.each([
    ['1', 'day', 'to the day'],
    ['2', 'range', 'to within 2–6 days'],
    ['3', 'week', 'to within a week'],
    ['4', 'month', 'to within a month'],
    ['5', 'range', 'to within a year'],
  ])('%s → %s (%s)', (code, precision, label) => {
    expect(UCDP_DATE_PREC[code]).toEqual({ precision, label });
  });

  it('has exactly the five UCDP codes', () => {
    expect(Object.keys(UCDP_DATE_PREC).sort()).toEqual(['1', '2', '3', '4', '5']);
  });
});

describe('ACLED sub_event_type → category', () => {
  const table: [string, string][] = [
    ['Air/drone strike', 'air_strike'],
    ['Shelling/artillery/missile attack', 'shelling'],
    ['Armed clash', 'clash'],
    ['Government regains territory', 'clash'],
    ['Non-state actor overtakes territory', 'clash'],
    ['Attack', 'massacre_raid'],
    ['Looting/property destruction', 'massacre_raid'],
    ['Abduction/forced disappearance', 'other'],
    ['Sexual violence', 'other'],
    ['Remote explosive/landmine/IED', 'other'],
    ['Grenade', 'other'],
    ['Suicide bomb', 'other'],
    ['Chemical weapon', 'other'],
  ];

  it.each(table)('%s → %s', (subEventType, category) => {
    expect(acledCategory(subEventType)).toBe(category);
  });

  it('lists exactly these sub-event types', () => {
    expect(Object.keys(ACLED_SUB_EVENT_CATEGORY).sort()).toEqual(table.map(([t]) => t).sort());
  });

  it.each(['Peaceful protest', 'Arrests', 'Other', '', 'air strike', 'toString', 'constructor'])('unlisted "%s" → other', (subEventType) => {
    expect(acledCategory(subEventType)).toBe('other');
  });

  it('matches regardless of case and surrounding spaces', () => {
    expect(acledCategory('  AIR/DRONE STRIKE ')).toBe('air_strike');
  });
});

describe('ACLED inter codes', () => {
  it.each([
    ['0', 'No actor'],
    ['1', 'State forces'],
    ['2', 'Rebel groups'],
    ['3', 'Political militias'],
    ['4', 'Identity militias'],
    ['5', 'Rioters'],
    ['6', 'Protesters'],
    ['7', 'Civilians'],
    ['8', 'External/Other forces'],
  ])('%s → %s', (code, label) => {
    expect(ACLED_INTER_CODES[code]).toBe(label);
  });

  it('has exactly codes 0–8', () => {
    expect(Object.keys(ACLED_INTER_CODES).length).toBe(9);
  });
});

describe('UCDP type_of_violence', () => {
  it.each([
    ['1', 'State-based violence', 'clash'],
    ['2', 'Non-state violence', 'clash'],
    ['3', 'One-sided violence', 'massacre_raid'],
  ])('%s → %s, %s', (code, label, category) => {
    expect(UCDP_TYPE_OF_VIOLENCE[code]).toEqual({ label, category });
  });

  it('has exactly the three UCDP types', () => {
    expect(Object.keys(UCDP_TYPE_OF_VIOLENCE).sort()).toEqual(['1', '2', '3']);
  });
});

describe('UCDP headline keywords', () => {
  const table: [string, string, string][] = [
    ['helicopter', 'helicopter_attack', 'Myanmar military helicopter attack on populated village kills 5 people'],
    ['gunship', 'helicopter_attack', 'Gunship fires on village'],
    ['airstrike', 'air_strike', 'Six Myanmar civilians killed in junta airstrikes'],
    ['air strike', 'air_strike', 'Myanmar army launches air strikes against rebels near Thai border'],
    ['air-strike', 'air_strike', 'Village hit in air-strike'],
    ['air raid', 'air_strike', 'Air raid on market'],
    ['air attack', 'air_strike', 'Junta air attack on camp'],
    ['from the air', 'air_strike', 'Myanmar Military Regime Bombs Kayah State Capital From the Air'],
    ['aerial', 'air_strike', 'Military launches aerial assaults on Wetlet villages'],
    ['aircraft', 'air_strike', 'Myanmar Junta Aircraft Attack Near Thai Border'],
    ['warplane', 'air_strike', 'Warplanes bomb village'],
    ['jet', 'air_strike', 'Junta Attacks Karenni IDP Camps With Fighter Jets'],
    ['drone', 'air_strike', 'Resistance Drone Strike Kills 8 Myanmar Junta Troops'],
    ['shell', 'shelling', 'Myanmar army shelling kills five-year-old girl'],
    ['artillery', 'shelling', 'Children among 8 civilians injured by military artillery fire in Sagaing'],
    ['mortar', 'shelling', 'Mortar rounds land in village'],
  ];

  it.each(table)('"%s" → %s', (keyword, category, headline) => {
    expect(headlineKeyword(headline)).toEqual({ keyword, category });
  });

  it('lists exactly these keywords, in this order', () => {
    expect(UCDP_HEADLINE_KEYWORDS.map((k) => k.keyword)).toEqual(table.map(([k]) => k));
  });

  it('takes the first keyword in table order, not in the text', () => {
    expect(headlineKeyword('School-hour airstrikes;Junta Helicopter, Troops Attack Monastery')?.category).toBe('helicopter_attack');
    expect(headlineKeyword('Burma Army Uses Mortars and Aircraft to Terrorize Villagers')?.category).toBe('air_strike');
  });

  it.each([
    'Kayah Civilians Urged to Dig Bomb Shelters',
    'Boy, 10, among four civilians killed by soldiers after resistance bomb attack',
    'Myanmar Resistance Groups Claim New Year Victories Over Junta Forces',
    'Resistance fighters foil junta ambush',
    '',
  ])('no keyword in "%s"', (headline) => {
    expect(headlineKeyword(headline)).toBeNull();
  });
});

describe('codeTable', () => {
  it.each([
    ['ACLED_GEO_PRECISION', ACLED_GEO_PRECISION],
    ['ACLED_TIME_PRECISION', ACLED_TIME_PRECISION],
    ['UCDP_WHERE_PREC', UCDP_WHERE_PREC],
    ['UCDP_DATE_PREC', UCDP_DATE_PREC],
    ['ACLED_SUB_EVENT_CATEGORY', ACLED_SUB_EVENT_CATEGORY],
    ['ACLED_INTER_CODES', ACLED_INTER_CODES],
    ['UCDP_TYPE_OF_VIOLENCE', UCDP_TYPE_OF_VIOLENCE],
    ['ATTRIBUTION', ATTRIBUTION],
  ] as const)('%s finds nothing for object keys such as "constructor"', (_name, table) => {
    const t = table as Readonly<Record<string, unknown>>;
    expect([t.constructor, t.toString, t['__proto__'], t.hasOwnProperty]).toEqual([undefined, undefined, undefined, undefined]);
    expect(Object.isFrozen(table)).toBe(true);
  });
});

describe('attribution', () => {
  it('names ACLED for ACLED rows', () => {
    expect(ATTRIBUTION[PUBLISHER.acled]).toContain('ACLED');
  });

  it('names the UCDP licence and the paper to cite', () => {
    expect(ATTRIBUTION[PUBLISHER.ucdp]).toContain('CC BY 4.0');
    expect(ATTRIBUTION[PUBLISHER.ucdp]).toContain('Sundberg & Melander 2013');
    expect(ATTRIBUTION[PUBLISHER.ucdp]).toContain('Journal of Peace Research 50(4)');
  });
});
