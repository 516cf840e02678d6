import { describe, expect, test } from 'vitest';
import { PNG } from 'pngjs';
import { deflateSync, inflateSync } from 'node:zlib';
import {
  addPngTextChunks,
  assertPngKeyword,
  crc32,
  readPngTextChunks,
} from '../../src/lib/export/png-text-chunks.ts';

/** A small real PNG written by pngjs: 4×3 px, a red-to-blue ramp. */
function samplePng(): Uint8Array {
  const png = new PNG({ width: 4, height: 3 });
  for (let i = 0; i < 4 * 3; i++) {
    png.data[i * 4] = 255 - i * 20;
    png.data[i * 4 + 1] = 0;
    png.data[i * 4 + 2] = i * 20;
    png.data[i * 4 + 3] = 255;
  }
  return new Uint8Array(PNG.sync.write(png));
}

function chunkTypes(png: Uint8Array): string[] {
  const types: string[] = [];
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  for (let at = 8; at < png.length; at += 12 + view.getUint32(at)) {
    types.push(String.fromCharCode(...png.subarray(at + 4, at + 8)));
  }
  return types;
}

/** Builds one chunk by hand, for chunk kinds this module does not write. */
function rawChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function insertAfterIhdr(png: Uint8Array, chunk: Uint8Array): Uint8Array {
  const ihdrEnd = 8 + 12 + 13;
  const out = new Uint8Array(png.length + chunk.length);
  out.set(png.subarray(0, ihdrEnd));
  out.set(chunk, ihdrEnd);
  out.set(png.subarray(ihdrEnd), ihdrEnd + chunk.length);
  return out;
}

describe('crc32', () => {
  test('matches the standard check value for "123456789"', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});

describe('addPngTextChunks / readPngTextChunks', () => {
  test('round-trips ASCII text as tEXt', () => {
    const out = addPngTextChunks(samplePng(), [{ keyword: 'Software', text: 'Conflict Map v0.1.0' }]);
    expect(readPngTextChunks(out)).toEqual([{ type: 'tEXt', keyword: 'Software', text: 'Conflict Map v0.1.0' }]);
  });

  test('keeps Latin-1 beyond ASCII in tEXt', () => {
    const out = addPngTextChunks(samplePng(), [{ keyword: 'Comment', text: 'café · 2022' }]);
    expect(readPngTextChunks(out)).toEqual([{ type: 'tEXt', keyword: 'Comment', text: 'café · 2022' }]);
  });

  test('writes a title with an em dash and en dash as iTXt', () => {
    const title = 'Air strikes and displacement — Sagaing, Jan–Jul 2022';
    const out = addPngTextChunks(samplePng(), [{ keyword: 'Title', text: title }]);
    expect(readPngTextChunks(out)).toEqual([{ type: 'iTXt', keyword: 'Title', text: title }]);
  });

  test('writes Burmese text as iTXt', () => {
    const out = addPngTextChunks(samplePng(), [{ keyword: 'Description', text: 'စစ်ကိုင်း' }]);
    expect(readPngTextChunks(out)).toEqual([{ type: 'iTXt', keyword: 'Description', text: 'စစ်ကိုင်း' }]);
  });

  test('inserts the chunks in order before the first IDAT', () => {
    const out = addPngTextChunks(samplePng(), [
      { keyword: 'Title', text: 'A — B' },
      { keyword: 'Software', text: 'Conflict Map' },
    ]);
    const types = chunkTypes(out);
    expect(types.slice(0, 3)).toEqual(['IHDR', 'iTXt', 'tEXt']);
    expect(types.indexOf('IDAT')).toBe(3);
    expect(types.at(-1)).toBe('IEND');
  });

  test('output still decodes with pngjs, which checks every CRC', () => {
    const original = samplePng();
    const out = addPngTextChunks(original, [
      { keyword: 'Title', text: 'Air strikes — Sagaing' },
      { keyword: 'Description', text: 'စစ်ကိုင်း' },
      { keyword: 'Source', text: 'Conflict Map' },
    ]);
    const decoded = PNG.sync.read(Buffer.from(out), { checkCRC: true } as never);
    const before = PNG.sync.read(Buffer.from(original));
    expect(decoded.width).toBe(4);
    expect(decoded.height).toBe(3);
    expect(Buffer.compare(decoded.data, before.data)).toBe(0);
  });

  test('keeps text chunks already in the file', () => {
    const once = addPngTextChunks(samplePng(), [{ keyword: 'Title', text: 'first' }]);
    const twice = addPngTextChunks(once, [{ keyword: 'Comment', text: 'second' }]);
    expect(readPngTextChunks(twice).map((c) => c.text)).toEqual(['first', 'second']);
  });

  test('rejects a chunk whose CRC does not match', () => {
    const out = addPngTextChunks(samplePng(), [{ keyword: 'Title', text: 'Sagaing' }]);
    const broken = out.slice();
    const inTextData = 8 + 25 + 8 + 6; // signature, IHDR chunk, tEXt length and type, 6 bytes in
    broken[inTextData] = (broken[inTextData] ?? 0) ^ 0xff;
    expect(() => readPngTextChunks(broken)).toThrow(/Bad CRC in PNG chunk tEXt/);
  });

  test('rejects bytes that are not a PNG', () => {
    expect(() => addPngTextChunks(new Uint8Array([1, 2, 3]), [])).toThrow(/Not a PNG/);
  });

  test('rejects text with a NUL character', () => {
    expect(() => addPngTextChunks(samplePng(), [{ keyword: 'Title', text: 'a\0b' }])).toThrow(/NUL/);
  });
});

describe('compressed chunks', () => {
  const text = 'Sagaing Region, 2022';
  const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

  test('zTXt is read with an inflate function', () => {
    const data = new Uint8Array([...latin1('Comment'), 0, 0, ...deflateSync(latin1(text))]);
    const png = insertAfterIhdr(samplePng(), rawChunk('zTXt', data));
    expect(readPngTextChunks(png, inflateSync)).toEqual([{ type: 'zTXt', keyword: 'Comment', text }]);
  });

  test('compressed iTXt is read with an inflate function', () => {
    const body = deflateSync(new TextEncoder().encode('စစ်ကိုင်း'));
    const data = new Uint8Array([...latin1('Title'), 0, 1, 0, ...latin1('my'), 0, 0, ...body]);
    const png = insertAfterIhdr(samplePng(), rawChunk('iTXt', data));
    expect(readPngTextChunks(png, inflateSync)).toEqual([{ type: 'iTXt', keyword: 'Title', text: 'စစ်ကိုင်း' }]);
  });

  test('compressed chunks throw without an inflate function', () => {
    const data = new Uint8Array([...latin1('Comment'), 0, 0, ...deflateSync(latin1(text))]);
    const png = insertAfterIhdr(samplePng(), rawChunk('zTXt', data));
    expect(() => readPngTextChunks(png)).toThrow(/inflate/);
  });
});

describe('assertPngKeyword', () => {
  test.each(['Title', 'Creation Time', 'x', 'K'.repeat(79), 'Légende'])('accepts %j', (k) => {
    expect(() => assertPngKeyword(k)).not.toThrow();
  });

  test.each(['', 'K'.repeat(80), ' Title', 'Title ', 'Creation  Time', 'Tit\nle', 'Titre — court', 'စစ်'])(
    'rejects %j',
    (k) => {
      expect(() => assertPngKeyword(k)).toThrow(RangeError);
    },
  );

  test('addPngTextChunks validates keywords before writing', () => {
    expect(() => addPngTextChunks(samplePng(), [{ keyword: 'Ti—tle', text: 'x' }])).toThrow(RangeError);
  });
});
