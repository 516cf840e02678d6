/**
 * Deterministic synthetic incidents for benchmarks and load tests: realistic shapes and mixes
 * (dates Feb 2021 – Dec 2023 with day/week/month/range precision, points inside the
 * Sagaing, Kayah and Kayin bounding boxes), never real events.
 */
import { FOCUS_AREAS } from '../../src/lib/domain/areas.ts';
import { dayString, isoWeekStart, monthSpan, dayNumber } from '../../src/lib/domain/calendar.ts';
import type { CategoryId } from '../../src/lib/domain/categories.ts';
import type { DatePrecision, LocationPrecision } from '../../src/lib/domain/precision.ts';
import type { Incident, IncidentDate } from '../../src/lib/domain/incident.ts';
import type { VerificationStatus } from '../../src/lib/domain/verification.ts';

/** mulberry32: tiny, fast, and the same sequence on every machine for a seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(rand: () => number, table: readonly (readonly [T, number])[]): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [v, w] of table) {
    r -= w;
    if (r < 0) return v;
  }
  return (table[table.length - 1] as readonly [T, number])[0];
}

const CATEGORY_MIX: readonly (readonly [CategoryId, number])[] = [
  ['air_strike', 18], ['helicopter_attack', 5], ['shelling', 15], ['massacre_raid', 12],
  ['clash', 35], ['displacement', 8], ['other', 7],
];
const DATE_MIX: readonly (readonly [DatePrecision, number])[] = [['day', 70], ['week', 12], ['month', 10], ['range', 8]];
const PRECISION_MIX: readonly (readonly [LocationPrecision, number])[] = [
  ['exact', 10], ['village', 40], ['town', 15], ['township', 25], ['district', 5], ['region', 5],
];
const VERIFICATION_MIX: readonly (readonly [VerificationStatus, number])[] = [
  ['verified_multiple', 5], ['verified', 10], ['dataset_cited', 10], ['single_source', 10], ['unverified', 5], ['imported', 60],
];
const AREA_ADMIN1: Readonly<Record<(typeof FOCUS_AREAS)[number]['id'], string>> = {
  sagaing: 'Sagaing',
  kayah: 'Kayah',
  kayin: 'Kayin',
};

const FIRST_DAY = dayNumber('2021-02-01') as number;
const LAST_DAY = dayNumber('2023-12-31') as number;

function syntheticDate(rand: () => number): IncidentDate {
  const precision = weighted(rand, DATE_MIX);
  const day = FIRST_DAY + Math.floor(rand() * (LAST_DAY - FIRST_DAY + 1));
  switch (precision) {
    case 'day':
      return { precision, start: dayString(day), end: dayString(day) };
    case 'week': {
      const monday = isoWeekStart(day);
      return { precision, start: dayString(monday), end: dayString(monday + 6) };
    }
    case 'month': {
      const [first, last] = monthSpan(day);
      return { precision, start: dayString(first), end: dayString(last) };
    }
    case 'range': {
      const end = Math.min(LAST_DAY, day + 1 + Math.floor(rand() * 20));
      return { precision, start: dayString(day), end: dayString(end) };
    }
  }
}

/** `n` synthetic incidents, the same ones for the same seed. */
export function syntheticIncidents(n: number, seed = 1): Incident[] {
  const rand = prng(seed);
  const incidents: Incident[] = [];
  for (let i = 0; i < n; i++) {
    const area = FOCUS_AREAS[Math.floor(rand() * FOCUS_AREAS.length)] as (typeof FOCUS_AREAS)[number];
    const [w, s, e, north] = area.bbox;
    const category = weighted(rand, CATEGORY_MIX);
    const verification = weighted(rand, VERIFICATION_MIX);
    const dataset = verification === 'imported' ? (rand() < 0.7 ? 'import-acled' : 'import-ucdp') : 'curated';
    const village = `Village ${Math.floor(rand() * 2000)}`;
    const killed = Math.floor(rand() * 12);
    incidents.push({
      id: `S${String(i).padStart(6, '0')}`,
      category,
      title: `Synthetic ${category.replace('_', ' ')} near ${village}`,
      date: syntheticDate(rand),
      place: (() => {
        const t = Math.floor(rand() * 40);
        // One in ten synthetic places has no township code, as a place known only to a district or wider has none.
        const code = t % 10 === 9 ? {} : { townshipCode: `MMR0${String(10 + (t % 7)).padStart(2, '0')}${String(100 + t)}` };
        return { name: village, admin1: AREA_ADMIN1[area.id], township: `Township ${t}`, ...code };
      })(),
      lon: Math.round((w + rand() * (e - w)) * 1e5) / 1e5,
      lat: Math.round((s + rand() * (north - s)) * 1e5) / 1e5,
      precision: weighted(rand, PRECISION_MIX),
      weapons: [],
      killed: killed ? [{ low: killed, high: killed, qualifier: 'exact', text: String(killed), source: 'synthetic' }] : [],
      displaced: [],
      summary: 'Synthetic record for benchmarks; not a real event.',
      sources: [{ publisher: 'Synthetic', title: 'Generated', date: null, url: null, secondary: false }],
      verification: { status: verification, text: 'synthetic' },
      dataset,
    });
  }
  return incidents;
}
