/**
 * Ports backed by Web Workers (protocol.ts). The main solve has a worker of its own; background
 * work (every mode for the economics tab, pilot data reconciliation) runs in one worker per kind, so
 * it never queues in front of the main solve. A worker that dies is replaced on the next request;
 * cancelling stops a background worker at once (a reconciliation can take seconds) and the next
 * request starts a fresh one.
 */
import type { ModesPort, ModesReply } from '../state/economics';
import type { ReconcilePort, ReconcileReply } from '../state/pilot';
import type { SolveReply, SolverPort } from '../state/solve-controller';
import type { WorkerReply, WorkerRequest } from './protocol';

interface Pending {
  resolve(reply: WorkerReply): void;
  reject(error: Error): void;
  onRuns?(runs: readonly string[]): void;
}

function workerLane(name: string) {
  let worker: Worker | undefined;
  const pending = new Map<number, Pending>();
  const failAll = (message: string) => {
    for (const p of pending.values()) p.reject(new Error(message));
    pending.clear();
  };
  const start = () => {
    const w = new Worker(new URL('./solver.worker.ts', import.meta.url), { type: 'module', name });
    w.onmessage = (e: MessageEvent<WorkerReply>) => {
      const reply = e.data;
      const p = pending.get(reply.id);
      if (reply.kind === 'runs') {
        p?.onRuns?.(reply.runs);
        return;
      }
      pending.delete(reply.id);
      p?.resolve(reply);
    };
    w.onerror = (e) => {
      e.preventDefault();
      failAll(e.message || `the ${name} worker stopped`);
      w.terminate();
      if (worker === w) worker = undefined;
    };
    return w;
  };
  return {
    request(message: WorkerRequest, onRuns?: (runs: readonly string[]) => void): Promise<WorkerReply> {
      worker ??= start();
      const w = worker;
      return new Promise<WorkerReply>((resolve, reject) => {
        pending.set(message.id, { resolve, reject, onRuns });
        w.postMessage(message);
      });
    },
    /** Starts the worker now (its script loads and compiles while the page does other work). */
    warm() {
      worker ??= start();
    },
    cancel() {
      worker?.terminate();
      worker = undefined;
      failAll('cancelled');
    },
    dispose() {
      worker?.terminate();
      worker = undefined;
      pending.clear();
    },
  };
}

export function createWorkerSolver(): SolverPort & { dispose(): void; warm(): void } {
  const lane = workerLane('flexsheet-solver');
  return {
    solve: (request) => lane.request({ kind: 'solve', ...request }) as Promise<SolveReply & { kind: 'solve' }>,
    warm: lane.warm,
    dispose: lane.dispose,
  };
}

export interface BackgroundPorts {
  modes: ModesPort;
  reconcile: ReconcilePort;
  /** Two modes solved for the comparison tab. */
  compare: SolverPort & { dispose(): void };
  dispose(): void;
}

/** The background workers, each started on its first request. */
export function createBackgroundWorkers(): BackgroundPorts {
  const modes = workerLane('flexsheet-modes');
  const pilot = workerLane('flexsheet-reconcile');
  const compare = workerLane('flexsheet-compare');
  return {
    compare: { solve: (request) => compare.request({ kind: 'solve', ...request }) as Promise<SolveReply & { kind: 'solve' }>, dispose: compare.dispose },
    modes: { solveModes: (request) => modes.request({ kind: 'modes', ...request }) as Promise<ModesReply & { kind: 'modes' }> },
    reconcile: {
      reconcile: (request, onRuns) => pilot.request({ kind: 'reconcile', ...request }, onRuns) as Promise<ReconcileReply & { kind: 'reconcile' }>,
      cancel: pilot.cancel,
    },
    dispose() {
      modes.dispose();
      pilot.dispose();
      compare.dispose();
    },
  };
}
