/**
 * A published site (issue 15): `npm run publish` of the UCDP 2022 sample without the built-in
 * data, served from a sub-path by a plain static server that sends the policy as an HTTP header
 * with `frame-ancestors`, as HOSTING.md says. In Chromium: the sample's 807 incidents, every
 * request on the site's own origin and under its sub-path, no policy violation; and an article
 * that embeds `?embed` in a 600×400 `<iframe>` shows the map, the legend and the details of a
 * clicked marker.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { launchChromium } from './harness.ts';
import { LAYER } from '../../src/lib/map/ids.ts';
import { publishSite } from '../../tools/publish/publish-site.ts';
import { headerPolicy, OTHER_HEADERS } from '../../tools/publish/hosting.ts';
import { pagePolicy } from '../../tools/publish/publish-site.ts';
import { serveStaticSite, type StaticSite } from '../helpers/static-site-server.ts';

const SAMPLE = resolve(import.meta.dirname, '../fixtures/ucdp_ged_myanmar_2022_sagaing_kayah_kayin.csv');
const PREFIX = '/maps/sagaing/';
const TITLE = 'Sagaing, Kayah and Kayin in 2022';
const CREDIT = 'Example Newsroom';

type Handle = { map: import('maplibre-gl').Map };

let outRoot: string;
let site: StaticSite;
let policy: string;
let browser: Browser;

beforeAll(async () => {
  outRoot = await mkdtemp(join(tmpdir(), 'conflict-map-publish-e2e-'));
  const out = join(outRoot, 'site');
  // The global setup built the app into dist/; the publish uses that build as it is.
  await publishSite({
    data: [{ file: SAMPLE, name: 'UCDP GED 2022 sample', attribution: CREDIT, licence: 'CC BY 4.0' }],
    title: TITLE,
    view: '#7/22.3/95.6',
    out,
    allowImport: true,
    builtin: false,
    app: existsSync('dist/index.html') ? 'dist' : null,
  });
  policy = headerPolicy(pagePolicy(await readFile(join(out, 'index.html'), 'utf8')));
  site = await serveStaticSite({
    dir: out,
    prefix: PREFIX,
    headers: { 'Content-Security-Policy': policy, ...Object.fromEntries(OTHER_HEADERS) },
    pages: {
      '/news/article.html': {
        html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>An article</title><link rel="icon" href="data:,"></head>
<body style="margin:0;padding:24px;font-family:sans-serif"><h1>An article with a map</h1>
<iframe src="${PREFIX}?embed&amp;handle#10/22.05/95.4" title="Map: ${TITLE}" width="600" height="400" style="border:1px solid #ccc" loading="lazy"></iframe>
</body></html>`,
      },
    },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (outRoot) await rm(outRoot, { recursive: true, force: true });
});

/** A page that records every request and every policy violation (in every frame) or error. */
async function recordedPage(context: BrowserContext): Promise<{ page: Page; requests: string[]; problems: string[] }> {
  const page = await context.newPage();
  const requests: string[] = [];
  const problems: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('request', (r) => requests.push(r.url()));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${String(e)}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/GPU stall due to ReadPixels/i.test(m.text())) problems.push(`console error: ${m.text()}`);
  });
  return { page, requests, problems };
}

/** Requests that left the site: another origin, or outside its sub-path (the article page aside). */
function strayRequests(requests: readonly string[], allowed: readonly string[] = []): string[] {
  return requests.filter((u) => {
    if (u.startsWith('data:') || u.startsWith('blob:')) return false;
    const url = new URL(u);
    return url.origin !== site.origin || !(url.pathname.startsWith(PREFIX) || allowed.includes(url.pathname));
  });
}

async function waitForReady(where: Page | Frame): Promise<void> {
  await where.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 60_000 });
}

describe('a published site', () => {
  it('serves the policy header HOSTING.md gives, frame-ancestors included', async () => {
    const res = await fetch(site.url);
    expect(res.headers.get('content-security-policy')).toBe(policy);
    expect(policy).toContain("frame-ancestors 'self'");
    const hosting = await (await fetch(`${site.url}HOSTING.md`)).text();
    expect(hosting).toContain(`Content-Security-Policy: ${policy}`);
    // The built-in data were left out.
    expect((await fetch(`${site.url}data/incidents.json`)).status).toBe(404);
    expect((await fetch(`${site.url}data/ucdp-ged.core.cmds`)).status).toBe(404);
  });

  it('shows the 807 incidents of the sample from a sub-path, with no request off the site and no policy violation', async () => {
    const context = await browser.newContext({ viewport: { width: 1300, height: 850 } });
    try {
      const { page, requests, problems } = await recordedPage(context);
      await page.goto(`${site.url}?handle`);
      await waitForReady(page);
      const count = page.getByTestId('visible-count');
      await expect.poll(() => count.getAttribute('data-events'), { timeout: 30_000 }).toBe('807');
      await expect(count.innerText()).resolves.toMatch(/^807 of 807 incidents shown/);
      await expect(page.locator('h1').innerText()).resolves.toBe(TITLE);
      await expect(page.title()).resolves.toBe(TITLE);
      // The site's default view, written into the address as a link to it.
      expect(new URL(page.url()).hash).toMatch(/^#7\/22\.3\/95\.6/);
      const legend = await page.locator('section.legend').innerText();
      expect(legend).toContain(CREDIT);
      expect(legend).toContain('UCDP');
      expect(strayRequests(requests)).toEqual([]);
      expect(requests.some((u) => u.includes('/data/site/') && u.endsWith('.core.cmds'))).toBe(true);
      expect(requests.filter((u) => /data\/(incidents|displacement)\.json|ucdp-ged\.(core|details)\.cmds/.test(u))).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('embeds in a 600×400 iframe with the map, the legend, a View full map link and details on click', async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    try {
      const { page, requests, problems } = await recordedPage(context);
      await page.goto(`${site.origin}/news/article.html`);
      const iframe = page.locator('iframe');
      const frame = await (await iframe.elementHandle())?.contentFrame();
      if (!frame) throw new Error('the iframe has no frame');
      await waitForReady(frame);
      const box = await iframe.boundingBox();
      if (!box) throw new Error('the iframe has no box');
      expect([Math.round(box.width), Math.round(box.height)]).toEqual([602, 402]);
      // The embed shows the map, the legend, the timeline and its link; not the side panel or header.
      await expect(frame.getByTestId('embed').isVisible()).resolves.toBe(true);
      await expect(frame.locator('#legend-title').isVisible()).resolves.toBe(true);
      // Folded at first in so small a frame; one click opens it, with the data's credit.
      await frame.locator('#legend-title button').click();
      await expect.poll(() => frame.locator('section.legend').innerText()).toContain(CREDIT);
      await frame.locator('#legend-title button').click();
      const full = frame.getByRole('link', { name: 'View full map' });
      await expect(full.isVisible()).resolves.toBe(true);
      expect(new URL((await full.getAttribute('href')) ?? '', frame.url()).pathname).toBe(PREFIX);
      await expect(frame.locator('aside.side').count()).resolves.toBe(0);
      const canvas = await frame.locator('[data-testid="map"] canvas').boundingBox();
      expect(canvas?.width ?? 0).toBeGreaterThan(550);
      expect(canvas?.height ?? 0).toBeGreaterThan(250);

      // The article embeds a view where markers are drawn one by one: click one, as a reader would.
      const target = await frame.evaluate((layer) => {
        const { map } = (window as unknown as { conflictMap: Handle }).conflictMap;
        const r = map.getCanvas().getBoundingClientRect();
        for (const f of map.queryRenderedFeatures({ layers: [layer] })) {
          if (f.geometry.type !== 'Point') continue;
          const p = map.project(f.geometry.coordinates as [number, number]);
          // Away from the legend (top left) and the link; inside the canvas.
          if (p.x > 280 && p.x < r.width - 20 && p.y > 20 && p.y < r.height - 20) return { x: r.left + p.x, y: r.top + p.y };
        }
        return null;
      }, LAYER.incidents);
      expect(target).not.toBeNull();
      await page.mouse.click(box.x + 1 + (target?.x ?? 0), box.y + 1 + (target?.y ?? 0));
      const details = frame.getByTestId('details');
      await details.waitFor({ timeout: 15_000 });
      const label = await details.getAttribute('aria-label');
      if (label === 'Choose an incident') await frame.locator('.chooser button').first().click();
      await expect.poll(() => details.getAttribute('aria-label')).toBe('Incident details');
      await expect(details.locator('h2').innerText()).resolves.not.toBe('');
      await expect.poll(() => details.innerText()).toContain('UCDP');

      expect(strayRequests(requests, ['/news/article.html'])).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
