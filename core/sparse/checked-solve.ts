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
  const { plan } = f;
  const { n, order, componentOf } = plan;
  const tolerance = options.residualTolerance ?? 1e-9;
  const maxSteps = options.maxRefinementSteps ?? 2;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(b[i])) return failure(f, componentOf[i], 'non-finite', `non-finite right-hand side b[${i}] = ${b[i]}`);
  }
  const pb = new Float64Array(n);
  for (let t = 0; t < n; t++) pb[t] = b[order[t]];
  const xp = new Float64Array(n);
  lap('residual');
  substitute(f, pb, xp);
  lap('substitute');
  const bad = firstNonFinite(xp);
  if (bad >= 0) return failure(f, componentOf[order[bad]], 'overflow', 'overflow: the solution of this block is not finite (badly scaled or nearly singular)');

  const x = new Float64Array(n);
  for (let t = 0; t < n; t++) x[order[t]] = xp[t];
  const normA = maxOf(f.loaded.rowSum);
  const normB = infNorm(b);
  const relative = (res: number, v: Float64Array): number => {
    const denom = normA * infNorm(v) + normB;
    return denom > 0 ? res / denom : res === 0 ? 0 : Infinity;
  };
  const r = new Float64Array(n);
  let residual = residualInto(f, x, b, r);
  let rel = relative(residual, x);
  if (!(rel <= tolerance) && maxSteps > 0) {
    const rp = new Float64Array(n);
    const dp = new Float64Array(n);
    const trial = new Float64Array(n);
    const rTrial = new Float64Array(n);
    for (let step = 0; step < maxSteps && !(rel <= tolerance); step++) {
      for (let t = 0; t < n; t++) rp[t] = r[order[t]];
      lap('residual');
      substitute(f, rp, dp);
      lap('substitute');
      for (let t = 0; t < n; t++) trial[order[t]] = x[order[t]] + dp[t];
      if (firstNonFinite(trial) >= 0) break;
      const tRes = residualInto(f, trial, b, rTrial);
      const tRel = relative(tRes, trial);
      if (!(tRel < rel)) break; // no progress
      x.set(trial);
      r.set(rTrial);
      residual = tRes;
      rel = tRel;
    }
  }
  lap('residual');
  if (!(rel <= tolerance)) {
    const worst = componentOf[argMaxAbs(r)];
    const m = plan.blockSize(worst);
    return failure(f, worst, 'ill-conditioned', `ill-conditioned: relative residual ${rel.toExponential(3)} exceeds ${tolerance} (block of ${m} unknowns)`);
  }
  return { ok: true, x, residual, relativeResidual: rel, stats: stats() };
}

function failure(f: BlockFactors, c: number, kind: SparseSolveFailure['kind'], reason: string): SparseSolveFailure {
  const out: SparseSolveFailure = { ok: false, kind, singularBlock: f.plan.blockUnknowns(c), block: c, reason };
  if (kind === 'ill-conditioned') out.pivotRatio = f.pivotRatio[c];
  return out;
}

/** r = b − A x with the loaded values (original numbering); returns ‖r‖∞. */
function residualInto(f: BlockFactors, x: Float64Array, b: Float64Array, r: Float64Array): number {
  const { n, rowPtr, colIdx } = f.plan;
  const values = f.loaded.values;
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
