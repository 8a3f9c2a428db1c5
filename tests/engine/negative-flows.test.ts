/**
 * Never an answer with a negative flow (issue 9): a species consumed beyond what reaches a unit is
 * refused, inside a recycle or not, naming the unit, the species and the shortfall.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { problemsOf, solveDoc, doc } from '../support/solve';
import { buildPlant, plantSpec } from '../support/random-plant';

/** 100 kg/h CoO(s) and 1,000 kg/h water, a CoO leach at 0.9 whose acid is neither fed nor dosed, a filter, 30 % of the liquor back. */
function cobaltLoop(dosed: boolean) {
  return doc({
    basis: 'kg/h',
    species: { 'CoO(s)': {}, 'H2SO4(aq)': {}, 'CoSO4(aq)': {}, 'H2O(l)': {} },
    units: {
      feed: { type: 'feed', flows: { 'CoO(s)': 100, 'H2O(l)': 1000 } },
      mix: { type: 'mixer' },
      leach: {
        type: 'reactor',
        reactions: [{ equation: 'CoO(s) + H2SO4(aq) -> CoSO4(aq) + H2O(l)', key: 'CoO(s)', conversion: 0.9 }],
        ...(dosed ? { reagents: { 'H2SO4(aq)': {} } } : {}),
      },
      filter: { type: 'separator', outlets: ['cake', 'liquor'], split: { cake: { 'phase:s': 1 } } },
      split: { type: 'splitter', outlets: ['back', 'on'], fractions: { back: 0.3, on: 0.7 } },
      residue: { type: 'product' },
      liquor: { type: 'product' },
    },
    streams: {
      s1: { from: 'feed.out', to: 'mix.in' },
      s2: { from: 'mix.out', to: 'leach.in' },
      s3: { from: 'leach.out', to: 'filter.in' },
      s4: { from: 'filter.cake', to: 'residue.in' },
      s5: { from: 'filter.liquor', to: 'split.in' },
      s6: { from: 'split.back', to: 'mix.in' },
      s7: { from: 'split.on', to: 'liquor.in' },
    },
  });
}

describe('a species consumed beyond what reaches a unit', () => {
  it('is refused inside a recycle, naming the unit, the species and the shortfall', () => {
    const problems = problemsOf(cobaltLoop(false));
    expect(problems).toHaveLength(1);
    // The leach converts 0.9 × 100/74.932 kmol/h CoO = 1.2011 kmol/h and needs as much H2SO4.
    expect(problems[0].unit).toBe('leach');
    expect(problems[0].species).toBe('H2SO4(aq)');
    expect(problems[0].message).toMatch(/^unit "leach" consumes 1\.201 kmol\/h \(117\.8 kg\/h\) more H2SO4\(aq\) than reaches it/);
  });

  it('solves and closes S once the acid is dosed', () => {
    const { results } = solveDoc(cobaltLoop(true));
    const S = results.elements.S;
    // 0.9 × 100 kg/h / 74.932 kg/kmol CoO (IUPAC: Co 58.933194, O 15.999) = 1.2011 kmol/h H2SO4 × 32.06 kg/kmol S = 38.51 kg/h S in, all of it out.
    expect(S.in).toBeCloseTo((0.9 * 100 * 32.06) / (58.933194 + 15.999), 9);
    expect(Math.abs(S.out - S.in)).toBeLessThanOrEqual(1e-9 * S.in);
  });

  it('a random plant whose first leach consumes undosed acid inside its recycle is refused, never solved', () => {
    const undosed = plantSpec.filter((spec) => {
      const t = spec.trains[0];
      return t.recycle > 0.01 && t.conversions.some((c, i) => c > 0 && spec.feed[i] > 0);
    });
    fc.assert(
      fc.property(undosed, (spec) => {
        const plant = buildPlant(spec);
        delete (plant.units.leach0 as { reagents?: unknown }).reagents;
        const problems = problemsOf(plant);
        expect(problems.some((p) => p.unit === 'leach0' && p.species === 'H2SO4(aq)')).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});

describe('results keep every non-zero flow', () => {
  it('a 1e-12 kmol/h trace beside 1e6 kmol/h of water is reported, not dropped', () => {
    const { results } = solveDoc(
      doc({
        species: { 'H2O(l)': {}, 'NaCl(aq)': {} },
        units: { feed: { type: 'feed', flows: { 'H2O(l)': 1e6, 'NaCl(aq)': 1e-12 } }, out: { type: 'product' } },
        streams: { s: { from: 'feed.out', to: 'out.in' } },
      }),
    );
    expect(results.streams.s.molarFlow['NaCl(aq)']).toBe(1e-12);
  });
});
