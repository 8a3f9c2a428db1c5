/** Equation shapes shared by unit operations. */
import type { EquationBuilder } from '../core/unit-type';

/** out[k] = fraction · Σ inlets[k]: the whole of a species, or a fixed share of it, passes. */
export function passFraction(eq: EquationBuilder, out: number, inlets: readonly number[], k: number, fraction: number): void {
  eq.begin(out + k);
  eq.term(out + k, 1);
  if (fraction !== 0) for (const base of inlets) eq.term(base + k, -fraction);
}

/** Unknown = 0. */
export function zero(eq: EquationBuilder, v: number): void {
  eq.begin(v);
  eq.term(v, 1);
}

/** Rounding slack when fractions are checked against 1. */
export const FRACTION_TOLERANCE = 1e-9;

/** Formats a number for a message without noise digits. */
export function fmt(x: number): string {
  return Number(x.toPrecision(6)).toString();
}
