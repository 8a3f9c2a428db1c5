/** Entrainment in an sx stage (issue 11): a volume fraction of each phase carried in the other's outflow. */
import { describe, expect, it } from 'vitest';
import { molar, solveDoc } from '../support/solve';
import { DILUENT_PER_M3, EXCHANGE_SPECIES, SAPONIFIED, WATER_PER_M3, sxBetweenFeeds } from './exchange-helpers';

/** One stage, 1 kmol/h MnSO4 in 1.000 m³/h water, 4 kmol/h NaA in `orgM3` m³/h of organic. */
function stage(opts: { oa?: number; orgM3: number; aqInOrg?: number; orgInAq?: number; D: number }) {
  return sxBetweenFeeds(EXCHANGE_SPECIES, { 'MnSO4(aq)': 1, 'H2O(l)': WATER_PER_M3 }, { 'NaA(org)': 4, 'Diluent(org)': DILUENT_PER_M3 * opts.orgM3 }, {
        type: 'sx',
        stages: 1,
        ...(opts.oa ? { oa: opts.oa } : {}),
        extract: { Mn: { equation: SAPONIFIED, D: opts.D } },
        entrainment: { aqInOrg: opts.aqInOrg ?? 0, orgInAq: opts.orgInAq ?? 0 },
      });
}

/**
 * Hand calculation. Phases of volume Va = 1 and Vo = O/A (solutes take no volume): the exchange
 * proceeds to ξ/Vo = D·(1 − ξ)/Va, ξ = D·oa/(1 + D·oa), whatever is entrained (the entrained phase has
 * its phase's composition). With ρ = e/(1 − e), the aqueous share φa in the organic outflow and the
 * organic share φo in the aqueous satisfy φa·Va = ρa·(1 − φo)·Vo and φo·Vo = ρo·(1 − φa)·Va:
 * φa = A(1 − B)/(1 − AB), φo = B(1 − A)/(1 − AB), A = ρa·oa, B = ρo/oa.
 */
function expected(D: number, oa: number, ea: number, eo: number) {
  const xi = (D * oa) / (1 + D * oa);
  const A = (ea / (1 - ea)) * oa;
  const B = eo / (1 - eo) / oa;
  return { xi, phiA: (A * (1 - B)) / (1 - A * B), phiO: (B * (1 - A)) / (1 - A * B) };
}

describe('sx: entrainment', () => {
  for (const [label, oa] of [
    ['oa given: linear', 2],
    ['O/A from the flows: Newton', undefined],
  ] as const) {
    it(`carries 1 % aqueous in the loaded organic and 2 % organic in the raffinate, by volume (${label})`, () => {
      const { results: r } = solveDoc(stage({ oa, orgM3: 2, aqInOrg: 0.01, orgInAq: 0.02, D: 3 }));
      const { xi, phiA, phiO } = expected(3, 2, 0.01, 0.02);
      // Mn, Na2SO4 and water follow the aqueous phase; NaA and MnA2 the organic.
      expect(molar(r, 'r', 'MnSO4(aq)')).toBeCloseTo((1 - phiA) * (1 - xi), 12);
      expect(molar(r, 'l', 'MnSO4(aq)')).toBeCloseTo(phiA * (1 - xi), 12);
      expect(molar(r, 'l', 'Na2SO4(aq)')).toBeCloseTo(phiA * xi, 12);
      expect(molar(r, 'l', 'H2O(l)')).toBeCloseTo(phiA * WATER_PER_M3, 10);
      expect(molar(r, 'r', 'MnA2(org)')).toBeCloseTo(phiO * xi, 12);
      expect(molar(r, 'r', 'NaA(org)')).toBeCloseTo(phiO * (4 - 2 * xi), 12);
      // The volume fractions the outflows carry are the ones given.
      const l = r.streams.l.volumeFlow!;
      const a = r.streams.r.volumeFlow!;
      expect(l.aq / (l.aq + l.org)).toBeCloseTo(0.01, 12);
      expect(a.org / (a.aq + a.org)).toBeCloseTo(0.02, 12);
    });
  }

  it('gives the same-formula transfer entrainment too, and without it leaves that form exactly as before', () => {
    const same = (entrainment?: object) =>
      sxBetweenFeeds({ 'CoSO4(aq)': { molarVolume: 0 }, 'CoSO4(org)': { molarVolume: 0 }, 'H2O(l)': {}, 'Diluent(org)': { formula: 'C12H26', density: 800 } }, { 'CoSO4(aq)': 1, 'H2O(l)': WATER_PER_M3 }, { 'Diluent(org)': DILUENT_PER_M3 }, { type: 'sx', stages: 1, oa: 1, extract: { CoSO4: 4 }, ...(entrainment ? { entrainment } : {}) });
    expect(molar(solveDoc(same()).results, 'r', 'CoSO4(aq)')).toBeCloseTo(0.2, 14);
    const { phiA } = expected(4, 1, 0.005, 0);
    const r = solveDoc(same({ aqInOrg: 0.005 })).results;
    expect(molar(r, 'r', 'CoSO4(aq)')).toBeCloseTo((1 - phiA) * 0.2, 12);
    expect(molar(r, 'l', 'CoSO4(aq)')).toBeCloseTo(phiA * 0.2, 12);
    expect(molar(r, 'l', 'CoSO4(org)')).toBeCloseTo(0.8, 12);
  });
});
