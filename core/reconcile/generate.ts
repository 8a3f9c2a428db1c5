/**
 * Synthetic pilot data: the true values of chosen measurements on a solved plant, plus Gaussian
 * noise of a stated size from a seeded generator. Used by the tests and to write example data.
 */
import type { CompiledFlowsheet } from '../compile';
import { evaluateModel, measurementModel, type Measurement } from './measurements';
import type { Rng } from './rng';
import { variableIndex, variablesFromSolution, type VariableIndex } from './variables';
import { plantVolumes, type VolumeData } from './volumes';

export interface PlanItem {
  /** A stream id, `reagent:UNIT` or `stock:UNIT`. */
  stream: string;
  component: string;
  unit: string;
  /** Relative standard deviation (fraction of the true value) ... */
  rel?: number;
  /** ... or an absolute one, in `unit`. */
  sd?: number;
  note?: string;
}

/** The value a measurement would read, without error, on unknowns x (variablesFromSolution). */
export function trueValue(
  plant: CompiledFlowsheet,
  x: Float64Array,
  item: Pick<PlanItem, 'stream' | 'component' | 'unit'> & { hours?: number },
  index: VariableIndex = variableIndex(plant),
  volumes: VolumeData = plantVolumes(plant),
): number {
  return evaluateModel(measurementModel(plant, index, item, volumes).model, x);
}

export interface SynthesizeOptions {
  run?: string;
  /** Planted gross errors: plan position → size in sd. */
  bias?: ReadonlyMap<number, number>;
  noise?: boolean;
  /** The period the data cover, h (amounts over the period need it). */
  hours?: number;
  volumes?: VolumeData;
}

/**
 * Measurements of the plan on a solved plant: true value + sd·N(0, 1), sd = rel·|true| (or the
 * plan's sd). A flow or assay the noise would make negative is read as zero. `bias` adds a planted
 * gross error to chosen items (by position in the plan), in units of their sd.
 */
export function synthesize(plant: CompiledFlowsheet, solutionX: Float64Array, plan: readonly PlanItem[], rng: Rng, options: SynthesizeOptions = {}): Measurement[] {
  const index = variableIndex(plant);
  return synthesizeFrom(plant, index, variablesFromSolution(plant, solutionX, index), plan, rng, options);
}

/** As synthesize, from the true value of every unknown of an index (stock changes included, kmol/h). */
export function synthesizeFrom(plant: CompiledFlowsheet, index: VariableIndex, x: Float64Array, plan: readonly PlanItem[], rng: Rng, options: SynthesizeOptions = {}): Measurement[] {
  const volumes = options.volumes ?? plantVolumes(plant);
  const hours = options.hours;
  return plan.map((item, i) => {
    const truth = trueValue(plant, x, { ...item, ...(hours !== undefined ? { hours } : {}) }, index, volumes);
    const sd = item.sd ?? (item.rel ?? 0.02) * Math.abs(truth);
    if (!(sd > 0)) throw new Error(`plan item ${i + 1} (${item.component} in ${item.stream}): its true value is 0, so give an absolute sd`);
    const e = options.noise === false ? 0 : rng.normal();
    const bias = (options.bias?.get(i) ?? 0) * sd;
    const raw = truth + sd * e + bias;
    const value = item.stream.startsWith('stock:') ? raw : Math.max(0, raw);
    return {
      stream: item.stream,
      component: item.component,
      value,
      unit: item.unit,
      sd,
      ...(options.run ? { run: options.run } : {}),
      ...(hours !== undefined ? { hours } : {}),
      ...(item.note ? { note: item.note } : {}),
    };
  });
}
