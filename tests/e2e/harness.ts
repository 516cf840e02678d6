import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';

/** Flags that give WebGL2 on SwiftShader here (see shared/BROWSER_TESTING.md). */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
];

/** Launches headless Chromium (Debian `chromium`, or CHROMIUM_PATH). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** The app's origin, served by the global setup. */
export function baseURL(): string {
  return inject('baseURL');
}

/** What a page did that a test must fail on. */
export interface PageProblems {
  readonly requests: string[];
  readonly foreignRequests: string[];
  readonly pageErrors: string[];
  readonly consoleErrors: string[];
}

// SwiftShader and the Debian wrapper print harmless noise; nothing else is ignored.
const BENIGN_CONSOLE = [/GPU stall due to ReadPixels/i];

/** A page that records every request, page error and console error. */
export async function openRecordedPage(
  context: BrowserContext,
): Promise<{ page: Page; problems: PageProblems }> {
  const page = await context.newPage();
  const origin = new URL(baseURL()).origin;
  const problems: PageProblems = { requests: [], foreignRequests: [], pageErrors: [], consoleErrors: [] };
  page.on('request', (req) => {
    const url = req.url();
    problems.requests.push(url);
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== origin) problems.foreignRequests.push(url);
  });
  page.on('pageerror', (err) => problems.pageErrors.push(String(err)));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (!BENIGN_CONSOLE.some((re) => re.test(text))) problems.consoleErrors.push(text);
  });
  return { page, problems };
}

/** Fails with a readable message when a page did anything it must not. */
export function assertClean(problems: PageProblems): void {
  const lines = [
    ...problems.foreignRequests.map((u) => `request left the origin: ${u}`),
    ...problems.pageErrors.map((e) => `page error: ${e}`),
    ...problems.consoleErrors.map((e) => `console error: ${e}`),
  ];
  if (lines.length) throw new Error(lines.join('\n'));
}

/** Opens the app (with the documented `?handle` test handle) at a hash and waits for the map's first idle. */
export async function gotoApp(page: Page, hash = ''): Promise<void> {
  await page.goto(`${baseURL()}?handle${hash}`);
  await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 60_000 });
}

/** Waits until the map is idle again after an action. */
export async function waitForIdle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = (window as unknown as { conflictMap: { map: import('maplibre-gl').Map } }).conflictMap.map;
        if (!map.isMoving() && map.loaded() && map.areTilesLoaded()) {
          map.once('idle', () => resolve());
          map.triggerRepaint();
        } else map.once('idle', () => resolve());
      }),
  );
}

/**
 * One browser per test file and fresh recorded contexts per test. After each test, every page it
 * opened must have stayed on the origin and logged no error; then its contexts close.
 */
export function useRecordedPages(): {
  open: (options?: BrowserContextOptions) => Promise<{ page: Page; problems: PageProblems }>;
} {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const recorded: PageProblems[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    const pages = recorded.splice(0);
    try {
      for (const p of pages) assertClean(p);
    } finally {
      for (const c of contexts.splice(0)) await c.close();
    }
  });
  return {
    async open(options = { viewport: { width: 1300, height: 850 } }) {
      if (!browser) throw new Error('useRecordedPages: the browser is not launched yet (call open inside a test)');
      const context = await browser.newContext(options);
      contexts.push(context);
      const opened = await openRecordedPage(context);
      recorded.push(opened.problems);
      return opened;
    },
  };
}
