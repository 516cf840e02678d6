/**
 * Fixture-driven: every `tests/fixtures/visible-incidents/in/<case>.json` filter runs over the
 * shared `incidents.json`, and the visible ids and facet counts are compared with
 * `out/<case>.json`. `REGEN=1` rewrites the goldens; review the git diff.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CategoryId } from '../../src/lib/domain/categories.ts';
import { CATEGORY_IDS } from '../../src/lib/domain/categories.ts';
import { EMPTY_FILTER, type IncidentFilter } from '../../src/lib/domain/filter.ts';
import type { Incident, IncidentRecord } from '../../src/lib/domain/incident.ts';
import { LOCATION_PRECISIONS, type DatePrecision, type LocationPrecision } from '../../src/lib/domain/precision.ts';
import { VERIFICATION_STATUSES, type VerificationStatus } from '../../src/lib/domain/verification.ts';
import { dayString } from '../../src/lib/domain/calendar.ts';
import { incidentDaySpan, rangeDaySpan } from '../../src/lib/domain/date-span.ts';
import {
  buildIncidentIndex,
  countsByFacet,
  incidentIndex,
  visibleIncidents,
  visibleIndices,
  type FacetCounts,
} from '../../src/lib/query/visible-incidents.ts';
import { syntheticIncidents } from '../bench/synthetic-incidents.ts';

const DIR = join(import.meta.dirname, '../fixtures/visible-incidents');

type CompactIncident = [string, CategoryId, DatePrecision, string, string, string, LocationPrecision, VerificationStatus, string];

function incident([id, category, datePrecision, start, end, admin1, precision, status, dataset]: CompactIncident): Incident {
  return {
    id,
    category,
    title: `Test incident ${id}`,
    date: { precision: datePrecision, start, end },
    place: { name: `Place ${id}`, admin1 },
    lon: 96,
    lat: 20,
    precision,
    weapons: [],
    killed: [],
    displaced: [],
    summary: '',
    sources: [],
    verification: { status, text: '' },
    dataset,
  };
}

function loadIncidents(): Incident[] {
  const raw = JSON.parse(readFileSync(join(DIR, 'incidents.json'), 'utf8')) as { incidents: CompactIncident[] };
  return raw.incidents.map(incident);
}

interface FilterJson {
  dateRange?: { start: string; end: string };
  categories?: CategoryId[];
  admin1?: string[];
  precisions?: LocationPrecision[];
  verification?: VerificationStatus[];
  datasets?: string[];
  townships?: string[];
}

function filterFromJson(j: FilterJson): IncidentFilter {
  const set = <T,>(v: T[] | undefined) => (v ? new Set(v) : null);
  return {
    dateRange: j.dateRange ?? null,
    categories: set(j.categories),
    admin1: set(j.admin1),
    precisions: set(j.precisions),
    verification: set(j.verification),
    datasets: set(j.datasets),
    townships: set(j.townships),
  };
}

function countsToJson(c: FacetCounts) {
  return { ...c, admin1: Object.fromEntries(c.admin1), datasets: Object.fromEntries(c.datasets), townships: Object.fromEntries(c.townships) };
}

const ids = (incidents: readonly IncidentRecord[]) => incidents.map((i) => i.id);
const only = (filter: Partial<IncidentFilter>): IncidentFilter => ({ ...EMPTY_FILTER, ...filter });

describe('visible-incidents fixtures', () => {
  const cases = readdirSync(join(DIR, 'in')).filter((f) => f.endsWith('.json')).sort();
  it.each(cases)('%s', (file) => {
    const input = JSON.parse(readFileSync(join(DIR, 'in', file), 'utf8')) as { filter: FilterJson };
    const incidents = loadIncidents();
    const filter = filterFromJson(input.filter);
    const actual = {
      ids: ids(visibleIncidents(incidents, filter)),
      counts: countsToJson(countsByFacet(incidentIndex(incidents), filter)),
    };
    const outPath = join(DIR, 'out', file);
    if (process.env.REGEN) writeFileSync(outPath, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(readFileSync(outPath, 'utf8')));
  });
});

describe('date overlap', () => {
  it('an event in the week of 11 July 2022 counts in 16–20 July', () => {
    const found = ids(visibleIncidents(loadIncidents(), only({ dateRange: { start: '2022-07-16', end: '2022-07-20' } })));
    expect(found).toContain('E01');
  });

  it('an event in the week of 11 July 2022 does not count in 18–30 June', () => {
    const found = ids(visibleIncidents(loadIncidents(), only({ dateRange: { start: '2022-06-18', end: '2022-06-30' } })));
    expect(found).not.toContain('E01');
  });

  it('a July 2022 month event counts in 31 July – 5 August', () => {
    const found = ids(visibleIncidents(loadIncidents(), only({ dateRange: { start: '2022-07-31', end: '2022-08-05' } })));
    expect(found).toContain('E02');
  });

  it('a one-day range on the last day of a range-dated event finds it', () => {
    const found = ids(visibleIncidents(loadIncidents(), only({ dateRange: { start: '2022-04-03', end: '2022-04-03' } })));
    expect(found).toEqual(['E05']);
  });
});

describe('visibleIncidents', () => {
  it('sorts by start day, then id', () => {
    const found = ids(visibleIncidents(loadIncidents(), only({ dateRange: { start: '2022-07-17', end: '2022-07-18' } })));
    expect(found).toEqual(['E02', 'E01', 'E00', 'E12']);
  });

  it('orders many incidents as a plain sort by start day, then id, would', () => {
    const incidents = syntheticIncidents(3000, 11);
    const key = (inc: Incident) => [incidentDaySpan(inc.date)?.[0] ?? Infinity, inc.id] as const;
    const expected = [...incidents]
      .sort((a, b) => key(a)[0] - key(b)[0] || (key(a)[1] < key(b)[1] ? -1 : key(a)[1] > key(b)[1] ? 1 : 0))
      .map((i) => i.id);
    expect(ids(buildIncidentIndex(incidents).incidents)).toEqual(expected);
  });

  it('orders dates centuries apart too', () => {
    const [a, b, c] = loadIncidents();
    const old = { ...(a as Incident), id: 'OLD', date: { precision: 'day' as const, start: '1700-01-01', end: '1700-01-01' } };
    expect(ids(buildIncidentIndex([b as Incident, old, c as Incident]).incidents)).toEqual(['OLD', 'E03', 'E02']);
  });

  it('reuses one index per incident array', () => {
    const incidents = loadIncidents();
    expect(incidentIndex(incidents)).toBe(incidentIndex(incidents));
  });

  it('gives the same rows as the typed-array index', () => {
    const incidents = loadIncidents();
    const index = buildIncidentIndex(incidents);
    const filter = only({ categories: new Set<CategoryId>(['air_strike']) });
    expect(ids(visibleIncidents(incidents, filter))).toEqual(Array.from(visibleIndices(index, filter), (i) => index.incidents[i]?.id));
  });

  it('reports the data span and the longest event', () => {
    const index = buildIncidentIndex(loadIncidents());
    expect({
      span: index.dataSpan?.map(dayString),
      maxSpanDays: index.maxSpanDays,
    }).toEqual({ span: ['2022-01-15', '2022-12-31'], maxSpanDays: 30 });
  });

  it('has no data span without incidents', () => {
    expect(buildIncidentIndex([]).dataSpan).toBeNull();
  });

  it('offers each state once however a dataset writes it (UCDP\u2019s "Magway ", "Magwe", "Karen")', () => {
    const rows: CompactIncident[] = [
      ['A', 'clash', 'day', '2022-01-01', '2022-01-01', 'Magway ', 'town', 'imported', 'ucdp-ged'],
      ['B', 'clash', 'day', '2022-01-02', '2022-01-02', 'Magwe', 'town', 'imported', 'ucdp-ged'],
      ['C', 'clash', 'day', '2022-01-03', '2022-01-03', 'Karen', 'town', 'imported', 'ucdp-ged'],
      ['D', 'clash', 'day', '2022-01-04', '2022-01-04', 'Kayin', 'town', 'imported', 'ucdp-ged'],
      ['E', 'clash', 'day', '2022-01-05', '2022-01-05', '', 'town', 'imported', 'ucdp-ged'],
      ['F', 'clash', 'day', '2022-01-06', '2022-01-06', 'Naypyidaw Union territory', 'town', 'imported', 'ucdp-ged'],
    ];
    const incidents = rows.map(incident);
    const index = buildIncidentIndex(incidents);
    expect(index.admin1Names).toEqual(['', 'Kayin', 'Magway', 'Nay Pyi Taw']);
    expect(ids(visibleIncidents(incidents, only({ admin1: new Set(['Kayin']) })))).toEqual(['C', 'D']);
    expect(ids(visibleIncidents(incidents, only({ admin1: new Set(['']) })))).toEqual(['E']);
  });
});

/** The obvious, slow filter that `visibleIndices` must agree with. */
function naiveVisible(incidents: readonly IncidentRecord[], filter: IncidentFilter): string[] {
  const range = filter.dateRange ? rangeDaySpan(filter.dateRange) : null;
  return incidents
    .filter((inc) => {
      if (range) {
        const span = incidentDaySpan(inc.date);
        if (!span || span[0] > range[1] || span[1] < range[0]) return false;
      }
      return (
        (filter.categories?.has(inc.category) ?? true) &&
        (filter.admin1?.has(inc.place.admin1) ?? true) &&
        (filter.precisions?.has(inc.precision) ?? true) &&
        (filter.verification?.has(inc.verification.status) ?? true) &&
        (filter.datasets?.has(inc.dataset) ?? true) &&
        (filter.townships?.has(inc.place.townshipCode ?? '') ?? true)
      );
    })
    .map((i) => i.id)
    .sort();
}

const filterArb = (() => {
  const subset = <T,>(values: readonly T[]) => fc.option(fc.subarray([...values]).map((v) => new Set(v)), { nil: null });
  const day = fc.integer({ min: 18_600, max: 19_750 });
  return fc.record({
    dateRange: fc.option(
      fc.tuple(day, fc.integer({ min: 0, max: 120 })).map(([s, len]) => ({ start: dayString(s), end: dayString(s + len) })),
      { nil: null },
    ),
    categories: subset(CATEGORY_IDS),
    admin1: subset(['Sagaing', 'Kayah', 'Kayin', 'Chin']),
    precisions: subset(LOCATION_PRECISIONS),
    verification: subset(VERIFICATION_STATUSES),
    datasets: subset(['curated', 'import-acled', 'import-ucdp']),
    townships: subset(['', 'MMR010100', 'MMR011101', 'MMR015105', 'MMR016120']),
  });
})();

describe('against a naive filter', () => {
  const incidents = syntheticIncidents(600, 7);
  const index = buildIncidentIndex(incidents);

  it('visibleIndices selects exactly what the naive filter selects', () => {
    fc.assert(
      fc.property(filterArb, (filter) => {
        const fast = Array.from(visibleIndices(index, filter), (i) => index.incidents[i]?.id as string).sort();
        expect(fast).toEqual(naiveVisible(incidents, filter));
      }),
      { numRuns: 60 },
    );
  });

  it('each facet count equals the naive count with that facet set to this one value', () => {
    fc.assert(
      fc.property(filterArb, (filter) => {
        const counts = countsByFacet(index, filter);
        const naive = (patch: Partial<IncidentFilter>) => naiveVisible(incidents, { ...filter, ...patch }).length;
        expect(counts.total).toBe(naive({}));
        for (const c of CATEGORY_IDS) expect(counts.categories[c]).toBe(naive({ categories: new Set([c]) }));
        for (const p of LOCATION_PRECISIONS) expect(counts.precisions[p]).toBe(naive({ precisions: new Set([p]) }));
        for (const v of VERIFICATION_STATUSES) expect(counts.verification[v]).toBe(naive({ verification: new Set([v]) }));
        for (const [a, n] of counts.admin1) expect(n).toBe(naive({ admin1: new Set([a]) }));
        for (const [d, n] of counts.datasets) expect(n).toBe(naive({ datasets: new Set([d]) }));
        for (const [t, n] of counts.townships) expect(n).toBe(naive({ townships: new Set([t]) }));
      }),
      { numRuns: 25 },
    );
  });
});
