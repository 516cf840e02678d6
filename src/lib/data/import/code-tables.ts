/**
 * Code tables that turn ACLED and UCDP GED codes into our precision and category enums.
 * Every entry is a decision, so each is written out (never computed as a scale) and each
 * has a test in tests/unit/import-code-tables.test.ts.
 */
import type { CategoryId } from '../../domain/categories.ts';
import type { DatePrecision, LocationPrecision } from '../../domain/precision.ts';
import { EXTERNAL_DATASETS } from '../../domain/event-link.ts';

/**
 * A frozen lookup table without a prototype. Codes come from untrusted files, and on a plain
 * object `table['constructor']` or `table['toString']` would find a function instead of nothing.
 */
export function codeTable<T>(entries: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

/**
 * ACLED `geo_precision`: 1 = the named place itself, which ACLED's codebook says may be a town
 * or a village (so `named_place`, not `town`: calling a village a town overstates its size and
 * understates the precision), 2 = "near" or part of a region, placed at the nearest town (we say
 * township, the unit ACLED's admin3 holds in Myanmar), 3 = only a larger region is known, placed
 * at its centre.
 */
export const ACLED_GEO_PRECISION: Readonly<Record<string, LocationPrecision>> = codeTable({
  '1': 'named_place',
  '2': 'township',
  '3': 'region',
});

/**
 * ACLED `time_precision`: 1 = the actual day, 2 = a week (we show the ISO week, Monday to
 * Sunday, containing `event_date`), 3 = a month (the calendar month containing it).
 */
export const ACLED_TIME_PRECISION: Readonly<Record<string, Exclude<DatePrecision, 'range'>>> = codeTable({
  '1': 'day',
  '2': 'week',
  '3': 'month',
});

/**
 * UCDP GED `where_prec`. 1 is an exact place, a village or town: we say `village`, the finer
 * of the two, since UCDP uses 1 for both. 2 is "within about 25 km" of the point (`near`, drawn
 * as a 25 km ring). 5 officially means "a line or an ambiguous place",
 * but in the Myanmar data it is almost always "X township" (439 of 464 rows in the 2022
 * Sagaing/Kayah/Kayin sample), placed at the township's centre, so it maps to `township`.
 * 7 (waters or airspace) can only be placed at the state or region level.
 */
export const UCDP_WHERE_PREC: Readonly<Record<string, LocationPrecision>> = codeTable({
  '1': 'village',
  '2': 'near',
  '3': 'district',
  '4': 'region',
  '5': 'township',
  '6': 'country',
  '7': 'region',
});

/** What a UCDP `date_prec` code says, for the note kept on the incident's date. */
export interface UcdpDatePrecDef {
  /** The precision when `date_start`..`date_end` has the shape it names; otherwise `range`. */
  readonly precision: DatePrecision;
  /** How precisely UCDP dates the event, as a date note says it: "UCDP dates it to within a week". */
  readonly label: string;
}

/**
 * UCDP GED `date_prec`. UCDP always gives `date_start`..`date_end`, and we keep those days.
 * Our `week` means an ISO week and `month` a calendar month; UCDP's week and month windows
 * are often neither (2022-01-29..2022-02-04), and then the date becomes a `range`.
 */
export const UCDP_DATE_PREC: Readonly<Record<string, UcdpDatePrecDef>> = codeTable({
  '1': { precision: 'day', label: 'to the day' },
  '2': { precision: 'range', label: 'to within 2–6 days' },
  '3': { precision: 'week', label: 'to within a week' },
  '4': { precision: 'month', label: 'to within a month' },
  '5': { precision: 'range', label: 'to within a year' },
});

/**
 * ACLED `sub_event_type` (in ACLED's spelling) → our category. Sub-event types not listed are `other`.
 * - Battles (armed clash and both territory changes) are fighting between armed groups: `clash`.
 * - "Attack" (violence against civilians) is a killing or raid: `massacre_raid`.
 * - "Looting/property destruction" is how ACLED codes the burning of villages in Myanmar,
 *   which our `massacre_raid` covers ("raids and arson by ground forces").
 * - "Abduction/forced disappearance" and "Sexual violence" are grave but are neither killings
 *   nor raids; they stay `other` so the massacre/raid layer does not overstate killings.
 * - Landmines, IEDs, grenades and suicide bombs are not air, helicopter or artillery fire: `other`.
 */
export const ACLED_SUB_EVENT_CATEGORY: Readonly<Record<string, CategoryId>> = codeTable({
  'Air/drone strike': 'air_strike',
  'Shelling/artillery/missile attack': 'shelling',
  'Armed clash': 'clash',
  'Government regains territory': 'clash',
  'Non-state actor overtakes territory': 'clash',
  Attack: 'massacre_raid',
  'Looting/property destruction': 'massacre_raid',
  'Abduction/forced disappearance': 'other',
  'Sexual violence': 'other',
  'Remote explosive/landmine/IED': 'other',
  Grenade: 'other',
  'Suicide bomb': 'other',
  'Chemical weapon': 'other',
});

// Case-insensitive fallback for files that respell ACLED's types.
const ACLED_SUB_EVENT_LOWER = new Map<string, CategoryId>(Object.entries(ACLED_SUB_EVENT_CATEGORY).map(([k, v]) => [k.toLowerCase(), v]));

/** ACLED category for a sub-event type (matched case-insensitively); unknown types are `other`. */
export function acledCategory(subEventType: string): CategoryId {
  // ACLED's own spelling first, so the usual row needs no lowercasing.
  return ACLED_SUB_EVENT_CATEGORY[subEventType] ?? ACLED_SUB_EVENT_LOWER.get(subEventType.trim().toLowerCase()) ?? 'other';
}

/**
 * Older ACLED exports give actor types as numbers (inter1, inter2); newer ones as text.
 * We keep the text in `extra` either way.
 */
export const ACLED_INTER_CODES: Readonly<Record<string, string>> = codeTable({
  '0': 'No actor',
  '1': 'State forces',
  '2': 'Rebel groups',
  '3': 'Political militias',
  '4': 'Identity militias',
  '5': 'Rioters',
  '6': 'Protesters',
  '7': 'Civilians',
  '8': 'External/Other forces',
});

/** A UCDP violence type: its name in UCDP's words and the category it implies by itself. */
export interface UcdpViolenceDef {
  readonly label: string;
  readonly category: CategoryId;
}

/**
 * UCDP `type_of_violence`. State-based and non-state violence are fighting between armed
 * groups (`clash`); one-sided violence is violence against civilians (`massacre_raid`).
 */
export const UCDP_TYPE_OF_VIOLENCE: Readonly<Record<string, UcdpViolenceDef>> = codeTable({
  '1': { label: 'State-based violence', category: 'clash' },
  '2': { label: 'Non-state violence', category: 'clash' },
  '3': { label: 'One-sided violence', category: 'massacre_raid' },
});

/** A keyword in UCDP's `source_headline` that names the weapon used. */
export interface HeadlineKeyword {
  /** Lowercase text searched for in the lowercased headlines. */
  readonly keyword: string;
  readonly category: CategoryId;
}

/**
 * UCDP has no weapon column, but the headlines of the articles it cites often name one.
 * The first keyword found, in this order, sets the category. Helicopters come first because
 * helicopter headlines also say "air attack"; air before shelling because "mortars and
 * aircraft" reads as an air attack. This is a heuristic with known misses: a row citing
 * several articles takes a keyword from any of them, "Junta Artillery Outpost" reads as
 * shelling, and bare "bomb" is left out because this sample uses it for "bomb shelters",
 * "resistance bomb attack" and "bomb defused". The keyword used is kept in `extra.category_basis`.
 */
export const UCDP_HEADLINE_KEYWORDS: readonly HeadlineKeyword[] = [
  { keyword: 'helicopter', category: 'helicopter_attack' },
  { keyword: 'gunship', category: 'helicopter_attack' },
  { keyword: 'airstrike', category: 'air_strike' },
  { keyword: 'air strike', category: 'air_strike' },
  { keyword: 'air-strike', category: 'air_strike' },
  { keyword: 'air raid', category: 'air_strike' },
  { keyword: 'air attack', category: 'air_strike' },
  { keyword: 'from the air', category: 'air_strike' },
  { keyword: 'aerial', category: 'air_strike' },
  { keyword: 'aircraft', category: 'air_strike' },
  { keyword: 'warplane', category: 'air_strike' },
  { keyword: 'jet', category: 'air_strike' },
  { keyword: 'drone', category: 'air_strike' },
  { keyword: 'shell', category: 'shelling' },
  { keyword: 'artillery', category: 'shelling' },
  { keyword: 'mortar', category: 'shelling' },
];

/** The first headline keyword found in the text (case-insensitive), or null. */
export function headlineKeyword(headline: string): HeadlineKeyword | null {
  if (headline === '') return null;
  const text = headline.toLowerCase();
  for (const k of UCDP_HEADLINE_KEYWORDS) {
    if (text.includes(k.keyword)) return k;
  }
  return null;
}

/** Publisher names the importers write into `SourceRef.publisher`. */
export const PUBLISHER = {
  acled: EXTERNAL_DATASETS.acled.publisher,
  ucdp: EXTERNAL_DATASETS['ucdp-ged'].publisher,
} as const;

/**
 * Attribution each dataset's licence asks for, by publisher. Exports add it to every row
 * derived from that dataset.
 */
export const ATTRIBUTION: Readonly<Record<string, string>> = codeTable({
  [PUBLISHER.acled]: 'Armed Conflict Location & Event Data (ACLED), acleddata.com',
  [PUBLISHER.ucdp]:
    'UCDP Georeferenced Event Dataset (CC BY 4.0): Sundberg & Melander 2013, "Introducing the UCDP Georeferenced Event Dataset", Journal of Peace Research 50(4)',
});
