import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { checkExportSize, devicePixels } from '../../src/lib/export/limits.ts';
import type { DrawableLimits } from '../../src/lib/domain/snapshot-port.ts';

const gpu8k: DrawableLimits = { maxTextureSize: 8192, maxRenderbufferSize: 8192, maxViewportDims: [8192, 8192] };
const gpu4k: DrawableLimits = { maxTextureSize: 4096, maxRenderbufferSize: 4096, maxViewportDims: [4096, 4096] };

describe('checkExportSize', () => {
  test('a size within the limits is ok and reports device pixels', () => {
    expect(checkExportSize(1200, 800, 2, gpu8k)).toEqual({ ok: true, widthPx: 2400, heightPx: 1600 });
  });

  test('device pixels round like MapLibre, so 1001 × 1.5 is 1502', () => {
    expect(devicePixels(1001, 1.5)).toBe(1502);
    expect(checkExportSize(1001, 701, 1.5, gpu8k)).toEqual({ ok: true, widthPx: 1502, heightPx: 1052 });
  });

  test('exactly at the limit is ok', () => {
    expect(checkExportSize(4096, 2048, 1, gpu4k).ok).toBe(true);
    expect(checkExportSize(2048, 1024, 2, gpu4k).ok).toBe(true);
  });

  test('too large at ratio 4: suggests a lower ratio at the same CSS size', () => {
    // 3000 × 4 = 12000 > 8192; 8192 / 3000 = 2.73 -> 2.5
    const check = checkExportSize(3000, 2000, 4, gpu8k);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.suggestion).toEqual({ width: 3000, height: 2000, pixelRatio: 2.5 });
    expect(check.message).toBe(
      'The image would be 12000 × 8000 pixels; this device can draw at most 8192 × 8192 pixels. Try 3000 × 2000 at 2.5×.',
    );
  });

  test('the smallest of texture, renderbuffer and viewport limits counts, per axis', () => {
    const limits: DrawableLimits = { maxTextureSize: 16384, maxRenderbufferSize: 16384, maxViewportDims: [16384, 4096] };
    // height 3000 × 2 = 6000 > 4096 -> ratio 4096 / 3000 = 1.365 -> 1.25
    const check = checkExportSize(2000, 3000, 2, limits);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.suggestion).toEqual({ width: 2000, height: 3000, pixelRatio: 1.25 });
  });

  test('too large even at ratio 1: suggests the largest size at the same aspect', () => {
    const check = checkExportSize(6000, 3000, 2, gpu4k);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.suggestion).toEqual({ width: 4096, height: 2048, pixelRatio: 1 });
  });

  test('a canvas area limit (iOS Safari) also counts', () => {
    const ios: DrawableLimits = { ...gpu8k, maxCanvasArea: 16_777_216 };
    // A4 at 300 dpi: 2480 × 3508 = 8.7 Mpx at ratio 1; at ratio 2 it is 34.8 Mpx.
    const check = checkExportSize(2480, 3508, 2, ios);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    // 8192 / 3508 = 2.33 per side, sqrt(16.78M / 8.70M) = 1.389 by area -> 1.25
    expect(check.suggestion).toEqual({ width: 2480, height: 3508, pixelRatio: 1.25 });
    expect(check.message).toContain('16.8 megapixels');
  });

  test('a requested ratio below 1 is kept when shrinking', () => {
    const check = checkExportSize(10000, 5000, 0.5, gpu4k);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.suggestion).toEqual({ width: 8192, height: 4096, pixelRatio: 0.5 });
  });

  test.each([[0, 100, 1], [100, -1, 1], [100, 100, Number.NaN], [Infinity, 100, 1]])(
    'rejects a nonsense size %j × %j at %j',
    (w, h, r) => {
      expect(() => checkExportSize(w, h, r, gpu8k)).toThrow(RangeError);
    },
  );

  test('every suggestion fits, keeps the aspect within a pixel and is not larger than asked (property)', () => {
    const limits = fc.record({
      side: fc.integer({ min: 2048, max: 16384 }),
      viewW: fc.integer({ min: 2048, max: 16384 }),
      viewH: fc.integer({ min: 2048, max: 16384 }),
      area: fc.option(fc.integer({ min: 4_000_000, max: 268_000_000 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 320, max: 12000 }),
        fc.integer({ min: 240, max: 12000 }),
        fc.constantFrom(0.5, 1, 1.5, 2, 3, 4),
        limits,
        (w, h, r, l) => {
          const gl: DrawableLimits = {
            maxTextureSize: l.side,
            maxRenderbufferSize: l.side,
            maxViewportDims: [l.viewW, l.viewH],
            maxCanvasArea: l.area,
          };
          const check = checkExportSize(w, h, r, gl);
          if (check.ok) return;
          const s = check.suggestion;
          expect(checkExportSize(s.width, s.height, s.pixelRatio, gl).ok).toBe(true);
          expect(s.width).toBeLessThanOrEqual(w);
          expect(s.pixelRatio).toBeLessThanOrEqual(r);
          // Same aspect: one scale k puts both sides within a pixel of w·k and h·k.
          const kLow = Math.max((s.width - 1) / w, (s.height - 1) / h);
          const kHigh = Math.min((s.width + 1) / w, (s.height + 1) / h);
          expect(kLow).toBeLessThanOrEqual(kHigh);
        },
      ),
      { numRuns: 300 },
    );
  });
});
