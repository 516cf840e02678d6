/**
 * Bugs the fuzz tests (issue #7) found, each pinned by the smallest input that showed it.
 * The tests are named after the bug.
 */
import { describe, expect, it } from 'vitest';
import { importCsvText, importGeoJsonText } from '../../src/lib/data/import/import-text.ts';

const OPTIONS = { datasetId: 'fuzz', fileName: 'fuzz.geojson' };

describe('fuzz regressions', () => {
  it('geojson-coordinate-with-own-toString: a coordinate object whose toString is not a function is rejected, not thrown', () => {
    // String({"toString": 1}) throws "Cannot convert object to primitive value"; the importer
    // used String() to quote the coordinates in its message and in the rejects file.
    const text = '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[{"toString":1},{"valueOf":"x","toString":null}]}}]}';
    const report = importGeoJsonText(text, OPTIONS);
    expect([report.rowsRead, report.rowsShown, report.rowsRejected]).toEqual([1, 0, 1]);
    expect(report.rejected[0]?.reason).toBe('no_coordinates');
    expect(report.rejected[0]?.raw.longitude).toBe('{"toString":1}');
  });

  it('duplicate-id-clashes-with-row-suffixed-id: a renamed duplicate never takes an id another row has', () => {
    // Rows X, "X#row3", X: the second X was renamed "X#row3", the id row 2 already had, so two
    // shown incidents shared an id (the feed's keyed list and map selection rely on unique ids).
    const header = 'id,dataset,category,title,date_precision,date_start,date_end,longitude,latitude,precision,sources_json,verification_status';
    const row = (id: string): string => `${id},a,air_strike,t,day,2022-01-01,2022-01-01,96,20,exact,[],imported`;
    const csv = importCsvText([header, row('X'), row('X#row3'), row('X')].join('\n'), { datasetId: 'fuzz', fileName: 'x.csv' });
    const csvIds = csv.incidents.map((i) => i.id);
    expect(csvIds).toHaveLength(3);
    expect(new Set(csvIds).size).toBe(3);
    expect(csv.duplicates).toEqual([{ row: 3, eventId: 'X', firstRow: 1 }]);

    // The other order: the renamed duplicate comes first, the row with that id after it.
    const feature = (id: string): string => `{"type":"Feature","geometry":{"type":"Point","coordinates":[96,20]},"properties":{"id":"${id}","date":"2022-01-01"}}`;
    const geo = importGeoJsonText(`{"type":"FeatureCollection","features":[${[feature('X'), feature('X'), feature('X#row2')].join(',')}]}`, OPTIONS);
    const geoIds = geo.incidents.map((i) => i.id);
    expect(geoIds).toHaveLength(3);
    expect(new Set(geoIds).size).toBe(3);
    expect(geoIds.slice(0, 2)).toEqual(['fuzz:X', 'fuzz:X#row2']);
  });

  it('date-precision-not-fitting-its-days: a Conflict Map or GeoJSON date whose days do not fit its precision is rejected', () => {
    // An edited export said "month" from 1990-01-01 to 2024-11-30 and was shown; the popup
    // would call it "January 1990" while the time filter used 35 years.
    const header = 'id,dataset,category,title,date_precision,date_start,date_end,longitude,latitude,precision,sources_json,verification_status';
    const row = (id: string, precision: string, start: string, end: string): string => `${id},a,air_strike,t,${precision},${start},${end},96,20,exact,[],imported`;
    const csv = importCsvText(
      [
        header,
        row('A', 'month', '1990-01-01', '2024-11-30'),
        row('B', 'week', '2022-07-14', '2022-07-20'),
        row('C', 'day', '2022-07-14', '2022-07-15'),
        row('D', 'month', '2022-02-01', '2022-02-28'),
        row('E', 'week', '2022-07-11', '2022-07-17'),
        row('F', 'range', '2022-07-14', '2022-07-20'),
      ].join('\n'),
      { datasetId: 'fuzz', fileName: 'x.csv' },
    );
    expect(csv.rejected.map((r) => [r.row, r.reason])).toEqual([[1, 'unparseable_date'], [2, 'unparseable_date'], [3, 'unparseable_date']]);
    expect(csv.incidents.map((i) => i.date.precision)).toEqual(['month', 'week', 'range']);

    const geo = importGeoJsonText(
      '{"type":"Feature","geometry":{"type":"Point","coordinates":[96,20]},"properties":{"date":{"precision":"month","start":"1990-01-01","end":"2024-11-30"}}}',
      OPTIONS,
    );
    expect(geo.rejected.map((r) => r.reason)).toEqual(['unparseable_date']);
  });

  it('geojson-blank-id-in-own-dataset: a feature with a blank id is shown under a non-blank one', () => {
    // With "dataset" equal to the importing dataset's id, the id was kept as written: "".
    const feature = (id: string): string => `{"type":"Feature","id":"F7","geometry":{"type":"Point","coordinates":[96,20]},"properties":{"id":"${id}","dataset":"fuzz","date":"2022-01-01"}}`;
    const report = importGeoJsonText(`{"type":"FeatureCollection","features":[${feature('')},${feature('  ')}]}`, OPTIONS);
    expect(report.incidents.map((i) => i.id)).toEqual(['F7', 'F7#row2']);
  });

  it('week-past-year-9999: an ACLED or GeoJSON day whose week or month leaves 0000–9999 is rejected with its reason', () => {
    // ACLED "9999-12-31" at week precision became the week 9999-12-27 … "+010000-01": an
    // incident with a date no YYYY-MM-DD day names, and an unsound import report.
    const header = 'event_id_cnty,event_date,time_precision,latitude,longitude,geo_precision,country,event_type,sub_event_type,source,fatalities';
    const csv = importCsvText(
      [header, 'A,9999-12-31,2,20,96,1,Myanmar,Battles,Armed clash,x,0', 'B,9999-12-31,3,20,96,1,Myanmar,Battles,Armed clash,x,0', 'C,0000-01-01,2,20,96,1,Myanmar,Battles,Armed clash,x,0'].join('\n'),
      { datasetId: 'fuzz', fileName: 'acled.csv' },
    );
    expect(csv.rejected.map((r) => [r.row, r.reason])).toEqual([[1, 'unparseable_date'], [3, 'unparseable_date']]);
    expect(csv.rejected[0]?.message).toContain('precise to the week');
    expect(csv.incidents.map((i) => [i.date.start, i.date.end])).toEqual([['9999-12-01', '9999-12-31']]);

    const geo = importGeoJsonText('{"type":"Feature","geometry":{"type":"Point","coordinates":[96,20]},"properties":{"date":"9999-12-31","date_precision":"week"}}', OPTIONS);
    expect(geo.rejected.map((r) => r.reason)).toEqual(['unparseable_date']);
  });
});
