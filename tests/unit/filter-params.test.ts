import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CATEGORY_IDS, type CategoryId } from '../../src/lib/domain/categories.ts';
import { dayString } from '../../src/lib/domain/calendar.ts';
import { EMPTY_FILTER, sameFilter, type IncidentFilter } from '../../src/lib/domain/filter.ts';
import { LOCATION_PRECISIONS } from '../../src/lib/domain/precision.ts';
import { VERIFICATION_STATUSES } from '../../src/lib/domain/verification.ts';
import { formatHash, parseHash } from '../../src/lib/state/url-hash.ts';
import { filterToParams, paramsToFilter, withFilterParams } from '../../src/lib/state/filter-params.ts';

const only = (filter: Partial<IncidentFilter>): IncidentFilter => ({ ...EMPTY_FILTER, ...filter });
const view = { zoom: 7.2, lat: 22.65, lon: 95.18, bearing: 0, pitch: 0 };

describe('filterToParams', () => {
  it('writes the permalink of the issue', () => {
    const filter = only({
      categories: new Set<CategoryId>(['helicopter_attack', 'air_strike']),
      dateRange: { start: '2022-01-01', end: '2022-03-31' },
    });
    expect(formatHash({ view, params: filterToParams(filter, 'E04') })).toBe(
      '#7.2/22.65/95.18&cat=air_strike,helicopter_attack&from=2022-01-01&sel=E04&to=2022-03-31',
    );
  });

  it('writes nothing for the empty filter and no selection', () => {
    expect([...filterToParams(EMPTY_FILTER, null)]).toEqual([]);
  });

  it('writes every facet, enums in table order and names sorted', () => {
    const filter: IncidentFilter = {
      dateRange: { start: '2022-06-01', end: '2022-06-30' },
      categories: new Set<CategoryId>(['clash', 'air_strike']),
      admin1: new Set(['Kayin', 'Kayah']),
      precisions: new Set(['township', 'exact'] as const),
      verification: new Set(['single_source', 'verified'] as const),
      datasets: new Set(['import-acled', 'curated']),
      townships: new Set(['MMR005010', 'MMR002002']),
    };
    expect(Object.fromEntries(filterToParams(filter, 'E12'))).toEqual({
      from: '2022-06-01',
      to: '2022-06-30',
      cat: 'air_strike,clash',
      adm: 'Kayah,Kayin',
      prec: 'exact,township',
      ver: 'verified,single_source',
      ds: 'curated,import-acled',
      ts: 'MMR002002,MMR005010',
      sel: 'E12',
    });
  });

  it('writes and reads the named-place precision between village and town (ACLED geo_precision 1)', () => {
    const params = filterToParams(only({ precisions: new Set(['town', 'named_place', 'village'] as const) }), null);
    expect(params.get('prec')).toBe('village,named_place,town');
    expect([...(paramsToFilter(params).filter.precisions ?? [])].sort()).toEqual(['named_place', 'town', 'village']);
  });

  it('writes an emptied facet as "none"', () => {
    expect(filterToParams(only({ categories: new Set() }), null).get('cat')).toBe('none');
  });

  it('leaves out an admin1 name it could not read back', () => {
    expect(filterToParams(only({ admin1: new Set(['Kayin, State']) }), null).has('adm')).toBe(false);
  });

  it('leaves out a malformed date range', () => {
    expect(filterToParams(only({ dateRange: { start: '2022-02-30', end: '2022-03-01' } }), null).has('from')).toBe(false);
  });
});

describe('paramsToFilter', () => {
  const read = (hash: string) => paramsToFilter(parseHash(hash).params);
  const cases: readonly [string, string, Partial<IncidentFilter>, string | null][] = [
    ['the issue permalink', '#7.2/22.65/95.18&cat=air_strike,helicopter_attack&from=2022-01-01&to=2022-03-31&sel=E04',
      { categories: new Set<CategoryId>(['air_strike', 'helicopter_attack']), dateRange: { start: '2022-01-01', end: '2022-03-31' } }, 'E04'],
    ['nothing', '#7.2/22.65/95.18', {}, null],
    ['unknown categories dropped', '#cat=air_strike,tank_battle', { categories: new Set<CategoryId>(['air_strike']) }, null],
    ['only unknown values reads as all', '#cat=tank_battle&prec=street', {}, null],
    ['"none" is the empty list', '#cat=none', { categories: new Set() }, null],
    ['spaces around values trimmed', '#ver=verified%2C%20unverified', { verification: new Set(['verified', 'unverified'] as const) }, null],
    ['a reversed range ignored', '#from=2022-03-31&to=2022-01-01', {}, null],
    ['an impossible day ignored', '#from=2022-02-30&to=2022-03-31', {}, null],
    ['half a range ignored', '#from=2022-01-01', {}, null],
    ['a one-day range kept', '#from=2022-01-01&to=2022-01-01', { dateRange: { start: '2022-01-01', end: '2022-01-01' } }, null],
    ['admin1 names with spaces', '#adm=Nay%20Pyi%20Taw,Sagaing', { admin1: new Set(['Nay Pyi Taw', 'Sagaing']) }, null],
    ['datasets', '#ds=curated,import-acled', { datasets: new Set(['curated', 'import-acled']) }, null],
    ['a selection id with markup dropped', '#sel=%3Cscript%3E', {}, null],
    ['an empty selection', '#sel=', {}, null],
    ['other features\u2019 keys ignored', '#layers=places&cat=clash', { categories: new Set<CategoryId>(['clash']) }, null],
  ];
  it.each(cases)('%s', (_name, hash, filter, selectedId) => {
    const got = read(hash);
    expect({ filter: got.filter, selectedId: got.selectedId }).toEqual({ filter: only(filter), selectedId });
  });

  it('writes records that name no state as "~" and reads them back, when the data has such records', () => {
    const filter = only({ admin1: new Set(['', 'Sagaing']) });
    expect(filterToParams(filter, null).get('adm')).toBe('Sagaing,~');
    expect(paramsToFilter(new Map([['adm', 'Sagaing,~']]), { admin1: ['', 'Sagaing'] }).filter.admin1).toEqual(new Set(['', 'Sagaing']));
    expect(paramsToFilter(new Map([['adm', 'Sagaing,~']]), { admin1: ['Sagaing'] }).filter.admin1).toEqual(new Set(['Sagaing']));
    expect(paramsToFilter(new Map([['adm', '']])).filter.admin1).toBeNull();
  });

  it('drops admin1 names and datasets the data does not have, when told which it has', () => {
    const got = paramsToFilter(parseHash('#adm=Kayin,Atlantis&ds=curated,import-gone').params, {
      admin1: ['Kayin', 'Sagaing'],
      datasets: ['curated'],
    });
    expect([got.filter.admin1, got.filter.datasets]).toEqual([new Set(['Kayin']), new Set(['curated'])]);
  });
});

describe('withFilterParams', () => {
  it('replaces the filter keys and keeps every other parameter', () => {
    const before = new Map([['cat', 'clash'], ['sel', 'E01'], ['layers', 'places']]);
    const after = withFilterParams(before, only({ precisions: new Set(['exact'] as const) }), null);
    expect(Object.fromEntries(after)).toEqual({ layers: 'places', prec: 'exact' });
  });
});

describe('round trip through the hash', () => {
  const subset = <T,>(values: readonly T[]) => fc.option(fc.subarray([...values]).map((v) => new Set(v)), { nil: null });
  const day = fc.integer({ min: 18_600, max: 19_750 });
  const filterArb: fc.Arbitrary<IncidentFilter> = fc.record({
    dateRange: fc.option(
      fc.tuple(day, fc.integer({ min: 0, max: 400 })).map(([s, len]) => ({ start: dayString(s), end: dayString(s + len) })),
      { nil: null },
    ),
    categories: subset(CATEGORY_IDS),
    admin1: subset(['Sagaing', 'Kayah', 'Kayin', 'Nay Pyi Taw', "Shan (East)"]),
    precisions: subset(LOCATION_PRECISIONS),
    verification: subset(VERIFICATION_STATUSES),
    datasets: subset(['curated', 'import-acled', 'import_ucdp.2023']),
    townships: subset(['MMR005010', 'MMR002002', 'MMR003003']),
  });
  const selArb = fc.option(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9:_-]{0,11}$/), { nil: null });

  it('a filter and selection survive formatHash and parseHash', () => {
    fc.assert(
      fc.property(filterArb, selArb, (filter, selectedId) => {
        const hash = formatHash({ view, params: filterToParams(filter, selectedId, selectedId === null) });
        const back = paramsToFilter(parseHash(hash).params);
        expect(sameFilter(back.filter, filter)).toBe(true);
        expect(back.selectedId).toBe(selectedId);
        expect(back.byTownship).toBe(selectedId === null);
      }),
      { numRuns: 200 },
    );
  });

  it('a link formats back to itself', () => {
    fc.assert(
      fc.property(filterArb, selArb, (filter, selectedId) => {
        const hash = formatHash({ view, params: filterToParams(filter, selectedId) });
        const again = paramsToFilter(parseHash(hash).params);
        expect(formatHash({ view, params: filterToParams(again.filter, again.selectedId) })).toBe(hash);
      }),
      { numRuns: 100 },
    );
  });
});
