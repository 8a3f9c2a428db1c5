/**
 * A worker thread of `flexsheet study`: compiles the plant of every mode once, then evaluates the
 * tasks the pool sends (core/economics/study/run.ts) and posts their results back, typed arrays
 * transferred. Started by economics-study-pool.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compilePlant, FlexsheetError, formatDiagnostic, type FlowsheetDoc } from '../core';
import { createEvaluator, runTask, type Study, type Task } from '../core/economics/study';
import { registry } from '../unit-ops';

const port = parentPort!;
try {
  const { doc, study } = workerData as { doc: FlowsheetDoc; study: Study };
  const evaluator = createEvaluator(doc, study, (d, mode) => compilePlant(d, registry, { mode }));
  port.on('message', (task: Task) => {
    try {
      const r = runTask(evaluator, study, task);
      port.postMessage({ result: r }, [r.values.buffer as ArrayBuffer, r.metrics.buffer as ArrayBuffer]);
    } catch (e) {
      port.postMessage({ error: e instanceof Error ? e.message : String(e) });
    }
  });
  port.postMessage({ ready: true });
} catch (e) {
  port.postMessage({ error: e instanceof FlexsheetError ? e.diagnostics.map(formatDiagnostic).join('\n') : e instanceof Error ? e.message : String(e) });
}
