/**
 * Keys that join the many romanisations of Burmese place names: "Papun" and "Hpapun",
 * "Kya In Seik Gyi" and "Kyainseikgyi", "Depayin" and "Tabayin". The place search ranks
 * matches with them; the event linking asks whether two records name the same township.
 */
import { ADMIN1_ISO_CODES } from './areas.ts';

/**
 * Groups of names for the same place that spelling rules alone don't join: colonial
 * exonyms, ethnic-language names and irregular romanisations. The first name is ours.
 */
export const PLACE_ALIASES: readonly (readonly string[])[] = [
  ['Tabayin', 'Depayin', 'Dipeyin', 'Dabayin'],
  ['Kayin', 'Karen'],
  ['Kayah', 'Karenni'],
  ['Hpapun', 'Papun', 'Bu Tho'],
  ['Hpa-An', 'Pa-an'],
  ['Myawaddy', 'Myawadi'],
  ['Yangon', 'Rangoon'],
  ['Mawlamyine', 'Moulmein'],
  ['Naypyidaw', 'Nay Pyi Taw'],
  ['Hpruso', 'Phruso'],
  ['Demoso', 'Dimawso'],
  ['Hpasawng', 'Pasaung'],
  ['Bago', 'Pegu'],
  ['Pathein', 'Bassein'],
  ['Dawei', 'Tavoy'],
  ['Myeik', 'Mergui'],
  ['Sittwe', 'Akyab'],
  ['Pyay', 'Prome'],
  ['Thanlyin', 'Syriam'],
  ['Magway', 'Magwe'],
  ['Bagan', 'Pagan'],
  ['Ayeyarwady', 'Irrawaddy'],
  ['Tanintharyi', 'Tenasserim'],
  ['Rakhine', 'Arakan'],
  ['Kalay', 'Kale', 'Kalemyo'],
  ['Yinmabin', 'Yinmarbin'],
  ['Ye-U', 'Ye Oo'],
  ['Khin-U', 'Khin Oo'],
];

/** Words that say what kind of place a name is, not which: "Kayin State" is found by "Kayin". */
const GENERIC_WORDS = /\b(state|region|division|district|township|village tract|village|town|city)\b/g;

/** A run of Myanmar-script combining marks (medials, vowel signs, asat, tones, virama). */
const MYANMAR_MARKS = /[\u102B-\u103E\u1056-\u1059\u105E-\u1060\u1062-\u1064\u1067-\u106D\u1071-\u1074\u1082-\u108D\u108F\u109A-\u109D]{2,}/g;

/**
 * Lowercase letters and digits only: Latin diacritics, punctuation and spaces removed.
 * Other scripts keep their letters and marks, so a Burmese name still matches itself. Burmese is
 * normalised as typed text varies: zero-width spaces and joiners go (they are not letters), NFC
 * joins ဥ + ီ into ဦ and orders the dot below before the asat, and every other run of marks
 * after a consonant is put in one fixed order, since keyboards let people type medials and
 * vowel signs in different orders that look the same.
 */
export function plainKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]/gu, '')
    .normalize('NFC')
    .replace(MYANMAR_MARKS, (run) => [...run].sort().join(''));
}

/**
 * Burmese words that say what kind of place a name is, longest first so "township" is tried
 * before "town": region, state, township, district, village tract, village, town, region (short).
 */
const BURMESE_GENERIC_KEYS: readonly string[] = ['တိုင်းဒေသကြီး', 'ပြည်နယ်', 'မြို့နယ်', 'ခရိုင်', 'ကျေးရွာအုပ်စု', 'ကျေးရွာ', 'မြို့', 'ရွာ', 'တိုင်း']
  .map(plainKey)
  .sort((a, b) => b.length - a.length);

/** A plain key without a trailing Burmese kind word ("စစ်ကိုင်းတိုင်းဒေသကြီး" → "စစ်ကိုင်း"), or the key itself. */
export function stripBurmeseGeneric(key: string): string {
  for (const word of BURMESE_GENERIC_KEYS) if (key.length > word.length && key.endsWith(word)) return key.slice(0, -word.length);
  return key;
}

// Aspirated and voiced spellings of one Burmese sound: Hpapun/Papun, Htantabin/Tantabin, Gyi/Kyi.
const DIGRAPHS: Readonly<Record<string, string>> = {
  hp: 'p', ph: 'p', ht: 't', th: 't', hk: 'k', kh: 'k', hs: 's', hm: 'm', hn: 'n', hl: 'l', hw: 'w', dh: 'd', gy: 'ky',
};
const DIGRAPH = new RegExp(Object.keys(DIGRAPHS).join('|'), 'g');

/**
 * A phonetic key that joins the usual variant spellings: aspirated digraphs (hp, ph, ht, th,
 * hk, kh, hs, dh…), gy = ky, ay/ey = e, aw/ow = o, oo = u, doubled letters and a final y = i.
 * @example foldedKey('Myawaddy') === foldedKey('Myawadi') // 'myawadi'
 */
export function foldedKey(name: string): string {
  return plainKey(name)
    .replace(DIGRAPH, (m) => DIGRAPHS[m] ?? m)
    .replace(/oo/g, 'u')
    .replace(/([a-z])\1+/g, '$1')
    .replace(/[ae]y/g, 'e')
    .replace(/[ao]w/g, 'o')
    .replace(/y$/, 'i');
}

/** The name without kind words or parentheses, or the name itself when nothing would remain. */
export function stripGeneric(name: string): string {
  const stripped = name.toLowerCase().replace(/\([^)]*\)/g, ' ').replace(GENERIC_WORDS, ' ').trim();
  return stripped === '' ? name : stripped;
}

// Folded key of every alias → folded key of its group's first name (ours).
const CANONICAL = new Map<string, string>();
for (const group of PLACE_ALIASES) {
  const ours = foldedKey(group[0] ?? '');
  for (const name of group) CANONICAL.set(foldedKey(name), ours);
}

/** The folded key of a name without kind words, through the alias table: "Depayin Township" → the key of "Tabayin". */
export function placeNameKey(name: string): string {
  const key = foldedKey(stripGeneric(name));
  return CANONICAL.get(key) ?? key;
}

/**
 * A key for "this township of this state or region", equal for the usual spellings of both:
 * UCDP's "Papun township" in "Kayin state" and our "Hpapun" in "Kayin". ACLED's split units
 * ("Bago-East", "Shan-North") count as their state or region. Empty when no township is named.
 * @example townshipKey('Kayin', 'Kya In Seik Gyi township') === townshipKey('Kayin', 'Kyainseikgyi') // true
 */
export function townshipKey(admin1: string, township: string | undefined): string {
  if (township === undefined) return '';
  const t = placeNameKey(township);
  if (t === '') return '';
  return `${placeNameKey(admin1.split('-')[0] ?? '')}/${t}`;
}

// The app's name of each state and region, and of the union territory, by its name key.
const ADMIN1_BY_KEY = new Map<string, string>([...Object.keys(ADMIN1_ISO_CODES), 'Nay Pyi Taw'].map((name) => [placeNameKey(name), name]));

const admin1Cache = new Map<string, string>();
const ADMIN1_CACHE_LIMIT = 1024;

/**
 * The app's name for a state or region as a dataset writes it, so one state is one value of
 * the filter: "Magway " and "Magwe" → "Magway", "Karen" → "Kayin", "Sagaing region" → "Sagaing",
 * "Naypyidaw Union territory" → "Nay Pyi Taw". A name it does not know is kept, trimmed.
 */
export function canonicalAdmin1(raw: string): string {
  let name = admin1Cache.get(raw);
  if (name === undefined) {
    const trimmed = raw.trim().replace(/\s+/g, ' ');
    name = trimmed === '' ? '' : (ADMIN1_BY_KEY.get(placeNameKey(trimmed.replace(/\s+union territory$/i, ''))) ?? trimmed);
    // Datasets repeat a few dozen names on every row; the cap keeps a hostile file from growing it.
    if (admin1Cache.size >= ADMIN1_CACHE_LIMIT) admin1Cache.clear();
    admin1Cache.set(raw, name);
  }
  return name;
}
