/**
 * Issue 13's cost of the built-in UCDP GED record at the country view: page start → the first
 * map `idle` with every built-in dataset loaded and drawn, and the gzip bytes fetched before it,
 * next to the same build with the UCDP files answered 404 (the app then says the dataset could
 * not load and draws the rest), loads alternating in fresh contexts. Goals: within 1.2× and at
 * most +300 KB gzip. Figures only.
 */
import type { Browser } from 'playwright-core';
import { BUILTIN_FILES, BUILTIN_UCDP } from '../../src/lib/data/builtin-datasets.ts';
import { benchLocalLoad, formatCountryLoads, type LeftOut } from './local-bench.ts';

/** The built-in UCDP files (`data/ucdp-ged.core.cmds`, `…details.cmds`), by their shared stem. */
export const BUILTIN_UCDP_FILES: LeftOut = {
  label: 'the built-in UCDP data',
  files: 'UCDP files',
  path: BUILTIN_FILES[BUILTIN_UCDP].core.replace(/core\.cmds$/, ''),
  answer: { status: 404, body: '' },
  untilDataDrawn: true,
};

export async function benchBuiltinLoad(browser: Browser, baseURL: string, outDir: string, loads = 4): Promise<string> {
  const r = await benchLocalLoad(browser, baseURL, outDir, loads, BUILTIN_UCDP_FILES);
  const f = formatCountryLoads(r.loads, BUILTIN_UCDP_FILES);
  return [
    `Built-in UCDP GED (issue 13), country view: page start -> first map idle with the built-in data loaded and drawn, with it vs without`,
    `  (without = same build, every ${BUILTIN_UCDP_FILES.path}* request answered 404 in a fresh context; loads alternate, fresh context each):`,
    ...f.lines,
    `${f.medians[0]}  (goal <= 1.2x)`,
    `${f.medians[1]}  (goal <= +300 KB)`,
    f.medians[2] as string,
  ].join('\n');
}
