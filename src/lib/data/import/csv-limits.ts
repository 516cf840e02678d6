/**
 * Shape limits for imported CSV, checked before and while papaparse reads a file (issue #7).
 * Without them a hostile file exhausts the worker's memory: with `header: true` every row of a
 * million-column file becomes an object of a million keys, and a rejected row keeps its copy;
 * a line of a million fields becomes a million-element array, parsed again with every slice
 * read until the line ends.
 */

/** Most columns a CSV header may have. ACLED exports have 31 columns and UCDP GED files about 50. */
export const MAX_CSV_COLUMNS = 1000;

/** Longest line of a CSV, in characters. ACLED rows, notes included, are rarely over 3,000. */
export const MAX_CSV_LINE_CHARS = 1_000_000;

const fmt = new Intl.NumberFormat('en-GB');

/**
 * Why a CSV's header row cannot be read, from the start of the file's text, or null.
 * `sample` is the decoded start of the file; `whole` says the sample is the entire file, so a
 * header that does not end inside it is not cut off. Commas inside quotes do not count.
 * @example csvHeaderRefusal('a,b,c\n1,2,3\n', 'x.csv', true) // null
 */
export function csvHeaderRefusal(sample: string, fileName: string, whole: boolean): string | null {
  let columns = 1;
  let quoted = false;
  let ended = false;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (quoted) continue;
    else if (c === 44) {
      columns++;
      if (columns > MAX_CSV_COLUMNS) {
        return `"${fileName}" has more than ${fmt.format(MAX_CSV_COLUMNS)} columns in its header row, so it was not read. ACLED and UCDP files have fewer than 60; check that this is the file you meant.`;
      }
    } else if (c === 10 || c === 13) {
      ended = true;
      break;
    }
  }
  if (!ended && !whole) {
    return `The first line of "${fileName}" is longer than ${fmt.format(sample.length)} characters without ending, so it is not a header row; it was not read.`;
  }
  return null;
}

/** Thrown by the CSV reader when a line is longer than MAX_CSV_LINE_CHARS. */
export class LineTooLongError extends Error {}

/**
 * Follows the text of a CSV slice by slice and says when a line grows past `max` characters.
 * A slice may end in the middle of a line; the part carried over counts towards the next one.
 */
export class LineLengthGuard {
  readonly #max: number;
  #run = 0;

  constructor(max = MAX_CSV_LINE_CHARS) {
    this.#max = max;
  }

  /** Takes the next slice of text; false once some line is longer than the limit. */
  accept(text: string): boolean {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      if (this.#run + nl - start > this.#max) return false;
      this.#run = 0;
      start = nl + 1;
    }
    this.#run += text.length - start;
    return this.#run <= this.#max;
  }

  /** The message for a file that failed `accept`. */
  static message(fileName: string, max = MAX_CSV_LINE_CHARS): string {
    return `"${fileName}" has a line longer than ${fmt.format(max)} characters (a row with far too many fields, or a missing line break), so it was not imported.`;
  }
}
