import { describe, expect, it } from 'vitest';
import { REQUIRED_COLUMNS, detectCsvFormat, detectJsonFormat } from '../../src/lib/data/import/detect-format.ts';
import { CONFLICT_MAP_COLUMNS } from '../../src/lib/data/import/conflict-map-format.ts';

const ACLED_CURRENT =
  'event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp'.split(',');
const ACLED_OLD =
  'data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,timestamp,iso3'.split(',');
const UCDP =
  'id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,conflict_name,dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,side_b_new_id,side_b,number_of_sources,source_article,source_office,source_date,source_headline,source_original,where_prec,where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low,gwnoa,gwnob'.split(',');

describe('detectCsvFormat', () => {
  it('recognises the current 31-column ACLED export', () => {
    expect(ACLED_CURRENT).toHaveLength(31);
    expect(detectCsvFormat(ACLED_CURRENT)).toEqual({ format: 'acled', message: null });
  });

  it('recognises the older ACLED export with data_id and iso3', () => {
    expect(detectCsvFormat(ACLED_OLD).format).toBe('acled');
  });

  it('recognises UCDP GED', () => {
    expect(detectCsvFormat(UCDP).format).toBe('ucdp-ged');
  });

  it('recognises our own export', () => {
    expect(detectCsvFormat([...CONFLICT_MAP_COLUMNS]).format).toBe('conflict-map');
  });

  it('ignores case, spaces and a byte-order mark in header cells', () => {
    expect(detectCsvFormat(['\uFEFFEvent_ID_Cnty', ...ACLED_CURRENT.slice(1).map((c) => ` ${c.toUpperCase()} `)]).format).toBe('acled');
  });

  it('names the missing columns of the closest format', () => {
    const d = detectCsvFormat(ACLED_CURRENT.filter((c) => c !== 'latitude' && c !== 'longitude'));
    expect(d).toEqual({
      format: 'unknown',
      missing: ['latitude', 'longitude'],
      message: 'This looks like an ACLED export but lacks the columns latitude, longitude.',
    });
  });

  it('uses the singular for one missing column', () => {
    const d = detectCsvFormat(UCDP.filter((c) => c !== 'where_prec'));
    expect(d.message).toBe('This looks like a UCDP GED file but lacks the column where_prec.');
  });

  it('explains a semicolon-separated header', () => {
    const d = detectCsvFormat([ACLED_CURRENT.join(';')]);
    expect(d.format).toBe('unknown');
    expect(d.message).toContain('semicolons');
  });

  it('explains a tab-separated header', () => {
    expect(detectCsvFormat([ACLED_CURRENT.join('\t')]).message).toContain('tabs');
  });

  it('says plainly when nothing matches', () => {
    const d = detectCsvFormat(['name', 'value']);
    expect(d.format).toBe('unknown');
    expect(d.message).toContain('not an ACLED export, a UCDP GED file or a Conflict Map export');
  });

  it('requires each format\u2019s columns and nothing else', () => {
    for (const [format, columns] of Object.entries(REQUIRED_COLUMNS)) {
      expect(detectCsvFormat([...columns]).format).toBe(format);
    }
  });
});

describe('detectJsonFormat', () => {
  it('lists a FeatureCollection\u2019s features', () => {
    const d = detectJsonFormat({ type: 'FeatureCollection', features: [1, 2] });
    expect(d).toEqual({ format: 'geojson', features: [1, 2], message: null });
  });

  it('wraps a single Feature', () => {
    const f = { type: 'Feature', geometry: null, properties: {} };
    expect(detectJsonFormat(f)).toEqual({ format: 'geojson', features: [f], message: null });
  });

  it.each([
    [[], 'must hold one object'],
    [null, 'must hold one object'],
    [{ type: 'FeatureCollection' }, 'no "features" list'],
    [{ type: 'Point', coordinates: [1, 2] }, 'its "type" is "Point"'],
    [{ foo: 1 }, 'its "type" is missing'],
  ])('refuses %j', (value, message) => {
    const d = detectJsonFormat(value);
    expect(d.format).toBe('unknown');
    expect(d.message).toContain(message);
  });
});
