/**
 * Reactions in series with reagents dosed to demand. Shared by every unit that reacts (reactor,
 * leach, precipitator, roaster, ...).
 *
 * Internal unknowns: one extent ξ_r per reaction (kmol/h), then one dose per reagent (kmol/h).
 *   A_r,k = in[k] + dose[k] + Σ_{r'<r} ν_r',k · ξ_r'            (k available to reaction r)
 *   ξ_r = c_r / |ν_r,key| · A_r,key                              (a fixed conversion c_r: linear)
 *   ξ_r = max(0, min(ξ_sat, caps))                                (a solubility, solubility.ts: Newton)
 *   dose_R = (1 + excess_R) · Σ_r (−ν_r,R) · ξ_r   [− in[R] when dosed net of what enters]
 *   out[k] = in[k] + dose[k] + Σ_r ν_r,k · ξ_r
 * Only the units that say so accept `solubility` (crystallizer, precipitator); every other unit
 * refuses a reaction without `conversion`.
 */
import type { CompileContext, CompiledReaction, EquationBuilder, UnitModel, UnitState } from '../core/unit-type';
import { resolveSolubility, writeSolubilityRow, type SolubilityLimit } from './solubility';

export interface ReactionSpec {
  equation: string;
  key: string;
  conversion?: number;
  /** Instead of conversion (crystallizer, precipitator): kg key per 100 kg water left, or "table". */
  solubility?: number | 'table';
}

export interface ReagentSpec {
  excess?: number;
  net?: boolean;
}

type CompiledStep = CompiledReaction & { key: number; conversion?: number; limit?: SolubilityLimit };

export interface ReactionSet {
  reactions: ReadonlyArray<CompiledStep>;
  reagents: ReadonlyArray<{ species: number; excess: number; net: boolean }>;
}

/** What a unit type lets its reactions do beyond a fixed conversion. */
export interface ReactionOptions {
  /** Accept `solubility`, taking the table's s at this temperature (°C). */
  solubilityAt?: number;
  /** The unit type's name, for the refusal of a solubility it does not support. */
  unitType?: string;
}

export function compileReactions(
  specs: readonly ReactionSpec[],
  reagentSpecs: Record<string, ReagentSpec>,
  ctx: CompileContext,
  path = 'reactions',
  reagentsPath = 'reagents',
  options: ReactionOptions = {},
): ReactionSet | undefined {
  let ok = true;
  const reactions: CompiledStep[] = [];
  specs.forEach((spec, r) => {
    const step = compileStep(spec, r, `${path}[${r}]`, ctx, options);
    if (step) reactions.push(step);
    else ok = false;
  });
  const consumed = new Set<number>();
  for (const rx of reactions) for (const t of rx.terms) if (t.nu < 0) consumed.add(t.k);
  const reagents: ReactionSet['reagents'][number][] = [];
  for (const [id, spec] of Object.entries(reagentSpecs)) {
    const at = `${reagentsPath}[${JSON.stringify(id)}]`;
    const k = ctx.speciesIndex(id, at);
    if (k === undefined) {
      ok = false;
      continue;
    }
    if (ok && !consumed.has(k)) {
      ctx.error(at, `reagent "${id}" is not consumed by any reaction of this unit`, { species: id });
      ok = false;
      continue;
    }
    reagents.push({ species: k, excess: spec.excess ?? 0, net: spec.net ?? false });
  }
  return ok ? { reactions, reagents } : undefined;
}

/** One reaction: its equation, key, and a conversion or a solubility limit; undefined after errors. */
function compileStep(spec: ReactionSpec, r: number, at: string, ctx: CompileContext, options: ReactionOptions): CompiledStep | undefined {
  const compiled = ctx.reaction(spec.equation, `${at}.equation`);
  const key = ctx.speciesIndex(spec.key, `${at}.key`);
  if (!compiled || key === undefined) return undefined;
  const nu = compiled.terms.find((t) => t.k === key)?.nu ?? 0;
  if (nu >= 0) {
    ctx.error(`${at}.key`, `key "${spec.key}" is not consumed by reaction ${r + 1} "${spec.equation}"`, { species: spec.key });
    return undefined;
  }
  if (typeof spec.conversion === 'number') return { ...compiled, key, conversion: spec.conversion };
  if (spec.solubility === undefined) {
    ctx.error(at, `reaction ${r + 1} gives neither "conversion" nor "solubility"`);
    return undefined;
  }
  if (options.solubilityAt === undefined) {
    ctx.error(`${at}.solubility`, `a ${options.unitType ?? 'unit of this type'} converts at a fixed "conversion"; "solubility" is for crystallizer and precipitator reactions`);
    return undefined;
  }
  const limit = resolveSolubility(spec.solubility, compiled, key, options.solubilityAt, ctx, at);
  return limit && { ...compiled, key, limit };
}

/** Per species, the reactions that change it, in order: [reaction index, ν]. Built once. */
type SpeciesIndex = ReadonlyArray<ReadonlyArray<readonly [number, number]>>;

function indexBySpecies(set: ReactionSet, nSpecies: number): SpeciesIndex {
  const touching: [number, number][][] = Array.from({ length: nSpecies }, () => []);
  set.reactions.forEach((rx, r) => rx.terms.forEach((t) => touching[t.k].push([r, t.nu])));
  return touching;
}

/** Σ (variable, coefficient) of species k available to reaction r: inlets, its dose, the reactions before. */
function availableTerms(touching: SpeciesIndex, eq: EquationBuilder, inlets: readonly number[], doseOf: Map<number, number>, extent: (r: number) => number, k: number, r: number): [number, number][] {
  const terms: [number, number][] = inlets.map((base) => [base + k, 1]);
  const dose = doseOf.get(k);
  if (dose !== undefined) terms.push([eq.internal(dose), 1]);
  for (const [p, nu] of touching[k]) {
    if (p >= r) break;
    terms.push([extent(p), nu]);
  }
  return terms;
}

/**
 * The reacting part of a unit: equations for `out` (base index of a species vector the unit owns)
 * from `inlets`, using internals firstInternal … firstInternal + count − 1. `linearize` writes the
 * rows of the solubility extents (none when `nonlinear` is false).
 */
export function reactionModel(set: ReactionSet, nSpecies: number, firstInternal = 0) {
  const nR = set.reactions.length;
  const doseOf = new Map(set.reagents.map((g, i) => [g.species, firstInternal + nR + i]));
  const touching = indexBySpecies(set, nSpecies);
  const keyNu = set.reactions.map((rx) => -rx.terms.find((t) => t.k === rx.key)!.nu);
  const extentOf = (eq: EquationBuilder) => (r: number) => eq.internal(firstInternal + r);
  const available = (eq: EquationBuilder, inlets: readonly number[], k: number, r: number) => availableTerms(touching, eq, inlets, doseOf, extentOf(eq), k, r);
  return {
    internals: nR + set.reagents.length,
    reagents: set.reagents.map((g, i) => ({ species: g.species, internal: firstInternal + nR + i })),
    nonlinear: set.reactions.some((rx) => rx.limit),
    describeInternal(i: number, speciesName: (k: number) => string): string | undefined {
      const j = i - firstInternal;
      if (j >= 0 && j < nR) return `extent of reaction ${j + 1} "${set.reactions[j].equation}"`;
      if (j >= nR && j < nR + set.reagents.length) return `dose of ${speciesName(set.reagents[j - nR].species)}`;
      return undefined;
    },
    equations(eq: EquationBuilder, inlets: readonly number[], out: number): void {
      set.reactions.forEach((rx, r) => {
        if (rx.conversion === undefined) return;
        eq.begin(extentOf(eq)(r));
        eq.term(extentOf(eq)(r), 1);
        for (const [v, c] of available(eq, inlets, rx.key, r)) eq.term(v, (-rx.conversion / keyNu[r]) * c);
      });
      writeDoses(set, touching, eq, inlets, firstInternal);
      writeOutlets(touching, eq, inlets, out, doseOf, extentOf(eq), nSpecies);
    },
    linearize(eq: EquationBuilder, state: UnitState, inlets: readonly number[], molarMass: (k: number) => number): void {
      set.reactions.forEach((rx, r) => {
        if (!rx.limit) return;
        writeSolubilityRow(eq, state, extentOf(eq)(r), rx, rx.key, rx.limit, (e, k) => available(e, inlets, k, r), molarMass);
      });
    },
  };
}

/** dose_R = (1 + excess)·Σ_r (−ν_r,R)·ξ_r, less what enters when dosed net. */
function writeDoses(set: ReactionSet, touching: SpeciesIndex, eq: EquationBuilder, inlets: readonly number[], firstInternal: number): void {
  const nR = set.reactions.length;
  set.reagents.forEach((g, i) => {
    const dose = eq.internal(firstInternal + nR + i);
    eq.begin(dose);
    eq.term(dose, 1);
    for (const [r, nu] of touching[g.species]) eq.term(eq.internal(firstInternal + r), (1 + g.excess) * nu);
    if (g.net) for (const base of inlets) eq.term(base + g.species, 1);
  });
}

/** out[k] = in[k] + dose[k] + Σ_r ν_r,k·ξ_r. */
function writeOutlets(touching: SpeciesIndex, eq: EquationBuilder, inlets: readonly number[], out: number, doseOf: Map<number, number>, extent: (r: number) => number, nSpecies: number): void {
  for (let k = 0; k < nSpecies; k++) {
    eq.begin(out + k);
    eq.term(out + k, 1);
    for (const base of inlets) eq.term(base + k, -1);
    const dose = doseOf.get(k);
    if (dose !== undefined) eq.term(eq.internal(dose), -1);
    for (const [r, nu] of touching[k]) eq.term(extent(r), -nu);
  }
}

/** Wraps a reaction set as a whole unit model reacting `in` into `out`. */
export function reactorModel(set: ReactionSet, ctx: CompileContext): UnitModel {
  const model = reactionModel(set, ctx.species.list.length);
  return {
    internals: model.internals,
    reagents: model.reagents,
    describeInternal: (i) => model.describeInternal(i, (k) => ctx.species.list[k].id) ?? `internal ${i}`,
    equations: (eq) => model.equations(eq, eq.inlets('in'), eq.outlet('out')),
  };
}
