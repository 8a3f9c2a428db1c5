/**
 * Keeps the answer in step with the document: every change of the document or mode is sent to the
 * solver, debounced (a change after a quiet spell goes at once, a burst of changes waits for its
 * end); while a solve runs, newer changes wait and only the latest is sent next (older ones are
 * never solved). The solver is a port: a Web Worker in the browser,
 * a direct call in tests.
 */
import type { Diagnostic, FlowsheetDoc, FlowsheetResults } from '../../core';
import { sameForSolver } from './doc';
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
}

export interface SolverPort {
  solve(request: SolveRequest): Promise<SolveReply>;
}

export interface SolveControllerOptions {
  debounceMs?: number;
  now?: () => number;
}

export function connectSolver(store: EditorStore, solver: SolverPort, options: SolveControllerOptions = {}): () => void {
  const debounceMs = options.debounceMs ?? 25;
  const now = options.now ?? (() => performance.now());
  let timer: ReturnType<typeof setTimeout> | undefined;
  let busy = false;
  let requested = { version: -1, mode: undefined as string | undefined };
  let nextId = 1;
  let disposed = false;
  let lastSend = -Infinity;
  /** The last answer and what it was for: a layout-only change reuses it without solving. */
  let last: { doc: FlowsheetDoc; mode: string | undefined; outcome: SolveReply['outcome']; solveMs: number } | undefined;

  const send = () => {
    timer = undefined;
    if (busy || disposed) return;
    const s = store.getState();
    if (s.version === requested.version && s.mode === requested.mode) return;
    requested = { version: s.version, mode: s.mode };
    if (last && last.mode === s.mode && sameForSolver(last.doc, s.doc)) {
      last = { ...last, doc: s.doc };
      store.solveFinished({ version: s.version, mode: s.mode, outcome: last.outcome, solveMs: last.solveMs, roundTripMs: 0 });
      return;
    }
    busy = true;
    lastSend = now();
    const version = s.version;
    const mode = s.mode;
    const t0 = now();
    const doc = s.doc;
    store.solveStarted(version, mode);
    solver
      .solve({ id: nextId++, doc, mode })
      .then(
        (reply) => ({ outcome: reply.outcome, solveMs: reply.solveMs }),
        (err: unknown) => ({
          outcome: { ok: false as const, diagnostics: [{ path: '(file)', message: `the solver failed: ${err instanceof Error ? err.message : String(err)}` }] },
          solveMs: 0,
        }),
      )
      .then(({ outcome, solveMs }) => {
        busy = false;
        if (disposed) return;
        last = { doc, mode, outcome, solveMs };
        store.solveFinished({ version, mode, outcome, solveMs, roundTripMs: now() - t0 });
        schedule(0);
      });
  };
  const schedule = (delay: number) => {
    if (disposed) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(send, delay);
  };
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.doc === prev.doc && s.mode === prev.mode && s.version === prev.version) return;
    // Leading edge: a change after a quiet spell goes to the solver at once, before the editor
    // repaints the edit (the solve runs in parallel with that); a burst waits for its end.
    if (!busy && now() - lastSend > debounceMs) {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      send();
    } else schedule(debounceMs);
  });
  schedule(0);
  return () => {
    disposed = true;
    if (timer !== undefined) clearTimeout(timer);
    unsubscribe();
  };
}
