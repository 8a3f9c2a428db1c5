/// <reference lib="webworker" />
/** The solver's Web Worker: receives a document and a mode, answers with results or diagnostics. */
import type { SolveRequest } from '../state/solve-controller';
import { solveRequest } from './solve';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (event: MessageEvent<SolveRequest>) => {
  scope.postMessage(solveRequest(event.data));
};
