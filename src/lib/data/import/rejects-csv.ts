/**
 * The rejected rows of an import as a CSV the user can open, fix and import again.
 */
import Papa from 'papaparse';
import { neutraliseFormula } from './csv-safety.ts';
import type { RejectedRow } from './types.ts';

const OURS = ['row', 'reason', 'message'] as const;

/**
 * Rejected rows → CSV with columns `row`, `reason`, `message`, then the file's own columns in
 * the order first seen (renamed `original_<name>` if one is called row, reason or message).
 * Text cells are formula-neutralised: the values come from an untrusted file and this CSV is
 * meant to be opened in a spreadsheet. Starts with a byte-order mark so Excel reads UTF-8.
 */
export function rejectedRowsToCsv(rejected: readonly RejectedRow[]): string {
  const original: string[] = [];
  const seen = new Set<string>();
  for (const r of rejected) {
    for (const k of Object.keys(r.raw)) {
      if (!seen.has(k)) {
        seen.add(k);
        original.push(k);
      }
    }
  }
  const header = [...OURS, ...original.map((k) => ((OURS as readonly string[]).includes(k) ? `original_${k}` : k))];
  const data = rejected.map((r) => [
    r.row,
    r.reason,
    neutraliseFormula(r.message),
    ...original.map((k) => neutraliseFormula(r.raw[k] ?? '')),
  ]);
  return `\uFEFF${Papa.unparse({ fields: header.map(neutraliseFormula), data }, { newline: '\r\n' })}`;
}
