/**
 * Derives the local geography of Myanmar (townships, districts, towns, villages, rivers, water,
 * roads) from the files in `../shared/geodata/`, read through the field mapping
 * `geo/sources/local-geo-sources.json`. Run with
 *
 *   npm run derive-local-geo [-- --data-dir DIR] [-- --sources FILE]
 *
 * (or set LOCAL_GEO_DIR). See geo/PROVENANCE.md for the sources, licences and every step.
 * Deterministic: the same inputs give byte-identical files.
 *
 * Writes:
 * - public/tiles/local/{z}/{x}/{y}.pbf  Mapbox Vector Tiles, zooms 4–10, every tile in the bounds
 * - public/tiles/local/tiles.json       TileJSON 3.0.0 metadata (bounds, zooms, layers, attribution)
 * - public/data/townships.json          township and district index for the app
 * - public/data/townships-match.json    simplified township polygons (TopoJSON) for point-in-polygon checks
 * - geo/data/townships-full.topojson    cleaned townships at source precision (for validation)
 * - public/data/places-local.json       towns and villages as rows, for the place search and the curated data
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Feature, FeatureCollection, Geometry, LineString, MultiLineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { area, bbox as bboxOf, bboxClip, booleanPointInPolygon, booleanValid, pointToPolygonDistance } from '@turf/turf';
import Papa from 'papaparse';
import { feature as topoFeature, quantize } from 'topojson-client';
import { topology } from 'topojson-server';
import type { GeometryCollection, Objects, Topology } from 'topojson-specification';
import type { Bbox4, DistrictEntry, TownshipEntry, TownshipIndex, TownshipPolygonProps } from '../src/lib/geo/township-index.ts';
import { LOCAL_PLACE_FIELDS, type LocalPlacesFile, type TownRow, type VillageRow } from '../src/lib/data/local-places.ts';
import { cleanPartition, partitionPolygons, type Partition } from './lib/clean-partition.ts';
import type { Admin1Props } from './lib/feature-props.ts';
import { jtsValidationError } from './lib/jts-valid.ts';
import { labelPoint } from './lib/label-point.ts';
import type {
  DistrictTileProps,
  RiverTileProps,
  RoadTileProps,
  TownshipLabelProps,
  TownshipTileProps,
  TownTileProps,
  VillageTileProps,
  WaterTileProps,
} from './lib/local-geo-props.ts';
import {
  INPUT_KINDS,
  type InputEntry,
  type InputKind,
  type LocalGeoSources,
  type MappedProps,
  parseLocalGeoSources,
  readFeatures,
  readRows,
  sha256Hex,
} from './lib/local-sources.ts';
import { simplifyPartition } from './lib/simplify-partition.ts';
import { type LonLatBounds, mercatorX, mercatorY, type TileLayer, tileRange, writeVectorTiles } from './lib/vector-tiles.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const path = (...parts: string[]): string => join(ROOT, ...parts);

/** Cleaning grid: 6 decimals (about 0.1 m), far below the source's ~95 m × 210 m grid. */
const GRID_DECIMALS = 6;
/** Gaps no township claims and smaller than this go to the neighbour sharing most border. */
const MAX_GAP_KM2 = 1;
/** Tiles cover this box (rivers are clipped to it); MapLibre requests nothing outside. */
const TILE_BOUNDS: LonLatBounds = [92, 9, 102, 29];
const MINZOOM = 4;
const MAXZOOM = 10;
const EXTENT = 4096;
const BUFFER = 64;
/** MapLibre's vector tiles are 512 px wide; tolerances are set in pixels of that tile. */
const TILE_PIXELS = 512;
/** Borders are simplified to half a pixel at each zoom: crisp when zoomed in, light when out. */
const BORDER_TOLERANCE_PX = 0.5;
/** Islands and other parts smaller than this many square pixels are left out of a zoom's tiles (never a township's largest part). */
const MIN_PART_PX2 = 1;
/** A water polygon enters the tiles from the first zoom where its area reaches this many square pixels. */
const MIN_WATER_PX2 = 16;
/** geojson-vt's own simplification of lines, in 1/4096 of a tile (its default). */
const LINE_TOLERANCE = 3;
/** `townships-match.json`: simplified to about 220 m, TopoJSON quantised to 1e-4° (about 11 m). */
const MATCH_TOLERANCE = 0.002;
const MATCH_DECIMALS = 4;
/** ... but at most this fraction of a township's size (square root of its area), for city townships. */
const MATCH_RELATIVE_TOLERANCE = 0.01;
/** Label points are searched on polygons simplified to about 550 m first (see labelsOf). */
const LABEL_TOLERANCE = 0.005;
const INDEX_DECIMALS = 4;
/** Layer name → first zoom it appears at (written into tiles.json). */
const LAYER_MINZOOM = {
  townships: 4,
  rivers: 4,
  districts: 5,
  district_labels: 5,
  towns: 5,
  water: 6,
  roads: 6,
  township_labels: 7,
  villages: 10,
} as const;
/** Towns other than capitals, the dense GSHHG rivers, and secondary roads and trails start here. */
const TOWNS_ALL_MINZOOM = 7;
const DENSE_RIVERS_MINZOOM = 8;
const ROADS_ALL_MINZOOM = 8;

type Areal = Polygon | MultiPolygon;
type Linear = LineString | MultiLineString;

const started = Date.now();

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const dataDir = resolve(argValue('--data-dir') ?? process.env.LOCAL_GEO_DIR ?? path('..', 'shared', 'geodata'));
const sourcesFile = resolve(argValue('--sources') ?? path('geo', 'sources', 'local-geo-sources.json'));
const sources: LocalGeoSources = parseLocalGeoSources(readFileSync(sourcesFile, 'utf8'));
const entry = (kind: InputKind): InputEntry => sources.inputs[sources.use[kind]]!;

let lastStep = process.cpuUsage();
function log(message: string): void {
  console.log(message);
}
/** Logs a step's heading with the CPU time the previous step took (wall time varies on a shared machine). */
function step(message: string): void {
  const used = process.cpuUsage(lastStep);
  console.log(`[${((used.user + used.system) / 1e6).toFixed(1)} s CPU] ${message}`);
  lastStep = process.cpuUsage();
}

function fail(message: string): never {
  throw new Error(`derive-local-geo: ${message}`);
}

function writeJson(file: string, data: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  const text = `${JSON.stringify(data)}\n`;
  writeFileSync(file, text);
  const kb = (n: number): string => (n / 1024).toFixed(1);
  log(`  ${relative(ROOT, file)}: ${kb(Buffer.byteLength(text))} KB, ${kb(gzipSync(text).length)} KB gzip`);
}

const round = (n: number, decimals: number): number => Math.round(n * 10 ** decimals) / 10 ** decimals;

/** Degrees per pixel of a 512-px tile at zoom z (at the equator; enough for tolerances). */
const pixelDegrees = (z: number): number => 360 / (TILE_PIXELS * 2 ** z);

const jtsError = jtsValidationError;

function polygonsOf(geometry: Areal): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

function areal(geometry: Geometry): geometry is Areal {
  return geometry.type === 'Polygon' || geometry.type === 'MultiPolygon';
}

function required(props: MappedProps, field: string, what: string): string {
  const value = props[field];
  if (value === null || value === undefined) fail(`${what} has no ${field}`);
  return value;
}

/** Bounding box rounded outwards to 4 decimals, so it still holds the polygon. */
function bbox4(geometry: Geometry): Bbox4 {
  const [w, s, e, n] = bboxOf(geometry);
  const f = 10 ** INDEX_DECIMALS;
  return [Math.floor(w * f) / f, Math.floor(s * f) / f, Math.ceil(e * f) / f, Math.ceil(n * f) / f];
}

const km2Rounded = (geometry: Areal): number => Math.round(area(geometry) / 1e6 / 10) * 10;

// ---------------------------------------------------------------------------------------------
// Townships: read, check, clean
// ---------------------------------------------------------------------------------------------

interface Township {
  pcode: string;
  name_en: string;
  name_my: string;
  district_pcode: string;
  district_en: string;
  admin1: string;
  state_en: string | null;
  source_area_km2: number | null;
}

function readTownships(): FeatureCollection<Areal, Township> {
  const input = entry('townships');
  step(`townships: ${input.file}${input.object ? ` (object ${input.object})` : ''}`);
  const raw = readFeatures(dataDir, input);
  const seen = new Set<string>();
  const features = raw.features.map((f): Feature<Areal, Township> => {
    const p = f.properties;
    const pcode = required(p, 'pcode', 'a township');
    const what = `township ${pcode}`;
    if (seen.has(pcode)) fail(`${what} appears twice`);
    seen.add(pcode);
    if (!areal(f.geometry)) fail(`${what} is a ${f.geometry.type}, not a polygon`);
    const adminKey = p[sources.admin1.from];
    const admin1 = adminKey ? sources.admin1.values[adminKey] : undefined;
    if (!admin1) fail(`${what}: no app state/region for ${sources.admin1.from} = ${adminKey}`);
    const sourceArea = p.source_area_km2 ? Number(p.source_area_km2) : null;
    return {
      type: 'Feature',
      properties: {
        pcode,
        name_en: required(p, 'name_en', what),
        name_my: required(p, 'name_my', what),
        district_pcode: required(p, 'district_pcode', what),
        district_en: required(p, 'district_en', what),
        admin1,
        state_en: p.state_en ?? null,
        source_area_km2: sourceArea !== null && Number.isFinite(sourceArea) ? sourceArea : null,
      },
      geometry: f.geometry,
    };
  });
  features.sort((a, b) => a.properties.pcode.localeCompare(b.properties.pcode));
  return { type: 'FeatureCollection', features };
}

const townships = readTownships();
const before = {
  jts: townships.features.filter((f) => jtsError(f.geometry) !== null).length,
  turf: townships.features.filter((f) => !booleanValid(f)).length,
};
log(`  ${townships.features.length} townships; invalid as shipped: ${before.jts} (JTS IsValidOp), ${before.turf} (@turf/boolean-valid)`);

const { cleaned, partition, report } = cleanPartition(townships, { decimals: GRID_DECIMALS, maxGapKm2: MAX_GAP_KM2 });
const after = {
  jts: cleaned.features.filter((f) => jtsError(f.geometry) !== null),
  turf: cleaned.features.filter((f) => !booleanValid(f)).length,
};
if (after.jts.length > 0) fail(`still invalid after cleaning: ${after.jts.map((f) => f.properties.pcode).join(', ')}`);
const { notable, ...counts } = report;
step(`  cleaned: ${JSON.stringify({ ...counts, overlapKm2: round(counts.overlapKm2, 2), filledGapKm2: round(counts.filledGapKm2, 2), holeKm2: round(counts.holeKm2, 2) })}`);
for (const n of notable) {
  const names = n.features.map((i) => cleaned.features[i]!.properties.name_en).join(' / ');
  const to = n.owner >= 0 ? cleaned.features[n.owner]!.properties.name_en : 'left empty';
  log(`    ${n.kind} ${n.km2.toFixed(2)} km² at ${n.at.join(', ')} (${names}) → ${to}`);
}
log(`  invalid after cleaning: 0 (JTS IsValidOp), ${after.turf} (@turf/boolean-valid, which rejects parts that touch at one point: Turfjs/turf#2328)`);

// ---------------------------------------------------------------------------------------------
// Districts: dissolve the cleaned townships; names
// ---------------------------------------------------------------------------------------------

interface District {
  pcode: string;
  name_en: string;
  name_my: string | null;
  admin1: string;
}

function deriveDistricts(): FeatureCollection<Areal, District> {
  const byPcode = new Map<string, District>();
  for (const t of cleaned.features.map((f) => f.properties)) {
    const known = byPcode.get(t.district_pcode);
    if (!known) {
      byPcode.set(t.district_pcode, { pcode: t.district_pcode, name_en: t.district_en, name_my: null, admin1: t.admin1 });
    } else if (known.name_en !== t.district_en || known.admin1 !== t.admin1) {
      fail(`district ${t.district_pcode} is "${known.name_en}" (${known.admin1}) and "${t.district_en}" (${t.admin1})`);
    }
  }
  const names = readFeatures(dataDir, entry('district_names'));
  step(`districts: dissolved from the cleaned townships; Burmese names from ${entry('district_names').file}`);
  const namesByPcode = new Map<string, MappedProps>();
  for (const f of names.features) {
    const pcode = f.properties.pcode;
    if (pcode) namesByPcode.set(pcode, f.properties);
  }
  for (const d of byPcode.values()) {
    const row = namesByPcode.get(d.pcode);
    d.name_my = row?.name_my ?? null;
    if (row && row.name_en && row.name_en !== d.name_en) {
      log(`  ${d.pcode}: district file says "${row.name_en}", townships say "${d.name_en}"; Burmese name ${row.name_my} kept (same pcode)`);
    }
  }
  const unknown = [...namesByPcode.keys()].filter((p) => !byPcode.has(p)).sort();
  const missing = [...byPcode.values()].filter((d) => d.name_my === null).map((d) => d.pcode);
  log(`  ${byPcode.size} districts; district-file pcodes not in the townships: ${unknown.join(', ') || 'none'}; without a Burmese name: ${missing.join(', ') || 'none'}`);
  const polygons = partitionPolygons(partition, (i) => cleaned.features[i]!.properties.district_pcode);
  const features = [...byPcode.values()]
    .sort((a, b) => a.pcode.localeCompare(b.pcode))
    .map((d): Feature<Areal, District> => {
      const geometry = polygons.get(d.pcode) ?? fail(`district ${d.pcode} has no polygon`);
      const error = jtsError(geometry);
      if (error) fail(`district ${d.pcode} is invalid: ${error}`);
      return { type: 'Feature', properties: d, geometry };
    });
  return { type: 'FeatureCollection', features };
}

const districts = deriveDistricts();

// ---------------------------------------------------------------------------------------------
// Label points, areas, the check against Natural Earth's states and regions
// ---------------------------------------------------------------------------------------------

/**
 * Label points (geo/lib/label-point.ts) searched on simplified polygons, coarsest first: the
 * search is many times faster on them and moves the point by far less than a label's size. A
 * point must lie inside the full polygon, or the search is repeated on finer polygons.
 */
function labelsOf<P extends object>(collection: FeatureCollection<Areal, P>, levels: Map<string, Areal>[], key: (p: P) => string): Feature<Point, P>[] {
  return collection.features.map((f) => {
    for (const level of [...levels.map((l) => l.get(key(f.properties))), f.geometry]) {
      if (!level) continue;
      const label = labelPoint({ ...f, geometry: level });
      label.geometry.coordinates = label.geometry.coordinates.map((n) => round(n, INDEX_DECIMALS));
      if (booleanPointInPolygon(label.geometry, f.geometry)) return label;
    }
    return fail(`no label point inside ${key(f.properties)}`);
  });
}

step('label points');
const labelNodes = simplifyPartition(partition, LABEL_TOLERANCE);
// Small (city) townships are simplified less, in proportion to their size, so they keep their shape.
const sizeDegrees = cleaned.features.map((f) => Math.sqrt(area(f.geometry)) / 111_320);
const matchNodes = simplifyPartition(partition, MATCH_TOLERANCE, { ownerTolerance: (i) => MATCH_RELATIVE_TOLERANCE * sizeDegrees[i]! });
const byTownship = (i: number): string => cleaned.features[i]!.properties.pcode;
const byDistrict = (i: number): string => cleaned.features[i]!.properties.district_pcode;
const matchTownships = partitionPolygons(partition, byTownship, matchNodes.kept);
const townshipLabels = labelsOf(cleaned, [partitionPolygons(partition, byTownship, labelNodes.kept), matchTownships], (p) => p.pcode);
const districtLabels = labelsOf(
  districts,
  [partitionPolygons(partition, byDistrict, labelNodes.kept), partitionPolygons(partition, byDistrict, matchNodes.kept)],
  (p) => p.pcode,
);

{
  const ne = JSON.parse(readFileSync(path('geo', 'data', 'myanmar-admin1-full.geojson'), 'utf8')) as FeatureCollection<Areal, Admin1Props>;
  const mismatches = townshipLabels.flatMap((label) => {
    const unit = ne.features.find((u) => booleanPointInPolygon(label, u));
    const name = unit?.properties.name_en ?? 'none';
    return name === label.properties.admin1 ? [] : [`${label.properties.name_en} (${label.properties.admin1}) in ${name}`];
  });
  step(`admin1: township label points in the Natural Earth unit of the same name: ${townshipLabels.length - mismatches.length} of ${townshipLabels.length}${mismatches.length ? `; others: ${mismatches.join('; ')}` : ''}`);
}

const tabayin = cleaned.features.find((f) => f.properties.pcode === 'MMR005010');
if (tabayin) {
  log(`  Tabayin MMR005010: ${(area(tabayin) / 1e6).toFixed(1)} km² geodesic (source Area field ${tabayin.properties.source_area_km2} km²)`);
}

// ---------------------------------------------------------------------------------------------
// Towns, capitals, villages
// ---------------------------------------------------------------------------------------------

/** The cleaned township that holds a point, or the nearest one (with its distance) for points on the coast. */
function townshipAt(point: Feature<Point>): { pcode: string; km: number } {
  const inside = cleaned.features.find((f) => booleanPointInPolygon(point, f));
  if (inside) return { pcode: inside.properties.pcode, km: 0 };
  let best = { pcode: '', km: Infinity };
  for (const f of cleaned.features) {
    const km = polygonsOf(f.geometry).reduce(
      (min, rings) => Math.min(min, pointToPolygonDistance(point, { type: 'Polygon', coordinates: rings }, { units: 'kilometers' })),
      Infinity,
    );
    if (km < best.km) best = { pcode: f.properties.pcode, km };
  }
  return best;
}

interface CapitalRow {
  town_pcode: string;
  name_en: string;
  capital_of: string;
  source: string;
}

function deriveTowns(): FeatureCollection<Point, TownTileProps> {
  const input = entry('towns');
  const { rows, dropped } = readRows(dataDir, input);
  const capitalsText = readFileSync(path('geo', 'sources', 'state-capitals.csv'), 'utf8');
  const capitals = Papa.parse<CapitalRow>(capitalsText, { header: true, skipEmptyLines: true }).data;
  step(`towns: ${input.file}: ${rows.length + dropped} rows, ${dropped} not active; capitals from geo/sources/state-capitals.csv (${capitals.length})`);
  const features: Feature<Point, TownTileProps>[] = [];
  const noCoordinates: string[] = [];
  const otherTownship: string[] = [];
  const outside: string[] = [];
  for (const row of rows) {
    const pcode = required(row, 'pcode', 'a town');
    const lon = Number(row.lon);
    const lat = Number(row.lat);
    if (row.lon === null || row.lat === null || !Number.isFinite(lon) || !Number.isFinite(lat)) {
      noCoordinates.push(pcode);
      continue;
    }
    const point: Feature<Point> = { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [lon, lat] } };
    const at = townshipAt(point);
    if (at.km > 0) outside.push(`${pcode} ${at.km.toFixed(2)} km from ${at.pcode}`);
    if (row.township_pcode && row.township_pcode !== at.pcode) otherTownship.push(`${pcode} (${row.township_pcode} → ${at.pcode})`);
    features.push({
      type: 'Feature',
      properties: {
        pcode,
        name_en: required(row, 'name_en', `town ${pcode}`).replace(/\s*Town$/, ''),
        name_my: required(row, 'name_my', `town ${pcode}`),
        ts_pcode: at.pcode,
        capital: capitals.some((c) => c.town_pcode === pcode) ? 1 : 0,
      },
      geometry: point.geometry,
    });
  }
  for (const c of capitals) {
    const town = features.find((f) => f.properties.pcode === c.town_pcode);
    if (!town) fail(`capital ${c.name_en} (${c.town_pcode}) is not an active town with coordinates`);
    if (town.properties.name_en.toLowerCase() !== c.name_en.toLowerCase()) fail(`capital ${c.town_pcode} is "${town.properties.name_en}", not "${c.name_en}"`);
  }
  features.sort((a, b) => a.properties.pcode.localeCompare(b.properties.pcode));
  log(`  ${features.length} towns kept; without coordinates: ${noCoordinates.join(', ') || 'none'}`);
  log(`  outside every 2014 township polygon (given the nearest): ${outside.length}${outside.length ? ` (${outside.join('; ')})` : ''}`);
  log(`  2025 township code differs from the 2014 polygon that holds the town: ${otherTownship.length}`);
  return { type: 'FeatureCollection', features };
}

const towns = deriveTowns();

function deriveVillages(): FeatureCollection<Point, VillageTileProps> {
  const input = entry('villages');
  const raw = readFeatures(dataDir, input);
  const region = input.admin1 ?? fail('the villages entry names no admin1');
  const inRegion = cleaned.features.filter((f) => f.properties.admin1 === region);
  const misplaced: string[] = [];
  const features = raw.features.map((f): Feature<Point, VillageTileProps> => {
    if (f.geometry.type !== 'Point') fail(`village ${f.properties.name_en} is a ${f.geometry.type}`);
    const tsName = required(f.properties, 'township_en', 'a village');
    const ts = inRegion.find((t) => t.properties.name_en.toLowerCase() === tsName.toLowerCase());
    if (!ts) fail(`village township "${tsName}" is not a township of ${region}`);
    const name = required(f.properties, 'name_en', 'a village');
    if (!booleanPointInPolygon(f as Feature<Point>, ts)) misplaced.push(`${name} (${tsName})`);
    return {
      type: 'Feature',
      properties: {
        name_en: name,
        name_my: required(f.properties, 'name_my', `village ${name}`),
        vt: required(f.properties, 'village_tract', `village ${name}`),
        ts_pcode: ts.properties.pcode,
      },
      geometry: f.geometry,
    };
  });
  const perTownship = new Map<string, number>();
  for (const f of features) perTownship.set(f.properties.ts_pcode, (perTownship.get(f.properties.ts_pcode) ?? 0) + 1);
  step(`villages: ${input.file}: ${features.length} points in ${perTownship.size} townships (Tabayin ${perTownship.get('MMR005010') ?? 0}); outside their stated township's 2014 polygon: ${misplaced.length}`);
  return { type: 'FeatureCollection', features };
}

const villages = deriveVillages();

// ---------------------------------------------------------------------------------------------
// Rivers, water, roads
// ---------------------------------------------------------------------------------------------

/** Clips lines to the tile bounds and drops what falls outside. */
function clipLines<P>(features: Feature<Geometry, P>[]): Feature<Linear, P>[] {
  const [w, s, e, n] = TILE_BOUNDS;
  return features.flatMap((f) => {
    if (f.geometry.type !== 'LineString' && f.geometry.type !== 'MultiLineString') fail(`expected lines, got ${f.geometry.type}`);
    const clipped = bboxClip(f.geometry, [w, s, e, n]).geometry as Linear;
    const lines = (clipped.type === 'LineString' ? [clipped.coordinates] : clipped.coordinates).filter((l) => l.length >= 2);
    if (lines.length === 0) return [];
    const geometry: Linear = lines.length === 1 ? { type: 'LineString', coordinates: lines[0]! } : { type: 'MultiLineString', coordinates: lines };
    return [{ type: 'Feature', properties: f.properties, geometry }];
  });
}

const namedRivers = clipLines(
  readFeatures(dataDir, entry('named_rivers')).features.map((f): Feature<Geometry, RiverTileProps> => {
    const scalerank = Number(f.properties.scalerank);
    const props: RiverTileProps = { scalerank };
    if (f.properties.name) props.name = f.properties.name;
    return { type: 'Feature', properties: props, geometry: f.geometry };
  }),
);
const denseRivers = clipLines(
  readFeatures(dataDir, entry('dense_rivers')).features.map(
    (f): Feature<Geometry, RiverTileProps> => ({ type: 'Feature', properties: { class: Number(f.properties.class) }, geometry: f.geometry }),
  ),
);
step(`rivers: ${entry('named_rivers').file}: ${namedRivers.length} lines in the box (${namedRivers.filter((f) => f.properties.name).length} named); ${entry('dense_rivers').file}: ${denseRivers.length} lines`);

interface WaterFeature {
  feature: Feature<Areal, WaterTileProps>;
  minzoom: number;
}

function waterFeatures(): WaterFeature[] {
  const lakes = readFeatures(dataDir, entry('lakes')).features.map((f): Feature<Geometry, WaterTileProps> => ({ type: 'Feature', properties: { kind: 'lake' }, geometry: f.geometry }));
  const areas = readFeatures(dataDir, entry('water_areas')).features.map((f): Feature<Geometry, WaterTileProps> => {
    const props: WaterTileProps = { kind: (f.properties.kind ?? fail('water area without kind')) as WaterTileProps['kind'] };
    if (f.properties.name) props.name = f.properties.name;
    if (f.properties.regime) props.regime = f.properties.regime as WaterTileProps['regime'];
    return { type: 'Feature', properties: props, geometry: f.geometry };
  });
  const all = [...areas, ...lakes];
  const out = all.map((f): WaterFeature => {
    if (!areal(f.geometry)) fail(`water: expected polygons, got ${f.geometry.type}`);
    const [w, s, e, n] = bboxOf(f.geometry);
    // Square degrees of the box, a cheap upper bound of what the polygon covers on screen.
    const size = (e - w) * (n - s);
    let minzoom = LAYER_MINZOOM.water;
    while (minzoom < MAXZOOM && size < MIN_WATER_PX2 * pixelDegrees(minzoom) ** 2) minzoom++;
    return { feature: f as Feature<Areal, WaterTileProps>, minzoom };
  });
  const byZoom = new Map<number, number>();
  for (const w of out) byZoom.set(w.minzoom, (byZoom.get(w.minzoom) ?? 0) + 1);
  step(`water: ${areas.length} DCW areas (${areas.filter((f) => f.properties.name).length} named) + ${lakes.length} GSHHG lakes; first zoom: ${[...byZoom].sort((a, b) => a[0] - b[0]).map(([z, n]) => `z${z} ${n}`).join(', ')}`);
  return out;
}

const water = waterFeatures();

const roads = readFeatures(dataDir, entry('roads')).features.map((f): Feature<Geometry, RoadTileProps> => ({
  type: 'Feature',
  properties: { class: f.properties.class as RoadTileProps['class'], kind: f.properties.kind as RoadTileProps['kind'] },
  geometry: f.geometry,
}));
const clippedRoads = clipLines(roads);
step(`roads: ${entry('roads').file}: ${clippedRoads.length} lines (${clippedRoads.filter((f) => f.properties.class === 'p').length} primary, ${clippedRoads.filter((f) => f.properties.class === 's').length} secondary, ${clippedRoads.filter((f) => f.properties.kind === 't').length} trails)`);

// ---------------------------------------------------------------------------------------------
// Vector tiles
// ---------------------------------------------------------------------------------------------

function collection<G extends Geometry, P>(features: Feature<G, P>[]): FeatureCollection<G, P> {
  return { type: 'FeatureCollection', features };
}

/** Leaves out parts smaller than `minArea` (square degrees), never a feature's largest part. */
function dropSmallParts(geometry: Areal, minArea: number): Areal {
  if (geometry.type === 'Polygon') return geometry;
  const sizes = geometry.coordinates.map((rings) => {
    const [w, s, e, n] = bboxOf({ type: 'Polygon', coordinates: rings });
    return (e - w) * (n - s);
  });
  const largest = sizes.indexOf(Math.max(...sizes));
  const parts = geometry.coordinates.filter((_, i) => i === largest || sizes[i]! >= minArea);
  return parts.length === 1 ? { type: 'Polygon', coordinates: parts[0]! } : { type: 'MultiPolygon', coordinates: parts };
}

interface ZoomBorders {
  townships: FeatureCollection<Areal, TownshipTileProps>;
  districts: FeatureCollection<Areal, DistrictTileProps>;
  kept: number;
  lowered: number;
}

function bordersAtZoom(p: Partition, z: number): ZoomBorders {
  const tolerance = BORDER_TOLERANCE_PX * pixelDegrees(z);
  const simplified = simplifyPartition(p, tolerance);
  if (simplified.unresolved > 0) fail(`z${z}: ${simplified.unresolved} simplified borders still cross`);
  const minArea = MIN_PART_PX2 * pixelDegrees(z) ** 2;
  const ts = partitionPolygons(p, (i) => cleaned.features[i]!.properties.pcode, simplified.kept);
  const ds = partitionPolygons(p, (i) => cleaned.features[i]!.properties.district_pcode, simplified.kept);
  const townshipFeatures = cleaned.features.map((f): Feature<Areal, TownshipTileProps> => {
    const t = f.properties;
    const geometry = ts.get(t.pcode) ?? fail(`z${z}: township ${t.pcode} vanished`);
    return {
      type: 'Feature',
      properties: { pcode: t.pcode, name_en: t.name_en, name_my: t.name_my, district_pcode: t.district_pcode, admin1: t.admin1 },
      geometry: dropSmallParts(geometry, minArea),
    };
  });
  const districtFeatures = districts.features.map((f): Feature<Areal, DistrictTileProps> => {
    const d = f.properties;
    const geometry = ds.get(d.pcode) ?? fail(`z${z}: district ${d.pcode} vanished`);
    const props: DistrictTileProps = { pcode: d.pcode, name_en: d.name_en };
    if (d.name_my) props.name_my = d.name_my;
    return { type: 'Feature', properties: props, geometry: dropSmallParts(geometry, minArea) };
  });
  return { townships: collection(townshipFeatures), districts: collection(districtFeatures), kept: simplified.keptCount, lowered: simplified.lowered };
}

function tileLayers(): { layers: TileLayer[]; simplification: string[] } {
  const borders = new Map<number, ZoomBorders>();
  const simplification: string[] = [];
  for (let z = MINZOOM; z <= MAXZOOM; z++) {
    const b = bordersAtZoom(partition, z);
    borders.set(z, b);
    simplification.push(`z${z}: ${(BORDER_TOLERANCE_PX * pixelDegrees(z)).toFixed(5)}° → ${b.kept} border vertices (${b.lowered} borders simplified less to avoid a crossing)`);
  }
  const townshipLabelFc = collection(
    townshipLabels.map((l): Feature<Point, TownshipLabelProps> => ({
      type: 'Feature',
      properties: { pcode: l.properties.pcode, name_en: l.properties.name_en, name_my: l.properties.name_my },
      geometry: l.geometry,
    })),
  );
  const districtLabelFc = collection(
    districtLabels.map((l): Feature<Point, DistrictTileProps> => {
      const props: DistrictTileProps = { pcode: l.properties.pcode, name_en: l.properties.name_en };
      if (l.properties.name_my) props.name_my = l.properties.name_my;
      return { type: 'Feature', properties: props, geometry: l.geometry };
    }),
  );
  const capitalsOnly = collection(towns.features.filter((f) => f.properties.capital === 1));
  const riversNamed = collection(namedRivers);
  const riversAll = collection([...namedRivers, ...denseRivers]);
  const roadsPrimary = collection(clippedRoads.filter((f) => f.properties.class === 'p'));
  const roadsAll = collection(clippedRoads);
  const waterByZoom = new Map<number, FeatureCollection<Areal, WaterTileProps>>();
  for (let z = LAYER_MINZOOM.water; z <= MAXZOOM; z++) waterByZoom.set(z, collection(water.filter((w) => w.minzoom <= z).map((w) => w.feature)));
  const from = (z: number, min: number): boolean => z >= min;
  const layers: TileLayer[] = [
    { name: 'water', tolerance: LINE_TOLERANCE, featuresAt: (z) => waterByZoom.get(z) ?? null },
    { name: 'rivers', tolerance: LINE_TOLERANCE, featuresAt: (z) => (z >= DENSE_RIVERS_MINZOOM ? riversAll : riversNamed) },
    { name: 'roads', tolerance: LINE_TOLERANCE, featuresAt: (z) => (!from(z, LAYER_MINZOOM.roads) ? null : z >= ROADS_ALL_MINZOOM ? roadsAll : roadsPrimary) },
    // Simplified above, border by border: geojson-vt must not simplify again, or neighbours would part.
    { name: 'townships', tolerance: 0, featuresAt: (z) => borders.get(z)?.townships ?? null },
    { name: 'districts', tolerance: 0, featuresAt: (z) => (from(z, LAYER_MINZOOM.districts) ? (borders.get(z)?.districts ?? null) : null) },
    { name: 'township_labels', tolerance: 0, featuresAt: (z) => (from(z, LAYER_MINZOOM.township_labels) ? townshipLabelFc : null) },
    { name: 'district_labels', tolerance: 0, featuresAt: (z) => (from(z, LAYER_MINZOOM.district_labels) ? districtLabelFc : null) },
    { name: 'towns', tolerance: 0, featuresAt: (z) => (!from(z, LAYER_MINZOOM.towns) ? null : z >= TOWNS_ALL_MINZOOM ? towns : capitalsOnly) },
    { name: 'villages', tolerance: 0, featuresAt: (z) => (from(z, LAYER_MINZOOM.villages) ? villages : null) },
  ];
  return { layers, simplification };
}

const TILES_DIR = path('public', 'tiles', 'local');
/** MIMU's terms ask for "Source: MIMU"; GSHHG's licence is named because it is not public domain. */
const ATTRIBUTION =
  'Source: MIMU (townships, districts, towns, villages) · Rivers: Natural Earth, GSHHG (LGPL-3.0-or-later) · Water: Digital Chart of the World · Roads: VMap0 (1990s)';

/** Fields of each layer for tiles.json, from the property types in geo/lib/local-geo-props.ts. */
const LAYER_FIELDS: Record<keyof typeof LAYER_MINZOOM, Record<string, string>> = {
  townships: {
    pcode: 'String: MIMU township place code (use as promoteId)',
    name_en: 'String',
    name_my: 'String: Burmese (Unicode)',
    district_pcode: 'String',
    admin1: 'String: the app state/region name (Shan, Bago and Mandalay incl. Nay Pyi Taw as one each)',
  },
  township_labels: { pcode: 'String', name_en: 'String', name_my: 'String' },
  districts: { pcode: 'String', name_en: 'String', name_my: 'String (absent when unknown)' },
  district_labels: { pcode: 'String', name_en: 'String', name_my: 'String (absent when unknown)' },
  towns: {
    pcode: 'String: MIMU town place code',
    name_en: 'String (without " Town")',
    name_my: 'String',
    ts_pcode: 'String: township (2014 polygon holding the point)',
    capital: 'Number: 1 state/region capital or Nay Pyi Taw (from z5), 0 other towns (from z7)',
  },
  villages: { name_en: 'String', name_my: 'String', vt: 'String: village tract', ts_pcode: 'String' },
  rivers: {
    name: 'String: Natural Earth name (some NE lines have none)',
    scalerank: 'Number: Natural Earth scalerank (NE lines only, from z4)',
    class: 'Number: GSHHG WDBII class 1 double-lined river, 2 permanent major, 3 additional major, 4 additional, 10 minor canal (GSHHG lines only, from z8)',
  },
  water: {
    name: 'String: DCW name where known',
    kind: 'String: water (DCW inland water), flood (DCW land subject to inundation), lake (GSHHG)',
    regime: 'String: perennial or intermittent (DCW only)',
  },
  roads: { class: 'String: p primary (from z6), s secondary, u unknown (from z8)', kind: 'String: r road, t trail' },
};

function deriveTiles(): void {
  step(`tiles: ${relative(ROOT, TILES_DIR)}/{z}/{x}/{y}.pbf, z${MINZOOM}–${MAXZOOM}, bounds ${TILE_BOUNDS.join(', ')}`);
  const { layers, simplification } = tileLayers();
  for (const line of simplification) log(`  ${line}`);
  rmSync(TILES_DIR, { recursive: true, force: true });
  const stats = writeVectorTiles(TILES_DIR, layers, { bounds: TILE_BOUNDS, minzoom: MINZOOM, maxzoom: MAXZOOM, extent: EXTENT, buffer: BUFFER });
  let files = 0;
  let bytes = 0;
  for (const z of stats.zooms) {
    files += z.files;
    bytes += z.bytes;
    log(`  z${z.z}: ${z.files} files (${z.emptyFiles} empty), ${(z.bytes / 1024).toFixed(1)} KB, ${(z.gzipBytes / 1024).toFixed(1)} KB gzip`);
  }
  log(`  total: ${files} files, ${(bytes / 1024 / 1024).toFixed(2)} MB`);
  for (const view of VIEWS) {
    const tiles = viewTiles(view);
    const gz = tiles.reduce((sum, key) => sum + (stats.sizes.get(key)?.gzipBytes ?? 0), 0);
    const raw = tiles.reduce((sum, key) => sum + (stats.sizes.get(key)?.bytes ?? 0), 0);
    log(`  ${view.name}: ${tiles.length} tiles (${tiles.join(' ')}), ${(raw / 1024).toFixed(1)} KB, ${(gz / 1024).toFixed(1)} KB gzip`);
  }
  const vectorLayers = (Object.keys(LAYER_MINZOOM) as (keyof typeof LAYER_MINZOOM)[]).map((id) => ({
    id,
    minzoom: LAYER_MINZOOM[id],
    maxzoom: MAXZOOM,
    fields: LAYER_FIELDS[id],
  }));
  writeJson(join(TILES_DIR, 'tiles.json'), {
    tilejson: '3.0.0',
    name: 'Conflict Map local geography of Myanmar',
    description: 'Townships and districts (MIMU 2014 boundaries, cleaned), towns, a partial set of Sagaing villages, rivers, water and 1990s roads. No terrain. See geo/PROVENANCE.md.',
    version: '1.0.0',
    scheme: 'xyz',
    tiles: ['{z}/{x}/{y}.pbf'],
    minzoom: MINZOOM,
    maxzoom: MAXZOOM,
    bounds: TILE_BOUNDS,
    center: [96.6, 19.6, 5],
    attribution: ATTRIBUTION,
    format: 'pbf',
    extent: EXTENT,
    buffer: BUFFER,
    vector_layers: vectorLayers,
  });
}

/** A map view to report the tile fetch of: the default country view and Tabayin close up. */
interface View {
  name: string;
  lon: number;
  lat: number;
  zoom: number;
  width: number;
  height: number;
}

const VIEWS: View[] = [
  { name: 'country view (z4.9 at 19.6 N, 96.6 E, 1000×800 px)', lon: 96.6, lat: 19.6, zoom: 4.9, width: 1000, height: 800 },
  { name: 'Tabayin (z10 at 22.68 N, 95.35 E, 1000×800 px)', lon: 95.35, lat: 22.68, zoom: 10, width: 1000, height: 800 },
];

/** The tiles (inside the bounds) a map of this size requests: MapLibre covers the view with 512-px tiles at floor(zoom). */
function viewTiles(view: View): string[] {
  const z = Math.min(MAXZOOM, Math.floor(view.zoom));
  const worldPx = TILE_PIXELS * 2 ** view.zoom;
  const cx = mercatorX(view.lon) * worldPx;
  const cy = mercatorY(view.lat) * worldPx;
  const tilePx = worldPx / 2 ** z;
  const range = tileRange(TILE_BOUNDS, z);
  const out: string[] = [];
  for (let x = Math.floor((cx - view.width / 2) / tilePx); x <= Math.floor((cx + view.width / 2) / tilePx); x++) {
    for (let y = Math.floor((cy - view.height / 2) / tilePx); y <= Math.floor((cy + view.height / 2) / tilePx); y++) {
      if (x >= range.minX && x <= range.maxX && y >= range.minY && y <= range.maxY) out.push(`${z}/${x}/${y}`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Township index, match polygons, full TopoJSON
// ---------------------------------------------------------------------------------------------

function deriveIndex(): void {
  const inputs: Record<string, string> = {};
  for (const kind of INPUT_KINDS) inputs[entry(kind).file] = entry(kind).sha256;
  const labelOf = (labels: Feature<Point>[], i: number): [number, number] => {
    const [x = NaN, y = NaN] = labels[i]!.geometry.coordinates;
    return [x, y];
  };
  const townshipEntries = cleaned.features.map((f, i): TownshipEntry => {
    const t = f.properties;
    return {
      pcode: t.pcode,
      name_en: t.name_en,
      name_my: t.name_my,
      district_pcode: t.district_pcode,
      district_en: t.district_en,
      admin1: t.admin1,
      area_km2: km2Rounded(f.geometry),
      label: labelOf(townshipLabels, i),
      bbox: bbox4(f.geometry),
    };
  });
  const districtEntries = districts.features.map((f, i): DistrictEntry => ({
    pcode: f.properties.pcode,
    name_en: f.properties.name_en,
    name_my: f.properties.name_my,
    admin1: f.properties.admin1,
    area_km2: km2Rounded(f.geometry),
    label: labelOf(districtLabels, i),
    bbox: bbox4(f.geometry),
  }));
  const records = { townships: townshipEntries, districts: districtEntries };
  const version = sha256Hex(JSON.stringify({ inputs, ...records })).slice(0, 12);
  const index: TownshipIndex = { version, inputs, ...records };
  step('township index');
  writeJson(path('public', 'data', 'townships.json'), index);

  const polygons = collection(
    cleaned.features.map((f): Feature<Areal, TownshipPolygonProps> => ({
      type: 'Feature',
      properties: { pcode: f.properties.pcode },
      geometry: matchTownships.get(f.properties.pcode) ?? fail(`match: ${f.properties.pcode} vanished`),
    })),
  );
  // TopoJSON stores each shared border once: about a third of the GeoJSON's size.
  const matchGrid = 1 / 10 ** MATCH_DECIMALS;
  const [west, south] = TILE_BOUNDS;
  const matchTopology = quantize(topology({ townships: polygons }) as Topology<Objects<{}>>, { scale: [matchGrid, matchGrid], translate: [west, south] });
  const decoded = topoFeature(matchTopology, matchTopology.objects.townships as GeometryCollection) as FeatureCollection<Areal, TownshipPolygonProps>;
  const invalid = decoded.features.filter((f) => jtsError(f.geometry) !== null).map((f) => f.properties.pcode);
  step(`township match polygons: simplified to ${MATCH_TOLERANCE}° (at most ${MATCH_RELATIVE_TOLERANCE} × a township's size), TopoJSON on a ${matchGrid}° grid; JTS-invalid once decoded: ${invalid.join(', ') || 'none'}`);
  writeJson(path('public', 'data', 'townships-match.json'), matchTopology);

  const full = collection(
    cleaned.features.map((f) => ({
      type: 'Feature' as const,
      properties: {
        pcode: f.properties.pcode,
        name_en: f.properties.name_en,
        name_my: f.properties.name_my,
        district_pcode: f.properties.district_pcode,
        district_en: f.properties.district_en,
        admin1: f.properties.admin1,
      },
      geometry: f.geometry,
    })),
  );
  // The cleaned vertices lie on a 1e-6° grid: quantising on that very grid loses nothing.
  const [ox, oy] = partition.origin;
  const gridStep = 1 / 10 ** GRID_DECIMALS;
  const topo = quantize(topology({ townships: full }) as Topology<Objects<{}>>, { scale: [gridStep, gridStep], translate: [ox * gridStep, oy * gridStep] });
  step('full townships');
  writeJson(path('geo', 'data', 'townships-full.topojson'), topo);
}

/**
 * The towns and villages of the tiles as rows (`public/data/places-local.json`): what the place
 * search needs to find them, and where the curated data looks a village up. Coordinates as the
 * sources give them.
 */
function derivePlaces(): void {
  const inputs: Record<string, string> = {};
  for (const kind of ['towns', 'villages'] as const) inputs[entry(kind).file] = entry(kind).sha256;
  const lonLat = (f: Feature<Point>): [number, number] => [f.geometry.coordinates[0] ?? NaN, f.geometry.coordinates[1] ?? NaN];
  const townRows = towns.features.map((f): TownRow => {
    const p = f.properties;
    return [p.pcode, p.name_en, p.name_my, p.ts_pcode, ...lonLat(f), p.capital];
  });
  const villageRows = villages.features.map((f): VillageRow => {
    const p = f.properties;
    return [p.name_en, p.name_my, p.vt, p.ts_pcode, ...lonLat(f)];
  });
  const villageTownships = [...new Set(villageRows.map((r) => r[3]))].sort();
  const records = { villageTownships, towns: townRows, villages: villageRows };
  const version = sha256Hex(JSON.stringify({ inputs, ...records })).slice(0, 12);
  const file: LocalPlacesFile = { version, inputs, fields: LOCAL_PLACE_FIELDS, ...records };
  step(`places: ${townRows.length} towns, ${villageRows.length} villages in ${villageTownships.length} townships`);
  writeJson(path('public', 'data', 'places-local.json'), file);
}

deriveTiles();
deriveIndex();
derivePlaces();
const total = process.cpuUsage();
step(`done in ${((Date.now() - started) / 1000).toFixed(1)} s (${((total.user + total.system) / 1e6).toFixed(1)} s CPU)`);
if (!existsSync(join(TILES_DIR, '10'))) fail('no tiles were written');
