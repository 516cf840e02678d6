/**
 * Spreadsheet formula injection guard for the CSV files we write. A text cell that a
 * spreadsheet would run as a formula gets a leading apostrophe; our own importer removes it
 * again, so a Conflict Map export re-imports exactly.
 */

// A plain decimal number ("-12.5", "+3", "1e-3") is data, not a formula, even with a sign.
const PLAIN_NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

function startsRisky(c: number): boolean {
  // = + - @ tab CR, and the apostrophe itself so that unescaping is always unambiguous.
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 || c === 39;
}

/**
 * Prefixes `'` to text a spreadsheet could treat as a formula (starting with `=`, `+`, `-`,
 * `@`, tab or CR) and to text starting with `'`. Plain numbers such as "-12.5" stay as they are.
 * `restoreFormulaText` undoes it exactly.
 * @example neutraliseFormula('=HYPERLINK("x")') // "'=HYPERLINK(\"x\")"
 */
export function neutraliseFormula(text: string): string {
  if (text === '' || !startsRisky(text.charCodeAt(0))) return text;
  if (text.charCodeAt(0) !== 39 && PLAIN_NUMBER.test(text)) return text;
  return `'${text}`;
}

/** Removes the one leading `'` that `neutraliseFormula` adds. Used only on Conflict Map exports. */
export function restoreFormulaText(text: string): string {
  return text.charCodeAt(0) === 39 ? text.slice(1) : text;
}
