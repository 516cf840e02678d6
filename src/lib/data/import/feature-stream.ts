/**
 * A streaming reader for one GeoJSON FeatureCollection: text goes in slice by slice, and out come
 * its top-level members (parsed one by one) and its features (parsed one at a time), so a file
 * of any length is read in bounded memory. Every value is bounded in size and nesting depth
 * before `JSON.parse` sees it. It reads the map package (`package-import.ts`), whose features
 * a whole-file `JSON.parse` could not hold.
 *
 * It checks the structure around the values (an object of members, `features` an array); the
 * values themselves are checked by `JSON.parse`. It never throws on bad input: it stops with a
 * message.
 *
 * ```ts
 * const scanner = new FeatureCollectionScanner({ memberLimits, onMember, onFeature });
 * await streamText(file, 1 << 20, (text) => scanner.push(text));
 * scanner.end();
 * if (scanner.status === 'failed') refuse(scanner.message);
 * ```
 */

/** How large and how deep one value may be. */
export interface ValueLimits {
  readonly maxChars: number;
  readonly maxDepth: number;
}

/** What the scanner reports, and what it asks. A handler returns a message to stop with, `'stop'` to stop quietly, or null to go on. */
export interface FeatureCollectionHandlers {
  /** The limits for a top-level member's value (not called for `features`). */
  memberLimits(key: string): ValueLimits;
  /** The limits for one feature. */
  readonly featureLimits: ValueLimits;
  /** A top-level key, before its value is read. */
  onKey?(key: string): string | 'stop' | null;
  /** A top-level member other than `features`, parsed. */
  onMember(key: string, value: unknown): string | 'stop' | null;
  /** One feature, parsed; `n` counts from 1. */
  onFeature(value: unknown, n: number): string | 'stop' | null;
}

/** Where the scanner is: still reading, stopped by a handler, at the end of a well-formed collection, or failed. */
export type ScanStatus = 'reading' | 'stopped' | 'done' | 'failed';

type State =
  | 'start'
  | 'key-or-close'
  | 'key-next'
  | 'key'
  | 'colon'
  | 'value'
  | 'member'
  | 'after-member'
  | 'feature-or-close'
  | 'feature-next'
  | 'feature'
  | 'after-feature'
  | 'after-end';

const QUOTE = 34;
const BACKSLASH = 92;
const MAX_KEY_CHARS = 1000;
const MAX_PRIMITIVE_CHARS = 1000;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** Characters, for messages: "4,194,304 characters". */
function chars(n: number): string {
  return `${n.toLocaleString('en-GB')} characters`;
}

/** Reads one FeatureCollection pushed to it as text, slice by slice. */
export class FeatureCollectionScanner {
  readonly #h: FeatureCollectionHandlers;
  #buf = '';
  #pos = 0;
  #state: State = 'start';
  #status: ScanStatus = 'reading';
  #message = '';
  #key = '';
  #keys = new Set<string>();
  #features = 0;
  // The value being captured: where it starts in #buf, how far it has been scanned, its depth.
  #start = -1;
  #scan = 0;
  #depth = 0;
  #inString = false;
  #limits: ValueLimits = { maxChars: 0, maxDepth: 0 };
  /** Characters dropped from the front of #buf so far, for messages. */
  #offset = 0;

  constructor(handlers: FeatureCollectionHandlers) {
    this.#h = handlers;
  }

  get status(): ScanStatus {
    return this.#status;
  }

  /** Why the scan failed or was stopped with a message ('' otherwise). */
  get message(): string {
    return this.#message;
  }

  /** Features read so far. */
  get features(): number {
    return this.#features;
  }

  /** Reads the next slice of text; returns false once reading is over (stopped, failed or done). */
  push(text: string): boolean {
    if (this.#status !== 'reading') return false;
    // Keep only what is not consumed yet: the value being captured, or nothing.
    const keep = this.#start >= 0 ? this.#start : this.#pos;
    if (keep > 0) {
      this.#buf = this.#buf.slice(keep);
      this.#offset += keep;
      this.#pos -= keep;
      this.#scan -= keep;
      if (this.#start >= 0) this.#start -= keep;
    }
    this.#buf += text;
    this.#run(false);
    return this.#status === 'reading';
  }

  /** Says the text has ended; a collection that is not complete fails. */
  end(): void {
    if (this.#status !== 'reading') return;
    this.#run(true);
    if (this.#status !== 'reading') return;
    if (this.#state === 'after-end') this.#status = 'done';
    else this.#fail(this.#state === 'start' ? 'The file is empty.' : 'The file ends before its JSON does: it was cut off.');
  }

  #fail(message: string): void {
    this.#status = 'failed';
    this.#message = message;
  }

  #answer(result: string | 'stop' | null): boolean {
    if (result === null) return true;
    this.#status = result === 'stop' ? 'stopped' : 'failed';
    this.#message = result === 'stop' ? '' : result;
    return false;
  }

  /** Skips white space; false when the buffer ran out. */
  #skipSpace(): boolean {
    const buf = this.#buf;
    while (this.#pos < buf.length && isSpace(buf.charCodeAt(this.#pos))) this.#pos++;
    return this.#pos < buf.length;
  }

  #unexpected(what: string): void {
    const at = this.#offset + this.#pos;
    const c = this.#buf.slice(this.#pos, this.#pos + 1);
    this.#fail(`This is not a GeoJSON FeatureCollection: expected ${what} at character ${at.toLocaleString('en-GB')}, found ${c === '' ? 'the end' : JSON.stringify(c)}.`);
  }

  /**
   * After a value: a "," moves to `next`, the `close` character (a char code) to `closed`; anything
   * else fails, naming `expected`. False when reading must stop (more text needed, or failed).
   */
  #separator(close: number, next: State, closed: State, expected: string): boolean {
    if (!this.#skipSpace()) return false;
    const c = this.#buf.charCodeAt(this.#pos);
    if (c === 44) this.#state = next;
    else if (c === close) this.#state = closed;
    else {
      this.#unexpected(expected);
      return false;
    }
    this.#pos++;
    return true;
  }

  #run(atEnd: boolean): void {
    while (this.#status === 'reading') {
      switch (this.#state) {
        case 'start': {
          if (this.#offset === 0 && this.#pos === 0 && this.#buf.charCodeAt(0) === 0xfeff) this.#pos = 1;
          if (!this.#skipSpace()) return;
          if (this.#buf.charCodeAt(this.#pos) !== 123) return this.#unexpected('"{"');
          this.#pos++;
          this.#state = 'key-or-close';
          break;
        }
        case 'key-or-close':
        case 'key-next': {
          if (!this.#skipSpace()) return;
          const c = this.#buf.charCodeAt(this.#pos);
          if (c === 125 && this.#state === 'key-or-close') {
            this.#pos++;
            this.#state = 'after-end';
          } else if (c === QUOTE) {
            this.#begin({ maxChars: MAX_KEY_CHARS, maxDepth: 0 });
            this.#state = 'key';
          } else return this.#unexpected('a member name');
          break;
        }
        case 'key': {
          const end = this.#capture(atEnd, 'A member name');
          if (end < 0) return;
          this.#key = JSON.parse(this.#buf.slice(this.#start, end)) as string;
          this.#start = -1;
          this.#pos = end;
          if (this.#keys.has(this.#key)) return this.#fail(`This JSON names its member ${JSON.stringify(this.#key.slice(0, 40))} twice, so it cannot be read one way.`);
          this.#keys.add(this.#key);
          if (this.#h.onKey && !this.#answer(this.#h.onKey(this.#key))) return;
          this.#state = 'colon';
          break;
        }
        case 'colon': {
          if (!this.#skipSpace()) return;
          if (this.#buf.charCodeAt(this.#pos) !== 58) return this.#unexpected('":"');
          this.#pos++;
          this.#state = 'value';
          break;
        }
        case 'value': {
          if (!this.#skipSpace()) return;
          if (this.#key === 'features') {
            if (this.#buf.charCodeAt(this.#pos) !== 91) return this.#unexpected('"[" (the list of features)');
            this.#pos++;
            this.#state = 'feature-or-close';
          } else {
            this.#begin(this.#h.memberLimits(this.#key));
            this.#state = 'member';
          }
          break;
        }
        case 'member': {
          const end = this.#capture(atEnd, `The member ${JSON.stringify(this.#key.slice(0, 40))}`);
          if (end < 0) return;
          const value = this.#parse(end, `The member ${JSON.stringify(this.#key.slice(0, 40))}`);
          if (this.#status !== 'reading' || !this.#answer(this.#h.onMember(this.#key, value))) return;
          this.#state = 'after-member';
          break;
        }
        case 'after-member': {
          if (!this.#separator(125, 'key-next', 'after-end', '"," or "}"')) return;
          break;
        }
        case 'feature-or-close':
        case 'feature-next': {
          if (!this.#skipSpace()) return;
          if (this.#buf.charCodeAt(this.#pos) === 93 && this.#state === 'feature-or-close') {
            this.#pos++;
            this.#state = 'after-member';
          } else {
            this.#begin(this.#h.featureLimits);
            this.#state = 'feature';
          }
          break;
        }
        case 'feature': {
          const n = this.#features + 1;
          const end = this.#capture(atEnd, `Feature ${n.toLocaleString('en-GB')}`);
          if (end < 0) return;
          const value = this.#parse(end, `Feature ${n.toLocaleString('en-GB')}`);
          if (this.#status !== 'reading') return;
          this.#features = n;
          if (!this.#answer(this.#h.onFeature(value, n))) return;
          this.#state = 'after-feature';
          break;
        }
        case 'after-feature': {
          if (!this.#separator(93, 'feature-next', 'after-member', '"," or "]" after a feature')) return;
          break;
        }
        case 'after-end': {
          if (!this.#skipSpace()) return;
          return this.#unexpected('nothing after the end of the collection');
        }
      }
    }
  }

  /** Starts capturing the value at #pos. */
  #begin(limits: ValueLimits): void {
    const c = this.#buf.charCodeAt(this.#pos);
    this.#start = this.#pos;
    this.#limits = limits;
    this.#inString = c === QUOTE;
    this.#depth = c === 123 || c === 91 ? 1 : 0;
    this.#scan = this.#pos + 1;
  }

  /**
   * Scans the value begun at #start; returns the index just past its end, or -1 when more text
   * is needed (or the scan failed). Strings are skipped with indexOf, so long texts cost little.
   */
  #capture(atEnd: boolean, what: string): number {
    const buf = this.#buf;
    const { maxChars, maxDepth } = this.#limits;
    const start = this.#start;
    const first = buf.charCodeAt(start);
    const container = first === 123 || first === 91;
    if (container && maxDepth < 1) {
      this.#fail(`${what} is not a text.`);
      return -1;
    }
    if (!container && first !== QUOTE) {
      // A number, true, false or null: it ends at the next delimiter.
      let i = this.#scan;
      while (i < buf.length) {
        const c = buf.charCodeAt(i);
        if (c === 44 || c === 125 || c === 93 || isSpace(c)) break;
        i++;
      }
      if (i - start > MAX_PRIMITIVE_CHARS) {
        this.#fail(`${what} is longer than ${chars(MAX_PRIMITIVE_CHARS)}.`);
        return -1;
      }
      if (i === buf.length && !atEnd) {
        this.#scan = i;
        return -1;
      }
      return i;
    }
    let i = this.#scan;
    let depth = this.#depth;
    let inString = this.#inString;
    const limit = start + maxChars;
    while (i < buf.length) {
      if (inString) {
        const q = buf.indexOf('"', i);
        if (q < 0) {
          i = buf.length;
          break;
        }
        let backslashes = 0;
        for (let k = q - 1; k > start && buf.charCodeAt(k) === BACKSLASH; k--) backslashes++;
        i = q + 1;
        if (backslashes % 2 === 1) continue;
        inString = false;
        if (depth === 0) return this.#done(i, limit, what);
        continue;
      }
      const c = buf.charCodeAt(i);
      i++;
      if (c === QUOTE) inString = true;
      else if (c === 123 || c === 91) {
        depth++;
        if (depth > maxDepth) {
          this.#fail(`${what} nests more than ${maxDepth} levels deep, which no map package needs; it was not read.`);
          return -1;
        }
      } else if (c === 125 || c === 93) {
        depth--;
        if (depth === 0) return this.#done(i, limit, what);
      }
    }
    this.#scan = i;
    this.#depth = depth;
    this.#inString = inString;
    if (i > limit) {
      this.#fail(`${what} is longer than ${chars(maxChars)}, more than a map package holds; it was not read.`);
      return -1;
    }
    if (atEnd) this.#fail(`The file ends inside ${what.charAt(0).toLowerCase()}${what.slice(1)}: it was cut off.`);
    return -1;
  }

  #done(end: number, limit: number, what: string): number {
    if (end > limit) {
      this.#fail(`${what} is longer than ${chars(this.#limits.maxChars)}, more than a map package holds; it was not read.`);
      return -1;
    }
    return end;
  }

  /** Parses the captured value and moves past it. */
  #parse(end: number, what: string): unknown {
    const text = this.#buf.slice(this.#start, end);
    this.#start = -1;
    this.#pos = end;
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      this.#fail(`${what} is not valid JSON${e instanceof Error ? ` (${e.message.slice(0, 120)})` : ''}.`);
      return undefined;
    }
  }
}
