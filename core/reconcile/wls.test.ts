import { describe, expect, it } from 'vitest';
import { estimator } from './estimates';
import { gaussNewton } from './least-squares';
import { dense } from './linalg';
import { MIN_SENSITIVITY, solveEquality, type Reduced, type WlsProblem } from './wls';

const linear = (coefs: number[]): Reduced => ({ num: [coefs.map((_, j) => j), coefs], scale: 1 });

/**
 * Two flows a and b (50 kmol/h each; Z moves each by its own size) weighed by two totals that give
 * b molar masses 1e-9 apart: only a + b is determined. The direction a − b moves the totals by
 * 3.5e-6 sd per step of the flows' size — 5e-10 of the largest pivot, which a tolerance relative
 * to the largest pivot alone (1e-10) took for a determined direction: the fit then explained the
 * 4 kg/h the totals disagree by with 4e7 kmol/h of a swapped for b, reported a and b as determined,
 * and left no degree of freedom to test. The black-mass plant has such a direction (Ca, Zn and Cu
 * traded in the leach and SX, 5.8e-7 sd per step): whether the relative tolerance kept it depended
 * on the largest pivot at the point, so Gauss–Newton took 1e6-fold steps along it, wandered and
 * stalled, and run P1 came out with χ² = 22.1 on 13 degrees of freedom, tests of 1,567 and most
 * measurements undetermined.
 */
describe('a direction the data barely see', () => {
  const problem: WlsProblem = {
    Z: Object.assign(dense(2, 2), { data: Float64Array.from([50, 0, 0, 50]) }),
    models: [linear([100, 100]), linear([100, 100 * (1 + 1e-9)])],
    y: Float64Array.from([10002, 9998]),
    sigma: Float64Array.from([1, 1]),
    used: [0, 1],
    z0: Float64Array.from([1, 1]),
    bounded: Uint8Array.from([1, 1]),
  };

  it('is not determined: the fit leaves it where it started and tests the totals against each other', () => {
    const s = solveEquality(problem);
    expect(s.converged).toBe(true);
    expect(s.factors.rank).toBe(1);
    expect(s.stats.dof).toBe(1);
    expect(s.stats.chiSquare).toBeCloseTo(8, 3);
    for (const t of s.stats.test) expect(t!).toBeLessThanOrEqual(Math.sqrt(s.stats.chiSquare) * (1 + 1e-9));
    expect(s.x[0]).toBeCloseTo(50, 6);
    expect(s.x[1]).toBeCloseTo(50, 6);
    const est = estimator({ Z: problem.Z, reducedOf: Int32Array.from([0, 1]), factors: s.factors, values: s.x, linearizedAt: s.x });
    expect(est.estimate(new Map([[0, 1]])).observable).toBe(false);
    const sum = est.estimate(new Map([[0, 1], [1, 1]]));
    expect(sum.observable).toBe(true);
    expect(sum.sd!).toBeCloseTo(1 / 100 / Math.SQRT2, 8);
  });

  it('counts as determined once it moves the data by more than MIN_SENSITIVITY sd per step', () => {
    expect(MIN_SENSITIVITY).toBe(1e-5);
    // The same totals 1,000 times more precise: a − b moves them by 3.5e-3 sd per step.
    const precise = { ...problem, sigma: Float64Array.from([1e-3, 1e-3]) };
    const s = solveEquality(precise);
    expect(s.factors.rank).toBe(2);
    expect(s.stats.chiSquare).toBeLessThan(1e-3);
  });
});

describe('Gauss–Newton', () => {
  it('says when it stopped before the solution', () => {
    // The residuals are defined only at the start: no step lowers the cost, and the gain is not small.
    const r = gaussNewton(
      {
        residuals: (z) => (z[0] === 1 ? Float64Array.from([1, 1]) : Float64Array.from([NaN, NaN])),
        jacobian: () => Object.assign(dense(2, 1), { data: Float64Array.from([1, 1]) }),
        linear: false,
      },
      Float64Array.from([1]),
    );
    expect(r.converged).toBe(false);
  });
});
