/**
 * One solve, as the worker runs it: the core's runFlowsheet with the shipped unit operations, on
 * a copy of the plant whose open ports drain to temporary products and feeds (state/drains.ts), so
 * that a plant being built solves as far as it is built.
 */
import { runFlowsheet } from '../../core';
import { registry } from '../../unit-ops';
import { mapDrainDiagnostics, withDrains } from '../state/drains';
import type { SolveReply, SolveRequest } from '../state/solve-controller';

export function solveRequest(request: SolveRequest): SolveReply {
  const t0 = performance.now();
  let outcome: SolveReply['outcome'];
  let drains: SolveReply['drains'] = [];
  try {
    const prepared = withDrains(request.doc, request.mode, registry);
    drains = prepared.drains;
    const r = runFlowsheet(prepared.doc, registry, request.mode !== undefined ? { mode: request.mode } : {});
    outcome = r.ok ? r : { ok: false, diagnostics: mapDrainDiagnostics(r.diagnostics, drains) };
  } catch (e) {
    // A bug, not a plant problem: say so in words, without a stack trace.
    outcome = { ok: false, diagnostics: [{ path: '(file)', message: `internal solver error: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  return { id: request.id, outcome, solveMs: performance.now() - t0, drains };
}
