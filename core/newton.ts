/**
 * The solve stage. The plant's rows are solved first as written for the relaxation (every linear
 * unit exactly, every nonlinear unit by the linear model it documents, every spec's parameter at its
 * start). A plant with nothing nonlinear is then solved. Otherwise Newton: the nonlinear rows are
 * linearised at the current state and the whole system solved for the next iterate, with a
 * backtracking line search on the scaled residual and every unknown kept within its bounds (flows
 * ≥ 0). Converged when every row's residual is at most 1e-10 of the size of its terms; a plant that
 * does not converge in 50 iterations is refused with its worst equations and the residual history.
 */
import { describeUnknown } from './describe';
import type { Diagnostic } from './diagnostics';
import { stateOf, type PlantSystem } from './numbers';
import type { CsrMatrix, SparseSolveFailure, SparseSolveResult } from './sparse';

export interface LinearSolver {
  solve(A: CsrMatrix, b: Float64Array): SparseSolveResult;
}

export interface NewtonOptions {
  /** Largest scaled residual accepted, per row. Default 1e-10. */
  tolerance?: number;
  /** Default 50. */
  maxIterations?: number;
  /** Start from this state instead of the relaxation. */
  start?: Float64Array;
}

export type NewtonResult =
  | { ok: true; x: Float64Array; iterations: number; history: number[] }
  | { ok: false; failure: SparseSolveFailure }
  | { ok: false; diagnostics: Diagnostic[]; x: Float64Array };

export function solveSystem(system: PlantSystem, linear: LinearSolver, options: NewtonOptions = {}): NewtonResult {
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 50;
  let x: Float64Array;
  if (options.start) x = Float64Array.from(options.start);
  else {
    const first = linear.solve(system.A, system.b);
    if (!first.ok) return { ok: false, failure: first };
    x = first.x;
  }
  if (!system.nonlinear.length) return { ok: true, x, iterations: 0, history: [] };

  project(system, x);
  relinearise(system, x);
  const history: number[] = [];
  const r = new Float64Array(system.n);
  const scale = new Float64Array(system.n);
  let polished = false;
  for (let iteration = 0; iteration <= maxIterations; iteration++) {
    const worst = scaledResidual(system, x, r, scale);
    history.push(worst);
    // Converged; one more step when it is cheap to take (quadratic: it reaches rounding).
    if (worst <= tolerance && (worst <= 1e-14 || polished)) return { ok: true, x, iterations: iteration, history };
    if (worst <= tolerance) polished = true;
    if (iteration === maxIterations) break;
    if (stalled(history)) return { ok: false, x, diagnostics: [notConverged(system, x, r, scale, history, `it stalled after ${iteration} Newton iterations (no progress in the last ${STALL})`)] };
    const step = linear.solve(system.A, system.b);
    if (!step.ok) return { ok: false, x, diagnostics: [notConverged(system, x, r, scale, history, `its Jacobian is singular at iteration ${iteration + 1} (${step.reason})`)] };
    const merit = meritOf(r, scale);
    x = lineSearch(system, x, step.x, merit, r, scale);
  }
  return { ok: false, x, diagnostics: [notConverged(system, x, r, scale, history, `in ${maxIterations} Newton iterations`)] };
}

/** Re-writes every nonlinear row at x (rebuilding the pattern if a row left it). */
function relinearise(system: PlantSystem, x: Float64Array): void {
  const state = stateOf(x, false);
  for (const w of system.nonlinear) system.refill(w, state);
  if (system.patternChanged) system.build(state);
  system.plant.specs.forEach((s, j) => system.setSpecValue(j, x[s.unknown]));
}

function project(system: PlantSystem, x: Float64Array): void {
  const { lower, upper } = system;
  for (let v = 0; v < x.length; v++) {
    if (x[v] < lower[v]) x[v] = lower[v];
    else if (x[v] > upper[v]) x[v] = upper[v];
  }
  system.plant.specs.forEach((s, j) => system.setSpecValue(j, x[s.unknown]));
}

/** r = A x − b at the current linearisation; returns max |r_i| / (terms of row i). */
/**
 * r = A x − b at the current linearisation, and the largest scaled residual: each nonlinear row (the
 * rows Newton iterates on) against the size of its own terms; the linear rows, which every step
 * solves to rounding, against the system's size ‖A‖·‖x‖ + ‖b‖ (the linear solver's own test) —
 * a row of tiny flows solved beside large ones carries their rounding. `scale` gets the divisor of
 * each row, for the line search's merit.
 */
function scaledResidual(system: PlantSystem, x: Float64Array, r: Float64Array, scale: Float64Array): number {
  const { A, b } = system;
  const nonlinear = nonlinearRows(system);
  let worst = 0;
  let normA = 0;
  let normX = 0;
  let normB = 0;
  for (let v = 0; v < x.length; v++) if (system.isFlow[v]) normX = Math.max(normX, Math.abs(x[v]));
  // A nonlinear row whose own terms are near zero (a species absent from a stream, solved in a block
  // beside large flows) carries the block's rounding: judge it against the plant's flows.
  const floor = Math.max(SCALE_FLOOR, ROUNDING * normX);
  for (let i = 0; i < system.n; i++) {
    let s = -b[i];
    let m = Math.abs(b[i]);
    let rowA = 0;
    for (let p = A.rowPtr[i]; p < A.rowPtr[i + 1]; p++) {
      const t = A.values[p] * x[A.colIdx[p]];
      s += t;
      m += Math.abs(t);
      rowA += Math.abs(A.values[p]);
    }
    r[i] = s;
    if (nonlinear[i]) {
      scale[i] = m > floor ? m : floor;
      const rel = Math.abs(s) / scale[i];
      if (!(rel <= worst)) worst = rel;
    } else {
      normA = Math.max(normA, rowA);
      normB = Math.max(normB, Math.abs(b[i]));
    }
  }
  const linearScale = Math.max(normA * normX + normB, SCALE_FLOOR);
  for (let i = 0; i < system.n; i++) {
    if (nonlinear[i]) continue;
    scale[i] = linearScale;
    const rel = Math.abs(r[i]) / linearScale;
    if (!(rel <= worst)) worst = rel;
  }
  return worst;
}

/** 1 for the rows of the writers Newton re-linearises. */
function nonlinearRows(system: PlantSystem): Uint8Array {
  const writers = new Uint8Array(system.writers);
  for (const w of system.nonlinear) writers[w] = 1;
  return Uint8Array.from(system.owner, (w) => (w >= 0 ? writers[w] : 0));
}

/** Size below which a row's terms count as zero when its residual is scaled (kmol/h, K, MJ/h). */
const SCALE_FLOOR = 1e-200;
/** The rounding of a solve, relative to the largest flow. */
const ROUNDING = 1e-13;

/** Iterations without a 10 % fall of the residual after which the Newton gives up. */
const STALL = 8;

function stalled(history: number[]): boolean {
  if (history.length <= STALL) return false;
  const before = Math.min(...history.slice(0, -STALL));
  return Math.min(...history.slice(-STALL)) > 0.9 * before;
}

function meritOf(r: Float64Array, scale: Float64Array): number {
  let m = 0;
  for (let i = 0; i < r.length; i++) m += (r[i] / scale[i]) ** 2;
  return m;
}

/** Backtracking from the full Newton step, projected onto the bounds; leaves the rows linearised at the result. */
function lineSearch(system: PlantSystem, x: Float64Array, full: Float64Array, merit: number, r: Float64Array, scale: Float64Array): Float64Array {
  const trial = new Float64Array(x.length);
  const rt = new Float64Array(x.length);
  let alpha = 1;
  for (let k = 0; k < 30; k++) {
    for (let v = 0; v < x.length; v++) trial[v] = x[v] + alpha * (full[v] - x[v]);
    project(system, trial);
    relinearise(system, trial);
    let m = 0;
    const { A, b } = system;
    for (let i = 0; i < system.n; i++) {
      let s = -b[i];
      for (let p = A.rowPtr[i]; p < A.rowPtr[i + 1]; p++) s += A.values[p] * trial[A.colIdx[p]];
      rt[i] = s;
      m += (s / scale[i]) ** 2;
    }
    if (m <= (1 - 1e-4 * alpha) * merit || !(merit > 0)) return trial;
    alpha /= 2;
  }
  void r;
  return trial;
}

function notConverged(system: PlantSystem, x: Float64Array, r: Float64Array, scale: Float64Array, history: number[], why: string): Diagnostic {
  const plant = system.plant;
  const rows = Array.from({ length: system.n }, (_, i) => i)
    .filter((i) => Math.abs(r[i]) > 1e-10 * scale[i])
    .sort((a, b) => Math.abs(r[b]) / scale[b] - Math.abs(r[a]) / scale[a])
    .slice(0, 3);
  // The nonlinear units are what did not converge; the linear rows only follow them.
  const units = system.nonlinear.map((w) => system.writerName(w));
  const worst = rows.map((i) => `${describeUnknown(plant, i).text} (${(Math.abs(r[i]) / scale[i]).toExponential(1)})`).join('; ');
  const trail = history.map((h) => h.toExponential(1)).join(', ');
  const atBound = plant.specs.filter((s) => x[s.unknown] <= s.min || x[s.unknown] >= s.max).map((s) => `spec "${s.id}" at its bound`);
  return {
    path: 'units',
    units: units,
    message:
      `the nonlinear equations of ${units.join(', ')} did not converge: ${why}; ` +
      `worst equations ${worst}; scaled residual by iteration ${trail}${atBound.length ? `; ${atBound.join(', ')}` : ''}`,
  };
}
