/**
 * Counts as the sources state them. A figure keeps the source's words and only gains numbers
 * that the words actually contain: "thousands" stays without numbers, because any number we
 * put on it would be ours, not the source's.
 */
import type { Figure, FigureQualifier } from '../../src/lib/domain/incident.ts';

// A number as written in reports: "13", "4,000", "10000", "1.2 M", "1 million", "866.4k".
const NUMBER = String.raw`(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(million|m|thousand|k)\b)?`;

const PREFIXES: readonly (readonly [RegExp, FigureQualifier])[] = [
  [/^(?:>=|≥|at least|no fewer than|a minimum of)\s*/i, 'at_least'],
  [/^(?:>|more than|over|above)\s*/i, 'more_than'],
  [/^(?:~|about|around|approximately|approx\.?|roughly|some)\s*/i, 'about'],
];

const RANGE = new RegExp(String.raw`^${NUMBER}\s*(?:-|–|—|to)\s*${NUMBER}`, 'i');
const SINGLE = new RegExp(String.raw`^${NUMBER}`, 'i');

// A number followed by one of these counts things, not people: ">200 households" is not 200 people.
const NON_PERSON_UNIT = /^(?:households?|homes?|houses?|families|family|buildings?|villages?|camps?)\b/i;

/**
 * Parses a count as a source words it: "2–3" (range), "at least 11" / ">=11" (at_least),
 * ">200" / "over 10,000" (more_than, `low` is the stated bound), "~700" (about), "4,000" / "13"
 * (exact: one number as stated, rounded or not), "thousands" (unspecified, no numbers).
 * Words after the number are kept in `text`; a number of households or homes is left unspecified.
 * @example parseFigure('over 10,000', 'The Irrawaddy') // { low: 10000, high: null, qualifier: 'more_than', … }
 */
export function parseFigure(text: string, source: string): Figure {
  const original = text.trim().replace(/\s+/g, ' ');
  const unspecified: Figure = { low: null, high: null, qualifier: 'unspecified', text: original, source };
  let rest = original;
  let qualifier: FigureQualifier = 'exact';
  for (const [re, q] of PREFIXES) {
    const m = re.exec(rest);
    if (m) {
      qualifier = q;
      rest = rest.slice(m[0].length);
      break;
    }
  }
  const range = qualifier === 'exact' ? RANGE.exec(rest) : null;
  if (range) {
    const low = toNumber(range[1], range[2]);
    const high = toNumber(range[3], range[4]);
    if (low === null || high === null || low > high || !countsPeople(rest.slice(range[0].length))) return unspecified;
    return { low, high, qualifier: 'range', text: original, source };
  }
  const single = SINGLE.exec(rest);
  if (!single) return unspecified;
  const n = toNumber(single[1], single[2]);
  if (n === null || !countsPeople(rest.slice(single[0].length))) return unspecified;
  if (qualifier === 'at_least' || qualifier === 'more_than') return { low: n, high: null, qualifier, text: original, source };
  return { low: n, high: n, qualifier, text: original, source };
}

/** True when what follows the number does not make it a count of households, homes or the like. */
function countsPeople(after: string): boolean {
  // A digit straight after the match ("10,0000") means the number was cut short: not a count we trust.
  if (/^(?:\d|[,.]\d)/.test(after)) return false;
  return !NON_PERSON_UNIT.test(after.trim());
}

/** The value of a written number with an optional "million"/"thousand" multiplier. */
function toNumber(digits: string | undefined, multiplier: string | undefined): number | null {
  if (digits === undefined) return null;
  const base = Number(digits.replace(/,/g, ''));
  if (!Number.isFinite(base)) return null;
  const m = multiplier?.toLowerCase();
  const factor = m === 'million' || m === 'm' ? 1_000_000 : m === 'thousand' || m === 'k' ? 1_000 : 1;
  const value = Math.round(base * factor);
  // "2.5" people is not a count; decimals are only meaningful with a multiplier.
  return Number.isInteger(base * factor) || factor > 1 ? value : null;
}
