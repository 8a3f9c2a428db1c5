/**
 * Molar enthalpy h(T) = ΔfH° + ∫ cp dT from 298.15 K, in kJ/mol, with Shomate's NIST form
 * (t = T/1000, T in kelvin):  cp = A + B t + C t² + D t³ + E/t²  J/(mol·K),
 *   ∫ cp dT = [A t + B t²/2 + C t³/3 + D t⁴/4 − E/t]  kJ/mol.
 * Ranges apply on [Tmin, Tmax]; below the first and above the last the nearest range is
 * extrapolated. Latent heats come from each phase's own ΔfH° and cp (H2O(l) vs H2O(g)).
 */
import type { Cp, ShomateRange } from './types';

export const T_REF = 298.15;

const ranges = (cp: Exclude<Cp, number>): readonly ShomateRange[] =>
  'shomateRanges' in cp
    ? cp.shomateRanges
    : [{ Tmin: -Infinity, Tmax: Infinity, coeffs: cp.shomate as unknown as ShomateRange['coeffs'] }];

function rangeAt(list: readonly ShomateRange[], T: number): ShomateRange {
  for (const r of list) if (T <= r.Tmax) return r;
  return list[list.length - 1]!;
}

function shomateCp([A, B, C, D, E]: ShomateRange['coeffs'], T: number): number {
  const t = T / 1000;
  return A + B * t + C * t * t + D * t * t * t + E / (t * t);
}

/** Antiderivative of cp in kJ/mol. */
function shomateH([A, B, C, D, E]: ShomateRange['coeffs'], T: number): number {
  const t = T / 1000;
  return A * t + (B * t * t) / 2 + (C * t ** 3) / 3 + (D * t ** 4) / 4 - E / t;
}

/** cp at T (K), J/(mol·K). */
export function cpAt(cp: Cp, T: number): number {
  if (typeof cp === 'number') return cp;
  return shomateCp(rangeAt(ranges(cp), T).coeffs, T);
}

/** ∫ cp dT from T0 to T (K), kJ/mol, range by range. */
export function integrateCp(cp: Cp, T0: number, T: number): number {
  if (typeof cp === 'number') return (cp * (T - T0)) / 1000;
  if (T < T0) return -integrateCp(cp, T, T0);
  const list = ranges(cp);
  const cuts = [T0, ...list.map((r) => r.Tmax).filter((b) => b > T0 && b < T), T];
  let sum = 0;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const a = cuts[i]!;
    const b = cuts[i + 1]!;
    const r = rangeAt(list, (a + b) / 2);
    sum += shomateH(r.coeffs, b) - shomateH(r.coeffs, a);
  }
  return sum;
}

export interface ThermoData {
  Hf?: number;
  cp?: Cp;
}

/** h(T) in kJ/mol, or undefined when ΔfH° or cp is missing. T in kelvin. */
export function enthalpy(d: ThermoData, T: number): number | undefined {
  if (d.Hf === undefined || d.cp === undefined) return undefined;
  return d.Hf + integrateCp(d.cp, T_REF, T);
}

/** dh/dT in kJ/(mol·K) = cp/1000, or undefined when cp is missing. */
export function enthalpyDerivative(d: ThermoData, T: number): number | undefined {
  return d.cp === undefined ? undefined : cpAt(d.cp, T) / 1000;
}

export interface ReactionTerm {
  /** Negative for reactants, positive for products. */
  coefficient: number;
  data: ThermoData;
}

/** ΔH of a reaction at T (K), kJ per mole of reaction as written; undefined if a term lacks data. */
export function reactionEnthalpy(terms: readonly ReactionTerm[], T: number = T_REF): number | undefined {
  let sum = 0;
  for (const term of terms) {
    const h = enthalpy(term.data, T);
    if (h === undefined) return undefined;
    sum += term.coefficient * h;
  }
  return sum;
}

export const celsius = (T: number): number => T + 273.15;

/**
 * h(T) and cp(T) of one species as closures that allocate nothing: in each Shomate range i the
 * enthalpy is H_i + F_i(T) − F_i(p_i), with p_i a point of the range whose h is taken once (25 °C in
 * the range that holds it, the edge nearest 25 °C in the others), so each call is one polynomial.
 * For the engine's Newton, which evaluates them thousands of times per iteration. Undefined when
 * ΔfH° or cp is missing.
 */
export function thermoFunctions(d: ThermoData): { h(T: number): number; cp(T: number): number } | undefined {
  if (d.Hf === undefined || d.cp === undefined) return undefined;
  const Hf = d.Hf;
  const cp = d.cp;
  if (typeof cp === 'number') return { h: (T) => Hf + (cp * (T - T_REF)) / 1000, cp: () => cp };
  const list = ranges(cp);
  const i0 = list.indexOf(rangeAt(list, T_REF));
  const point = list.map((r, i) => (i === i0 ? T_REF : i > i0 ? list[i - 1]!.Tmax : r.Tmax));
  const H = point.map((p) => Hf + integrateCp(cp, T_REF, p));
  const F = point.map((p, i) => shomateH(list[i]!.coeffs, p));
  const index = (T: number) => {
    let i = 0;
    while (i < list.length - 1 && T > list[i]!.Tmax) i++;
    return i;
  };
  return {
    h(T) {
      const i = index(T);
      return H[i]! + shomateH(list[i]!.coeffs, T) - F[i]!;
    },
    cp: (T) => shomateCp(list[index(T)]!.coeffs, T),
  };
}
