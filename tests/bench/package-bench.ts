/**
 * Map packages at 200,000 incidents (issue 15), in Node: writing one (`share/package-writer.ts`),
 * and reading it back with the import worker's streaming reader (`data/import/package-import.ts`),
 * next to a plain `JSON.parse` of the same file in the same run (what a whole-file read would cost
 * before any mapping, and what the 100 MB GeoJSON limit guards against). Figures only.
 *
 * Run alone: `npx tsx tests/bench/package-bench.ts [rows]`; `npm run bench` runs it as `package`.
 */
import { runPackageImport } from '../../src/lib/data/import/package-import.ts';
import type { WorkerMessage } from '../../src/lib/data/import/worker-protocol.ts';
import { assemblePackage, encodePackageFeatures } from '../../src/lib/share/package-writer.ts';
import { syntheticIncidents } from './synthetic-incidents.ts';

export interface PackageBench {
  readonly rows: number;
  readonly bytes: number;
  readonly writeMs: number;
  readonly readMs: number;
  readonly parseMs: number;
  readonly readBack: number;
}

/** Writes and reads back a package of `rows` synthetic incidents. */
export async function benchPackage(rows = 200_000): Promise<PackageBench> {
  const incidents = syntheticIncidents(rows).map((inc) => ({ ...inc, id: `bench:${inc.id}`, dataset: 'bench' }));
  const t0 = performance.now();
  const encoded = await encodePackageFeatures([
    { id: 'bench', name: 'bench.csv', fileName: 'bench.csv', format: 'acled', importedAt: null, attribution: null, licence: null, citation: null, records: incidents },
  ]);
  const blob = await assemblePackage({ title: 'Bench', created: null, view: null, filters: null, selection: null, decisions: [] }, encoded);
  const writeMs = performance.now() - t0;
  const messages: WorkerMessage[] = [];
  let readBack = 0;
  const t1 = performance.now();
  await runPackageImport({ type: 'import', file: blob, fileName: 'bench.conflictmap.geojson', datasetId: 'x', maxGeoJsonBytes: 0 }, (m) => {
    if (m.type === 'package-incidents') readBack += m.incidents.length;
    else if (m.type !== 'progress') messages.push(m);
  });
  const readMs = performance.now() - t1;
  const done = messages.find((m) => m.type === 'package-done');
  if (!done) throw new Error(`the package was not read back: ${JSON.stringify(messages[0]).slice(0, 300)}`);
  const text = await blob.text();
  const t2 = performance.now();
  JSON.parse(text);
  const parseMs = performance.now() - t2;
  return { rows, bytes: blob.size, writeMs, readMs, parseMs, readBack };
}

/** The figures in a line or two. */
export function formatPackageBench(b: PackageBench): string {
  const mb = (b.bytes / 1024 / 1024).toFixed(1);
  return [
    `Map package, ${b.rows.toLocaleString('en-GB')} incidents (Node): ${mb} MB; written in ${Math.round(b.writeMs)} ms;`,
    `  read back streaming, checked and mapped (${b.readBack.toLocaleString('en-GB')} records) in ${Math.round(b.readMs)} ms,`,
    `  ${(b.readMs / b.parseMs).toFixed(1)}× a bare JSON.parse of the whole file (${Math.round(b.parseMs)} ms, which maps nothing)`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatPackageBench(await benchPackage(Number(process.argv[2] ?? 200_000))));
}
