/**
 * What the app keeps on this device, read straight from IndexedDB in the page, for browser tests
 * that must prove a refused file left nothing behind.
 */
import type { Page } from 'playwright-core';

/** Waits until IndexedDB holds exactly `n` dataset records (saving runs after a dataset is shown). */
export async function waitForStoredDatasets(page: Page, n: number): Promise<void> {
  await page.waitForFunction(async (want) => {
    const req = indexedDB.open('conflict-map-imports');
    // Never create the database here: an empty one at version 1 would stop the app's upgrade.
    req.onupgradeneeded = () => req.transaction?.abort();
    const db = await new Promise<IDBDatabase | null>((r) => {
      req.onsuccess = () => r(req.result);
      req.onerror = () => r(null);
    });
    if (db === null) return want === 0;
    if (!db.objectStoreNames.contains('datasets')) {
      db.close();
      return false;
    }
    const count = await new Promise<number>((r) => {
      const c = db.transaction('datasets').objectStore('datasets').count();
      c.onsuccess = () => r(c.result);
    });
    db.close();
    return count === want;
  }, n);
}
