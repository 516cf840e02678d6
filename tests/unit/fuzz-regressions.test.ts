/**
 * Bugs the fuzz tests (issue #7) found, each pinned by the smallest input that showed it.
 * The tests are named after the bug.
 */
import { describe, expect, it } from 'vitest';
import { importGeoJsonText } from '../../src/lib/data/import/import-text.ts';

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
});
