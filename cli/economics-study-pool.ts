/**
 * A pool of worker threads for `flexsheet study`, each a lane of core/economics/study/run.ts. The
 * worker is economics-study-worker.ts: run from the command line's bundle, a thread starts the
 * bundle itself (which holds the worker module and serves instead of running a command); run from
 * the sources, a thread loads the TypeScript module through tsx's ESM loader.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FlowsheetDoc } from '../core';
import type { Lane, Study, Task, TaskResult } from '../core/economics/study';
import { serveIfStudyWorker } from './economics-study-worker';

/** The repository (or installed package) folder: the nearest one up from here holding the worker's source. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'cli', 'economics-study-worker.ts'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find cli/economics-study-worker.ts beside the command line');
}

/** tsx's ESM API (`tsx/esm/api`), to load the worker's TypeScript. */
function tsxApi(root: string): string {
  const pkg = createRequire(join(root, 'package.json')).resolve('tsx/package.json');
  return pathToFileURL(join(dirname(pkg), 'dist', 'esm', 'api', 'index.mjs')).href;
}

function bootstrap(root: string): string {
  const api = JSON.stringify(tsxApi(root));
  const worker = JSON.stringify(pathToFileURL(join(root, 'cli', 'economics-study-worker.ts')).href);
  return `import(${api}).then((m) => { m.register(); return import(${worker}); }).catch((e) => require('node:worker_threads').parentPort.postMessage({ error: String(e && e.message || e) }));`;
}

// In a worker thread started from the bundle, this module's load is what starts the serving.
serveIfStudyWorker();

type Message = { ready: true } | { result: TaskResult } | { error: string };

/** How to start a worker: this bundle itself, or the TypeScript worker through tsx. */
function workerSource(): { source: string | URL; eval: boolean } {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return { source: new URL(here), eval: false };
  return { source: bootstrap(packageRoot()), eval: true };
}

/** One worker as a lane: tasks are sent one at a time and answered in order. */
function workerLane(start: { source: string | URL; eval: boolean }, doc: FlowsheetDoc, study: Study): Promise<Lane> {
  const worker = new Worker(start.source, { eval: start.eval, workerData: { flexsheetStudyWorker: true, doc, study } });
  let waiting: { resolve: (r: TaskResult) => void; reject: (e: Error) => void } | undefined;
  return new Promise((ready, failed) => {
    let started = false;
    const fail = (e: Error) => (started ? waiting?.reject(e) : failed(e));
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`a study worker stopped (exit ${code})`)));
    worker.on('message', (m: Message) => {
      if ('ready' in m) {
        started = true;
        ready({
          run: (task: Task) => new Promise<TaskResult>((resolve, reject) => ((waiting = { resolve, reject }), worker.postMessage(task))),
          close: () => worker.terminate().then(() => undefined),
        });
      } else if ('result' in m) waiting?.resolve(m.result);
      else fail(new Error(m.error));
    });
  });
}

/** K worker lanes, each with the plant compiled for every mode of the study. */
export async function workerLanes(doc: FlowsheetDoc, study: Study, k: number): Promise<Lane[]> {
  const start = workerSource();
  const lanes = await Promise.allSettled(Array.from({ length: k }, () => workerLane(start, doc, study)));
  const bad = lanes.find((l) => l.status === 'rejected');
  if (bad) {
    await Promise.all(lanes.map((l) => (l.status === 'fulfilled' ? l.value.close?.() : undefined)));
    throw (bad as PromiseRejectedResult).reason;
  }
  return lanes.map((l) => (l as PromiseFulfilledResult<Lane>).value);
}
