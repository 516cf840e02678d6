import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import type { Incident, SourceRef } from '../../src/lib/domain/incident.ts';
import {
  citeIncident,
  citeSource,
  cslIncidentDate,
  incidentToCsl,
  placePhrase,
  precisionPhrase,
} from '../../src/lib/format/citation.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const curated = (JSON.parse(readFileSync(path.join(ROOT, 'public/data/incidents.json'), 'utf8')) as { incidents: Incident[] }).incidents;
const byId = (id: string): Incident => {
  const found = curated.find((i) => i.id === id);
  if (!found) throw new Error(`${id} missing`);
  return found;
};
const ctx = { permalink: 'https://conflict-map.example/#10/22.677/95.401&sel=E16', accessed: '2026-11-29' };

const heNar: Incident = {
  ...byId('E16'),
  id: 'acled:MMR1',
  title: 'Air/drone strike in He Nar',
  place: { name: 'He Nar', admin1: 'Sagaing', township: 'Tabayin' },
  precision: 'named_place',
  sources: [{ publisher: 'ACLED', title: 'acled.csv, event MMR1', kind: 'dataset', date: null, url: null, secondary: false }],
  dataset: 'acled',
};

describe('placePhrase', () => {
  it.each([
    [{ name: 'Let Yet Kone village', admin1: 'Sagaing', township: 'Tabayin' }, 'Let Yet Kone village, Tabayin Township, Sagaing'],
    // UCDP's "Wetlet township" used to read "Wetlet township, Wetlet township" (#12).
    [{ name: 'Wetlet township', admin1: 'Sagaing', township: 'Wetlet' }, 'Wetlet township, Sagaing'],
    [{ name: 'near Shwe Naing Bin, Hpapun Township', admin1: 'Kayin', township: 'Hpapun' }, 'near Shwe Naing Bin, Hpapun Township, Kayin'],
    [{ name: 'Sagaing Region', admin1: 'Sagaing' }, 'Sagaing Region'],
    [{ name: 'Hpa-An', admin1: 'Kayin', township: 'Hpa' }, 'Hpa-An, Kayin'],
  ])('%j → %s', (place, expected) => {
    expect(placePhrase(place)).toBe(expected);
  });
});

describe('precisionPhrase', () => {
  it('names a named place and who locates it (#12: He Nar is a village, not a town)', () => {
    expect(precisionPhrase(heNar)).toBe('He Nar — a named town or village, as ACLED locates it');
  });

  it('says the level for other precisions', () => {
    expect(precisionPhrase(byId('E16'))).toBe('location known to village level');
  });
});

describe('citeSource', () => {
  const src = (s: Partial<SourceRef>): SourceRef => ({ publisher: 'Myanmar Now', title: null, date: null, url: null, secondary: false, ...s });

  it('gives publisher, title, date in words and link', () => {
    expect(citeSource(src({ title: 'A headline', date: '2022-01-08', url: 'https://example.org/a' }))).toBe('Myanmar Now, “A headline”, 8 January 2022, https://example.org/a');
  });

  it('leaves out what a source lacks, never printing a placeholder', () => {
    expect(citeSource(src({ date: '2022-01-08', secondary: true, via: 'UCDP GED 426904' }))).toBe('Myanmar Now, 8 January 2022 (via UCDP GED 426904)');
    expect(citeSource(src({}))).toBe('Myanmar Now');
  });

  it('describes an untitled map without quoting the description as a title', () => {
    expect(citeSource(src({ publisher: 'UNHCR', description: 'South-East overview map, as of 25 April 2022' }))).toBe('UNHCR, South-East overview map, as of 25 April 2022');
  });

  it('drops a link that is not http(s)', () => {
    expect(citeSource(src({ url: 'javascript:alert(1)' }))).toBe('Myanmar Now');
  });
});

describe('citeIncident', () => {
  it('cites Let Yet Kone (E16): what, where and when at their precision, each source, then the permalink and access day', () => {
    expect(citeIncident(byId('E16'), ctx)).toBe(
      [
        'Helicopter attack on the monastery school at Let Yet Kone. Let Yet Kone village, Tabayin Township, Sagaing (location known to village level), 16 September 2022.',
        'Sources:',
        '1. Wikipedia, “Let Yet Kone massacre”, https://en.wikipedia.org/wiki/Let_Yet_Kone_massacre',
        '2. Myanmar Witness, https://www.myanmarwitness.org/conflict-timeline/tabayin-school-attack',
        '3. Radio Free Asia, https://ndburma.org/blog/blog-multi-author/page/79 (via mirror on ndburma.org)',
        '4. Myanmar Now, 19 September 2022 (via UCDP GED 448773)',
        '5. Reuters (via UCDP GED 448773)',
        'Conflict Map, https://conflict-map.example/#10/22.677/95.401&sel=E16, accessed 29 November 2026.',
      ].join('\n'),
    );
  });

  it('says a single source in the singular', () => {
    expect(citeIncident(byId('E07'), ctx).split('\n')[1]).toMatch(/^Source: Mizzima, “Thapyay Aye Village/);
  });

  it('states a week or month date at its precision', () => {
    const week = { ...byId('E16'), date: { precision: 'week', start: '2022-07-11', end: '2022-07-17' } } as const;
    expect(citeIncident(week, ctx)).toContain('(location known to village level), week of 11 July 2022.');
  });

  it('is a pure function of the incident, the permalink and the day', () => {
    expect(citeIncident(byId('E04'), ctx)).toBe(citeIncident(byId('E04'), ctx));
    expect(citeIncident(byId('E04'), { ...ctx, accessed: '2027-01-02' })).toContain('accessed 2 January 2027.');
  });
});

describe('CSL-JSON', () => {
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'tests/fixtures/csl/csl-data.json'), 'utf8')) as object;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

  it.each(curated.map((i) => [i.id, i] as const))('%s is valid against the official CSL-JSON schema', (_id, incident) => {
    const items = incidentToCsl(incident, ctx);
    expect(validate(items), JSON.stringify(validate.errors)).toBe(true);
    expect(items).toHaveLength(incident.sources.length + 1);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  });

  it('is valid for an imported named-place record too', () => {
    expect(validate(incidentToCsl(heNar, ctx)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('fails the schema check for an item it would reject (the check is real)', () => {
    expect(validate([{ id: 'x', type: 'newspaper-article' }])).toBe(false);
    expect(validate([{ id: 'x', type: 'dataset', issued: '2022' }])).toBe(false);
  });

  it('makes the Conflict Map record a dataset entry with the permalink, access day, event date and place', () => {
    const [record] = incidentToCsl(byId('E16'), ctx);
    expect(record).toMatchObject({
      id: 'conflict-map-E16',
      type: 'dataset',
      title: 'Helicopter attack on the monastery school at Let Yet Kone',
      publisher: 'Conflict Map',
      genre: 'Helicopter attack',
      number: 'E16',
      URL: ctx.permalink,
      accessed: { 'date-parts': [[2026, 11, 29]] },
      'event-date': { 'date-parts': [[2022, 9, 16]] },
      'event-place': 'Let Yet Kone village, Tabayin Township, Sagaing',
    });
  });

  it('files each source by its kind, with the publisher where that kind keeps it', () => {
    const items = incidentToCsl(byId('E16'), ctx).slice(1);
    expect(items.map((i) => i.type)).toEqual(['entry-encyclopedia', 'webpage', 'article-newspaper', 'article-newspaper', 'article-newspaper']);
    expect(items[0]).toMatchObject({ title: 'Let Yet Kone massacre', 'container-title': 'Wikipedia', URL: 'https://en.wikipedia.org/wiki/Let_Yet_Kone_massacre' });
    expect(items[3]).toMatchObject({ 'container-title': 'Myanmar Now', issued: { 'date-parts': [[2022, 9, 19]] }, note: 'Reached via UCDP GED 448773.' });
    expect(items[3]).not.toHaveProperty('title');
    const amnesty = incidentToCsl(byId('E08'), ctx)[1];
    expect(amnesty).toMatchObject({ type: 'report', publisher: 'Amnesty International' });
    const map = incidentToCsl(byId('E12'), ctx)[2];
    expect(map).toMatchObject({ type: 'map', publisher: 'UNHCR', genre: 'South-East overview map, as of 25 April 2022' });
    expect(map).not.toHaveProperty('title');
  });

  it('gives event dates at their precision: a day, a month, or a span', () => {
    expect(cslIncidentDate({ precision: 'month', start: '2022-07-01', end: '2022-07-31' })).toEqual({ 'date-parts': [[2022, 7]] });
    expect(cslIncidentDate({ precision: 'week', start: '2022-07-11', end: '2022-07-17' })).toEqual({ 'date-parts': [[2022, 7, 11], [2022, 7, 17]] });
    expect(cslIncidentDate({ precision: 'day', start: '2022-07-14', end: '2022-07-14' })).toEqual({ 'date-parts': [[2022, 7, 14]] });
  });

  it('leaves out a permalink that is not http(s)', () => {
    expect(incidentToCsl(byId('E16'), { ...ctx, permalink: 'javascript:alert(1)' })[0]).not.toHaveProperty('URL');
  });
});
