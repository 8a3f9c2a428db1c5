/**
 * Solves a compiled plant exactly: assemble, solve the sparse system in one go, check the
 * residual, and refuse — in process terms — a plant that has no steady state.
 */
import { assemble } from './assemble';
import type { CompiledFlowsheet } from './compile';
import { FlexsheetError, type Diagnostic } from './diagnostics';
import { CsrBuilder, solveSparse, type CsrMatrix } from './sparse';

export interface SolverStats {
  unknowns: number;
  nonzeros: number;
  blocks: number;
  largestBlock: number;
  relativeResidual: number;
  assembleMs: number;
  solveMs: number;
}

export interface Solution {
  plant: CompiledFlowsheet;
  /** Molar flows of every unknown, kmol/h. */
  x: Float64Array;
  stats: SolverStats;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export function solvePlant(plant: CompiledFlowsheet): Solution {
  const t0 = now();
  const { A, b, owner } = assemble(plant);
  const t1 = now();
  const result = solveSparse(A, b);
  const t2 = now();
  if (!result.ok) throw new FlexsheetError(findAllSingular(plant, A, b, owner, result.singularBlock));
  const x = result.x;
  checkNonNegative(plant, x);
  return {
    plant,
    x,
    stats: {
      unknowns: plant.nUnknowns,
      nonzeros: A.rowPtr[A.n],
      blocks: result.stats.blocks,
      largestBlock: result.stats.largestBlock,
      relativeResidual: result.relativeResidual,
      assembleMs: t1 - t0,
      solveMs: t2 - t1,
    },
  };
}

/** What an unknown is, in words: "Co[2+](aq) in stream s4" or "dose of H2SO4(aq) in unit leach". */
function describeUnknown(plant: CompiledFlowsheet, v: number): { text: string; species?: string; unit?: number; stream?: string } {
  const S = plant.species.list.length;
  const streamUnknowns = plant.streams.length * S;
  if (v < streamUnknowns) {
    const s = plant.streams[Math.floor(v / S)];
    const sp = plant.species.list[v % S].id;
    return { text: `${sp} in stream "${s.id}"`, species: sp, unit: s.fromUnit, stream: s.id };
  }
  const u = plant.units.findIndex((unit) => v >= unit.internalOffset && v < unit.internalOffset + unit.internals);
  const unit = plant.units[u];
  const i = v - unit.internalOffset;
  const what = unit.model.describeInternal?.(i) ?? `internal unknown ${i}`;
  // Internals are described as "…, <species id>" or "… of <species id>": the id is the last word.
  const lastWord = what.slice(what.lastIndexOf(' ') + 1);
  const sp = plant.species.index.has(lastWord) ? lastWord : undefined;
  return { text: `${what} in unit "${unit.id}"`, species: sp, unit: u };
}

/**
 * The solver stops at the first singular block; to name every trapped species at once, pin that
 * block's unknowns to zero and solve again, a bounded number of times, then explain each loop once.
 */
function findAllSingular(plant: CompiledFlowsheet, A: CsrMatrix, b: Float64Array, owner: Int32Array, first: Int32Array): Diagnostic[] {
  const blocks = [first];
  const pinned = new Uint8Array(A.n);
  for (let round = 0; round < 50; round++) {
    for (const v of blocks[blocks.length - 1]) pinned[v] = 1;
    const retry = solveSparse(pinRows(A, pinned), b.map((bi, i) => (pinned[i] ? 0 : bi)));
    if (retry.ok) break;
    blocks.push(retry.singularBlock);
  }
  const byLoop = new Map<string, number[]>();
  for (const block of blocks) {
    const units = [...new Set(Array.from(block, (v) => owner[v]))].sort((x, y) => x - y).join(',');
    byLoop.set(units, [...(byLoop.get(units) ?? []), ...block]);
  }
  return [...byLoop.values()].map((vars) => explainSingular(plant, owner, vars));
}

/** A copy of A whose pinned rows read x_i = 0. */
function pinRows(A: CsrMatrix, pinned: Uint8Array): CsrMatrix {
  const builder = new CsrBuilder(A.n);
  for (let i = 0; i < A.n; i++) {
    if (pinned[i]) builder.add(i, i, 1);
    else for (let p = A.rowPtr[i]; p < A.rowPtr[i + 1]; p++) builder.add(i, A.colIdx[p], A.values[p]);
  }
  return builder.build();
}

function explainSingular(plant: CompiledFlowsheet, owner: Int32Array, block: ArrayLike<number>): Diagnostic {
  const unitSet = new Set<number>();
  const speciesSet = new Set<string>();
  for (const v of Array.from(block)) {
    unitSet.add(owner[v]);
    const d = describeUnknown(plant, v);
    if (d.species) speciesSet.add(d.species);
  }
  const units = [...unitSet].sort((a, b) => a - b).map((u) => plant.units[u].id);
  const species = [...speciesSet];
  const loop = units.length > 1 ? `the recycle loop through units ${units.map((u) => `"${u}"`).join(', ')}` : `unit "${units[0]}"`;
  const what = species.length ? `${species.join(', ')} ${species.length > 1 ? 'have' : 'has'} no way out of ${loop}` : `${loop} has no unique steady state`;
  const streams = [...new Set(Array.from(block, (v) => describeUnknown(plant, v).stream).filter((s): s is string => s !== undefined))];
  return {
    path: 'streams',
    unit: units[0],
    species: species[0],
    units,
    speciesList: species,
    streams,
    message: `no steady state: ${what}, so ${species.length > 1 ? 'they build' : 'it builds'} up without bound. Give ${species.length > 1 ? 'them' : 'it'} a way out (a bleed or purge) or stop feeding ${species.length > 1 ? 'them' : 'it'} into the loop.`,
  };
}

function checkNonNegative(plant: CompiledFlowsheet, x: Float64Array): void {
  let scale = 0;
  for (let i = 0; i < x.length; i++) scale = Math.max(scale, Math.abs(x[i]));
  const tol = 1e-9 * scale;
  const S = plant.species.list.length;
  const problems: Diagnostic[] = [];
  const reported = new Set<string>();
  for (let v = 0; v < x.length; v++) {
    if (x[v] >= -tol) continue;
    const d = describeUnknown(plant, v);
    const unit = plant.units[d.unit!];
    const key = `${unit.id}|${d.species}`;
    if (reported.has(key)) continue;
    // Report only where the deficit arises: inlets of this species are not negative themselves.
    if (v < plant.streams.length * S) {
      const k = v % S;
      const inletsNegative = [...unit.inlets.values()].flat().some((s) => x[plant.streams[s].offset + k] < -tol);
      if (inletsNegative) continue;
    }
    reported.add(key);
    const species = plant.species.list.find((s) => s.id === d.species);
    const amount = species ? `${(-x[v] * species.molarMass).toPrecision(4)} kg/h` : `${(-x[v]).toPrecision(4)} kmol/h`;
    const dose = unit.model.reagents?.some((g) => unit.internalOffset + g.internal === v);
    problems.push({
      path: `units.${unit.id}`,
      unit: unit.id,
      species: d.species,
      message: dose
        ? `no steady state with non-negative flows: more ${d.species} already enters unit "${unit.id}" than it needs, so its dose would be −${amount}`
        : `no steady state with non-negative flows: unit "${unit.id}" consumes more ${d.species ?? ''} than it is fed (${d.text} would be −${amount}); dose it as a reagent, feed more, or lower the conversion`,
    });
  }
  if (problems.length) throw new FlexsheetError(problems);
  for (let v = 0; v < x.length; v++) if (x[v] < 0) x[v] = 0;
}
