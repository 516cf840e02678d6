/**
 * Takes a screenshot of the production build for the README and for looking at changes:
 * `npx tsx tests/tools/screenshot.ts out.png '#5/19.6/96.6' 1400x900`.
 */
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../e2e/harness.ts';

const [out = 'screenshot.png', hash = '', size = '1400x900', action = ''] = process.argv.slice(2);
const [width, height] = size.split('x').map(Number) as [number, number];

// Its own output folder, so a screenshot never races a test run's build in dist/.
const outDir = '.cache/screenshot-dist';
await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
const server = await preview({ build: { outDir }, preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
const url = server.resolvedUrls?.local[0] ?? '';
const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width, height } });
  page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
  page.on('pageerror', (e) => console.error('pageerror:', e));
  await page.goto(`${url}?handle${hash}`);
  await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 60_000 });
  if (action) await page.evaluate(action);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.close();
}
