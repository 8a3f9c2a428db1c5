/**
 * Sparse LU factorisation with threshold partial pivoting of one square block
 * (Gilbert–Peierls, left-looking, column by column).
 *
 * For column k: the pattern of L^{-1} A(:,k) is the set reached by a depth-first
 * search in the graph of the L computed so far, started from the rows of A(:,k);
 * the numeric sparse triangular solve visits that set in topological order, so
 * the work is proportional to the floating-point operations (the search is
 * shortened by Eisenstat–Liu symmetric pruning of L's columns). The pivot is then
 * chosen among the not-yet-pivotal rows: the diagonal row k if its magnitude is
 * at least `pivotThreshold` times the largest candidate (to preserve the sparsity
 * planned by the symmetric fill-reducing ordering), otherwise the largest.
 *
 * Result: P A = L U with L unit lower triangular and U upper triangular, both in
 * pivot order. `luFactorBlock` is the kernel (factors appended to a shared
 * {@link LuStore}, input read through a {@link BlockColumns} view: the plant's
 * blocks are given by rows, so the kernel factorises their transposes);
 * `luFactor` / `luSolve` wrap it for a single matrix in CSC form.
 */

import type { CscMatrix } from './csr';
import type { PivotReport } from './dense';
import { beginBlock, columnReach, prune } from './lu-reach';
import { luSolveBlock, luStore, luWork, reserve, type BlockColumns, type LuStore, type LuWork, type Pivoting } from './lu-store';

export interface LuOptions {
  /** Accept the diagonal pivot if |a_kk| >= pivotThreshold * max |candidate|. Default 0.1; 1 = strict partial pivoting. */
  pivotThreshold?: number;
  /** A column is singular when its largest available pivot is below tolerance * max |A(:,k)|. Default 1e-12. */
  tolerance?: number;
}

export interface LuFactors {
  singular: false;
  n: number;
  /** Row i of A is row pinv[i] of L U. */
  pinv: Int32Array;
  /** The factors (one block, base 0). */
  store: LuStore;
  /** Stored entries of L and U including both diagonals (n of them implicit in L). */
  nnz: number;
}

export interface LuSingular {
  singular: true;
  /** Block-local column (unknown) at which no acceptable pivot was found. */
  column: number;
  /** Magnitude of the largest available pivot in that column (0 if none). */
  pivot: number;
}

export type LuResult = LuFactors | LuSingular;

/**
 * Factorises the block of A (see BlockColumns) at positions base … base + m - 1, writing those columns
 * of `store` (appended at lTop / uTop). Returns true on success; `report` receives the smallest relative pivot
 * (|pivot| / max |A(:,k)|) and, on failure, the column and its best pivot.
 */
export function luFactorBlock(A: BlockColumns, base: number, m: number, store: LuStore, work: LuWork, pivoting: Pivoting, report: PivotReport): boolean {
  const { threshold, tolerance } = pivoting;
  const { x, mark } = work;
  const { pinv, lBeg, lEnd, uBeg, uEnd, udiag } = store;
  const l0 = store.lTop;
  const u0 = store.uTop;
  report.ratio = 1;
  report.column = -1;
  report.pivot = 0;
  const stamp0 = beginBlock(base, m, store, work);
  for (let k = 0; k < m; k++) {
    const stamp = stamp0 + k;
    const c = base + k;
    lBeg[c] = store.lTop;
    uBeg[c] = store.uTop;
    const top = columnReach(A, c, base, m, stamp, store, work);
    const colMax = scatterColumn(A, c, base, top, m, work);
    reserve(store, m - top, m - top);
    const uHasEntries = eliminate(top, base, m, store, work);
    uEnd[c] = store.uTop;

    let best = largestCandidate(top, base, m, pinv, work);
    const bestAbs = best < 0 ? 0 : Math.abs(x[best]);
    const ratio = best < 0 || !(colMax > 0) ? 0 : bestAbs / colMax;
    if (ratio < report.ratio || ratio !== ratio) report.ratio = ratio;
    if (best < 0 || !(bestAbs >= tolerance * colMax) || bestAbs === 0 || !Number.isFinite(bestAbs)) {
      report.column = k;
      report.pivot = bestAbs;
      store.lTop = l0;
      store.uTop = u0;
      return false;
    }
    // Diagonal preference.
    if (best !== k && pinv[base + k] < 0 && mark[k] === stamp && Math.abs(x[k]) >= threshold * bestAbs) best = k;
    pinv[base + best] = k;
    udiag[c] = x[best];
    storeL(top, base, m, x[best], store, work);
    lEnd[c] = store.lTop;
    if (uHasEntries) prune(k, best, base, store, work);
  }

  // Renumber the rows of L into pivot order.
  const li = store.li;
  for (let q = l0, end = store.lTop; q < end; q++) li[q] = pinv[base + li[q]];
  return true;
}

/** x = A(:,c) on the reach xi[top … m) (zero elsewhere in it); returns max |A(:,c)| (NaN if any is NaN). */
function scatterColumn(A: BlockColumns, c: number, base: number, top: number, m: number, work: LuWork): number {
  const { x, xi } = work;
  const { index, values, rowScale } = A;
  const cs = A.colScale[c];
  for (let t = top; t < m; t++) x[xi[t]] = 0;
  let colMax = 0;
  for (let pa = A.start[c], pend = A.end[c]; pa < pend; pa++) {
    const r = index[pa];
    const v = values[pa] * cs * rowScale[r];
    x[r - base] += v;
    const a = Math.abs(v);
    if (a > colMax || a !== a) colMax = a;
  }
  return colMax;
}

/**
 * x ← L⁻¹ x in topological order over the reach; the pivotal rows' values are U(:,k), appended at
 * uTop (pivot positions). Returns whether U(:,k) has entries.
 */
function eliminate(top: number, base: number, m: number, store: LuStore, work: LuWork): boolean {
  const { x, xi } = work;
  const { pinv, lBeg, lEnd, li, lx, ui, ux } = store;
  const u0 = store.uTop;
  let unz = u0;
  for (let t = top; t < m; t++) {
    const j = xi[t];
    const J = pinv[base + j];
    if (J < 0) continue; // candidate pivot row: a sink, its value is final when visited
    const xj = x[j];
    ui[unz] = J;
    ux[unz] = xj;
    unz++;
    if (xj === 0) continue;
    for (let q = lBeg[base + J], end = lEnd[base + J]; q < end; q++) x[li[q]] -= lx[q] * xj;
  }
  store.uTop = unz;
  return unz > u0;
}

/** The not-yet-pivotal row of the reach with the largest |x| (first on ties, a NaN wins); -1 if none. */
function largestCandidate(top: number, base: number, m: number, pinv: Int32Array, work: LuWork): number {
  const { x, xi } = work;
  let best = -1;
  let bestAbs = -1;
  for (let t = top; t < m; t++) {
    const j = xi[t];
    if (pinv[base + j] >= 0) continue;
    const a = Math.abs(x[j]);
    if (a > bestAbs || a !== a) {
      bestAbs = a;
      best = j;
      if (a !== a) break;
    }
  }
  return best;
}

/** L(:,k) = the remaining non-pivotal rows of the reach divided by the pivot, appended at lTop. */
function storeL(top: number, base: number, m: number, pivot: number, store: LuStore, work: LuWork): void {
  const { x, xi } = work;
  const { pinv, li, lx } = store;
  let lnz = store.lTop;
  for (let t = top; t < m; t++) {
    const i = xi[t];
    if (pinv[base + i] >= 0) continue;
    li[lnz] = i;
    lx[lnz] = x[i] / pivot;
    lnz++;
  }
  store.lTop = lnz;
}

/** Factorises the square matrix A (CSC). Never throws for a singular matrix. */
export function luFactor(A: CscMatrix, options: LuOptions = {}): LuResult {
  const n = A.n;
  const store = luStore(n, 2 * A.colPtr[n] + n);
  const report = { ratio: 1, column: -1, pivot: 0 };
  const ones = new Float64Array(n).fill(1);
  const csc: BlockColumns = { start: A.colPtr, end: A.colPtr.subarray(1), index: A.rowIdx, values: A.values, rowScale: ones, colScale: ones };
  const pivoting = { threshold: options.pivotThreshold ?? 0.1, tolerance: options.tolerance ?? 1e-12 };
  const ok = luFactorBlock(csc, 0, n, store, luWork(n), pivoting, report);
  if (!ok) return { singular: true, column: report.column, pivot: report.pivot === report.pivot ? report.pivot : 0 };
  return { singular: false, n, pinv: store.pinv, store, nnz: store.lTop + store.uTop + 2 * n };
}

/** Solves A x = rhs with the factors of A; returns a new array. */
export function luSolve(f: LuFactors, rhs: ArrayLike<number>): Float64Array {
  const x = new Float64Array(f.n);
  luSolveInto(f, rhs, x, new Float64Array(f.n));
  return x;
}

/**
 * Allocation-free solve: writes the solution of A x = rhs into `out`, using
 * `work` (length >= n, distinct from `out`) as scratch. `out` may alias `rhs`.
 */
export function luSolveInto(f: LuFactors, rhs: ArrayLike<number>, out: Float64Array, work: Float64Array): void {
  for (let i = 0; i < f.n; i++) out[i] = rhs[i];
  luSolveBlock(f.store, 0, f.n, out, 0, work);
}
