/** Optional per-phase timing of the solver stages (milliseconds, accumulated into existing fields). */

export interface SparseSolveTimings {
  /** Strongly connected components (analyse). */
  scc?: number;
  /** Fill-reducing ordering of the sparse blocks (analyse). */
  order?: number;
  /** The rest of the analysis: dense/sparse choice, renumbering, value layout. */
  analyse?: number;
  /** Copying the values into the factor storage, with the non-finite check. */
  load?: number;
  /** Equilibration and numeric factorisation of every block. */
  factor?: number;
  /** Block forward substitution (every refinement step included). */
  substitute?: number;
  /** Residual check and iterative refinement bookkeeping. */
  residual?: number;
}

/** A lap timer: each call adds the time since the previous call to `timings[key]`. No-op without timings. */
export function lapTimer(timings: SparseSolveTimings | undefined): (key: keyof SparseSolveTimings) => void {
  if (!timings) return () => {};
  let clock = performance.now();
  return (key) => {
    const now = performance.now();
    timings[key] = (timings[key] ?? 0) + (now - clock);
    clock = now;
  };
}
