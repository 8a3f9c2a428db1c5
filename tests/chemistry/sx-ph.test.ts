/** A pH computed in each stage from the acid the exchange releases (issue 11): D = 10^(slope·(pH − pH50)). */
import { describe, expect, it } from 'vitest';
import { KA2_HSO4 } from '../../core/properties';
import { molar, solveDoc } from '../support/solve';
import { bisect, DILUENT_PER_M3, WATER_PER_M3, sxBetweenFeeds } from './exchange-helpers';

const zero = { molarVolume: 0 };
const ISOTHERM = { pH50: 1.5, slope: 2 };

/** One stage: a kmol/h Mn²⁺ (and h0 kmol/h H⁺) in 1.000 m³/h of water against HA in 1.000 m³/h of diluent. */
function plainStage(a: number, h0: number) {
  return sxBetweenFeeds({
      'H2O(l)': {},
      'Mn[2+](aq)': zero,
      'H[+](aq)': zero,
      'SO4[2-](aq)': zero,
      'HA(org)': { formula: 'C16H35O4P', ...zero },
      'MnA2(org)': { formula: 'Mn(C16H34O4P)2', ...zero },
      'Diluent(org)': { formula: 'C12H26', density: 800 },
    }, { 'Mn[2+](aq)': a, 'H[+](aq)': h0, 'SO4[2-](aq)': a + h0 / 2, 'H2O(l)': WATER_PER_M3 }, { 'HA(org)': 1, 'Diluent(org)': DILUENT_PER_M3 }, { type: 'sx', stages: 1, extract: { Mn: { equation: 'Mn[2+](aq) + 2 HA(org) -> MnA2(org) + 2 H[+](aq)', D: ISOTHERM } } });
}

describe('sx: pH computed from the stage', () => {
  it('extracts the root of the cubic 4ξ³ + 4h0·ξ² + (h0² + 10⁻³)·ξ − 10⁻³·a = 0 (plain H⁺)', () => {
    // Both phases are 1.000 m³/h, so c(MnA2) = ξ, c(Mn²⁺) = a − ξ, [H⁺] = h0 + 2ξ (mol/L), and
    // D = 10^(2(pH − 1.5)) = 10⁻³/[H⁺]². Equilibrium ξ = D·(a − ξ):  ξ·(h0 + 2ξ)² = 10⁻³·(a − ξ).
    for (const [a, h0] of [
      [0.1, 0.01],
      [0.02, 0.001],
      [0.5, 0.05],
    ]) {
      const xi = bisect((x) => 4 * x ** 3 + 4 * h0 * x ** 2 + (h0 ** 2 + 1e-3) * x - 1e-3 * a, 0, a);
      const { results: r, solution } = solveDoc(plainStage(a, h0));
      // To 1e-9 relative: the Newton stops at a scaled residual of 1e-10.
      expect(Math.abs(molar(r, 'l', 'MnA2(org)') / xi - 1)).toBeLessThan(1e-9);
      expect(Math.abs(molar(r, 'r', 'Mn[2+](aq)') / (a - xi) - 1)).toBeLessThan(1e-9);
      expect(Math.abs(molar(r, 'r', 'H[+](aq)') / (h0 + 2 * xi) - 1)).toBeLessThan(1e-9);
      const pH = -Math.log10(h0 + 2 * xi);
      expect(r.streams.r.pH).toBeCloseTo(pH, 10);
      expect(r.unitFigures!.sx['pH stage 1'].value).toBeCloseTo(pH, 10);
      expect(r.unitFigures!.sx['D Mn stage 1'].value).toBeCloseTo(10 ** (2 * (pH - 1.5)), 8);
      expect(solution.newtonHistory.at(-1)!).toBeLessThanOrEqual(1e-10);
    }
    // a = 0.1, h0 = 0.01: ξ = 0.02352 kmol/h (23.5 % extracted) at pH −log10(0.05703) = 1.244.
    const xi = bisect((x) => 4 * x ** 3 + 0.04 * x ** 2 + 0.0011 * x - 1e-4, 0, 0.1);
    expect(xi).toBeCloseTo(0.02352, 5);
    expect(-Math.log10(0.01 + 2 * xi)).toBeCloseTo(1.244, 3);
  });

  it('uses the HSO4⁻ speciation of a sulfate liquor that carries its acid as H2SO4(aq)', () => {
    // MnSO4(aq) + 2 HA(org) -> MnA2(org) + H2SO4(aq), 1 stage, 1.000 m³/h each, no H⁺ species: the pH
    // is that of P = 2ξ protons and S = a sulfate (kmol/m³): x² + (S − P + Ka2)·x − Ka2·P = 0 (Kw
    // negligible at pH < 3). Equilibrium ξ = 10^(2(−log10 x − 1.5))·(a − ξ).
    const a = 0.2;
    const plant = sxBetweenFeeds({
        'H2O(l)': {},
        'MnSO4(aq)': zero,
        'H2SO4(aq)': zero,
        'HA(org)': { formula: 'C16H35O4P', ...zero },
        'MnA2(org)': { formula: 'Mn(C16H34O4P)2', ...zero },
        'Diluent(org)': { formula: 'C12H26', density: 800 },
      }, { 'MnSO4(aq)': a, 'H2O(l)': WATER_PER_M3 }, { 'HA(org)': 1, 'Diluent(org)': DILUENT_PER_M3 }, { type: 'sx', stages: 1, extract: { Mn: { equation: 'MnSO4(aq) + 2 HA(org) -> MnA2(org) + H2SO4(aq)', D: ISOTHERM } } });
    const h = (xi: number) => {
      const P = 2 * xi;
      const S = a;
      const b = S - P + KA2_HSO4;
      return (-b + Math.sqrt(b * b + 4 * KA2_HSO4 * P)) / 2;
    };
    const xi = bisect((x) => x - 10 ** (2 * (-Math.log10(h(x)) - 1.5)) * (a - x), 1e-9, a);
    const { results: r } = solveDoc(plant);
    expect(molar(r, 'l', 'MnA2(org)')).toBeCloseTo(xi, 9);
    expect(molar(r, 'r', 'H2SO4(aq)')).toBeCloseTo(xi, 9);
    expect(r.streams.r.pH).toBeCloseTo(-Math.log10(h(xi)), 6);
    expect(r.unitFigures!.sx['pH stage 1'].value).toBeCloseTo(r.streams.r.pH!, 12);
  });
});
