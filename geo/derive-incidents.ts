/**
 * Builds `public/data/incidents.json` and `public/data/displacement.json` from the facts file
 * (`geo/sources/incident-facts.csv`) and the hand-checked tables in `geo/curated/`.
 * Run with `npm run derive-incidents`. The output is deterministic: the same inputs give the
 * same bytes, and `version` is a hash of the content, so there is no timestamp to churn.
 *
 * The script refuses to write anything when a curated record disagrees with the facts
 * (category, place, dates), drops or adds a URL, or would place a point without a reference
 * coordinate. It never moves a coordinate to fit a boundary; `npm run validate-data` checks that.
 *
 * Places are coded with MIMU township and area codes by the importer's own coder
 * (`src/lib/data/import/place-codes.ts`), so a curated record and an imported row naming the same
 * township get the same codes: a township named in the record gets its place code, and a place
 * known only to its township or district also gets that area's code, so the map draws the area.
 *
 * Only public fields are written: curation notes stay in `geo/curated/`. Each record is rebuilt
 * field by field (never spread), so a note added to the tables later cannot ride along.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { DisplacementFigure, Incident, IncidentDate, SourceRef } from '../src/lib/domain/incident.ts';
import type { LocationPrecision } from '../src/lib/domain/precision.ts';
import { mapFactsLocationPrecision, mapFactsSubType, mapFactsVerification, parseFactsDate } from './lib/facts-mapping.ts';
import { parseFigure } from './lib/figures.ts';
import { CURATED_INCIDENTS, EXCLUDED_INCIDENTS } from './curated/incidents.ts';
import { CURATED_DISPLACEMENT, DISPLACEMENT_SOURCES, EXCLUDED_DISPLACEMENT } from './curated/displacement.ts';
import { SOURCE_KIND_BY_PUBLISHER } from './curated/source-kinds.ts';
import type { CuratedIncident, CuratedSource } from './curated/types.ts';
import { CURATED_EXTERNAL_REFS } from './curated/external-refs.ts';
import { externalRefProblem } from '../src/lib/domain/event-link.ts';
import type { Place } from '../src/lib/domain/incident.ts';
import type { TownshipEntry, TownshipIndex } from '../src/lib/geo/township-index.ts';
import type { ImportGeography } from '../src/lib/geo/township-geography.ts';
import { geographyFromFiles, TOWNSHIP_INDEX_PATH, TOWNSHIP_MATCH_PATH } from '../src/lib/data/import/geography-files.ts';
import { PlaceCoder, placeWithCoding } from '../src/lib/data/import/place-codes.ts';
import { LOCAL_PLACES_PATH, readLocalPlaces, type LocalPlacesFile } from '../src/lib/data/local-places.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const PATHS = {
  facts: path.join(ROOT, 'geo/sources/incident-facts.csv'),
  townships: path.join(ROOT, 'public', TOWNSHIP_INDEX_PATH),
  townshipMatch: path.join(ROOT, 'public', TOWNSHIP_MATCH_PATH),
  places: path.join(ROOT, 'public', LOCAL_PLACES_PATH),
  // Copied into geo/sources by the boundaries script; the shared reference is the fallback.
  gazetteer: [path.join(ROOT, 'geo/sources/gazetteer.csv'), path.resolve(ROOT, '../shared/reference/gazetteer.csv')],
  labels: path.join(ROOT, 'public/data/admin1-labels.geojson'),
  boundaries: path.join(ROOT, 'geo/data/myanmar-admin1-full.geojson'),
  incidentsOut: path.join(ROOT, 'public/data/incidents.json'),
  displacementOut: path.join(ROOT, 'public/data/displacement.json'),
} as const;

/** One row of the facts file, as text. */
export type FactsRow = Record<
  | 'id' | 'date' | 'date_precision' | 'place' | 'admin1' | 'admin3_township' | 'lat' | 'lon' | 'location_precision'
  | 'event_type' | 'sub_type' | 'aircraft' | 'civilians_killed' | 'displaced' | 'sources' | 'verification',
  string
>;

export interface GazetteerPlace {
  readonly name: string;
  readonly admin1: string;
  readonly lat: number;
  readonly lon: number;
  readonly precision: string;
}

/** Everything the build reads, so tests can rebuild in memory and compare with the shipped files. */
export interface DeriveInputs {
  readonly facts: readonly FactsRow[];
  /** `public/data/townships.json`: township names, codes and MIMU label points. */
  readonly townships: TownshipIndex;
  /** `public/data/townships-match.json` as parsed JSON (TopoJSON), for the coder's point checks. */
  readonly townshipMatch: unknown;
  /** `public/data/places-local.json`: the MIMU village points that `mimu_village` placements use. */
  readonly places: LocalPlacesFile;
  readonly gazetteer: readonly GazetteerPlace[];
  /** Admin-1 English name -> [lon, lat] of its label point. */
  readonly labelPoints: ReadonlyMap<string, readonly [number, number]>;
}

export interface DerivedData {
  readonly incidents: { readonly version: string; readonly incidents: readonly Incident[] };
  readonly displacement: { readonly version: string; readonly figures: readonly DisplacementFigure[] };
}

/** Reads a CSV with a header row into records of strings. */
export function readCsv<T>(file: string): T[] {
  const parsed = Papa.parse<T>(readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`${file}: ${parsed.errors.map((e) => `row ${e.row}: ${e.message}`).join('; ')}`);
  return parsed.data;
}

/** Reads every input file of the build from the repository (with the shared-reference fallback for the gazetteer). */
export function readDeriveInputs(): DeriveInputs {
  const gazetteerFile = PATHS.gazetteer.find((f) => existsSync(f));
  if (!gazetteerFile) throw new Error(`gazetteer.csv not found in ${PATHS.gazetteer.join(' or ')}`);
  const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8')) as unknown;
  const gazetteer = readCsv<Record<string, string>>(gazetteerFile).map((r) => ({
    name: req(r['name']),
    admin1: req(r['admin1']),
    lat: num(r['lat']),
    lon: num(r['lon']),
    precision: req(r['precision']),
  }));
  return {
    facts: readCsv<FactsRow>(PATHS.facts),
    townships: readJson(PATHS.townships) as TownshipIndex,
    townshipMatch: readJson(PATHS.townshipMatch),
    places: readLocalPlaces(readJson(PATHS.places)),
    gazetteer,
    labelPoints: readLabelPoints(),
  };
}

/** Label points by admin-1 name: the shipped label layer, or a point on the full boundary if that is missing. */
function readLabelPoints(): Map<string, readonly [number, number]> {
  const out = new Map<string, readonly [number, number]>();
  if (existsSync(PATHS.labels)) {
    const labels = JSON.parse(readFileSync(PATHS.labels, 'utf8')) as FeatureCollection<Point, { name_en: string }>;
    for (const f of labels.features) out.set(f.properties.name_en, [f.geometry.coordinates[0] ?? NaN, f.geometry.coordinates[1] ?? NaN]);
    return out;
  }
  const boundaries = JSON.parse(readFileSync(PATHS.boundaries, 'utf8')) as FeatureCollection<Polygon | MultiPolygon, { name_en: string }>;
  for (const f of boundaries.features) {
    const p = pointOnFeature(f as Feature<Polygon | MultiPolygon>).geometry.coordinates;
    out.set(f.properties.name_en, [round(p[0] ?? NaN, 4), round(p[1] ?? NaN, 4)]);
  }
  return out;
}

/** Builds both datasets, or throws with every disagreement between the curation and the facts. */
export function deriveCuratedData(inputs: DeriveInputs): DerivedData {
  const problems: string[] = [];
  const facts = new Map(inputs.facts.map((r) => [r.id, r]));
  const curated = new Map(CURATED_INCIDENTS.map((c) => [c.id, c]));
  for (const id of facts.keys()) {
    const listed = curated.has(id) || CURATED_DISPLACEMENT.some((d) => d.factsId === id);
    const excluded = [...EXCLUDED_INCIDENTS, ...EXCLUDED_DISPLACEMENT].some((e) => e.id === id);
    if (!listed && !excluded) problems.push(`${id}: facts row has no curation entry and is not listed as excluded`);
  }

  const incidents: Incident[] = [];
  const geo = curatedGeography(inputs);
  for (const c of CURATED_INCIDENTS) {
    const row = facts.get(c.id);
    if (!row) {
      problems.push(`${c.id}: curated but not in the facts file`);
      continue;
    }
    const incident = deriveIncident(c, row, inputs, geo, (msg) => problems.push(`${c.id}: ${msg}`));
    if (incident) incidents.push(incident);
  }

  const figures: DisplacementFigure[] = [];
  for (const c of CURATED_DISPLACEMENT) {
    const row = facts.get(c.factsId);
    const source = DISPLACEMENT_SOURCES[c.factsId];
    if (!row || !source) {
      problems.push(`${c.id}: facts row or source for ${c.factsId} missing`);
      continue;
    }
    const asOf = c.asOf ?? parseFactsDate(row.date, row.date_precision);
    if (!asOf) problems.push(`${c.id}: date "${row.date}" / "${row.date_precision}" not understood`);
    const figure = parseFigure(c.text, source.publisher);
    const publicSrc = publicSource(source, (msg) => problems.push(`${c.id}: ${msg}`));
    if (figure.low === null) problems.push(`${c.id}: "${c.text}" has no number`);
    for (const n of numbersIn(c.text)) if (!containsNumber(row.displaced, n)) problems.push(`${c.id}: ${n} is not in the facts row`);
    if (asOf) figures.push({ id: c.id, area: c.area, areaName: c.areaName, asOf, measure: c.measure, figure, source: publicSrc, factsId: c.factsId });
  }
  for (const [factsId, source] of Object.entries(DISPLACEMENT_SOURCES)) {
    const row = facts.get(factsId);
    if (row) checkUrls(row.sources, [source], (msg) => problems.push(`${factsId}: ${msg}`));
  }

  for (const [id, refs] of Object.entries(CURATED_EXTERNAL_REFS)) {
    if (!curated.has(id)) problems.push(`${id}: has external refs but is not a curated incident`);
    if (refs.length === 0) problems.push(`${id}: an empty list of external refs (leave the record out of the table instead)`);
    for (const ref of refs) {
      const problem = externalRefProblem(ref);
      if (problem !== null) problems.push(`${id}: external ref ${problem}`);
    }
  }

  if (problems.length > 0) throw new Error(`derive-incidents: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  incidents.sort((a, b) => a.id.localeCompare(b.id));
  return {
    incidents: { version: contentHash(incidents), incidents },
    displacement: { version: contentHash(figures), figures },
  };
}

/** One curated incident, checked against its facts row; null (with problems reported) when it cannot be built. */
function deriveIncident(c: CuratedIncident, row: FactsRow, inputs: DeriveInputs, geo: CuratedGeography, problem: (msg: string) => void): Incident | null {
  const category = mapFactsSubType(row.sub_type);
  if (category !== c.category) problem(`category ${c.category} differs from the mapping of "${row.sub_type}" (${category})`);
  const factsPrecision = mapFactsLocationPrecision(row.location_precision);
  if (!factsPrecision) problem(`location precision "${row.location_precision}" is not in the mapping table`);
  const precision: LocationPrecision | null = c.precisionOverride?.precision ?? factsPrecision;
  const factsDate = parseFactsDate(row.date, row.date_precision);
  if (!factsDate) problem(`date "${row.date}" / "${row.date_precision}" not understood`);
  // The facts' remark on the date is shorthand ("~01:00", "Thu; inferred"): readers get the curated words instead.
  if (factsDate?.note && !c.dateNote) problem(`the facts remark "${factsDate.note}" on the date needs a dateNote in reader's words`);
  const date = factsDate && readerDate(factsDate, c.dateNote);
  if (c.place.admin1 !== row.admin1) problem(`admin1 ${c.place.admin1} differs from the facts (${row.admin1})`);
  if (c.place.township && !row.admin3_township.startsWith(c.place.township)) problem(`township ${c.place.township} differs from the facts (${row.admin3_township})`);
  checkUrls(row.sources, c.sources, problem);
  const rowText = Object.values(row).join(' ');
  for (const [text] of [...c.killed, ...c.displaced]) {
    for (const n of numbersIn(text)) if (n >= 10 && !containsNumber(rowText, n)) problem(`figure "${text}": ${n} is not in the facts row`);
  }

  const factsLat = Number(row.lat);
  const factsLon = Number(row.lon);
  const hasFactsPoint = row.lat.trim() !== '' && row.lon.trim() !== '' && Number.isFinite(factsLat) && Number.isFinite(factsLon);
  let lon = NaN;
  let lat = NaN;
  let sourceCoordinates: Incident['sourceCoordinates'] = null;
  const placement = c.placement;
  if (placement.kind === 'facts_coordinates') {
    if (!hasFactsPoint) problem('facts give no coordinates to use');
    if (precision !== 'village' && precision !== 'town' && precision !== 'district') problem(`facts coordinates used at ${precision} precision`);
    // Village and town points must be a gazetteer place; a district point must be a gazetteer town (its seat).
    const tolerance = precision === 'district' ? 0.005 : 0.0011;
    const match = inputs.gazetteer.find((g) => g.admin1 === row.admin1 && Math.abs(g.lat - factsLat) <= tolerance && Math.abs(g.lon - factsLon) <= tolerance);
    if (!match) problem(`facts coordinates ${factsLat}, ${factsLon} match no gazetteer place`);
    else if (precision === 'district' && match.precision !== 'town') problem(`district point ${match.name} is not a town`);
    lon = factsLon;
    lat = factsLat;
  } else if (placement.kind === 'township_area') {
    if (precision !== 'township') problem(`township area used at ${precision} precision`);
    const township = geo.township(c.place.township ?? '', row.admin1);
    if (!township) problem(`township ${c.place.township ?? '(none)'} (${row.admin1}) matches no MIMU township`);
    else [lon, lat] = township.label;
    if (hasFactsPoint && (factsLat !== lat || factsLon !== lon)) {
      sourceCoordinates = {
        lon: factsLon,
        lat: factsLat,
        note: placement.sourceCoordinatesNote ?? 'The coordinates reported for this event. The place is known only to township level, so the map shows the whole township instead.',
      };
    }
  } else if (placement.kind === 'mimu_village') {
    if (precision !== 'village') problem(`MIMU village point used at ${precision} precision`);
    const township = geo.township(c.place.township ?? '', row.admin1);
    if (!township) problem(`township ${c.place.township ?? '(none)'} (${row.admin1}) matches no MIMU township`);
    else {
      const found = villagesNamed(inputs.places, placement.village, township.pcode);
      if (!inputs.places.villageTownships.includes(township.pcode)) problem(`the MIMU village file does not cover ${township.name_en} Township`);
      else if (found.length !== 1) problem(`${found.length} villages called ${placement.village} in ${township.name_en} Township in the MIMU village file; need exactly one`);
      else [lon, lat] = [found[0]?.[4] ?? NaN, found[0]?.[5] ?? NaN];
    }
    if (hasFactsPoint && (factsLat !== lat || factsLon !== lon)) {
      sourceCoordinates = {
        lon: factsLon,
        lat: factsLat,
        note: placement.sourceCoordinatesNote ?? 'The coordinates reported for this event. The marker stands at the village as MIMU locates it instead.',
      };
    }
  } else {
    if (precision !== 'region') problem(`admin-1 label point used at ${precision} precision`);
    const label = inputs.labelPoints.get(row.admin1);
    if (!label) problem(`no label point for ${row.admin1}`);
    else [lon, lat] = label;
    if (hasFactsPoint) sourceCoordinates = { lon: factsLon, lat: factsLat, note: 'The coordinates reported for this event; the map shows the whole state or region instead.' };
  }
  if (!category || !precision || !date || !Number.isFinite(lon) || !Number.isFinite(lat)) return null;

  const named: Place = c.place.township ? { name: c.place.name, admin1: c.place.admin1, township: c.place.township } : { name: c.place.name, admin1: c.place.admin1 };
  const coded = geo.code(named, precision, lon, lat, problem);
  const place: Place = placement.kind === 'mimu_village' ? { ...coded, locationSource: MIMU_VILLAGES_SOURCE } : coded;
  return {
    id: c.id,
    category,
    title: c.title,
    date,
    place,
    lon,
    lat,
    precision,
    sourceCoordinates,
    weapons: c.weapons,
    killed: c.killed.map(([text, source]) => parseFigure(text, source)),
    displaced: c.displaced.map(([text, source]) => parseFigure(text, source)),
    summary: c.summary,
    sources: c.sources.map((s) => publicSource(s, problem)),
    // The facts' verification column is shorthand for us; only its status and the curated words are published.
    verification: { status: mapFactsVerification(row.verification), text: c.verificationText },
    dataset: 'curated',
    ...(CURATED_EXTERNAL_REFS[c.id] ? { refs: CURATED_EXTERNAL_REFS[c.id] } : {}),
  };
}

/** What a place located with the MIMU village file says of its coordinates (`Place.locationSource`). */
export const MIMU_VILLAGES_SOURCE = 'MIMU village points';

/** The township lookups and the place coder the curated records are placed and coded with. */
interface CuratedGeography {
  /** The MIMU township a record names, matched within its state or region, or null. */
  township(name: string, admin1: string): TownshipEntry | null;
  /** The place with the township and area codes the importer would give it; a problem when a named township matches nothing. */
  code(place: Place, precision: LocationPrecision | null, lon: number, lat: number, problem: (msg: string) => void): Place;
}

/**
 * The importer's geography and coder over the shipped township files: the same matcher and the
 * same coding rules an imported row gets (no second matcher). A district-precision record that
 * names a township is coded to that township's district.
 */
function curatedGeography(inputs: DeriveInputs): CuratedGeography {
  const geography: ImportGeography = geographyFromFiles(inputs.townships, inputs.townshipMatch);
  const coder = new PlaceCoder(geography);
  const byPcode = new Map(inputs.townships.townships.map((t) => [t.pcode, t]));
  const township = (name: string, admin1: string): TownshipEntry | null => {
    const m = name.trim() === '' ? null : geography.matchTownship(name, admin1, '');
    return m === null ? null : (byPcode.get(m.pcode) ?? null);
  };
  return {
    township,
    code(place, precision, lon, lat, problem) {
      if (precision === null || !Number.isFinite(lon) || !Number.isFinite(lat)) return place;
      const named = place.township === undefined ? null : township(place.township, place.admin1);
      if (place.township !== undefined && named === null) problem(`township ${place.township} (${place.admin1}) matches no MIMU township`);
      const c = coder.code({
        precision,
        admin1: place.admin1,
        township: place.township ?? '',
        townshipPcode: '',
        district: precision === 'district' ? (named?.district_en ?? '') : '',
        lon,
        lat,
      });
      if (precision === 'district' && named !== null && c.areaCode !== named.district_pcode) problem(`district ${named.district_en} (${place.admin1}) was not coded as ${named.district_pcode}`);
      return placeWithCoding(place, c);
    },
  };
}

/** The rows of the MIMU village file with this English name in this township (names compared without case and spacing). */
function villagesNamed(places: LocalPlacesFile, name: string, tsPcode: string): LocalPlacesFile['villages'][number][] {
  const key = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  return places.villages.filter((v) => v[3] === tsPcode && key(v[0]) === key(name));
}

/** The date with the curated reader's note in place of the facts' remark. */
function readerDate(d: IncidentDate, note: string | undefined): IncidentDate {
  const { precision, start, end } = d;
  return note ? { precision, start, end, note } : { precision, start, end };
}

/**
 * The public part of a curated source, field by field: `curationNote` (and anything else not
 * named here) is dropped. Titles are real titles or null, never a bracketed placeholder; the
 * kind comes from the source or its publisher's entry in `SOURCE_KIND_BY_PUBLISHER`.
 */
export function publicSource(s: CuratedSource, problem: (msg: string) => void): SourceRef {
  if (s.title !== null && (s.title.trim() === '' || /^\[.*\]$/.test(s.title.trim()))) problem(`source title ${JSON.stringify(s.title)} is a placeholder; use null and a description`);
  const kind = s.kind ?? SOURCE_KIND_BY_PUBLISHER[s.publisher];
  if (!kind) problem(`publisher "${s.publisher}" has no kind in geo/curated/source-kinds.ts`);
  return {
    publisher: s.publisher,
    title: s.title,
    ...(s.description === undefined ? {} : { description: s.description }),
    ...(kind === undefined ? {} : { kind }),
    date: s.date,
    url: s.url,
    secondary: s.secondary,
    ...(s.via === undefined ? {} : { via: s.via }),
    ...(s.note === undefined ? {} : { note: s.note }),
  };
}

const URL_IN_TEXT = /https?:\/\/[^\s)'";]+/g;

/** The curated sources must carry exactly the URLs the facts cell gives: none dropped, none added. */
function checkUrls(factsSources: string, sources: readonly CuratedSource[], problem: (msg: string) => void): void {
  const inFacts = new Set(factsSources.match(URL_IN_TEXT) ?? []);
  const curated = new Set(sources.flatMap((s) => (s.url ? [s.url] : [])));
  for (const u of inFacts) if (!curated.has(u)) problem(`URL in the facts is missing from the curated sources: ${u}`);
  for (const u of curated) if (!inFacts.has(u)) problem(`curated URL is not in the facts: ${u}`);
}

/** The whole numbers written in a text: "4,000 from 15 villages" -> [4000, 15]. */
function numbersIn(text: string): number[] {
  return (text.match(/\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?/g) ?? []).map((t) => Number(t.replace(/,/g, '')));
}

/** True when the text contains the number as a whole token, written with or without thousands separators. */
function containsNumber(text: string, n: number): boolean {
  return numbersIn(text).includes(n);
}

/** First 12 hex digits of the SHA-256 of the JSON of a value. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 12);
}

/** The JSON text a dataset is written as (two-space indent, final newline). */
export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function req(v: string | undefined): string {
  if (v === undefined || v.trim() === '') throw new Error('missing value in a reference CSV');
  return v.trim();
}

function num(v: string | undefined): number {
  const n = Number(req(v));
  if (!Number.isFinite(n)) throw new Error(`not a number: ${v}`);
  return n;
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function main(): void {
  const data = deriveCuratedData(readDeriveInputs());
  writeFileSync(PATHS.incidentsOut, toJsonText(data.incidents));
  writeFileSync(PATHS.displacementOut, toJsonText(data.displacement));
  console.log(
    `derive-incidents: ${data.incidents.incidents.length} incidents (version ${data.incidents.version}), ` +
      `${data.displacement.figures.length} displacement figures (version ${data.displacement.version})`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
