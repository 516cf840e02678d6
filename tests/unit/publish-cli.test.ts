/**
 * `npm run publish` (issue 15): its command line, its refusal of a bad data file (the import
 * report's reasons, no site written), and the site it writes around a given build of the app.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsePublishArgs, PublishArgsError } from '../../tools/publish/args.ts';
import { publishSite, PublishRefusedError, siteIndexHtml } from '../../tools/publish/publish-site.ts';
import { runPublish } from '../../tools/publish.ts';
import { loadSiteDataset, readSiteConfig } from '../../src/lib/data/site-config.ts';
import { BUILTIN_DATA_FILES } from '../../src/lib/data/builtin-datasets.ts';

const FIXTURES = resolve(import.meta.dirname, '../fixtures');
const UCDP_SAMPLE = join(FIXTURES, 'ucdp_ged_myanmar_2022_sagaing_kayah_kayin.csv');
const BAD_DATES = join(FIXTURES, 'import/acled-bad-dates.csv');
const GOOD_ACLED = join(FIXTURES, 'import/acled-current.csv');

describe('parsePublishArgs', () => {
  it('reads every flag, in both spellings, with each --name and --attribution going to the --data before it', () => {
    const o = parsePublishArgs([
      '--data', 'a.csv', '--name', 'ACLED 2022', '--attribution=Our newsroom', '--licence', 'CC BY 4.0',
      '--data=b.geojson',
      '--title', 'Sagaing in 2022', '--view', '7/22.3/95.6&from=2022-01-01', '--out', 'site', '--no-import', '--no-builtin', '--app', 'dist',
    ]);
    expect(o).toEqual({
      data: [
        { file: 'a.csv', name: 'ACLED 2022', attribution: 'Our newsroom', licence: 'CC BY 4.0' },
        { file: 'b.geojson', name: null, attribution: null, licence: null },
      ],
      title: 'Sagaing in 2022',
      view: '#7/22.3/95.6&from=2022-01-01',
      out: 'site',
      allowImport: false,
      builtin: false,
      app: 'dist',
    });
  });

  it('defaults to import allowed, built-ins shipped, the app built now and its own view', () => {
    expect(parsePublishArgs(['--data', 'a.csv', '--title', 'T', '--out', 'o'])).toMatchObject({ view: null, allowImport: true, builtin: true, app: null });
  });

  it.each([
    [['--title', 'T', '--out', 'o'], 'give at least one --data FILE'],
    [['--data', 'a.csv', '--out', 'o'], 'give the map a --title'],
    [['--data', 'a.csv', '--title', 'T'], 'give the folder to write the site to with --out'],
    [['--name', 'N', '--data', 'a.csv', '--title', 'T', '--out', 'o'], '--name describes a data file'],
    [['--data', '--title', 'T', '--out', 'o'], '--data needs a value'],
    [['--data', 'a.csv', '--title', 'T', '--out', 'o', '--colour', 'red'], 'unknown option --colour'],
    [['--data', 'a.csv', 'b.csv', '--title', 'T', '--out', 'o'], '"b.csv" is not an option'],
    [['--data', 'a.csv', '--title', '   ', '--out', 'o'], '--title is empty'],
    [['--data', 'a.csv', '--title', 'a\u0007b', '--out', 'o'], 'control characters'],
    [['--data', 'a.csv', '--title', 'x'.repeat(201), '--out', 'o'], 'longer than 200'],
    [['--data', 'a.csv', '--title', 'T', '--out', 'o', '--view', '#from=2022-01-01'], 'names no view'],
    [['--data', 'a.csv', '--title', 'T', '--out', 'o', '--view', '#7/22/95&x=<script>'], 'angle brackets'],
    [['--data', 'a.csv', '--title', 'T', '--out', 'o', '--no-import=yes'], '--no-import takes no value'],
  ])('refuses %j: %s', (argv, message) => {
    expect(() => parsePublishArgs(argv)).toThrow(PublishArgsError);
    expect(() => parsePublishArgs(argv)).toThrow(message);
  });
});

describe('npm run publish', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'conflict-map-publish-unit-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** A stand-in for `npm run build`'s output: a page with the app's policy, and the built-in data files. */
  async function fakeBuild(): Promise<string> {
    const app = join(dir, 'app');
    await mkdir(join(app, 'data'), { recursive: true });
    await writeFile(
      join(app, 'index.html'),
      '<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src \'self\'; object-src \'none\'" /><title>Conflict Map</title></head><body><div id="app"></div></body></html>',
    );
    for (const f of BUILTIN_DATA_FILES) await writeFile(join(app, f), 'built-in');
    await writeFile(join(app, 'data/townships.json'), '{}');
    return app;
  }

  it('exits 1 on a data file with rejected rows, prints the import report\'s reasons and writes no site', async () => {
    const out = join(dir, 'site');
    const lines: string[] = [];
    const code = await runPublish(['--data', BAD_DATES, '--title', 'Bad', '--out', out, '--app', join(dir, 'no-build')], () => undefined, (l) => lines.push(l));
    expect(code).toBe(1);
    const text = lines.join('\n');
    expect(text).toContain('No site was written');
    expect(text).toContain('acled-bad-dates.csv (ACLED): 10 rows read, 3 shown, 7 rejected');
    expect(text).toContain('Date missing or unreadable (unparseable_date): 5');
    expect(text).toContain('A required value is blank (missing_required_field): 1');
    expect(text).toContain('A value is not one the format allows (invalid_field): 1');
    expect(text).toContain('row 1: Date missing or unreadable. event_date "2022-02-30" is not a date we can read');
    expect(existsSync(out)).toBe(false);
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses the whole publish when one of several files is bad, and names every bad one', async () => {
    const out = join(dir, 'site');
    const run = publishSite(parsePublishArgs(['--data', GOOD_ACLED, '--data', BAD_DATES, '--data', join(dir, 'missing.csv'), '--title', 'T', '--out', out, '--app', join(dir, 'no-build')]));
    await expect(run).rejects.toThrow(PublishRefusedError);
    await expect(run).rejects.toThrow(/2 data files were not imported whole[\s\S]*acled-bad-dates\.csv[\s\S]*missing\.csv: not imported\. .*missing\.csv was not found/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a file in no format it reads, and one with no rows', async () => {
    const empty = join(dir, 'empty.csv');
    await writeFile(empty, 'event_id_cnty,event_date,latitude,longitude\n');
    const notData = join(FIXTURES, 'hostile/png-renamed.csv');
    for (const file of [empty, notData]) {
      const run = publishSite(parsePublishArgs(['--data', file, '--title', 'T', '--out', join(dir, 'site'), '--app', join(dir, 'no-build')]));
      await expect(run).rejects.toThrow(PublishRefusedError);
    }
    expect(existsSync(join(dir, 'site'))).toBe(false);
  });

  it('exits 2 with the usage on a bad command line', async () => {
    const lines: string[] = [];
    expect(await runPublish(['--data', 'a.csv'], () => undefined, (l) => lines.push(l))).toBe(2);
    expect(lines.join('\n')).toMatch(/give the map a --title[\s\S]*Usage: npm run publish/);
  });

  it('will not write over a folder it did not make', async () => {
    const out = join(dir, 'mine');
    await mkdir(out);
    await writeFile(join(out, 'thesis.docx'), 'keep me');
    const run = publishSite(parsePublishArgs(['--data', UCDP_SAMPLE, '--title', 'T', '--out', out, '--app', await fakeBuild()]));
    await expect(run).rejects.toThrow(/not a site this tool wrote/);
    expect(await readdir(out)).toEqual(['thesis.docx']);
  });

  it('writes the site around a build: its datasets in the app\'s format, site.json, the title, no built-in data on --no-builtin', async () => {
    const app = await fakeBuild();
    const out = join(dir, 'site');
    const args = ['--data', UCDP_SAMPLE, '--name', 'UCDP 2022', '--attribution', 'Our newsroom', '--title', 'Sagaing & <Kayah>', '--view', '#8/22/95.5', '--out', out, '--no-builtin', '--no-import', '--app', app];
    const result = await publishSite(parsePublishArgs(args));
    const config = readSiteConfig(await readFile(join(out, 'site.json'), 'utf8'));
    expect(config).toEqual(result.config);
    expect(config).toMatchObject({ title: 'Sagaing & <Kayah>', view: '#8/22/95.5', allowImport: false, builtin: false });
    const [entry] = config.datasets;
    expect(entry).toMatchObject({ id: 'ucdp-2022', name: 'UCDP 2022', rows: 807 });
    expect(entry?.attribution).toMatch(/^Our newsroom \| UCDP Georeferenced Event Dataset/);
    // The page reads the dataset as it reads the built-in UCDP record, checked against site.json's hash.
    const ds = await loadSiteDataset(entry!, async (p) => {
      const b = await readFile(join(out, p));
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
    });
    expect(ds.records).toHaveLength(807);
    expect(ds.meta.attribution).toBe(entry?.attribution);
    const first = ds.records[0]!;
    const [full] = (await ds.details([first.id])).values();
    expect(full?.sources.length).toBeGreaterThan(0);

    const html = await readFile(join(out, 'index.html'), 'utf8');
    expect(html).toContain('<title>Sagaing &#38; &#60;Kayah&#62;</title>');
    expect(html).toContain('<meta name="conflict-map-site" content="site.json" />');
    expect(html).toContain('Content-Security-Policy');
    for (const f of BUILTIN_DATA_FILES) expect(existsSync(join(out, f)), f).toBe(false);
    expect(existsSync(join(out, 'data/townships.json'))).toBe(true);
    expect(await readFile(join(out, 'HOSTING.md'), 'utf8')).toContain("Content-Security-Policy: default-src 'self'; object-src 'none'; frame-ancestors 'self'");

    // Publishing again over its own site replaces it; nothing is left beside it.
    await publishSite(parsePublishArgs(args.filter((a) => a !== '--no-builtin')));
    expect(existsSync(join(out, BUILTIN_DATA_FILES[0]!))).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(['app', 'site']);
  }, 60_000);

  it('escapes the title for the page', () => {
    const page = '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'"><title>Conflict Map</title>';
    expect(siteIndexHtml(page, '"A" & <b>')).toContain('<title>&#34;A&#34; &#38; &#60;b&#62;</title>');
    expect(() => siteIndexHtml('<title>x</title>', 'T')).toThrow(/no content security policy/);
  });
});
