/**
 * Checks the shipped curated data against the unsimplified admin-1 boundaries, and each incident
 * that names a township against that township's unsimplified MIMU polygon, and prints a report. Run with `npm run validate-data`; exits 1 when there is any error (warnings pass).
 * It also checks that each file's `version` is the hash of its content, so an edited file that
 * was not re-derived is caught.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { externalEventLookup, validateDisplacement, validateIncidents, type Admin1Boundaries, type ExternalEventLookup, type Problem } from './lib/validate-incidents.ts';
import { contentHash } from './derive-incidents.ts';
import { UCDP_PATHS } from './derive-ucdp.ts';
import { decodeDatasetCore, verifyDataset } from '../src/lib/data/dataset-file.ts';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { validateIncidentTownships, type FullTownships } from './lib/validate-townships.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function readJson(rel: string): unknown {
  return JSON.parse(readFileSync(path.join(ROOT, rel), 'utf8')) as unknown;
}

/** The array under `key` of a `{ version, [key]: [...] }` file, with a problem when the version is stale. */
function readDataset(rel: string, key: string, errors: Problem[]): unknown[] {
  const data = readJson(rel) as Record<string, unknown>;
  const list = data[key];
  if (!Array.isArray(list)) {
    errors.push({ id: rel, reason: `has no "${key}" array` });
    return [];
  }
  if (data['version'] !== contentHash(list)) errors.push({ id: rel, reason: `version ${String(data['version'])} is not the hash of its content; run npm run derive-incidents` });
  return list;
}

/**
 * The built-in UCDP GED events by id (`npm run derive-ucdp` writes them from the UCDP CSV with the
 * app's importer), so curated references to UCDP are checked against the rows the app links them to.
 */
async function ucdpLookup(fileErrors: Problem[]): Promise<ExternalEventLookup | null> {
  if (!existsSync(UCDP_PATHS.core)) return null;
  try {
    const bytes = readFileSync(UCDP_PATHS.core);
    const columns = decodeDatasetCore(await verifyDataset(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), { part: 'core' }));
    return externalEventLookup(columns);
  } catch (e) {
    fileErrors.push({ id: path.relative(ROOT, UCDP_PATHS.core), reason: `cannot be read: ${e instanceof Error ? e.message : String(e)}; run npm run derive-ucdp` });
    return null;
  }
}

function namesTownship(raw: unknown): boolean {
  const place = typeof raw === 'object' && raw !== null ? (raw as { place?: { township?: unknown } }).place : undefined;
  return typeof place?.township === 'string' && place.township.trim() !== '';
}

async function main(): Promise<number> {
  const boundaries = readJson('geo/data/myanmar-admin1-full.geojson') as Admin1Boundaries;
  const fileErrors: Problem[] = [];
  const incidents = readDataset('public/data/incidents.json', 'incidents', fileErrors);
  const figures = readDataset('public/data/displacement.json', 'figures', fileErrors);
  const ucdp = await ucdpLookup(fileErrors);
  if (ucdp === null && fileErrors.length === 0) console.log('note: public/data/ucdp-ged.core.cmds is missing, so UCDP references are checked for shape only');
  const inc = validateIncidents(incidents, boundaries, ucdp === null ? {} : { externalEvents: { 'ucdp-ged': ucdp } });
  const disp = validateDisplacement(figures, boundaries);
  const topo = readJson('geo/data/townships-full.topojson') as Topology;
  const townships = feature(topo, topo.objects['townships'] as GeometryCollection) as unknown as FullTownships;
  const tsp = validateIncidentTownships(incidents, townships);
  const errors = [...fileErrors, ...inc.errors, ...tsp.errors, ...disp.errors];
  const warnings = [...inc.warnings, ...tsp.warnings, ...disp.warnings];
  for (const p of errors) console.log(`ERROR   ${p.id}: ${p.reason}`);
  for (const p of warnings) console.log(`warning ${p.id}: ${p.reason}`);
  console.log(
    `validate-data: ${incidents.length} incidents (${incidents.filter(namesTownship).length} name a township, each checked against its MIMU polygon), ${figures.length} displacement figures; ` +
      `${errors.length} error(s), ${warnings.length} warning(s)`,
  );
  return errors.length > 0 ? 1 : 0;
}

process.exitCode = await main();
