/**
 * Optional JIT warm-up. The first solve in a fresh JavaScript engine (a new Web
 * Worker, a new process) runs largely unoptimised and costs several times a
 * warm solve. Calling this once at worker start-up, while the user is still
 * loading a flowsheet, moves most of that cost out of the first real solve.
 * Takes a few hundred milliseconds; the result is not needed.
 */

import { solveSparse } from './solve';
import { flowsheetSystem } from './test-systems';

/** Solves a small synthetic flowsheet (about `n` unknowns with recycle blocks) `rounds` times. */
export function warmUpSparseSolver(n = 4000, rounds = 8): void {
  const size = Math.max(200, Math.floor(n));
  const blocks = [0.075, 0.025, 0.0125, 0.125, 0.015, 0.01].map((f) => Math.max(2, Math.floor(f * size)));
  const sys = flowsheetSystem({ n: size, blockSizes: blocks, seed: 20240601, window: 5 });
  for (let r = 0; r < rounds; r++) solveSparse(sys.A, sys.b);
}
