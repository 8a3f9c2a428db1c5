/**
 * The economics tab's state: every mode of the plant solved (in a background worker, only while the
 * tab is open, after the main solve has answered), and the economics analysed from them. The
 * request/reply types are the worker protocol's "modes" message.
 */
import type { Diagnostic, FlowsheetDoc, FlowsheetResults } from '../../core';
import type { EconomicsAnalysis } from '../../core/economics';
import { sameForSolver } from './doc';
import { connectJob, type JobOptions } from './jobs';
import type { EditorState, EditorStore } from './store';

export interface ModesRequest {
  id: number;
  doc: FlowsheetDoc;
}

export type ModesOutcome =
  | {
      ok: true;
      /** Results per mode name ("(base)" for a plant without modes). */
      results: Readonly<Record<string, FlowsheetResults>>;
      /** The analysis of core/economics; absent when it has problems (the economics section, a price). */
      analysis?: EconomicsAnalysis;
      problems: readonly Diagnostic[];
    }
  | { ok: false; diagnostics: readonly Diagnostic[] };

export interface ModesReply {
  id: number;
  outcome: ModesOutcome;
  /** Time spent in the worker, solving every mode and analysing. */
  solveMs: number;
}

export interface ModesPort {
  solveModes(request: ModesRequest): Promise<ModesReply>;
}

export interface EconomicsAnswer {
  version: number;
  outcome: ModesOutcome;
  solveMs: number;
  roundTripMs: number;
}

export interface EconomicsState {
  status: 'idle' | 'solving' | 'ok' | 'failed';
  /** The document version being solved or last answered. */
  version: number;
  answer?: EconomicsAnswer;
}

export const INITIAL_ECONOMICS: EconomicsState = Object.freeze({ status: 'idle', version: 0 });

export function economicsStarted(e: EconomicsState, version: number): EconomicsState {
  return { ...e, status: 'solving', version };
}

export function economicsFinished(e: EconomicsState, a: EconomicsAnswer): EconomicsState {
  if (e.answer && a.version < e.answer.version) return e;
  return { status: a.outcome.ok ? 'ok' : 'failed', version: a.version, answer: a };
}

/** The answer on screen is about an earlier version of the plant. */
export function economicsStale(s: EditorState): boolean {
  const a = s.economics.answer;
  return !!a && a.version !== s.version;
}

/** The main solve has answered the document as it is now: background work may start. */
export function mainSolveSettled(s: EditorState): boolean {
  return s.solve.status !== 'solving' && s.solve.version === s.version && s.solve.mode === s.mode;
}

interface Want {
  version: number;
  doc: FlowsheetDoc;
}

/** Solves every mode while the economics tab is open; latest wins, never before the main solve has answered. */
export function connectEconomics(store: EditorStore, port: ModesPort, options: JobOptions = {}): () => void {
  let nextId = 1;
  return connectJob<Want, ModesReply>(
    store,
    {
      want: (s) => (s.resultsTab === 'economics' ? { version: s.version, doc: s.doc } : undefined),
      same: (a, b) => a.version === b.version,
      reuse: (last, req) => sameForSolver(last.req.doc, req.doc),
      ready: mainSolveSettled,
      run: (req) => port.solveModes({ id: nextId++, doc: req.doc }),
      fail: (_req, e) => ({
        id: 0,
        outcome: { ok: false, diagnostics: [{ path: '(file)', message: `the solver failed: ${e instanceof Error ? e.message : String(e)}` }] },
        solveMs: 0,
      }),
      started: (req) => store.economicsStarted(req.version),
      finished: (req, reply, info) => store.economicsFinished({ version: req.version, outcome: reply.outcome, solveMs: reply.solveMs, roundTripMs: info.reused ? 0 : info.ms }),
    },
    options,
  );
}
