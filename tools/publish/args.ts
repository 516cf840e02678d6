/**
 * The command line of `npm run publish` (issue 15), parsed and checked before anything is read:
 *
 *   npm run publish -- --data FILE [--name TEXT] [--attribution TEXT] [--licence TEXT]
 *                      [--data FILE …] --title TEXT [--view "#z/lat/lon&…"] --out DIR
 *                      [--no-import] [--no-builtin] [--app DIR]
 *
 * `--name`, `--attribution` and `--licence` describe the `--data` file given before them.
 * Values may also be written `--flag=value`.
 */
import { parseHash } from '../../src/lib/state/url-hash.ts';
import { SITE_LIMITS } from '../../src/lib/data/site-config.ts';

/** One data file to ship, with what the publisher says of it. */
export interface PublishDataArg {
  readonly file: string;
  /** The name readers see; default the file's name. */
  readonly name: string | null;
  /** The publisher's own credit, shown before the attribution the data's licence asks for. */
  readonly attribution: string | null;
  readonly licence: string | null;
}

/** What `npm run publish` was asked to do. */
export interface PublishOptions {
  readonly data: readonly PublishDataArg[];
  readonly title: string;
  /** The default view as a link's part after `#`, or null for the app's own. */
  readonly view: string | null;
  readonly out: string;
  readonly allowImport: boolean;
  readonly builtin: boolean;
  /** An app already built with `npm run build` to use as is, or null to build it now. */
  readonly app: string | null;
}

/** A command line that cannot be run, with a message that says why (printed above the usage). */
export class PublishArgsError extends Error {
  override readonly name = 'PublishArgsError';
}

/** How to call the tool. */
export const PUBLISH_USAGE = `Usage: npm run publish -- --data FILE [--name TEXT] [--attribution TEXT] [--licence TEXT] [--data FILE …]
                          --title TEXT [--view "#zoom/lat/lon&…"] --out DIR [--no-import] [--no-builtin] [--app DIR]

  --data FILE          an ACLED or UCDP GED CSV, a Conflict Map CSV or GeoJSON points (repeat for more)
  --name TEXT          the name readers see for the --data before it (default: its file name)
  --attribution TEXT   your credit for the --data before it (the credit its licence asks for is added)
  --licence TEXT       its licence, e.g. "CC BY 4.0"
  --title TEXT         the map's title (the page's title and heading)
  --view "#…"          the view a reader sees first: a link's part after #, e.g. "#7/22.6/95.4"
  --out DIR            where to write the site (a new or empty folder, or a site this tool wrote)
  --no-import          readers cannot import their own data
  --no-builtin         leave out the built-in datasets (curated incidents and displacement, UCDP GED)
  --app DIR            use this build of the app (the output of npm run build) instead of building it`;

const MAX_NAME = 200;
const MAX_CREDIT = 2000;

function fail(message: string): never {
  throw new PublishArgsError(message);
}

function bounded(value: string, flag: string, max: number): string {
  const t = value.trim();
  if (t === '') fail(`${flag} is empty`);
  if (t.length > max) fail(`${flag} is longer than ${max} characters`);
  // Control characters have no place in a title, a name or a credit.
  if (/[\u0000-\u001f\u007f]/.test(t)) fail(`${flag} holds control characters`);
  return t;
}

/** Checks `--view`: a link's part after `#` that names a view (zoom/lat/lon), as the app reads it. */
function checkView(value: string): string {
  const hash = value.startsWith('#') ? value : `#${value}`;
  if (hash.length > SITE_LIMITS.maxView) fail(`--view is longer than ${SITE_LIMITS.maxView} characters`);
  if (/[\s<>"'`\\]/.test(hash)) fail('--view holds spaces, quotes or angle brackets; give it as the app writes it in the address bar');
  if (!parseHash(hash).view) fail(`--view "${value}" names no view: it must start with zoom/latitude/longitude, e.g. "#7/22.6/95.4"`);
  return hash;
}

/**
 * Reads the tool's arguments (what follows `npm run publish --`). Throws a PublishArgsError
 * for an unknown flag, a flag without its value, a missing `--data`, `--title` or `--out`, a
 * `--name` before any `--data`, a text too long, or a `--view` the app would not read.
 * @example parsePublishArgs(['--data', 'a.csv', '--title', 'Sagaing', '--out', 'site'])
 */
export function parsePublishArgs(argv: readonly string[]): PublishOptions {
  const data: { file: string; name: string | null; attribution: string | null; licence: string | null }[] = [];
  let title: string | null = null;
  let view: string | null = null;
  let out: string | null = null;
  let allowImport = true;
  let builtin = true;
  let app: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) fail(`${flag} needs a value`);
      i++;
      return next;
    };
    const last = (): (typeof data)[number] => data.at(-1) ?? fail(`${flag} describes a data file: give it after that file's --data`);
    switch (flag) {
      case '--data':
        data.push({ file: bounded(value(), flag, 4096), name: null, attribution: null, licence: null });
        break;
      case '--name':
        last().name = bounded(value(), flag, MAX_NAME);
        break;
      case '--attribution':
        last().attribution = bounded(value(), flag, MAX_CREDIT);
        break;
      case '--licence':
      case '--license':
        last().licence = bounded(value(), '--licence', MAX_NAME);
        break;
      case '--title':
        title = bounded(value(), flag, SITE_LIMITS.maxTitle);
        break;
      case '--view':
        view = checkView(value().trim());
        break;
      case '--out':
        out = bounded(value(), flag, 4096);
        break;
      case '--app':
        app = bounded(value(), flag, 4096);
        break;
      case '--no-import':
      case '--no-builtin':
        if (eq > 0) fail(`${flag} takes no value`);
        if (flag === '--no-import') allowImport = false;
        else builtin = false;
        break;
      default:
        fail(arg.startsWith('-') ? `unknown option ${flag}` : `"${arg}" is not an option (a data file goes after --data)`);
    }
  }
  if (data.length === 0) fail('give at least one --data FILE');
  if (title === null) fail('give the map a --title');
  if (out === null) fail('give the folder to write the site to with --out');
  return { data, title, view, out, allowImport, builtin, app };
}
