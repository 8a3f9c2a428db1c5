import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { run, worstImbalance } from './composite.test-helpers';
import { doc, problemsOf } from '../tests/support/solve';
import { parseSpeciesId } from '../core/chemistry';

const M = { NaCl: parseSpeciesId('NaCl(aq)').molarMass, H2O: parseSpeciesId('H2O(l)').molarMass };
/** kg/h of liquor in the cake fed: 100 kmol/h water and 1 kmol/h NaCl. */
const CAKE_LIQUOR = 100 * M.H2O + M.NaCl;

/**
 * A cake of 10 kmol/h solids holding 100 kmol/h water and 1 kmol/h salt, washed with water for a
 * wash ratio R (kg wash per kg cake liquor); `declared` is what the unit says it expects.
 */
function wash(stages: number, R: number, efficiency = 1, declared: number | undefined = R) {
  return doc({
    species: { 'Fe(OH)3(s)': {}, 'NaCl(aq)': {}, 'H2O(l)': {} },
    units: {
      cake: { type: 'feed', flows: { 'Fe(OH)3(s)': 10, 'NaCl(aq)': 1, 'H2O(l)': 100 } },
      water: { type: 'feed', flows: { 'H2O(l)': (R * CAKE_LIQUOR) / M.H2O } },
      wash: { type: 'washer', stages, ...(declared === undefined ? {} : { washRatio: declared }), efficiency },
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

const liquorKg = (r: ReturnType<typeof run>['r'], stream: string) => (r.streams[stream].massFlow['H2O(l)'] ?? 0) + (r.streams[stream].massFlow['NaCl(aq)'] ?? 0);

describe('washer', () => {
  it('keeps (R − 1)/(R^(N+1) − 1) of the solute in the cake (ideal countercurrent washing, R by mass)', () => {
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
      // The cake leaves with the mass of liquor it came with; the filtrate is the wash's mass.
      expect(liquorKg(r, 'out')).toBeCloseTo(CAKE_LIQUOR, 8);
      expect(n('out', 'Fe(OH)3(s)')).toBeCloseTo(10, 10);
      expect(n('f', 'Fe(OH)3(s)')).toBe(0);
      expect(worstImbalance(r)).toBeLessThan(1e-12);
    }
  });

  it('reports the ratio of 3.00 that 300 kg/h of water on 100 kg/h of cake liquor gives, whatever it declares, and returns 100 kg/h of cake liquor', () => {
    for (const declared of [1, 3, 8, undefined]) {
      const plant = doc({
        basis: 'kg/h',
        species: { 'CaSO4·2H2O(s)': {}, 'Li2SO4(aq)': {}, 'H2O(l)': {} },
        units: {
          cake: { type: 'feed', flows: { 'CaSO4·2H2O(s)': 250, 'Li2SO4(aq)': 10, 'H2O(l)': 90 } },
          water: { type: 'feed', flows: { 'H2O(l)': 300 } },
          wash: { type: 'washer', stages: 2, ...(declared === undefined ? {} : { washRatio: declared }) },
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
      const { r } = run(plant);
      expect(r.unitFigures!.wash.washRatio.value).toBeCloseTo(3, 12);
      const ml = r.streams.out.massFlow;
      expect(ml['H2O(l)'] + ml['Li2SO4(aq)']).toBeCloseTo(100, 9);
      expect(ml['CaSO4·2H2O(s)']).toBeCloseTo(250, 12);
      // Two ideal stages at R = 3 keep (3 − 1)/(3³ − 1) = 1/13 of the Li2SO4.
      expect(ml['Li2SO4(aq)']).toBeCloseTo(10 / 13, 10);
      const warned = r.warnings!.filter((d) => d.unit === 'wash');
      expect(warned.length).toBe(declared === undefined || declared === 3 ? 0 : 1);
      if (warned.length) expect(warned[0]).toMatchObject({ path: 'units.wash.washRatio', message: expect.stringMatching(/feed 3 kg of wash liquor per kg of cake liquor, not the declared/) });
    }
  });

  it('washes worse with a mixing efficiency below 1 (one stage: 1 − E + E²/(E + R))', () => {
    // A share E of the cake liquor mixes with the wash; the cake keeps its liquor mass, so it takes
    // φ = E/(E + R) of the mixture: salt kept = (1 − E) + φ·E.
    const { n, r } = run(wash(1, 2, 0.8));
    expect(n('out', 'NaCl(aq)')).toBeCloseTo(1 - 0.8 + 0.64 / 2.8, 10);
    expect(liquorKg(r, 'out')).toBeCloseTo(CAKE_LIQUOR, 8);
  });

  it('conserves every species and keeps the cake liquor for any stages, ratio and efficiency', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.double({ min: 0.1, max: 10, noNaN: true }), fc.double({ min: 0.05, max: 1, noNaN: true }), (N, R, E) => {
        const { r } = run(wash(N, R, E, 2));
        return (
          worstImbalance(r) < 1e-10 &&
          Math.abs(liquorKg(r, 'out') / CAKE_LIQUOR - 1) < 1e-9 &&
          r.streams.out.massFlow['NaCl(aq)'] <= r.streams.c.massFlow['NaCl(aq)'] * (1 + 1e-12)
        );
      }),
      { numRuns: 40 },
    );
  });

  it('refuses a wash ratio of zero', () => {
    expect(problemsOf(wash(2, 1, 1, 0)).some((p) => p.path.startsWith('units.wash.washRatio'))).toBe(true);
  });
});
