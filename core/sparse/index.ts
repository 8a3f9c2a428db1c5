/**
 * Flexsheet sparse direct solver: the whole plant's steady-state mass balance
 * (recycles included) as one sparse linear system A x = b.
 *
 * Pure TypeScript on typed arrays; no DOM, no Node APIs (runs in a Web Worker).
 */
export { CsrBuilder, csrMultiply, csrToCsc, validateCsr, type CscMatrix, type CsrMatrix } from './csr';
export { stronglyConnectedComponents, type SccResult } from './scc';
export { luFactor, luSolve, luSolveInto, type LuFactors, type LuOptions, type LuResult, type LuSingular } from './lu';
export { minimumDegreeOrder, symmetricPattern, type SymmetricPattern } from './ordering';
export {
  matrixInfNorm,
  residualNorm,
  solveSparse,
  type SparseSolveFailure,
  type SparseSolveOptions,
  type SparseSolveResult,
  type SparseSolveStats,
  type SparseSolveSuccess,
  type SparseSolveTimings,
} from './solve';
export { warmUpSparseSolver } from './warmup';
