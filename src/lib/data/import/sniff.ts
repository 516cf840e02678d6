/**
 * The first look at a file: binary files, spreadsheets, archives and other encodings are refused
 * by what their first bytes are, before anything is parsed.
 */

/** Bytes looked at before parsing, to refuse binary files and other encodings early. */
export const SNIFF_BYTES = 64 * 1024;

/** How the first bytes of a file say it should be read, or why it cannot be. */
export type Sniff = { readonly kind: 'csv' | 'json' } | { readonly kind: 'refused'; readonly message: string };

const SAVE_AS_CSV = 'Export or save it as CSV (UTF-8) or GeoJSON and import that file.';

/**
 * Looks at the first bytes of a file: refuses spreadsheets, archives, PDFs, UTF-16 text and
 * other binary data with a message that says what the file seems to be; otherwise says
 * whether to read it as JSON (by extension, or a leading `{`) or as CSV.
 * @example sniffFileStart(new TextEncoder().encode('{"type":"FeatureCollection"'), 'x.csv') // { kind: 'json' }
 */
export function sniffFileStart(bytes: Uint8Array, fileName: string): Sniff {
  const b = (i: number): number => bytes[i] ?? -1;
  if (b(0) === 0x50 && b(1) === 0x4b && b(2) === 0x03 && b(3) === 0x04) {
    return refuse(`"${fileName}" is a ZIP archive or an Excel workbook (.xlsx), not CSV text. ${SAVE_AS_CSV}`);
  }
  if (b(0) === 0xd0 && b(1) === 0xcf && b(2) === 0x11 && b(3) === 0xe0) {
    return refuse(`"${fileName}" is an old Excel workbook (.xls), not CSV text. ${SAVE_AS_CSV}`);
  }
  if (b(0) === 0x1f && b(1) === 0x8b) return refuse(`"${fileName}" is compressed (gzip). Uncompress it first, then import the CSV or GeoJSON inside.`);
  if (b(0) === 0x25 && b(1) === 0x50 && b(2) === 0x44 && b(3) === 0x46) return refuse(`"${fileName}" is a PDF, not a data file. ${SAVE_AS_CSV}`);
  if ((b(0) === 0xff && b(1) === 0xfe) || (b(0) === 0xfe && b(1) === 0xff)) {
    return refuse(`"${fileName}" is saved as UTF-16 ("Unicode text"). Save it as CSV UTF-8 and import it again.`);
  }
  if (bytes.includes(0)) return refuse(`"${fileName}" contains binary data, not text. ${SAVE_AS_CSV}`);
  try {
    // `stream: true` lets a character cut off at the end of the sample pass.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
  } catch {
    return refuse(
      `"${fileName}" is not UTF-8 text: it is binary, or saved in another encoding (such as Windows-1252). Save it as CSV UTF-8 and import it again.`,
    );
  }
  if (/\.(geo)?json$/i.test(fileName)) return { kind: 'json' };
  let i = b(0) === 0xef && b(1) === 0xbb && b(2) === 0xbf ? 3 : 0;
  while (i < bytes.length && (b(i) === 0x20 || b(i) === 0x09 || b(i) === 0x0a || b(i) === 0x0d)) i++;
  return b(i) === 0x7b ? { kind: 'json' } : { kind: 'csv' };
}

function refuse(message: string): Sniff {
  return { kind: 'refused', message };
}

