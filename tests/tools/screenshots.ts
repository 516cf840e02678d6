/**
 * Takes several screenshots of one production build, for the README and for looking at changes:
 * `npx tsx tests/tools/screenshots.ts shots.json`, where shots.json is a list of
 * `{ "out": "a.png", "hash": "#5/19.6/96.6", "width": 1440, "height": 900, "mobile": false, "action": "js", "wait": 1500 }`.
 * `mobile` emulates a touch phone (device scale 2, touch, mobile viewport).
 */
import { readFileSync } from 'node:fs';
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../e2e/harness.ts';

interface Shot {
  readonly out: string;
  readonly hash?: string;
  readonly width?: number;
  readonly height?: number;
  readonly mobile?: boolean;
  /** JavaScript run in the page after the map's first idle (the `?handle` test handle is there). */
  readonly action?: string;
  readonly wait?: number;
  /** Capture only the element matching this selector. */
  readonly selector?: string;
}

const shots = JSON.parse(readFileSync(process.argv[2] ?? 'shots.json', 'utf8')) as Shot[];
const outDir = '.cache/screenshot-dist';
if (!process.env['NO_BUILD']) await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
const server = await preview({ build: { outDir }, preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
const url = server.resolvedUrls?.local[0] ?? '';
const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  for (const shot of shots) {
    const context = await browser.newContext({
      viewport: { width: shot.width ?? 1440, height: shot.height ?? 900 },
      ...(shot.mobile ? { deviceScaleFactor: 2, hasTouch: true, isMobile: true } : {}),
    });
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
    page.on('pageerror', (e) => console.error('pageerror:', e));
    await page.goto(`${url}?handle${shot.hash ?? ''}`);
    await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 60_000 });
    if (shot.action) await page.evaluate(shot.action);
    await page.waitForTimeout(shot.wait ?? 1500);
    if (shot.selector) await page.locator(shot.selector).screenshot({ path: shot.out });
    else await page.screenshot({ path: shot.out });
    console.log(`wrote ${shot.out}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
