/**
 * One-shot direct solve of A x = b: analyse (pattern), factor (values), solve (right-hand side).
 * Callers that solve again after new values or a new right-hand side keep the plan and the
 * factors instead (see factors.ts).
 *
 * Never throws for singular or non-finite data (only for malformed input).
 */

import type { SparseSolveResult } from './checked-solve';
import type { CsrMatrix } from './csr';
import { factor, type FactorOptions } from './factors';
import { analyse, type AnalyseOptions } from './plan';

export type SparseSolveOptions = AnalyseOptions & FactorOptions;

export function solveSparse(A: CsrMatrix, b: Float64Array, options: SparseSolveOptions = {}): SparseSolveResult {
  const plan = analyse(A, { symbolic: false, denseFill: 0, ...options });
  if (b.length !== A.n) throw new RangeError(`solveSparse: b has length ${b.length}, expected ${A.n}`);
  const factored = factor(plan, A, options);
  return factored.ok ? factored.factors.solve(b) : factored;
}

/** ‖b − A x‖∞ */
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
