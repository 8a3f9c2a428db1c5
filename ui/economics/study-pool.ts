/**
 * A pool of Web Workers for the study panel (navigator.hardwareConcurrency of them by default), each
 * a lane of core/economics/study/run.ts: the same tasks and the same results as the command line's
 * worker threads. Where workers cannot start, the study runs in this thread.
 */
import type { FlowsheetDoc } from '../../core';
import { createEvaluator, inProcessLane, runStudy, type Lane, type Study, type StudyResult, type Task, type TaskResult } from '../../core/economics/study';

type Message = { ready: true } | { result: TaskResult } | { error: string };

function workerLane(doc: FlowsheetDoc, study: Study): Promise<Lane> {
  const worker = new Worker(new URL('./study.worker.ts', import.meta.url), { type: 'module', name: 'study' });
  let waiting: { resolve: (r: TaskResult) => void; reject: (e: Error) => void } | undefined;
  return new Promise((ready, failed) => {
    let started = false;
    const fail = (e: Error) => (started ? waiting?.reject(e) : failed(e));
    worker.onerror = (e) => {
      e.preventDefault();
      fail(new Error(e.message || 'a study worker stopped'));
    };
    worker.onmessage = (e: MessageEvent<Message>) => {
      const m = e.data;
      if ('ready' in m) {
        started = true;
        ready({ run: (task: Task) => new Promise<TaskResult>((resolve, reject) => ((waiting = { resolve, reject }), worker.postMessage({ task }))), close: () => worker.terminate() });
      } else if ('result' in m) waiting?.resolve(m.result);
      else fail(new Error(m.error));
    };
    worker.postMessage({ init: { doc, study } });
  });
}

export interface BrowserStudyOptions {
  workers?: number;
  onProgress?(done: number, total: number): void;
  /** Evaluates in this thread (no workers), e.g. in tests. */
  compile?: Parameters<typeof createEvaluator>[2];
}

/** Runs a study on Web Workers and closes them. */
export async function runBrowserStudy(doc: FlowsheetDoc, study: Study, options: BrowserStudyOptions = {}): Promise<StudyResult> {
  let lanes: Lane[];
  if (options.compile) lanes = [inProcessLane(createEvaluator(doc, study, options.compile), study)];
  else {
    const k = Math.max(1, options.workers ?? (typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2));
    lanes = await Promise.all(Array.from({ length: k }, () => workerLane(doc, study)));
  }
  try {
    return await runStudy(study, lanes, options.onProgress);
  } finally {
    await Promise.all(lanes.map((l) => l.close?.()));
  }
}
