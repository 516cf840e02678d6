/**
 * Makes the example snapshot for the README through the export dialog of the production build:
 * `npx tsx tests/tools/example-export.ts [out.png] [hash] [size] [ratio]`, by default the Tabayin
 * area at 1600 × 1000 and 2× into docs/export-tabayin-2x.png.
 */
import { writeFile } from 'node:fs/promises';
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../e2e/harness.ts';

const [out = 'docs/export-tabayin-2x.png', hash = '#9.3/22.66/95.33', size = 'wide', ratio = '2'] = process.argv.slice(2);
const TITLE = 'Incidents \u2014 Tabayin Township, Sagaing Region, 2022';

await build({ logLevel: 'warn' });
const server = await preview({ preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'warn' });
const url = server.resolvedUrls?.local[0] ?? '';
const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
  page.on('pageerror', (e) => console.error('pageerror:', e));
  await page.goto(`${url}?handle${hash}`);
  await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 60_000 });
  // A date filter, so the example shows the filters line in use.
  await page.evaluate(`(() => {
    const { app } = window.conflictMap;
    app.setFilter({ ...app.filter, dateRange: { start: '2022-01-01', end: '2022-12-31' } });
  })()`);
  await page.waitForTimeout(500);
  await page.getByRole('button', { name: 'Export snapshot' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export snapshot' });
  await dialog.getByRole('textbox', { name: 'Title' }).fill(TITLE);
  const sizeLabel = { view: /Current view/, wide: '1600 × 1000', a4: /A4 landscape/ }[size] ?? '1600 × 1000';
  await dialog.getByLabel(sizeLabel).check();
  await dialog.getByLabel(`${ratio}×`, { exact: true }).check();
  const started = Date.now();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), dialog.getByRole('button', { name: 'Export PNG' }).click()]);
  const path = await download.path();
  const { readFile } = await import('node:fs/promises');
  await writeFile(out, await readFile(path));
  console.log(`wrote ${out} (${download.suggestedFilename()}) in ${Date.now() - started} ms`);
  // What the dialog warned about (an incident under a panel, a legend that does not fit), to review with the image.
  await dialog.getByRole('status').filter({ hasText: /^Saved / }).waitFor();
  for (const w of await dialog.locator('.warning').allInnerTexts()) console.log(`warning: ${w}`);
} finally {
  await browser.close();
  await server.close();
}
