import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { run, worstImbalance } from './composite.test-helpers';
import { doc, problemsOf } from '../tests/support/solve';

/** A cake of 10 kmol/h solids holding 100 kmol/h water and 1 kmol/h salt, washed with R·100 water. */
function wash(stages: number, washRatio: number, efficiency = 1, water = washRatio * 100) {
  return doc({
    species: { 'Fe(OH)3(s)': {}, 'NaCl(aq)': {}, 'H2O(l)': {} },
    units: {
      cake: { type: 'feed', flows: { 'Fe(OH)3(s)': 10, 'NaCl(aq)': 1, 'H2O(l)': 100 } },
      water: { type: 'feed', flows: { 'H2O(l)': water } },
      wash: { type: 'washer', stages, washRatio, efficiency },
      washed: { type: 'product' },
      filtrate: { type: 'product' },
    },
    streams: {
      c: { from: 'cake.out', to: 'wash.cake' },
      w: { from: 'water.out', to: 'wash.water' },
      out: { from: 'wash.washed', to: 'washed.in' },
      f: { from: 'wash.filtrate', to: 'filtrate.in' },
    },
  });
}

describe('washer', () => {
  it('keeps (R − 1)/(R^(N+1) − 1) of the solute in the cake (ideal countercurrent washing)', () => {
    for (const [N, R] of [
      [1, 2],
      [3, 2],
      [4, 1.5],
      [2, 5],
    ]) {
      const { n, r } = run(wash(N, R));
      const kept = (R - 1) / (R ** (N + 1) - 1);
      expect(n('out', 'NaCl(aq)')).toBeCloseTo(kept, 10);
      expect(n('f', 'NaCl(aq)')).toBeCloseTo(1 - kept, 10);
      // consistent flows: the cake leaves with the liquor it came with, the filtrate is the wash
      expect(n('out', 'H2O(l)')).toBeCloseTo(100, 8);
      expect(n('out', 'Fe(OH)3(s)')).toBeCloseTo(10, 10);
      expect(n('f', 'Fe(OH)3(s)')).toBe(0);
      expect(worstImbalance(r)).toBeLessThan(1e-12);
    }
  });

  it('washes worse with a mixing efficiency below 1 (one stage: 1 − E + E/(1 + R))', () => {
    const { n } = run(wash(1, 2, 0.8));
    expect(n('out', 'NaCl(aq)')).toBeCloseTo(1 - 0.8 + 0.8 / 3, 10);
  });

  it('conserves every species for any stages, ratio and efficiency', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.double({ min: 0.1, max: 10, noNaN: true }), fc.double({ min: 0.05, max: 1, noNaN: true }), (N, R, E) => {
        const { r } = run(wash(N, R, E));
        return worstImbalance(r) < 1e-10 && r.streams.out.massFlow['NaCl(aq)'] <= r.streams.c.massFlow['NaCl(aq)'] * (1 + 1e-12);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses a wash ratio of zero', () => {
    expect(problemsOf(wash(2, 0)).some((p) => p.path.startsWith('units.wash.washRatio'))).toBe(true);
  });
});
