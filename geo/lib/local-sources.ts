import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import Papa from 'papaparse';
import { feature as topoFeature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/** The kinds of input `geo/derive-local-geo.ts` reads; each names one entry of the mapping file. */
export const INPUT_KINDS = [
  'townships',
  'district_names',
  'towns',
  'villages',
  'named_rivers',
  'dense_rivers',
  'lakes',
  'water_areas',
  'roads',
] as const;

/** One kind of input. */
export type InputKind = (typeof INPUT_KINDS)[number];

/** Our fields that each kind must (or may) map; the derivation reads nothing else. */
export const REQUIRED_FIELDS: Readonly<Record<InputKind, readonly string[]>> = {
  townships: ['pcode', 'name_en', 'name_my', 'district_pcode', 'district_en', 'state_pcode'],
  district_names: ['pcode', 'name_my'],
  towns: ['pcode', 'name_en', 'name_my', 'lon', 'lat'],
  villages: ['name_en', 'name_my', 'village_tract', 'township_en'],
  named_rivers: ['name', 'scalerank'],
  dense_rivers: ['class'],
  lakes: [],
  water_areas: ['name'],
  roads: ['class', 'kind'],
};

/** One input file and how its fields map to ours. */
export interface InputEntry {
  file: string;
  sha256: string;
  format: 'topojson' | 'geojson' | 'csv';
  /** Object to read from a TopoJSON file. */
  object?: string;
  /** Our field name → the source field that gives it. */
  fields: Record<string, string>;
  /**
   * Per our field: source value → our value (null drops the value). The key "null" matches a
   * missing value; `"*": "*"` keeps values the table does not list, otherwise they are an error.
   */
  values?: Record<string, Record<string, string | null>>;
  /** Keep only records whose (our) field has one of these values. */
  keep?: Record<string, string[]>;
  /** For villages: the state/region (app name) the whole file lies in. */
  admin1?: string;
  origin: string;
  licence: string;
}

/** The mapping file `geo/sources/local-geo-sources.json`. */
export interface LocalGeoSources {
  use: Record<InputKind, string>;
  /** The app's state/region name for each value of one township field (MIMU state pcode). */
  admin1: { from: string; values: Record<string, string> };
  inputs: Record<string, InputEntry>;
}

/** A record after mapping: our field names, source values as trimmed text (or null when absent). */
export type MappedProps = Record<string, string | null>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses and checks the mapping file: every kind is used, every used entry names a file, a
 * sha256, a format, and maps the fields the derivation needs.
 *
 * @example
 * const sources = parseLocalGeoSources(readFileSync('geo/sources/local-geo-sources.json', 'utf8'));
 */
export function parseLocalGeoSources(text: string): LocalGeoSources {
  const data: unknown = JSON.parse(text);
  if (!isRecord(data) || !isRecord(data.use) || !isRecord(data.inputs) || !isRecord(data.admin1)) {
    throw new Error('local geo sources: expected an object with "use", "admin1" and "inputs"');
  }
  const sources = data as unknown as LocalGeoSources;
  for (const kind of INPUT_KINDS) {
    const id = sources.use[kind];
    const entry = id === undefined ? undefined : sources.inputs[id];
    if (!entry) throw new Error(`local geo sources: "use.${kind}" names no entry of "inputs"`);
    if (!entry.file || !/^[0-9a-f]{64}$/.test(entry.sha256 ?? '') || !['topojson', 'geojson', 'csv'].includes(entry.format)) {
      throw new Error(`local geo sources: entry "${id}" needs "file", a 64-hex "sha256" and a "format"`);
    }
    if (entry.format === 'topojson' && !entry.object) throw new Error(`local geo sources: entry "${id}" is TopoJSON but names no "object"`);
    const missing = REQUIRED_FIELDS[kind].filter((field) => !entry.fields?.[field]);
    if (missing.length > 0) throw new Error(`local geo sources: entry "${id}" does not map ${missing.join(', ')}`);
  }
  if (typeof sources.admin1.from !== 'string' || !isRecord(sources.admin1.values)) {
    throw new Error('local geo sources: "admin1" needs "from" (one of our township fields) and "values"');
  }
  return sources;
}

/** SHA-256 of a file, as hex. */
export function sha256Hex(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Reads an input file after checking its SHA-256 against the mapping file.
 *
 * @example
 * const text = readCheckedInput('../shared/geodata', entry); // throws on a mismatch
 */
export function readCheckedInput(dir: string, entry: InputEntry): string {
  const path = join(dir, entry.file);
  const bytes = readFileSync(path);
  const digest = sha256Hex(bytes);
  if (digest !== entry.sha256) {
    throw new Error(
      `${path}: sha256 is ${digest}, but geo/sources/local-geo-sources.json expects ${entry.sha256}. ` +
        'If this is a newer file of the same kind, add a new entry for it (with its sha256 and field mapping) and point "use" at it.',
    );
  }
  return bytes.toString('utf8');
}

function valueText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

/**
 * Maps one source record to our fields: renames, trims, applies the value tables.
 *
 * @example
 * mapProps({ TS: 'Tabayin', TS_PCODE: 'MMR005010' }, { fields: { name_en: 'TS', pcode: 'TS_PCODE' } });
 * // { name_en: 'Tabayin', pcode: 'MMR005010' }
 */
export function mapProps(source: Record<string, unknown> | null, entry: Pick<InputEntry, 'fields' | 'values'>): MappedProps {
  const out: MappedProps = {};
  for (const [ours, theirs] of Object.entries(entry.fields)) {
    let value = valueText(source?.[theirs]);
    const table = entry.values?.[ours];
    if (table) {
      const key = value ?? 'null';
      if (key in table) value = table[key] ?? null;
      else if (table['*'] !== '*') throw new Error(`no value mapping for ${ours} = ${JSON.stringify(value)} (source field ${theirs})`);
    }
    out[ours] = value;
  }
  return out;
}

function keepRecord(props: MappedProps, entry: InputEntry): boolean {
  return Object.entries(entry.keep ?? {}).every(([field, allowed]) => allowed.includes(props[field] ?? ''));
}

/**
 * Reads a GeoJSON or TopoJSON input as features with our fields only.
 *
 * @example
 * const townships = readFeatures('../shared/geodata', sources.inputs['mimu-2014-townships']!);
 */
export function readFeatures(dir: string, entry: InputEntry): FeatureCollection<Geometry, MappedProps> {
  const text = readCheckedInput(dir, entry);
  let collection: FeatureCollection<Geometry | null, Record<string, unknown> | null>;
  if (entry.format === 'topojson') {
    const topology = JSON.parse(text) as Topology;
    const object = topology.objects[entry.object ?? ''];
    if (!object) throw new Error(`${entry.file}: no TopoJSON object "${entry.object}"`);
    const converted = topoFeature(topology, object as GeometryCollection);
    collection = converted as FeatureCollection<Geometry | null, Record<string, unknown> | null>;
  } else if (entry.format === 'geojson') {
    collection = JSON.parse(text) as FeatureCollection<Geometry | null, Record<string, unknown> | null>;
  } else {
    throw new Error(`${entry.file}: format ${entry.format} has no geometry; use readRows`);
  }
  const features: Feature<Geometry, MappedProps>[] = [];
  for (const f of collection.features) {
    if (!f.geometry) continue;
    const properties = mapProps(f.properties, entry);
    if (keepRecord(properties, entry)) features.push({ type: 'Feature', properties, geometry: f.geometry });
  }
  return { type: 'FeatureCollection', features };
}

/**
 * Reads a CSV input (with papaparse) as rows of our fields only.
 *
 * @example
 * const towns = readRows('../shared/geodata', sources.inputs['mimu-9.6-towns']!);
 */
export function readRows(dir: string, entry: InputEntry): { rows: MappedProps[]; dropped: number } {
  const text = readCheckedInput(dir, entry);
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) {
    const first = parsed.errors[0];
    throw new Error(`${entry.file}: CSV error on row ${first?.row}: ${first?.message}`);
  }
  const all = parsed.data.map((row) => mapProps(row, entry));
  const rows = all.filter((row) => keepRecord(row, entry));
  return { rows, dropped: all.length - rows.length };
}
