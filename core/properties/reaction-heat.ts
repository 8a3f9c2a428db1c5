/** Heat of reaction of an equation written as in the flowsheet files. */
import { parseEquation, parseSpeciesId, stoichiometry } from '../chemistry';
import { reactionEnthalpy, T_REF, type ReactionTerm } from './enthalpy';
import { speciesData } from './lookup';
import type { SpeciesData } from './types';

/** The built-in data of a species id (no file values). */
const builtIn = (id: string): SpeciesData => speciesData(parseSpeciesId(id));

/**
 * ΔH (kJ per mole of reaction as written) of e.g. "4 Fe(s) + 3 O2(g) -> 2 Fe2O3(s)" at T (K),
 * each species' data from `data` (default: the built-in table). undefined when data are missing.
 */
export function equationEnthalpy(
  equation: string,
  T: number = T_REF,
  data: (id: string) => SpeciesData = builtIn,
): number | undefined {
  const terms: ReactionTerm[] = [];
  for (const [id, coefficient] of stoichiometry(parseEquation(equation))) terms.push({ coefficient, data: data(id) });
  return reactionEnthalpy(terms, T);
}
