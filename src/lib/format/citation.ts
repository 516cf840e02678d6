/**
 * Citations of an incident: plain text a journalist can paste, and CSL-JSON that Zotero and
 * other reference managers import. Pure: the permalink and the access day are parameters, so
 * the same incident always gives the same citation for the same link and day.
 */
import { categoryDef } from '../domain/categories.ts';
import { dayNumber, dayParts, formatDay, type IsoDay } from '../domain/calendar.ts';
import type { Incident, IncidentDate, Place, SourceKind, SourceRef } from '../domain/incident.ts';
import { LOCATION_PRECISION_TEXT } from '../domain/precision.ts';
import { VERIFICATION_LABEL } from '../domain/verification.ts';
import { safeHttpUrl } from '../domain/guards.ts';
import { phraseIncidentDate } from './date-phrase.ts';

/** What a citation needs besides the incident: where the record lives and when it was read. */
export interface CitationContext {
  /** Absolute link to this incident in Conflict Map (the view, the filters and `sel=<id>`). */
  readonly permalink: string;
  /** The day the reader accessed the record (their local calendar day). */
  readonly accessed: IsoDay;
  readonly appName?: string;
}

const APP_NAME = 'Conflict Map';

/** True when `text` already contains `word` as whole words ("Wetlet township" contains "Wetlet"). */
function mentions(text: string, word: string): boolean {
  // Exactly as written (case and spaces): a unit is left out only when the name already shows that very text.
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return word.trim() !== '' && new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'u').test(text);
}

/**
 * The place in words, each name once: the place, its township and its state or region, leaving
 * out a unit the place's name already says ("Wetlet township" in Sagaing, not "Wetlet township,
 * Wetlet Township, Sagaing").
 * @example placePhrase({ name: 'Let Yet Kone village', admin1: 'Sagaing', township: 'Tabayin' }) // "Let Yet Kone village, Tabayin Township, Sagaing"
 */
export function placePhrase(place: Place): string {
  return [place.name, placeContext(place)].filter((p) => p.trim() !== '').join(', ');
}

/**
 * The units around a place that its name does not already say: "Tabayin Township, Sagaing"
 * for Let Yet Kone village, just "Sagaing" for "Wetlet township".
 */
export function placeContext(place: Place): string {
  const said = [place.name];
  const township = place.township;
  if (township?.trim() && !mentions(place.name, township)) said.push(`${township} Township`);
  const admin1 = place.admin1;
  // A blank unit is left out rather than printed as ", ,".
  if (admin1.trim() && !said.some((p) => mentions(p, admin1))) said.push(admin1);
  return said.slice(1).join(', ');
}

/**
 * How precisely the place is known, in words. A named place (ACLED's geo_precision 1) names
 * the place itself, since the dataset does not say whether it is a town or a village.
 * @example precisionPhrase(heNar) // "He Nar — a named town or village, as ACLED locates it"
 */
export function precisionPhrase(inc: Incident): string {
  if (inc.precision !== 'named_place') return LOCATION_PRECISION_TEXT[inc.precision];
  const by = inc.sources.length === 1 ? inc.sources[0]?.publisher : undefined;
  return `${inc.place.name} — a named town or village${by ? `, as ${by} locates it` : ''}`;
}

/** A source's date in words ("8 January 2022"), or null when it has none. */
function sourceDay(s: SourceRef): string | null {
  const n = s.date === null ? null : dayNumber(s.date);
  return n === null ? s.date : formatDay(n);
}

/**
 * One source as a citation: publisher, “title” (or what an untitled item is), date, link, and
 * how it was reached. What a source lacks is left out; nothing is printed in its place.
 * @example citeSource({ publisher: 'Myanmar Now', title: null, date: '2022-01-08', url: null, secondary: true, via: 'UCDP GED 426904' }) // "Myanmar Now, 8 January 2022 (via UCDP GED 426904)"
 */
export function citeSource(s: SourceRef): string {
  const title = s.title?.trim() ? `“${s.title.trim()}”` : s.description?.trim() || null;
  const parts = [s.publisher.trim(), title, sourceDay(s), safeHttpUrl(s.url)].filter((p): p is string => !!p);
  const via = s.secondary && s.via?.trim() ? ` (via ${s.via.trim()})` : '';
  return `${parts.join(', ')}${via}`;
}

/**
 * A plain-text citation of an incident: what happened, where (at its precision), when (at its
 * precision), each source, then "Conflict Map, <permalink>, accessed <day>".
 * @example citeIncident(e16, { permalink: 'https://example.org/#sel=E16', accessed: '2026-11-29' })
 */
export function citeIncident(inc: Incident, ctx: CitationContext): string {
  const app = ctx.appName ?? APP_NAME;
  const accessed = dayNumber(ctx.accessed);
  const where = `${placePhrase(inc.place)} (${LOCATION_PRECISION_TEXT[inc.precision]})`;
  const lines = [`${inc.title.trim()}. ${where}, ${phraseIncidentDate(inc.date)}.`];
  // No full stop after a source: it often ends with a link, and a stop would become part of it when pasted.
  if (inc.sources.length === 1) lines.push(`Source: ${citeSource(inc.sources[0] as SourceRef)}`);
  else if (inc.sources.length > 1) lines.push('Sources:', ...inc.sources.map((s, i) => `${i + 1}. ${citeSource(s)}`));
  lines.push(`${app}, ${ctx.permalink}, accessed ${accessed === null ? ctx.accessed : formatDay(accessed)}.`);
  return lines.join('\n');
}

/** A CSL date: the `date-parts` of one day, month or span, as precise as the date is known. */
export interface CslDate {
  readonly 'date-parts': readonly (readonly number[])[];
}

/** The CSL-JSON fields we write (a subset of the CSL 1.0 data schema). */
export interface CslItem {
  readonly id: string;
  readonly type: string;
  readonly title?: string;
  readonly 'container-title'?: string;
  readonly publisher?: string;
  readonly genre?: string;
  readonly number?: string;
  readonly abstract?: string;
  readonly note?: string;
  readonly URL?: string;
  readonly issued?: CslDate;
  readonly accessed?: CslDate;
  readonly 'event-date'?: CslDate;
  readonly 'event-place'?: string;
  readonly language?: string;
}

/** A CSL `date-parts` entry for a day: [year, month, day] with a 1-based month. */
function dayEntry(n: number): number[] {
  const p = dayParts(n);
  return [p.year, p.month + 1, p.day];
}

/** An ISO day as a CSL date, or undefined when it is not a real day. */
function cslDay(day: IsoDay | null): CslDate | undefined {
  const n = day === null ? null : dayNumber(day);
  return n === null ? undefined : { 'date-parts': [dayEntry(n)] };
}

/** An incident date as CSL `date-parts` at its precision: a day, a month [y, m], or a span of two. */
export function cslIncidentDate(d: IncidentDate): CslDate | undefined {
  const start = dayNumber(d.start);
  const end = dayNumber(d.end);
  if (start === null || end === null) return undefined;
  if (d.precision === 'day' || start === end) return { 'date-parts': [dayEntry(start)] };
  if (d.precision === 'month') return { 'date-parts': [dayEntry(start).slice(0, 2)] };
  return { 'date-parts': [dayEntry(start), dayEntry(end)] };
}

/** CSL item types by kind of source: newspapers as articles, NGO and UN documents as reports. */
const CSL_TYPE: Record<SourceKind, string> = {
  news: 'article-newspaper',
  report: 'report',
  map: 'map',
  dataset: 'dataset',
  encyclopedia: 'entry-encyclopedia',
  webpage: 'webpage',
};

/**
 * Where the publisher goes: a newspaper, an encyclopedia or a website contains the item
 * (`container-title`); a report, map or dataset is issued by its publisher (`publisher`).
 */
const IN_CONTAINER: ReadonlySet<string> = new Set(['article-newspaper', 'entry-encyclopedia', 'webpage']);

/** One source as a CSL-JSON item; `id` must be unique within the export. */
export function sourceToCsl(s: SourceRef, id: string): CslItem {
  const url = safeHttpUrl(s.url);
  const type = s.kind ? CSL_TYPE[s.kind] : url ? 'webpage' : 'document';
  const publisher = s.publisher.trim();
  const title = s.title?.trim();
  const issued = cslDay(s.date);
  const note = [s.secondary && s.via?.trim() ? `Reached via ${s.via.trim()}.` : '', s.note?.trim() ?? ''].filter(Boolean).join(' ');
  return {
    id,
    type,
    ...(title ? { title } : {}),
    ...(publisher ? (IN_CONTAINER.has(type) ? { 'container-title': publisher } : { publisher }) : {}),
    ...(!title && s.description?.trim() ? { genre: s.description.trim() } : {}),
    ...(issued ? { issued } : {}),
    ...(url ? { URL: url } : {}),
    ...(note ? { note } : {}),
  };
}

/**
 * The incident as CSL-JSON: one item for the Conflict Map record (a dataset entry with the
 * permalink, the access day, the event's date and place) followed by one item per source.
 * @example JSON.stringify(incidentToCsl(e16, { permalink, accessed: '2026-11-29' }), null, 2)
 */
export function incidentToCsl(inc: Incident, ctx: CitationContext): CslItem[] {
  const app = ctx.appName ?? APP_NAME;
  const base = `conflict-map-${inc.id}`;
  const accessed = cslDay(ctx.accessed);
  const eventDate = cslIncidentDate(inc.date);
  const url = safeHttpUrl(ctx.permalink);
  const checked = [VERIFICATION_LABEL[inc.verification.status], inc.verification.text.trim()].filter(Boolean).join('. ');
  const record: CslItem = {
    id: base,
    type: 'dataset',
    title: inc.title.trim(),
    publisher: app,
    genre: categoryDef(inc.category).label,
    number: inc.id,
    ...(inc.summary.trim() ? { abstract: inc.summary.trim() } : {}),
    note: `${placePhrase(inc.place)}: ${precisionPhrase(inc)}. ${phraseIncidentDate(inc.date)}. ${checked}${/[.!?]$/.test(checked) ? '' : '.'}`,
    ...(url ? { URL: url } : {}),
    ...(accessed ? { accessed } : {}),
    ...(eventDate ? { 'event-date': eventDate } : {}),
    'event-place': placePhrase(inc.place),
    language: 'en',
  };
  return [record, ...inc.sources.map((s, i) => sourceToCsl(s, `${base}-source-${i + 1}`))];
}
