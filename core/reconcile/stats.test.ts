import { describe, expect, it } from 'vitest';
import { chiSquareCdf, chiSquareQuantile, gammaP, gammaQ, logGamma, measurementTestCritical, normalCdf, normalQuantile } from './stats';
import { seededRng } from './rng';

describe('special functions against closed forms', () => {
  it('ln Γ: Γ(5) = 4! = 24, Γ(1/2) = √π, Γ(10) = 9! = 362880', () => {
    expect(Math.exp(logGamma(5))).toBeCloseTo(24, 10);
    expect(Math.exp(logGamma(0.5))).toBeCloseTo(Math.sqrt(Math.PI), 12);
    expect(Math.exp(logGamma(10))).toBeCloseTo(362880, 5);
  });

  it('P(1, x) = 1 − e^−x and P(2, x) = 1 − e^−x (1 + x); P + Q = 1', () => {
    for (const x of [0.01, 0.5, 1, 2, 5, 20]) {
      expect(gammaP(1, x)).toBeCloseTo(1 - Math.exp(-x), 14);
      expect(gammaP(2, x)).toBeCloseTo(1 - Math.exp(-x) * (1 + x), 14);
      expect(gammaP(3.7, x) + gammaQ(3.7, x)).toBeCloseTo(1, 14);
    }
  });

  it('χ² with 2 degrees of freedom: F(x) = 1 − e^(−x/2), so the p-quantile is −2 ln(1 − p)', () => {
    for (const p of [0.5, 0.9, 0.95, 0.99]) expect(chiSquareQuantile(p, 2)).toBeCloseTo(-2 * Math.log(1 - p), 9);
  });

  it('χ² with 1 degree of freedom is the square of a standard normal: χ²(p, 1) = Φ⁻¹((1 + p)/2)²', () => {
    for (const p of [0.9, 0.95, 0.99]) expect(chiSquareQuantile(p, 1)).toBeCloseTo(normalQuantile((1 + p) / 2) ** 2, 9);
  });
});

describe('tabulated critical values', () => {
  // NIST/SEMATECH e-Handbook of Statistical Methods, §1.3.6.7.4, upper-tail critical values of χ².
  it.each([
    [1, 0.95, 3.841],
    [5, 0.95, 11.07],
    [10, 0.95, 18.307],
    [20, 0.95, 31.41],
    [4, 0.99, 13.277],
    [30, 0.9, 40.256],
  ])('χ²(%s dof) at %s = %s', (dof, p, value) => {
    expect(chiSquareQuantile(p, dof)).toBeCloseTo(value, 3);
    expect(chiSquareCdf(value, dof)).toBeCloseTo(p, 4);
  });

  // NIST/SEMATECH e-Handbook, §1.3.6.7.1, standard normal: z(0.975) = 1.960, z(0.995) = 2.576, z(0.95) = 1.645.
  it('standard normal quantiles', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.995)).toBeCloseTo(2.575829, 5);
    expect(normalQuantile(0.95)).toBeCloseTo(1.644854, 5);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959964, 5);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
  });

  it('measurement-test critical value: Šidák β = 1 − (1 − α)^(1/m), two-sided', () => {
    expect(measurementTestCritical(0.05, 1)).toBeCloseTo(1.959964, 5);
    for (const m of [3, 10, 40]) {
      const z = measurementTestCritical(0.05, m);
      const beta = 1 - Math.pow(0.95, 1 / m);
      expect(2 * (1 - normalCdf(z))).toBeCloseTo(beta, 9);
    }
  });
});

describe('seeded generator', () => {
  it('repeats itself for a seed, and its normals have mean ≈ 0 and variance ≈ 1', () => {
    const a = seededRng(7);
    const b = seededRng(7);
    for (let i = 0; i < 10; i++) expect(a.normal()).toBe(b.normal());
    const rng = seededRng(1);
    const n = 20000;
    let s = 0;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      s += z;
      ss += z * z;
    }
    // Standard errors: mean 1/√n = 0.007, variance √(2/n) = 0.01; 5 of them.
    expect(Math.abs(s / n)).toBeLessThan(0.035);
    expect(Math.abs(ss / n - 1)).toBeLessThan(0.05);
  });
});
