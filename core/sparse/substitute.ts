/**
 * Block forward substitution with the factors: blocks in solve order, each one's right-hand side
 * reduced by its off entries (which only reference earlier blocks), then solved with its factors.
 */

import type { BlockFactors } from './block-factor';
import { denseSolve } from './dense';
import { DENSE, SINGLETON } from './layout';
import { luSolveTransposedBlock } from './lu-store';

/** x = A⁻¹ rhs, both indexed by position (distinct arrays of length n). */
export function substitute(f: BlockFactors, rhs: Float64Array, x: Float64Array): void {
  const { plan, diag } = f;
  const { blockStart, kind } = plan;
  const { rowStart, split, col } = plan.layout;
  const values = f.loaded.values;
  for (let c = 0, count = plan.blockCount; c < count; c++) {
    const s = blockStart[c];
    const e = blockStart[c + 1];
    for (let t = s; t < e; t++) {
      let sum = rhs[t];
      for (let q = split[t], end = rowStart[t + 1]; q < end; q++) sum -= values[q] * x[col[q]];
      x[t] = sum;
    }
    if (kind[c] === SINGLETON) x[s] /= diag[s];
    else solveDiagonalBlock(f, c, x, s);
  }
}

/**
 * Solves block c's diagonal block in place on v[vo … vo + m): on entry its right-hand side (the
 * off entries already subtracted), on return its unknowns, both in position order.
 */
function solveDiagonalBlock(f: BlockFactors, c: number, v: Float64Array, vo: number): void {
  const { plan, eqScale, unknownScale } = f;
  const s = plan.blockStart[c];
  const m = plan.blockStart[c + 1] - s;
  const k = plan.kind[c];
  if (k === SINGLETON) {
    v[vo] /= f.diag[s];
  } else if (k === DENSE) {
    denseSolve(f.dense, plan.layout.denseStart[c], m, f.pivots, s, v, vo, eqScale, unknownScale, s);
  } else {
    // B = R⁻¹ Cᵀ S⁻¹ with C = (R B S)ᵀ factorised: z = Cᵀ⁻¹ (R v), x = S z.
    for (let t = 0; t < m; t++) v[vo + t] *= eqScale[s + t];
    luSolveTransposedBlock(f.lu, s, m, v, vo, f.work.x);
    for (let t = 0; t < m; t++) v[vo + t] *= unknownScale[s + t];
  }
}

/**
 * Block c alone, in the original numbering: x of block c's unknowns from b and the current x of
 * the unknowns of earlier blocks, in place. `scratch` holds at least the block's size.
 */
export function solveOneBlock(f: BlockFactors, c: number, b: ArrayLike<number>, x: Float64Array, scratch: Float64Array): void {
  const { order, blockStart } = f.plan;
  const { rowStart, split, col } = f.plan.layout;
  const values = f.loaded.values;
  const s = blockStart[c];
  const e = blockStart[c + 1];
  for (let t = s; t < e; t++) {
    let sum = b[order[t]];
    for (let q = split[t], end = rowStart[t + 1]; q < end; q++) sum -= values[q] * x[order[col[q]]];
    scratch[t - s] = sum;
  }
  solveDiagonalBlock(f, c, scratch, 0);
  for (let t = s; t < e; t++) x[order[t]] = scratch[t - s];
}
