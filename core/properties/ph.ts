/**
 * pH of an aqueous solution, with its derivatives for the engine's Newton.
 *
 * Plain: pH = −log10 [H⁺], [H⁺] = n(H[+](aq)) / V_aq in kmol/m³ = mol/L.
 *
 * Sulfate speciation (liquors that carry their acid as H2SO4(aq)); ideal activities, 25 °C:
 *   strong acids and bases dissociate completely, H2SO4 → H⁺ + HSO4⁻ included;
 *   HSO4⁻ ⇄ H⁺ + SO4²⁻,  Ka2 = [H⁺][SO4²⁻]/[HSO4⁻] = 10^−1.99;   H2O ⇄ H⁺ + OH⁻, Kw = 1e−14.
 * Let P be the molarity of dissociable protons (Σ p_k·n_k/V: H2SO4 2, HSO4⁻ 1, H⁺ 1, HCl 1,
 * OH⁻ and NaOH −1, ...) and S the molarity of all sulfate (Σ s_k·n_k/V, the sulfate of the
 * dissolved salts included). With x = [H⁺], sulfate splits as [HSO4⁻] = S·x/(x + Ka2), and the
 * proton balance (free + bound in HSO4⁻ − taken by OH⁻ = P) reads
 *   f(x) = x + S·x/(x + Ka2) − Kw/x − P = 0.
 * f is strictly increasing for x > 0 (f' = 1 + S·Ka2/(x + Ka2)² + Kw/x² > 0), so the root is
 * unique; it is found by Newton safeguarded by bisection. Without Kw this is the quadratic
 * x² + (S − P + Ka2)·x − Ka2·P = 0. By the implicit function theorem
 *   ∂x/∂P = 1/f',  ∂x/∂S = −(x/(x + Ka2))/f',
 * and, with V = Σ a_j·n_j (volumes.ts), ∂P/∂n_j = (p_j − P·a_j)/V, ∂S/∂n_j = (s_j − S·a_j)/V.
 * Weak acids and bases (HF, H2C2O4, H3BO3, carbonate) are left out of P.
 */
import type { SpeciesInfo } from '../chemistry';
import { phaseVolume, phaseVolumeGradient, type VolumeCoefficients } from './volumes';

const PKA2_HSO4 = 1.99;
export const KA2_HSO4 = 10 ** -PKA2_HSO4;
const KW = 1e-14;

/** Protons each aqueous species brings to P, and sulfate groups to S. */
export interface AcidBaseCounts {
  readonly protons: Float64Array;
  readonly sulfate: Float64Array;
}

const STRONG_ACIDS = new Set(['HCl', 'HNO3', 'HBr', 'HI', 'HClO4', 'H[+]']);
const STRONG_BASES: Readonly<Record<string, number>> = {
  'OH[-]': 1, NaOH: 1, KOH: 1, LiOH: 1, 'Ca(OH)2': 2, 'Ba(OH)2': 2, 'Sr(OH)2': 2,
};

function counts(s: SpeciesInfo): [number, number] {
  if (s.phase !== 'aq') return [0, 0];
  if (STRONG_ACIDS.has(s.formula)) return [1, 0];
  if (STRONG_BASES[s.formula] !== undefined) return [-STRONG_BASES[s.formula]!, 0];
  if (s.formula.includes('SO4') && !s.elements.C && !s.elements.N) {
    return [s.elements.H ?? 0, s.elements.S ?? 0];
  }
  return [0, 0];
}

export function acidBaseCounts(species: readonly SpeciesInfo[]): AcidBaseCounts {
  const protons = new Float64Array(species.length);
  const sulfate = new Float64Array(species.length);
  species.forEach((s, k) => ([protons[k], sulfate[k]] = counts(s)));
  return { protons, sulfate };
}

export interface HydrogenIon {
  /** [H⁺], mol/L. */
  h: number;
  pH: number;
  /** ∂[H⁺]/∂n_j, (mol/L) per (kmol/h). */
  dh: Float64Array;
  /** ∂pH/∂n_j. */
  dpH: Float64Array;
}

function withPH(h: number, dh: Float64Array): HydrogenIon {
  const dpH = dh.map((g) => -g / (h * Math.LN10));
  return { h, pH: -Math.log10(h), dh, dpH };
}

/** [H⁺] from the species H[+](aq) alone; undefined without aqueous solution or H⁺. */
export function plainHydrogenIon(c: VolumeCoefficients, species: readonly SpeciesInfo[], flows: ArrayLike<number>): HydrogenIon | undefined {
  const k = species.findIndex((s) => s.phase === 'aq' && s.formula === 'H[+]');
  const v = phaseVolume(c, flows, 'aq');
  if (k < 0 || !(v > 0) || !(flows[k]! > 0)) return undefined;
  const h = flows[k]! / v;
  const dh = phaseVolumeGradient(c, 'aq').map((a) => (-h * a) / v);
  dh[k] = dh[k]! + 1 / v;
  return withPH(h, dh);
}

/** The root x of f(x) = x + S·x/(x + Ka) − Kw/x − P, and f'(x). */
function solveProtonBalance(P: number, S: number, Ka = KA2_HSO4, Kw = KW): [number, number] {
  const f = (x: number) => x + (S * x) / (x + Ka) - Kw / x - P;
  const df = (x: number) => 1 + (S * Ka) / (x + Ka) ** 2 + Kw / (x * x);
  let lo = Kw / (Math.abs(P) + S + 1);
  let hi = Math.abs(P) + Math.sqrt(Kw) + 1;
  let x = P > 0 ? Math.min(P, hi) : Math.sqrt(Kw);
  for (let it = 0; it < 200; it++) {
    const fx = f(x);
    if (fx > 0) hi = x;
    else lo = x;
    let next = x - fx / df(x);
    if (!(next > lo && next < hi)) next = Math.sqrt(lo * hi);
    if (Math.abs(next - x) <= 1e-15 * x) return [next, df(next)];
    x = next;
  }
  return [x, df(x)];
}

/** [H⁺] of the sulfate speciation above; undefined without aqueous solution. */
export function sulfateHydrogenIon(c: VolumeCoefficients, n: AcidBaseCounts, flows: ArrayLike<number>): HydrogenIon | undefined {
  const v = phaseVolume(c, flows, 'aq');
  if (!(v > 0)) return undefined;
  let protons = 0;
  let sulfate = 0;
  for (let k = 0; k < flows.length; k++) {
    protons += n.protons[k]! * flows[k]!;
    sulfate += n.sulfate[k]! * flows[k]!;
  }
  const P = protons / v;
  const S = sulfate / v;
  const [x, fx] = solveProtonBalance(P, S);
  const dxdP = 1 / fx;
  const dxdS = -(x / (x + KA2_HSO4)) / fx;
  const a = phaseVolumeGradient(c, 'aq');
  const dh = a.map((aj, j) => (dxdP * (n.protons[j]! - P * aj) + dxdS * (n.sulfate[j]! - S * aj)) / v);
  return withPH(x, dh);
}
