/** An unexpected error, as shown to the user and copied for a bug report. */
export interface ErrorReport {
  readonly message: string;
  readonly details: string;
  readonly at: string;
}

/** Turns anything thrown into a readable message and copyable details (no data values beyond the error's own text). */
export function describeError(err: unknown, context: string, now: Date = new Date()): ErrorReport {
  const e = err instanceof Error ? err : new Error(typeof err === 'string' ? err : JSON.stringify(err) ?? String(err));
  const message = `${context}: ${e.message || e.name || 'unknown error'}`;
  const details = [
    message,
    `Time: ${now.toISOString()}`,
    `Page: ${typeof location === 'undefined' ? '' : location.pathname}`,
    `Browser: ${typeof navigator === 'undefined' ? '' : navigator.userAgent}`,
    '',
    e.stack ?? '(no stack)',
  ].join('\n');
  return { message, details, at: now.toISOString() };
}
