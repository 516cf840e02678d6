/**
 * Builds the built-in UCDP GED record of the war (issue #13): every UCDP GED event in Myanmar,
 * 1989–2023, read by the app's own UCDP importer (no second mapping) and written in the app's
 * dataset format as `public/data/ucdp-ged.core.cmds` (what the page needs before its first
 * idle) and `public/data/ucdp-ged.details.cmds` (loaded when a record is opened).
 *
 * Run with `npm run derive-ucdp`. The input is checked against its recorded SHA-256; the output
 * is deterministic (no timestamp), so a re-run gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ATTRIBUTION, PUBLISHER } from '../src/lib/data/import/code-tables.ts';
import { importCsvText } from '../src/lib/data/import/import-text.ts';
import type { ImportReport } from '../src/lib/data/import/types.ts';
import { encodeDataset, type DatasetMeta } from '../src/lib/data/dataset-file.ts';
import { geographyFromFiles, TOWNSHIP_INDEX_PATH, TOWNSHIP_MATCH_PATH } from '../src/lib/data/import/geography-files.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The built-in dataset's id: `Incident.dataset` of its rows and the prefix of their ids. */
export const UCDP_DATASET_ID = 'ucdp-ged';
export const UCDP_FILE_NAME = 'ucdp_ged_myanmar_1989_2023.csv';
/** SHA-256 of the input as described in `shared/samples/README.md`; any other file is refused. */
export const UCDP_SHA256 = 'c24bea68f845a91bf047ca7570a8d2bab84eaddc1f5dab85d766e97acb3af13e';

export const UCDP_PATHS = {
  input: path.resolve(ROOT, '../shared/samples', UCDP_FILE_NAME),
  core: path.join(ROOT, 'public/data/ucdp-ged.core.cmds'),
  details: path.join(ROOT, 'public/data/ucdp-ged.details.cmds'),
} as const;

/** The dataset's metadata, in the words of `shared/samples/README.md`. */
export const UCDP_META: DatasetMeta = {
  id: UCDP_DATASET_ID,
  name: 'UCDP Georeferenced Event Dataset (GED), Myanmar 1989–2023',
  format: 'ucdp-ged',
  attribution: ATTRIBUTION[PUBLISHER.ucdp] ?? null,
  licence: 'CC BY 4.0',
  citation:
    'Sundberg, Ralph and Erik Melander (2013), "Introducing the UCDP Georeferenced Event Dataset", Journal of Peace Research 50(4); ' +
    'Davies, Pettersson and Öberg (2023), "Organized violence 1989–2022…", Journal of Peace Research 60(4). ' +
    'Data: UCDP GED (as packaged by netify 1.5.3).',
  source: { file: UCDP_FILE_NAME, sha256: UCDP_SHA256 },
  created: { by: 'geo/derive-ucdp.ts (npm run derive-ucdp)', at: null },
};

export interface DerivedUcdp {
  readonly report: ImportReport;
  readonly core: ArrayBuffer;
  readonly details: ArrayBuffer;
}

/**
 * The import geography from the township files the app ships (`public/data/`), so the built-in
 * records get the same township and area codes an import of the same CSV gets in the browser.
 */
function shippedGeography() {
  const read = (p: string): unknown => JSON.parse(readFileSync(path.join(ROOT, 'public', p), 'utf8'));
  return geographyFromFiles(read(TOWNSHIP_INDEX_PATH), read(TOWNSHIP_MATCH_PATH));
}

/** Imports the CSV text with the app's UCDP importer (township coding included) and encodes the rows it shows (gzip-compressed files). */
export async function deriveUcdp(text: string): Promise<DerivedUcdp> {
  const report = importCsvText(text, { datasetId: UCDP_DATASET_ID, fileName: UCDP_FILE_NAME, format: 'ucdp-ged', geography: shippedGeography() });
  const { core, details } = await encodeDataset(UCDP_META, report.incidents, { compress: true });
  return { report, core, details };
}

/** Reads the input and refuses it unless its SHA-256 is the recorded one. */
export function readUcdpInput(file: string = UCDP_PATHS.input): string {
  if (!existsSync(file)) throw new Error(`derive-ucdp: ${file} not found (the shared samples folder, see shared/samples/README.md)`);
  const bytes = readFileSync(file);
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== UCDP_SHA256) throw new Error(`derive-ucdp: ${file} has sha256 ${sha}, not the recorded ${UCDP_SHA256}; check the file and update PROVENANCE.md before re-deriving`);
  return bytes.toString('utf8');
}

function kb(n: number): string {
  return `${(n / 1024).toFixed(1)} KB`;
}

async function main(): Promise<void> {
  const { report, core, details } = await deriveUcdp(readUcdpInput());
  console.log(`derive-ucdp: ${report.rowsRead} rows read, ${report.rowsShown} shown, ${report.rowsRejected} rejected, ${report.duplicates.length} duplicate ids`);
  for (const r of report.rejected) console.log(`  rejected row ${r.row} (${r.reason}): ${r.message}`);
  if (report.rowsRejected > 0) console.log('  List every rejected row in geo/PROVENANCE.md ("Built-in UCDP GED").');
  writeFileSync(UCDP_PATHS.core, new Uint8Array(core));
  writeFileSync(UCDP_PATHS.details, new Uint8Array(details));
  for (const [name, file] of [['core', core], ['details', details]] as const) {
    const bodyBytes = new DataView(file).getUint32(12, true);
    const headerBytes = new DataView(file).getUint32(8, true);
    const plain = Math.ceil((48 + headerBytes) / 8) * 8 + bodyBytes;
    console.log(`  ${name}: ${kb(file.byteLength)} as shipped (gzip body inside), ${kb(plain)} uncompressed; gzip -9 of the whole file ${kb(gzipSync(new Uint8Array(file), { level: 9 }).length)}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
