import { describe, expect, it } from 'vitest';
import { parseSpeciesId, type SpeciesInfo } from '../chemistry';
import { speciesData } from './lookup';
import { KA2_HSO4, acidBaseCounts, plainHydrogenIon, sulfateHydrogenIon } from './ph';
import { volumeCoefficients } from './volumes';

/** A stream of `solute` kmol/h in the water that makes exactly 1 m³/h of solution. */
function litreOf(ids: string[], solute: number[]) {
  const species: SpeciesInfo[] = ['H2O(l)', ...ids].map((id) => parseSpeciesId(id));
  const coeffs = volumeCoefficients(species, species.map((s) => speciesData(s)));
  const soluteVolume = solute.reduce((v, n, k) => v + n * coeffs.perKmol[k + 1]!, 0);
  const water = (1 - soluteVolume) / coeffs.perKmol[0]!;
  return { species, coeffs, flows: [water, ...solute] };
}

describe('pH', () => {
  it('0.01 M HCl: pH 2 (strong acid, Kw negligible)', () => {
    const s = litreOf(['HCl(aq)'], [0.01]);
    const r = sulfateHydrogenIon(s.coeffs, acidBaseCounts(s.species), s.flows)!;
    expect(r.pH).toBeCloseTo(2, 9);
    const p = litreOf(['H[+](aq)', 'Cl[-](aq)'], [0.01, 0.01]);
    expect(plainHydrogenIon(p.coeffs, p.species, p.flows)!.pH).toBeCloseTo(2, 12);
  });

  it('0.05 M H2SO4 with HSO4⁻ ⇄ H⁺ + SO4²⁻, pKa2 = 1.99', () => {
    // Hand calculation: P = 2 × 0.05 = 0.1 M protons, S = 0.05 M sulfate, Ka = 10^-1.99 = 0.0102329.
    // x² + (S − P + Ka)·x − Ka·P = 0 → x² − 0.0397671·x − 0.00102329 = 0
    // x = (0.0397671 + √(0.0397671² + 4 × 0.00102329))/2 = (0.0397671 + 0.0753301)/2 = 0.0575486 M
    const Ka = 10 ** -1.99;
    const b = 0.05 - 0.1 + Ka;
    const x = (-b + Math.sqrt(b * b + 4 * Ka * 0.1)) / 2;
    expect(x).toBeCloseTo(0.0575486, 6);
    const s = litreOf(['H2SO4(aq)'], [0.05]);
    const r = sulfateHydrogenIon(s.coeffs, acidBaseCounts(s.species), s.flows)!;
    expect(r.h).toBeCloseTo(x, 10);
    expect(r.pH).toBeCloseTo(1.24, 3); // −log10 0.0575486 = 1.2400
  });

  it('sulfate of dissolved salts binds protons: 0.05 M H2SO4 + 0.5 M CoSO4', () => {
    // P = 0.1, S = 0.55: x² + (0.55 − 0.1 + Ka)x − 0.1·Ka = 0
    const Ka = KA2_HSO4;
    const b = 0.55 - 0.1 + Ka;
    const x = (-b + Math.sqrt(b * b + 4 * Ka * 0.1)) / 2;
    const s = litreOf(['H2SO4(aq)', 'CoSO4(aq)'], [0.05, 0.5]);
    expect(sulfateHydrogenIon(s.coeffs, acidBaseCounts(s.species), s.flows)!.h).toBeCloseTo(x, 10);
  });

  it('excess base: 0.01 M NaOH gives pH 12 from Kw', () => {
    const s = litreOf(['NaOH(aq)'], [0.01]);
    expect(sulfateHydrogenIon(s.coeffs, acidBaseCounts(s.species), s.flows)!.pH).toBeCloseTo(12, 6);
  });

  it('∂[H⁺]/∂n matches finite differences', () => {
    const s = litreOf(['H2SO4(aq)', 'Na2SO4(aq)', 'NaOH(aq)'], [0.08, 0.3, 0.02]);
    const n = acidBaseCounts(s.species);
    const h = (f: number[]) => sulfateHydrogenIon(s.coeffs, n, f)!.h;
    const r = sulfateHydrogenIon(s.coeffs, n, s.flows)!;
    for (let j = 0; j < s.flows.length; j++) {
      const step = 1e-6 * Math.max(0.01, s.flows[j]!);
      const up = s.flows.slice();
      const dn = s.flows.slice();
      up[j]! += step;
      dn[j]! -= step;
      const fd = (h(up) - h(dn)) / (2 * step);
      expect(Math.abs(r.dh[j]! - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
      expect(r.dpH[j]).toBeCloseTo(-r.dh[j]! / (r.h * Math.LN10), 12);
    }
  });
});
