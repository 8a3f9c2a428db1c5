/**
 * A plant whose system is singular has no steady state: some species is trapped in a recycle loop
 * with no way out, and would build up without bound. The solver stops at the first singular block;
 * to name every trapped species at once, that block's unknowns are pinned to zero and the system is
 * solved again, a bounded number of times, and each loop is explained once. A block that is only
 * nearly singular (a purge of 1e-12, flows of 1e306) is ill-conditioned, and said so.
 */
import type { CompiledFlowsheet } from './compile';
import { describeUnknown } from './describe';
import type { Diagnostic } from './diagnostics';
import { CsrBuilder, solveSparse, type CsrMatrix, type SparseSolveFailure } from './sparse';

export function explainFailure(plant: CompiledFlowsheet, A: CsrMatrix, b: Float64Array, owner: Int32Array, failure: SparseSolveFailure): Diagnostic[] {
  if (/non-finite|overflow/.test(failure.reason)) return [outOfRange(plant, owner, failure)];
  if (/ill-conditioned/.test(failure.reason)) return [illConditioned(plant, owner, failure)];
  return findAllSingular(plant, A, b, owner, failure.singularBlock);
}

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

function unitsOf(plant: CompiledFlowsheet, owner: Int32Array, block: ArrayLike<number>): string[] {
  const ids = new Set<number>();
  for (const v of Array.from(block)) ids.add(owner[v]);
  return [...ids].sort((a, b) => a - b).map((w) => (w < plant.units.length ? plant.units[w].id : `spec:${plant.specs[w - plant.units.length].id}`));
}

function loopWords(units: string[]): string {
  return units.length > 1 ? `the recycle loop through units ${units.map((u) => `"${u}"`).join(', ')}` : `unit "${units[0]}"`;
}

function explainSingular(plant: CompiledFlowsheet, owner: Int32Array, block: ArrayLike<number>): Diagnostic {
  const units = unitsOf(plant, owner, block);
  const speciesSet = new Set<string>();
  const streamSet = new Set<string>();
  const specsInvolved = new Set<string>();
  for (const v of Array.from(block)) {
    const d = describeUnknown(plant, v);
    if (d.species) speciesSet.add(d.species);
    if (d.stream) streamSet.add(d.stream);
    if (d.kind === 'parameter') specsInvolved.add(d.text);
  }
  const species = [...speciesSet];
  const plural = species.length > 1;
  const loop = loopWords(units.filter((u) => !u.startsWith('spec:')));
  if (specsInvolved.size && !species.length) {
    const spec = plant.specs.find((s) => Array.from(block).includes(s.unknown))!;
    return {
      path: spec.path,
      message: `spec "${spec.id}": ${spec.label} does not depend on the parameter it adjusts (unit "${plant.units[spec.unit].id}"), so no value of it can hold the target`,
      unit: plant.units[spec.unit].id,
    };
  }
  const what = species.length ? `${species.join(', ')} ${plural ? 'have' : 'has'} no way out of ${loop}` : `${loop} has no unique steady state`;
  return {
    path: 'streams',
    unit: units[0],
    species: species[0],
    units,
    speciesList: species,
    streams: [...streamSet],
    message: `no steady state: ${what}, so ${plural ? 'they build' : 'it builds'} up without bound. Give ${plural ? 'them' : 'it'} a way out (a bleed or purge) or stop feeding ${plural ? 'them' : 'it'} into the loop.`,
  };
}

function illConditioned(plant: CompiledFlowsheet, owner: Int32Array, failure: SparseSolveFailure): Diagnostic {
  const units = unitsOf(plant, owner, failure.singularBlock);
  return {
    path: 'streams',
    unit: units[0],
    units,
    message:
      `the steady state of ${loopWords(units)} cannot be computed reliably: its equations are nearly singular (${failure.reason}). ` +
      `A loop whose only way out is a tiny purge (below about 1e-9 of its flow) or flows that differ by more than 12 orders of magnitude do this: give the loop a larger bleed, or scale the plant's flows to a common range`,
  };
}

function outOfRange(plant: CompiledFlowsheet, owner: Int32Array, failure: SparseSolveFailure): Diagnostic {
  const units = unitsOf(plant, owner, failure.singularBlock);
  return {
    path: 'units',
    unit: units[0],
    units,
    message: `the flows of ${loopWords(units)} are out of the range a double-precision number holds (${failure.reason}): check the feed flows and the basis`,
  };
}
