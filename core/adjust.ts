/**
 * A unit compiled again with some of its numeric parameters set to new values: what a re-solve
 * after `plant.set` and a specification's Newton need. The unit type's own `adjust` says how a value
 * is written (a splitter gives its last outlet the rest); the unit's checks run as in compile.
 */
import type { CompiledFlowsheet } from './compile';
import { compileUnit } from './compile';
import { FlexsheetError, type Diagnostic } from './diagnostics';
import type { UnitDecl } from './document';
import { withValueAt, type Segment } from './params';
import type { UnitModel } from './unit-type';

export interface UnitAt {
  model: UnitModel;
  params: UnitDecl;
}

/** `params` with `value` written at `path` the unit type's way; a string says why it cannot be. */
export function adjustParams(plant: CompiledFlowsheet, u: number, params: UnitDecl, path: readonly Segment[], value: number): UnitDecl | string {
  const type = plant.units[u].type;
  if (!type.adjust) return withValueAt(params, path, value);
  const out = type.adjust(params, path, value);
  return out && typeof out === 'object' && 'error' in out && typeof out.error === 'string' ? out.error : (out as UnitDecl);
}

/**
 * Unit u compiled with every spec that adjusts it at `values` (one per spec of the plant).
 * Undefined when the unit refuses those values and `quiet`; otherwise a refusal is thrown.
 */
export function compileUnitAt(plant: CompiledFlowsheet, u: number, values: ArrayLike<number>, quiet = false): UnitAt | undefined {
  const unit = plant.units[u];
  let params = unit.params;
  const errors: Diagnostic[] = [];
  plant.specs.forEach((spec, j) => {
    if (spec.unit !== u) return;
    const next = adjustParams(plant, u, params, spec.param, values[j]);
    if (typeof next === 'string') errors.push({ path: spec.path, message: `spec "${spec.id}": ${next}`, unit: unit.id });
    else params = next;
  });
  return compileWith(plant, u, params, errors, quiet);
}

/** Unit u compiled with `params`; undefined (quiet) or a thrown refusal when they do not compile. */
export function compileWith(plant: CompiledFlowsheet, u: number, params: UnitDecl, errors: Diagnostic[] = [], quiet = false): UnitAt | undefined {
  const unit = plant.units[u];
  const probe = { ...unit, params, model: unit.model };
  if (!errors.length) compileUnit(probe, plant.species, plant.basis, { errors, reactionCache: plant.reactionCache });
  if (errors.length) {
    if (quiet) return undefined;
    throw new FlexsheetError(errors);
  }
  return { model: probe.model, params };
}
