/**
 * The full solve with the factors, and the guarantees around it: the right-hand side is finite,
 * the solution is finite, and ‖b − Ax‖∞ ≤ tol (‖A‖∞‖x‖∞ + ‖b‖∞), with up to `maxRefinementSteps`
 * steps of iterative refinement (same factors) before the system is declared ill-conditioned.
 * An ok result never contains NaN or Infinity.
 */

import type { BlockFactors } from './block-factor';
import type { SparseSolveFailure } from './failure';
import { DENSE, SPARSE } from './layout';
import { substitute } from './substitute';
import type { SparseSolveTimings } from './timings';
import { lapTimer } from './timings';

export interface CheckOptions {
  /** Accept x when ‖b − Ax‖∞ <= residualTolerance · (‖A‖∞‖x‖∞ + ‖b‖∞). Default 1e-9. */
  residualTolerance?: number;
  /** Iterative refinement steps tried when the residual check fails. Default 2. */
  maxRefinementSteps?: number;
}

export interface SparseSolveStats {
  /** Number of blocks (strongly connected components, singletons included). */
  blocks: number;
  /** Size of the largest block. */
  largestBlock: number;
  /** Number of blocks with a single unknown (solved by substitution). */
  singletons: number;
  /** Stored entries of the factors of the blocks of size >= 2 (dense: m², sparse: L and U with both diagonals). */
  factorNonzeros: number;
}

export interface SparseSolveSuccess {
  ok: true;
  x: Float64Array;
  /** ‖b − A x‖∞ */
  residual: number;
  /** ‖b − A x‖∞ / (‖A‖∞ ‖x‖∞ + ‖b‖∞), 0 when the denominator is 0. */
  relativeResidual: number;
  stats: SparseSolveStats;
}

export type SparseSolveResult = SparseSolveSuccess | SparseSolveFailure;

export function checkedSolve(
  f: BlockFactors,
  b: Float64Array,
  options: CheckOptions,
  stats: () => SparseSolveStats,
  timings?: SparseSolveTimings,
): SparseSolveResult {
  const lap = lapTimer(timings);
  const { n, order, componentOf } = f.plan;
  const tolerance = options.residualTolerance ?? 1e-9;
  const normB = infNorm(b);
  if (!Number.isFinite(normB)) {
    const i = firstNonFinite(b);
    return failure(f, componentOf[i], 'non-finite', `non-finite right-hand side b[${i}] = ${b[i]}`);
  }
  const x = new Float64Array(n);
  lap('residual');
  const bad = solveOriginal(f, b, x);
  lap('substitute');
  if (bad >= 0) return failure(f, componentOf[order[bad]], 'overflow', 'overflow: the solution of this block is not finite (badly scaled or nearly singular)');
  const normA = maxOf(f.loaded.rowSum);
  const relative = (res: number, v: Float64Array): number => {
    const denom = normA * infNorm(v) + normB;
    return denom > 0 ? res / denom : res === 0 ? 0 : Infinity;
  };
  const r = new Float64Array(n);
  const residual = residualInto(f, x, b, r);
  let check: Checked = { x, r, residual, rel: relative(residual, x) };
  if (!(check.rel <= tolerance)) check = refine(f, b, check, tolerance, options.maxRefinementSteps ?? 2, relative, lap);
  lap('residual');
  if (!(check.rel <= tolerance)) {
    const worst = componentOf[argMaxAbs(check.r)];
    const m = f.plan.blockSize(worst);
    return failure(f, worst, 'ill-conditioned', `ill-conditioned: relative residual ${check.rel.toExponential(3)} exceeds ${tolerance} (block of ${m} unknowns)`);
  }
  return { ok: true, x: check.x, residual: check.residual, relativeResidual: check.rel, stats: stats() };
}

interface Checked {
  x: Float64Array;
  /** b − A x */
  r: Float64Array;
  residual: number;
  rel: number;
}

/**
 * Iterative refinement with the same factors: x ← x + A⁻¹ (b − A x) while the relative residual is
 * above the tolerance, the step is finite and it makes progress, at most `steps` times.
 */
function refine(
  f: BlockFactors,
  b: Float64Array,
  start: Checked,
  tolerance: number,
  steps: number,
  relative: (res: number, v: Float64Array) => number,
  lap: (key: keyof SparseSolveTimings) => void,
): Checked {
  let best = start;
  const d = new Float64Array(b.length);
  for (let step = 0; step < steps && !(best.rel <= tolerance); step++) {
    lap('residual');
    const bad = solveOriginal(f, best.r, d);
    lap('substitute');
    if (bad >= 0) break;
    const x = best.x.map((v, i) => v + d[i]);
    const r = new Float64Array(b.length);
    const residual = residualInto(f, x, b, r);
    const rel = relative(residual, x);
    if (!(rel < best.rel)) break; // no progress
    best = { x, r, residual, rel };
  }
  return best;
}

/**
 * x = A⁻¹ rhs in the original numbering (through the position-ordered work arrays of the factors).
 * Returns the first position whose x is not finite, or -1.
 */
function solveOriginal(f: BlockFactors, rhs: Float64Array, x: Float64Array): number {
  const { n, order } = f.plan;
  const pb = f.positionRhs;
  const xp = f.positionX;
  for (let t = 0; t < n; t++) pb[t] = rhs[order[t]];
  substitute(f, pb, xp);
  let bad = -1;
  for (let t = 0; t < n; t++) {
    const v = xp[t];
    x[order[t]] = v;
    if (v - v !== 0 && bad < 0) bad = t;
  }
  return bad;
}

function failure(f: BlockFactors, c: number, kind: SparseSolveFailure['kind'], reason: string): SparseSolveFailure {
  const out: SparseSolveFailure = { ok: false, kind, singularBlock: f.plan.blockUnknowns(c), block: c, reason };
  if (kind === 'ill-conditioned') out.pivotRatio = f.pivotRatio[c];
  return out;
}

/**
 * r = b − A x with the loaded values, in A's numbering and summation order (as residualNorm: each
 * row's values are read through the layout, from one contiguous range); returns ‖r‖∞.
 */
function residualInto(f: BlockFactors, x: Float64Array, b: Float64Array, r: Float64Array): number {
  const { n, rowPtr, colIdx } = f.plan;
  const { dest } = f.plan.layout;
  const values = f.loaded.values;
  let rmax = 0;
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) s -= values[dest[p]] * x[colIdx[p]];
    r[i] = s;
    const a = Math.abs(s);
    if (a > rmax || a !== a) rmax = a;
  }
  return rmax;
}

export function solveStats(f: BlockFactors): SparseSolveStats {
  const { plan, lu } = f;
  let factorNonzeros = 0;
  for (let c = 0; c < plan.blockCount; c++) {
    const m = plan.blockSize(c);
    if (plan.kind[c] === DENSE) factorNonzeros += m * m;
    else if (plan.kind[c] === SPARSE) {
      for (let t = plan.blockStart[c], e = t + m; t < e; t++) factorNonzeros += lu.lEnd[t] - lu.lBeg[t] + lu.uEnd[t] - lu.uBeg[t] + 2;
    }
  }
  const { blocks, largestBlock, singletons } = plan.stats;
  return { blocks, largestBlock, singletons, factorNonzeros };
}

function firstNonFinite(v: Float64Array): number {
  for (let t = 0; t < v.length; t++) if (v[t] - v[t] !== 0) return t;
  return -1;
}

function infNorm(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) {
    const a = Math.abs(v[i]);
    if (a > m || a !== a) m = a;
  }
  return m;
}

function maxOf(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) if (v[i] > m) m = v[i];
  return m;
}

function argMaxAbs(v: Float64Array): number {
  let worst = 0;
  let worstAbs = -1;
  for (let i = 0; i < v.length; i++) {
    const a = Math.abs(v[i]);
    if (a > worstAbs) {
      worstAbs = a;
      worst = i;
    }
  }
  return worst;
}
