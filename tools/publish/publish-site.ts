/**
 * `npm run publish` (issue 15): a static, read-only site of the app with the publisher's datasets.
 *
 * Every data file is imported first, in this process, with the app's own import code
 * (`import-file.ts`); a file with a rejected row, no rows or an unknown format stops the publish
 * with the import report's reasons, before anything is written. The rows are then stored once in
 * the app's dataset format (`src/lib/data/DATASET-FORMAT.md`, gzip bodies), the same files the
 * built-in UCDP record ships as, and the site loads them like that record: the core (what the map,
 * counts and timeline read) at start, the details the first time a record is opened.
 *
 * The site is the production build (`vite build`, relative paths), with `site.json` named by a
 * `<meta>` tag in `index.html`, the datasets in `data/site/`, the built-in data left out on
 * `--no-builtin`, and `HOSTING.md`. It is assembled in a folder beside `--out` and moved into
 * place at the end, so a failed publish leaves no half-written site.
 */
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { build } from 'vite';
import { CURATED_DATASET } from '../../src/lib/domain/dataset.ts';
import { BUILTIN_DATA_FILES, BUILTIN_FILES } from '../../src/lib/data/builtin-datasets.ts';
import { datasetIdFor } from '../../src/lib/data/dataset-id.ts';
import { encodeDataset, type DatasetMeta } from '../../src/lib/data/dataset-file.ts';
import { readSiteConfig, SITE_CONFIG_FILE, SITE_DATA_DIR, SITE_META_NAME, siteConfigJson, type SiteConfig, type SiteDataset } from '../../src/lib/data/site-config.ts';
import { importDataFile, importProblem, readImportGeography } from './import-file.ts';
import type { PublishOptions } from './args.ts';
import { hostingGuide } from './hosting.ts';

/** A publish that cannot go on, with every reason (the import reports' words); nothing was written. */
export class PublishRefusedError extends Error {
  override readonly name = 'PublishRefusedError';
}

/** Where the repository is: the app's sources, `public/` and the Vite config. */
export const REPO_ROOT = resolve(import.meta.dirname, '../..');

/** One dataset the site ships, as the publish reports it. */
export interface PublishedDataset {
  readonly entry: SiteDataset;
  readonly fileName: string;
  readonly coreBytes: number;
  readonly detailsBytes: number;
}

/** What a publish wrote. */
export interface PublishResult {
  readonly out: string;
  readonly config: SiteConfig;
  readonly datasets: readonly PublishedDataset[];
}

/** Text for a log line or an error: `n` with thousands separators. */
const fmt = (n: number): string => n.toLocaleString('en-GB');

/** Escapes text for an HTML text node or attribute (a title is the publisher's, never markup). */
function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The content hash a dataset file states (bytes 16…48): what `site.json` names it by. */
function contentHash(file: ArrayBuffer): string {
  return Buffer.from(file, 16, 32).toString('hex');
}

/**
 * Imports every data file and stores it in the app's dataset format. Throws a
 * PublishRefusedError with every file's reasons when any file would not be shown whole.
 */
export async function convertDataFiles(options: PublishOptions, root = REPO_ROOT): Promise<{ dataset: PublishedDataset; core: ArrayBuffer; details: ArrayBuffer }[]> {
  const geography = await readImportGeography(join(root, 'public'));
  const taken = new Set<string>([CURATED_DATASET, ...Object.keys(BUILTIN_FILES)]);
  const problems: string[] = [];
  const done: { dataset: PublishedDataset; core: ArrayBuffer; details: ArrayBuffer }[] = [];
  for (const arg of options.data) {
    const fileName = basename(arg.file);
    const name = arg.name ?? fileName;
    const id = datasetIdFor(name, taken);
    taken.add(id);
    const result = await importDataFile(arg.file, id, geography);
    const problem = importProblem(result);
    if (problem !== null || result.kind !== 'done') {
      problems.push(problem ?? `${fileName}: not imported`);
      continue;
    }
    // The publisher's credit first, then the one the data's licence asks for; the legend splits on ' | '.
    const attribution = [arg.attribution, result.attribution].filter((a): a is string => Boolean(a)).join(' | ') || null;
    const meta: DatasetMeta = {
      id,
      name,
      format: result.report.format,
      attribution,
      licence: arg.licence,
      citation: null,
      source: { file: fileName, sha256: createHash('sha256').update(await readFile(arg.file)).digest('hex') },
      created: { by: 'npm run publish', at: new Date().toISOString() },
    };
    const { core, details } = await encodeDataset(meta, result.incidents, { compress: true });
    const entry: SiteDataset = {
      id,
      name,
      attribution,
      licence: arg.licence,
      rows: result.incidents.length,
      sha256: contentHash(core),
      core: `${SITE_DATA_DIR}${id}.core.cmds`,
      details: `${SITE_DATA_DIR}${id}.details.cmds`,
    };
    done.push({ dataset: { entry, fileName, coreBytes: core.byteLength, detailsBytes: details.byteLength }, core, details });
  }
  if (problems.length) throw new PublishRefusedError(`No site was written: ${problems.length === 1 ? 'a data file was' : `${problems.length} data files were`} not imported whole.\n\n${problems.join('\n\n')}`);
  return done;
}

/** Builds the app with Vite into a fresh temporary folder. */
async function buildApp(root: string): Promise<string> {
  const outDir = join(tmpdir(), `conflict-map-publish-app-${process.pid}-${Date.now()}`);
  // The publisher reads this tool's own lines; the bundler's timing notes on a busy machine are not theirs.
  await build({ root, logLevel: 'warn', mode: 'production', build: { outDir, emptyOutDir: true, rolldownOptions: { checks: { bundlerTimings: false } } } });
  return outDir;
}

/**
 * Checks that `--out` may be written: a new or empty folder, or a site this tool wrote (its
 * `site.json` reads as one), which is then replaced. Anything else is refused untouched.
 */
async function checkOut(out: string): Promise<void> {
  let entries: string[];
  try {
    if (!(await stat(out)).isDirectory()) throw new PublishRefusedError(`--out ${out} is a file, not a folder`);
    entries = await readdir(out);
  } catch (e) {
    if (e instanceof PublishRefusedError) throw e;
    return;
  }
  if (entries.length === 0) return;
  try {
    readSiteConfig(await readFile(join(out, SITE_CONFIG_FILE), 'utf8'));
  } catch {
    throw new PublishRefusedError(`--out ${out} is a folder with other files in it, not a site this tool wrote: give a new or empty folder`);
  }
}

/** The built app's `index.html` with the site's title and the tag that names `site.json`. */
export function siteIndexHtml(html: string, title: string): string {
  if (!/<meta http-equiv="Content-Security-Policy"/.test(html)) throw new Error('the built index.html has no content security policy');
  if (!/<title>[^<]*<\/title>/.test(html)) throw new Error('the built index.html has no <title>');
  return html
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(title)}</title>\n    <meta name="${SITE_META_NAME}" content="${SITE_CONFIG_FILE}" />`);
}

/** The policy of the built page, as its `<meta>` states it. */
export function pagePolicy(html: string): string {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error('the built index.html has no content security policy');
  return m[1];
}

/** Options for `publishSite` beyond the command line. */
export interface PublishEnv {
  /** The repository (sources, `public/`, Vite config). */
  readonly root?: string;
  /** Progress lines. */
  readonly log?: (line: string) => void;
}

/**
 * Publishes a site as `options` say: imports and converts the data (refusing a bad file before
 * anything is written), builds the app unless `options.app` names a build, and writes the site.
 */
export async function publishSite(options: PublishOptions, env: PublishEnv = {}): Promise<PublishResult> {
  const root = env.root ?? REPO_ROOT;
  const log = env.log ?? (() => undefined);
  const out = resolve(options.out);
  await checkOut(out);
  const converted = await convertDataFiles(options, root);
  for (const { dataset: d } of converted) {
    log(`${d.fileName}: ${fmt(d.entry.rows)} incidents as "${d.entry.name}" (${d.entry.id}); core ${fmt(Math.round(d.coreBytes / 1024))} KB, details ${fmt(Math.round(d.detailsBytes / 1024))} KB`);
  }
  const appDir = options.app ? resolve(options.app) : await buildApp(root);
  const staging = join(dirname(out), `.${basename(out)}.publishing-${process.pid}`);
  try {
    await rm(staging, { recursive: true, force: true });
    const leaveOut = new Set(options.builtin ? [] : BUILTIN_DATA_FILES.map((f) => join(appDir, f)));
    await cp(appDir, staging, { recursive: true, filter: (src) => !leaveOut.has(src) });
    const config: SiteConfig = {
      title: options.title,
      view: options.view,
      allowImport: options.allowImport,
      builtin: options.builtin,
      datasets: converted.map((c) => c.dataset.entry),
    };
    await mkdir(join(staging, SITE_DATA_DIR), { recursive: true });
    for (const { dataset, core, details } of converted) {
      await writeFile(join(staging, dataset.entry.core), new Uint8Array(core));
      await writeFile(join(staging, dataset.entry.details), new Uint8Array(details));
    }
    const json = siteConfigJson(config);
    readSiteConfig(json); // What the page will read: a site it would refuse is never written.
    await writeFile(join(staging, SITE_CONFIG_FILE), json);
    const html = await readFile(join(appDir, 'index.html'), 'utf8');
    await writeFile(join(staging, 'index.html'), siteIndexHtml(html, options.title));
    await writeFile(join(staging, 'HOSTING.md'), hostingGuide(config, pagePolicy(html)));
    await rm(out, { recursive: true, force: true });
    await rename(staging, out);
    log(`Site written to ${out} (${options.builtin ? 'with' : 'without'} the built-in data; readers ${options.allowImport ? 'may' : 'may not'} import their own). See ${join(out, 'HOSTING.md')}.`);
    return { out, config, datasets: converted.map((c) => c.dataset) };
  } finally {
    await rm(staging, { recursive: true, force: true });
    if (!options.app) await rm(appDir, { recursive: true, force: true });
  }
}
