/**
 * `canonicalAdmin1`: the names UCDP, ACLED and our own data give one state or region become the
 * app's one name, so the "State or region" filter lists each once.
 */
import { describe, expect, it } from 'vitest';
import { canonicalAdmin1 } from '../../src/lib/domain/place-names.ts';
import { ADMIN1_ISO_CODES } from '../../src/lib/domain/areas.ts';

describe('canonicalAdmin1', () => {
  it.each([
    // Every variant the built-in UCDP record has (public/data/ucdp-ged.core.cmds).
    ['Magway ', 'Magway'],
    ['Magwe', 'Magway'],
    ['Karen', 'Kayin'],
    ['Sagaing district', 'Sagaing'],
    ['Naypyidaw Union territory', 'Nay Pyi Taw'],
    // UCDP's suffixed names, exonyms, spacing and case.
    ['Sagaing region', 'Sagaing'],
    ['Kayah State', 'Kayah'],
    ['Karenni', 'Kayah'],
    ['Irrawaddy', 'Ayeyarwady'],
    ['Arakan', 'Rakhine'],
    ['  kachin  state ', 'Kachin'],
    ['Nay Pyi Taw', 'Nay Pyi Taw'],
  ])('%j → %j', (raw, name) => {
    expect(canonicalAdmin1(raw)).toBe(name);
  });

  it('keeps the app\u2019s own names as they are, and Kayin apart from Kayah', () => {
    for (const name of Object.keys(ADMIN1_ISO_CODES)) expect(canonicalAdmin1(name)).toBe(name);
    expect(canonicalAdmin1('Kayin')).not.toBe(canonicalAdmin1('Kayah'));
  });

  it('keeps a name it does not know, trimmed, and an empty name empty', () => {
    expect(canonicalAdmin1(' Kachin Hills  Division')).toBe('Kachin Hills Division');
    expect(canonicalAdmin1('   ')).toBe('');
  });
});
