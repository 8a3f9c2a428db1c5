/**
 * Solubility-limited reactions (FORMAT.md "Solubility in reactions"): a reaction of a crystallizer or
 * a precipitator may give `"solubility": s` in place of `conversion`. It then converts as much of its
 * key K as exceeds s kg per 100 kg of the H2O(l) W left after it (water bound in a hydrate no longer
 * counts), and none when the liquor is undersaturated. With σ = s/100 and, before the reaction,
 * A_K and A_W (kmol/h: inlets + doses + the reactions before it, all linear in the unknowns):
 *
 *   saturation  M_K·(A_K + ν_K·ξ) = σ·M_W·(A_W + ν_W·ξ)  ⇒  ξ_sat = (M_K·A_K − σ·M_W·A_W) / den,
 *               den = M_K·|ν_K| + σ·M_W·ν_W  (> 0, checked at compile)
 *   extent      ξ = max(0, min(ξ_sat, A_K/|ν_K|, A_W/|ν_W|))   (the caps: no more key or water than there is)
 *
 * This is the complementarity min(ξ, capacity − dissolved) = 0 (capacity − dissolved ∝ ξ_sat − ξ),
 * piecewise linear in the unknowns. It is solved exactly by the engine's Newton as a semismooth
 * Newton: `linearize` writes the piece that is active at the current state (ξ = ξ_sat(x), a cap, or
 * ξ = 0), the same terms every call. Relaxation (`state.initial`): every such reaction saturated,
 * ξ = ξ_sat(x). `"solubility": "table"` takes s from the built-in table (core/properties) at the
 * unit's `T` (25 °C without it).
 */
import { isWater, solubility as tableSolubility } from '../core/properties';
import type { CompileContext, CompiledReaction, EquationBuilder, UnitState } from '../core/unit-type';

/** A reaction's solubility limit, resolved at compile. */
export interface SolubilityLimit {
  /** kg key per kg of water left. */
  sigma: number;
  /** Species index of H2O(l). */
  water: number;
  /** Where s came from, for messages: 'file' or the table at T. */
  origin: string;
}

const DEFAULT_T = 25;

/** Resolves `solubility` (a number, or "table") of reaction `r`; undefined after an error. */
export function resolveSolubility(
  s: number | string,
  reaction: CompiledReaction,
  key: number,
  T: number,
  ctx: CompileContext,
  at: string,
): SolubilityLimit | undefined {
  const water = ctx.species.list.findIndex(isWater);
  const keyId = ctx.species.list[key].id;
  if (water < 0) {
    ctx.error(`${at}.solubility`, `a solubility is per kg of water, and this plant declares no H2O(l): declare it and feed the unit's water, or give "conversion"`);
    return undefined;
  }
  if (ctx.species.list[key].phase !== 'aq') {
    ctx.error(`${at}.key`, `a solubility limits a dissolved key; "${keyId}" is not an (aq) species`, { species: keyId });
    return undefined;
  }
  let sigma: number;
  let origin = 'file';
  if (typeof s === 'number') sigma = s / 100;
  else {
    const found = tableSolubility(keyId, T);
    if (!found) {
      ctx.error(`${at}.solubility`, `the built-in table has no solubility for ${keyId}: give "solubility" as a number instead`, { species: keyId });
      return undefined;
    }
    sigma = found.s / 100;
    origin = `the built-in table at ${T} °C`;
    if (found.extrapolated) ctx.warn(`${at}.solubility`, `the solubility of ${keyId} at ${T} °C is extrapolated beyond the table's points`, { species: keyId });
    checkSolid(reaction, found.solid, keyId, T, ctx, at);
  }
  const molarMass = (k: number) => ctx.species.list[k].molarMass;
  if (!(molarMass(key) * -nuOf(reaction, key) + sigma * molarMass(water) * nuOf(reaction, water) > 0)) {
    ctx.error(`${at}.solubility`, `the solid binds so much water that crystallising it concentrates the liquor: no saturation can hold, give "conversion"`);
    return undefined;
  }
  return { sigma, water, origin };
}

/** Warns when the table's stable solid at T is not what the reaction makes. */
function checkSolid(reaction: CompiledReaction, solid: string, keyId: string, T: number, ctx: CompileContext, at: string): void {
  const made = reaction.terms.filter((t) => t.nu > 0 && ctx.species.list[t.k].phase === 's').map((t) => ctx.species.list[t.k].id);
  const same = (id: string) => id.replace('*', '·') === solid.replace('*', '·');
  if (made.length && !made.some(same)) {
    ctx.warn(`${at}.equation`, `the table's solubility of ${keyId} at ${T} °C is that of ${solid}, but the reaction makes ${made.join(', ')}`, { species: keyId });
  }
}

const nuOf = (reaction: CompiledReaction, k: number) => reaction.terms.find((t) => t.k === k)?.nu ?? 0;

/** The amount of species k available to a reaction: Σ (variable, coefficient), linear in the unknowns. */
export type Available = (eq: EquationBuilder, k: number) => ReadonlyArray<readonly [number, number]>;

/** The pieces of max(0, min(ξ_sat, A_K/|ν_K|, A_W/|ν_W|)): coefficients on A_K and A_W. */
function pieces(reaction: CompiledReaction, key: number, limit: SolubilityLimit, molarMass: (k: number) => number): [number, number][] {
  const nuK = -nuOf(reaction, key);
  const nuW = nuOf(reaction, limit.water);
  const d = molarMass(key) * nuK + limit.sigma * molarMass(limit.water) * nuW;
  const out: [number, number][] = [[molarMass(key) / d, (-limit.sigma * molarMass(limit.water)) / d], [1 / nuK, 0]];
  if (nuW < 0) out.push([0, 1 / -nuW]);
  return out;
}

/**
 * The row of a solubility extent ξ (unknown `extent`), linearised at `state`: the active piece of
 * ξ = max(0, min(...)), written over the same terms every call (A_K's and A_W's variables).
 */
export function writeSolubilityRow(
  eq: EquationBuilder,
  state: UnitState,
  extent: number,
  reaction: CompiledReaction,
  key: number,
  limit: SolubilityLimit,
  available: Available,
  molarMass: (k: number) => number,
): void {
  const aK = available(eq, key);
  const aW = available(eq, limit.water);
  const value = (terms: ReadonlyArray<readonly [number, number]>) => terms.reduce((s, [v, c]) => s + c * state.value(v), 0);
  const AK = value(aK);
  const AW = value(aW);
  const all = pieces(reaction, key, limit, molarMass);
  let [cK, cW] = all[0];
  if (!state.initial) {
    let best = Infinity;
    for (const [k, w] of all) {
      const v = k * AK + w * AW;
      if (v < best) [best, cK, cW] = [v, k, w];
    }
    if (!(best > 0)) [cK, cW] = [0, 0];
  }
  eq.begin(extent, 0);
  eq.term(extent, 1);
  for (const [v, c] of aK) eq.term(v, -cK * c);
  for (const [v, c] of aW) eq.term(v, -cW * c);
}

/** g of key per 100 g of water in a species vector read through `value` (Infinity without water). */
export function dissolvedPer100(base: number, key: number, water: number, value: (v: number) => number, molarMass: (k: number) => number): number {
  const w = value(base + water) * molarMass(water);
  return w > 0 ? (100 * value(base + key) * molarMass(key)) / w : Infinity;
}

/** The unit's temperature for the table, °C. */
export function unitTemperature(params: { T?: unknown }): number {
  return typeof params.T === 'number' ? params.T : DEFAULT_T;
}
