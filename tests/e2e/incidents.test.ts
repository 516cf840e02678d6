import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { gotoApp, waitForIdle, type PageProblems, useRecordedPages } from './harness.ts';
import { LAYER } from '../../src/lib/map/ids.ts';

type Handle = { map: import('maplibre-gl').Map };

const pages = useRecordedPages();
let page: Page;
let problems: PageProblems;

async function freshPage(hash = ''): Promise<void> {
  ({ page, problems } = await pages.open({ viewport: { width: 1300, height: 850 } }));
  await gotoApp(page, hash);
  await page.waitForFunction(() => document.querySelectorAll('[role="option"]').length > 0);
  await waitForIdle(page);
}

describe('incidents on the map', () => {
  it('opens the popup with its source when a marker is clicked on the canvas', async () => {
    // Let Yet Kone school attack (E16), village precision, zoomed in so it is not clustered.
    await freshPage('#10/22.677/95.401');
    const target = await page.evaluate(() => {
      const { map } = (window as unknown as { conflictMap: Handle }).conflictMap;
      const p = map.project([95.40087, 22.67697]);
      const r = map.getCanvas().getBoundingClientRect();
      return { x: r.left + p.x, y: r.top + p.y };
    });
    await page.mouse.click(target.x, target.y);
    const popup = page.locator('[data-testid="details"]');
    await popup.waitFor();
    // A second event (UCDP, November 2023) lies at the same village: the click offers a choice,
    // and E16 with its UCDP record (448773) is one entry of two records, not two entries.
    const chooser = popup.getByRole('heading', { name: '2 incidents at this place' });
    if (await chooser.count()) {
      const entry = popup.getByRole('button', { name: /Let Yet Kone/ });
      await expect(entry.innerText()).resolves.toContain('2 records');
      await entry.click();
    }
    await popup.getByRole('heading', { name: /Let Yet Kone/, level: 2 }).waitFor();
    // One event told by two datasets: both records and their sources are listed (#13).
    await expect(popup.getByRole('heading', { name: 'One event, 2 records' }).count()).resolves.toBe(1);
    const text = await popup.innerText();
    expect(text).toContain('448773');
    expect(text).toMatch(/UCDP/);
    expect(text).toContain('16 September 2022');
    expect(text).toContain('location known to village level');
    expect(text).toMatch(/Myanmar Witness/);
    const hrefs = await popup.locator('a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs.every((h) => h.startsWith('https://') || h.startsWith('http://'))).toBe(true);

    // "Cite" copies a citation whose permalink opens this incident in this view (#12).
    await page.evaluate(() => {
      const w = window as unknown as { copied: string[] };
      w.copied = [];
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (t: string) => void w.copied.push(t) } });
    });
    await popup.getByRole('button', { name: 'Cite' }).first().click();
    await popup.getByRole('status').filter({ hasText: 'Citation copied' }).waitFor();
    const [citation] = await page.evaluate(() => (window as unknown as { copied: string[] }).copied);
    const last = citation?.split('\n').at(-1) ?? '';
    expect(last).toMatch(/^Conflict Map, http:\/\/127\.0\.0\.1:\d+\/[^ ]*#[\d.]+\/[\d.]+\/[\d.]+&[^ ]*sel=E16(&[^ ]*)?, accessed \d{1,2} [A-Z][a-z]+ \d{4}\.$/);
    expect(last).not.toContain('handle');
    expect(citation).toContain('Let Yet Kone village, Tabayin Township, Sagaing (location known to village level), 16 September 2022.');
  });

  it('never draws a district-, region- or country-precision incident in the solid-marker layer', async () => {
    await freshPage('#6/20/96.5');
    // Query every rendered marker across the data extent at a zoom where nothing clusters.
    const precisions = await page.evaluate(async (layer) => {
      const { map } = (window as unknown as { conflictMap: Handle }).conflictMap;
      const seen: string[] = [];
      for (const [lon, lat] of [[95.3, 22.66], [97.2, 19.5], [97.4, 18.06], [98.5, 16.6], [98.1, 15.9], [95.23, 24.06], [98.65, 16.36]]) {
        map.jumpTo({ center: [lon as number, lat as number], zoom: 9.5 });
        await new Promise<void>((r) => map.once('idle', () => r()));
        for (const f of map.queryRenderedFeatures({ layers: [layer] })) seen.push(String(f.properties['precision']));
      }
      return seen;
    }, LAYER.incidents);
    expect(precisions.length).toBeGreaterThan(5);
    expect(precisions.filter((p) => ['district', 'region', 'country'].includes(p))).toEqual([]);
  });

  it('opens an incident from the list with the keyboard alone', async () => {
    await freshPage();
    const feed = page.getByRole('listbox', { name: /Incidents/ });
    await feed.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const popup = page.locator('[data-testid="details"]');
    await popup.waitFor();
    const title = await popup.locator('h2').innerText();
    const third = await page.locator('[role="option"]').nth(2).locator('.title').innerText();
    expect(title).toBe(third);
    await page.keyboard.press('Escape');
    await popup.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('listbox');
  });
});
