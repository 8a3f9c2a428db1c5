/**
 * Reactions in series with reagents dosed to demand, as equations linear in the flows. Shared by
 * every unit that reacts (reactor, leach, precipitator, roaster, ...).
 *
 * Internal unknowns: one extent ξ_r per reaction (kmol/h), then one dose per reagent (kmol/h).
 *   ξ_r = c_r / |ν_r,key| · (in[key] + dose[key] + Σ_{r'<r} ν_r',key · ξ_r')
 *   dose_R = (1 + excess_R) · Σ_r (−ν_r,R) · ξ_r   [− in[R] when dosed net of what enters]
 *   out[k] = in[k] + dose[k] + Σ_r ν_r,k · ξ_r
 */
import type { CompileContext, CompiledReaction, EquationBuilder, UnitModel } from '../core/unit-type';

export interface ReactionSpec {
  equation: string;
  key: string;
  conversion: number;
}

export interface ReagentSpec {
  excess?: number;
  net?: boolean;
}

export interface ReactionSet {
  reactions: ReadonlyArray<CompiledReaction & { key: number; conversion: number }>;
  reagents: ReadonlyArray<{ species: number; excess: number; net: boolean }>;
}

export function compileReactions(
  specs: readonly ReactionSpec[],
  reagentSpecs: Record<string, ReagentSpec>,
  ctx: CompileContext,
  path = 'reactions',
  reagentsPath = 'reagents',
): ReactionSet | undefined {
  let ok = true;
  const reactions: ReactionSet['reactions'][number][] = [];
  specs.forEach((spec, r) => {
    const at = `${path}[${r}]`;
    const compiled = ctx.reaction(spec.equation, `${at}.equation`);
    const key = ctx.speciesIndex(spec.key, `${at}.key`);
    if (!compiled || key === undefined) {
      ok = false;
      return;
    }
    const nu = compiled.terms.find((t) => t.k === key)?.nu ?? 0;
    if (nu >= 0) {
      ctx.error(`${at}.key`, `key "${spec.key}" is not consumed by reaction ${r + 1} "${spec.equation}"`, { species: spec.key });
      ok = false;
      return;
    }
    reactions.push({ ...compiled, key, conversion: spec.conversion });
  });
  const reagents: ReactionSet['reagents'][number][] = [];
  for (const [id, spec] of Object.entries(reagentSpecs)) {
    const at = `${reagentsPath}[${JSON.stringify(id)}]`;
    const k = ctx.speciesIndex(id, at);
    if (k === undefined) {
      ok = false;
      continue;
    }
    if (ok && !reactions.some((rx) => rx.terms.some((t) => t.k === k && t.nu < 0))) {
      ctx.error(at, `reagent "${id}" is not consumed by any reaction of this unit`, { species: id });
      ok = false;
      continue;
    }
    reagents.push({ species: k, excess: spec.excess ?? 0, net: spec.net ?? false });
  }
  return ok ? { reactions, reagents } : undefined;
}

/**
 * The reacting part of a unit: equations for `out` (base index of a species vector the unit owns)
 * from `inlets`, using internals firstInternal … firstInternal + count − 1.
 */
export function reactionModel(set: ReactionSet, nSpecies: number, firstInternal = 0) {
  const nR = set.reactions.length;
  const doseOf = new Map(set.reagents.map((g, i) => [g.species, firstInternal + nR + i]));
  return {
    internals: nR + set.reagents.length,
    reagents: set.reagents.map((g, i) => ({ species: g.species, internal: firstInternal + nR + i })),
    describeInternal(i: number, speciesName: (k: number) => string): string | undefined {
      const j = i - firstInternal;
      if (j >= 0 && j < nR) return `extent of reaction ${j + 1} "${set.reactions[j].equation}"`;
      if (j >= nR && j < nR + set.reagents.length) return `dose of ${speciesName(set.reagents[j - nR].species)}`;
      return undefined;
    },
    equations(eq: EquationBuilder, inlets: readonly number[], out: number): void {
      const extent = (r: number) => eq.internal(firstInternal + r);
      set.reactions.forEach((rx, r) => {
        const nuKey = -rx.terms.find((t) => t.k === rx.key)!.nu;
        const c = rx.conversion / nuKey;
        const vars = [extent(r)];
        const coefs = [1];
        for (const base of inlets) {
          vars.push(base + rx.key);
          coefs.push(-c);
        }
        const dose = doseOf.get(rx.key);
        if (dose !== undefined) {
          vars.push(eq.internal(dose));
          coefs.push(-c);
        }
        for (let p = 0; p < r; p++) {
          const nu = set.reactions[p].terms.find((t) => t.k === rx.key)?.nu;
          if (nu) {
            vars.push(extent(p));
            coefs.push(-c * nu);
          }
        }
        eq.equation(extent(r), vars, coefs);
      });
      set.reagents.forEach((g, i) => {
        const dose = eq.internal(firstInternal + nR + i);
        const vars = [dose];
        const coefs = [1];
        set.reactions.forEach((rx, r) => {
          const nu = rx.terms.find((t) => t.k === g.species)?.nu;
          if (nu) {
            vars.push(extent(r));
            coefs.push((1 + g.excess) * nu);
          }
        });
        if (g.net) {
          for (const base of inlets) {
            vars.push(base + g.species);
            coefs.push(1);
          }
        }
        eq.equation(dose, vars, coefs);
      });
      const produced: { r: number; nu: number }[][] = Array.from({ length: nSpecies }, () => []);
      set.reactions.forEach((rx, r) => rx.terms.forEach((t) => produced[t.k].push({ r, nu: t.nu })));
      for (let k = 0; k < nSpecies; k++) {
        const vars = [out + k];
        const coefs = [1];
        for (const base of inlets) {
          vars.push(base + k);
          coefs.push(-1);
        }
        const dose = doseOf.get(k);
        if (dose !== undefined) {
          vars.push(eq.internal(dose));
          coefs.push(-1);
        }
        for (const { r, nu } of produced[k]) {
          vars.push(extent(r));
          coefs.push(-nu);
        }
        eq.equation(out + k, vars, coefs);
      }
    },
  };
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
