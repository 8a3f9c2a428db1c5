/**
 * The solve stage. The plant's rows are solved first as written for the relaxation (every linear
 * unit exactly, every nonlinear unit by the linear model it documents, every spec's parameter at its
 * start), with the factors of numbers.ts (analysed once, refactorised where rows change). A plant
 * with nothing nonlinear is then solved. Otherwise the blocks (strongly connected components) are
 * visited in solve order: a linear block after a changed one is solved again by substitution; a
 * block that holds nonlinear rows is solved by Newton on that block alone — its rows linearised at
 * the current state, the block refactorised, the step taken with a backtracking line search on its
 * scaled residual and every unknown kept within its bounds (flows ≥ 0). Converged when every row of
 * the block is within 1e-10 (nonlinear rows of their own terms, linear rows of the block's size);
 * a block that does not converge in 50 iterations is refused with its units, its worst equations
 * and the residual history.
 */
import { describeUnknown } from './describe';
import type { Diagnostic } from './diagnostics';
import { stateOf, type PlantSystem } from './numbers';
import type { Factors, SolvePlan, SparseSolveFailure } from './sparse';

export interface NewtonOptions {
  /** Largest scaled residual accepted, per row. Default 1e-10. */
  tolerance?: number;
  /** Per block. Default 50. */
  maxIterations?: number;
  /** Start from this state instead of the relaxation. */
  start?: Float64Array;
  /**
   * The relaxation's answer before the rows that changed since: only the blocks from the first
   * changed one on are solved again (a re-solve after one changed number).
   */
  previous?: Float64Array;
  /**
   * The last answer, the rows linearised at it: a re-solve after one changed number. The linear
   * blocks from the first changed one on are solved again, every nonlinear block starts its Newton
   * from it (those the change does not reach are met at once).
   */
  warm?: Float64Array;
}

export type NewtonResult =
  | { ok: true; x: Float64Array; iterations: number; history: number[] }
  | { ok: false; failure: SparseSolveFailure }
  | { ok: false; diagnostics: Diagnostic[]; x: Float64Array };

/** Size below which a row's terms count as zero when its residual is scaled (kmol/h, K, MJ/h). */
const SCALE_FLOOR = 1e-200;
/** The rounding of a solve, relative to the largest flow. */
const ROUNDING = 1e-13;
/** Iterations without a 10 % fall of the residual after which the Newton gives up. */
const STALL = 8;

export function solveSystem(system: PlantSystem, options: NewtonOptions = {}): NewtonResult {
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 50;
  let f = system.factorise();
  if (!f.ok) return { ok: false, failure: f };
  let x: Float64Array;
  const warmFrom = options.warm ? f.firstChanged : Infinity;
  if (options.warm) x = Float64Array.from(options.warm);
  else if (options.start) x = Float64Array.from(options.start);
  else {
    const again = options.previous && resolveFrom(system, f.factors, f.plan, f.firstChanged, options.previous);
    if (again) x = again;
    else {
      const first = f.factors.solve(system.b);
      if (!first.ok) return { ok: false, failure: first };
      x = first.x;
    }
  }
  if (!system.nonlinear.length) return { ok: true, x, iterations: 0, history: [] };

  project(system, x);
  relinearise(system, system.nonlinear, x);
  if (system.patternChanged) return solveAfterRebuild(system, x, options);
  f = system.factorise();
  if (!f.ok) return { ok: false, failure: f };
  const plan = f.plan;
  let factors = f.factors;
  const context = blockContext(system, plan, x);
  const history: number[] = [];
  let iterations = 0;
  let changed = false;
  // A re-solve from the last answer: the blocks before the first changed one keep it (their rows
  // and everything upstream of them are as they were when it converged).
  for (let c = Number.isFinite(warmFrom) ? warmFrom : 0; c < plan.blockCount; c++) {
    if (!context.nonlinearBlock[c]) {
      if (changed || c >= warmFrom) factors.solveBlock(c, system.b, x);
      continue;
    }
    changed = true;
    const outcome = newtonBlock(system, context, c, x, tolerance, maxIterations);
    // The history of the blocks that had to iterate (a nonlinear unit's rows that are already met add nothing).
    if (outcome.history[0] > tolerance) history.push(...outcome.history);
    iterations += outcome.history.length - 1;
    if (!outcome.ok) return { ok: false, x, diagnostics: [outcome.diagnostic] };
    factors = outcome.factors;
  }
  return { ok: true, x, iterations, history };
}

/**
 * The blocks from `first` on solved again by substitution from the previous answer, with the
 * residual of their rows checked as the full solve checks it; undefined when that check fails
 * (then the full, refined solve is done).
 */
function resolveFrom(system: PlantSystem, factors: Factors, plan: SolvePlan, first: number, previous: Float64Array): Float64Array | undefined {
  const x = Float64Array.from(previous);
  if (first >= plan.blockCount) return x;
  for (let c = first; c < plan.blockCount; c++) factors.solveBlock(c, system.b, x);
  const { A, b } = system;
  let worst = 0;
  let normA = 0;
  let normX = 0;
  let normB = 0;
  for (let i = 0; i < system.n; i++) {
    normX = Math.max(normX, Math.abs(x[i]));
    if (plan.componentOf[i] < first) continue;
    let s = -b[i];
    let rowA = 0;
    for (let p = A.rowPtr[i]; p < A.rowPtr[i + 1]; p++) {
      s += A.values[p] * x[A.colIdx[p]];
      rowA += Math.abs(A.values[p]);
    }
    worst = Math.max(worst, Math.abs(s));
    normA = Math.max(normA, rowA);
    normB = Math.max(normB, Math.abs(b[i]));
  }
  return Number.isFinite(worst) && worst <= 1e-9 * (normA * normX + normB) ? x : undefined;
}

/** A nonlinear row left the pattern: the system was built again; start over from x on the new pattern. */
function solveAfterRebuild(system: PlantSystem, x: Float64Array, options: NewtonOptions): NewtonResult {
  system.build(stateOf(x, false));
  return solveSystem(system, { ...options, start: x });
}

interface BlockContext {
  plan: SolvePlan;
  nonlinearBlock: Uint8Array;
  nonlinearRow: Uint8Array;
  nonlinearWriter: Uint8Array;
  /** Residuals of nonlinear rows are floored at this (ROUNDING × the largest flow). */
  floor: number;
  /**
   * The step's right-hand side and correction, one of each for the whole plant (a plant of 10⁵
   * small blocks must not allocate them per block): zero off the block being solved, and put back
   * to zero on its rows after each step, so solveBlock reads no correction from upstream.
   */
  rhs: Float64Array;
  delta: Float64Array;
}

function blockContext(system: PlantSystem, plan: SolvePlan, x: Float64Array): BlockContext {
  const writers = new Uint8Array(system.writers);
  for (const w of system.nonlinear) writers[w] = 1;
  const nonlinearRow = Uint8Array.from(system.owner, (w) => (w >= 0 ? writers[w] : 0));
  const nonlinearBlock = new Uint8Array(plan.blockCount);
  for (let i = 0; i < system.n; i++) if (nonlinearRow[i]) nonlinearBlock[plan.componentOf[i]] = 1;
  let largest = 0;
  for (let v = 0; v < x.length; v++) if (system.isFlow[v] && Math.abs(x[v]) > largest) largest = Math.abs(x[v]);
  return { plan, nonlinearBlock, nonlinearRow, nonlinearWriter: writers, floor: Math.max(SCALE_FLOOR, ROUNDING * largest), rhs: new Float64Array(system.n), delta: new Float64Array(system.n) };
}

type BlockOutcome = { ok: true; history: number[]; factors: Factors } | { ok: false; history: number[]; diagnostic: Diagnostic };

/** Newton on block c, upstream unknowns held; x is updated in place. */
function newtonBlock(system: PlantSystem, context: BlockContext, c: number, x: Float64Array, tolerance: number, maxIterations: number): BlockOutcome {
  const rows = context.plan.blockUnknowns(c);
  const writers = [...new Set(Array.from(rows, (i) => system.owner[i]))].filter((w) => context.nonlinearWriter[w]);
  // A block of temperatures alone (the energy balance of a unit or a loop): re-write only those rows.
  const t0 = system.plant.temperatureOffset;
  const temperaturesOnly = rows.every((i) => i >= t0 && i < t0 + system.plant.streams.length) && writers.every((w) => system.onlyTemperaturesNonlinear(w));
  const r = new Float64Array(rows.length);
  const scale = new Float64Array(rows.length);
  const history: number[] = [];
  let polished = false;
  let pinned = 0;
  const fail = (why: string): BlockOutcome => ({ ok: false, history, diagnostic: notConverged(system, rows, r, scale, history, writers, why) });
  snapRoundingInputs(system, context, c, rows, x);
  // The step as a correction, A_cc·δ = −r (not A_cc·x = b): its rounding is relative to δ, which
  // vanishes as the iterates converge, so a block's rows of small flows beside large ones (an SX
  // stage's raffinate metal, a washed cake's salt) converge below the tolerance too. Off the block
  // δ is 0, so solveBlock takes nothing from upstream.
  const { rhs, delta } = context;
  const target = new Float64Array(rows.length);
  for (let iteration = 0; ; iteration++) {
    const f = system.factorise();
    if (!f.ok) return fail(`its Jacobian is singular at iteration ${iteration + 1} (${f.reason})`);
    const worst = blockResidual(system, context, rows, x, r, scale);
    history.push(worst);
    // Converged; one more step when it is cheap to take (quadratic: it reaches rounding).
    if (worst <= tolerance && (worst <= 1e-14 || polished)) return { ok: true, history, factors: f.factors };
    if (worst <= tolerance) polished = true;
    if (iteration === maxIterations) return fail(`in ${maxIterations} Newton iterations`);
    if (stalled(history)) return fail(`it stalled after ${iteration} Newton iterations (no progress in the last ${STALL})`);
    try {
      rows.forEach((i, t) => (rhs[i] = -r[t]));
      f.factors.solveBlock(c, rhs, delta);
      rows.forEach((i, t) => (target[t] = x[i] + delta[i]));
    } catch (e) {
      return fail(`its Jacobian is singular at iteration ${iteration + 1} (${(e as Error).message})`);
    } finally {
      for (const i of rows) rhs[i] = delta[i] = 0;
    }
    lineSearch(system, rows, writers, x, target, meritOf(r, scale), scale, temperaturesOnly);
    if (system.patternChanged) return fail('a unit wrote terms outside the pattern it declared (a bug in the unit type)');
    // A temperature held at the engine's bounds for three steps will not come back (an adiabatic
    // unit whose heat cannot balance): stop at once rather than stall.
    pinned = rows.some((i) => !system.isFlow[i] && Number.isFinite(system.upper[i]) && (x[i] <= system.lower[i] || x[i] >= system.upper[i]) && system.lower[i] > 0) ? pinned + 1 : 0;
    if (pinned >= 3) return fail('a temperature is held at the bounds of the enthalpy data');
  }
}

/**
 * An upstream flow the block reads that is negative by no more than rounding (a dose less what a
 * reaction consumed, re-solved by substitution: −3e−17 kmol/h) is 0: otherwise the block's own
 * outflows, kept ≥ 0, could never meet rows that pass it on. Real shortfalls are far beyond this
 * floor (ROUNDING × the largest flow) and stay for the negative-flow check.
 */
function snapRoundingInputs(system: PlantSystem, context: BlockContext, c: number, rows: Int32Array, x: Float64Array): void {
  const { A } = system;
  for (const i of rows) {
    for (let p = A.rowPtr[i]; p < A.rowPtr[i + 1]; p++) {
      const j = A.colIdx[p];
      if (context.plan.componentOf[j] !== c && system.isFlow[j] && x[j] < 0 && -x[j] <= context.floor) x[j] = 0;
    }
  }
}

/** Scaled residual of block rows at the current linearisation; `scale` gets each row's divisor. */
function blockResidual(system: PlantSystem, context: BlockContext, rows: Int32Array, x: Float64Array, r: Float64Array, scale: Float64Array): number {
  const { A, b } = system;
  let worst = 0;
  let normA = 0;
  let normX = 0;
  let normB = 0;
  rows.forEach((i, t) => {
    let s = -b[i];
    let m = Math.abs(b[i]);
    let rowA = 0;
    for (let p = A.rowPtr[i]; p < A.rowPtr[i + 1]; p++) {
      const term = A.values[p] * x[A.colIdx[p]];
      s += term;
      m += Math.abs(term);
      rowA += Math.abs(A.values[p]);
      normX = Math.max(normX, Math.abs(x[A.colIdx[p]]));
    }
    r[t] = s;
    if (context.nonlinearRow[i]) scale[t] = Math.max(m, context.floor);
    else {
      scale[t] = -1;
      normA = Math.max(normA, rowA);
      normB = Math.max(normB, Math.abs(b[i]));
    }
  });
  // Linear rows, which every step solves to rounding, against the block's size (the linear solver's test).
  const linear = Math.max(normA * normX + normB, SCALE_FLOOR);
  for (let t = 0; t < rows.length; t++) {
    if (scale[t] < 0) scale[t] = linear;
    const rel = Math.abs(r[t]) / scale[t];
    if (!(rel <= worst)) worst = rel;
  }
  return worst;
}

/** Backtracking from the full Newton step, projected onto the bounds; leaves the rows linearised at the result. */
/** Moves the block's rows from x towards `target` (the full Newton step, per row) until the merit falls. */
function lineSearch(system: PlantSystem, rows: Int32Array, writers: number[], x: Float64Array, target: Float64Array, merit: number, scale: Float64Array, temperaturesOnly: boolean): void {
  const start = Float64Array.from(rows, (i) => x[i]);
  const rt = new Float64Array(rows.length);
  let alpha = 1;
  for (let k = 0; k < 16; k++) {
    rows.forEach((i, t) => (x[i] = start[t] + alpha * (target[t] - start[t])));
    projectRows(system, rows, x);
    relinearise(system, writers, x, temperaturesOnly);
    if (system.patternChanged) return;
    const { A, b } = system;
    let m = 0;
    rows.forEach((i, t) => {
      let s = -b[i];
      for (let p = A.rowPtr[i]; p < A.rowPtr[i + 1]; p++) s += A.values[p] * x[A.colIdx[p]];
      rt[t] = s;
      m += (s / scale[t]) ** 2;
    });
    if (m <= (1 - 1e-4 * alpha) * merit || !(merit > 0)) return;
    alpha /= 2;
  }
}

/** Re-writes writers' rows at x and moves the specs' parameters with it. */
function relinearise(system: PlantSystem, writers: readonly number[], x: Float64Array, temperaturesOnly = false): void {
  system.plant.specs.forEach((s, j) => system.setSpecValue(j, x[s.unknown]));
  const state = stateOf(x, false);
  for (const w of writers) system.refill(w, state, temperaturesOnly);
}

function project(system: PlantSystem, x: Float64Array): void {
  const { lower, upper } = system;
  for (let v = 0; v < x.length; v++) x[v] = Math.min(Math.max(x[v], lower[v]), upper[v]);
}

function projectRows(system: PlantSystem, rows: Int32Array, x: Float64Array): void {
  const { lower, upper } = system;
  for (const v of rows) x[v] = Math.min(Math.max(x[v], lower[v]), upper[v]);
}

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

function notConverged(system: PlantSystem, rows: Int32Array, r: Float64Array, scale: Float64Array, history: number[], writers: number[], why: string): Diagnostic {
  const plant = system.plant;
  const worstRows = Array.from(rows.keys())
    .filter((t) => Math.abs(r[t]) > 1e-10 * scale[t])
    .sort((a, b) => Math.abs(r[b]) / scale[b] - Math.abs(r[a]) / scale[a])
    .slice(0, 3);
  // The nonlinear units are what did not converge; the linear rows only follow them.
  const units = writers.map((w) => system.writerName(w));
  const worst = worstRows.map((t) => `${describeUnknown(plant, rows[t]).text} (${(Math.abs(r[t]) / scale[t]).toExponential(1)})`).join('; ');
  const trail = history.map((h) => h.toExponential(1)).join(', ');
  return {
    path: 'units',
    units,
    message: `the nonlinear equations of ${units.join(', ')} did not converge: ${why}; worst equations ${worst || '(none above tolerance)'}; scaled residual by iteration ${trail}`,
  };
}
