/**
 * Which categories two records may have and still be proposed as one event (issue #13).
 * Datasets code the same attack differently: UCDP names no weapon, so our importer falls back
 * to "Armed clash" (state-based or non-state violence) or "Massacre / raid" (one-sided
 * violence) unless a headline names one; ACLED's "Armed clash" is a battle whose weapons it
 * does not name. So a generic category is compatible with any other, and two specific ones
 * only with themselves: an air strike is never proposed as the same event as shelling.
 */
import { CATEGORY_IDS, type CategoryId } from './categories.ts';
import type { Incident } from './incident.ts';

/** Categories that say only that there was violence, not how: compatible with every category. */
export const GENERIC_CATEGORIES: readonly CategoryId[] = ['clash', 'other'];

/**
 * The table, written out so each decision can be read and tested: for each category, the
 * categories a record of another dataset may have and still be a candidate. Symmetric.
 */
export const CATEGORY_COMPATIBILITY: Readonly<Record<CategoryId, readonly CategoryId[]>> = {
  air_strike: ['air_strike', 'clash', 'other'],
  helicopter_attack: ['helicopter_attack', 'clash', 'other'],
  shelling: ['shelling', 'clash', 'other'],
  massacre_raid: ['massacre_raid', 'clash', 'other'],
  clash: CATEGORY_IDS,
  displacement: ['displacement', 'clash', 'other'],
  other: CATEGORY_IDS,
};

// The table as a 7×7 bit matrix, read once per candidate pair.
const MATRIX = new Uint8Array(CATEGORY_IDS.length * CATEGORY_IDS.length);
CATEGORY_IDS.forEach((a, i) => {
  for (const b of CATEGORY_COMPATIBILITY[a]) MATRIX[i * CATEGORY_IDS.length + CATEGORY_IDS.indexOf(b)] = 1;
});

/**
 * True when records of these categories may be the same event: by the table, or because one of
 * them is a fallback an importer chose for want of a weapon keyword (then it says no more than
 * "violence" either). Codes are indexes into CATEGORY_IDS.
 * @example categoryCodesCompatible(0, false, 2, false) // air strike vs shelling: false
 */
export function categoryCodesCompatible(a: number, aFallback: boolean, b: number, bFallback: boolean): boolean {
  return aFallback || bFallback || MATRIX[a * CATEGORY_IDS.length + b] === 1;
}

/**
 * True when records of these categories may be the same event (see categoryCodesCompatible).
 * @example categoriesCompatible('air_strike', false, 'clash', false) // true
 */
export function categoriesCompatible(a: CategoryId, aFallback: boolean, b: CategoryId, bFallback: boolean): boolean {
  return categoryCodesCompatible(CATEGORY_IDS.indexOf(a), aFallback, CATEGORY_IDS.indexOf(b), bFallback);
}

/**
 * The marker our UCDP importer leaves in `extra.category_basis` when no headline named a weapon
 * and the category came from `type_of_violence` alone ("type_of_violence 3 (One-sided violence)").
 * `tests/unit/category-compatibility.test.ts` checks the importer still writes it.
 */
export const FALLBACK_BASIS_PREFIX = 'type_of_violence ';

/**
 * True when the record's category was chosen for want of a weapon keyword: a generic category,
 * or a UCDP row whose category came from its violence type only.
 */
export function categoryIsFallback(incident: Pick<Incident, 'category' | 'extra'>): boolean {
  if (GENERIC_CATEGORIES.includes(incident.category)) return true;
  const basis = incident.extra?.['category_basis'];
  return typeof basis === 'string' && basis.startsWith(FALLBACK_BASIS_PREFIX);
}
