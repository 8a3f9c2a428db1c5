/**
 * Running a study over a pool of lanes (worker threads in Node, Web Workers in the browser, or one
 * in-process lane). The work is cut into tasks that do not depend on the number of lanes:
 * Monte Carlo blocks (streams.ts) or rows of explicit values (a one-at-a-time sweep, the baseline
 * and the tornado's ends). Each lane evaluates whole tasks; the scheduler keeps every lane busy and
 * writes each task's rows at their place, so the results are the same with 1 lane or 40.
 */
import { quantile, tornadoEnds } from './distributions';
import type { Evaluator } from './evaluator';
import { summarise, spearman, type Summary } from './statistics';
import { blocks, uniforms, type Block } from './streams';
import type { Study } from './spec';

export type Task = { index: number; start: number; kind: 'mc'; block: Block } | { index: number; start: number; kind: 'rows'; rows: number[][] };

export interface TaskResult {
  index: number;
  start: number;
  /** Applied parameter values, count × P. */
  values: Float64Array;
  /** Metrics, count × M (NaN where refused). */
  metrics: Float64Array;
  /** Refused rows of the task: [row within the whole run, message]. */
  refused: [number, string][];
}

/** Evaluates one task with a worker's evaluator. */
export function runTask(evaluator: Evaluator, study: Study, task: Task): TaskResult {
  const P = study.parameters.length;
  const M = study.metrics.length;
  let drawn: number[][];
  if (task.kind === 'rows') drawn = task.rows;
  else {
    const u = uniforms(task.block, P);
    drawn = Array.from({ length: task.block.count }, (_, s) => study.parameters.map((p, k) => quantile(p.distribution, u[s * P + k])));
  }
  const values = new Float64Array(drawn.length * P);
  const metrics = new Float64Array(drawn.length * M);
  const refused: [number, string][] = [];
  drawn.forEach((row, s) => {
    const applied = evaluator.applied(row);
    values.set(applied, s * P);
    const e = evaluator.evaluate(applied);
    metrics.set(e.metrics, s * M);
    if (e.refused) refused.push([task.start + s, e.refused]);
  });
  return { index: task.index, start: task.start, values, metrics, refused };
}

/** The drawn vector of the baseline: each parameter at its value in the file (× 1 when relative; its median when the file has none). */
function baselineRow(study: Study): number[] {
  return study.parameters.map((p) => (p.relative ? 1 : Number.isFinite(p.baseline) ? p.baseline : quantile(p.distribution, 0.5)));
}

/** Rows of a one-at-a-time sweep: each parameter through its levels (or listed values), the others at baseline. */
function oatRows(study: Study): { parameter: number; drawn: number }[] {
  const out: { parameter: number; drawn: number }[] = [];
  study.parameters.forEach((p, k) => {
    const xs = 'values' in p.distribution ? p.distribution.values : study.levels.map((q) => quantile(p.distribution, q));
    for (const x of xs) out.push({ parameter: k, drawn: x });
  });
  return out;
}

export interface Lane {
  run(task: Task): Promise<TaskResult>;
  close?(): void | Promise<void>;
}

export interface TornadoBar {
  parameter: string;
  low: number;
  high: number;
  atLow: number;
  atHigh: number;
  /** |atHigh − atLow|: the bars are sorted by it, widest first. */
  swing: number;
}

export interface StudyResult {
  study: Study;
  /** Sample rows (Monte Carlo samples, or the one-at-a-time sweep). */
  samples: number;
  values: Float64Array;
  metrics: Float64Array;
  refused: [number, string][];
  summary: Summary[];
  /** spearman[m][p]: rank correlation of metric m with parameter p (Monte Carlo only). */
  spearman: number[][];
  baseline: number[];
  tornado: TornadoBar[][];
  /** One-at-a-time: per parameter, the rows of the sweep that move it. */
  oat?: { parameter: string; rows: number[] }[];
  timing: { ms: number; lanes: number; samplesPerSecond: number };
}

const ROWS_PER_TASK = 64;

function rowTasks(rows: number[][], first: number, start: number): Task[] {
  const out: Task[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_TASK) out.push({ index: first + out.length, start: start + i, kind: 'rows', rows: rows.slice(i, i + ROWS_PER_TASK) });
  return out;
}

/** The tasks of a study: its samples (or sweep rows) first, then the baseline and the tornado's ends. */
function planTasks(study: Study): { tasks: Task[]; samples: number; extra: number } {
  const base = baselineRow(study);
  let tasks: Task[];
  let samples: number;
  if (study.method === 'monte-carlo') {
    tasks = blocks(study.seed, study.samples).map((block) => ({ index: block.index, start: block.start, kind: 'mc' as const, block }));
    samples = study.samples;
  } else {
    const rows = oatRows(study).map(({ parameter, drawn }) => base.map((b, k) => (k === parameter ? drawn : b)));
    tasks = rowTasks(rows, 0, 0);
    samples = rows.length;
  }
  const ends = study.parameters.flatMap((p, k) => tornadoEnds(p.distribution).map((x) => base.map((b, j) => (j === k ? x : b))));
  const extraRows = [base, ...ends];
  return { tasks: [...tasks, ...rowTasks(extraRows, tasks.length, samples)], samples, extra: extraRows.length };
}

/** Runs every task on the lanes, keeping each busy; `onProgress(done, total)` counts rows. */
async function runTasks(tasks: readonly Task[], lanes: readonly Lane[], onProgress?: (done: number, total: number) => void): Promise<TaskResult[]> {
  const rows = (t: Task) => (t.kind === 'mc' ? t.block.count : t.rows.length);
  const total = tasks.reduce((s, t) => s + rows(t), 0);
  const out: TaskResult[] = new Array(tasks.length);
  let next = 0;
  let done = 0;
  await Promise.all(
    lanes.map(async (lane) => {
      while (next < tasks.length) {
        const t = tasks[next++];
        out[t.index] = await lane.run(t);
        done += rows(t);
        onProgress?.(done, total);
      }
    }),
  );
  return out;
}

/** Assembles the task results: summaries, rank correlations, baseline, tornado, sweep rows. */
function assemble(study: Study, samples: number, results: readonly TaskResult[], ms: number, lanes: number): StudyResult {
  const P = study.parameters.length;
  const M = study.metrics.length;
  const rows = results.reduce((s, r) => s + r.values.length / P, 0);
  const values = new Float64Array(rows * P);
  const metrics = new Float64Array(rows * M);
  const refused: [number, string][] = [];
  for (const r of results) {
    values.set(r.values, r.start * P);
    metrics.set(r.metrics, r.start * M);
    refused.push(...r.refused);
  }
  const col = (data: Float64Array, width: number, k: number, from: number, to: number) => Float64Array.from({ length: to - from }, (_, i) => data[(from + i) * width + k]);
  const summary = study.metrics.map((_, m) => summarise(col(metrics, M, m, 0, samples)));
  const spearmanM = study.method === 'monte-carlo' ? study.metrics.map((_, m) => study.parameters.map((_p, k) => spearman(col(values, P, k, 0, samples), col(metrics, M, m, 0, samples)))) : [];
  const baseline = study.metrics.map((_, m) => metrics[samples * M + m]);
  const tornado = study.metrics.map((_, m) =>
    study.parameters
      .map((p, k) => {
        const lo = samples + 1 + 2 * k;
        const atLow = metrics[lo * M + m];
        const atHigh = metrics[(lo + 1) * M + m];
        return { parameter: p.name, low: values[lo * P + k], high: values[(lo + 1) * P + k], atLow, atHigh, swing: Math.abs(atHigh - atLow) };
      })
      .sort((a, b) => (Number.isNaN(b.swing) ? -1 : b.swing - a.swing)),
  );
  const oat = study.method === 'one-at-a-time' ? sweepRows(study) : undefined;
  return {
    study,
    samples,
    values: values.slice(0, samples * P),
    metrics: metrics.slice(0, samples * M),
    refused: refused.filter(([i]) => i < samples),
    summary,
    spearman: spearmanM,
    baseline,
    tornado,
    ...(oat ? { oat } : {}),
    timing: { ms, lanes, samplesPerSecond: ms > 0 ? (rows / ms) * 1000 : Infinity },
  };
}

function sweepRows(study: Study): { parameter: string; rows: number[] }[] {
  const rows = oatRows(study);
  return study.parameters.map((p, k) => ({ parameter: p.name, rows: rows.map((r, i) => (r.parameter === k ? i : -1)).filter((i) => i >= 0) }));
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Plans, runs and assembles a study on the given lanes. */
export async function runStudy(study: Study, lanes: readonly Lane[], onProgress?: (done: number, total: number) => void): Promise<StudyResult> {
  const t0 = now();
  const { tasks, samples } = planTasks(study);
  const results = await runTasks(tasks, lanes, onProgress);
  return assemble(study, samples, results, now() - t0, lanes.length);
}

/** One lane that evaluates in this thread (tests, a single core, or a browser without workers). */
export function inProcessLane(evaluator: Evaluator, study: Study): Lane {
  return { run: async (task) => runTask(evaluator, study, task) };
}
