/**
 * What a plant's reconciliations share, computed once per compiled plant and reused by every run,
 * every round of gross-error elimination and every parameter fit: each unit run by itself
 * (sandbox.ts), the balances at each level, the index of unknowns, and the structure (free unknowns,
 * balances over them, null-space basis) for each set of free unknowns a data set asks for.
 */
import type { CompiledFlowsheet } from '../compile';
import { plantBalances, unitSandboxes, type BalanceLevel, type PlantBalances } from './balances';
import type { UnitSandbox } from './sandbox';
import { buildStructure, type Structure } from './structure';
import { variableIndex, variablesFromSolution, type VariableIndex } from './variables';
import { plantVolumes, type VolumeData } from './volumes';

export interface Reconciler {
  plant: CompiledFlowsheet;
  /** The plant's simulated solution (solvePlant(plant).x). */
  nominal: Float64Array;
  volumes: VolumeData;
  /** Stream flows and doses. */
  baseIndex: VariableIndex;
  /** Simulated value of every unknown of baseIndex. */
  xNominal: Float64Array;
  sandboxes(): readonly (UnitSandbox | undefined)[];
  laws(level: BalanceLevel): PlantBalances;
  /** The structure for an index (base, or with stock changes) and its free unknowns; cached. */
  structure(index: VariableIndex, level: BalanceLevel, free: number[]): Structure;
}

export interface ReconcilerOptions {
  /** Volumes of species (m³/kmol); default: the file's `density` and `molarVolume`, water, gases. */
  volumes?: VolumeData;
}

/** A reconciler for a compiled plant and its simulated solution. */
export function createReconciler(plant: CompiledFlowsheet, nominal: Float64Array, options: ReconcilerOptions = {}): Reconciler {
  const baseIndex = variableIndex(plant);
  const xNominal = variablesFromSolution(plant, nominal, baseIndex);
  let sandboxes: (UnitSandbox | undefined)[] | undefined;
  const laws = new Map<BalanceLevel, PlantBalances>();
  const structures = new Map<string, Structure>();
  const self: Reconciler = {
    plant,
    nominal,
    volumes: options.volumes ?? plantVolumes(plant),
    baseIndex,
    xNominal,
    sandboxes: () => (sandboxes ??= unitSandboxes(plant)),
    laws(level) {
      let l = laws.get(level);
      if (!l) laws.set(level, (l = plantBalances(plant, level, self.sandboxes())));
      return l;
    },
    structure(index, level, free) {
      const key = `${level}|${index.accumulations.map((a) => `${a.unitIndex}:${a.species}`).join(',')}|${free.join(',')}`;
      let s = structures.get(key);
      if (!s) structures.set(key, (s = buildStructure(plant, self.laws(level), index, nominalOver(index), free)));
      return s;
    },
  };
  const nominalOver = (index: VariableIndex) => {
    if (index.nVars === baseIndex.nVars) return xNominal;
    const x = new Float64Array(index.nVars);
    x.set(xNominal);
    return x;
  };
  return self;
}
