/**
 * File names and default titles of exported snapshots.
 *
 * Part of the export composition layer (`src/lib/export/`): pure functions, no maplibre-gl.
 */
import { CATEGORIES, type CategoryId } from '../domain/categories.ts';
import { dayNumber, dayParts, monthName, monthSpan, type IsoDay } from '../domain/calendar.ts';

/** An inclusive range of calendar days. */
export interface DayRange {
  readonly start: IsoDay;
  readonly end: IsoDay;
}

export interface SnapshotTitleInput {
  /** Labels of the categories shown, as in the category table ("Air strike"). */
  readonly categoryLabels: readonly string[];
  /** Short area name: "Sagaing", "Tabayin", "Myanmar". */
  readonly areaName: string;
  /** The date filter in effect, or null when none. */
  readonly range: DayRange | null;
  /** First and last day of the data shown, used when there is no date filter. */
  readonly dataSpan: DayRange | null;
}

const AREA_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const EN_DASH = '\u2013';
const EM_DASH = '\u2014';
/** Above this many categories a title lists none and says "Incidents". */
const MAX_TITLE_CATEGORIES = 3;

/** Category names as a title says them: plural where the thing is countable. */
const TITLE_PLURAL: Record<CategoryId, string> = {
  air_strike: 'Air strikes',
  helicopter_attack: 'Helicopter attacks',
  shelling: 'Shelling',
  massacre_raid: 'Massacres / raids',
  clash: 'Armed clashes',
  displacement: 'Displacement',
  other: 'Other violence',
};

const pluralByLabel = new Map<string, string>(CATEGORIES.map((c) => [c.label, TITLE_PLURAL[c.id]]));

/** A lowercase a–z/0–9/hyphen slug of a place name ("Kayah (Karenni) State" → "kayah-karenni-state"), or `fallback` when nothing Latin is left. */
export function areaSlug(name: string, fallback = 'map'): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || fallback;
}

/**
 * OCHA-style file name of a snapshot: `conflict-map_<area>_<YYYYMMDD>.png`, with the UTC date.
 *
 * @example
 * snapshotFileName('sagaing', new Date('2026-11-28T10:00:00Z')); // "conflict-map_sagaing_20261128.png"
 */
export function snapshotFileName(area: string, date: Date): string {
  if (!AREA_SLUG.test(area)) {
    throw new RangeError(`Area slug must be lowercase a–z, 0–9 and single hyphens: ${JSON.stringify(area)}`);
  }
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid export date');
  const ymd = date.toISOString().slice(0, 10).replaceAll('-', '');
  return `conflict-map_${area}_${ymd}.png`;
}

function dayOf(day: IsoDay): number {
  const n = dayNumber(day);
  if (n === null) throw new RangeError(`Not a calendar day: ${JSON.stringify(day)}`);
  return n;
}

function isWholeMonths(start: number, end: number): boolean {
  return monthSpan(start)[0] === start && monthSpan(end)[1] === end;
}

function formatMonthRange(start: number, end: number): string {
  const a = dayParts(start);
  const b = dayParts(end);
  if (a.month === 0 && b.month === 11) return a.year === b.year ? `${a.year}` : `${a.year}${EN_DASH}${b.year}`;
  if (a.year !== b.year) return `${monthName(a.month, true)} ${a.year}${EN_DASH}${monthName(b.month, true)} ${b.year}`;
  if (a.month === b.month) return `${monthName(a.month)} ${a.year}`;
  return `${monthName(a.month, true)}${EN_DASH}${monthName(b.month, true)} ${a.year}`;
}

function formatDayToDay(start: number, end: number): string {
  const a = dayParts(start);
  const b = dayParts(end);
  if (start === end) return `${a.day} ${monthName(a.month)} ${a.year}`;
  if (a.year !== b.year) {
    return `${a.day} ${monthName(a.month, true)} ${a.year}${EN_DASH}${b.day} ${monthName(b.month, true)} ${b.year}`;
  }
  if (a.month === b.month) return `${a.day}${EN_DASH}${b.day} ${monthName(a.month)} ${a.year}`;
  return `${a.day} ${monthName(a.month, true)}${EN_DASH}${b.day} ${monthName(b.month, true)} ${a.year}`;
}

/**
 * A day range as compactly as it is honest: whole months read "Jan–Jul 2022", "July 2022",
 * "Dec 2021–Mar 2022" or "2022"; other ranges keep their days, "3–17 July 2022".
 */
export function formatDayRange(range: DayRange): string {
  const start = dayOf(range.start);
  const end = dayOf(range.end);
  if (end < start) throw new RangeError(`Range ends before it starts: ${range.start}–${range.end}`);
  return isWholeMonths(start, end) ? formatMonthRange(start, end) : formatDayToDay(start, end);
}

/** "A", "A and B", "A, B and C": the British list style OCHA uses, without a serial comma. */
export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function titleCategories(labels: readonly string[]): string {
  const unique = [...new Set(labels)];
  if (unique.length === 0 || unique.length > MAX_TITLE_CATEGORIES) return 'Incidents';
  const plurals = unique.map((label) => pluralByLabel.get(label) ?? label);
  return joinWords(plurals.map((p, i) => (i === 0 ? p : lowerFirst(p))));
}

/**
 * The title a snapshot gets unless the user writes one.
 *
 * @example
 * defaultSnapshotTitle({ categoryLabels: ['Air strike', 'Displacement'], areaName: 'Sagaing',
 *   range: { start: '2022-01-01', end: '2022-07-31' }, dataSpan: null });
 * // "Air strikes and displacement — Sagaing, Jan–Jul 2022"
 */
export function defaultSnapshotTitle(input: SnapshotTitleInput): string {
  const span = input.range ?? input.dataSpan;
  const when = span ? formatDayRange(span) : '';
  const where = [input.areaName.trim(), when].filter(Boolean).join(', ');
  const what = titleCategories(input.categoryLabels);
  return where ? `${what} ${EM_DASH} ${where}` : what;
}
