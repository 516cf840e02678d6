import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { DisplacementFigure, Incident } from '../../src/lib/domain/incident.ts';
import { isAreaPrecision } from '../../src/lib/domain/precision.ts';
import type { TownshipIndex } from '../../src/lib/geo/township-index.ts';
import type { LocalPlacesFile } from '../../src/lib/data/local-places.ts';
import { validateDisplacement, validateIncidents, type Admin1Boundaries } from '../../geo/lib/validate-incidents.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (rel: string): string => readFileSync(path.join(ROOT, rel), 'utf8');

const incidentsFile = JSON.parse(read('public/data/incidents.json')) as { version: string; incidents: Incident[] };
const displacementFile = JSON.parse(read('public/data/displacement.json')) as { version: string; figures: DisplacementFigure[] };
const incidents = incidentsFile.incidents;
const figures = displacementFile.figures;
const boundaries = JSON.parse(read('geo/data/myanmar-admin1-full.geojson')) as Admin1Boundaries;
const factsIds = Papa.parse<{ id: string }>(read('geo/sources/incident-facts.csv'), { header: true, skipEmptyLines: true }).data.map((r) => r.id);
const townships = (JSON.parse(read('public/data/townships.json')) as TownshipIndex).townships;
const villages = (JSON.parse(read('public/data/places-local.json')) as LocalPlacesFile).villages;
const byId = (id: string): Incident => {
  const found = incidents.find((i) => i.id === id);
  if (!found) throw new Error(`${id} missing`);
  return found;
};

/** The "## Curated incidents" section of geo/PROVENANCE.md, up to the next level-2 heading. */
function curatedProvenanceSection(): string {
  const text = read('geo/PROVENANCE.md');
  const start = text.indexOf('\n## Curated incidents');
  if (start < 0) return '';
  const next = text.indexOf('\n## ', start + 1);
  return text.slice(start, next < 0 ? undefined : next);
}

describe('curated dataset', () => {
  it('validates against the unsimplified boundaries with zero errors', () => {
    expect(validateIncidents(incidents, boundaries).errors).toEqual([]);
    expect(validateDisplacement(figures, boundaries).errors).toEqual([]);
  });

  it('has every facts row, or PROVENANCE.md says why it was left out', () => {
    expect(factsIds).toHaveLength(24);
    const shipped = new Set([...incidents.map((i) => i.id), ...figures.map((f) => f.factsId)]);
    const section = curatedProvenanceSection();
    for (const id of factsIds) {
      if (shipped.has(id)) continue;
      const line = section.split('\n').find((l) => new RegExp(`\\b${id}\\b`).test(l));
      expect(line, `${id} is neither shipped nor explained in PROVENANCE.md`).toMatch(new RegExp(`\\b${id}\\b.*\\w{3,}.*\\w{3,}`));
    }
  });

  it('marks every incident as curated and keeps ids unique', () => {
    expect(new Set(incidents.map((i) => i.id)).size).toBe(incidents.length);
    expect(new Set(figures.map((f) => f.id)).size).toBe(figures.length);
    for (const i of incidents) expect(i.dataset).toBe('curated');
  });

  it('never names a village as the place of a district, region or country record', () => {
    for (const i of incidents.filter((x) => isAreaPrecision(x.precision))) {
      expect(i.place.name, i.id).not.toMatch(/\bvillage\b/i);
    }
  });

  it('draws township-precision records as their MIMU township, marked at its label point, and keeps the source coordinates', () => {
    const ids: string[] = [];
    for (const i of incidents.filter((x) => x.precision === 'township')) {
      ids.push(i.id);
      const t = townships.find((x) => x.pcode === i.place.townshipCode);
      expect(t, i.id).toBeDefined();
      expect(i.place.areaCode, i.id).toBe(i.place.townshipCode);
      expect([i.lon, i.lat], i.id).toEqual(t?.label);
      if (i.sourceCoordinates) expect(i.sourceCoordinates.note.length, i.id).toBeGreaterThan(20);
    }
    expect(ids).toEqual(['E02', 'E03', 'E04', 'E05', 'E06', 'E07', 'E09', 'E10', 'E12']);
    expect(byId('E12').sourceCoordinates).toMatchObject({ lon: 98.06613, lat: 15.95986 });
  });

  it('codes every record that names a township with its MIMU township, or its district when known only to the district', () => {
    for (const i of incidents.filter((x) => x.place.township !== undefined && x.precision !== 'district')) {
      expect(i.place.townshipCode, i.id).toMatch(/^MMR\d{6}$/);
      if (i.precision === 'township') expect(i.place.areaCode, i.id).toBe(i.place.townshipCode);
      else expect(i.place.areaCode, i.id).toBeUndefined();
    }
    expect(byId('E08').place).toMatchObject({ areaCode: 'MMR003D004' });
    expect(byId('E08').place.townshipCode).toBeUndefined();
  });

  it('places E15 at Kaing Kan of Tabayin from the MIMU village points, and says so', () => {
    const e15 = byId('E15');
    const kaingKan = villages.filter((v) => v[0] === 'Kaing Kan' && v[3] === 'MMR005010');
    expect(kaingKan).toHaveLength(1);
    expect(e15.precision).toBe('village');
    expect([e15.lon, e15.lat]).toEqual([kaingKan[0]?.[4], kaingKan[0]?.[5]]);
    expect(e15.place.locationSource).toBe('MIMU village points');
    // The sources' own point (UCDP's for the township as a whole) stays beside it.
    expect(e15.sourceCoordinates).toMatchObject({ lon: 95.23368, lat: 22.62879 });
    for (const i of incidents.filter((x) => x.id !== 'E15')) expect(i.place.locationSource, i.id).toBeUndefined();
  });

  it('keeps both weapon claims for E04, each with its own source', () => {
    const w = byId('E04').weapons;
    expect(w).toHaveLength(2);
    expect(new Set(w.map((c) => c.source)).size).toBe(2);
    expect(w.map((c) => c.text).join(' ')).toMatch(/helicopter/);
    expect(w.map((c) => c.text).join(' ')).toMatch(/jet/);
  });

  it('records at least three displaced figures for E14, from distinct sources', () => {
    const d = byId('E14').displaced;
    expect(d.length).toBeGreaterThanOrEqual(3);
    expect(new Set(d.map((f) => f.source)).size).toBe(d.length);
    expect(d.find((f) => f.source === 'Myanmar Now')).toMatchObject({ low: null, qualifier: 'unspecified', text: 'thousands' });
    expect(d.find((f) => f.source === 'The Irrawaddy')).toMatchObject({ low: 10_000, qualifier: 'more_than' });
    expect(d.find((f) => f.source.startsWith('Radio Free Asia'))).toMatchObject({ low: 4000, high: 4000 });
  });

  it('keeps UCDP and RFA death counts for E14 apart', () => {
    const k = byId('E14').killed;
    expect(k.find((f) => f.source.startsWith('UCDP'))?.low).toBe(2);
    expect(k.find((f) => f.source.startsWith('Radio Free Asia'))?.low).toBe(1);
  });

  it('labels E08 as shelling at district precision', () => {
    expect(byId('E08').category).toBe('shelling');
    expect(byId('E08').precision).toBe('district');
  });

  it('draws E07 (Yinmarbin = MIMU Yinmabin) as that township, not at Sagaing\'s label point', () => {
    const e07 = byId('E07');
    const yinmabin = townships.find((t) => t.name_en === 'Yinmabin');
    expect(e07.precision).toBe('township');
    expect(e07.place).toMatchObject({ admin1: 'Sagaing', township: 'Yinmarbin', townshipCode: 'MMR005016', areaCode: 'MMR005016' });
    expect(yinmabin?.pcode).toBe('MMR005016');
    expect([e07.lon, e07.lat]).toEqual(yinmabin?.label);
    expect(e07.sourceCoordinates).toBeNull();
  });

  it('classes the Let Yet Kone school attack (E16) as a helicopter attack', () => {
    expect(byId('E16').category).toBe('helicopter_attack');
  });

  it('gives every displacement figure a number and a source', () => {
    for (const f of figures) {
      expect(f.figure.low, f.id).not.toBeNull();
      expect(f.source.publisher.length, f.id).toBeGreaterThan(0);
    }
  });

  it('splits Shan into South and North on the one Natural Earth unit', () => {
    const shan = figures.filter((f) => f.area === 'MM-17');
    expect(shan.map((f) => [f.areaName, f.figure.low])).toEqual([
      ['Shan (South)', 48_700],
      ['Shan (North)', 7_100],
    ]);
  });

  it('keeps national totals and since-coup figures as separate records', () => {
    const d06 = figures.filter((f) => f.factsId === 'D06');
    expect(d06.map((f) => [f.measure, f.figure.low]).sort()).toEqual([
      ['since_coup', 897_000],
      ['total', 1_244_000],
    ]);
  });
});
