/**
 * The numeric input of a factorisation: A's values copied into the plan's layout (rows in solve
 * order), and the row sums for ‖A‖∞. This copy is also the matrix the residual is checked against.
 */

import type { Plan } from './plan';

export interface LoadedValues {
  /** Value of every slot of the layout (A renumbered into positions); A's entry p is values[layout.dest[p]]. */
  values: Float64Array;
  /** Σ_j |a_ij| of the row at every position. */
  rowSum: Float64Array;
}

export function loadedValues(plan: Plan): LoadedValues {
  return { values: new Float64Array(plan.nnz), rowSum: new Float64Array(plan.n) };
}

/** Loads every value; the first non-finite entry of each row that has one is pushed to `bad`. */
export function loadAll(plan: Plan, values: Float64Array, into: LoadedValues, bad: number[]): void {
  for (let i = 0; i < plan.n; i++) {
    const p = loadRow(plan, i, values, into);
    if (p >= 0) bad.push(p);
  }
}

/** Loads the rows of block c only (the other blocks keep their values); non-finite entries as loadAll. */
export function loadBlock(plan: Plan, c: number, values: Float64Array, into: LoadedValues, bad: number[]): void {
  const { blockStart, order } = plan;
  for (let t = blockStart[c], e = blockStart[c + 1]; t < e; t++) {
    const p = loadRow(plan, order[t], values, into);
    if (p >= 0) bad.push(p);
  }
}

/** Row i of A (original numbering) into its place; returns its first non-finite entry, or −1. */
function loadRow(plan: Plan, i: number, values: Float64Array, into: LoadedValues): number {
  const { dest } = plan.layout;
  const own = into.values;
  const rowPtr = plan.rowPtr;
  let sum = 0;
  let bad = -1;
  for (let p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) {
    const v = values[p];
    if (v - v !== 0 && bad < 0) bad = p; // NaN or ±Infinity
    own[dest[p]] = v;
    sum += Math.abs(v);
  }
  into.rowSum[plan.position[i]] = sum;
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
