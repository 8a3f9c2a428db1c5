/**
 * The numeric input of a factorisation: A's values copied into the plan's layout (block values and
 * off entries), a copy in A's own order for the residual check, and the row sums for ‖A‖∞.
 */

import type { Plan } from './plan';

export interface LoadedValues {
  /** A copy of A.values in A's order (the matrix the residual is checked against). */
  values: Float64Array;
  /** Σ_j |a_ij| of every row i (original numbering). */
  rowSum: Float64Array;
  /** See ValueLayout: singletons' diagonals, dense blocks, sparse blocks' CSC values. */
  blockValues: Float64Array;
  /** Off-block entries, by row position (ValueLayout.offPtr / offCol). */
  offValues: Float64Array;
}

export function loadedValues(plan: Plan): LoadedValues {
  const { layout, n } = plan;
  return {
    values: new Float64Array(plan.nnz),
    rowSum: new Float64Array(n),
    blockValues: new Float64Array(layout.valueStart[plan.blockCount]),
    offValues: new Float64Array(layout.offCol.length),
  };
}

/** Loads every value; the first non-finite entry of each row that has one is pushed to `bad`. */
export function loadAll(plan: Plan, values: Float64Array, into: LoadedValues, bad: number[]): void {
  into.blockValues.fill(0);
  for (let i = 0; i < plan.n; i++) {
    const p = loadRow(plan, i, values, into);
    if (p >= 0) bad.push(p);
  }
}

/** Loads the rows of block c only (the other blocks keep their values); non-finite entries as loadAll. */
export function loadBlock(plan: Plan, c: number, values: Float64Array, into: LoadedValues, bad: number[]): void {
  const { layout, blockStart, order } = plan;
  into.blockValues.fill(0, layout.valueStart[c], layout.valueStart[c + 1]);
  for (let t = blockStart[c], e = blockStart[c + 1]; t < e; t++) {
    const p = loadRow(plan, order[t], values, into);
    if (p >= 0) bad.push(p);
  }
}

function loadRow(plan: Plan, i: number, values: Float64Array, into: LoadedValues): number {
  const { dest } = plan.layout;
  const { blockValues, offValues } = into;
  const own = into.values;
  const rowPtr = plan.rowPtr;
  let sum = 0;
  let bad = -1;
  for (let p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) {
    const v = values[p];
    if (v - v !== 0 && bad < 0) bad = p; // NaN or ±Infinity
    own[p] = v;
    sum += Math.abs(v);
    const d = dest[p];
    if (d >= 0) blockValues[d] += v;
    else offValues[-1 - d] = v;
  }
  into.rowSum[i] = sum;
  return bad;
}

/** The row of entry p (binary search in rowPtr). */
export function rowOfEntry(rowPtr: Int32Array, n: number, p: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (rowPtr[mid] <= p) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
