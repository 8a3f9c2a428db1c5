/**
 * No answer with a negative flow. After the solve every flow unknown is judged against the terms of
 * its own equation (the flows of that species through that unit): a negative value within 1e-9 of
 * them is rounding and becomes 0; beyond it the file has no steady state with non-negative flows,
 * and the plant is refused, naming the unit that consumes the species and by how much it is short.
 * A recycle does not hide the culprit: the consumer is found by its net consumption, not by
 * following negative streams upstream.
 */
import type { CompiledFlowsheet } from './compile';
import { describeUnknown } from './describe';
import type { Diagnostic } from './diagnostics';
import type { PlantSystem } from './numbers';

/** Relative size, against the terms of its equation, below which a negative flow is rounding. */
const NEGATIVE_TOLERANCE = 1e-9;
/** … and against the flow through its unit (the rounding of the flows it was solved with). */
const BLOCK_ROUNDING = 1e-13;

export function checkFlows(system: PlantSystem, x: Float64Array): Diagnostic[] {
  const { A, b, isFlow } = system;
  const negative: number[] = [];
  let floors: ((v: number) => number) | undefined;
  const floor = (v: number) => (floors ??= blockFloors(system, x))(v);
  for (let v = 0; v < x.length; v++) {
    if (!isFlow[v] || x[v] >= 0) continue;
    let terms = Math.abs(b[v]);
    let diag = 0;
    for (let p = A.rowPtr[v]; p < A.rowPtr[v + 1]; p++) {
      const j = A.colIdx[p];
      if (j === v) diag += A.values[p];
      else terms += Math.abs(A.values[p] * x[j]);
    }
    const scale = diag !== 0 ? terms / Math.abs(diag) : terms;
    if (x[v] >= -NEGATIVE_TOLERANCE * scale - floor(v)) x[v] = 0;
    else negative.push(v);
  }
  if (!negative.length) return [];
  return explainNegative(system.plant, x, negative);
}

/**
 * The rounding floor of each unknown: BLOCK_ROUNDING × the total flow through the unit that owns it
 * (all species, in and out) — a species absent from a stream carries the rounding of the large
 * flows it was solved beside, and that is not a shortfall.
 */
function blockFloors(system: PlantSystem, x: Float64Array): (v: number) => number {
  const plant = system.plant;
  const S = plant.species.list.length;
  const sum = (s: number) => {
    let t = 0;
    for (let k = 0; k < S; k++) t += Math.abs(x[plant.streams[s].offset + k]);
    return t;
  };
  const through = plant.units.map((u) => {
    let t = 0;
    for (const s of u.outlets.values()) t += sum(s);
    for (const list of u.inlets.values()) for (const s of list) t += sum(s);
    return t;
  });
  return (v) => {
    const w = system.owner[v];
    return w >= 0 && w < through.length ? BLOCK_ROUNDING * through[w] : 0;
  };
}

function explainNegative(plant: CompiledFlowsheet, x: Float64Array, negative: number[]): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const species = new Set<number>();
  for (const v of negative) {
    const dose = doseAt(plant, v);
    if (dose) {
      const unit = plant.units[dose.unit];
      const sp = plant.species.list[dose.species];
      problems.push({
        path: `units.${unit.id}`,
        unit: unit.id,
        species: sp.id,
        message: `no steady state with non-negative flows: more ${sp.id} already enters unit "${unit.id}" than it needs, so its dose would be −${amount(-x[v], sp.molarMass)}`,
      });
      continue;
    }
    const d = describeUnknown(plant, v);
    const k = d.species !== undefined ? plant.species.index.get(d.species) : undefined;
    if (k !== undefined) species.add(k);
  }
  for (const k of species) problems.push(...consumersShort(plant, x, k, negative));
  return problems.length ? problems : [generic(plant, x, negative)];
}

/** The units that consume species k by more than reaches them. */
function consumersShort(plant: CompiledFlowsheet, x: Float64Array, k: number, negative: number[]): Diagnostic[] {
  const sp = plant.species.list[k];
  const out: Diagnostic[] = [];
  plant.units.forEach((unit, u) => {
    if (unit.type.role) return;
    let reaching = 0;
    let net = 0;
    let scale = 0;
    for (const list of unit.inlets.values()) {
      for (const s of list) {
        const f = x[plant.streams[s].offset + k];
        net += f;
        reaching += Math.max(f, 0);
        scale += Math.abs(f);
      }
    }
    for (const g of unit.model.reagents ?? []) {
      if (g.species !== k) continue;
      const f = x[unit.internalOffset + g.internal];
      net += f;
      reaching += Math.max(f, 0);
      scale += Math.abs(f);
    }
    for (const s of unit.outlets.values()) {
      const f = x[plant.streams[s].offset + k];
      net -= f;
      scale += Math.abs(f);
    }
    const short = net - reaching;
    if (net > 1e-9 * scale && reaching < net * (1 - 1e-9) && short >= 0) {
      const where = negative.map((v) => describeUnknown(plant, v)).find((d) => d.species === sp.id);
      out.push({
        path: `units.${unit.id}`,
        unit: unit.id,
        species: sp.id,
        message:
          `unit "${unit.id}" consumes ${amount(net - reaching, sp.molarMass)} more ${sp.id} than reaches it` +
          `${where ? ` (the steady state would need ${where.text} to be negative)` : ''}: feed it, or dose it as a reagent of the unit ("reagents": {"${sp.id}": {}}), or lower the conversion`,
      });
    }
  });
  return out;
}

function generic(plant: CompiledFlowsheet, x: Float64Array, negative: number[]): Diagnostic {
  const worst = negative.reduce((a, v) => (x[v] < x[a] ? v : a), negative[0]);
  const d = describeUnknown(plant, worst);
  const unit = d.unit !== undefined ? plant.units[d.unit] : undefined;
  const sp = d.species !== undefined ? plant.species.list[plant.species.index.get(d.species)!] : undefined;
  return {
    path: unit ? `units.${unit.id}` : 'units',
    unit: unit?.id,
    species: d.species,
    message: `no steady state with non-negative flows: ${d.text} would be −${sp ? amount(-x[worst], sp.molarMass) : (-x[worst]).toPrecision(4)}`,
  };
}

function doseAt(plant: CompiledFlowsheet, v: number): { unit: number; species: number } | undefined {
  for (let u = 0; u < plant.units.length; u++) {
    const unit = plant.units[u];
    if (v < unit.internalOffset || v >= unit.internalOffset + unit.internals) continue;
    const g = unit.model.reagents?.find((r) => unit.internalOffset + r.internal === v);
    return g ? { unit: u, species: g.species } : undefined;
  }
  return undefined;
}

function amount(kmolPerHour: number, molarMass: number): string {
  return `${kmolPerHour.toPrecision(4)} kmol/h (${(kmolPerHour * molarMass).toPrecision(4)} kg/h)`;
}
