/**
 * Pixel comparison for the render tests, in the manner of MapLibre's own: pixelmatch with a colour
 * threshold and anti-aliasing detection, then a small allowed count of differing pixels.
 * Pure apart from the explicit file helpers at the end.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

/**
 * pixelmatch's per-pixel threshold: the largest OKLab HyAB distance (0 = same, 1 = black against
 * white) still counted as equal. pixelmatch's default of 0.1 lets a flat colour darken by 28 of 255
 * levels unseen, and took the highlight halo's yellow fill over the Sagaing fill for the same colour;
 * 0.05 sees a change of about 14 levels (13 in green alone) and is still far above the 1–3 levels of
 * rounding a different GPU or Chromium might bring. Anti-aliased edges are excluded either way.
 */
export const THRESHOLD = 0.05;

/**
 * Differing pixels a render may have and still pass. Repeated runs here differ by 0 pixels
 * (README.md has the measurements), and the smallest deliberate change we test moves hundreds,
 * so 16 leaves a wide margin on both sides: one glyph's edge may shift, no real change hides.
 */
export const MAX_DIFF_PIXELS = 16;

/** The outcome of comparing a render with its expected image. */
export interface Comparison {
  /** Pixels that differ by more than THRESHOLD (anti-aliased edges excluded). */
  readonly differing: number;
  /** Pixels whose bytes differ at all: the raw noise, reported so the margin below the allowance can be watched. */
  readonly exactlyDiffering: number;
  /** Whether the render passes: same size and at most MAX_DIFF_PIXELS differing. */
  readonly pass: boolean;
  /** Why it failed in words other than a count (a size mismatch), or null. */
  readonly problem: string | null;
  /** The diff image (differing pixels red over a faded copy of the expected), or null on a size mismatch. */
  readonly diff: PNG | null;
}

/** Decodes a PNG from bytes. */
export function decodePng(bytes: Buffer): PNG {
  return PNG.sync.read(bytes);
}

/** Decodes a `data:image/png;base64,…` URL, as `canvas.toDataURL()` returns it. */
export function decodePngDataUrl(dataUrl: string): PNG {
  const prefix = 'data:image/png;base64,';
  if (!dataUrl.startsWith(prefix)) throw new Error(`not a PNG data URL: ${dataUrl.slice(0, 40)}…`);
  return decodePng(Buffer.from(dataUrl.slice(prefix.length), 'base64'));
}

/** Compares a render with the expected image at THRESHOLD, allowing MAX_DIFF_PIXELS. */
export function compareImages(expected: PNG, actual: PNG): Comparison {
  if (expected.width !== actual.width || expected.height !== actual.height) {
    const problem = `size ${actual.width}×${actual.height}, expected ${expected.width}×${expected.height}`;
    return { differing: Number.POSITIVE_INFINITY, exactlyDiffering: Number.POSITIVE_INFINITY, pass: false, problem, diff: null };
  }
  const diff = new PNG({ width: expected.width, height: expected.height });
  const differing = pixelmatch(expected.data, actual.data, diff.data, expected.width, expected.height, { threshold: THRESHOLD });
  return { differing, exactlyDiffering: countUnequalPixels(expected.data, actual.data), pass: differing <= MAX_DIFF_PIXELS, problem: null, diff };
}

/** Counts RGBA pixels that are not byte for byte the same in two buffers of one size. */
function countUnequalPixels(a: Uint8Array, b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i += 4) {
    if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2] || a[i + 3] !== b[i + 3]) n++;
  }
  return n;
}

/** Where one case's images live. */
export interface CaseImagePaths {
  readonly expected: string;
  readonly actual: string;
  readonly diff: string;
}

/** Reads a PNG file, or returns null when it does not exist. */
export function readPngFile(path: string): PNG | null {
  return existsSync(path) ? decodePng(readFileSync(path)) : null;
}

/** Writes a PNG file. */
export function writePngFile(path: string, png: PNG): void {
  writeFileSync(path, PNG.sync.write(png));
}

/** Removes a failed run's actual.png and diff.png, so a folder never shows a stale failure. */
export function removeFailureImages(paths: CaseImagePaths): void {
  rmSync(paths.actual, { force: true });
  rmSync(paths.diff, { force: true });
}
