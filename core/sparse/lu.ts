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
 * pivot order; `pinv[i]` is the pivot position of row i.
 */

import type { CscMatrix } from './csr';

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
  /** Strictly lower part of L (unit diagonal implicit), CSC, row indices in pivot order. */
  lp: Int32Array;
  li: Int32Array;
  lx: Float64Array;
  /** Strictly upper part of U, CSC, row indices in pivot order. */
  up: Int32Array;
  ui: Int32Array;
  ux: Float64Array;
  /** Diagonal of U. */
  udiag: Float64Array;
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

/** Factorises the square matrix A (CSC). Never throws for a singular matrix. */
export function luFactor(A: CscMatrix, options: LuOptions = {}): LuResult {
  const n = A.n;
  const { colPtr, rowIdx, values } = A;
  const threshold = options.pivotThreshold ?? 0.1;
  const tolerance = options.tolerance ?? 1e-12;
  const nnzA = colPtr[n];

  let lcap = Math.max(16, 2 * nnzA + n);
  let ucap = lcap;
  let li: Int32Array = new Int32Array(lcap);
  let lx: Float64Array = new Float64Array(lcap);
  let ui: Int32Array = new Int32Array(ucap);
  let ux: Float64Array = new Float64Array(ucap);
  const lp = new Int32Array(n + 1);
  // Symmetric pruning (Eisenstat & Liu): the depth-first search only needs the
  // first lpend[J] - lp[J] entries of L(:,J) once the column has been pruned
  // (-1 = not pruned, search the whole column).
  const lpend = new Int32Array(n).fill(-1);
  const up = new Int32Array(n + 1);
  const udiag = new Float64Array(n);

  const pinv = new Int32Array(n).fill(-1);
  const x = new Float64Array(n); // dense work vector, indexed by row
  const xi = new Int32Array(n); // reach, stored in xi[top .. n-1]
  const dfsStack = new Int32Array(n);
  const dfsPtr = new Int32Array(n);
  const mark = new Int32Array(n); // mark[i] === k + 1 <=> row i visited for column k

  let lnz = 0;
  let unz = 0;

  for (let k = 0; k < n; k++) {
    lp[k] = lnz;
    up[k] = unz;
    const stamp = k + 1;

    // --- symbolic: reach of A(:,k) in the graph of L (rows -> pivot columns) ---
    let top = n;
    let colMax = 0;
    for (let pa = colPtr[k], pend = colPtr[k + 1]; pa < pend; pa++) {
      const a = Math.abs(values[pa]);
      if (a > colMax || a !== a) colMax = a; // NaN propagates
      const start = rowIdx[pa];
      if (mark[start] === stamp) continue;
      top = reach(start, stamp, top, pinv, lp, lpend, li, mark, dfsStack, dfsPtr, xi);
    }

    // --- numeric: x = L \ A(:,k) on the reach ---
    for (let t = top; t < n; t++) x[xi[t]] = 0;
    for (let pa = colPtr[k], pend = colPtr[k + 1]; pa < pend; pa++) x[rowIdx[pa]] += values[pa];

    // Room for at most (n - top) new entries in each factor.
    const need = n - top;
    if (unz + need > ucap) {
      ucap = Math.max(2 * ucap, unz + need);
      ui = growI(ui, ucap);
      ux = growF(ux, ucap);
    }
    if (lnz + need > lcap) {
      lcap = Math.max(2 * lcap, lnz + need);
      li = growI(li, lcap);
      lx = growF(lx, lcap);
    }

    for (let t = top; t < n; t++) {
      const j = xi[t];
      const J = pinv[j];
      if (J < 0) continue; // candidate pivot row: a sink, its value is final when visited
      const xj = x[j];
      ui[unz] = J;
      ux[unz] = xj;
      unz++;
      if (xj === 0) continue;
      scatter(x, li, lx, lp[J], lp[J + 1], xj);
    }

    // Largest candidate (first one on ties; NaN wins so that it is reported).
    let best = -1;
    let bestAbs = -1;
    for (let t = top; t < n; t++) {
      const j = xi[t];
      if (pinv[j] >= 0) continue;
      const a = Math.abs(x[j]);
      if (a > bestAbs || a !== a) {
        bestAbs = a;
        best = j;
        if (a !== a) break;
      }
    }

    if (best < 0 || !(bestAbs >= tolerance * colMax) || bestAbs === 0 || !Number.isFinite(bestAbs)) {
      return { singular: true, column: k, pivot: best < 0 || bestAbs !== bestAbs ? 0 : bestAbs };
    }

    // Diagonal preference.
    if (best !== k && pinv[k] < 0 && mark[k] === stamp && Math.abs(x[k]) >= threshold * bestAbs) {
      best = k;
    }
    const pivot = x[best];
    pinv[best] = k;
    udiag[k] = pivot;

    for (let t = top; t < n; t++) {
      const i = xi[t];
      if (pinv[i] >= 0) continue;
      li[lnz] = i;
      lx[lnz] = x[i] / pivot;
      lnz++;
    }

    // Prune every column J with U(J,k) != 0 whose L(:,J) contains the pivot row
    // of column k: rows of L(:,J) not yet pivotal are reachable through k, so
    // the search only needs the pivotal ones (moved to the front of L(:,J)).
    for (let q = up[k]; q < unz; q++) {
      const J = ui[q];
      if (lpend[J] >= 0) continue;
      const p0 = lp[J];
      const p1 = lp[J + 1];
      for (let p2 = p0; p2 < p1; p2++) {
        if (li[p2] !== best) continue;
        let h = p0;
        let tail = p1;
        while (h < tail) {
          const i = li[h];
          if (pinv[i] >= 0) {
            h++;
          } else {
            tail--;
            li[h] = li[tail];
            li[tail] = i;
            const v = lx[h];
            lx[h] = lx[tail];
            lx[tail] = v;
          }
        }
        lpend[J] = tail;
        break;
      }
    }
  }
  lp[n] = lnz;
  up[n] = unz;

  // Renumber the rows of L into pivot order.
  for (let q = 0; q < lnz; q++) li[q] = pinv[li[q]];

  return {
    singular: false,
    n,
    pinv,
    lp,
    li: li.slice(0, lnz),
    lx: lx.slice(0, lnz),
    up,
    ui: ui.slice(0, unz),
    ux: ux.slice(0, unz),
    udiag,
    nnz: lnz + unz + 2 * n,
  };
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
  const n = f.n;
  const y = work;
  const { pinv, lp, li, lx, up, ui, ux, udiag } = f;
  for (let i = 0; i < n; i++) y[pinv[i]] = rhs[i];
  // L y = P b (unit lower triangular, column oriented)
  for (let j = 0; j < n; j++) {
    const yj = y[j];
    if (yj === 0) continue;
    for (let q = lp[j], end = lp[j + 1]; q < end; q++) y[li[q]] -= lx[q] * yj;
  }
  // U x = y (column oriented, backwards)
  for (let j = n - 1; j >= 0; j--) {
    const xj = (y[j] /= udiag[j]);
    if (xj === 0) continue;
    for (let q = up[j], end = up[j + 1]; q < end; q++) y[ui[q]] -= ux[q] * xj;
  }
  for (let i = 0; i < n; i++) out[i] = y[i];
}

/** x[li[q]] -= lx[q] * xj for q in [start, end) */
function scatter(x: Float64Array, li: Int32Array, lx: Float64Array, start: number, end: number, xj: number): void {
  for (let q = start; q < end; q++) x[li[q]] -= lx[q] * xj;
}

/**
 * Iterative depth-first search from row `start` in the graph of L (row i ->
 * rows of L(:, pinv[i]), pruned part only); pushes the finished rows onto
 * xi[--top] so that xi[top..] is in topological order. Returns the new top.
 */
function reach(
  start: number,
  stamp: number,
  top: number,
  pinv: Int32Array,
  lp: Int32Array,
  lpend: Int32Array,
  li: Int32Array,
  mark: Int32Array,
  dfsStack: Int32Array,
  dfsPtr: Int32Array,
  xi: Int32Array,
): number {
  let head = 0;
  dfsStack[0] = start;
  mark[start] = stamp;
  const jc = pinv[start];
  dfsPtr[0] = jc < 0 ? 0 : lp[jc];
  while (head >= 0) {
    const j = dfsStack[head];
    const J = pinv[j];
    let descended = false;
    if (J >= 0) {
      const pe = lpend[J];
      const end = pe < 0 ? lp[J + 1] : pe;
      for (let q = dfsPtr[head]; q < end; q++) {
        const i = li[q];
        if (mark[i] === stamp) continue;
        dfsPtr[head] = q + 1;
        mark[i] = stamp;
        head++;
        dfsStack[head] = i;
        const Ji = pinv[i];
        dfsPtr[head] = Ji < 0 ? 0 : lp[Ji];
        descended = true;
        break;
      }
    }
    if (!descended) {
      head--;
      xi[--top] = j;
    }
  }
  return top;
}

function growI(a: Int32Array, cap: number): Int32Array {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}

function growF(a: Float64Array, cap: number): Float64Array {
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}
