/**
 * Checks the shipped curated data against the unsimplified admin-1 boundaries and prints a
 * report. Run with `npm run validate-data`; exits 1 when there is any error (warnings pass).
 * It also checks that each file's `version` is the hash of its content, so an edited file that
 * was not re-derived is caught.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateDisplacement, validateIncidents, type Admin1Boundaries, type Problem } from './lib/validate-incidents.ts';
import { contentHash } from './derive-incidents.ts';

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

function main(): number {
  const boundaries = readJson('geo/data/myanmar-admin1-full.geojson') as Admin1Boundaries;
  const fileErrors: Problem[] = [];
  const incidents = readDataset('public/data/incidents.json', 'incidents', fileErrors);
  const figures = readDataset('public/data/displacement.json', 'figures', fileErrors);
  const inc = validateIncidents(incidents, boundaries);
  const disp = validateDisplacement(figures, boundaries);
  const errors = [...fileErrors, ...inc.errors, ...disp.errors];
  const warnings = [...inc.warnings, ...disp.warnings];
  for (const p of errors) console.log(`ERROR   ${p.id}: ${p.reason}`);
  for (const p of warnings) console.log(`warning ${p.id}: ${p.reason}`);
  console.log(
    `validate-data: ${incidents.length} incidents, ${figures.length} displacement figures; ` +
      `${errors.length} error(s), ${warnings.length} warning(s)`,
  );
  return errors.length > 0 ? 1 : 0;
}

process.exitCode = main();
