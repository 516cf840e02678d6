/**
 * Township and area codes given to imported places (src/lib/data/import/place-codes.ts): the
 * rules precision by precision, the real UCDP sample through the whole importer, the report's
 * counts and unmatched list, and our own exports keeping their codes on the way back in.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Incident, Place } from '../../src/lib/domain/incident.ts';
import { LOCATION_PRECISIONS, type LocationPrecision } from '../../src/lib/domain/precision.ts';
import { incidentsToCsv, incidentsToGeoJson } from '../../src/lib/data/import/export-incidents.ts';
import { importCsvText, importGeoJsonText } from '../../src/lib/data/import/import-text.ts';
import { ImportSession } from '../../src/lib/data/import/import-session.ts';
import { acledRowToIncident } from '../../src/lib/data/import/map-row.ts';
import { PAPA_CONFIG } from '../../src/lib/data/import/papa-config.ts';
import { extraStart, PlaceCoder, placeWithCoding, type PlaceFacts, UNMATCHED_LISTED } from '../../src/lib/data/import/place-codes.ts';
import { testGeography } from '../helpers/import-geography.ts';

const geography = testGeography();
const UCDP_NAME = 'ucdp_ged_myanmar_2022_sagaing_kayah_kayin.csv';
const ucdpText = readFileSync(new URL(`../fixtures/${UCDP_NAME}`, import.meta.url), 'utf8');
const ucdpRaw = Papa.parse<Record<string, string>>(ucdpText, PAPA_CONFIG).data;
const ucdp = importCsvText(ucdpText, { datasetId: 'ucdp', fileName: UCDP_NAME, geography });

const TABAYIN: Place = { name: 'Depayin', admin1: 'Sagaing', township: 'Tabayin' };
// Depayin town (project gazetteer), in Tabayin.
const DEPAYIN = { lon: 95.3202, lat: 22.6862 };

function facts(precision: LocationPrecision, over: Partial<PlaceFacts> = {}): PlaceFacts {
  return { precision, admin1: 'Sagaing', township: 'Tabayin', townshipPcode: '', district: '', ...DEPAYIN, ...over };
}

/** Codes one place with a fresh coder: the place as the mapper builds it, and `extra` without the event id. */
function code(precision: LocationPrecision, over: Partial<PlaceFacts> = {}, place: Place = TABAYIN): { place: Place; extra: Record<string, unknown>; coder: PlaceCoder } {
  const coder = new PlaceCoder(geography);
  const coding = coder.code(facts(precision, over));
  const { event_id: _id, ...extra } = extraStart('E1', coding);
  return { place: placeWithCoding(place, coding), extra, coder };
}

describe('PlaceCoder rules', () => {
  it('a named township at township precision: the township, drawn as its area; the point confirms it', () => {
    const { place, extra } = code('township');
    expect(place).toEqual({ ...TABAYIN, townshipCode: 'MMR005010', areaCode: 'MMR005010' });
    expect(extra).toEqual({ township_match: 'exact', township_point: 'inside' });
  });

  it('a named township at a precise point: the township only, no area', () => {
    expect(code('village').place).toEqual({ ...TABAYIN, townshipCode: 'MMR005010' });
  });

  it('keeps a township the point contradicts, and says so', () => {
    // Loikaw town (project gazetteer).
    const { place, extra, coder } = code('township', { lon: 97.2094, lat: 19.6742 });
    expect(place.townshipCode).toBe('MMR005010');
    expect(extra.township_point).toBe('outside');
    expect(coder.report()?.contradictedByPoint).toBe(1);
  });

  it('a precise point without a township name: the township the point lies in', () => {
    const { place, extra } = code('near', { township: '' }, { name: 'Let Yet Kone', admin1: 'Sagaing' });
    expect(place).toEqual({ name: 'Let Yet Kone', admin1: 'Sagaing', townshipCode: 'MMR005010' });
    expect(extra).toEqual({ township_match: 'point' });
  });

  it('a precise point whose township name matches nothing: listed, and located by the point', () => {
    const { place, coder } = code('town', { township: 'Nowhere' });
    expect(place.townshipCode).toBe('MMR005010');
    expect(coder.report()).toMatchObject({ locatedByPoint: 1, unmatchedRows: 1, unmatched: [{ name: 'Nowhere', admin1: 'Sagaing', level: 'township', rows: 1 }] });
  });

  it('a township-precision road: no code, listed as unmatched, never rejected', () => {
    const place: Place = { name: 'Sagaing - Monywa highway', admin1: 'Sagaing' };
    const { place: coded, extra, coder } = code('township', { township: 'Sagaing - Monywa highway' }, place);
    expect(coded).toBe(place);
    expect(extra).toEqual({});
    expect(coder.report()?.unmatched).toEqual([{ name: 'Sagaing - Monywa highway', admin1: 'Sagaing', level: 'township', rows: 1 }]);
  });

  it('a point at sea without a township name is counted, and gets no code', () => {
    const { place, coder } = code('exact', { township: '', lon: 94, lat: 15 });
    expect(place.townshipCode).toBeUndefined();
    expect(coder.report()?.outsideTownships).toBe(1);
  });

  it('district precision: the district named within the state/region, as the area; no township', () => {
    const { place, extra } = code('district', { admin1: 'Kayin state', district: 'Hpapun district', township: '' }, { name: 'Hpapun district', admin1: 'Kayin' });
    expect(place).toEqual({ name: 'Hpapun district', admin1: 'Kayin', areaCode: 'MMR003D004' });
    expect(extra).toEqual({ district_match: 'exact' });
    const missing = code('district', { admin1: 'Ayeyarwady division', district: 'Bogale district', township: '' });
    expect(missing.place.areaCode).toBeUndefined();
    expect(missing.coder.report()?.unmatched).toEqual([{ name: 'Bogale district', admin1: 'Ayeyarwady division', level: 'district', rows: 1 }]);
  });

  it('state/region precision: the ISO code, never a township', () => {
    expect(code('region', { admin1: 'Karen state' }).place).toEqual({ ...TABAYIN, areaCode: 'MM-13' });
    expect(code('region', { admin1: 'Atlantis' }).coder.report()?.unmatched).toEqual([{ name: 'Atlantis', admin1: 'Atlantis', level: 'region', rows: 1 }]);
  });

  it('country precision: nothing', () => {
    const { place, extra } = code('country');
    expect(place).toBe(TABAYIN);
    expect(extra).toEqual({});
  });

  it('without geography: places unchanged and no report', () => {
    const coder = new PlaceCoder(null);
    expect(placeWithCoding(TABAYIN, coder.code(facts('township')))).toBe(TABAYIN);
    expect(coder.report()).toBeNull();
  });

  it('lists at most the 200 most named unmatched places, counting the rest in rows', () => {
    const coder = new PlaceCoder(geography);
    for (let i = 0; i < UNMATCHED_LISTED + 5; i++) coder.code(facts('township', { township: `Road ${i}` }));
    coder.code(facts('township', { township: 'Road 7' }));
    const report = coder.report();
    expect(report?.unmatched).toHaveLength(UNMATCHED_LISTED);
    expect(report?.unmatched[0]).toEqual({ name: 'Road 7', admin1: 'Sagaing', level: 'township', rows: 2 });
    expect([report?.unmatchedRows, report?.unmatchedOmittedRows]).toEqual([UNMATCHED_LISTED + 6, 5]);
  });

  it('does not code rows of another country in the same file', () => {
    const ctx = { datasetId: 'd', fileName: 'f.csv', places: new PlaceCoder(geography) };
    const row = { event_id_cnty: 'X1', event_date: '2022-01-01', time_precision: '1', geo_precision: '1', latitude: '22.6862', longitude: '95.3202', country: 'Thailand', admin1: 'Sagaing', admin3: 'Tabayin', sub_event_type: 'Armed clash', fatalities: '0' };
    const result = acledRowToIncident(row, 1, ctx);
    expect(result.ok && result.incident.place.townshipCode).toBeUndefined();
    expect(acledRowToIncident({ ...row, country: 'Myanmar' }, 2, ctx).ok && 'coded').toBe('coded');
    expect(ctx.places.report()?.townshipByName).toBe(1);
  });
});

describe('PlaceCoder on any input (property)', () => {
  const text = fc.oneof(fc.constantFrom('', ' ', '__proto__', 'constructor', 'Tabayin', 'Sagaing', 'MMR005010', 'Hpapun district', 'Kayin state', 'MM-01'), fc.string({ maxLength: 30 }));
  const coordinate = fc.oneof(fc.double({ noNaN: false }), fc.double({ min: 92, max: 101.2 }), fc.double({ min: 9.6, max: 28.6 }));

  it('never throws, gives only known codes, and counts each unmatched row once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ precision: fc.constantFrom(...LOCATION_PRECISIONS), admin1: text, township: text, townshipPcode: text, district: text, lon: coordinate, lat: coordinate }), { maxLength: 20 }),
        (rows) => {
          const coder = new PlaceCoder(geography);
          for (const f of rows) {
            const c = coder.code(f);
            if (c.townshipCode !== '') expect(geography.areaKind(c.townshipCode)).toBe('township');
            if (c.areaCode !== '') expect(geography.areaKind(c.areaCode)).not.toBeNull();
          }
          const report = coder.report();
          expect(report?.unmatchedRows).toBeLessThanOrEqual(rows.length);
          expect(report?.unmatched.reduce((n, u) => n + u.rows, 0)).toBeGreaterThanOrEqual(report?.unmatchedRows ?? 0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the UCDP GED sample (807 events), imported with the township files', () => {
  const byPrec = (prec: string): Incident[] => ucdp.incidents.filter((_, i) => ucdpRaw[i]?.where_prec === prec);
  const isTownshipName = (i: number): boolean => /\btownship$/i.test(ucdpRaw[i]?.where_coordinates?.trim() ?? '');

  it('still shows every row: read = shown + rejected', () => {
    expect([ucdp.rowsRead, ucdp.rowsShown, ucdp.rowsRejected]).toEqual([807, 807, 0]);
  });

  it('codes all 427 "X township" rows of where_prec 5 with their township, drawn as its area', () => {
    const rows = ucdp.incidents.filter((_, i) => ucdpRaw[i]?.where_prec === '5' && isTownshipName(i));
    expect(rows).toHaveLength(427);
    expect(rows.filter((i) => i.place.townshipCode === undefined || i.place.areaCode !== i.place.townshipCode)).toEqual([]);
    expect(rows.every((i) => i.precision === 'township')).toBe(true);
  });

  it('leaves the 37 other where_prec 5 places (roads, rivers, borders) as they are, and lists them', () => {
    const rows = ucdp.incidents.filter((_, i) => ucdpRaw[i]?.where_prec === '5' && !isTownshipName(i));
    expect(rows).toHaveLength(37);
    expect(rows.filter((i) => i.place.townshipCode !== undefined || i.place.areaCode !== undefined || i.precision !== 'township')).toEqual([]);
    expect(ucdp.placeMatch?.unmatched.reduce((n, u) => n + u.rows, 0)).toBe(37);
    expect(ucdp.placeMatch?.unmatched.slice(0, 3)).toEqual([
      { name: 'Between Myawaddy and Waw Lay', admin1: 'Kayin state', level: 'township', rows: 11 },
      { name: 'Ayeyarwady river (Katha township)', admin1: 'Sagaing region', level: 'township', rows: 4 },
      { name: 'Chindwin river (Kani township)', admin1: 'Sagaing region', level: 'township', rows: 3 },
    ]);
  });

  it('gives every village and "within 25 km" point the township it counts in, and no area', () => {
    const precise = [...byPrec('1'), ...byPrec('2')];
    expect(precise).toHaveLength(316);
    expect(precise.filter((i) => i.place.townshipCode === undefined || i.place.areaCode !== undefined)).toEqual([]);
  });

  it('draws the 13 district rows as their district and the 14 state rows as their state', () => {
    expect(byPrec('3').map((i) => i.place.areaCode)).toEqual(ucdpRaw.filter((r) => r.where_prec === '3').map((r) => DISTRICT_OF[r.adm_2 ?? '']));
    expect(byPrec('3').every((i) => i.place.townshipCode === undefined)).toBe(true);
    expect([...new Set(byPrec('4').map((i) => `${i.place.admin1} ${i.place.areaCode}`))].sort()).toEqual(['Kayah MM-12', 'Kayin MM-13', 'Sagaing MM-01']);
  });

  it('puts the Tabayin rows in Tabayin (MMR005010)', () => {
    const tabayin = ucdp.incidents.filter((i) => i.place.township === 'Tabayin');
    expect(tabayin.length).toBeGreaterThan(0);
    expect(new Set(tabayin.map((i) => i.place.townshipCode))).toEqual(new Set(['MMR005010']));
  });

  it('reports the counts', () => {
    expect(ucdp.placeMatch).toMatchObject({
      townshipByCode: 0,
      // 427 where_prec 5 names, and 20 "X township" names at where_prec 2
      townshipByName: 447,
      confirmedByPoint: 445,
      contradictedByPoint: 2,
      locatedByPoint: 296,
      outsideTownships: 0,
      areas: { township: 427, district: 13, region: 14 },
      unmatchedRows: 37,
      unmatchedOmittedRows: 0,
    });
  });
});

/** The CSV without some columns, as an export from before they existed. */
function dropColumns(csv: string, columns: readonly string[]): string {
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  const fields = (parsed.meta.fields ?? []).filter((f) => !columns.includes(f));
  return Papa.unparse({ fields, data: parsed.data.map((row) => fields.map((f) => row[f] ?? '')) }, { newline: '\r\n' });
}

const DISTRICT_OF: Record<string, string> = {
  'Hpapun district': 'MMR003D004',
  'Kawkareik district': 'MMR003D003',
  'Hpa-an district': 'MMR003D001',
  'Myawaddy district': 'MMR003D002',
  'Loikaw district': 'MMR002D001',
};

describe('our own exports keep their codes', () => {
  const incidents = ucdp.incidents;

  it('CSV: export → import with the township files gives the same incidents', () => {
    const back = importCsvText(incidentsToCsv(incidents), { datasetId: 'ucdp', fileName: 'export.csv', geography });
    expect(back.incidents).toStrictEqual(incidents);
    // Every stated code is known. The 37 roads and rivers have no code and no township name in
    // our format (UCDP's where_coordinates became the place's name), so nothing is matched again.
    expect(back.placeMatch).toMatchObject({ townshipByCode: 743, unmatchedRows: 0, areas: { township: 427, district: 13, region: 14 } });
  });

  it('GeoJSON: export → import with the township files gives the same incidents', () => {
    const back = importGeoJsonText(JSON.stringify(incidentsToGeoJson(incidents)), { datasetId: 'ucdp', fileName: 'export.geojson', geography });
    expect(back.incidents).toStrictEqual(incidents);
  });

  it('CSV: codes survive an import without the township files', () => {
    const back = importCsvText(incidentsToCsv(incidents), { datasetId: 'ucdp', fileName: 'export.csv' });
    expect(back.incidents).toStrictEqual(incidents);
    expect(back.placeMatch).toBeNull();
  });

  it('an export from before the code columns gets its codes on import', () => {
    const [tabayin] = incidents.filter((i) => i.place.township === 'Tabayin' && i.precision === 'township');
    const { townshipCode: _t, areaCode: _a, ...place } = tabayin?.place ?? TABAYIN;
    const { township_match: _m, township_point: _p, ...extra } = tabayin?.extra ?? {};
    const old = { ...(tabayin as Incident), place, extra };
    const csv = dropColumns(incidentsToCsv([old]), ['township_code', 'area_code', 'location_source']);
    expect(csv).not.toContain('township_code');
    const back = importCsvText(csv, { datasetId: 'ucdp', fileName: 'old.csv', geography });
    expect(back.rejected).toEqual([]);
    expect(back.incidents[0]?.place).toEqual(tabayin?.place);
  });

  it('an unknown stated code is dropped and listed; the place is coded from its name', () => {
    const [tabayin] = incidents.filter((i) => i.place.townshipCode === 'MMR005010' && i.precision === 'township');
    const edited = { ...(tabayin as Incident), place: { ...(tabayin as Incident).place, townshipCode: 'MMR123456', areaCode: 'MMR123456' } };
    const back = importCsvText(incidentsToCsv([edited]), { datasetId: 'ucdp', fileName: 'edited.csv', geography });
    expect(back.incidents[0]?.place).toEqual(tabayin?.place);
    expect(back.placeMatch?.unmatched).toEqual([{ name: 'MMR123456', admin1: 'Sagaing', level: 'code', rows: 1 }]);
    expect(back.placeMatch?.unmatchedRows).toBe(1);
  });
});

describe('ImportSession', () => {
  it('gives the same codes and counts chunk by chunk as in one go', () => {
    const session = new ImportSession({ datasetId: 'ucdp', fileName: UCDP_NAME, geography });
    session.setFields(Object.keys(ucdpRaw[0] ?? {}));
    const taken: Incident[] = [];
    for (let i = 0; i < ucdpRaw.length; i += 100) {
      session.addRows(ucdpRaw.slice(i, i + 100), i + 1);
      taken.push(...session.takeIncidents());
    }
    const report = session.finish();
    expect(taken).toStrictEqual(ucdp.incidents);
    expect(report.placeMatch).toEqual(ucdp.placeMatch);
  });
});
