/**
 * Cake moisture of a solid/liquid separation: the cake holds w kg of liquor per kg of the solids it
 * catches (`moisture`: w; or `cakeSolids`: the solids' mass fraction σ of the cake, w = (1 − σ)/σ),
 * the liquor at the composition of the unit's liquor. With R the reacted stream, m(L) = Σ M_k·R_k
 * over the liquor species (aq, l, org) and m(S) = Σ M_k·f_k·R_k over the solids caught:
 *
 *   cake[k] = φ·R[k],  liquor[k] = (1 − φ)·R[k]          (liquor species)
 *   min(m(L)·(1 − φ), w·m(S) − φ·m(L)) = 0                (φ = w·m(S)/m(L), or 1 when the solids
 *                                                          would hold more liquor than there is)
 *
 * φ is one internal unknown; the rows are bilinear and piecewise, so they are written in `linearize`
 * (semismooth Newton: the piece active at the state). Relaxation (`state.initial`): φ = 0.1.
 */
import type { CompileContext, EquationBuilder, UnitState } from '../core/unit-type';
import { fmt } from './equations';

const RELAXED_SHARE = 0.1;

export interface CakeParams {
  entrainment?: number;
  moisture?: number;
  cakeSolids?: number;
}

/** w, kg liquor per kg solids, when the unit gives `moisture` or `cakeSolids`; null after an error. */
export function cakeMoisture(params: CakeParams, ctx: CompileContext): number | undefined | null {
  const given = (['entrainment', 'moisture', 'cakeSolids'] as const).filter((p) => params[p] !== undefined);
  if (given.length > 1) {
    ctx.error(given[1], `give one of "entrainment", "moisture" and "cakeSolids", not ${given.map((g) => `"${g}"`).join(' and ')}`);
    return null;
  }
  if (params.moisture !== undefined) return params.moisture;
  if (params.cakeSolids !== undefined) {
    if (!(params.cakeSolids > 0 && params.cakeSolids <= 1)) {
      ctx.error('cakeSolids', `the solids' mass fraction of the cake must be in (0, 1], not ${fmt(params.cakeSolids)}`);
      return null;
    }
    return (1 - params.cakeSolids) / params.cakeSolids;
  }
  return undefined;
}

/** What the cake rows need: the reacted vector, the share φ, the cake and liquor outlets. */
export interface CakeRows {
  reacted: number;
  share: number;
  cake: number;
  liquor: number;
  /** kg/kmol of each species where it is liquor (0 elsewhere), and of the solids caught (M_k·f_k). */
  liquorMass: Float64Array;
  solidsMass: Float64Array;
  moisture: number;
}

/** The share row (the active piece of the complementarity) and the liquor species' split rows. */
export function writeCakeRows(eq: EquationBuilder, state: UnitState, c: CakeRows): void {
  const S = c.liquorMass.length;
  const R = (k: number) => state.value(c.reacted + k);
  let mL = 0;
  let mS = 0;
  for (let k = 0; k < S; k++) {
    mL += c.liquorMass[k] * R(k);
    mS += c.solidsMass[k] * R(k);
  }
  const phi = state.initial ? RELAXED_SHARE : state.value(c.share);
  const full = !state.initial && mL * (1 - phi) <= c.moisture * mS - phi * mL;
  const fixed = state.initial || full;
  eq.begin(c.share, state.initial ? RELAXED_SHARE : full ? 1 : phi * mL);
  eq.term(c.share, fixed ? 1 : mL);
  for (let k = 0; k < S; k++) {
    if (c.liquorMass[k] || c.solidsMass[k]) eq.term(c.reacted + k, fixed ? 0 : phi * c.liquorMass[k] - c.moisture * c.solidsMass[k]);
  }
  for (let k = 0; k < S; k++) {
    if (!c.liquorMass[k]) continue;
    const Rk = state.initial ? 0 : R(k);
    eq.begin(c.cake + k, -phi * Rk);
    eq.term(c.cake + k, 1);
    eq.term(c.reacted + k, -phi);
    eq.term(c.share, -Rk);
    eq.begin(c.liquor + k, phi * Rk);
    eq.term(c.liquor + k, 1);
    eq.term(c.reacted + k, -(1 - phi));
    eq.term(c.share, Rk);
  }
}
