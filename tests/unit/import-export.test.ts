import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CATEGORY_IDS } from '../../src/lib/domain/categories.ts';
import { dayString } from '../../src/lib/domain/calendar.ts';
import type { Incident } from '../../src/lib/domain/incident.ts';
import { LOCATION_PRECISIONS } from '../../src/lib/domain/precision.ts';
import { VERIFICATION_STATUSES } from '../../src/lib/domain/verification.ts';
import { neutraliseFormula, restoreFormulaText } from '../../src/lib/data/import/csv-safety.ts';
import { CONFLICT_MAP_COLUMNS, incidentAttribution } from '../../src/lib/data/import/conflict-map-format.ts';
import { incidentsToCsv, incidentsToGeoJson } from '../../src/lib/data/import/export-incidents.ts';
import { importCsvText, importGeoJsonText } from '../../src/lib/data/import/import-text.ts';
import { PAPA_CONFIG } from '../../src/lib/data/import/papa-config.ts';
import { rejectedRowsToCsv } from '../../src/lib/data/import/rejects-csv.ts';

const FIXTURES = new URL('../fixtures/', import.meta.url);
const opts = { datasetId: 'ds1', fileName: 'export.csv' };

function fixtureIncidents(file: string): Incident[] {
  const report = importCsvText(readFileSync(new URL(file, FIXTURES), 'utf8'), { datasetId: 'ds1', fileName: file });
  return [...report.incidents];
}

function csvRoundTrip(incidents: readonly Incident[], datasetId = 'ds1'): Incident[] {
  const report = importCsvText(incidentsToCsv(incidents), { datasetId, fileName: 'export.csv' });
  expect(report.format).toBe('conflict-map');
  expect(report.rejected).toEqual([]);
  return [...report.incidents];
}

function geoJsonRoundTrip(incidents: readonly Incident[], datasetId = 'ds1'): Incident[] {
  const report = importGeoJsonText(JSON.stringify(incidentsToGeoJson(incidents)), { datasetId, fileName: 'export.geojson' });
  expect(report.rejected).toEqual([]);
  return [...report.incidents];
}

/** A curated-style incident using every optional field, with awkward text everywhere. */
const curated: Incident = {
  id: 'E08',
  category: 'shelling',
  title: '=Shelling, "Lay Kay Kaw"',
  date: { precision: 'day', start: '2022-07-14', end: '2022-07-14', note: 'day (~01:00)' },
  place: { name: '-Lay Kay Kaw', nameMy: 'လေးကေ့ကော်', admin1: 'Kayin', township: 'Myawaddy', townshipCode: 'MMR003005', areaCode: 'MMR003005', locationSource: '=gazetteer' },
  lon: -0.5,
  lat: 16.5992,
  precision: 'town',
  sourceCoordinates: { lon: 98.5, lat: 16.6, note: "@village coords 'unverified'" },
  weapons: [{ text: '+artillery', source: 'KIC' }],
  killed: [{ low: 2, high: 3, qualifier: 'range', text: '2–3', source: 'RFA' }],
  displaced: [{ low: null, high: null, qualifier: 'unspecified', text: 'thousands', source: 'UNHCR' }],
  summary: "'Quoted' start\r\nsecond line\twith tab, and comma; and <b>html</b>",
  sources: [
    { publisher: 'Radio Free Asia', title: 'Shells hit town', date: '2022-07-15', url: 'https://www.rfa.org/x', secondary: false },
    { publisher: 'UCDP GED', title: 'event 1', date: null, url: null, secondary: true, via: 'via UCDP GED 1', note: '=note' },
  ],
  verification: { status: 'verified_multiple', text: '\ttab first' },
  dataset: 'ds1',
  extra: { a: 'x', b: 2, c: true, d: null, e: '=1+1' },
  refs: [{ dataset: 'ucdp-ged', id: '448773' }, { dataset: 'acled', id: 'MMR12345' }],
};

const nullCoordinates: Incident = { ...curated, id: 'ds1:n', sourceCoordinates: null, extra: {}, place: { name: '', admin1: '' } };
const { extra: _noExtra, sourceCoordinates: _noCoords, refs: _noRefs, ...bare } = curated;
const bareIncident: Incident = { ...bare, id: 'ds1:bare' };

describe('Conflict Map CSV export', () => {
  it('writes a BOM, our header and CRLF line ends', () => {
    const csv = incidentsToCsv([curated]);
    expect(csv.startsWith(`\uFEFF${CONFLICT_MAP_COLUMNS.join(',')}\r\n`)).toBe(true);
  });

  it('neutralises formula-like text cells but not numbers', () => {
    const parsed = Papa.parse<Record<string, string>>(incidentsToCsv([curated]), PAPA_CONFIG);
    const row = parsed.data[0] as Record<string, string>;
    expect(row.title).toBe(`'=Shelling, "Lay Kay Kaw"`);
    expect(row.place_name).toBe("'-Lay Kay Kaw");
    expect(row.verification_text).toBe("'\ttab first");
    expect(row.summary?.startsWith("''Quoted'")).toBe(true);
    expect(row.longitude).toBe('-0.5');
    expect(row.killed_json?.startsWith('[')).toBe(true);
  });

  it('adds ACLED and UCDP attribution to rows derived from them', () => {
    const acled = fixtureIncidents('import/acled-current.csv')[0] as Incident;
    const parsed = Papa.parse<Record<string, string>>(incidentsToCsv([acled, curated]), PAPA_CONFIG);
    expect(parsed.data[0]?.attribution).toBe('Armed Conflict Location & Event Data (ACLED), acleddata.com');
    expect(parsed.data[1]?.attribution).toContain('Sundberg & Melander 2013');
  });

  it('leaves attribution empty for sources that ask for none', () => {
    expect(incidentAttribution({ ...curated, sources: [] })).toBe('');
    expect(incidentAttribution({ ...curated, sources: [{ publisher: 'constructor', title: '', date: null, url: null, secondary: false }] })).toBe('');
  });
});

describe('round trip: export → import gives the same incidents', () => {
  const cases: [string, () => Incident[]][] = [
    ['every optional field and awkward text', () => [curated, nullCoordinates, bareIncident]],
    ['the ACLED fixture (BOM, CRLF, quoted newlines, Burmese)', () => fixtureIncidents('import/acled-current.csv')],
    ['HTML and formulas from an ACLED file', () => fixtureIncidents('import/acled-html-notes.csv')],
    ['duplicate-id rows', () => fixtureIncidents('import/acled-duplicates.csv')],
    ['all 807 UCDP sample events', () => fixtureIncidents('ucdp_ged_myanmar_2022_sagaing_kayah_kayin.csv')],
  ];

  it.each(cases)('CSV: %s', (_name, make) => {
    const incidents = make();
    expect(csvRoundTrip(incidents)).toStrictEqual(incidents);
  });

  it.each(cases)('GeoJSON: %s', (_name, make) => {
    const incidents = make();
    expect(geoJsonRoundTrip(incidents)).toStrictEqual(incidents);
  });

  it('moves incidents into the importing dataset without nesting prefixes', () => {
    const [a] = csvRoundTrip([{ ...curated, id: 'ds1:MMR1' }], 'ds2');
    expect([a?.id, a?.dataset]).toEqual(['ds2:MMR1', 'ds2']);
    const [b] = geoJsonRoundTrip([{ ...curated, id: 'E08', dataset: 'curated' }], 'ds2');
    expect([b?.id, b?.dataset]).toEqual(['ds2:E08', 'ds2']);
  });

  it('drops a non-http URL on the way back in', () => {
    const evil: Incident = { ...curated, sources: [{ ...(curated.sources[0] as Incident['sources'][number]), url: 'javascript:alert(1)' }] };
    expect(csvRoundTrip([evil])[0]?.sources[0]?.url).toBeNull();
  });

  // Characters that stress CSV quoting, formula escaping and encodings, mixed with any grapheme.
  const unit = fc.oneof(fc.constantFrom('=', '+', '-', '@', "'", '"', ',', ';', '\t', '\r', '\n', ' ', '\uFEFF', '\u0000', 'ဒီ', '{', '['), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }));
  const text = fc.string({ unit, maxLength: 12 });
  const optText = fc.option(fc.string({ unit, minLength: 1, maxLength: 8 }), { nil: undefined });
  const coordinate = (max: number) => fc.double({ min: -max, max, noNaN: true }).map((v) => v + 0);
  const day = fc.integer({ min: 18_000, max: 20_000 });
  const figure = fc.record({
    low: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }),
    high: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }),
    qualifier: fc.constantFrom('exact', 'at_least', 'more_than', 'about', 'range', 'unspecified' as const),
    text,
    source: text,
  }, { noNullPrototype: true });
  const incident = fc
    .record({
      local: fc.string({ unit, minLength: 1, maxLength: 8 }),
      category: fc.constantFrom(...CATEGORY_IDS),
      title: text,
      start: day,
      length: fc.integer({ min: 0, max: 40 }),
      note: optText,
      name: text,
      nameMy: optText,
      admin1: text,
      township: optText,
      townshipCode: optText,
      areaCode: optText,
      locationSource: optText,
      lon: coordinate(180),
      lat: coordinate(89),
      precision: fc.constantFrom(...LOCATION_PRECISIONS),
      killed: fc.array(figure, { maxLength: 2 }),
      summary: fc.string({ unit, maxLength: 40 }),
      status: fc.constantFrom(...VERIFICATION_STATUSES),
      extra: fc.option(
        fc.dictionary(fc.string({ unit, maxLength: 5 }), fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null)), { maxKeys: 3 }).map((d) => {
          const plain: Record<string, string | number | boolean | null> = {};
          for (const [k, v] of Object.entries(d)) Object.defineProperty(plain, k, { value: v, enumerable: true, writable: true, configurable: true });
          return plain;
        }),
        { nil: undefined },
      ),
    })
    .filter((r) => r.lon !== 0 || r.lat !== 0)
    .map((r): Incident => ({
      id: `ds1:${r.local}`,
      category: r.category,
      title: r.title,
      date: { precision: r.length === 0 ? 'day' : 'range', start: dayString(r.start), end: dayString(r.start + r.length), ...(r.note === undefined ? {} : { note: r.note }) },
      place: {
        name: r.name,
        ...(r.nameMy === undefined ? {} : { nameMy: r.nameMy }),
        admin1: r.admin1,
        ...(r.township === undefined ? {} : { township: r.township }),
        ...(r.townshipCode === undefined ? {} : { townshipCode: r.townshipCode }),
        ...(r.areaCode === undefined ? {} : { areaCode: r.areaCode }),
        ...(r.locationSource === undefined ? {} : { locationSource: r.locationSource }),
      },
      lon: r.lon,
      lat: r.lat,
      precision: r.precision,
      weapons: [],
      killed: r.killed,
      displaced: [],
      summary: r.summary,
      sources: [{ publisher: 'P', title: r.title, date: null, url: null, secondary: false }],
      verification: { status: r.status, text: r.summary },
      dataset: 'ds1',
      ...(r.extra === undefined ? {} : { extra: r.extra }),
    }));

  it('holds for generated incidents, CSV and GeoJSON (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(incident, { maxLength: 5, selector: (i) => i.id }), (incidents) => {
        expect(csvRoundTrip(incidents)).toStrictEqual(incidents);
        expect(geoJsonRoundTrip(incidents)).toStrictEqual(incidents);
      }),
      { numRuns: 150 },
    );
  });
});

describe('formula neutralisation', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+plus', "'+plus"],
    ['-minus', "'-minus"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTab', "'\tTab"],
    ['\rCR', "'\rCR"],
    ["'quoted", "''quoted"],
    ['-12.5', '-12.5'],
    ['+3', '+3'],
    ['-1e-3', '-1e-3'],
    ['-1+2', "'-1+2"],
    ['plain', 'plain'],
    ['', ''],
  ])('%j → %j', (text, expected) => {
    expect(neutraliseFormula(text)).toBe(expected);
  });

  it('is undone exactly by restoreFormulaText (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 10 }), (s) => {
        expect(restoreFormulaText(neutraliseFormula(s))).toBe(s);
      }),
      { numRuns: 500 },
    );
  });
});

describe('rejectedRowsToCsv', () => {
  it('writes row, reason, message, then the original columns, neutralised', () => {
    const csv = rejectedRowsToCsv([
      { row: 2, reason: 'no_coordinates', message: 'No usable latitude.', raw: { event_id_cnty: 'MMR1', latitude: '', longitude: '-97.5', notes: '=cmd' } },
      { row: 5, reason: 'unknown_format', message: '=x', raw: { event_id_cnty: 'MMR2', extra_col: '@y', reason: 'theirs' } },
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(csv, PAPA_CONFIG);
    expect(parsed.meta.fields).toEqual(['row', 'reason', 'message', 'event_id_cnty', 'latitude', 'longitude', 'notes', 'extra_col', 'original_reason']);
    expect(parsed.data).toEqual([
      { row: '2', reason: 'no_coordinates', message: 'No usable latitude.', event_id_cnty: 'MMR1', latitude: '', longitude: '-97.5', notes: "'=cmd", extra_col: '', original_reason: '' },
      { row: '5', reason: 'unknown_format', message: "'=x", event_id_cnty: 'MMR2', latitude: '', longitude: '', notes: '', extra_col: "'@y", original_reason: 'theirs' },
    ]);
  });

  it('writes just the header for no rows', () => {
    expect(rejectedRowsToCsv([])).toBe('\uFEFFrow,reason,message\r\n');
  });

  it('gives back the original values of a real rejected file', () => {
    const report = importCsvText(readFileSync(new URL('import/acled-bad-coordinates.csv', FIXTURES), 'utf8'), opts);
    const parsed = Papa.parse<Record<string, string>>(rejectedRowsToCsv(report.rejected), PAPA_CONFIG);
    expect(parsed.data.map((r) => [r.row, r.reason, r.event_id_cnty, r.latitude, r.longitude])).toEqual([
      ['1', 'no_coordinates', 'MMR90101', '', '97.1577'],
      ['2', 'no_coordinates', 'MMR90102', '19.5507', 'ninety-seven'],
      ['3', 'no_coordinates', 'MMR90103', '0', '0'],
      ['4', 'latitude_out_of_range', 'MMR90104', '-95.5', '200'],
      ['5', 'longitude_out_of_range', 'MMR90105', '19.6', '197.2'],
      ['6', 'no_coordinates', 'MMR90106', '19,5507', '97,1577'],
    ]);
  });
});
