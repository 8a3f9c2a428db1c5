/**
 * The context a unit compiles in: species lookups, reactions parsed and checked once per plant,
 * located errors and warnings. Exported so that a unit can be compiled again with other parameters
 * (a re-solve after `set`, a specification's Newton, parameter fitting).
 */
import { ChemistryError, checkBalance, describeImbalance, parseEquation, stoichiometry } from './chemistry';
import type { Diagnostic } from './diagnostics';
import type { FlowBasis } from './document';
import { toKmolPerHour } from './basis';
import type { SpeciesTable } from './species';
import type { CompileContext, CompiledReaction } from './unit-type';

export type ReactionCheck = { ok: true; reaction: CompiledReaction } | { ok: false; problems: { message: string; species?: string }[] };

/** Parses an equation and checks its species and balance. */
function checkReaction(equation: string, species: SpeciesTable): ReactionCheck {
  let parsed;
  try {
    parsed = parseEquation(equation);
  } catch (e) {
    if (!(e instanceof ChemistryError)) throw e;
    return { ok: false, problems: [{ message: `reaction "${equation}": ${e.message}` }] };
  }
  const lookup = (id: string) => {
    const k = species.index.get(id);
    return k === undefined ? undefined : species.list[k];
  };
  const imbalances = checkBalance(parsed, lookup);
  if (imbalances.length) {
    return {
      ok: false,
      problems: imbalances.map((p) => ({ message: `reaction "${equation}": ${describeImbalance(p)}`, species: p.kind === 'unknown-species' ? p.symbol : undefined })),
    };
  }
  const terms = [...stoichiometry(parsed)].filter(([, nu]) => nu !== 0).map(([id, nu]) => ({ k: species.index.get(id)!, nu }));
  return { ok: true, reaction: { equation, terms } };
}

/** Where a unit's problems go: errors refuse the plant, warnings travel with the results. */
export interface ContextSinks {
  errors: Diagnostic[];
  warnings?: Diagnostic[];
  /** Shared by every unit of one plant: the same equation is parsed once. */
  reactionCache?: Map<string, ReactionCheck>;
}

export function makeContext(unit: { id: string }, path: string, species: SpeciesTable, basis: FlowBasis, sinks: ContextSinks | Diagnostic[]): CompileContext {
  const { errors, warnings, reactionCache = new Map() } = Array.isArray(sinks) ? { errors: sinks } : sinks;
  const locate = (relativePath: string) => {
    const relative = relativePath.replace(/\["([A-Za-z_$][\w$]*)"\]/g, '.$1').replace(/^\./, '');
    return relative ? `${path}.${relative}` : path;
  };
  const error: CompileContext['error'] = (relativePath, message, extra) => {
    errors.push({ path: locate(relativePath), message: `unit "${unit.id}": ${message}`, unit: unit.id, ...extra });
  };
  return {
    unitId: unit.id,
    path,
    species,
    toKmolPerHour: (k, amount) => toKmolPerHour(basis, amount, species.list[k].molarMass),
    error,
    warn(relativePath, message, extra) {
      warnings?.push({ path: locate(relativePath), message: `unit "${unit.id}": ${message}`, unit: unit.id, ...extra });
    },
    speciesIndex(id, relativePath) {
      const k = species.index.get(id);
      if (k === undefined) error(relativePath, `species "${id}" is not declared in "species"`, { species: id });
      return k;
    },
    reaction(equation, relativePath): CompiledReaction | undefined {
      let check = reactionCache.get(equation);
      if (!check) {
        check = checkReaction(equation, species);
        reactionCache.set(equation, check);
      }
      if (check.ok) return check.reaction;
      for (const p of check.problems) error(relativePath, p.message, p.species ? { species: p.species } : undefined);
      return undefined;
    },
  };
}
