/** The solver port backed by a Web Worker; a worker that dies is replaced on the next request. */
import type { SolveReply, SolveRequest, SolverPort } from '../state/solve-controller';

export function createWorkerSolver(): SolverPort & { dispose(): void } {
  let worker: Worker | undefined;
  const pending = new Map<number, { resolve: (r: SolveReply) => void; reject: (e: Error) => void }>();
  const start = () => {
    const w = new Worker(new URL('./solver.worker.ts', import.meta.url), { type: 'module', name: 'flexsheet-solver' });
    w.onmessage = (e: MessageEvent<SolveReply>) => {
      const p = pending.get(e.data.id);
      pending.delete(e.data.id);
      p?.resolve(e.data);
    };
    w.onerror = (e) => {
      e.preventDefault();
      for (const p of pending.values()) p.reject(new Error(e.message || 'the solver worker stopped'));
      pending.clear();
      w.terminate();
      if (worker === w) worker = undefined;
    };
    return w;
  };
  return {
    solve(request: SolveRequest) {
      worker ??= start();
      const w = worker;
      return new Promise<SolveReply>((resolve, reject) => {
        pending.set(request.id, { resolve, reject });
        w.postMessage(request);
      });
    },
    dispose() {
      worker?.terminate();
      worker = undefined;
    },
  };
}
