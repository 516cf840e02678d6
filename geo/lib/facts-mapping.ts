/**
 * Tables that translate the vocabularies of our sources into the project's enums: the
 * hand-written words of `incident-facts.csv`, and the numeric precision codes of UCDP GED and
 * ACLED. Every entry is a decision about honesty, so each one is written out (no linear scales,
 * no guessing from substrings) and each has a test.
 */
import type { CategoryId } from '../../src/lib/domain/categories.ts';
import type { DatePrecision, LocationPrecision } from '../../src/lib/domain/precision.ts';
import type { VerificationStatus } from '../../src/lib/domain/verification.ts';
import type { IncidentDate } from '../../src/lib/domain/incident.ts';
import { dayNumber, dayString, isoWeekStart, monthSpan } from '../../src/lib/domain/calendar.ts';
import { UCDP_DATE_PREC as IMPORT_UCDP_DATE_PREC, codeTable } from '../../src/lib/data/import/code-tables.ts';

/**
 * `location_precision` words of the facts file -> the precision of the point we can honestly draw.
 * The rule throughout: the precision says what we know, not what the source's coordinates suggest.
 */
export const FACTS_LOCATION_PRECISION: Readonly<Record<string, LocationPrecision>> = {
  // A village point that a dataset coded as an exact place (UCDP where_prec 1) and our gazetteer lists.
  village: 'village',
  // E14: the point is Namyar, one of the villages attacked; the row names it so we know whose point it is.
  'village (Namyar)': 'village',
  // "approx" with no stated bound: the coordinates approximate the village, so all we can vouch
  // for is the township the village lies in.
  'village-approx': 'township',
  // UCDP where_prec 2 means "within about 25 km": that is the size of a township, not a village.
  'village-approx (UCDP prec 2)': 'township',
  // A named town whose coordinates agree across sources.
  town: 'town',
  // "town-approx": the event was at a village near the town and the village's coordinates are
  // unverified. We know the township, not the village, and the town's point would claim more.
  'town-approx': 'township',
  'town-approx (village UNVERIFIED)': 'township',
  township: 'township',
  'township (village coords UNVERIFIED)': 'township',
  "township (GeoNames 'Tagondaing' 16.067;97.907 - UNVERIFIED match)": 'township',
  district: 'district',
  'district (village coords UNVERIFIED)': 'district',
  region: 'region',
  country: 'country',
};

/**
 * Fallback for words not in the table, by the head word before any parenthesis. Only the plain
 * level words are accepted; anything else is unknown and must be added to the table by hand.
 */
const LOCATION_HEAD_WORD: Readonly<Record<string, LocationPrecision>> = {
  village: 'village',
  'village-approx': 'township',
  town: 'town',
  'town-approx': 'township',
  township: 'township',
  district: 'district',
  region: 'region',
  country: 'country',
};

/** The location precision for a facts-file `location_precision` word, or null when unknown. */
export function mapFactsLocationPrecision(word: string): LocationPrecision | null {
  const w = word.trim();
  return FACTS_LOCATION_PRECISION[w] ?? LOCATION_HEAD_WORD[headWord(w)] ?? null;
}

/** `date_precision` head words of the facts file -> DatePrecision; the parenthesis becomes a note. */
export const FACTS_DATE_PRECISION: Readonly<Record<string, DatePrecision>> = {
  day: 'day',
  week: 'week',
  month: 'month',
  range: 'range',
  // A year is shown as the range of its days: our enum has no year step.
  year: 'range',
};

/** The date precision for a facts-file `date_precision` word such as "day (~01:00)", or null. */
export function mapFactsDatePrecision(word: string): DatePrecision | null {
  return FACTS_DATE_PRECISION[headWord(word.trim())] ?? null;
}

/** The parenthesised remark of a facts word ("day (Thu; inferred)" -> "Thu; inferred"), if any. */
export function factsWordNote(word: string): string | undefined {
  const m = /\((.*)\)\s*$/.exec(word.trim());
  return m?.[1]?.trim() || undefined;
}

const YEAR_MONTH = /^(\d{4})-(\d{2})$/;

/**
 * The facts file's `date` + `date_precision` as an IncidentDate: "2022-07-14" + "day",
 * "2022-08-08" + "week (as of)" (the ISO week containing the day), "2021-12..2022-03" + "range"
 * (first day of the first month to last day of the last). Null when either part is not understood.
 */
export function parseFactsDate(date: string, precisionWord: string): IncidentDate | null {
  const precision = mapFactsDatePrecision(precisionWord);
  if (!precision) return null;
  const note = factsWordNote(precisionWord);
  const withNote = (d: Omit<IncidentDate, 'note'>): IncidentDate => (note ? { ...d, note } : d);
  const [a, b] = date.trim().split('..');
  if (a === undefined) return null;
  const first = boundDay(a, 'start');
  const last = boundDay(b ?? a, 'end');
  if (first === null || last === null || first > last) return null;
  if (precision === 'day') {
    return b === undefined && first === last ? withNote({ precision, start: dayString(first), end: dayString(last) }) : null;
  }
  if (precision === 'week') {
    if (b !== undefined || first !== last) return null;
    const monday = isoWeekStart(first);
    return withNote({ precision, start: dayString(monday), end: dayString(monday + 6) });
  }
  if (precision === 'month') {
    if (b !== undefined) return null;
    const [s, e] = monthSpan(first);
    return withNote({ precision, start: dayString(s), end: dayString(e) });
  }
  return withNote({ precision, start: dayString(first), end: dayString(last) });
}

/** A day number from "YYYY-MM-DD", or from "YYYY-MM" as its first or last day. */
function boundDay(text: string, side: 'start' | 'end'): number | null {
  const t = text.trim();
  const m = YEAR_MONTH.exec(t);
  if (!m) return dayNumber(t);
  const first = dayNumber(`${m[1]}-${m[2]}-01`);
  if (first === null) return null;
  return side === 'start' ? first : monthSpan(first)[1];
}

/**
 * `sub_type` of the facts file -> CategoryId. The category names the means of attack.
 * - E04 "air strike on IDP camp": sources disagree on helicopter vs jets; both are aircraft and
 *   the facts class it as an air strike, so it stays `air_strike` and both weapon claims are kept.
 * - E08 "artillery shelling (NOT air)": ground-launched fire, so `shelling`, never an air strike.
 * - E16 "helicopter attack on school" (Let Yet Kone): helicopters fired on the school and then
 *   landed troops who raided the village. `helicopter_attack` is defined to include
 *   helicopter-borne raids, and the attack on the school itself came from the helicopters, so it
 *   is `helicopter_attack` rather than `massacre_raid`; the summary names the ground raid.
 */
export const FACTS_SUB_TYPE_CATEGORY: Readonly<Record<string, CategoryId>> = {
  'air strike': 'air_strike',
  'air strikes': 'air_strike',
  'air strike/bombing': 'air_strike',
  'air strike on IDP camp': 'air_strike',
  'helicopter attack': 'helicopter_attack',
  'helicopter strikes (3)': 'helicopter_attack',
  'helicopter attack + arson': 'helicopter_attack',
  'helicopter attack + airlifted troops': 'helicopter_attack',
  'helicopter attack on school': 'helicopter_attack',
  'artillery shelling (NOT air)': 'shelling',
  IDPs: 'displacement',
  'IDPs since 1 Feb 2021': 'displacement',
  'IDPs since coup': 'displacement',
  'IDPs since Feb 2021': 'displacement',
  'displaced by military operations': 'displacement',
};

/** The category for a facts-file `sub_type`, or null when the sub-type is not in the table. */
export function mapFactsSubType(subType: string): CategoryId | null {
  return FACTS_SUB_TYPE_CATEGORY[subType.trim()] ?? null;
}

/**
 * `verification` texts of the facts file -> VerificationStatus.
 * E14's text is about whether it is the news report's RFA item; the event itself is reported by
 * The Irrawaddy and RFA as cited by UCDP, so it is `dataset_cited`, and its text is shown as well.
 */
export const FACTS_VERIFICATION: Readonly<Record<string, VerificationStatus>> = {
  verified: 'verified',
  'verified (multiple)': 'verified_multiple',
  'verified (multiple); Amnesty-cited per UCDP source field': 'verified_multiple',
  'verified; per-state split UNVERIFIED': 'verified',
  // Read on a repost, not the publisher's own site: the figure is checked, the channel is secondary.
  'verified (secondary repost)': 'verified',
  'UCDP-cited': 'dataset_cited',
  'UCDP-cited; text not read': 'dataset_cited',
  'UCDP-cited; Amnesty inclusion UNVERIFIED': 'dataset_cited',
  'UCDP-cited; Amnesty-cited per UCDP source field': 'dataset_cited',
  'likely = the RFA item in the brief; exact RFA text UNVERIFIED': 'dataset_cited',
  'single source': 'single_source',
};

/**
 * The verification status for a facts-file text. Unlisted texts get the weakest status that
 * their words support, and `unverified` when nothing is recognised.
 */
export function mapFactsVerification(text: string): VerificationStatus {
  const t = text.trim();
  const listed = FACTS_VERIFICATION[t];
  if (listed) return listed;
  if (/^verified \(multiple\)/i.test(t)) return 'verified_multiple';
  if (/^verified\b/i.test(t)) return 'verified';
  if (/UCDP-cited/i.test(t)) return 'dataset_cited';
  if (/^single source/i.test(t)) return 'single_source';
  return 'unverified';
}

// The UCDP and ACLED precision codes have one table each, in the importer's code tables; the
// facts derivation reads the same ones so a code can never mean two things in this project.
export { UCDP_WHERE_PREC, ACLED_GEO_PRECISION, ACLED_TIME_PRECISION } from '../../src/lib/data/import/code-tables.ts';

/** UCDP GED `date_prec` -> DatePrecision, read from the importer's table (which also carries labels). */
export const UCDP_DATE_PREC: Readonly<Record<string, DatePrecision>> = codeTable(
  Object.fromEntries(Object.entries(IMPORT_UCDP_DATE_PREC).map(([code, def]) => [code, def.precision])),
);

/** Looks a numeric code up in one of the code tables; null for a missing or unknown code. */
export function mapPrecisionCode<T>(table: Readonly<Record<number, T>>, code: string | number | null | undefined): T | null {
  if (code === null || code === undefined || String(code).trim() === '') return null;
  const n = Number(code);
  if (!Number.isInteger(n)) return null;
  return table[n] ?? null;
}

/** The word before any parenthesis: "day (as of)" -> "day". */
function headWord(word: string): string {
  return word.split('(')[0]?.trim() ?? '';
}
