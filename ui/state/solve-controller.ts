/**
 * Keeps the answer in step with the document: every change of the document or mode is sent to the
 * solver, debounced (a change after a quiet spell goes at once, a burst of changes waits for its
 * end); while a solve runs, newer changes wait and only the latest is sent next (older ones are
 * never solved); a layout-only change reuses the last answer. The scheduling is jobs.ts's
 * `connectJob`. The solver is a port: a Web Worker in the browser, a direct call in tests.
 */
import type { Diagnostic, FlowsheetDoc, FlowsheetResults } from '../../core';
import { sameForSolver } from './doc';
import type { Drain } from './drains';
import { connectJob, type JobOptions } from './jobs';
import type { EditorStore } from './store';

export interface SolveRequest {
  id: number;
  doc: FlowsheetDoc;
  mode: string | undefined;
}

export interface SolveReply {
  id: number;
  outcome: { ok: true; results: FlowsheetResults } | { ok: false; diagnostics: readonly Diagnostic[] };
  /** Time spent solving, in the solver. */
  solveMs: number;
  /** Open ports solved through temporary units (drains.ts). */
  drains?: readonly Drain[];
}

export interface SolverPort {
  solve(request: SolveRequest): Promise<SolveReply>;
}

export type SolveControllerOptions = JobOptions;

export function connectSolver(store: EditorStore, solver: SolverPort, options: SolveControllerOptions = {}): () => void {
  let nextId = 1;
  return connectJob<SolveWant, Pick<SolveReply, 'outcome' | 'solveMs' | 'drains'>>(
    store,
    {
      want: (s) => ({ version: s.version, mode: s.mode, doc: s.doc }),
      same: (a, b) => a.version === b.version && a.mode === b.mode,
      // A layout-only change (or one of the economics section, which a solve never reads) reuses the last answer.
      reuse: (last, req) => last.req.mode === req.mode && sameForSolver(last.req.doc, req.doc, ['economics']),
      run: ({ doc, mode }) => solver.solve({ id: nextId++, doc, mode }).then((reply) => ({ outcome: reply.outcome, solveMs: reply.solveMs, drains: reply.drains })),
      fail: (_req, err) => ({
        outcome: { ok: false, diagnostics: [{ path: '(file)', message: `the solver failed: ${err instanceof Error ? err.message : String(err)}` }] },
        solveMs: 0,
      }),
      started: (req) => store.solveStarted(req.version, req.mode),
      finished: ({ version, mode }, { outcome, solveMs, drains }, { ms, reused }) => store.solveFinished({ version, mode, outcome, solveMs, roundTripMs: reused ? 0 : ms, drains }),
    },
    options,
  );
}

interface SolveWant {
  version: number;
  mode: string | undefined;
  doc: FlowsheetDoc;
}
