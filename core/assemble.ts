/**
 * Assembles a compiled plant into one sparse linear system A·x = b in the molar flows (kmol/h).
 * Row i is the equation for unknown i, as the units declare it, so the solver can order the
 * system by the strongly connected components of the unknowns' dependency graph.
 */
import { FlexsheetError, type Diagnostic } from './diagnostics';
import type { CompiledFlowsheet } from './compile';
import { CsrBuilder, type CsrMatrix } from './sparse';
import { equationBuilder } from './unit-type';

export interface AssembledSystem {
  A: CsrMatrix;
  b: Float64Array;
  /** Unit index that owns (defines) each unknown. */
  owner: Int32Array;
}

export function assemble(plant: CompiledFlowsheet): AssembledSystem {
  const n = plant.nUnknowns;
  const nSpecies = plant.species.list.length;
  const owner = new Int32Array(n).fill(-1);
  plant.units.forEach((unit, u) => {
    for (const s of unit.outlets.values()) owner.fill(u, plant.streams[s].offset, plant.streams[s].offset + nSpecies);
    owner.fill(u, unit.internalOffset, unit.internalOffset + unit.internals);
  });
  const builder = new CsrBuilder(n, 4 * n); // 2–3 entries per equation in real plants, plus the pairing entry
  const b = new Float64Array(n);
  const defined = new Uint8Array(n);
  const problems: Diagnostic[] = [];

  let row = -1;
  plant.units.forEach((unit, u) => {
    const eq = equationBuilder({
      nSpecies,
      outlet(port) {
        const s = unit.outlets.get(port);
        if (s === undefined) throw new Error(`unit type "${unit.type.type}" asked for outlet "${port}", which it does not declare`);
        return plant.streams[s].offset;
      },
      inlets(port) {
        return (unit.inlets.get(port) ?? []).map((s) => plant.streams[s].offset);
      },
      internal(i) {
        if (i < 0 || i >= unit.internals) throw new Error(`unit type "${unit.type.type}" used internal unknown ${i} of ${unit.internals}`);
        return unit.internalOffset + i;
      },
      begin(target, rhs = 0) {
        if (owner[target] !== u) throw new Error(`unit type "${unit.type.type}" wrote an equation for an unknown it does not own`);
        if (defined[target]) throw new Error(`unit type "${unit.type.type}" wrote two equations for one unknown`);
        defined[target] = 1;
        row = target;
        builder.add(target, target, 0); // the pairing entry, even when the coefficient is zero
        b[target] = rhs;
      },
      term(variable, coefficient) {
        builder.add(row, variable, coefficient);
      },
    });
    unit.model.equations(eq);
  });

  for (let i = 0; i < n; i++) {
    if (!defined[i]) {
      const unit = plant.units[owner[i]];
      problems.push({ path: `units.${unit?.id}`, message: `unit "${unit?.id}" (${unit?.type.type}) defines no equation for one of its unknowns: this is a bug in the unit type`, unit: unit?.id });
      break;
    }
  }
  if (problems.length) throw new FlexsheetError(problems);
  return { A: builder.build(), b, owner };
}
