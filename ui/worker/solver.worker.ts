/// <reference lib="webworker" />
/**
 * The solver's Web Worker: solves a document in one mode (the main solve), every mode of it with
 * its economics, or reconciles pilot data against it (see protocol.ts). The economics and the
 * reconciliation are loaded on first use, so the main solve's worker starts as fast as before.
 */
import type { WorkerReply, WorkerRequest } from './protocol';
import type { PilotSession } from '../../core/reconcile';
import { solveRequest } from './solve';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (reply: WorkerReply) => scope.postMessage(reply);
/** This worker's pilot session: the plant and its reconciliation structure kept between runs. */
let pilot: PilotSession | undefined;

scope.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const req = event.data;
  if (req.kind === 'modes') {
    const { solveModesRequest } = await import('./modes');
    post({ kind: 'modes', ...solveModesRequest(req) });
  } else if (req.kind === 'reconcile') {
    const { reconcileRequest, pilotSession } = await import('./reconcile');
    pilot ??= pilotSession();
    post({ kind: 'reconcile', ...reconcileRequest(req, (runs) => post({ kind: 'runs', id: req.id, runs }), pilot) });
  } else post({ kind: 'solve', ...solveRequest(req) });
};
