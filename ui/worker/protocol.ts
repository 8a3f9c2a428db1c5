/**
 * The messages between the editor and its solver worker. One script serves every kind; the editor
 * runs the main solve in one worker and background work (all modes for the economics tab, pilot
 * data reconciliation) in others, so that background work never delays the main solve.
 *
 *   → { kind: 'solve', id, doc, mode }                         ← { kind: 'solve', id, outcome, solveMs }
 *   → { kind: 'modes', id, doc }                               ← { kind: 'modes', id, outcome, solveMs }
 *   → { kind: 'reconcile', id, doc, mode, csv, fileName, … }   ← { kind: 'runs', id, runs } (as soon as the data are read)
 *                                                              ← { kind: 'reconcile', id, outcome, ms }
 */
import type { ModesReply, ModesRequest } from '../state/economics';
import type { ReconcileReply, ReconcileRequest } from '../state/pilot';
import type { SolveReply, SolveRequest } from '../state/solve-controller';

export type WorkerRequest = ({ kind: 'solve' } & SolveRequest) | ({ kind: 'modes' } & ModesRequest) | ({ kind: 'reconcile' } & ReconcileRequest);

export type WorkerReply =
  | ({ kind: 'solve' } & SolveReply)
  | ({ kind: 'modes' } & ModesReply)
  | ({ kind: 'reconcile' } & ReconcileReply)
  | { kind: 'runs'; id: number; runs: readonly string[] };
