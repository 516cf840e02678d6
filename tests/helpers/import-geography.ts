/**
 * The import geography built from the shipped township files in `public/data/`, as the import
 * worker builds it from the fetched ones; built once per test file.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { geographyFromFiles, TOWNSHIP_INDEX_PATH, TOWNSHIP_MATCH_PATH } from '../../src/lib/data/import/geography-files.ts';
import type { ImportGeography } from '../../src/lib/geo/township-geography.ts';

let geography: ImportGeography | null = null;

/** The parsed JSON of a file shipped in `public/`. */
export function readPublicJson(path: string): unknown {
  // From the repository root, where vitest runs: under jsdom, import.meta.url is not a file URL.
  return JSON.parse(readFileSync(resolve('public', path), 'utf8'));
}

/** The import geography of `public/data/townships.json` and `townships-match.json`. */
export function testGeography(): ImportGeography {
  geography ??= geographyFromFiles(readPublicJson(TOWNSHIP_INDEX_PATH), readPublicJson(TOWNSHIP_MATCH_PATH));
  return geography;
}
