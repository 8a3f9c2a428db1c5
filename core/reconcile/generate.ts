/**
 * Synthetic pilot data: the true values of chosen measurements on a solved plant, plus Gaussian
 * noise of a stated size from a seeded generator. Used by the tests and to write example data.
 */
import type { CompiledFlowsheet } from '../compile';
import { measurementModel, variableIndex, type Measurement, type VariableIndex } from './measurements';
import type { Rng } from './rng';

export interface PlanItem {
  stream: string;
  component: string;
  unit: string;
  /** Relative standard deviation (fraction of the true value) ... */
  rel?: number;
  /** ... or an absolute one, in `unit`. */
  sd?: number;
  note?: string;
}

/** Every unknown of the reconciliation (stream flows, then doses) from a plant solution. */
export function variablesFromSolution(plant: CompiledFlowsheet, solutionX: Float64Array, index: VariableIndex = variableIndex(plant)): Float64Array {
  const x = new Float64Array(index.nVars);
  x.set(solutionX.subarray(0, index.nStreamVars));
  for (const d of index.doses) x[d.variable] = solutionX[plant.units[d.unitIndex].internalOffset + d.internal];
  return x;
}

/** The value a measurement would read, without error, on flows x (variablesFromSolution). */
export function trueValue(plant: CompiledFlowsheet, x: Float64Array, item: Pick<PlanItem, 'stream' | 'component' | 'unit'>, index: VariableIndex = variableIndex(plant)): number {
  const { model } = measurementModel(plant, index, item);
  let a = 0;
  for (const [v, c] of model.num) a += c * x[v];
  if (!model.den) return a;
  let b = 0;
  for (const [v, c] of model.den) b += c * x[v];
  return b > 0 ? (model.scale * a) / b : 0;
}

/**
 * Measurements of the plan on a solved plant: true value + sd·N(0, 1), sd = rel·true (or the
 * plan's sd). A value the noise would make negative is read as zero. `bias` adds a planted gross
 * error to chosen items (by position in the plan), in units of their sd.
 */
export function synthesize(
  plant: CompiledFlowsheet,
  solutionX: Float64Array,
  plan: readonly PlanItem[],
  rng: Rng,
  options: { run?: string; bias?: ReadonlyMap<number, number>; noise?: boolean } = {},
): Measurement[] {
  const index = variableIndex(plant);
  const x = variablesFromSolution(plant, solutionX, index);
  return plan.map((item, i) => {
    const truth = trueValue(plant, x, item, index);
    const sd = item.sd ?? (item.rel ?? 0.02) * truth;
    if (!(sd > 0)) throw new Error(`plan item ${i + 1} (${item.component} in ${item.stream}): its true value is 0, so give an absolute sd`);
    const e = options.noise === false ? 0 : rng.normal();
    const bias = (options.bias?.get(i) ?? 0) * sd;
    const value = Math.max(0, truth + sd * e + bias);
    return { stream: item.stream, component: item.component, value, unit: item.unit, sd, ...(options.run ? { run: options.run } : {}), ...(item.note ? { note: item.note } : {}) };
  });
}
