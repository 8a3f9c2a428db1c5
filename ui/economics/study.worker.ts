/// <reference lib="webworker" />
/**
 * A Web Worker of the study panel: compiles the plant of every mode once, then evaluates the tasks
 * the pool sends (core/economics/study/run.ts) and posts their results back, typed arrays
 * transferred. The browser counterpart of cli/economics-study-worker.ts.
 */
import { compilePlant, FlexsheetError, formatDiagnostic, type FlowsheetDoc } from '../../core';
import { createEvaluator, runTask, type Evaluator, type Study, type Task } from '../../core/economics/study';
import { registry } from '../../unit-ops';

type Request = { init: { doc: FlowsheetDoc; study: Study } } | { task: Task };

const scope = self as unknown as DedicatedWorkerGlobalScope;
let state: { evaluator: Evaluator; study: Study } | undefined;

const message = (e: unknown) => (e instanceof FlexsheetError ? e.diagnostics.map(formatDiagnostic).join('\n') : e instanceof Error ? e.message : String(e));

scope.onmessage = (event: MessageEvent<Request>) => {
  const req = event.data;
  try {
    if ('init' in req) {
      const { doc, study } = req.init;
      state = { evaluator: createEvaluator(doc, study, (d, mode) => compilePlant(d, registry, { mode })), study };
      scope.postMessage({ ready: true });
      return;
    }
    if (!state) throw new Error('the study worker was not initialised');
    const r = runTask(state.evaluator, state.study, req.task);
    scope.postMessage({ result: r }, [r.values.buffer as ArrayBuffer, r.metrics.buffer as ArrayBuffer]);
  } catch (e) {
    scope.postMessage({ error: message(e) });
  }
};
