import { describe, expect, it } from 'vitest';
import type { Incident } from '../../src/lib/domain/incident.ts';
import { acledRowToIncident, ucdpAdmin1Name, ucdpRowToIncident } from '../../src/lib/data/import/map-row.ts';
import type { MapResult } from '../../src/lib/data/import/types.ts';

const ctx = { datasetId: 'ds1', fileName: 'export.csv' };

function acledRow(over: Record<string, string> = {}): Record<string, string> {
  return {
    event_id_cnty: 'MMR90001',
    event_date: '2022-01-17',
    year: '2022',
    time_precision: '1',
    disorder_type: 'Political violence',
    event_type: 'Explosions/Remote violence',
    sub_event_type: 'Air/drone strike',
    actor1: 'Military Forces of Myanmar (2021-)',
    assoc_actor_1: '',
    inter1: 'State forces',
    actor2: 'Civilians (Myanmar)',
    assoc_actor_2: 'IDPs (Myanmar)',
    inter2: 'Civilians',
    interaction: 'State forces-Civilians',
    civilian_targeting: 'Civilian targeting',
    iso: '104',
    region: 'Southeast Asia',
    country: 'Myanmar',
    admin1: 'Kayah',
    admin2: 'Loikaw',
    admin3: 'Hpruso',
    location: 'Mo So',
    latitude: '19.41682',
    longitude: '97.09566',
    geo_precision: '2',
    source: 'Myanmar Now; Democratic Voice of Burma',
    source_scale: 'National',
    notes: 'Three civilians were killed.',
    fatalities: '3',
    tags: '',
    timestamp: '1658012345',
    ...over,
  };
}

function ucdpRow(over: Record<string, string> = {}): Record<string, string> {
  return {
    id: '426714',
    relid: 'MYA-2022-1-16759-2',
    type_of_violence: '1',
    conflict_name: 'Myanmar (Burma): Government',
    dyad_name: 'Government of Myanmar (Burma) - NUG',
    side_a: 'Government of Myanmar (Burma)',
    side_b: 'NUG',
    source_article: '"The Irrawaddy,2022-01-03,Headline one";"Myanmar Now,2022-01-04,Military launches aerial assaults on Wetlet villages"',
    source_office: 'The Irrawaddy;Myanmar Now',
    source_date: '2022-01-03;2022-01-04',
    source_headline: 'Headline one;Military launches aerial assaults on Wetlet villages',
    source_original: 'Wetlet PDF',
    where_prec: '5',
    where_coordinates: 'Wetlet township',
    where_description: 'Wetlet township',
    adm_1: 'Sagaing region',
    adm_2: 'Shwebo district',
    latitude: '22.301326',
    longitude: '95.766639',
    country: 'Myanmar (Burma)',
    event_clarity: '1',
    date_prec: '1',
    date_start: '2022-01-01',
    date_end: '2022-01-01',
    deaths_a: '0',
    deaths_b: '1',
    deaths_civilians: '0',
    deaths_unknown: '1',
    best: '2',
    high: '31',
    low: '1',
    ...over,
  };
}

function ok(r: MapResult): Incident {
  if (!r.ok) throw new Error(`rejected: ${r.reason} ${r.message}`);
  return r.incident;
}

function reason(r: MapResult): string {
  return r.ok ? 'ok' : r.reason;
}

describe('acledRowToIncident', () => {
  it('maps a full row', () => {
    const r = acledRowToIncident(acledRow(), 1, ctx);
    expect(r.ok && r.eventId).toBe('MMR90001');
    expect(ok(r)).toStrictEqual({
      id: 'ds1:MMR90001',
      category: 'air_strike',
      title: 'Air/drone strike in Mo So',
      date: { precision: 'day', start: '2022-01-17', end: '2022-01-17' },
      place: { name: 'Mo So', admin1: 'Kayah', township: 'Hpruso' },
      lon: 97.09566,
      lat: 19.41682,
      precision: 'township',
      weapons: [],
      killed: [{ low: 3, high: 3, qualifier: 'exact', text: '3', source: 'ACLED (citing Myanmar Now; Democratic Voice of Burma)' }],
      displaced: [],
      summary: 'Three civilians were killed.',
      sources: [
        {
          publisher: 'ACLED',
          title: 'export.csv, event MMR90001',
          date: null,
          url: null,
          secondary: false,
          note: 'Sources named by ACLED: Myanmar Now; Democratic Voice of Burma',
        },
      ],
      verification: { status: 'imported', text: 'Coded by ACLED; imported from "export.csv".' },
      dataset: 'ds1',
      extra: {
        event_id: 'MMR90001',
        event_type: 'Explosions/Remote violence',
        sub_event_type: 'Air/drone strike',
        disorder_type: 'Political violence',
        actor1: 'Military Forces of Myanmar (2021-)',
        inter1: 'State forces',
        actor2: 'Civilians (Myanmar)',
        assoc_actor_2: 'IDPs (Myanmar)',
        inter2: 'Civilians',
        interaction: 'State forces-Civilians',
        civilian_targeting: 'Civilian targeting',
        admin2: 'Loikaw',
        geo_precision: '2',
        time_precision: '1',
        source_scale: 'National',
        timestamp: '1658012345',
      },
    });
  });

  it('reads geo_precision 1 as a named place (town or village), not as a town (#12: He Nar is a village)', () => {
    const i = ok(acledRowToIncident(acledRow({ geo_precision: '1', location: 'He Nar', admin3: 'Tabayin', admin1: 'Sagaing' }), 1, ctx));
    expect(i.precision).toBe('named_place');
    expect(i.place).toEqual({ name: 'He Nar', admin1: 'Sagaing', township: 'Tabayin' });
  });

  it('widens a week-precision date to its ISO week with a note', () => {
    expect(ok(acledRowToIncident(acledRow({ event_date: '15 July 2022', time_precision: '2' }), 1, ctx)).date).toEqual({
      precision: 'week',
      start: '2022-07-11',
      end: '2022-07-17',
      note: 'ACLED gives 2022-07-15, precise to the week',
    });
  });

  it('widens a month-precision date to its calendar month', () => {
    const d = ok(acledRowToIncident(acledRow({ event_date: '3 Aug 2022', time_precision: '3' }), 1, ctx)).date;
    expect([d.precision, d.start, d.end]).toEqual(['month', '2022-08-01', '2022-08-31']);
  });

  it('keeps an inter value that only looks like an object key', () => {
    expect(ok(acledRowToIncident(acledRow({ inter1: 'constructor' }), 1, ctx)).extra?.inter1).toBe('constructor');
  });

  it('turns numeric inter codes of old exports into labels', () => {
    const extra = ok(acledRowToIncident(acledRow({ inter1: '1', inter2: '7', interaction: '17' }), 1, ctx)).extra;
    expect([extra?.inter1, extra?.inter2, extra?.interaction]).toEqual(['State forces', 'Civilians', '17']);
  });

  it('gives no killed figure for blank fatalities, and a 0 figure for 0', () => {
    expect(ok(acledRowToIncident(acledRow({ fatalities: '' }), 1, ctx)).killed).toEqual([]);
    expect(ok(acledRowToIncident(acledRow({ fatalities: '0' }), 1, ctx)).killed[0]?.low).toBe(0);
  });

  it('names only ACLED when the row names no source', () => {
    const i = ok(acledRowToIncident(acledRow({ source: ' ; ' }), 1, ctx));
    expect(i.sources[0]).not.toHaveProperty('note');
    expect(i.killed[0]?.source).toBe('ACLED');
  });

  it('keeps HTML in notes and place names as literal text', () => {
    const i = ok(acledRowToIncident(acledRow({ notes: '<script>x</script>', location: '<b>X</b>' }), 1, ctx));
    expect(i.summary).toBe('<script>x</script>');
    expect(i.title).toBe('Air/drone strike in <b>X</b>');
  });

  it('falls back to admin3, then admin1, for the place name', () => {
    expect(ok(acledRowToIncident(acledRow({ location: '' }), 1, ctx)).place.name).toBe('Hpruso');
    expect(ok(acledRowToIncident(acledRow({ location: '', admin3: '' }), 1, ctx)).place).toEqual({ name: 'Kayah', admin1: 'Kayah' });
  });

  it('cuts long extra values', () => {
    const v = ok(acledRowToIncident(acledRow({ actor1: 'a'.repeat(1000) }), 1, ctx)).extra?.actor1;
    expect(typeof v === 'string' && v.length).toBe(300);
  });

  it.each([
    [{ event_id_cnty: ' ' }, 'missing_required_field'],
    [{ latitude: '' }, 'no_coordinates'],
    [{ latitude: '97.09566', longitude: '19.41682' }, 'swapped_coordinates'],
    [{ event_date: '2022-02-30' }, 'unparseable_date'],
    [{ time_precision: '' }, 'missing_required_field'],
    [{ time_precision: '4' }, 'invalid_field'],
    [{ geo_precision: '' }, 'missing_required_field'],
    [{ geo_precision: '0' }, 'invalid_field'],
    [{ fatalities: '-1' }, 'invalid_field'],
    [{ fatalities: 'unknown' }, 'invalid_field'],
    [{ geo_precision: 'constructor' }, 'invalid_field'],
    [{ time_precision: 'toString' }, 'invalid_field'],
    [{ time_precision: '__proto__' }, 'invalid_field'],
  ])('rejects %j as %s', (over, expected) => {
    expect(reason(acledRowToIncident(acledRow(over), 1, ctx))).toBe(expected);
  });

  it('checks coordinates before the date', () => {
    expect(reason(acledRowToIncident(acledRow({ latitude: '', event_date: '' }), 1, ctx))).toBe('no_coordinates');
  });

  it('shares one verification object across the rows of an import', () => {
    const a = ok(acledRowToIncident(acledRow(), 1, ctx));
    const b = ok(acledRowToIncident(acledRow({ event_id_cnty: 'MMR2' }), 2, ctx));
    expect(a.verification).toBe(b.verification);
  });
});

describe('ucdpRowToIncident', () => {
  it('maps a row, taking the category from a headline keyword', () => {
    expect(ok(ucdpRowToIncident(ucdpRow(), 1, ctx))).toStrictEqual({
      id: 'ds1:426714',
      category: 'air_strike',
      title: 'State-based violence in Wetlet township',
      date: { precision: 'day', start: '2022-01-01', end: '2022-01-01' },
      place: { name: 'Wetlet township', admin1: 'Sagaing', township: 'Wetlet' },
      lon: 95.766639,
      lat: 22.301326,
      precision: 'township',
      weapons: [],
      killed: [{ low: 1, high: 31, qualifier: 'range', text: 'best 2 (low 1, high 31)', source: 'UCDP GED' }],
      displaced: [],
      summary: '',
      sources: [
        {
          publisher: 'UCDP GED',
          title: 'export.csv, event 426714',
          date: null,
          url: null,
          secondary: false,
          note: 'Articles cited by UCDP: The Irrawaddy (2022-01-03): Headline one; Myanmar Now (2022-01-04): Military launches aerial assaults on Wetlet villages',
        },
      ],
      verification: { status: 'imported', text: 'Coded by UCDP GED; imported from "export.csv".' },
      dataset: 'ds1',
      extra: {
        event_id: '426714',
        relid: 'MYA-2022-1-16759-2',
        type_of_violence: 'State-based violence',
        category_basis: 'source_headline mentions "aerial"',
        conflict_name: 'Myanmar (Burma): Government',
        dyad_name: 'Government of Myanmar (Burma) - NUG',
        side_a: 'Government of Myanmar (Burma)',
        side_b: 'NUG',
        source_original: 'Wetlet PDF',
        where_description: 'Wetlet township',
        adm_2: 'Shwebo district',
        where_prec: 5,
        date_prec: 1,
        event_clarity: 1,
        best: 2,
        deaths_a: 0,
        deaths_b: 1,
        deaths_civilians: 0,
        deaths_unknown: 1,
      },
    });
  });

  it.each([
    ['1', 'clash'],
    ['2', 'clash'],
    ['3', 'massacre_raid'],
  ])('type_of_violence %s without a keyword → %s', (code, category) => {
    const i = ok(ucdpRowToIncident(ucdpRow({ type_of_violence: code, source_headline: 'Nothing to see' }), 1, ctx));
    expect(i.category).toBe(category);
    expect(i.extra?.category_basis).toMatch(new RegExp(`^type_of_violence ${code} `));
  });

  it('lets a headline keyword override one-sided violence', () => {
    const i = ok(ucdpRowToIncident(ucdpRow({ type_of_violence: '3', source_headline: 'Women Shot Dead by Junta Helicopter' }), 1, ctx));
    expect(i.category).toBe('helicopter_attack');
  });

  it.each([
    ['1', 'village'],
    ['2', 'near'],
    ['3', 'district'],
    ['4', 'region'],
    ['5', 'township'],
    ['6', 'country'],
    ['7', 'region'],
  ])('where_prec %s → %s', (code, precision) => {
    expect(ok(ucdpRowToIncident(ucdpRow({ where_prec: code }), 1, ctx)).precision).toBe(precision);
  });

  it.each([
    ['2', '2022-01-01', '2022-01-02', 'range', 'UCDP dates it to within 2–6 days'],
    ['3', '2022-07-11', '2022-07-17', 'week', 'UCDP dates it to within a week'],
    ['3', '2022-01-29', '2022-02-04', 'range', 'UCDP dates it to within a week'],
    ['4', '2022-09-01', '2022-09-30', 'month', 'UCDP dates it to within a month'],
    ['4', '2022-03-30', '2022-04-10', 'range', 'UCDP dates it to within a month'],
    ['5', '2022-01-01', '2022-03-31', 'range', 'UCDP dates it to within a year'],
  ])('date_prec %s over %s..%s → %s', (code, start, end, precision, note) => {
    expect(ok(ucdpRowToIncident(ucdpRow({ date_prec: code, date_start: start, date_end: end }), 1, ctx)).date).toEqual({ precision, start, end, note });
  });

  it('reads dates written with a time', () => {
    const d = ok(ucdpRowToIncident(ucdpRow({ date_start: '2022-01-01 00:00:00.000', date_end: '2022-01-01 00:00:00.000' }), 1, ctx)).date;
    expect(d).toEqual({ precision: 'day', start: '2022-01-01', end: '2022-01-01' });
  });

  it('treats a blank date_end as date_start', () => {
    expect(ok(ucdpRowToIncident(ucdpRow({ date_end: '' }), 1, ctx)).date.end).toBe('2022-01-01');
  });

  it('writes an exact figure when low equals high', () => {
    expect(ok(ucdpRowToIncident(ucdpRow({ best: '3', low: '3', high: '3' }), 1, ctx)).killed).toEqual([
      { low: 3, high: 3, qualifier: 'exact', text: 'best 3 (low 3, high 3)', source: 'UCDP GED' },
    ]);
  });

  it('shows the source columns as written when the lists do not line up', () => {
    const note = ok(ucdpRowToIncident(ucdpRow({ source_headline: 'A; B; C' }), 1, ctx)).sources[0]?.note;
    expect(note).toBe('Articles cited by UCDP: The Irrawaddy;Myanmar Now — 2022-01-03;2022-01-04 — A; B; C');
  });

  it('names no township unless the place is "X township"', () => {
    expect(ok(ucdpRowToIncident(ucdpRow({ where_coordinates: 'Loikaw town' }), 1, ctx)).place).toEqual({ name: 'Loikaw town', admin1: 'Sagaing' });
  });

  it.each([
    [{ id: '' }, 'missing_required_field'],
    [{ longitude: '' }, 'no_coordinates'],
    [{ latitude: '95.766639', longitude: '22.301326' }, 'swapped_coordinates'],
    [{ date_start: '' }, 'unparseable_date'],
    [{ date_start: '1/1/2022' }, 'unparseable_date'],
    [{ date_end: 'soon' }, 'unparseable_date'],
    [{ date_end: '2021-12-31' }, 'unparseable_date'],
    [{ date_prec: '' }, 'missing_required_field'],
    [{ date_prec: '6' }, 'invalid_field'],
    [{ where_prec: '' }, 'missing_required_field'],
    [{ where_prec: '8' }, 'invalid_field'],
    [{ type_of_violence: '4' }, 'invalid_field'],
    [{ best: 'x' }, 'invalid_field'],
    [{ where_prec: '__proto__' }, 'invalid_field'],
    [{ date_prec: 'valueOf' }, 'invalid_field'],
    [{ type_of_violence: 'hasOwnProperty' }, 'invalid_field'],
  ])('rejects %j as %s', (over, expected) => {
    expect(reason(ucdpRowToIncident(ucdpRow(over), 1, ctx))).toBe(expected);
  });
});

describe('ucdpAdmin1Name', () => {
  it.each([
    ['Sagaing region', 'Sagaing'],
    ['Kayah state', 'Kayah'],
    ['Kayin State', 'Kayin'],
    ['Magway division', 'Magway'],
    ['Yangon', 'Yangon'],
    ['', ''],
  ])('%j → %j', (adm1, name) => {
    expect(ucdpAdmin1Name(adm1)).toBe(name);
  });
});
