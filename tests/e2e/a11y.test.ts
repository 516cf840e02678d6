/**
 * Accessibility (issue #7): axe-core, injected into the real page, with its default rules and no
 * exclusions, on the main view, an open popup, the export dialog and the import report: no
 * serious or critical violation. And the keyboard paths: the feed (the map's text alternative,
 * with a politely announced count), the popup, and both modal dialogs, with visible focus,
 * focus kept inside a modal and given back when it closes.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { AxeResults, Result } from 'axe-core';
import { ACLED_HEADER, acledRow } from '../fixtures/hostile/generate.ts';
import { gotoApp, useRecordedPages, waitForIdle } from './harness.ts';

// Evaluated through the DevTools protocol, which the page's CSP does not govern, so the test
// needs no CSP bypass and sees the app exactly as shipped.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** An ACLED file whose report tables overflow their scroll boxes: 60 repeated ids and 60 rows without coordinates. */
function longReport(): { name: string; mimeType: string; buffer: Buffer } {
  const rows = [ACLED_HEADER];
  for (let n = 1; n <= 60; n++) rows.push(acledRow(1));
  for (let n = 2; n <= 61; n++) rows.push(acledRow(n).replace(',22.6579,95.3101,', ',,,'));
  return { name: 'long-report.csv', mimeType: 'text/csv', buffer: Buffer.from(`${rows.join('\n')}\n`) };
}

const pages = useRecordedPages();
let page: Page;

async function freshPage(): Promise<void> {
  ({ page } = await pages.open({ viewport: { width: 1300, height: 850 } }));
  await gotoApp(page);
  await page.waitForFunction(() => document.querySelectorAll('[role="option"]').length > 0);
  await waitForIdle(page);
}

/** One line per violation node, for a readable failure. */
function describeViolations(results: readonly Result[]): string {
  return results
    .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id}: ${n.target.join(' ')} — ${n.failureSummary?.replace(/\s+/g, ' ') ?? v.help}`))
    .join('\n');
}

/**
 * "Needs review" results that axe cannot settle over a live map, and why they are not failures:
 * color-contrast and link-in-text-block cannot find the background behind text drawn over the map
 * canvas, inside SVG, under a modal's backdrop or in a row partly scrolled out of view (our colours:
 * ink #23211c and muted #5f5b50 on white are 16.1:1 and 6.8:1, white on the accent #1f5fa8 is 6.4:1);
 * label-content-name-mismatch cannot tell whether MapLibre's "×" close button, named "Close popup",
 * shows its name. Any other serious or critical "needs review" result fails like a violation.
 */
const UNDECIDABLE = new Set(['color-contrast', 'link-in-text-block', 'label-content-name-mismatch']);

const serious = (v: Result): boolean => v.impact === 'serious' || v.impact === 'critical';

/** Runs axe on the whole document (default rules, no exclusions); returns what must fail the test. */
async function axeFailures(label: string): Promise<Result[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(() => (window as unknown as { axe: { run: () => Promise<AxeResults> } }).axe.run());
  const minor = results.violations.filter((v) => !serious(v));
  if (minor.length) console.info(`axe, ${label}, moderate or minor violations:\n${describeViolations(minor)}`);
  const review = results.incomplete.filter(serious);
  const reviewed = review.filter((v) => UNDECIDABLE.has(v.id));
  if (reviewed.length) console.info(`axe, ${label}, needs review (undecidable here): ${reviewed.map((v) => `${v.id} ×${v.nodes.length}`).join(', ')}`);
  expect(results.passes.length, 'axe ran its rules').toBeGreaterThan(10);
  return [...results.violations.filter(serious), ...review.filter((v) => !UNDECIDABLE.has(v.id))];
}

async function expectNoSeriousViolations(label: string): Promise<void> {
  const failures = await axeFailures(label);
  expect(failures.length, `${label}:\n${describeViolations(failures)}`).toBe(0);
}

describe('axe-core, default rules, no exclusions', () => {
  it('main view', async () => {
    await freshPage();
    await expectNoSeriousViolations('main view');
  });

  it('an open popup', async () => {
    await freshPage();
    await page.getByRole('listbox', { name: /Incidents/ }).focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="details"]').waitFor();
    await waitForIdle(page);
    await expectNoSeriousViolations('open popup');
  });

  it('the export dialog', async () => {
    await freshPage();
    await page.getByRole('button', { name: 'Export snapshot' }).click();
    await page.getByRole('dialog', { name: 'Export snapshot' }).waitFor();
    await expectNoSeriousViolations('export dialog');
  });

  it('the import report, with long tables of repeated ids and rejected rows', async () => {
    await freshPage();
    await page.getByLabel('Import data').setInputFiles(longReport());
    const report = page.getByRole('dialog', { name: /Import report/ });
    await report.getByTestId('rejected-rows').waitFor();
    await expect(report.locator('[data-count="rejected"]').innerText()).resolves.toBe('60');
    // Both tables scroll inside the dialog.
    await expect(report.locator('.scroll').evaluateAll((els) => els.map((e) => e.scrollHeight > e.clientHeight))).resolves.toEqual([true, true]);
    await expectNoSeriousViolations('import report');
    await report.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Erase imported data' }).click();
  });
});

type Handle = { app: { visibleCounts: { events: number; records: number }; groups: { groupCount: number } } };

/** Null when the focused element shows where focus is (its own outline, its label's, or its active option's); else what it is. */
async function focusNotShown(): Promise<string | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'nothing focused';
    const ring = (e: Element | null): boolean => {
      if (!e) return false;
      const s = getComputedStyle(e);
      return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    };
    // A visually hidden file input shows focus on its label; a listbox on its active option.
    const label = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null;
    const option = el.getAttribute('aria-activedescendant');
    if (ring(el) || ring(label) || (option !== null && ring(document.getElementById(option)))) return null;
    const name = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? '';
    return `<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}"> ${name}`;
  });
}

/** Presses Tab until `done` holds for the focused element; fails on any stop without visible focus. */
async function tabUntil(done: string, maxStops = 60): Promise<void> {
  const unmarked: string[] = [];
  for (let i = 0; i < maxStops; i++) {
    await page.keyboard.press('Tab');
    const missing = await focusNotShown();
    if (missing) unmarked.push(missing);
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, done)) {
      expect(unmarked, 'stops without a visible focus indicator').toEqual([]);
      return;
    }
  }
  throw new Error(`Tab never reached ${done} in ${maxStops} stops`);
}

/**
 * Tabs forward through a modal dialog more times than it has controls, then back: focus must
 * stay inside (`inside` matches an ancestor of the focused element) and be visible at every
 * stop, and Tab from the last control must come round to the first.
 */
async function expectFocusTrapped(inside: string): Promise<void> {
  const visited: string[] = [];
  const unmarked: string[] = [];
  const stops = await page.evaluate((sel) => document.querySelector(sel)?.querySelectorAll('button, input, select, textarea, [href]').length ?? 0, inside);
  expect(stops).toBeGreaterThan(0);
  for (const key of ['Tab', 'Shift+Tab']) {
    for (let i = 0; i < stops + 3; i++) {
      await page.keyboard.press(key);
      const where = await page.evaluate(
        (sel) => {
          const el = document.activeElement;
          return el?.closest(sel) ? `${el.tagName} ${el.getAttribute('type') ?? ''} ${el.textContent?.trim().slice(0, 30) ?? ''}` : null;
        },
        inside,
      );
      expect(where, `${key} ${i + 1}: focus left ${inside}`).not.toBeNull();
      visited.push(where as string);
      const missing = await focusNotShown();
      if (missing) unmarked.push(missing);
    }
  }
  expect(unmarked, 'stops without a visible focus indicator').toEqual([]);
  // More presses than controls, yet inside all along: it came round at least once.
  expect(new Set(visited.slice(0, stops + 3)).size).toBeLessThan(stops + 3);
}

describe('keyboard', () => {
  it('the feed is the map’s text alternative, and its count is announced politely', async () => {
    await freshPage();
    await expect(page.getByRole('region', { name: /^Map of Myanmar/ }).getAttribute('aria-label')).resolves.toMatch(/incident list is the text alternative/);
    const count = page.getByTestId('visible-count');
    await expect(count.getAttribute('aria-live')).resolves.toBe('polite');
    await expect(count.getAttribute('role')).resolves.toBe('status');
    // An incident is an event: records of one event told by several datasets count once (#13).
    const shown = () =>
      page.evaluate(() => {
        const { app } = (window as unknown as { conflictMap: Handle }).conflictMap;
        return { visible: app.visibleCounts.events, records: app.visibleCounts.records, total: app.groups.groupCount };
      });
    const firstLine = async () => (await count.innerText()).split('\n')[0];
    const { visible, records, total } = await shown();
    const n = (x: number) => x.toLocaleString('en-GB');
    await expect(firstLine()).resolves.toBe(`${n(visible)} of ${n(total)} incidents shown`);
    if (records !== visible) await expect(count.innerText()).resolves.toContain(`from ${n(records)} records`);
    // The list is virtual, so each row says where it stands in the whole list.
    const first = page.locator('[role="listbox"] [role="option"]').first();
    await expect(first.getAttribute('aria-setsize')).resolves.toBe(String(visible));
    await expect(first.getAttribute('aria-posinset')).resolves.toBe('1');

    // A filter change updates the text of the same live region (a new element would not be announced).
    await count.evaluate((el) => ((el as HTMLElement & { marked?: boolean }).marked = true));
    await page.getByRole('checkbox', { name: /Curated incidents/ }).uncheck();
    await page.getByRole('checkbox', { name: /UCDP Georeferenced Event Dataset/ }).uncheck();
    await expect.poll(firstLine).toBe(`0 of ${n(total)} incidents shown`);
    await expect(count.evaluate((el) => (el as HTMLElement & { marked?: boolean }).marked)).resolves.toBe(true);
    await page.getByRole('checkbox', { name: /Curated incidents/ }).check();
    await page.getByRole('checkbox', { name: /UCDP Georeferenced Event Dataset/ }).check();
    await expect.poll(firstLine).toBe(`${n(visible)} of ${n(total)} incidents shown`);
  });

  it('Tab reaches the feed; arrows and Enter open a popup; Escape closes it and focus returns', async () => {
    await freshPage();
    await tabUntil('[role="listbox"]');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const active = await page.getByRole('listbox').getAttribute('aria-activedescendant');
    expect(active).toBeTruthy();
    await expect(focusNotShown()).resolves.toBeNull();
    const title = await page.locator(`[id="${active}"] .title`).innerText();
    await page.keyboard.press('Enter');
    const popup = page.locator('[data-testid="details"]');
    await popup.waitFor();
    await expect(popup.locator('h2').innerText()).resolves.toBe(title);
    await expect(page.evaluate(() => document.activeElement?.closest('[data-testid="details"]') !== null)).resolves.toBe(true);
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('Incident details');
    await expect(focusNotShown()).resolves.toBeNull();
    // The popup's own controls are reachable by Tab.
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.closest('[data-testid="details"]') !== null)).resolves.toBe(true);
    await expect(focusNotShown()).resolves.toBeNull();
    await page.keyboard.press('Escape');
    await popup.waitFor({ state: 'detached' });
    await expect(page.evaluate(() => document.activeElement?.getAttribute('role'))).resolves.toBe('listbox');
    await expect(page.getByRole('listbox').getAttribute('aria-activedescendant')).resolves.toBe(active);
  });

  it('the export dialog opens by keyboard, keeps focus inside, and gives it back to its button', async () => {
    await freshPage();
    await tabUntil('button.open');
    await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe('Export snapshot');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Export snapshot' });
    await dialog.waitFor();
    await expect(page.evaluate(() => document.activeElement?.closest('dialog[open]') !== null)).resolves.toBe(true);
    await expectFocusTrapped('dialog[open]');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe('Export snapshot');
    await expect(focusNotShown()).resolves.toBeNull();
  });

  it('the import report opens from the keyboard, keeps focus inside, and gives it back to the file input', async () => {
    await freshPage();
    await tabUntil('#import-file');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
    await chooser.setFiles(longReport());
    const report = page.getByRole('dialog', { name: /Import report/ });
    await report.getByTestId('rejected-rows').waitFor();
    await expect(page.evaluate(() => document.activeElement?.closest('[role="dialog"][aria-modal="true"]') !== null)).resolves.toBe(true);
    await expect(focusNotShown()).resolves.toBeNull();
    await expectFocusTrapped('[role="dialog"][aria-modal="true"]');
    await page.keyboard.press('Escape');
    await report.waitFor({ state: 'detached' });
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('import-file');
    await expect(focusNotShown()).resolves.toBeNull();
    await page.getByRole('button', { name: 'Erase imported data' }).click();
  });
});
