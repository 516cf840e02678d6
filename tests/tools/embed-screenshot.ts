/**
 * The README's picture of an embedded map (issue 15): publishes the UCDP 2022 sample without the
 * built-in data over a build of the app, serves it from `/maps/sagaing/` with the policy header,
 * and photographs an article page that embeds it with the README's `<iframe>` snippet, after a
 * click on a marker. `npx tsx tests/tools/embed-screenshot.ts [out.png]` (default
 * docs/screenshot-embed.png); `APP=dist` uses that build instead of building one.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../e2e/harness.ts';
import { pagePolicy, publishSite } from '../../tools/publish/publish-site.ts';
import { headerPolicy, OTHER_HEADERS } from '../../tools/publish/hosting.ts';
import { serveStaticSite } from '../helpers/static-site-server.ts';

const out = resolve(process.argv[2] ?? 'docs/screenshot-embed.png');
const dir = await mkdtemp(join(tmpdir(), 'conflict-map-embed-shot-'));
const site = join(dir, 'site');
await publishSite({
  data: [{ file: resolve(import.meta.dirname, '../fixtures/ucdp_ged_myanmar_2022_sagaing_kayah_kayin.csv'), name: 'UCDP GED 2022: Sagaing, Kayah, Kayin', attribution: null, licence: 'CC BY 4.0' }],
  title: 'Sagaing, Kayah and Kayin in 2022',
  view: '#7/22.3/95.6',
  out: site,
  allowImport: false,
  builtin: false,
  app: process.env['APP'] ?? null,
});
const policy = headerPolicy(pagePolicy(await readFile(join(site, 'index.html'), 'utf8')));
const article = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Air strikes in Sagaing</title><link rel="icon" href="data:,">
<style>body{margin:0;background:#fff;color:#222;font:17px/1.55 Georgia,serif}main{max-width:640px;margin:0 auto;padding:28px 20px}
h1{font:700 30px/1.2 sans-serif;margin:0 0 6px}.by{font:13px sans-serif;color:#666;margin:0 0 18px}figure{margin:22px 0}figcaption{font:13px sans-serif;color:#555;margin-top:6px}</style></head>
<body><main><h1>A year of attacks in Sagaing</h1><p class="by">An example article page that embeds a published map</p>
<p>Reported clashes and attacks on civilians in Sagaing, Kayah and Kayin during 2022, as recorded by UCDP GED. Click a marker to read its sources.</p>
<figure>
<iframe src="/maps/sagaing/?embed#8/22.1/95.3" title="Map: Sagaing, Kayah and Kayin in 2022" width="600" height="400" style="border:0" loading="lazy" referrerpolicy="no-referrer"></iframe>
<figcaption>Map: Conflict Map, data UCDP GED (CC BY 4.0).</figcaption>
</figure>
<p>Each marker is one event; a ring means the place is known only to a township.</p></main></body></html>`;
const server = await serveStaticSite({
  dir: site,
  prefix: '/maps/sagaing/',
  headers: { 'Content-Security-Policy': policy, ...Object.fromEntries(OTHER_HEADERS) },
  pages: { '/article.html': { html: article } },
});
const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 760, height: 720 } });
  page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
  await page.goto(`${server.origin}/article.html`);
  const iframe = page.locator('iframe');
  const frame = await (await iframe.elementHandle())?.contentFrame();
  if (!frame) throw new Error('no frame');
  await frame.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 120_000 });
  await new Promise((r) => setTimeout(r, 1500));
  // Click a drawn marker near the map's centre, as a reader would.
  const box = await iframe.boundingBox();
  const canvas = await frame.locator('[data-testid="map"] canvas').boundingBox();
  if (box && canvas) {
    // The README's snippet has no test handle: try points near the centre until one opens details.
    const points: [number, number][] = [];
    for (let y = 0.35; y <= 0.75; y += 0.05) for (let x = 0.3; x <= 0.7; x += 0.05) points.push([x, y]);
    for (const [fx, fy] of points) {
      await page.mouse.click(canvas.x + canvas.width * fx, canvas.y + canvas.height * fy);
      await new Promise((r) => setTimeout(r, 400));
      const label = await frame.getByTestId('details').getAttribute('aria-label', { timeout: 500 }).catch(() => null);
      if (label === 'Choose an incident') await frame.locator('.chooser button').first().click();
      if (label) break;
    }
  }
  await new Promise((r) => setTimeout(r, 2000));
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
}
