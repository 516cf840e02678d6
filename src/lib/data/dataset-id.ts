import { CURATED_DATASET } from '../domain/dataset.ts';

/**
 * A dataset id from a file name: lowercase letters, digits and dashes, unique among `taken`.
 * The app names each import this way, and `npm run publish` each dataset it ships.
 * @example datasetIdFor('ACLED Myanmar 2022 (v2).csv', new Set()) // 'acled-myanmar-2022-v2'
 */
export function datasetIdFor(fileName: string, taken: ReadonlySet<string>): string {
  const stem = fileName.replace(/\.[^.]*$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 32).replace(/-+$/, '');
  const base = stem === '' || stem === CURATED_DATASET ? 'imported' : stem;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}
