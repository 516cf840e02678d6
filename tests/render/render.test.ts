/**
 * Render tests for the map style (issue #10), in the manner of MapLibre's own: each case in
 * `cases/<name>/` is drawn in Chromium and compared with its `expected.png`. `UPDATE=1` rewrites
 * the expected images; a failure writes `actual.png` and `diff.png` beside them. On the same page,
 * each case then proves that its comparison bites: a changed colour, a label moved 2 px and a
 * removed layer each make it fail. See README.md in this folder.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PNG } from 'pngjs';
import { useRecordedPages } from '../e2e/harness.ts';
import { compareImages, type Comparison, MAX_DIFF_PIXELS, readPngFile, removeFailureImages, THRESHOLD, writePngFile } from './compare.ts';
import { bitesFor, captureMap, CASES_DIR, prepareCase, readCases, type RenderCase } from './render-case.ts';

const UPDATE = process.env['UPDATE'] === '1';
const CASES = readCases();
/** The Chromium the expected images were drawn with, written on UPDATE=1, shown when a case fails. */
const VERSION_FILE = `${CASES_DIR}chromium-version.txt`;

const pages = useRecordedPages();
let versionPrinted = false;

/** A fresh page (its own context, device pixel ratio as the case says) with the case drawn and settled. */
async function openCase(c: RenderCase): Promise<Page> {
  const { page } = await pages.open({
    // The map is pinned to the case's size, so the page's size does not show in the image (640×480
    // and 1300×850 pages gave byte-identical images); one fixed size keeps every run's history the same.
    viewport: { width: 1024, height: 768 },
    deviceScaleFactor: c.pixelRatio,
    reducedMotion: 'reduce',
  });
  const version = page.context().browser()?.version() ?? 'unknown';
  if (!versionPrinted) {
    versionPrinted = true;
    console.info(`[render] Chromium ${version}; threshold ${THRESHOLD}, at most ${MAX_DIFF_PIXELS} differing pixels`);
  }
  await prepareCase(page, c);
  return page;
}

/** This run's Chromium beside the one the expected images were drawn with: a new Chromium explains many failures. */
function chromiumVersions(page: Page): string {
  const now = page.context().browser()?.version() ?? 'unknown';
  let then = 'unknown';
  try {
    then = readFileSync(VERSION_FILE, 'utf8').trim();
  } catch {
    // No file yet: nothing to compare the version with.
  }
  return now === then ? `Chromium ${now}, as for the expected images` : `Chromium ${now}; the expected images were drawn with Chromium ${then}`;
}

/** The committed expected image, or an error that says how to make it. */
function expectedOf(c: RenderCase): PNG {
  const expected = readPngFile(c.paths.expected);
  if (!expected) throw new Error(`${c.name}: no expected image at ${relative(process.cwd(), c.paths.expected)}; run UPDATE=1 npx vitest run --project e2e tests/render`);
  return expected;
}

/** Fails the test with the paths of the images to look at, after writing them. */
function failWithImages(c: RenderCase, page: Page, actual: PNG, result: Comparison): never {
  const at = (path: string): string => relative(process.cwd(), path);
  writePngFile(c.paths.actual, actual);
  if (result.diff) writePngFile(c.paths.diff, result.diff);
  return expect.fail(
    [
      `${c.name}: ${result.problem ?? `${result.differing} pixels differ (at most ${MAX_DIFF_PIXELS} may, threshold ${THRESHOLD})`}.`,
      result.diff ? `See ${at(c.paths.actual)} and ${at(c.paths.diff)} (differing pixels in red).` : `See ${at(c.paths.actual)}.`,
      `${chromiumVersions(page)}.`,
      'If the change is intended, regenerate with UPDATE=1 npx vitest run --project e2e tests/render and review the images in the diff.',
    ].join('\n'),
  );
}

/**
 * One test per case, with one page load (the slow part, several seconds on SwiftShader): the
 * render must match expected.png, and then each deliberate change must make it differ. The bites
 * run on UPDATE=1 too, so new expected images are proved sensitive before they are committed.
 * No retry: a render that differs on a second try is a flaky case, and must be seen as one.
 */
describe('map style render cases', { retry: 0 }, () => {
  for (const c of CASES) {
    it(`${c.name}: ${c.description}`, async () => {
      const page = await openCase(c);
      const actual = await captureMap(page, c);
      if (UPDATE) {
        writePngFile(c.paths.expected, actual);
        writeFileSync(VERSION_FILE, `${page.context().browser()?.version() ?? 'unknown'}\n`);
        console.info(`[render] ${c.name}: wrote ${relative(process.cwd(), c.paths.expected)}`);
      }
      removeFailureImages(c.paths);
      const expected = expectedOf(c);
      const result = compareImages(expected, actual);
      console.info(`[render] ${c.name}: ${result.problem ?? `${result.differing} differing pixels (${result.exactlyDiffering} not byte-identical)`}`);
      if (!result.pass) failWithImages(c, page, actual, result);

      const recompare = async (): Promise<Comparison> => compareImages(expected, await captureMap(page, c));
      for (const bite of bitesFor(c)) {
        await bite.apply(page);
        const bitten = await recompare();
        console.info(`[render] ${c.name}, bite, ${bite.label}: ${bitten.differing} differing pixels`);
        expect(bitten.differing, `${c.name}: the comparison must fail with ${bite.label}`).toBeGreaterThan(MAX_DIFF_PIXELS);
        if (bite.undo) {
          await bite.undo(page);
          // Undone, the render matches again: the failure came from this change alone.
          const undone = await recompare();
          console.info(`[render] ${c.name}, bite undone: ${undone.differing} differing pixels (${undone.exactlyDiffering} not byte-identical)`);
          expect(undone.differing, `${c.name}: with ${bite.label} undone`).toBeLessThanOrEqual(MAX_DIFF_PIXELS);
        }
      }
    });
  }
});
