/**
 * Structured cloning (worker messages, IndexedDB reads) gives every string its own copy, so a
 * million imported ACLED rows arrive with a million copies of "Military Forces of Myanmar
 * (2021-)", of each place name, code and verification note. Interning the short strings of
 * each batch as it arrives makes equal strings one string again: about a third of an imported
 * incident's memory (issue #7).
 */

/** Longest string interned by default; longer text (notes, summaries) is rarely repeated. */
export const INTERN_MAX_LENGTH = 100;

/** Incident fields that are unique per row (ids, timestamps) or long (summaries): interning them would only grow the table. */
export const INCIDENT_UNIQUE_KEYS: readonly string[] = ['id', 'event_id', 'timestamp', 'summary'];

/** Keeps one copy of each short string it has seen; drop it when the import is done. */
export class StringInterner {
  readonly #table = new Map<string, string>();
  readonly #maxLength: number;
  /** Keys whose values are unique per record (ids), so looking them up would only fill the table. */
  readonly #skipKeys: ReadonlySet<string>;

  constructor(options: { readonly maxLength?: number; readonly skipKeys?: Iterable<string> } = {}) {
    this.#maxLength = options.maxLength ?? INTERN_MAX_LENGTH;
    this.#skipKeys = new Set(options.skipKeys ?? []);
  }

  /** How many distinct strings are kept. */
  get size(): number {
    return this.#table.size;
  }

  /**
   * The kept copy of a short string (kept now if it is new); a longer string comes back as it is.
   * @example new StringInterner().intern('Kayah') // 'Kayah', the same string object for every later 'Kayah'
   */
  intern(s: string): string {
    if (s.length > this.#maxLength) return s;
    const kept = this.#table.get(s);
    if (kept !== undefined) return kept;
    this.#table.set(s, s);
    return s;
  }

  /**
   * Replaces, in place, every short string inside plain objects and arrays with its kept copy.
   * Only for values this code owns, fresh from a structured clone: it writes to them.
   */
  internDeep(value: unknown): void {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const v: unknown = value[i];
        if (typeof v === 'string') value[i] = this.intern(v);
        else if (v !== null && typeof v === 'object') this.internDeep(v);
      }
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    for (const key in record) {
      if (this.#skipKeys.has(key)) continue;
      const v = record[key];
      if (typeof v === 'string') record[key] = this.intern(v);
      else if (v !== null && typeof v === 'object') this.internDeep(v);
    }
  }
}
