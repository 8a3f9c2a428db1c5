export { ATOMIC_WEIGHTS, isElement } from './elements';
export { ChemistryError } from './errors';
export { PHASES, parseFormula, parseSpeciesId, molarMass } from './formula';
export type { Phase, ParsedFormula, SpeciesInfo } from './formula';
export { parseEquation, stoichiometry, checkBalance, describeImbalance } from './reaction';
export type { Term, Equation, Imbalance, SpeciesLookup } from './reaction';
