import { describe, expect, it } from 'vitest';
import { doc, molar, problemsOf, solveDoc } from '../tests/support/solve';

/** Feed F → mixer → splitter; a fraction r of the splitter's outlet returns to the mixer. */
function recycle(F: number, r: number) {
  return doc({
    species: { 'NaCl(aq)': {}, 'H2O(l)': {} },
    units: {
      fresh: { type: 'feed', flows: { 'NaCl(aq)': F, 'H2O(l)': 10 * F } },
      mix: { type: 'mixer' },
      split: { type: 'splitter', outlets: ['recycle', 'purge'], fractions: { recycle: r, purge: 1 - r } },
      bleed: { type: 'product' },
    },
    streams: {
      s1: { from: 'fresh.out', to: 'mix.in' },
      s2: { from: 'mix.out', to: 'split.in' },
      s3: { from: 'split.recycle', to: 'mix.in' },
      s4: { from: 'split.purge', to: 'bleed.in' },
    },
  });
}

describe('mixer + splitter recycle with purge', () => {
  it('matches the analytic recycle: loop flow M = F/(1 − r), recycle r·F/(1 − r), purge F', () => {
    for (const r of [0, 0.5, 0.9, 0.999]) {
      const { results } = solveDoc(recycle(10, r));
      expect(molar(results, 's2', 'NaCl(aq)')).toBeCloseTo(10 / (1 - r), 8);
      expect(molar(results, 's3', 'NaCl(aq)')).toBeCloseTo((r * 10) / (1 - r), 8);
      expect(molar(results, 's4', 'NaCl(aq)')).toBeCloseTo(10, 9);
    }
  });

  it('refuses a recycle with no purge, naming the loop and the species', () => {
    const [p] = problemsOf(recycle(10, 1));
    expect(p.message).toMatch(/no steady state/);
    expect(p.message).toMatch(/"mix", "split"/);
    expect(p.message).toMatch(/NaCl\(aq\)/);
    expect(p.message).toMatch(/H2O\(l\)/);
    expect(p.units).toEqual(["mix", "split"]);
    expect(p.speciesList).toEqual(["NaCl(aq)", "H2O(l)"]);
    expect(p.streams).toEqual(["s2", "s3"]);
  });

  it('refuses fractions that do not sum to one', () => {
    const d = recycle(10, 0.5);
    d.units.split.fractions = { recycle: 0.5, purge: 0.45 };
    const [p] = problemsOf(d);
    expect(p.path).toBe('units.split.fractions');
    expect(p.message).toMatch(/sum to 0\.95, not 1/);
  });
});

describe('splitter: outlets named like Object.prototype members', () => {
  it('splits to "toString" and "valueOf" as to any other outlets', () => {
    const { results: r } = solveDoc(
      doc({
        species: { 'H2O(l)': {} },
        units: {
          feed: { type: 'feed', flows: { 'H2O(l)': 10 } },
          tee: { type: 'splitter', outlets: ['toString', 'valueOf'], fractions: { toString: 0.3, valueOf: 0.7 } },
          a: { type: 'product' },
          b: { type: 'product' },
        },
        streams: { s: { from: 'feed.out', to: 'tee.in' }, x: { from: 'tee.toString', to: 'a.in' }, y: { from: 'tee.valueOf', to: 'b.in' } },
      }),
    );
    expect(molar(r, 'x', 'H2O(l)')).toBeCloseTo(3, 12);
    expect(molar(r, 'y', 'H2O(l)')).toBeCloseTo(7, 12);
  });
});
