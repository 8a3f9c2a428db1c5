/**
 * A worker thread of `flexsheet study`: compiles the plant of every mode once, then evaluates the
 * tasks the pool sends (core/economics/study/run.ts) and posts their results back, typed arrays
 * transferred. Started by economics-study-pool.ts, either as this module (from the sources, through
 * tsx) or inside the command line's bundle, whose pool calls `serveIfStudyWorker` at load: it
 * serves when its thread was started with `workerData.flexsheetStudyWorker`.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { compilePlant, FlexsheetError, formatDiagnostic, type FlowsheetDoc } from '../core';
import { createEvaluator, runTask, type Study, type Task } from '../core/economics/study';
import { registry } from '../unit-ops';

interface StudyWorkerData {
  flexsheetStudyWorker: true;
  doc: FlowsheetDoc;
  study: Study;
}

const message = (e: unknown) => (e instanceof FlexsheetError ? e.diagnostics.map(formatDiagnostic).join('\n') : e instanceof Error ? e.message : String(e));

function serve(data: StudyWorkerData): void {
  const port = parentPort!;
  try {
    const evaluator = createEvaluator(data.doc, data.study, (d, mode) => compilePlant(d, registry, { mode }));
    port.on('message', (task: Task) => {
      try {
        const r = runTask(evaluator, data.study, task);
        port.postMessage({ result: r }, [r.values.buffer as ArrayBuffer, r.metrics.buffer as ArrayBuffer]);
      } catch (e) {
        port.postMessage({ error: message(e) });
      }
    });
    port.postMessage({ ready: true });
  } catch (e) {
    port.postMessage({ error: message(e) });
  }
}

/** Serves when this thread was started as a study worker; called at load by this module and by the pool (the package declares no side effects, so a bundle keeps only what is called). */
export function serveIfStudyWorker(): void {
  if (!isMainThread && (workerData as Partial<StudyWorkerData> | undefined)?.flexsheetStudyWorker && !serving) {
    serving = true;
    serve(workerData as StudyWorkerData);
  }
}

let serving = false;
serveIfStudyWorker();
