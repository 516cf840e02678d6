/**
 * Every text a reader can see, copy or export of every curated incident and displacement figure
 * is public: no curation note and no reference to our own files may reach it (#12). This walks
 * each surface (the details popup as rendered, the plain citation, the CSL-JSON, the CSV and
 * GeoJSON exports, the incident list row, the chooser, the header, the snapshot texts, the
 * displacement chart and circles) and fails on the denylist below or on any curation note of
 * `geo/curated/` appearing verbatim. It also checks that the plain-words text that replaced each
 * removed note is there.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/svelte';
import IncidentPopup from '../../src/components/IncidentPopup.svelte';
import IncidentFeed from '../../src/components/IncidentFeed.svelte';
import ChooserList from '../../src/components/ChooserList.svelte';
import DisplacementChart from '../../src/components/DisplacementChart.svelte';
import type { DisplacementFigure, Incident } from '../../src/lib/domain/incident.ts';
import { CATEGORY_IDS } from '../../src/lib/domain/categories.ts';
import { LOCATION_PRECISIONS } from '../../src/lib/domain/precision.ts';
import { VERIFICATION_STATUSES } from '../../src/lib/domain/verification.ts';
import { citeIncident, incidentToCsl } from '../../src/lib/format/citation.ts';
import { describeShown } from '../../src/lib/format/shown-phrase.ts';
import { incidentsToCsv, incidentsToGeoJson } from '../../src/lib/data/import/export-incidents.ts';
import { incidentPlaceEntries } from '../../src/lib/data/place-search.ts';
import { attributionLine, describeFilters } from '../../src/lib/export/snapshot-text.ts';
import { defaultSnapshotTitle } from '../../src/lib/export/naming.ts';
import { displacementSeries, displacementToFeatureCollection } from '../../src/lib/geo/displacement.ts';
import { CURATED_INCIDENTS } from '../../geo/curated/incidents.ts';
import { DISPLACEMENT_SOURCES } from '../../geo/curated/displacement.ts';

const incidents = (JSON.parse(readFileSync('public/data/incidents.json', 'utf8')) as { incidents: Incident[] }).incidents;
const figures = (JSON.parse(readFileSync('public/data/displacement.json', 'utf8')) as { figures: DisplacementFigure[] }).figures;
const ctx = { permalink: 'https://conflict-map.example/#9/22.6/95.3&sel=E00', accessed: '2026-11-29' };

/**
 * What curation notes, the facts' shorthand and references to our own files look like. Each
 * pattern is shown below to catch a text that once leaked (#12).
 */
const DENYLIST: readonly RegExp[] = [
  /facts?[ _-]?file|incident-facts/i,
  /\bthe brief\b/i,
  /UNVERIFIED/,
  /likely\s*=/i,
  /\[title not recorded\]/i,
  /\bn\.d\./i,
  /curation|curator/i,
  /\bour (own )?(records?|facts|files?|reference files?|data|sources|notes?)\b/i,
  /\bas compiled\b/i,
  /\b(where_prec|date_prec|geo_precision|time_precision)\b|UCDP prec \d/i,
  /verified \(multiple\)|\b(UCDP|Amnesty)-cited\b|\bsource field\b/i,
  /shared\/reference|geo\/curated|PROVENANCE/i,
];

/** What a missing value looks like when printed; checked in texts for people, not in JSON (where null is a value). */
const PRINTED_MISSING = /\bundefined\b|\bnull\b|\[object Object\]|\bNaN\b/;

/** Texts that leaked before #12; the denylist must catch each, or it proves nothing. */
const PAST_LEAKS = [
  'likely = the RFA item in the brief; exact RFA text UNVERIFIED',
  'Myanmar Now, “[title not recorded]”, 2022-01-08',
  'Reuters, n.d. (secondary, via UCDP GED 448773)',
  'Coordinates as given in our facts file, which UCDP locates to within about 25 km (where_prec 2).',
  'Verified by several sources(verified (multiple))',
  'UCDP-cited; Amnesty inclusion UNVERIFIED',
  'Title cut short in our records.',
  'Myanmar Now; NRC; Amnesty International (as compiled in our facts file)',
  'UCDP date_prec 3: within a week',
];

/** Every note written for curators only, word for word. */
const CURATION_NOTES: readonly string[] = [
  ...CURATED_INCIDENTS.flatMap((c) => [c.curationNote, c.precisionOverride?.reason, ...c.sources.map((s) => s.curationNote)]),
  ...Object.values(DISPLACEMENT_SOURCES).map((s) => s.curationNote),
].filter((n): n is string => typeof n === 'string' && n.trim() !== '');

function problems(text: string, json = false): string[] {
  const found = DENYLIST.filter((re) => re.test(text)).map((re) => `matches ${re}`);
  if (!json && PRINTED_MISSING.test(text)) found.push(`prints a missing value (${PRINTED_MISSING})`);
  for (const note of CURATION_NOTES) if (text.includes(note)) found.push(`holds the curation note ${JSON.stringify(note)}`);
  return found;
}

function expectPublic(where: string, text: string, json = false): void {
  expect(problems(text, json), `${where}:\n${text}`).toEqual([]);
}

/** The rendered text of a component, with its attribute texts (aria-label, title) too. */
function renderedText(container: HTMLElement): string {
  const attrs = [...container.querySelectorAll('[aria-label], [title]')].flatMap((el) => [el.getAttribute('aria-label') ?? '', el.getAttribute('title') ?? '']);
  return [container.textContent ?? '', ...attrs].join('\n');
}

function popupText(incident: Incident): string {
  const { container } = render(IncidentPopup, { incident, permalink: () => ctx.permalink, now: () => new Date(2026, 10, 29) });
  const text = renderedText(container);
  cleanup();
  return text;
}

const byId = (id: string): Incident => {
  const found = incidents.find((i) => i.id === id);
  if (!found) throw new Error(`${id} missing`);
  return found;
};

describe('the denylist', () => {
  it.each(PAST_LEAKS)('catches a text that leaked before: %s', (text) => {
    expect(problems(text)).not.toEqual([]);
  });

  it('knows the curation notes it looks for', () => {
    expect(CURATION_NOTES.length).toBeGreaterThanOrEqual(8);
    expect(CURATION_NOTES.some((n) => n.includes('likely = the RFA item in the brief'))).toBe(true);
  });

  it('lets the plain-words replacements through', () => {
    expect(problems("The RFA report's exact wording could not be checked.")).toEqual([]);
  });
});

describe('public data files', () => {
  /** Every key and every string of a JSON value, with its path. */
  function walk(value: unknown, path: string, out: { keys: string[]; strings: [string, string][] }): void {
    if (typeof value === 'string') out.strings.push([path, value]);
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`, out));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        out.keys.push(`${path}.${k}`);
        walk(v, `${path}.${k}`, out);
      }
    }
  }

  it.each(['public/data/incidents.json', 'public/data/displacement.json'])('%s has no field named like a curation note', (file) => {
    const out = { keys: [] as string[], strings: [] as [string, string][] };
    walk(JSON.parse(readFileSync(file, 'utf8')), '', out);
    expect(out.keys.filter((k) => /curation|internal|private|reason|comment|todo/i.test(k.split('.').at(-1) ?? ''))).toEqual([]);
    for (const [path, text] of out.strings) expect(problems(text), `${file} ${path}: ${text}`).toEqual([]);
  });
});

describe('every user-visible text of every curated incident', () => {
  it.each(incidents.map((i) => [i.id, i] as const))('%s: popup, citation, CSL-JSON, list row', (_id, incident) => {
    expectPublic('popup', popupText(incident));
    expectPublic('citation', citeIncident(incident, ctx));
    expectPublic('CSL-JSON', JSON.stringify(incidentToCsl(incident, ctx)));
    const feed = render(IncidentFeed, { incidents: [incident], hoverId: null, selectedId: null, onhover: () => {}, onopen: () => {} });
    expectPublic('list row', renderedText(feed.container));
    cleanup();
  });

  it('CSV and GeoJSON exports', () => {
    // Both hold JSON (the CSV in its *_json columns), where null is a value, not a printed gap.
    expectPublic('CSV', incidentsToCsv(incidents), true);
    expectPublic('GeoJSON', JSON.stringify(incidentsToGeoJson(incidents)), true);
  });

  it('chooser list, header, search entries and snapshot texts', () => {
    const chooser = render(ChooserList, { incidents, onchoose: () => {} });
    expectPublic('chooser', renderedText(chooser.container));
    cleanup();
    expectPublic('header', describeShown(incidents, null));
    expectPublic('search entries', JSON.stringify(incidentPlaceEntries(incidents)), true);
    expectPublic('attribution', attributionLine({ publishers: incidents.flatMap((i) => i.sources.map((s) => s.publisher)), datasetAttributions: [] }));
    expectPublic(
      'filters',
      describeFilters({
        dateRange: { start: '2022-01-01', end: '2022-09-30' },
        categories: new Set(CATEGORY_IDS),
        admin1: new Set(incidents.map((i) => i.place.admin1)),
        precisions: new Set(LOCATION_PRECISIONS),
        verification: new Set(VERIFICATION_STATUSES),
        datasets: new Set(['curated']),
        townships: new Set(['MMR005010']),
      }, { curated: 'Curated incidents', MMR005010: 'Tabayin' }),
    );
    expectPublic('title', defaultSnapshotTitle({ categoryLabels: ['Air strike'], areaName: 'Myanmar', range: null, dataSpan: { start: '2022-01-07', end: '2022-09-16' } }));
  });
});

describe('every user-visible text of every displacement figure', () => {
  it('chart, its table of figures and sources, and the map circles', () => {
    const chart = render(DisplacementChart, { series: displacementSeries(figures), figures });
    const text = renderedText(chart.container);
    cleanup();
    expectPublic('chart', text);
    expect(text).not.toMatch(/\b2022-\d\d-\d\d\b/);
    expectPublic('circles', JSON.stringify(displacementToFeatureCollection(figures, () => [96, 20]).features.map((f) => f.properties)), true);
    for (const f of figures) expectPublic(f.id, JSON.stringify(f), true);
  });
});

describe('the plain words that replaced each removed note are there', () => {
  it('E14: what could not be checked about RFA, in the details, the source note and the citation', () => {
    const text = popupText(byId('E14'));
    expect(text).toContain("The RFA report's exact wording could not be checked.");
    expect(byId('E14').verification.text).toContain("The RFA report's exact wording could not be checked.");
    // Said once, not again in the RFA source's note.
    expect(text.split("exact wording could not be checked")).toHaveLength(2);
    expect(byId('E14').sources[1]?.note).toContain('attribute the figure of 4,000 people from 15 villages to this RFA report');
    expect(citeIncident(byId('E14'), ctx)).not.toContain('brief');
  });

  it('E02: whether Amnesty covers the strike could not be checked', () => {
    expect(popupText(byId('E02'))).toContain("Whether Amnesty International's report covers this strike could not be checked.");
  });

  it('E04: the facts shorthand "~01:00" reads as a time of day', () => {
    expect(popupText(byId('E04'))).toContain('17 January 2022, at about 1 a.m.');
  });

  it('E01: a source without a title is cited by publisher, date and how it was reached', () => {
    expect(citeIncident(byId('E01'), ctx)).toContain('2. Myanmar Now, 8 January 2022 (via UCDP GED 426904)');
  });

  it('E12: an untitled map is described, not given a bracketed title', () => {
    expect(popupText(byId('E12'))).toContain('UNHCR: South-East overview map, as of 25 April 2022');
  });

  it('E06: the reported coordinates are explained without codes', () => {
    expect(popupText(byId('E06'))).toContain('which UCDP locates only to within about 25 km');
  });

  it('E09 and E05: the summaries say what the reports say, not what our files say', () => {
    expect(byId('E09').summary).toContain('the monastery was bombed twice');
    expect(byId('E05').summary).toContain('the coordinates reported for the event are those of Demoso town');
  });

  it('E16: a source dated only roughly says so in words', () => {
    expect(popupText(byId('E16'))).toContain('Dated 19 or 20 September 2022; the exact day could not be checked.');
  });
});
