import { describe, expect, test } from 'vitest';
import { cssFont, fitText, layoutText, lineHeightFor, wrapText } from '../../src/lib/export/text-layout.ts';
import { FakeCanvas } from '../fixtures/export/fake-canvas.ts';

const squash = (s: string) => s.replace(/\s+/g, '');
const BURMESE = 'စစ်ကိုင်းတိုင်းဒေသကြီး တပ်ရင်းမြို့နယ် ရွာများကို လေကြောင်းတိုက်ခိုက်မှု';
/** Dependent vowels, medials, asat and tone marks: a line must never start with one. */
const MYANMAR_MARK = /^[\u102b-\u103e\u1056-\u1059\u105e-\u1060\u1062-\u1064\u1067-\u106d\u1071-\u1074\u1082-\u108d\u108f\u109a-\u109d]/;

function measurer(size = 12): FakeCanvas {
  const m = new FakeCanvas();
  m.font = cssFont(size);
  return m;
}

describe('wrapText', () => {
  test('keeps a short line whole', () => {
    expect(wrapText(measurer(), 'Sagaing Region', 500)).toEqual(['Sagaing Region']);
  });

  test('breaks between words and every line fits', () => {
    const m = measurer();
    const text = 'Air strikes and displacement — Sagaing, Jan–Jul 2022, as reported by several sources';
    const lines = wrapText(m, text, 120);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(m.measureText(line).width).toBeLessThanOrEqual(120);
    expect(lines.join(' ')).toBe(text);
  });

  test('breaks Burmese at word boundaries, never before a combining mark', () => {
    const m = measurer();
    const lines = wrapText(m, BURMESE, 60);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) {
      expect(m.measureText(line).width).toBeLessThanOrEqual(60);
      expect(line).not.toMatch(MYANMAR_MARK);
    }
    expect(squash(lines.join(''))).toBe(squash(BURMESE));
  });

  test('never breaks after an opening bracket or before closing punctuation', () => {
    const m = measurer();
    const text = 'Ring: place known only to a township (ring shows its size), as the map draws it.';
    for (const width of [60, 90, 120, 150, 200, 250, 300]) {
      for (const line of wrapText(m, text, width)) {
        expect(line).not.toMatch(/[(]$/);
        expect(line).not.toMatch(/^[),.:]/);
      }
    }
  });

  test('keeps words joined by an en dash or hyphen together', () => {
    expect(wrapText(measurer(), 'dates Jan–Jul 2022 north-west', 100)).toEqual(['dates Jan–Jul', '2022 north-west']);
  });

  test('a word wider than the box is split between characters, losing nothing', () => {
    const m = measurer();
    const word = 'Supercalifragilisticexpialidocious';
    const lines = wrapText(m, word, 50);
    for (const line of lines) expect(m.measureText(line).width).toBeLessThanOrEqual(50);
    expect(lines.join('')).toBe(word);
  });

  test('newlines start new lines', () => {
    expect(wrapText(measurer(), 'one\ntwo', 500)).toEqual(['one', 'two']);
  });
});

describe('lineHeightFor', () => {
  test('is taller for Burmese', () => {
    expect(lineHeightFor('Sagaing', 12)).toBe(17);
    expect(lineHeightFor('စစ်ကိုင်း', 12)).toBe(22);
  });
});

describe('layoutText', () => {
  test('reports its font, lines and size', () => {
    const block = layoutText(measurer(), 'Sagaing Region', 500, 12, 700);
    expect(block.font).toBe('700 12px "Noto Sans", "Noto Sans Myanmar", sans-serif');
    expect(block.lines).toEqual(['Sagaing Region']);
    expect(block.width).toBeCloseTo(14 * 12 * 0.6, 9);
    expect(block.height).toBe(17);
  });
});

describe('fitText', () => {
  const opts = { maxWidth: 300, maxSize: 22, minSize: 14, maxLines: 2, weight: 700 as const };

  test('keeps the largest size when the text fits', () => {
    expect(fitText(measurer(), 'Air strikes — Sagaing', opts).size).toBe(22);
  });

  test('shrinks until the text fits in two lines', () => {
    // 59 characters at 0.6 em: at 22 px (13.2 px a character) they need three lines of 300 px.
    const text = 'Air strikes and displacement — Sagaing Region, Jan–Jul 2022';
    const block = fitText(measurer(), text, opts);
    expect(block.size).toBeLessThan(22);
    expect(block.size).toBeGreaterThanOrEqual(14);
    expect(block.lines.length).toBeLessThanOrEqual(2);
    expect(block.lines.join(' ')).toBe(text);
  });

  test('at the smallest size takes as many lines as it needs: nothing is cut off', () => {
    const text = 'Air strikes, helicopter attacks and massacres / raids — Sagaing Region and the north-west of Myanmar, 28 Dec 2021–3 Jan 2022';
    const m = measurer();
    const block = fitText(m, text, opts);
    expect(block.size).toBe(14);
    expect(block.lines.length).toBeGreaterThan(2);
    expect(block.lines.join(' ')).toBe(text);
    m.font = block.font;
    for (const line of block.lines) expect(m.measureText(line).width).toBeLessThanOrEqual(300);
  });
});
