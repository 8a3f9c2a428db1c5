import { describe, expect, it } from 'vitest';
import { unitInternals } from '../core';
import { doc, molar, solveDoc } from '../tests/support/solve';

/**
 * One countercurrent cascade: aqueous feed of F kmol/h of CoSO4 with water, organic feed of solvent
 * carrying Y kmol/h of loaded CoSO4(org). Molar flows stand in for concentrations (the aqueous and
 * organic volume flows are fixed by O/A), so E = D · O/A is the extraction factor.
 */
function cascade(opts: { F: number; Y: number; D: number; oa: number; N: number }) {
  return doc({
    species: { 'CoSO4(aq)': {}, 'CoSO4(org)': {}, 'H2O(l)': {}, 'C10H22(org)': {} },
    units: {
      aqFeed: { type: 'feed', flows: { 'CoSO4(aq)': opts.F, 'H2O(l)': 55.5 } },
      orgFeed: { type: 'feed', flows: { 'C10H22(org)': 5, ...(opts.Y ? { 'CoSO4(org)': opts.Y } : {}) } },
      sx1: { type: 'sx', stages: opts.N, oa: opts.oa, extract: { CoSO4: opts.D } },
      raffinate: { type: 'product' },
      loaded: { type: 'product' },
    },
    streams: {
      a: { from: 'aqFeed.out', to: 'sx1.aqIn' },
      o: { from: 'orgFeed.out', to: 'sx1.orgIn' },
      r: { from: 'sx1.aqOut', to: 'raffinate.in' },
      l: { from: 'sx1.orgOut', to: 'loaded.in' },
    },
  });
}

/**
 * Kremser (1930), as in Treybal, Mass-Transfer Operations, §10: for N ideal countercurrent stages
 * with extraction factor E and entering solvent in equilibrium with x* = Y/E,
 *   (F − x_N) / (F − Y/E) = (E^(N+1) − E) / (E^(N+1) − 1),  E ≠ 1
 *   (F − x_N) / (F − Y)   = N / (N + 1),                     E = 1
 */
function kremserRaffinate(F: number, Y: number, E: number, N: number): number {
  const xStar = Y / E;
  const extracted = E === 1 ? N / (N + 1) : (E ** (N + 1) - E) / (E ** (N + 1) - 1);
  return F - extracted * (F - xStar);
}

describe('sx: countercurrent cascade against closed forms', () => {
  const cases = [
    { name: 'fresh organic, E = 2', F: 10, Y: 0, D: 4, oa: 0.5, N: 3 },
    { name: 'fresh organic, E = 1', F: 10, Y: 0, D: 2, oa: 0.5, N: 4 },
    { name: 'fresh organic, E = 0.4 (stripping-like)', F: 7, Y: 0, D: 0.8, oa: 0.5, N: 5 },
    { name: 'loaded organic, E = 3', F: 12, Y: 1.5, D: 6, oa: 0.5, N: 2 },
    { name: 'loaded organic, E = 1', F: 12, Y: 1.5, D: 1, oa: 1, N: 3 },
    { name: 'one stage, E = 5', F: 3, Y: 0.2, D: 2.5, oa: 2, N: 1 },
  ];
  for (const c of cases) {
    it(`Kremser, ${c.name}, N = ${c.N}`, () => {
      const { results } = solveDoc(cascade(c));
      const E = c.D * c.oa;
      const xN = molar(results, 'r', 'CoSO4(aq)');
      expect(xN).toBeCloseTo(kremserRaffinate(c.F, c.Y, E, c.N), 10);
      // Conservation: what the raffinate lost, the organic gained.
      expect(molar(results, 'l', 'CoSO4(org)')).toBeCloseTo(c.F + c.Y - xN, 10);
      // Other species stay in their phase.
      expect(molar(results, 'r', 'H2O(l)')).toBeCloseTo(55.5, 12);
      expect(molar(results, 'l', 'C10H22(org)')).toBeCloseTo(5, 12);
      expect(molar(results, 'r', 'CoSO4(org)')).toBe(0);
    });
  }

  it('McCabe–Thiele profile: x_F = 10, D = 4, O/A = 0.5, N = 3 gives aqueous 4.667, 2.000, 0.667', () => {
    // Hand calculation: E = 2; stage balances x_{j-1} + E·x_{j+1} = (1 + E)·x_j with x_0 = 10 and
    // fresh organic give x_j = −2/3 + (32/3)·2^(−j): 14/3, 2, 2/3.
    const { solution, results } = solveDoc(cascade({ F: 10, Y: 0, D: 4, oa: 0.5, N: 3 }));
    const stage = (j: number) => unitInternals(solution, 'sx1').find((i) => i.description === `aqueous leaving stage ${j}, CoSO4(aq)`)!.kmolPerHour;
    expect(stage(1)).toBeCloseTo(14 / 3, 12);
    expect(stage(2)).toBeCloseTo(2, 12);
    expect(molar(results, 'r', 'CoSO4(aq)')).toBeCloseTo(2 / 3, 12);
    // Organic leaving each stage is in equilibrium: y_j = E·x_j.
    const org = (j: number) => unitInternals(solution, 'sx1').find((i) => i.description === `organic leaving stage ${j}, CoSO4(org)`)!.kmolPerHour;
    expect(org(2)).toBeCloseTo(2 * 2, 12);
    expect(org(3)).toBeCloseTo(2 * (2 / 3), 12);
  });

  it('pH isotherm: D = 10^(slope·(pH − pH50)) equals the same cascade with that D', () => {
    const base = cascade({ F: 10, Y: 0, D: 1, oa: 1, N: 2 });
    const withIsotherm = { ...base, units: { ...base.units, sx1: { type: 'sx', stages: 2, oa: 1, pH: 4, extract: { CoSO4: { pH50: 3.5, slope: 2 } } } } };
    const D = 10 ** (2 * (4 - 3.5)); // = 10
    const { results } = solveDoc(withIsotherm);
    expect(molar(results, 'r', 'CoSO4(aq)')).toBeCloseTo(kremserRaffinate(10, 0, D, 2), 10);
  });
});
