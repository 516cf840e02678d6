/**
 * Linking speed (issue #13): 200,000 imported ACLED-like rows against the 7,374 built-in UCDP
 * GED events, in Node. Run alone with `npx tsx tests/bench/link-bench.ts [rows]`; `npm run bench`
 * can call `benchLinking` and `formatLinkBench`.
 *
 * The imported rows are synthetic but placed like real ones: most at the points of built-in
 * events (many rows per village or township centre, as ACLED and UCDP share places), dated
 * within a few days of them, with ACLED's category mix, precisions and ids. Never real events.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeDatasetCore, linkFactsOfRow, verifyDataset } from '../../src/lib/data/dataset-file.ts';
import { dayString } from '../../src/lib/domain/calendar.ts';
import type { CategoryId } from '../../src/lib/domain/categories.ts';
import { linkFactsOf, type LinkFacts } from '../../src/lib/domain/event-link.ts';
import type { Incident } from '../../src/lib/domain/incident.ts';
import type { LocationPrecision } from '../../src/lib/domain/precision.ts';
import { LinkRecordsBuilder, linkEvents } from '../../src/lib/query/event-links.ts';
import { prng } from './synthetic-incidents.ts';

const CORE = new URL('../../public/data/ucdp-ged.core.cmds', import.meta.url);

/** The built-in UCDP rows as link facts. */
export async function builtInFacts(): Promise<LinkFacts[]> {
  const b = readFileSync(CORE);
  const columns = decodeDatasetCore(await verifyDataset(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)));
  return Array.from({ length: columns.rows }, (_, row) => linkFactsOfRow(columns, row));
}

const CATEGORIES: readonly CategoryId[] = ['clash', 'clash', 'clash', 'air_strike', 'shelling', 'massacre_raid', 'other'];
const PRECISIONS: readonly LocationPrecision[] = ['town', 'town', 'township', 'region'];

/**
 * `n` ACLED-like imported incidents near the given anchors (deterministic for a seed). Built as
 * Incident objects, the way an import delivers them, so the bench includes `linkFactsOf`.
 */
export function syntheticAcled(anchors: readonly LinkFacts[], n: number, seed = 7): Incident[] {
  const rand = prng(seed);
  const recent = anchors.filter((a) => a.date.start >= '2021-02-01');
  const out: Incident[] = [];
  const verification = { status: 'imported' as const, text: 'synthetic' };
  for (let i = 0; i < n; i++) {
    const anchor = recent[Math.floor(rand() * recent.length)] as LinkFacts;
    // Most rows sit on an anchor's point (a village or township centre shared by many events), some up to ~8 km off.
    const near = rand() < 0.7;
    const lon = anchor.lon + (near ? 0 : (rand() - 0.5) * 0.15);
    const lat = anchor.lat + (near ? 0 : (rand() - 0.5) * 0.15);
    const day = Math.round(Date.parse(anchor.date.start) / 86_400_000) + Math.floor(rand() * 61) - 30;
    const precision = PRECISIONS[Math.floor(rand() * PRECISIONS.length)] as LocationPrecision;
    const id = `MMR${100000 + i}`;
    out.push({
      id: `acled-import:${id}`,
      category: CATEGORIES[Math.floor(rand() * CATEGORIES.length)] as CategoryId,
      title: 'Synthetic event',
      date: { precision: 'day', start: dayString(day), end: dayString(day) },
      place: { name: anchor.township ?? 'place', admin1: anchor.admin1, ...(anchor.township === undefined ? {} : { township: anchor.township }) },
      lon,
      lat,
      precision,
      weapons: [],
      killed: [],
      displaced: [],
      summary: '',
      sources: [{ publisher: 'ACLED', title: `synthetic, event ${id}`, date: null, url: null, secondary: false }],
      verification,
      dataset: 'acled-import',
      extra: { event_id: id },
    });
  }
  return out;
}

export interface LinkBench {
  readonly imported: number;
  readonly builtIn: number;
  readonly buildMs: number;
  readonly linkMs: number;
  readonly groups: number;
  readonly candidates: number;
}

/** Builds the link records (built-in rows, then imported incidents) and links them, best of `runs`. */
export async function benchLinking(importedRows = 200_000, runs = 3): Promise<LinkBench> {
  const builtIn = await builtInFacts();
  const imported = syntheticAcled(builtIn, importedRows);
  let best: LinkBench | null = null;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const builder = new LinkRecordsBuilder(builtIn.length + imported.length);
    for (const f of builtIn) builder.add(f);
    for (const inc of imported) builder.add(linkFactsOf(inc));
    const records = builder.build();
    const t1 = performance.now();
    const links = linkEvents(records, []);
    const t2 = performance.now();
    const run = { imported: imported.length, builtIn: builtIn.length, buildMs: t1 - t0, linkMs: t2 - t1, groups: links.groupCount, candidates: links.candidates.a.length };
    if (best === null || run.buildMs + run.linkMs < best.buildMs + best.linkMs) best = run;
  }
  return best as LinkBench;
}

/** One line for the bench report. */
export function formatLinkBench(b: LinkBench): string {
  return (
    `Linking ${b.imported.toLocaleString('en')} imported rows × ${b.builtIn.toLocaleString('en')} built-in (Node): ` +
    `records built in ${Math.round(b.buildMs)} ms, linked in ${Math.round(b.linkMs)} ms; ` +
    `${b.groups.toLocaleString('en')} events, ${b.candidates.toLocaleString('en')} candidate pairs`
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = Number(process.argv[2] ?? 200_000);
  console.log(formatLinkBench(await benchLinking(rows)));
}
