/**
 * Direct solver for the plant-wide steady-state mass balance A x = b.
 *
 * 1. Strongly connected components of the equation graph (row i is the equation
 *    for unknown i) give a block lower triangular form; the components are
 *    visited in solve order. The matrix is copied once, renumbered into that
 *    order, so that the later passes read memory mostly sequentially.
 * 2. Singleton components (the acyclic bulk of a flowsheet) are solved by
 *    substitution; larger components (recycle loops) are extracted, ordered for
 *    low fill (approximate minimum degree on B + B^T, symmetric) and factorised
 *    with the threshold-pivoting sparse LU.
 *    Each block is equilibrated (Ruiz, powers of two) before factorisation so
 *    that pivoting does not depend on the units of equations and unknowns.
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
  /** If given, receives the milliseconds spent in each phase (accumulated into existing fields). */
  timings?: SparseSolveTimings;
}

/** Milliseconds per phase, filled when `options.timings` is passed. */
export interface SparseSolveTimings {
  scc?: number;
  /** Non-finite scan, block extraction, ordering and equilibration. */
  analyse?: number;
  order?: number;
  factor?: number;
  substitute?: number;
  residual?: number;
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

interface FactorisedBlock {
  /** Solve positions in factor order (row t / column t of the factorised block). */
  vars: Int32Array;
  factors: LuFactors;
  rowScale: Float64Array;
  colScale: Float64Array;
}

/**
 * Blocks up to this size are factorised densely, in place, with partial pivoting: a recycle of a
 * few streams gives blocks of 5–80 unknowns by the ten thousand, and for them the sparse
 * machinery (ordering, scaling, symbolic reach) costs far more than the arithmetic.
 */
const DENSE_MAX = 64;

/** Dense LU factors of every small block, packed: block c's m×m factor at `offset`, pivots at `pivotOffset`. */
interface DenseBlocks {
  lu: Float64Array;
  pivots: Int32Array;
  offset: Int32Array;
  pivotOffset: Int32Array;
}

/**
 * In-place LU with partial pivoting of the m×m row-major matrix at a[o…]. Returns the first column
 * whose largest pivot is below tolerance × that column's largest entry, or −1.
 */
function denseFactor(a: Float64Array, o: number, m: number, piv: Int32Array, po: number, tolerance: number, colMax: Float64Array): number {
  for (let j = 0; j < m; j++) {
    let cm = 0;
    for (let i = 0; i < m; i++) cm = Math.max(cm, Math.abs(a[o + i * m + j]));
    colMax[j] = cm;
  }
  for (let k = 0; k < m; k++) {
    let p = k;
    let best = Math.abs(a[o + k * m + k]);
    for (let i = k + 1; i < m; i++) {
      const v = Math.abs(a[o + i * m + k]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (!(best > tolerance * colMax[k]) || best === 0) return k;
    piv[po + k] = p;
    if (p !== k) {
      for (let j = 0; j < m; j++) {
        const t = a[o + k * m + j];
        a[o + k * m + j] = a[o + p * m + j];
        a[o + p * m + j] = t;
      }
    }
    const inv = 1 / a[o + k * m + k];
    for (let i = k + 1; i < m; i++) {
      const f = (a[o + i * m + k] *= inv);
      if (f === 0) continue;
      for (let j = k + 1; j < m; j++) a[o + i * m + j] -= f * a[o + k * m + j];
    }
  }
  return -1;
}

/** Solves with the factors of denseFactor, in place on rhs[0…m). */
function denseSolve(a: Float64Array, o: number, m: number, piv: Int32Array, po: number, rhs: Float64Array): void {
  for (let k = 0; k < m; k++) {
    const p = piv[po + k];
    if (p !== k) {
      const t = rhs[k];
      rhs[k] = rhs[p];
      rhs[p] = t;
    }
  }
  for (let i = 1; i < m; i++) {
    let sum = rhs[i];
    for (let j = 0; j < i; j++) sum -= a[o + i * m + j] * rhs[j];
    rhs[i] = sum;
  }
  for (let i = m - 1; i >= 0; i--) {
    let sum = rhs[i];
    for (let j = i + 1; j < m; j++) sum -= a[o + i * m + j] * rhs[j];
    rhs[i] = sum / a[o + i * m + i];
  }
}

interface BlockScaling {
  row: Float64Array;
  col: Float64Array;
}

/**
 * Ruiz equilibration of a block in place, with powers of two (exact, no rounding):
 * repeatedly divides every row and column by the square root of its largest
 * magnitude until all are within a factor 2 of 1. The LU then factorises
 * R B C, so that pivot choices and the singularity tolerance do not depend on
 * the units (kg/h vs kmol/h) of the equations and unknowns.
 */
function equilibrate(B: CscMatrix): BlockScaling {
  const { n, colPtr, rowIdx, values } = B;
  const row = new Float64Array(n).fill(1);
  const col = new Float64Array(n).fill(1);
  const rmax = new Float64Array(n);
  const rf = new Float64Array(n);
  for (let iter = 0; iter < 20; iter++) {
    rmax.fill(0);
    let changed = false;
    for (let j = 0; j < n; j++) {
      let cmax = 0;
      for (let p = colPtr[j], end = colPtr[j + 1]; p < end; p++) {
        const a = Math.abs(values[p]);
        if (a > cmax) cmax = a;
        if (a > rmax[rowIdx[p]]) rmax[rowIdx[p]] = a;
      }
      const cf = powerOfTwoInvSqrt(cmax);
      if (cf !== 1) {
        changed = true;
        col[j] *= cf;
        for (let p = colPtr[j], end = colPtr[j + 1]; p < end; p++) values[p] *= cf;
      }
    }
    let rowChanged = false;
    for (let i = 0; i < n; i++) {
      rf[i] = powerOfTwoInvSqrt(rmax[i]);
      if (rf[i] !== 1) rowChanged = true;
    }
    if (rowChanged) {
      changed = true;
      for (let i = 0; i < n; i++) row[i] *= rf[i];
      for (let p = 0, nnz = colPtr[n]; p < nnz; p++) values[p] *= rf[rowIdx[p]];
    }
    if (!changed) break;
  }
  return { row, col };
}

/**
 * About 1/sqrt(a) as a power of two: 2^-floor(E/2) where 2^E <= a < 2^(E+1);
 * 1 when a is already within [0.5, 4) (the usual case after one sweep), or is
 * 0 or not finite.
 */
function powerOfTwoInvSqrt(a: number): number {
  if (a >= 0.5 && a < 4) return 1;
  if (!(a > 0) || a === Infinity) return 1;
  const e = Math.floor(Math.floor(Math.log2(a)) / 2);
  return e === 0 ? 1 : 2 ** -e;
}

/**
 * Rows [s, s + m) of the solve-ordered matrix restricted to columns [s, s + m),
 * in block-local numbering (CSR). In solve order a row of component c only
 * references columns < s + m, so "column >= s" means "in the block".
 */
function extractBlock(P: CsrMatrix, s: number, m: number) {
  const { rowPtr, colIdx, values } = P;
  const cap = rowPtr[s + m] - rowPtr[s];
  const lrowPtr = new Int32Array(m + 1);
  const lcol = new Int32Array(cap);
  const lval = new Float64Array(cap);
  let lnnz = 0;
  for (let k = 0; k < m; k++) {
    for (let p = rowPtr[s + k], end = rowPtr[s + k + 1]; p < end; p++) {
      const j = colIdx[p] - s;
      if (j >= 0) {
        lcol[lnnz] = j;
        lval[lnnz] = values[p];
        lnnz++;
      }
    }
    lrowPtr[k + 1] = lnnz;
  }
  return { lrowPtr, lcol, lval, lnnz };
}

/** The block-local CSR matrix symmetrically permuted (entry (k, j) -> (inv[k], inv[j])), in CSC form. */
function permutedCsc(m: number, lrowPtr: Int32Array, lcol: Int32Array, lval: Float64Array, lnnz: number, inv: Int32Array): CscMatrix {
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
  return { n: m, colPtr, rowIdx, values: cval };
}

/** x_t = (rhs_t - sum_{u != t} a_tu x_u) / a_tt for a singleton component (solve-ordered numbering). */
function substituteSingleton(
  t: number,
  rhs: Float64Array,
  x: Float64Array,
  rowPtr: Int32Array,
  colIdx: Int32Array,
  values: Float64Array,
  diag: Float64Array,
): void {
  let sum = rhs[t];
  for (let p = rowPtr[t], end = rowPtr[t + 1]; p < end; p++) {
    const u = colIdx[p];
    if (u !== t) sum -= values[p] * x[u];
  }
  x[t] = sum / diag[t];
}

/** r = b - A x on a CSR matrix; returns ||r||inf. */
function residualInto(A: CsrMatrix, x: Float64Array, b: Float64Array, r: Float64Array): number {
  const { n, rowPtr, colIdx, values } = A;
  let rmax = 0;
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) s -= values[p] * x[colIdx[p]];
    r[i] = s;
    const a = Math.abs(s);
    if (a > rmax || a !== a) rmax = a;
  }
  return rmax;
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

  const timings = options.timings;
  let clock = timings ? performance.now() : 0;
  const lap = (key: keyof SparseSolveTimings): void => {
    if (!timings) return;
    const now = performance.now();
    timings[key] = (timings[key] ?? 0) + (now - clock);
    clock = now;
  };

  const scc = stronglyConnectedComponents(n, rowPtr, colIdx);
  lap('scc');
  const { count, componentOf, order, start } = scc;

  const blockOf = (c: number): Int32Array => order.slice(start[c], start[c + 1]).sort();
  const fail = (c: number, reason: string): SparseSolveFailure => ({ ok: false, singularBlock: blockOf(c), reason });

  // --- renumber into solve order: P = Q A Q^T with row/column t = unknown order[t] ---
  // Everything after this works on contiguous rows whose references point to
  // recently solved unknowns, which is much kinder to the caches than the
  // assembler's numbering. One pass also checks for non-finite data and
  // collects the diagonal and ||A||inf.
  const pos = new Int32Array(n);
  for (let t = 0; t < n; t++) pos[order[t]] = t;
  const nnz = rowPtr[n];
  const pRowPtr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) pRowPtr[pos[i] + 1] = rowPtr[i + 1] - rowPtr[i];
  for (let t = 0; t < n; t++) pRowPtr[t + 1] += pRowPtr[t];
  const pCol = new Int32Array(nnz);
  const pVal = new Float64Array(nnz);
  const pb = new Float64Array(n);
  const diag = new Float64Array(n);
  let normA = 0;
  // Read A sequentially (in its own row order) and write each row to its place.
  for (let i = 0; i < n; i++) {
    const bi = b[i];
    if (!Number.isFinite(bi)) return fail(componentOf[i], `non-finite right-hand side b[${i}] = ${bi}`);
    const t = pos[i];
    pb[t] = bi;
    let q = pRowPtr[t];
    let d = 0;
    let rowSum = 0;
    for (let p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) {
      const v = values[p];
      if (!Number.isFinite(v)) return fail(componentOf[i], `non-finite coefficient A[${i}][${colIdx[p]}] = ${v}`);
      const u = pos[colIdx[p]];
      if (u === t) d += v;
      rowSum += Math.abs(v);
      pCol[q] = u;
      pVal[q] = v;
      q++;
    }
    diag[t] = d;
    if (rowSum > normA) normA = rowSum;
  }
  const P: CsrMatrix = { n, rowPtr: pRowPtr, colIdx: pCol, values: pVal };

  // --- factorisation of every component (independent of x) ---
  const blockSlot = new Int32Array(count).fill(-1); // component -> index into `blocks` (-1: singleton)
  const blocks: FactorisedBlock[] = [];
  let largestBlock = 0;
  let singletons = 0;
  let factorNonzeros = 0;

  // Room for every small block's dense factors, allocated once.
  let denseDoubles = 0;
  let densePivots = 0;
  for (let c = 0; c < count; c++) {
    const m = start[c + 1] - start[c];
    if (m > 1 && m <= DENSE_MAX) {
      denseDoubles += m * m;
      densePivots += m;
    }
  }
  const dense: DenseBlocks = {
    lu: new Float64Array(denseDoubles),
    pivots: new Int32Array(densePivots),
    offset: new Int32Array(count).fill(-1),
    pivotOffset: new Int32Array(count),
  };
  const colMax = new Float64Array(DENSE_MAX);
  let nextDouble = 0;
  let nextPivot = 0;

  for (let c = 0; c < count; c++) {
    const s = start[c];
    const m = start[c + 1] - s;
    if (m > largestBlock) largestBlock = m;
    if (m > 1 && m <= DENSE_MAX) {
      const o = nextDouble;
      for (let k = 0; k < m; k++) {
        for (let p = pRowPtr[s + k], end = pRowPtr[s + k + 1]; p < end; p++) {
          const j = pCol[p] - s;
          if (j >= 0) dense.lu[o + k * m + j] += pVal[p];
        }
      }
      const bad = denseFactor(dense.lu, o, m, dense.pivots, nextPivot, luOptions.tolerance, colMax);
      if (bad >= 0) {
        return fail(c, `singular block of ${m} unknowns: no acceptable pivot in column ${bad}`);
      }
      lap('factor');
      dense.offset[c] = o;
      dense.pivotOffset[c] = nextPivot;
      nextDouble += m * m;
      nextPivot += m;
      factorNonzeros += m * m;
      continue;
    }
    if (m === 1) {
      singletons++;
      if (diag[s] === 0) {
        return fail(
          c,
          `singular: the equation for unknown ${order[s]} has a zero coefficient on it and no other equation can determine it`,
        );
      }
      continue;
    }

    // Block-local CSR (local index k = solve position s + k).
    const { lrowPtr, lcol, lval, lnnz } = extractBlock(P, s, m);

    // Symmetric fill-reducing permutation: new index t <-> old local index perm[t].
    let perm: Int32Array;
    if (useAmd) {
      lap('analyse');
      perm = minimumDegreeOrder(symmetricPattern(m, lrowPtr, lcol));
      lap('order');
    } else {
      perm = new Int32Array(m);
      for (let k = 0; k < m; k++) perm[k] = k;
    }
    const inv = new Int32Array(m);
    for (let t = 0; t < m; t++) inv[perm[t]] = t;
    const csc = permutedCsc(m, lrowPtr, lcol, lval, lnnz, inv);
    const scaling = equilibrate(csc);

    lap('analyse');
    const f = luFactor(csc, luOptions);
    lap('factor');
    if (f.singular) {
      const u = order[s + perm[f.column]];
      return fail(
        c,
        `singular block of ${m} unknowns: no acceptable pivot for unknown ${u} ` +
          `(largest available |pivot| = ${f.pivot.toExponential(3)})`,
      );
    }
    const bv = new Int32Array(m);
    for (let t = 0; t < m; t++) bv[t] = s + perm[t];
    blockSlot[c] = blocks.length;
    blocks.push({ vars: bv, factors: f, rowScale: scaling.row, colScale: scaling.col });
    factorNonzeros += f.nnz;
  }

  // --- block forward substitution (solve-ordered numbering) ---
  const rb = new Float64Array(largestBlock);
  const xb = new Float64Array(largestBlock);
  const work = new Float64Array(largestBlock);
  const substitute = (rhs: Float64Array, x: Float64Array): void => {
    for (let c = 0; c < count; c++) {
      const s = start[c];
      const e = start[c + 1];
      if (e - s === 1) {
        substituteSingleton(s, rhs, x, pRowPtr, pCol, pVal, diag);
        continue;
      }
      if (dense.offset[c] >= 0) {
        const m = e - s;
        for (let t = 0; t < m; t++) {
          let sum = rhs[s + t];
          for (let p = pRowPtr[s + t], end = pRowPtr[s + t + 1]; p < end; p++) {
            const u = pCol[p];
            if (u < s) sum -= pVal[p] * x[u];
          }
          rb[t] = sum;
        }
        denseSolve(dense.lu, dense.offset[c], m, dense.pivots, dense.pivotOffset[c], rb);
        for (let t = 0; t < m; t++) x[s + t] = rb[t];
        continue;
      }
      const blk = blocks[blockSlot[c]];
      const bv = blk.vars;
      const rs = blk.rowScale;
      const cs = blk.colScale;
      const m = bv.length;
      for (let t = 0; t < m; t++) {
        const i = bv[t];
        let sum = rhs[i];
        for (let p = pRowPtr[i], end = pRowPtr[i + 1]; p < end; p++) {
          const u = pCol[p];
          if (u < s) sum -= pVal[p] * x[u];
        }
        rb[t] = sum * rs[t];
      }
      luSolveInto(blk.factors, rb, xb, work);
      for (let t = 0; t < m; t++) x[bv[t]] = xb[t] * cs[t];
    }
  };

  const xp = new Float64Array(n);
  lap('analyse');
  substitute(pb, xp);
  lap('substitute');

  // --- non-finite solution (overflow): the first component in solve order ---
  const firstNonFinite = (v: Float64Array): number => {
    for (let t = 0; t < n; t++) if (!Number.isFinite(v[t])) return componentOf[order[t]];
    return -1;
  };
  let bad = firstNonFinite(xp);
  if (bad >= 0) return fail(bad, 'overflow: the solution of this block is not finite (badly scaled or nearly singular)');

  // --- residual check (with iterative refinement if needed) ---
  const normB = vectorInfNorm(b, n);
  const r = new Float64Array(n);
  const relative = (res: number, v: Float64Array): number => {
    const denom = normA * vectorInfNorm(v, n) + normB;
    return denom > 0 ? res / denom : res === 0 ? 0 : Infinity;
  };

  let residual = residualInto(P, xp, pb, r);
  let rel = relative(residual, xp);
  if (!(rel <= residualTolerance) && maxRefinementSteps > 0) {
    const d = new Float64Array(n);
    const trial = new Float64Array(n);
    const rTrial = new Float64Array(n);
    for (let step = 0; step < maxRefinementSteps && !(rel <= residualTolerance); step++) {
      substitute(r, d); // r holds b - A x of the current x
      for (let t = 0; t < n; t++) trial[t] = xp[t] + d[t];
      if (firstNonFinite(trial) >= 0) break;
      const tRes = residualInto(P, trial, pb, rTrial);
      const tRel = relative(tRes, trial);
      if (!(tRel < rel)) break; // no progress
      xp.set(trial);
      r.set(rTrial);
      residual = tRes;
      rel = tRel;
    }
  }
  lap('residual');
  if (!(rel <= residualTolerance)) {
    // Blame the component whose equations carry the largest residual.
    let worst = 0;
    let worstAbs = -1;
    for (let t = 0; t < n; t++) {
      const a = Math.abs(r[t]);
      if (a > worstAbs) {
        worstAbs = a;
        worst = t;
      }
    }
    bad = componentOf[order[worst]];
    return fail(
      bad,
      `ill-conditioned: relative residual ${rel.toExponential(3)} exceeds ${residualTolerance} ` +
        `(block of ${start[bad + 1] - start[bad]} unknowns)`,
    );
  }

  const x = new Float64Array(n);
  for (let t = 0; t < n; t++) x[order[t]] = xp[t];
  return {
    ok: true,
    x,
    residual,
    relativeResidual: rel,
    stats: { blocks: count, largestBlock, singletons, factorNonzeros },
  };
}
