/** One solve, as the worker runs it: the core's runFlowsheet with the shipped unit operations. */
import { runFlowsheet } from '../../core';
import { registry } from '../../unit-ops';
import type { SolveReply, SolveRequest } from '../state/solve-controller';

export function solveRequest(request: SolveRequest): SolveReply {
  const t0 = performance.now();
  let outcome: SolveReply['outcome'];
  try {
    outcome = runFlowsheet(request.doc, registry, request.mode !== undefined ? { mode: request.mode } : {});
  } catch (e) {
    // A bug, not a plant problem: say so in words, without a stack trace.
    outcome = { ok: false, diagnostics: [{ path: '(file)', message: `internal solver error: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  return { id: request.id, outcome, solveMs: performance.now() - t0 };
}
