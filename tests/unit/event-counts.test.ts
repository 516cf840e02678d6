/**
 * Counting events, not records (src/lib/query/event-counts.ts, issue #13), fixture-driven:
 * every `tests/fixtures/event-counts/in/<case>.json` (records, decisions, a filter) is linked
 * and counted, and the visible records and events, the phrase, the facet counts by records and
 * by events, each event's category, place and date records, and the weekly timeline by events
 * are compared with `out/<case>.json`. `REGEN=1` rewrites the goldens; review the git diff.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeDatasetCore, incidentFrom, verifyDataset } from '../../src/lib/data/dataset-file.ts';
import { CATEGORY_IDS, type CategoryId } from '../../src/lib/domain/categories.ts';
import type { ExternalDatasetId, LinkDecision } from '../../src/lib/domain/event-link.ts';
import { EMPTY_FILTER, type IncidentFilter } from '../../src/lib/domain/filter.ts';
import type { Incident } from '../../src/lib/domain/incident.ts';
import type { DatePrecision, LocationPrecision } from '../../src/lib/domain/precision.ts';
import type { VerificationStatus } from '../../src/lib/domain/verification.ts';
import { recordsAndEvents } from '../../src/lib/format/counts.ts';
import {
  countEvents,
  countGroupsByCode,
  eventCountsByFacet,
  groupsAmongShown,
  singletonGroups,
  summarizeGroups,
  weeklyEventHistogram,
  withGroupCategories,
} from '../../src/lib/query/event-counts.ts';
import { groupMembers, linkEvents, linkRecordsFromIncidents } from '../../src/lib/query/event-links.ts';
import { buildIncidentIndex, visibleIndices, type FacetCounts } from '../../src/lib/query/visible-incidents.ts';
import { categoryIsFallback } from '../../src/lib/domain/category-compatibility.ts';

const DIR = join(import.meta.dirname, '../fixtures/event-counts');

interface RecordJson {
  dataset: string;
  id: string;
  date: string;
  datePrecision?: DatePrecision;
  category: CategoryId;
  fallback?: boolean;
  precision: LocationPrecision;
  admin1: string;
  township?: string;
  verification?: VerificationStatus;
  own?: string;
  refs?: string[];
  lonLat: [number, number];
}

interface InFile {
  description: string;
  records?: RecordJson[];
  ucdp2022?: { builtInRows: number; importedCopies: number };
  decisions?: LinkDecision[];
  filter: { dateRange?: { start: string; end: string }; categories?: CategoryId[]; admin1?: string[]; precisions?: LocationPrecision[]; verification?: VerificationStatus[]; datasets?: string[] };
}

const PUBLISHER: Record<ExternalDatasetId, string> = { 'ucdp-ged': 'UCDP GED', acled: 'ACLED' };

function incidentOf(r: RecordJson): Incident {
  const [start, end] = r.date.includes('/') ? (r.date.split('/') as [string, string]) : [r.date, r.date];
  const [ownDataset, ownId] = (r.own ?? '').split(' ') as [ExternalDatasetId | '', string | undefined];
  return {
    id: r.id,
    category: r.category,
    title: r.id,
    date: { precision: r.datePrecision ?? (start === end ? 'day' : 'range'), start, end },
    place: { name: r.id, admin1: r.admin1, ...(r.township === undefined ? {} : { township: r.township }) },
    lon: r.lonLat[0],
    lat: r.lonLat[1],
    precision: r.precision,
    weapons: [],
    killed: [],
    displaced: [],
    summary: '',
    sources: [{ publisher: ownDataset === '' ? r.dataset : PUBLISHER[ownDataset], title: r.id, date: null, url: null, secondary: false }],
    verification: { status: r.verification ?? 'imported', text: '' },
    dataset: r.dataset,
    ...(ownId === undefined && r.fallback !== true ? {} : { extra: { ...(ownId === undefined ? {} : { event_id: ownId }), ...(r.fallback ? { category_basis: 'type_of_violence 1 (State-based violence)' } : {}) } }),
    ...(r.refs === undefined ? {} : { refs: r.refs.map((t) => ({ dataset: t.split(' ')[0] as ExternalDatasetId, id: t.split(' ')[1] as string })) }),
  };
}

/** The example: built-in UCDP rows of 2022 and an imported copy of some of them. */
async function ucdp2022(builtInRows: number, importedCopies: number): Promise<Incident[]> {
  const b = readFileSync(new URL('../../public/data/ucdp-ged.core.cmds', import.meta.url));
  const columns = decodeDatasetCore(await verifyDataset(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)));
  const rows: Incident[] = [];
  for (let row = 0; row < columns.rows && rows.length < builtInRows; row++) {
    const core = incidentFrom(columns, row);
    if (!core.date.start.startsWith('2022')) continue;
    const eventId = columns.eventId.get(row) as string;
    // The core alone, with the two details linking reads: the event id and the dataset's name as publisher.
    rows.push({
      ...core,
      verification: { status: core.verification.status, text: '' },
      weapons: [],
      killed: [],
      displaced: [],
      summary: '',
      sources: [{ publisher: 'UCDP GED', title: eventId, date: null, url: null, secondary: false }],
      extra: { event_id: eventId, ...(columns.categoryFallback[row] === 1 ? { category_basis: 'type_of_violence' } : {}) },
    });
  }
  const copies = rows.slice(0, importedCopies).map((inc) => ({ ...inc, id: `my-ucdp-file:${String(inc.extra?.['event_id'])}`, dataset: 'my-ucdp-file' }));
  return [...rows, ...copies];
}

function filterOf(j: InFile['filter']): IncidentFilter {
  const set = <T,>(v: T[] | undefined) => (v ? new Set(v) : null);
  return { ...EMPTY_FILTER, dateRange: j.dateRange ?? null, categories: set(j.categories), admin1: set(j.admin1), precisions: set(j.precisions), verification: set(j.verification), datasets: set(j.datasets) };
}

/** Facet counts as JSON, zeros left out so the goldens stay short. */
function countsJson(c: FacetCounts) {
  const nonZero = (o: Record<string, number> | ReadonlyMap<string, number>) => Object.fromEntries([...(o instanceof Map ? o : Object.entries(o))].filter(([, n]) => n > 0));
  return {
    total: c.total,
    categories: nonZero(c.categories),
    precisions: nonZero(c.precisions),
    verification: nonZero(c.verification),
    admin1: nonZero(c.admin1),
    datasets: nonZero(c.datasets),
  };
}

async function run(input: InFile) {
  const incidents = input.ucdp2022 ? await ucdp2022(input.ucdp2022.builtInRows, input.ucdp2022.importedCopies) : (input.records ?? []).map(incidentOf);
  const base = buildIncidentIndex(incidents);
  const filter = filterOf(input.filter);
  // As the app does: the records of hidden datasets leave their events before anything is summarised.
  const links = groupsAmongShown(linkEvents(linkRecordsFromIncidents(base.incidents), input.decisions ?? []), base, filter.datasets);
  const fallback = Uint8Array.from(base.incidents, (inc) => (categoryIsFallback(inc) ? 1 : 0));
  const summaries = summarizeGroups(base, links, fallback);
  const index = withGroupCategories(base, links, summaries);
  const visible = countEvents(visibleIndices(index, filter), links);
  const facets = eventCountsByFacet(index, links, filter);
  const timeline = weeklyEventHistogram(index, links, summaries, filter);
  const id = (i: number) => (index.incidents[i] as Incident).id;
  const groups = [];
  for (let g = 0; g < links.groupCount; g++) {
    const members = groupMembers(links, g);
    if (members.length < 2) continue;
    groups.push({
      records: Array.from(members, id),
      category: CATEGORY_IDS[summaries.category[g] as number],
      categoryFrom: id(summaries.categoryRecord[g] as number),
      placeFrom: id(summaries.placeRecord[g] as number),
      dateFrom: id(summaries.dateRecord[g] as number),
    });
  }
  return {
    description: input.description,
    phrase: recordsAndEvents(visible),
    visible,
    facets: { records: countsJson(facets.records), events: countsJson(facets.events) },
    groups,
    timeline: { max: timeline.max, weeks: timeline.weeks.filter((w) => w.exact + w.spread > 0).map((w) => ({ ...w, spread: Math.round(w.spread * 1e6) / 1e6 })) },
  };
}

const cases = readdirSync(join(DIR, 'in')).filter((f) => f.endsWith('.json')).sort();

describe('event counts on fixtures', () => {
  it.each(cases)('%s', async (file) => {
    const out = await run(JSON.parse(readFileSync(join(DIR, 'in', file), 'utf8')) as InFile);
    const outPath = join(DIR, 'out', file);
    if (process.env['REGEN']) writeFileSync(outPath, `${JSON.stringify(out, null, 2)}\n`);
    expect(out).toEqual(JSON.parse(readFileSync(outPath, 'utf8')));
  });
});

describe('event counts', () => {
  const golden = (name: string) => JSON.parse(readFileSync(join(DIR, 'out', `${name}.json`), 'utf8')) as Awaited<ReturnType<typeof run>>;

  it('says "1,548 records, 1,530 events" for the issue\u2019s example', () => {
    expect(golden('issue-example').phrase).toBe('1,548 records, 1,530 events');
    expect(golden('issue-example').facets.events.datasets).toEqual({ 'ucdp-ged': 1530, 'my-ucdp-file': 18 });
  });

  it('gives an event its curated record\u2019s category, and its most precise record\u2019s place and date', () => {
    expect(golden('curated-names-ucdp').groups).toEqual([{ records: ['E1', 'ucdp-ged:1'], category: 'air_strike', categoryFrom: 'E1', placeFrom: 'E1', dateFrom: 'E1' }]);
    expect(golden('most-precise-record').groups).toEqual([
      { records: ['ucdp-ged:10', 'acled:MMR10'], category: 'clash', categoryFrom: 'ucdp-ged:10', placeFrom: 'ucdp-ged:10', dateFrom: 'acled:MMR10' },
      { records: ['ucdp-ged:20', 'acled:MMR20'], category: 'air_strike', categoryFrom: 'acled:MMR20', placeFrom: 'acled:MMR20', dateFrom: 'acled:MMR20' },
    ]);
  });

  it('lets a record of a hidden dataset leave its event: UCDP alone keeps its own category', () => {
    const alone = golden('hidden-dataset-leaves-event');
    expect(alone.visible).toEqual({ records: 0, events: 0 });
    expect(alone.facets.events.categories).toEqual({ clash: 1 });
    expect(golden('facets-filtered-to-curated').groups).toEqual([]);
  });

  it('counts an event once per facet value, under each dataset it has a record in', () => {
    const { facets } = golden('facets-count-events');
    expect(facets.events.total).toBe(2);
    expect(facets.events.datasets).toEqual({ curated: 1, 'ucdp-ged': 1, acled: 1 });
    expect(facets.events.categories).toEqual({ air_strike: 1, shelling: 1 });
    expect(facets.records.categories).toEqual({ air_strike: 2, shelling: 1 });
    expect(golden('facets-filtered-to-township').visible).toEqual({ records: 1, events: 1 });
    expect(golden('facets-filtered-to-township').facets.events.categories).toEqual({ air_strike: 1 });
  });

  it('bins an event once on the timeline, by its most precise date', () => {
    const weeks = golden('timeline-once').timeline.weeks;
    // The goldens round spreads to 6 decimals.
    expect(weeks.reduce((s, w) => s + w.exact + w.spread, 0)).toBeCloseTo(2, 5);
    expect(weeks.find((w) => w.start === '2022-07-11')?.exact).toBe(1);
  });

  it('counts records and events alike when nothing is linked', () => {
    const incidents = (JSON.parse(readFileSync(join(DIR, 'in', 'facets-count-events.json'), 'utf8')) as InFile).records?.map(incidentOf) ?? [];
    const index = buildIncidentIndex(incidents);
    const visible = visibleIndices(index, EMPTY_FILTER);
    expect(countEvents(visible, singletonGroups(index.incidents.length))).toEqual({ records: 3, events: 3 });
    expect(recordsAndEvents({ records: 3, events: 3 })).toBe('3 records');
    expect(recordsAndEvents({ records: 1, events: 1 })).toBe('1 record');
    expect(recordsAndEvents({ records: 2, events: 1 })).toBe('2 records, 1 event');
  });

  it('counts events by any coded column (the "By township" table)', () => {
    const incidents = (JSON.parse(readFileSync(join(DIR, 'in', 'facets-count-events.json'), 'utf8')) as InFile).records?.map(incidentOf) ?? [];
    const index = buildIncidentIndex(incidents);
    const links = linkEvents(linkRecordsFromIncidents(index.incidents));
    const counts = countGroupsByCode(visibleIndices(index, EMPTY_FILTER), index.admin1, index.admin1Names.length, links);
    expect(Object.fromEntries(index.admin1Names.map((n, i) => [n, counts[i]]))).toEqual({ Kayah: 1, Sagaing: 1 });
  });
});

describe('groupsAmongShown', () => {
  /** Groups from a list of group numbers per record, and datasets per record. */
  const arb = fc
    .array(fc.record({ group: fc.nat(6), dataset: fc.constantFrom('curated', 'ucdp-ged', 'acled') }), { minLength: 1, maxLength: 30 })
    .chain((rows) => fc.tuple(fc.constant(rows), fc.subarray(['curated', 'ucdp-ged', 'acled'])));

  it('splits off exactly the hidden records of linked events, keeps every record once and the groups in order (property)', () => {
    fc.assert(
      fc.property(arb, ([rows, shownList]) => {
        const incidents = rows.map((r, i) => incidentOf({ dataset: r.dataset, id: `R${i}`, date: '2022-01-01', category: 'clash', precision: 'town', admin1: 'Sagaing', lonLat: [96, 20] }));
        const index = buildIncidentIndex(incidents);
        // Group by the arbitrary numbers, keyed on the index's own positions.
        const byId = new Map(rows.map((r, i) => [`R${i}`, r.group]));
        const numbers = [...new Set(index.incidents.map((inc) => byId.get(inc.id) as number))];
        const members: number[] = [];
        const memberStart = [0];
        const groupOf = new Uint32Array(index.incidents.length);
        numbers.forEach((n, g) => {
          index.incidents.forEach((inc, i) => {
            if (byId.get(inc.id) === n) {
              members.push(i);
              groupOf[i] = g;
            }
          });
          memberStart.push(members.length);
        });
        const groups = { groupOf, groupCount: numbers.length, memberStart: Uint32Array.from(memberStart), members: Uint32Array.from(members) };
        const shown = new Set(shownList);
        const out = groupsAmongShown(groups, index, shown);
        const hidden = (i: number) => !shown.has(index.incidents[i]?.dataset as string);
        // Every record once, in a group that says it holds it.
        expect([...out.members].sort((a, b) => a - b)).toEqual(index.incidents.map((_, i) => i));
        for (let g = 0; g < out.groupCount; g++) {
          const m = Array.from(out.members.subarray(out.memberStart[g], out.memberStart[g + 1]));
          expect(m.length).toBeGreaterThan(0);
          for (const i of m) expect(out.groupOf[i]).toBe(g);
          // A hidden record stands alone; shown records stay together as they were.
          if (m.some(hidden)) expect(m).toHaveLength(1);
          else expect(new Set(m.map((i) => groups.groupOf[i])).size).toBe(1);
        }
        // Shown records of one event stay one event.
        for (let a = 0; a < index.incidents.length; a++) {
          for (let b = 0; b < index.incidents.length; b++) {
            if (!hidden(a) && !hidden(b) && groups.groupOf[a] === groups.groupOf[b]) expect(out.groupOf[a]).toBe(out.groupOf[b]);
          }
        }
        if (shown.size === 3) expect(out).toBe(groups);
      }),
      { numRuns: 300 },
    );
  });
});

