/**
 * An unreachable specification: when the Newton cannot hold a target, each spec is solved with its
 * parameter held at the bounds of its range, and a spec whose target lies outside what the bounds
 * reach is refused, naming the bound at which the target comes nearest and the value it reaches there.
 */
import type { CompiledFlowsheet } from './compile';
import type { Diagnostic } from './diagnostics';
import { formatPath } from './params';
import { targetValue } from './specs';

export function holdSpecsAtBounds(plant: CompiledFlowsheet, _x: Float64Array, solveWithFixed: (fixed: ReadonlyMap<number, number>) => Float64Array | undefined): Diagnostic[] {
  const problems: Diagnostic[] = [];
  plant.specs.forEach((spec, j) => {
    const reached: { bound: 'min' | 'max'; at: number; value: number }[] = [];
    for (const bound of ['min', 'max'] as const) {
      const at = spec[bound];
      if (!Number.isFinite(at)) continue;
      const x = solveWithFixed(new Map([[j, at]]));
      if (x) reached.push({ bound, at, value: targetValue(plant, spec, x) });
    }
    if (!reached.length) return;
    const lo = Math.min(...reached.map((r) => r.value));
    const hi = Math.max(...reached.map((r) => r.value));
    const inside = reached.length === 2 && spec.value >= lo - 1e-9 * Math.abs(lo) && spec.value <= hi + 1e-9 * Math.abs(hi);
    if (inside) return;
    const nearest = reached.reduce((a, r) => (Math.abs(r.value - spec.value) < Math.abs(a.value - spec.value) ? r : a));
    const unit = plant.units[spec.unit];
    problems.push({
      path: spec.path,
      unit: unit.id,
      message:
        `spec "${spec.id}" cannot be met: ${spec.label} = ${spec.value} is out of reach of unit "${unit.id}" ${formatPath(spec.param)} ` +
        `in [${spec.min}, ${spec.max}]; the target comes nearest at the ${nearest.bound}, ${nearest.at}, where it reaches ${Number(nearest.value.toPrecision(6))}`,
    });
  });
  return problems;
}
