/**
 * The energy balance (FORMAT.md "Energy"): the temperature rows of a unit's outlets, written by the
 * core for every unit type. A feed leaves at its `T` (25 °C unless given). A unit with `T` sends
 * every outlet out at T; its duty follows from the solved flows (duty.ts). A unit without `T` is
 * adiabatic: its outlets leave at one temperature T₁ at which
 *
 *   r = Σ_outlets Σ_k n_k·h_k(T₁) − Σ_inlets Σ_k n_k·h_k(T_in) − Σ_doses n·h(25 °C) = 0,
 *
 * h_k(T) = Hf_k + ∫ cp_k dT from 25 °C (core/properties), so heats of reaction, of mixing at infinite
 * dilution and latent heats (a declared H2O(l) → H2O(g)) are all in it. The row is nonlinear in T₁
 * (cp may depend on T) and bilinear in the flows: the engine's Newton solves it, linearised as
 * (Σ n·cp)·T₁ + Σ h·n_out − Σ h·n_in − (Σ n_in·cp_in)·T_in − Σ h·dose = J·x* − r. Its relaxation is
 * T₁ = 25 °C. A species without enthalpy data counts as h = 0 here; when such a species flows, the
 * results leave the energy out and name it (the mass balance does not depend on it).
 */
import type { CompiledFlowsheet } from './compile';
import type { UnitDecl } from './document';
import { thermoFunctions } from './properties';
import type { SpeciesTable } from './species';
import type { Diagnostic } from './diagnostics';
import { T_MAX, T_MIN } from './bounds';
import type { EquationBuilder, UnitState } from './unit-type';

export const T_REFERENCE = 298.15;

const kelvin = (celsius: number) => celsius + 273.15;

/** Molar enthalpy (kJ/mol) and heat capacity (kJ/(mol·K)) of each species; 0 where data are missing. */
export interface EnergyData {
  h(k: number, T: number): number;
  cp(k: number, T: number): number;
  /** Species without Hf or cp. */
  missing: ReadonlySet<number>;
}

const cache = new WeakMap<SpeciesTable, EnergyData>();

export function energyData(species: SpeciesTable): EnergyData {
  let e = cache.get(species);
  if (!e) {
    const fns = species.data.map((d) => thermoFunctions(d));
    const missing = new Set<number>();
    fns.forEach((f, k) => f || missing.add(k));
    e = {
      h: (k, T) => fns[k]?.h(T) ?? 0,
      cp: (k, T) => (fns[k] ? fns[k]!.cp(T) / 1000 : 0),
      missing,
    };
    cache.set(species, e);
  }
  return e;
}

/** The outlet temperature a unit holds, K, or undefined when it is adiabatic. */
export function heldTemperature(plant: CompiledFlowsheet, u: number, params: UnitDecl): number | undefined {
  if (typeof params.T === 'number') return kelvin(params.T);
  return plant.units[u].type.role === 'source' ? T_REFERENCE : undefined;
}

export function writeTemperatureRows(plant: CompiledFlowsheet, u: number, params: UnitDecl, eq: EquationBuilder, state: UnitState): void {
  const outlets = [...plant.units[u].outlets.values()];
  if (!outlets.length) return;
  const held = heldTemperature(plant, u, params);
  const first = plant.temperatureOffset + outlets[0];
  for (const s of outlets.slice(held === undefined ? 1 : 0)) {
    const v = plant.temperatureOffset + s;
    eq.begin(v, held ?? 0);
    eq.term(v, 1);
    if (held === undefined) eq.term(first, -1);
  }
  if (held === undefined) writeAdiabaticRow(plant, u, eq, state);
}

/** Whether a unit's temperature rows change with the state (an adiabatic balance). */
export function temperatureRowsAreNonlinear(plant: CompiledFlowsheet, u: number): boolean {
  return plant.units[u].outlets.size > 0 && heldTemperature(plant, u, plant.units[u].params) === undefined;
}

/** The flows that cross a unit's boundary: inlet and outlet streams, and reagent doses. */
function boundary(plant: CompiledFlowsheet, u: number) {
  const unit = plant.units[u];
  return {
    inlets: [...unit.inlets.values()].flat(),
    outlets: [...unit.outlets.values()],
    doses: (unit.model.reagents ?? []).map((g) => ({ k: g.species, v: unit.internalOffset + g.internal })),
  };
}

/**
 * r = Σ outlets n·h(T) − Σ inlets n·h(T_in) − Σ doses n·h(25 °C) (MJ/h) of unit u at the state, and
 * its partial derivatives: h on every flow, Σ n·cp on every stream's temperature. The same terms in
 * every call (the relaxation asks with zero flows at 25 °C).
 */
export function boundaryEnthalpy(plant: CompiledFlowsheet, u: number, state: UnitState): { r: number; terms: [number, number][]; outletHeat: number } {
  const S = plant.species.list.length;
  const e = energyData(plant.species);
  const { inlets, outlets, doses } = boundary(plant, u);
  const at = (v: number) => (state.initial ? 0 : state.value(v));
  const terms: [number, number][] = [];
  let r = 0;
  let outletHeat = 0;
  // The relaxation needs only the pattern: no enthalpy is evaluated for it.
  const hOf = state.initial ? () => 0 : e.h;
  const cpOf = state.initial ? () => 0 : e.cp;
  const stream = (s: number, sign: 1 | -1) => {
    const base = plant.streams[s].offset;
    const Tv = plant.temperatureOffset + s;
    const T = state.initial ? T_REFERENCE : state.value(Tv);
    let dT = 0;
    for (let k = 0; k < S; k++) {
      const n = at(base + k);
      const h = hOf(k, T);
      r += sign * n * h;
      dT += n * cpOf(k, T);
      terms.push([base + k, sign * h]);
    }
    terms.push([Tv, sign * dT]);
    if (sign > 0) outletHeat += dT;
  };
  for (const s of outlets) stream(s, 1);
  for (const s of inlets) stream(s, -1);
  for (const d of doses) {
    const h = hOf(d.k, T_REFERENCE);
    r -= at(d.v) * h;
    terms.push([d.v, -h]);
  }
  return { r, terms, outletHeat };
}

/** Writes the row r(x) = 0 of unknown `target`, linearised at the state: Σ c·v = Σ c·v* − r. */
function writeLinearised(eq: EquationBuilder, target: number, r: number, terms: readonly [number, number][], state: UnitState, shift = 0): void {
  let jx = 0;
  for (const [v, c] of terms) jx += c * state.value(v);
  eq.begin(target, jx - r - shift);
  for (const [v, c] of terms) eq.term(v, c);
}

function writeAdiabaticRow(plant: CompiledFlowsheet, u: number, eq: EquationBuilder, state: UnitState): void {
  const T1v = plant.temperatureOffset + [...plant.units[u].outlets.values()][0];
  const { r, terms, outletHeat } = boundaryEnthalpy(plant, u, state);
  if (state.initial || !(outletHeat > 1e-12 * Math.max(1, Math.abs(r)))) {
    // The relaxation, or nothing flows out of the unit: hold 25 °C with the same pattern.
    eq.begin(T1v, T_REFERENCE);
    eq.term(T1v, 1);
    for (const [v] of terms) if (v !== T1v) eq.term(v, 0);
    return;
  }
  writeLinearised(eq, T1v, r, terms, state);
}

/**
 * Adiabatic units whose outlets ended at the engine's temperature bounds: their heat cannot balance
 * without a duty (an evaporation, an endothermic roast). Undefined when there are none.
 */
export function adiabaticAtBounds(plant: CompiledFlowsheet, x: Float64Array): Diagnostic[] | undefined {
  const out: Diagnostic[] = [];
  const atBound = (s: number) => {
    const T = x[plant.temperatureOffset + s];
    return T <= T_MIN * (1 + 1e-9) ? 'low' : T >= T_MAX * (1 - 1e-9) ? 'high' : undefined;
  };
  plant.units.forEach((unit, u) => {
    if (!temperatureRowsAreNonlinear(plant, u)) return;
    const bound = atBound([...unit.outlets.values()][0]);
    // The unit where it starts: its own outlets at a bound, none of its inlets.
    if (!bound || [...unit.inlets.values()].flat().some((s) => atBound(s))) return;
    const low = bound === 'low';
    out.push({
      path: `units.${unit.id}`,
      unit: unit.id,
      message: `unit "${unit.id}" is adiabatic (it has no "T"), but for its heat to balance its outlets would have to leave ${low ? `below ${(T_MIN - 273.15).toFixed(0)}` : `above ${(T_MAX - 273.15).toFixed(0)}`} °C: its reactions ${low ? 'need' : 'release'} heat that only a duty can ${low ? 'supply' : 'remove'}. Give the unit a "T" (°C); its duty is then reported`,
    });
  });
  return out.length ? out : undefined;
}

/** Whether some species without Hf or cp flows in a stream or a dose of the solution x. */
export function flowsWithoutEnthalpy(plant: CompiledFlowsheet, x: Float64Array): boolean {
  const { missing } = energyData(plant.species);
  if (!missing.size) return false;
  for (const s of plant.streams) for (const k of missing) if (x[s.offset + k] > 0) return true;
  return plant.units.some((u) => (u.model.reagents ?? []).some((g) => missing.has(g.species) && x[u.internalOffset + g.internal] > 0));
}
