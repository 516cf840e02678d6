/**
 * The one papaparse configuration for imported CSV files. The worker and the tests both
 * use it, so a file parses the same way in the app as in the test suite.
 */
import type { ParseConfig } from 'papaparse';

/** Header cell → column key: drops a byte-order mark and surrounding spaces, lowercases. */
export function normaliseHeader(header: string): string {
  const h = header.charCodeAt(0) === 0xfeff ? header.slice(1) : header;
  return h.trim().toLowerCase();
}

/**
 * Parse options for `Papa.parse(text, PAPA_CONFIG)` (add `chunk`/`step` in the worker).
 * The delimiter is fixed to a comma on purpose: papaparse would otherwise guess, and a
 * semicolon file that "works" by accident gives no clear message when a guess goes wrong.
 * Values stay strings (`dynamicTyping` off): the mappers parse numbers and dates once, themselves.
 */
export const PAPA_CONFIG = {
  header: true,
  skipEmptyLines: 'greedy',
  delimiter: ',',
  quoteChar: '"',
  dynamicTyping: false,
  transformHeader: normaliseHeader,
} as const satisfies ParseConfig;
