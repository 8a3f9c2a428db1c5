/**
 * Direct solver for the plant-wide steady-state mass balance A x = b.
 *
 * 1. Strongly connected components of the equation graph (row i is the equation
 *    for unknown i) give a block lower triangular form; the components are
 *    visited in solve order.
 * 2. Singleton components (the acyclic bulk of a flowsheet) are solved by
 *    substitution; larger components (recycle loops) are extracted, ordered for
 *    low fill (approximate minimum degree on B + B^T, symmetric) and factorised
 *    with the threshold-pivoting sparse LU.
 * 3. The residual b - A x is checked against a relative bound; if it fails, up
 *    to `maxRefinementSteps` steps of iterative refinement with the same factors
 *    are tried before the system is declared ill-conditioned.
 *
 * Never throws for singular or non-finite data (only for malformed CSR input).
 */

import { validateCsr, type CscMatrix, type CsrMatrix } from './csr';
import { luFactor, luSolveInto, type LuFactors } from './lu';
import { minimumDegreeOrder, symmetricPattern } from './ordering';
import { stronglyConnectedComponents } from './scc';

export interface SparseSolveOptions {
  /** LU diagonal preference threshold (0 < t <= 1). Default 0.1. */
  pivotThreshold?: number;
  /** Relative pivot tolerance for singularity. Default 1e-12. */
  tolerance?: number;
  /** Accept x when ||b - Ax||inf <= residualTolerance * (||A||inf ||x||inf + ||b||inf). Default 1e-9. */
  residualTolerance?: number;
  /** Iterative refinement steps tried when the residual check fails. Default 2. */
  maxRefinementSteps?: number;
  /** Ordering inside blocks: 'amd' (default) or 'natural' (the SCC discovery order). */
  ordering?: 'amd' | 'natural';
}

export interface SparseSolveStats {
  /** Number of strongly connected components (singletons included). */
  blocks: number;
  /** Size of the largest component. */
  largestBlock: number;
  /** Number of components with a single unknown (solved by substitution). */
  singletons: number;
  /** Stored entries of L and U (both diagonals included) over all LU-factorised blocks (size >= 2). */
  factorNonzeros: number;
}

export interface SparseSolveSuccess {
  ok: true;
  x: Float64Array;
  /** ||b - A x||inf */
  residual: number;
  /** ||b - A x||inf / (||A||inf ||x||inf + ||b||inf), 0 when the denominator is 0. */
  relativeResidual: number;
  stats: SparseSolveStats;
}

export interface SparseSolveFailure {
  ok: false;
  /** The unknowns (ascending) of the component that is singular / ill-conditioned / non-finite. */
  singularBlock: Int32Array;
  reason: string;
}

export type SparseSolveResult = SparseSolveSuccess | SparseSolveFailure;

/** ||b - A x||inf */
export function residualNorm(A: CsrMatrix, x: ArrayLike<number>, b: ArrayLike<number>): number {
  const { n, rowPtr, colIdx, values } = A;
  let r = 0;
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) s -= values[p] * x[colIdx[p]];
    const a = Math.abs(s);
    if (a > r || a !== a) r = a;
  }
  return r;
}

/** ||A||inf = max over rows of the sum of |a_ij|. */
export function matrixInfNorm(A: CsrMatrix): number {
  const { n, rowPtr, values } = A;
  let m = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) s += Math.abs(values[p]);
    if (s > m) m = s;
  }
  return m;
}

function vectorInfNorm(v: ArrayLike<number>, n: number): number {
  let m = 0;
  for (let i = 0; i < n; i++) {
    const a = Math.abs(v[i]);
    if (a > m || a !== a) m = a;
  }
  return m;
}

export function solveSparse(A: CsrMatrix, b: Float64Array, options: SparseSolveOptions = {}): SparseSolveResult {
  validateCsr(A);
  const { n, rowPtr, colIdx, values } = A;
  if (b.length !== n) throw new RangeError(`solveSparse: b has length ${b.length}, expected ${n}`);
  const luOptions = {
    pivotThreshold: options.pivotThreshold ?? 0.1,
    tolerance: options.tolerance ?? 1e-12,
  };
  const residualTolerance = options.residualTolerance ?? 1e-9;
  const maxRefinementSteps = options.maxRefinementSteps ?? 2;
  const useAmd = (options.ordering ?? 'amd') === 'amd';

  const scc = stronglyConnectedComponents(n, rowPtr, colIdx);
  const { count, componentOf, order, start } = scc;

  const blockOf = (c: number): Int32Array => order.slice(start[c], start[c + 1]).sort();
  const fail = (c: number, reason: string): SparseSolveFailure => ({ ok: false, singularBlock: blockOf(c), reason });

  // --- non-finite data ---
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(b[i])) return fail(componentOf[i], `non-finite right-hand side b[${i}] = ${b[i]}`);
    for (let p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) {
      if (!Number.isFinite(values[p])) {
        return fail(componentOf[i], `non-finite coefficient A[${i}][${colIdx[p]}] = ${values[p]}`);
      }
    }
  }

  // --- factorisation of every component (independent of x) ---
  const diag = new Float64Array(n); // singletons: summed diagonal
  const blockVars: (Int32Array | null)[] = new Array(count).fill(null);
  const blockFactors: (LuFactors | null)[] = new Array(count).fill(null);
  const local = new Int32Array(n); // global -> block-local index (valid for the current block only)
  let largestBlock = 0;
  let singletons = 0;
  let factorNonzeros = 0;

  for (let c = 0; c < count; c++) {
    const s = start[c];
    const m = start[c + 1] - s;
    if (m > largestBlock) largestBlock = m;
    if (m === 1) {
      singletons++;
      const i = order[s];
      let d = 0;
      for (let p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) if (colIdx[p] === i) d += values[p];
      if (d === 0) {
        return fail(c, `singular: the equation for unknown ${i} has a zero coefficient on it and no other equation can determine it`);
      }
      diag[i] = d;
      continue;
    }

    // Block-local CSR (natural local order).
    const vars = order.subarray(s, s + m);
    for (let k = 0; k < m; k++) local[vars[k]] = k;
    const lrowPtr = new Int32Array(m + 1);
    let lnnz = 0;
    for (let k = 0; k < m; k++) {
      const i = vars[k];
      for (let p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) if (componentOf[colIdx[p]] === c) lnnz++;
      lrowPtr[k + 1] = lnnz;
    }
    const lcol = new Int32Array(lnnz);
    const lval = new Float64Array(lnnz);
    let q = 0;
    for (let k = 0; k < m; k++) {
      const i = vars[k];
      for (let p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) {
        const j = colIdx[p];
        if (componentOf[j] === c) {
          lcol[q] = local[j];
          lval[q] = values[p];
          q++;
        }
      }
    }

    // Symmetric fill-reducing permutation: new index t <-> old local index perm[t].
    let perm: Int32Array;
    if (useAmd) {
      perm = minimumDegreeOrder(symmetricPattern(m, lrowPtr, lcol));
    } else {
      perm = new Int32Array(m);
      for (let k = 0; k < m; k++) perm[k] = k;
    }
    const inv = new Int32Array(m);
    for (let t = 0; t < m; t++) inv[perm[t]] = t;

    // Permuted block in CSC: entry (row k, col j) -> (inv[k], inv[j]).
    const colPtr = new Int32Array(m + 1);
    for (let p = 0; p < lnnz; p++) colPtr[inv[lcol[p]] + 1]++;
    for (let t = 0; t < m; t++) colPtr[t + 1] += colPtr[t];
    const nextPos = colPtr.slice(0, m);
    const rowIdx = new Int32Array(lnnz);
    const cval = new Float64Array(lnnz);
    for (let k = 0; k < m; k++) {
      const row = inv[k];
      for (let p = lrowPtr[k], end = lrowPtr[k + 1]; p < end; p++) {
        const dst = nextPos[inv[lcol[p]]]++;
        rowIdx[dst] = row;
        cval[dst] = lval[p];
      }
    }
    const csc: CscMatrix = { n: m, colPtr, rowIdx, values: cval };

    const f = luFactor(csc, luOptions);
    if (f.singular) {
      const u = vars[perm[f.column]];
      return fail(
        c,
        `singular block of ${m} unknowns: no acceptable pivot for unknown ${u} ` +
          `(largest available |pivot| = ${f.pivot.toExponential(3)})`,
      );
    }
    const bv = new Int32Array(m);
    for (let t = 0; t < m; t++) bv[t] = vars[perm[t]];
    blockVars[c] = bv;
    blockFactors[c] = f;
    factorNonzeros += f.nnz;
  }

  // --- block forward substitution ---
  const rb = new Float64Array(largestBlock);
  const xb = new Float64Array(largestBlock);
  const work = new Float64Array(largestBlock);
  const substitute = (rhs: Float64Array, x: Float64Array): void => {
    for (let c = 0; c < count; c++) {
      const s = start[c];
      const e = start[c + 1];
      if (e - s === 1) {
        const i = order[s];
        let sum = rhs[i];
        for (let p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) {
          const j = colIdx[p];
          if (j !== i) sum -= values[p] * x[j];
        }
        x[i] = sum / diag[i];
        continue;
      }
      const bv = blockVars[c]!;
      const m = bv.length;
      for (let t = 0; t < m; t++) {
        const i = bv[t];
        let sum = rhs[i];
        for (let p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) {
          const j = colIdx[p];
          if (componentOf[j] !== c) sum -= values[p] * x[j];
        }
        rb[t] = sum;
      }
      luSolveInto(blockFactors[c]!, rb, xb, work);
      for (let t = 0; t < m; t++) x[bv[t]] = xb[t];
    }
  };

  const x = new Float64Array(n);
  substitute(b, x);

  // --- non-finite solution (overflow) ---
  const firstNonFinite = (v: Float64Array): number => {
    for (let c = 0; c < count; c++) {
      for (let t = start[c]; t < start[c + 1]; t++) if (!Number.isFinite(v[order[t]])) return c;
    }
    return -1;
  };
  let bad = firstNonFinite(x);
  if (bad >= 0) return fail(bad, 'overflow: the solution of this block is not finite (badly scaled or nearly singular)');

  // --- residual check (with iterative refinement if needed) ---
  const normA = matrixInfNorm(A);
  const normB = vectorInfNorm(b, n);
  const r = new Float64Array(n);
  const computeResidual = (v: Float64Array): number => {
    let rmax = 0;
    for (let i = 0; i < n; i++) {
      let s = b[i];
      for (let p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) s -= values[p] * v[colIdx[p]];
      r[i] = s;
      const a = Math.abs(s);
      if (a > rmax || a !== a) rmax = a;
    }
    return rmax;
  };
  const relative = (res: number, v: Float64Array): number => {
    const denom = normA * vectorInfNorm(v, n) + normB;
    return denom > 0 ? res / denom : res === 0 ? 0 : Infinity;
  };

  let residual = computeResidual(x);
  let rel = relative(residual, x);
  if (!(rel <= residualTolerance) && maxRefinementSteps > 0) {
    const d = new Float64Array(n);
    const trial = new Float64Array(n);
    for (let step = 0; step < maxRefinementSteps && !(rel <= residualTolerance); step++) {
      substitute(r, d); // r holds b - A x of the current x
      for (let i = 0; i < n; i++) trial[i] = x[i] + d[i];
      if (firstNonFinite(trial) >= 0) break;
      const saved = r.slice();
      const tRes = computeResidual(trial);
      const tRel = relative(tRes, trial);
      if (!(tRel < rel)) {
        r.set(saved);
        break; // no progress
      }
      x.set(trial);
      residual = tRes;
      rel = tRel;
    }
  }
  if (!(rel <= residualTolerance)) {
    // Blame the component whose equations carry the largest residual.
    let worst = 0;
    let worstAbs = -1;
    for (let i = 0; i < n; i++) {
      const a = Math.abs(r[i]);
      if (a > worstAbs) {
        worstAbs = a;
        worst = i;
      }
    }
    bad = componentOf[worst];
    return fail(
      bad,
      `ill-conditioned: relative residual ${rel.toExponential(3)} exceeds ${residualTolerance} ` +
        `(block of ${start[bad + 1] - start[bad]} unknowns)`,
    );
  }

  return {
    ok: true,
    x,
    residual,
    relativeResidual: rel,
    stats: { blocks: count, largestBlock, singletons, factorNonzeros },
  };
}
