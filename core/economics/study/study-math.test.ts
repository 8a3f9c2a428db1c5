import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile, quantile, tornadoEnds } from './distributions';
import { percentileSorted, ranks, spearman, summarise } from './statistics';
import { blocks, uniforms } from './streams';

describe('distributions', () => {
  it('Φ and Φ⁻¹ against tabulated values', () => {
    // Φ(1.959963984540054) = 0.975 and Φ(−1) = 0.15865525393145705 (Abramowitz & Stegun Table 26.1).
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145705, 14);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 11);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 8);
  });

  it('quantiles by inverse transform', () => {
    expect(quantile({ uniform: [2, 6] }, 0.25)).toBe(3);
    // Triangular [0, 1, 4]: F(c) = 1/4; below, x = √(u·4·1); above, x = 4 − √((1 − u)·4·3).
    expect(quantile({ triangular: [0, 1, 4] }, 0.0625)).toBeCloseTo(0.5, 14);
    expect(quantile({ triangular: [0, 1, 4] }, 0.25)).toBeCloseTo(1, 14);
    expect(quantile({ triangular: [0, 1, 4] }, 0.9)).toBeCloseTo(4 - Math.sqrt(0.1 * 12), 14);
    expect(quantile({ normal: [10, 2] }, 0.975)).toBeCloseTo(10 + 2 * 1.959963984540054, 10);
    expect(quantile({ lognormal: [0, 0.5] }, 0.5)).toBeCloseTo(1, 14);
    expect([0, 0.33, 0.34, 0.99].map((u) => quantile({ values: [1, 2, 3] }, u))).toEqual([1, 1, 2, 3]);
    expect(tornadoEnds({ values: [3, 1, 2] })).toEqual([1, 3]);
  });
});

describe('statistics', () => {
  it('percentiles by linear interpolation (type 7), mean and sd', () => {
    const s = [1, 2, 3, 4, 10];
    // h = (n − 1) p: p = 0.1 → 0.4 → 1 + 0.4 × 1; p = 0.9 → 3.6 → 4 + 0.6 × 6.
    expect(percentileSorted(s, 0.1)).toBeCloseTo(1.4, 14);
    expect(percentileSorted(s, 0.9)).toBeCloseTo(7.6, 14);
    const sum = summarise([10, 4, 3, 2, 1, NaN]);
    expect([sum.n, sum.mean, sum.min, sum.max]).toEqual([5, 4, 1, 10]);
    expect(sum.sd).toBeCloseTo(Math.sqrt((9 + 4 + 1 + 0 + 36) / 4), 14);
  });

  it("Spearman's ρ: ±1 for monotone series, ties at their mean rank", () => {
    expect(Array.from(ranks([10, 20, 20, 5]))).toEqual([2, 3.5, 3.5, 1]);
    expect(spearman([1, 2, 3, 4], [1, 8, 27, 64])).toBeCloseTo(1, 14);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 14);
    // x = 1..5, y = 2, 1, 4, 3, 5: Σd² = 4, ρ = 1 − 6·4/(5·24) = 0.8.
    expect(spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])).toBeCloseTo(0.8, 14);
  });
});

describe('random streams', () => {
  it('cuts the samples into blocks with their own non-overlapping generator states, whatever the order they run in', () => {
    const b = blocks(42, 600, 256);
    expect(b.map((x) => [x.start, x.count])).toEqual([
      [0, 256],
      [256, 256],
      [512, 88],
    ]);
    expect(new Set(b.map((x) => x.state.join(','))).size).toBe(3);
    // The same block gives the same numbers, evaluated first or last.
    const last = uniforms(b[2], 3);
    uniforms(b[0], 3);
    expect(Array.from(uniforms(b[2], 3))).toEqual(Array.from(last));
    // Uniform on [0, 1): mean 0.5 within 4 SE (1/√(12 n)).
    const u = uniforms(blocks(7, 20000, 20000)[0], 1);
    const mean = u.reduce((a, x) => a + x, 0) / u.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 / Math.sqrt(12 * u.length));
  });
});
