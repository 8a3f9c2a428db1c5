/**
 * Solving a compiled plant once: the short way through Plant (plant.ts) for callers that do not
 * re-solve. Throws FlexsheetError, in process terms, for a plant that has no steady state.
 */
import type { CompiledFlowsheet } from './compile';
import { Plant, type PlantOptions, type Solution } from './plant';

export type { Solution, SolverStats } from './plant';

export function solvePlant(plant: CompiledFlowsheet, options?: PlantOptions): Solution {
  return new Plant(plant, options).solve();
}
