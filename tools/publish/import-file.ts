/**
 * Imports one data file for `npm run publish` exactly as the app's import worker does in the
 * browser: the same size refusal, the same `runImport` (sniffing, limits, streamed CSV or
 * depth-bounded GeoJSON, the same row mapping and validation) and the same township geography,
 * read from `public/data/` instead of fetched. A publish goes on only when every row of every
 * file is on the map: the outcome says what the import report says otherwise.
 */
import { openAsBlob } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { MAX_GEOJSON_BYTES, sizeRefusal } from '../../src/lib/data/import-client.ts';
import { runImport } from '../../src/lib/data/import/run-import.ts';
import { geographyFromFiles, TOWNSHIP_INDEX_PATH, TOWNSHIP_MATCH_PATH } from '../../src/lib/data/import/geography-files.ts';
import { REJECT_REASON_LABEL, REJECT_REASONS, type ImportReport } from '../../src/lib/data/import/types.ts';
import { FORMAT_LABEL } from '../../src/lib/data/import/detect-format.ts';
import type { ImportGeography } from '../../src/lib/geo/township-geography.ts';
import type { Incident } from '../../src/lib/domain/incident.ts';

/** How one file's import ended. */
export type FileImport =
  | {
      readonly kind: 'done';
      readonly fileName: string;
      /** The report; its incidents are in `incidents`. */
      readonly report: ImportReport;
      readonly incidents: readonly Incident[];
      /** The attribution the data's licences ask for (by publisher), or null. */
      readonly attribution: string | null;
    }
  | { readonly kind: 'refused'; readonly fileName: string; readonly message: string };

/** The township geography the import worker builds, from the files in `publicDir/data/`. */
export async function readImportGeography(publicDir: string): Promise<ImportGeography> {
  const read = async (path: string): Promise<unknown> => JSON.parse(await readFile(`${publicDir}/${path}`, 'utf8'));
  return geographyFromFiles(await read(TOWNSHIP_INDEX_PATH), await read(TOWNSHIP_MATCH_PATH));
}

/** Imports a file with the app's own import worker code, in this process. */
export async function importDataFile(path: string, datasetId: string, geography: ImportGeography | null): Promise<FileImport> {
  const fileName = basename(path);
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) return { kind: 'refused', fileName, message: `${path} is not a file` };
    size = info.size;
  } catch {
    return { kind: 'refused', fileName, message: `${path} was not found` };
  }
  const tooLarge = sizeRefusal({ name: fileName, size });
  if (tooLarge !== null) return { kind: 'refused', fileName, message: tooLarge };
  const incidents: Incident[] = [];
  // Set inside the callback; the assertion keeps TypeScript from narrowing it to null here.
  let outcome = null as FileImport | null;
  await runImport(
    { type: 'import', file: await openAsBlob(path), fileName, datasetId, maxGeoJsonBytes: MAX_GEOJSON_BYTES },
    (m) => {
      if (m.type === 'incidents') for (const inc of m.incidents) incidents.push(inc);
      else if (m.type === 'done') outcome = { kind: 'done', fileName, report: m.report, incidents, attribution: m.attribution };
      else if (m.type === 'refused') outcome = { kind: 'refused', fileName, message: m.message };
    },
    { loadGeography: async () => geography },
  );
  return outcome ?? { kind: 'refused', fileName, message: 'the import ended without a report' };
}

/** Rejected rows listed one by one in the refusal; the rest are counted by reason. */
const LISTED_ROWS = 100;

/**
 * Why a file's import stops a publish, in the import report's words (rows and reasons), or null
 * when every row is on the map. A file with no rows stops it too: there would be nothing to show.
 */
export function importProblem(result: FileImport): string | null {
  if (result.kind === 'refused') return `${result.fileName}: not imported. ${result.message}`;
  const r = result.report;
  const fmt = (n: number): string => n.toLocaleString('en-GB');
  const head = `${result.fileName} (${FORMAT_LABEL[r.format]}): ${fmt(r.rowsRead)} rows read, ${fmt(r.rowsShown)} shown, ${fmt(r.rowsRejected)} rejected`;
  if (r.format === 'unknown') return `${head}. ${r.formatMessage ?? 'The file format was not recognised.'}`;
  if (r.rowsRejected === 0) return r.rowsShown === 0 ? `${head}. The file has no rows to show.` : null;
  const lines = [head, '  Rejected, by reason:'];
  for (const reason of REJECT_REASONS) {
    const n = r.rejectedByReason[reason];
    if (n) lines.push(`    ${REJECT_REASON_LABEL[reason]} (${reason}): ${fmt(n)}`);
  }
  lines.push('  Rejected rows (data rows, the header not counted):');
  for (const row of r.rejected.slice(0, LISTED_ROWS)) lines.push(`    row ${row.row}: ${REJECT_REASON_LABEL[row.reason]}. ${row.message}`);
  const unlisted = r.rowsRejected - Math.min(LISTED_ROWS, r.rejected.length);
  if (unlisted > 0) lines.push(`    … and ${fmt(unlisted)} more (counted by reason above).`);
  return lines.join('\n');
}
