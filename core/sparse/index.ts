/**
 * Flexsheet sparse direct solver: the whole plant's steady-state mass balance
 * (recycles included) as one sparse linear system A x = b.
 *
 * analyse (pattern) → factor (values) → solve (right-hand side), with refactor after new values
 * and solveBlock for one block at a time; solveSparse composes the three for a one-shot solve.
 *
 * Pure TypeScript on typed arrays; no DOM, no Node APIs (runs in a Web Worker).
 */
export { CsrBuilder, csrMultiply, csrToCsc, sameCsrPattern, validateCsr, type CscMatrix, type CsrMatrix } from './csr';
export { stronglyConnectedComponents, type SccResult } from './scc';
export { luFactor, luSolve, luSolveInto, type LuFactors, type LuOptions, type LuResult, type LuSingular } from './lu';
export { minimumDegreeOrder, symmetricPattern, type SymmetricPattern } from './ordering';
export { AMD_MIN, analyse, DENSE_FILL, DENSE_MAX, type AnalyseOptions, type PlanStats, type SolvePlan } from './plan';
export { factor, type FactorOptions, type Factors } from './factors';
export { SINGULAR_PIVOT_RATIO, type SparseFailureKind, type SparseSolveFailure } from './failure';
export type { CheckOptions, SparseSolveResult, SparseSolveStats, SparseSolveSuccess } from './checked-solve';
export type { PivotOptions } from './block-factor';
export type { SparseSolveTimings } from './timings';
export { residualNorm, solveSparse, type SparseSolveOptions } from './solve';
