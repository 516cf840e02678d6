/** Guards for values read from data (JSON, CSV, a link), shared by every reader. */

/** True for a plain object (not null, not an array). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The link as given (trimmed) when it is an absolute http(s) URL, else null: data never becomes
 * a `javascript:` or `data:` link, and text that is not a URL is not shown as one. The one rule
 * for every link from data: the importers keep it, the popup and the citation show it.
 * @example safeHttpUrl(' https://www.rfa.org/x ') // 'https://www.rfa.org/x'
 */
export function safeHttpUrl(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const trimmed = raw.trim();
  if (!/^https?:\/\//i.test(trimmed)) return null;
  try {
    const u = new URL(trimmed);
    return u.protocol === 'http:' || u.protocol === 'https:' ? trimmed : null;
  } catch {
    return null;
  }
}
