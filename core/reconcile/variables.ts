/**
 * The unknowns of a reconciliation, in an order of its own: the species flows of every stream
 * (stream s, species k at s·S + k, whatever the plant's own layout of unknowns), the reagent doses,
 * then the stock changes of the inventories a period measures. The plant's unknown of stream s,
 * species k is plant.streams[s].offset + k (`plantUnknown`): never computed from s and S.
 */
import type { CompiledFlowsheet } from '../compile';

export interface Dose {
  unit: string;
  unitIndex: number;
  species: number;
  /** The dose's internal unknown in its unit. */
  internal: number;
  variable: number;
}

/** Stock change (kmol/h averaged over the period, + when the inventory grows) of species k in a unit. */
export interface Accumulation {
  unit: string;
  unitIndex: number;
  species: number;
  variable: number;
}

export interface VariableIndex {
  nSpecies: number;
  /** Unknowns 0 … nStreamVars − 1 are stream species flows. */
  nStreamVars: number;
  doses: Dose[];
  accumulations: Accumulation[];
  nVars: number;
}

/** Stream flows and doses; stock changes are added by `withAccumulations`. */
export function variableIndex(plant: CompiledFlowsheet): VariableIndex {
  const S = plant.species.list.length;
  const nStreamVars = plant.streams.length * S;
  const doses: Dose[] = [];
  plant.units.forEach((unit, u) => {
    for (const g of unit.model.reagents ?? []) doses.push({ unit: unit.id, unitIndex: u, species: g.species, internal: g.internal, variable: nStreamVars + doses.length });
  });
  return { nSpecies: S, nStreamVars, doses, accumulations: [], nVars: nStreamVars + doses.length };
}

/** The index with a stock-change unknown for each (unit, species) pair, in the order given. */
export function withAccumulations(base: VariableIndex, plant: CompiledFlowsheet, pairs: readonly { unitIndex: number; species: number }[]): VariableIndex {
  const first = base.nStreamVars + base.doses.length;
  const accumulations = pairs.map(({ unitIndex, species }, i) => ({ unit: plant.units[unitIndex].id, unitIndex, species, variable: first + i }));
  return { ...base, accumulations, nVars: first + accumulations.length };
}

/** The reconciliation's unknown for species k of stream s. */
export function streamVariable(index: VariableIndex, s: number, k: number): number {
  return s * index.nSpecies + k;
}

/** The plant's unknown for species k of stream s. */
export function plantUnknown(plant: CompiledFlowsheet, s: number, k: number): number {
  return plant.streams[s].offset + k;
}

/** Whether unknown v must stay ≥ 0 (flows and doses; a stock change may be negative). */
export function isFlow(index: VariableIndex, v: number): boolean {
  return v < index.nStreamVars + index.doses.length;
}

/** Every unknown of the reconciliation from a plant solution (doses from the units' internals; stock changes 0). */
export function variablesFromSolution(plant: CompiledFlowsheet, solutionX: Float64Array, index: VariableIndex = variableIndex(plant)): Float64Array {
  const x = new Float64Array(index.nVars);
  const S = index.nSpecies;
  plant.streams.forEach((_, s) => {
    for (let k = 0; k < S; k++) x[streamVariable(index, s, k)] = solutionX[plantUnknown(plant, s, k)];
  });
  for (const d of index.doses) x[d.variable] = solutionX[plant.units[d.unitIndex].internalOffset + d.internal];
  return x;
}

export interface VariableDescription {
  stream?: string;
  reagentOf?: string;
  inventory?: string;
  species: string;
  text: string;
}

/** Describes unknown v: "Co[2+](aq) in stream pls", "dose of H2O2(aq) into leach", "stock change of … in tank". */
export function describeVariable(plant: CompiledFlowsheet, index: VariableIndex, v: number): VariableDescription {
  const S = index.nSpecies;
  if (v < index.nStreamVars) {
    const stream = plant.streams[Math.floor(v / S)].id;
    const species = plant.species.list[v % S].id;
    return { stream, species, text: `${species} in stream "${stream}"` };
  }
  const d = index.doses.find((x) => x.variable === v);
  if (d) {
    const species = plant.species.list[d.species].id;
    return { reagentOf: d.unit, species, text: `dose of ${species} into unit "${d.unit}"` };
  }
  const a = index.accumulations.find((x) => x.variable === v)!;
  const species = plant.species.list[a.species].id;
  return { inventory: a.unit, species, text: `stock change of ${species} in unit "${a.unit}"` };
}
