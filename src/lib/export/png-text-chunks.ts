/**
 * PNG text metadata (tEXt / iTXt) for exported snapshots.
 *
 * Part of the export composition layer (`src/lib/export/`): pure code around the map image.
 * It imports no maplibre-gl; the map module renders the map and hands the result here.
 */

export type PngTextChunkType = 'tEXt' | 'iTXt' | 'zTXt';

export interface PngTextEntry {
  readonly keyword: string;
  readonly text: string;
}

export interface PngTextChunk extends PngTextEntry {
  readonly type: PngTextChunkType;
}

/** Synchronous zlib inflate, e.g. Node's `zlib.inflateSync`; browsers have none built in. */
export type Inflate = (compressed: Uint8Array) => Uint8Array;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;
const MAX_KEYWORD_LENGTH = 79;

const CRC_TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309, as PNG uses it) of the bytes. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

interface RawChunk {
  readonly type: string;
  /** Offset of the chunk's length field in the file. */
  readonly offset: number;
  readonly data: Uint8Array;
}

function assertSignature(png: Uint8Array): void {
  if (png.length < PNG_SIGNATURE.length || PNG_SIGNATURE.some((b, i) => png[i] !== b)) {
    throw new Error('Not a PNG file: the signature is missing');
  }
}

function chunkTypeAt(png: Uint8Array, offset: number): string {
  return String.fromCharCode(...png.subarray(offset, offset + 4));
}

/** Splits a PNG into chunks, checking every CRC so a broken file fails here and not in a viewer. */
function readChunks(png: Uint8Array): RawChunk[] {
  assertSignature(png);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: RawChunk[] = [];
  let offset: number = PNG_SIGNATURE.length;
  while (offset < png.length) {
    if (offset + 12 > png.length) throw new Error(`Truncated PNG chunk at byte ${offset}`);
    const length = view.getUint32(offset);
    const end = offset + 12 + length;
    if (end > png.length) throw new Error(`Truncated PNG chunk at byte ${offset}`);
    const type = chunkTypeAt(png, offset + 4);
    const crc = view.getUint32(offset + 8 + length);
    if (crc32(png.subarray(offset + 4, offset + 8 + length)) !== crc) {
      throw new Error(`Bad CRC in PNG chunk ${type} at byte ${offset}`);
    }
    chunks.push({ type, offset, data: png.subarray(offset + 8, offset + 8 + length) });
    offset = end;
    if (type === 'IEND') break;
  }
  return chunks;
}

/** Latin-1 covers code points up to U+00FF; anything above needs UTF-8 (iTXt). */
function isLatin1(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false;
  return true;
}

function latin1Bytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function latin1String(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

/** Throws unless the keyword follows the PNG rules: 1–79 printable Latin-1 characters, single inner spaces. */
export function assertPngKeyword(keyword: string): void {
  const fail = (why: string): never => {
    throw new RangeError(`Invalid PNG text keyword ${JSON.stringify(keyword)}: ${why}`);
  };
  if (keyword.length < 1 || keyword.length > MAX_KEYWORD_LENGTH) fail('it must be 1–79 characters long');
  for (let i = 0; i < keyword.length; i++) {
    const c = keyword.charCodeAt(i);
    const printable = (c >= 0x20 && c <= 0x7e) || (c >= 0xa1 && c <= 0xff);
    if (!printable) fail('only printable Latin-1 characters are allowed');
  }
  if (keyword !== keyword.trim() || keyword.includes('  ')) fail('no leading, trailing or double spaces');
}

function assertText(entry: PngTextEntry): void {
  if (entry.text.includes('\0')) {
    throw new RangeError(`PNG text for ${JSON.stringify(entry.keyword)} must not contain a NUL character`);
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function encodeChunk(type: 'tEXt' | 'iTXt', data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(latin1Bytes(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** One text chunk: tEXt when keyword and text are Latin-1, otherwise uncompressed UTF-8 iTXt. */
function textChunk(entry: PngTextEntry): Uint8Array {
  const keyword = latin1Bytes(entry.keyword);
  const nul = new Uint8Array([0]);
  if (isLatin1(entry.text)) return encodeChunk('tEXt', concat([keyword, nul, latin1Bytes(entry.text)]));
  // keyword NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL.
  const header = new Uint8Array([0, 0, 0, 0, 0]);
  return encodeChunk('iTXt', concat([keyword, header, new TextEncoder().encode(entry.text)]));
}

/**
 * Returns a copy of the PNG with text chunks inserted before the first IDAT; text that is not
 * Latin-1 (an em dash, Burmese) goes into an iTXt chunk as UTF-8.
 *
 * @example
 * addPngTextChunks(png, [{ keyword: 'Title', text: 'Air strikes — Sagaing, Jan–Jul 2022' }]);
 */
export function addPngTextChunks(png: Uint8Array, entries: readonly PngTextEntry[]): Uint8Array {
  for (const entry of entries) {
    assertPngKeyword(entry.keyword);
    assertText(entry);
  }
  const firstIdat = readChunks(png).find((c) => c.type === 'IDAT');
  if (!firstIdat) throw new Error('PNG has no IDAT chunk');
  return concat([
    png.subarray(0, firstIdat.offset),
    ...entries.map(textChunk),
    png.subarray(firstIdat.offset),
  ]);
}

function splitAtNul(data: Uint8Array, from: number): [Uint8Array, number] {
  const nul = data.indexOf(0, from);
  if (nul < 0) throw new Error('Malformed PNG text chunk: missing NUL separator');
  return [data.subarray(from, nul), nul + 1];
}

function decodeTEXt(data: Uint8Array): PngTextChunk {
  const [keyword, rest] = splitAtNul(data, 0);
  return { type: 'tEXt', keyword: latin1String(keyword), text: latin1String(data.subarray(rest)) };
}

function needInflate(inflate: Inflate | undefined, type: string): Inflate {
  if (!inflate) throw new Error(`Compressed ${type} chunk: pass an inflate function to read it`);
  return inflate;
}

function decodeZTXt(data: Uint8Array, inflate: Inflate | undefined): PngTextChunk {
  const [keyword, rest] = splitAtNul(data, 0);
  const text = latin1String(needInflate(inflate, 'zTXt')(data.subarray(rest + 1)));
  return { type: 'zTXt', keyword: latin1String(keyword), text };
}

function decodeITXt(data: Uint8Array, inflate: Inflate | undefined): PngTextChunk {
  const [keyword, afterKeyword] = splitAtNul(data, 0);
  const compressed = data[afterKeyword] === 1;
  const [, afterLanguage] = splitAtNul(data, afterKeyword + 2);
  const [, afterTranslated] = splitAtNul(data, afterLanguage);
  const body = data.subarray(afterTranslated);
  const utf8 = compressed ? needInflate(inflate, 'iTXt')(body) : body;
  return { type: 'iTXt', keyword: latin1String(keyword), text: new TextDecoder('utf-8', { fatal: true }).decode(utf8) };
}

/**
 * The text chunks of a PNG in file order, after checking every chunk's CRC. Compressed chunks
 * (zTXt, compressed iTXt) need a synchronous `inflate`; without one they throw.
 */
export function readPngTextChunks(png: Uint8Array, inflate?: Inflate): PngTextChunk[] {
  const out: PngTextChunk[] = [];
  for (const chunk of readChunks(png)) {
    if (chunk.type === 'tEXt') out.push(decodeTEXt(chunk.data));
    else if (chunk.type === 'zTXt') out.push(decodeZTXt(chunk.data, inflate));
    else if (chunk.type === 'iTXt') out.push(decodeITXt(chunk.data, inflate));
  }
  return out;
}
