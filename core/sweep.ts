/**
 * Sweeps over the compiled plant: every point of a grid of parameter values is set and solved in
 * place (no reading or compiling again), and chosen results are tabulated. A point the plant refuses
 * (no steady state there, a spec out of reach) is kept as a row with its message and no numbers.
 */
import { FlexsheetError, formatDiagnostic } from './diagnostics';
import { formatPath, getAt, parsePath, type Segment } from './params';
import type { Plant } from './plant';
import type { FlowsheetResults } from './results';

export interface SweepAxis {
  /** ['units', id, ...param] or ['specs', id, 'target', 'value']. */
  path: Segment[];
  values: number[];
}

export interface SweepOptions {
  /** Paths into the results (`recovery.li2co3.Li`, `streams.s5.massFlow["NaCl(aq)"]`); default: recoveries, reagents and specs. */
  outputs?: string[];
  onProgress?(done: number, total: number): void;
}

export interface SweepTable {
  /** One column per axis, then one per output. */
  columns: string[];
  rows: (number | null)[][];
  /** The message of each refused point, by row. */
  refused: Map<number, string>;
}

/** Most points one sweep solves, all axes together (docs/format.md, "Limits"). */
export const MAX_SWEEP_POINTS = 100_000;

/** FROM:TO:N, N ≥ 1 evenly spaced values including both ends. */
export function linspace(text: string): number[] {
  const m = /^([^:]+):([^:]+):(\d+)$/.exec(text.trim());
  const [from, to, n] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [NaN, NaN, 0];
  if (!Number.isFinite(from) || !Number.isFinite(to) || !(n >= 1) || n > MAX_SWEEP_POINTS) throw new Error(`"${text}" is not FROM:TO:N (N from 1 to ${MAX_SWEEP_POINTS})`);
  return Array.from({ length: n }, (_, i) => (n === 1 ? from : from + ((to - from) * i) / (n - 1)));
}

export function sweep(plant: Plant, axes: readonly SweepAxis[], options: SweepOptions = {}): SweepTable {
  const total = axes.reduce((n, a) => n * a.values.length, 1);
  if (total > MAX_SWEEP_POINTS) {
    const sizes = axes.map((a) => a.values.length.toLocaleString('en-US')).join(' × ');
    throw new FlexsheetError([{ path: '(sweep)', message: `the grid has ${total.toLocaleString('en-US')} points (${sizes}): a sweep solves at most ${MAX_SWEEP_POINTS.toLocaleString('en-US')}` }]);
  }
  const points = grid(axes.map((a) => a.values));
  const rows: (number | null)[][] = [];
  const refused = new Map<number, string>();
  let outputs = options.outputs?.map((o) => ({ label: o, path: parsePath(o) }));
  points.forEach((point, i) => {
    let results: FlowsheetResults | undefined;
    try {
      point.forEach((v, a) => plant.set(axes[a].path, v));
      results = plant.results();
    } catch (e) {
      if (!(e instanceof FlexsheetError)) throw e;
      refused.set(i, e.diagnostics.map(formatDiagnostic).join('; '));
    }
    if (results && !outputs) outputs = defaultOutputs(results);
    rows.push([...point, ...(outputs ?? []).map((o) => valueAt(results, o.path))]);
    options.onProgress?.(i + 1, points.length);
  });
  const columns = [...axes.map((a) => formatPath(a.path)), ...(outputs ?? []).map((o) => o.label)];
  return { columns, rows: rows.map((r) => r.slice(0, columns.length).concat(Array(Math.max(0, columns.length - r.length)).fill(null))), refused };
}

function valueAt(results: FlowsheetResults | undefined, path: Segment[]): number | null {
  const v = results ? getAt(results, path) : undefined;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Every recovery, every reagent dose and every spec's found value. */
function defaultOutputs(r: FlowsheetResults): { label: string; path: Segment[] }[] {
  const out: { label: string; path: Segment[] }[] = [];
  for (const [p, rec] of Object.entries(r.recovery)) for (const el of Object.keys(rec)) out.push({ label: formatPath(['recovery', p, el]), path: ['recovery', p, el] });
  for (const [u, doses] of Object.entries(r.reagents)) for (const sp of Object.keys(doses)) out.push({ label: formatPath(['reagents', u, sp]), path: ['reagents', u, sp] });
  for (const id of Object.keys(r.specs ?? {})) out.push({ label: formatPath(['specs', id, 'value']), path: ['specs', id, 'value'] });
  return out;
}

function grid(values: number[][]): number[][] {
  return values.reduce<number[][]>((acc, vs) => acc.flatMap((p) => vs.map((v) => [...p, v])), [[]]);
}
