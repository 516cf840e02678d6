/**
 * Measuring and wrapping snapshot text so it always fits its box, Burmese included.
 *
 * Part of the export composition layer (`src/lib/export/`): no maplibre-gl, no DOM. Anything
 * with a `font` and `measureText` (a CanvasRenderingContext2D, or a fake in tests) measures.
 */

/** What layout needs from a canvas: the current font and text widths in that font. */
export interface TextMeasurer {
  font: string;
  measureText(text: string): { readonly width: number };
}

/** The faces the app registers with `document.fonts` (@fontsource, see src/main.ts). */
export const FONT_FAMILY = '"Noto Sans", "Noto Sans Myanmar", sans-serif';

export type FontWeight = 400 | 700;

/** A wrapped piece of text in one font. Widths and heights are CSS pixels. */
export interface TextBlock {
  readonly font: string;
  readonly size: number;
  readonly lines: readonly string[];
  readonly lineHeight: number;
  /** The box width the lines were wrapped to; every line fits it. */
  readonly maxWidth: number;
  /** Width of the widest line. */
  readonly width: number;
  readonly height: number;
}

const MYANMAR = /[\u1000-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f]/;
const LATIN_LINE_HEIGHT = 1.35;
/** Burmese stacks vowels and medials far above and below the line. */
const MYANMAR_LINE_HEIGHT = 1.8;

/** The CSS font shorthand for snapshot text. */
export function cssFont(size: number, weight: FontWeight = 400): string {
  return `${weight} ${size}px ${FONT_FAMILY}`;
}

/** Line height for the text at this size: taller when it contains Burmese. */
export function lineHeightFor(text: string, size: number): number {
  return Math.ceil(size * (MYANMAR.test(text) ? MYANMAR_LINE_HEIGHT : LATIN_LINE_HEIGHT));
}

let wordSegmenter: Intl.Segmenter | null | undefined;
let graphemeSegmenter: Intl.Segmenter | null | undefined;

function segmenter(granularity: 'word' | 'grapheme'): Intl.Segmenter | null {
  const make = () => (typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity }) : null);
  if (granularity === 'word') return (wordSegmenter ??= make());
  return (graphemeSegmenter ??= make());
}

const SPACE = /^\s+$/;

/**
 * Pieces of text between break opportunities: at spaces, and between words of scripts written
 * without spaces (Burmese), as ICU finds them. Punctuation stays with its word, so a line never
 * ends in "(" or starts with ")". Without ICU, spaces only.
 */
function words(text: string): string[] {
  const seg = segmenter('word');
  if (!seg) return text.split(/(\s+)/).filter(Boolean);
  const units: string[] = [];
  let previous: Intl.SegmentData | null = null;
  for (const s of seg.segment(text)) {
    const breakHere =
      previous === null ||
      SPACE.test(s.segment) ||
      SPACE.test(previous.segment) ||
      (s.isWordLike === true && previous.isWordLike === true && MYANMAR.test(s.segment) && MYANMAR.test(previous.segment));
    if (breakHere) units.push(s.segment);
    else units[units.length - 1] += s.segment;
    previous = s;
  }
  return units;
}

/** User-perceived characters, so a Burmese syllable's marks are never split from it. */
function graphemes(text: string): string[] {
  const seg = segmenter('grapheme');
  return seg ? Array.from(seg.segment(text), (s) => s.segment) : Array.from(text);
}

function fits(m: TextMeasurer, text: string, maxWidth: number): boolean {
  return m.measureText(text).width <= maxWidth;
}

/** Breaks a word wider than the box between characters; the last piece is returned unfinished. */
function breakWord(m: TextMeasurer, word: string, maxWidth: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const g of graphemes(word)) {
    if (piece && !fits(m, piece + g, maxWidth)) {
      pieces.push(piece);
      piece = g;
    } else piece += g;
  }
  pieces.push(piece);
  return pieces;
}

function wrapParagraph(m: TextMeasurer, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of words(text)) {
    const candidate = line + word;
    if (fits(m, candidate.trimEnd(), maxWidth)) {
      line = candidate;
      continue;
    }
    if (line.trim()) lines.push(line.trim());
    line = word.trimStart();
    if (!fits(m, line, maxWidth)) {
      const pieces = breakWord(m, line, maxWidth);
      lines.push(...pieces.slice(0, -1));
      line = pieces[pieces.length - 1] ?? '';
    }
  }
  if (line.trim()) lines.push(line.trim());
  return lines;
}

/**
 * Greedy line breaking in the measurer's current font: lines break between words, and between
 * characters only when one word is wider than the box. Newlines start new lines.
 */
export function wrapText(m: TextMeasurer, text: string, maxWidth: number): string[] {
  return text.split('\n').flatMap((p) => wrapParagraph(m, p, maxWidth));
}

/** Wraps text at one size and weight into a block. Sets `m.font`. */
export function layoutText(m: TextMeasurer, text: string, maxWidth: number, size: number, weight: FontWeight = 400): TextBlock {
  const font = cssFont(size, weight);
  m.font = font;
  const lines = wrapText(m, text, maxWidth);
  const lineHeight = lineHeightFor(text, size);
  const width = Math.max(0, ...lines.map((l) => m.measureText(l).width));
  return { font, size, lines, lineHeight, maxWidth, width, height: lines.length * lineHeight };
}

export interface FitOptions {
  readonly maxWidth: number;
  readonly maxSize: number;
  readonly minSize: number;
  readonly maxLines: number;
  readonly weight?: FontWeight;
}

/**
 * The largest size from `maxSize` down to `minSize` at which the text wraps into `maxLines` or
 * fewer. At `minSize` it takes as many lines as it needs: text is never cut off.
 */
export function fitText(m: TextMeasurer, text: string, opts: FitOptions): TextBlock {
  for (let size = opts.maxSize; size > opts.minSize; size -= 1) {
    const block = layoutText(m, text, opts.maxWidth, size, opts.weight);
    if (block.lines.length <= opts.maxLines) return block;
  }
  return layoutText(m, text, opts.maxWidth, opts.minSize, opts.weight);
}
