/**
 * The plant's rows as one sparse system A·x = b, for callers that want the matrix itself (tests,
 * benchmarks, the reconciliation): the numbers stage (numbers.ts) written once. With a state x the
 * nonlinear rows are linearised there; without, they are the relaxation.
 */
import type { CompiledFlowsheet } from './compile';
import { PlantSystem, stateOf } from './numbers';
import type { CsrMatrix } from './sparse';

export interface AssembledSystem {
  A: CsrMatrix;
  b: Float64Array;
  /** Writer (unit index, or units.length + spec index) that owns (defines) each unknown. */
  owner: Int32Array;
}

export function assemble(plant: CompiledFlowsheet, x?: Float64Array): AssembledSystem {
  const system = new PlantSystem(plant, stateOf(new Float64Array(plant.nUnknowns), true));
  if (x) {
    plant.specs.forEach((s, j) => system.setSpecValue(j, x[s.unknown]));
    system.build(stateOf(x, false));
  }
  return { A: system.A, b: system.b, owner: system.owner };
}
