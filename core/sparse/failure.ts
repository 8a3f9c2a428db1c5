/**
 * How a solve fails: never by throwing for singular or non-finite data, always with the block to
 * blame, a sentence, and a kind the engine can word its own message from.
 */

/**
 * - `singular`: a block has no acceptable pivot and its smallest relative pivot is zero to within
 *   rounding (at most {@link SINGULAR_PIVOT_RATIO}): exactly singular, e.g. a recycle loop whose
 *   column sums are exactly 1 (a species with no way out), or an equation with nothing to solve for.
 * - `ill-conditioned`: nearly singular: the smallest relative pivot is above rounding level but
 *   below the tolerance (a 1e-12 purge), or the residual check failed after iterative refinement.
 * - `non-finite`: a coefficient or a right-hand side is NaN or infinite.
 * - `overflow`: the solution of a block is not finite although the data are.
 */
export type SparseFailureKind = 'singular' | 'ill-conditioned' | 'non-finite' | 'overflow';

export interface SparseSolveFailure {
  ok: false;
  kind: SparseFailureKind;
  /** The unknowns (ascending, original numbering) of the block that failed. */
  singularBlock: Int32Array;
  /** That block's index in the plan's solve order. */
  block: number;
  reason: string;
  /**
   * For `singular` and `ill-conditioned`: the smallest |pivot| / max |column entry| seen in the
   * block's (equilibrated) factorisation; 0 for an exactly zero pivot or an empty column.
   */
  pivotRatio?: number;
}

/**
 * A relative pivot at or below this is "zero to within rounding": about 45 machine epsilons, the
 * size of the rounding error left in the last pivot of an exactly singular flowsheet block. Above
 * it and below the tolerance (default 1e-12) a block is nearly singular, not exactly.
 */
export const SINGULAR_PIVOT_RATIO = 1e-14;

/** 'singular' when the relative pivot is zero to within rounding, else 'ill-conditioned'. */
export function pivotKind(pivotRatio: number): 'singular' | 'ill-conditioned' {
  return pivotRatio <= SINGULAR_PIVOT_RATIO ? 'singular' : 'ill-conditioned';
}
