/**
 * A published site's settings (issue 15): `site.json` beside `index.html`, written by
 * `npm run publish` (tools/publish.ts) and read by the app before it starts. It names the site's
 * title, its default view, whether readers may import data, whether the built-in datasets ship,
 * and the datasets it ships in the app's own dataset format (`data/site/*.cmds`).
 *
 * The page finds the file through `<meta name="conflict-map-site" content="site.json">`, which only
 * the publish tool writes: the app as `npm start` serves it has no such tag and asks for nothing.
 *
 * The file comes from a web server, so it is read as untrusted: its size and nesting are bounded
 * before parsing, only known fields are read, every text is bounded, and every data path must be
 * a file of `data/site/` (never another origin, never `..`). Any problem refuses the whole file
 * with a message that says why.
 */
import { isRecord } from '../domain/guards.ts';
import { CURATED_DATASET } from '../domain/dataset.ts';
import { BUILTIN_FILES, loadShippedDataset, type BuiltinDataset, type FetchBytes } from './builtin-datasets.ts';
import { DATASET_LIMITS } from './dataset-file.ts';
import { checkJsonDepth } from './import/json-depth.ts';

/** The layout version of `site.json` this module writes and reads. */
export const SITE_CONFIG_VERSION = 1;
/** The file name of the settings, beside `index.html`. */
export const SITE_CONFIG_FILE = 'site.json';
/** The `<meta name>` that tells the page it is a published site and where its settings are. */
export const SITE_META_NAME = 'conflict-map-site';
/** Where a site's own dataset files lie, relative to the page. */
export const SITE_DATA_DIR = 'data/site/';

/** Bounds on a `site.json`, checked before and while reading it. */
export const SITE_LIMITS = {
  maxBytes: 256 * 1024,
  maxDepth: 8,
  maxDatasets: 32,
  maxTitle: 200,
  /** The default view is a URL hash: view, filters and selection. */
  maxView: 4000,
} as const;

/** One dataset a site ships: what it is, and its two files with the core's content hash. */
export interface SiteDataset {
  /** `Incident.dataset` of its rows; the `ds` filter names it. */
  readonly id: string;
  readonly name: string;
  readonly attribution: string | null;
  readonly licence: string | null;
  readonly rows: number;
  /** SHA-256 (hex) of the core file's content: the dataset's version. */
  readonly sha256: string;
  /** Paths relative to the page, under `data/site/`. */
  readonly core: string;
  readonly details: string;
}

/** What a published site is. */
export interface SiteConfig {
  readonly title: string;
  /** The URL hash (`#zoom/lat/lon&…`) shown when a link names no view, or null for the app's own. */
  readonly view: string | null;
  /** Readers may import their own files (false: no import, nothing restored from the device). */
  readonly allowImport: boolean;
  /** The built-in datasets (curated incidents and displacement, UCDP GED) ship and load. */
  readonly builtin: boolean;
  readonly datasets: readonly SiteDataset[];
}

/** The app as `npm start` serves it: no site settings. */
export const DEFAULT_SITE: SiteConfig = { title: 'Conflict Map', view: null, allowImport: true, builtin: true, datasets: [] };

/** What the page starts with: the settings, and why they could not be read (then nothing ships but the basemap). */
export interface SiteSetup {
  readonly config: SiteConfig;
  /** True on a published site (the page names a `site.json`). */
  readonly published: boolean;
  readonly error: string | null;
}

/** A `site.json` that cannot be used, with a message that says why. */
export class SiteConfigError extends Error {
  override readonly name = 'SiteConfigError';
}

function fail(message: string): never {
  throw new SiteConfigError(message);
}

const ID = /^[a-z0-9](?:[a-z0-9-]{0,62})$/;
const SHA256 = /^[0-9a-f]{64}$/;
const DATA_FILE = /^data\/site\/[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9_-]+)*\.cmds$/;
// Controls other than tab and newlines have no place in a title or a name.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** Dataset ids a site may not take: the built-in datasets'. */
const RESERVED_IDS: ReadonlySet<string> = new Set([CURATED_DATASET, ...Object.keys(BUILTIN_FILES)]);

function text(v: unknown, what: string, max: number): string {
  if (typeof v !== 'string') fail(`${what} is not a text`);
  const t = v.trim();
  if (t === '') fail(`${what} is empty`);
  if (t.length > max) fail(`${what} is longer than ${max.toLocaleString('en-GB')} characters`);
  if (CONTROL.test(t)) fail(`${what} holds control characters`);
  return t;
}

function optionalText(v: unknown, what: string, max: number): string | null {
  return v === null || v === undefined ? null : text(v, what, max);
}

function flag(v: unknown, what: string): boolean {
  if (typeof v !== 'boolean') fail(`"${what}" is not true or false`);
  return v;
}

function dataPath(v: unknown, what: string): string {
  if (typeof v !== 'string' || !DATA_FILE.test(v)) fail(`${what} is not a .cmds file of ${SITE_DATA_DIR}`);
  return v;
}

function readDataset(raw: unknown, i: number): SiteDataset {
  const at = `datasets[${i}]`;
  if (!isRecord(raw)) fail(`${at} is not an object`);
  const id = raw['id'];
  if (typeof id !== 'string' || !ID.test(id)) fail(`${at}.id is not lowercase letters, digits and dashes`);
  if (RESERVED_IDS.has(id)) fail(`${at}.id "${id}" is a built-in dataset's id`);
  const rows = raw['rows'];
  if (typeof rows !== 'number' || !Number.isInteger(rows) || rows < 0 || rows > DATASET_LIMITS.maxRows) fail(`${at}.rows is not a row count`);
  const sha256 = raw['sha256'];
  if (typeof sha256 !== 'string' || !SHA256.test(sha256)) fail(`${at}.sha256 is not a SHA-256 in hex`);
  return {
    id,
    name: text(raw['name'], `${at}.name`, DATASET_LIMITS.maxMetaText),
    attribution: optionalText(raw['attribution'], `${at}.attribution`, DATASET_LIMITS.maxMetaText),
    licence: optionalText(raw['licence'], `${at}.licence`, DATASET_LIMITS.maxMetaText),
    rows,
    sha256,
    core: dataPath(raw['core'], `${at}.core`),
    details: dataPath(raw['details'], `${at}.details`),
  };
}

/**
 * Reads the text of a `site.json`. Throws a SiteConfigError that says what is wrong: too large,
 * too deep, not JSON, another version, a missing or mistyped field, a text too long, a dataset
 * id taken twice or reserved, a data path outside `data/site/`.
 * @example readSiteConfig('{"conflictMapSite":1,"title":"Sagaing","view":null,"import":false,"builtin":false,"datasets":[]}')
 */
export function readSiteConfig(json: string): SiteConfig {
  if (json.length > SITE_LIMITS.maxBytes) fail(`${SITE_CONFIG_FILE} is larger than ${SITE_LIMITS.maxBytes / 1024} KB`);
  if (!checkJsonDepth(json, SITE_LIMITS.maxDepth)) fail(`${SITE_CONFIG_FILE} nests deeper than ${SITE_LIMITS.maxDepth} levels`);
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    fail(`${SITE_CONFIG_FILE} is not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isRecord(raw)) fail(`${SITE_CONFIG_FILE} is not a JSON object`);
  const version = raw['conflictMapSite'];
  if (version !== SITE_CONFIG_VERSION) {
    fail(typeof version === 'number' ? `${SITE_CONFIG_FILE} is version ${version}; this app reads version ${SITE_CONFIG_VERSION}` : `${SITE_CONFIG_FILE} is not a Conflict Map site file`);
  }
  const view = raw['view'];
  if (view !== null && view !== undefined && (typeof view !== 'string' || !view.startsWith('#') || view.length > SITE_LIMITS.maxView || /[\s<>"'`\\]/.test(view))) {
    fail(`"view" is not a link's part after # (at most ${SITE_LIMITS.maxView} characters)`);
  }
  const list = raw['datasets'];
  if (!Array.isArray(list)) fail('"datasets" is not a list');
  if (list.length > SITE_LIMITS.maxDatasets) fail(`"datasets" lists more than ${SITE_LIMITS.maxDatasets} datasets`);
  const datasets = list.map(readDataset);
  const seen = new Set<string>();
  for (const d of datasets) {
    if (seen.has(d.id)) fail(`the dataset id "${d.id}" is listed twice`);
    seen.add(d.id);
  }
  return {
    title: text(raw['title'], '"title"', SITE_LIMITS.maxTitle),
    view: typeof view === 'string' ? view : null,
    allowImport: flag(raw['import'], 'import'),
    builtin: flag(raw['builtin'], 'builtin'),
    datasets,
  };
}

/** The text of a `site.json` for these settings: what `readSiteConfig` reads back unchanged. */
export function siteConfigJson(config: SiteConfig): string {
  const out = {
    conflictMapSite: SITE_CONFIG_VERSION,
    title: config.title,
    view: config.view,
    import: config.allowImport,
    builtin: config.builtin,
    datasets: config.datasets.map((d) => ({ ...d })),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** What a published site falls back to when its settings cannot be read: only the basemap, no import. */
const BROKEN_SITE: SiteConfig = { ...DEFAULT_SITE, allowImport: false, builtin: false };

/**
 * The page's settings: the app's defaults unless the page names a `site.json`; then that file,
 * fetched from the page's own origin and read with `readSiteConfig`. A file that cannot be
 * fetched or read gives a site with nothing but the basemap, and the reason.
 */
export async function loadSiteSetup(doc: Document = document, fetchFn: typeof fetch = fetch): Promise<SiteSetup> {
  const meta = doc.querySelector(`meta[name="${SITE_META_NAME}"]`);
  if (meta === null) return { config: DEFAULT_SITE, published: false, error: null };
  try {
    const url = new URL(meta.getAttribute('content') || SITE_CONFIG_FILE, doc.baseURI);
    if (url.origin !== new URL(doc.baseURI).origin) fail(`the page names settings on another origin (${url.origin})`);
    const res = await fetchFn(url, { cache: 'no-cache' });
    if (!res.ok) fail(`${SITE_CONFIG_FILE} could not be loaded: HTTP ${res.status}`);
    if (Number(res.headers.get('content-length') ?? 0) > SITE_LIMITS.maxBytes) fail(`${SITE_CONFIG_FILE} is larger than ${SITE_LIMITS.maxBytes / 1024} KB`);
    return { config: readSiteConfig(await res.text()), published: true, error: null };
  } catch (e) {
    return { config: BROKEN_SITE, published: true, error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * Loads one of a site's datasets like the built-in UCDP record (core now, details on first use),
 * refusing a core whose content hash or dataset id is not the one `site.json` names.
 */
export async function loadSiteDataset(entry: SiteDataset, fetchBytes?: FetchBytes): Promise<BuiltinDataset> {
  const ds = await loadShippedDataset({ core: entry.core, details: entry.details, sha256: entry.sha256 }, 'site', fetchBytes);
  if (ds.id !== entry.id) fail(`${entry.core} holds the dataset "${ds.id}", not "${entry.id}"`);
  return ds;
}
