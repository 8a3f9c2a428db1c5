/**
 * Weighted least squares under the balances, in the reduced coordinates x = Z·z (structure.ts):
 *
 *   minimise Σ_i ((y_i − h_i(Z·z)) / σ_i)²   (and, for the reported values, x ≥ 0)
 *
 * by Gauss–Newton with minimum-norm steps (least-squares.ts), so what the data do not see keeps
 * its starting value. With bounds, an active set: observable flows the data would make negative
 * are bound to zero (x_j = Z_j·z = 0, a projection computed once per active set), a bound whose
 * multiplier says the fit improves without it is released, and unobservable flows below zero are
 * moved toward zero along directions the data do not see (the fit is unchanged).
 */
import { dense, dot, orthonormalize, type Dense } from './linalg';
import { leverage, minNormSolve, gaussNewton, type Cod } from './least-squares';
import type { MeasurementModel } from './measurements';

/** A measurement over the reduced unknowns: value = scale·(num·x)/(den·x) or scale·num·x. */
export interface Reduced {
  num: [number[], number[]];
  den?: [number[], number[]];
  scale: number;
}

export interface WlsProblem {
  /** n × p: the free unknowns in the balances' degrees of freedom. */
  Z: Dense;
  models: readonly Reduced[];
  y: Float64Array;
  sigma: Float64Array;
  /** The measurements taken into account. */
  used: readonly number[];
  z0: Float64Array;
  /** Per free unknown: 1 when it must stay ≥ 0 (flows and doses, not stock changes). */
  bounded: Uint8Array;
}

interface WlsStats {
  chiSquare: number;
  dof: number;
  /** Measurement test |e_i|/√(1 − h_i) of each used measurement; null when it is not redundant. */
  test: (number | null)[];
  redundantCount: number;
}

export interface Solved {
  x: Float64Array;
  z: Float64Array;
  /** Free unknowns bound at zero. */
  active: number[];
  /** Orthonormal basis of the bound rows of Z. */
  QA: Float64Array[];
  /** Factorisation of W^½·J·Z (projected on the active set) at the solution. */
  factors: Cod;
  iterations: number;
  /** The last fit reached the least-squares solution (least-squares.ts): its statistics hold. */
  converged: boolean;
  stats: WlsStats;
}

/** Reduces a measurement model to the free unknowns (reducedOf[v] = position, or −1 when v is held at zero). */
export function reduceModel(model: MeasurementModel, reducedOf: Int32Array): Reduced {
  const reduce = (m: ReadonlyMap<number, number>): [number[], number[]] => {
    const idx: number[] = [];
    const val: number[] = [];
    for (const [v, c] of m) if (reducedOf[v] >= 0) idx.push(reducedOf[v]), val.push(c);
    return [idx, val];
  };
  return { num: reduce(model.num), den: model.den && reduce(model.den), scale: model.scale };
}

export function mulZ(Z: Dense, z: Float64Array): Float64Array {
  const x = new Float64Array(Z.rows);
  for (let j = 0; j < Z.rows; j++) {
    let s = 0;
    const o = j * Z.cols;
    for (let k = 0; k < Z.cols; k++) s += Z.data[o + k] * z[k];
    x[j] = s;
  }
  return x;
}

function rowOf(Z: Dense, j: number): Float64Array {
  return Z.data.slice(j * Z.cols, (j + 1) * Z.cols);
}

/** q minus its components along orthonormal rows QA. */
function project(q: Float64Array, QA: readonly Float64Array[]): Float64Array {
  const u = Float64Array.from(q);
  for (const a of QA) {
    const d = dot(a, u);
    for (let k = 0; k < u.length; k++) u[k] -= d * a[k];
  }
  return u;
}

/** h(x) of a reduced measurement (NaN when its denominator is empty). */
export function valueOf(m: Reduced, x: ArrayLike<number>): number {
  const [ni, nv] = m.num;
  let a = 0;
  for (let t = 0; t < ni.length; t++) a += nv[t] * x[ni[t]];
  if (!m.den) return m.scale * a;
  const [di, dv] = m.den;
  let b = 0;
  for (let t = 0; t < di.length; t++) b += dv[t] * x[di[t]];
  return b > 0 ? (m.scale * a) / b : NaN;
}

/** Adds w·∂h/∂x of a reduced measurement at x into grad (a dense n-vector). */
function addGradient(m: Reduced, x: ArrayLike<number>, w: number, out: (j: number, c: number) => void): void {
  const [ni, nv] = m.num;
  if (!m.den) {
    for (let t = 0; t < ni.length; t++) out(ni[t], w * m.scale * nv[t]);
    return;
  }
  const [di, dv] = m.den;
  let b = 0;
  for (let t = 0; t < di.length; t++) b += dv[t] * x[di[t]];
  if (!(b > 0)) return;
  const h = valueOf(m, x);
  for (let t = 0; t < ni.length; t++) out(ni[t], (w * m.scale * nv[t]) / b);
  for (let t = 0; t < di.length; t++) out(di[t], (-w * h * dv[t]) / b);
}

function residuals(p: WlsProblem, x: Float64Array): Float64Array {
  const b = new Float64Array(p.used.length);
  p.used.forEach((i, k) => (b[k] = (p.y[i] - valueOf(p.models[i], x)) / p.sigma[i]));
  return b;
}

/** W^½·J·Z at x, each row projected off the active rows QA. */
function jacobian(p: WlsProblem, x: Float64Array, QA: readonly Float64Array[]): Dense {
  const { Z } = p;
  const cols = Z.cols;
  const G = dense(p.used.length, cols);
  const row = new Float64Array(cols);
  p.used.forEach((i, k) => {
    row.fill(0);
    addGradient(p.models[i], x, 1 / p.sigma[i], (j, c) => {
      const o = j * cols;
      for (let t = 0; t < cols; t++) row[t] += c * Z.data[o + t];
    });
    G.data.set(QA.length ? project(row, QA) : row, k * cols);
  });
  return G;
}

/**
 * The smallest sensitivity of the weighted measurements to a direction of z that counts as seen by
 * the data. Z moves every flow in proportion to its simulated size (structure.ts), so a direction
 * with sensitivity s is determined to ±1/s of the flows' own size: below 1e-5 (±100,000 times the
 * flows) the data do not determine it, whatever the largest sensitivity is.
 */
export const MIN_SENSITIVITY = 1e-5;

const isLinear = (p: WlsProblem) => p.used.every((i) => !p.models[i].den);

/** Gauss–Newton within the active set QA, from z; `rough` stops at a gain of 1e-8 of the cost (while the active set still changes). */
function fitWithin(p: WlsProblem, z: Float64Array, QA: readonly Float64Array[], rough = false) {
  return gaussNewton(
    {
      residuals: (zz) => residuals(p, mulZ(p.Z, zz)),
      jacobian: (zz) => jacobian(p, mulZ(p.Z, zz), QA),
      linear: isLinear(p),
      absTol: MIN_SENSITIVITY,
      ...(rough ? { gainTol: 1e-8 } : {}),
    },
    z,
  );
}

/** The measurement tests and χ² at x, from the factorisation there. */
function statsAt(p: WlsProblem, x: Float64Array, factors: Cod): WlsStats {
  const b = residuals(p, x);
  let chiSquare = dot(b, b);
  if (!Number.isFinite(chiSquare)) chiSquare = Infinity;
  const test: (number | null)[] = [];
  let redundantCount = 0;
  for (let i = 0; i < b.length; i++) {
    const v = 1 - leverage(factors, i);
    if (v > 1e-8) {
      test.push(Math.abs(b[i]) / Math.sqrt(v));
      redundantCount++;
    } else test.push(null);
  }
  return { chiSquare, dof: b.length - factors.rank, test, redundantCount };
}

/** The problem with the balances alone (no bounds). */
export function solveEquality(p: WlsProblem): Solved {
  const gn = fitWithin(p, p.z0, []);
  const x = mulZ(p.Z, gn.z);
  return { x, z: gn.z, active: [], QA: [], factors: gn.factors, iterations: gn.iterations, converged: gn.converged, stats: statsAt(p, x, gn.factors) };
}

/** Whether free unknown j is determined by the data within the active set (its row of Z lies in the fit's row space). */
function observableWithin(p: WlsProblem, j: number, QA: readonly Float64Array[], factors: Cod): boolean {
  const r = rowOf(p.Z, j);
  const u = project(r, QA);
  let inRange = 0;
  for (const v of factors.rowSpaceBasis()) inRange += dot(v, u) ** 2;
  return dot(u, u) - inRange <= 1e-12 * Math.max(dot(r, r), 1e-300);
}

/** u minus its components along the active rows and the fit's row space. */
function offFit(u0: Float64Array, QA: readonly Float64Array[], factors: Cod): Float64Array {
  const u = project(u0, QA);
  for (const v of factors.rowSpaceBasis()) {
    const d = dot(v, u);
    for (let t = 0; t < u.length; t++) u[t] -= d * v[t];
  }
  return u;
}

/**
 * The problem with every bounded unknown ≥ 0 (active set): rough fits while bounds are added and
 * released, a fine one to confirm the set; then the unobservable flows below zero are lifted (once,
 * or twice when the fit moves after it) and, the model being nonlinear, the set checked again.
 */
export function solveNonNegative(p: WlsProblem): Solved {
  const active: number[] = [];
  const n = p.Z.rows;
  let z = p.z0;
  let iterations = 0;
  let restores = 0;
  let QA: Float64Array[];
  let factors: Cod;
  let x: Float64Array;
  let rough = false;
  let converged: boolean;
  const released = new Set<number>();
  let oneAtATime = false;
  for (let outer = 0; ; outer++) {
    QA = orthonormalize(active.map((j) => rowOf(p.Z, j)), 1e-10);
    const gn = fitWithin(p, project(z, QA), QA, rough);
    iterations += gn.iterations;
    z = gn.z;
    factors = gn.factors;
    converged = gn.converged;
    x = mulZ(p.Z, z);
    if (outer >= 99) break;
    const tol = 1e-9 * maxAbs(x);
    const negatives: number[] = [];
    for (let j = 0; j < n; j++) if (p.bounded[j] && x[j] < -tol && !active.includes(j) && observableWithin(p, j, QA, factors)) negatives.push(j);
    const release = negatives.length ? [] : boundsToRelease(p, x, active);
    if (negatives.length || release.length) {
      // Every bound the multipliers release at once; one at a time after a released flow came back.
      if (negatives.some((j) => released.has(j))) oneAtATime = true;
      if (negatives.length) active.push(...negatives);
      else {
        const out = oneAtATime ? release.slice(0, 1) : release;
        for (const a of out) released.add(active[a]);
        const drop = new Set(out);
        const kept = active.filter((_, a) => !drop.has(a));
        active.length = 0;
        active.push(...kept);
      }
      rough = !isLinear(p);
      continue;
    }
    if (rough) {
      rough = false;
      continue;
    }
    if (restores >= 2) break;
    restores++;
    const restored = restoreNonNegative(p, z, QA, factors, active, tol);
    if (restored === z) break;
    z = restored;
    x = mulZ(p.Z, z);
    // An assay is a ratio: a move the linearization does not see changes it a little, so fit again from there.
    if (isLinear(p)) break;
  }
  return { x, z, active, QA, factors, iterations, converged, stats: statsAt(p, x, factors) };
}

function maxAbs(x: Float64Array): number {
  let m = 0;
  for (const v of x) m = Math.max(m, Math.abs(v));
  return m;
}

/**
 * The bounds whose multipliers say leaving them lowers the misfit (∇Φ = Σ λ_j Z_jᵀ at the optimum;
 * λ_j < 0 releases), most negative first.
 */
function boundsToRelease(p: WlsProblem, x: Float64Array, active: readonly number[]): number[] {
  if (!active.length) return [];
  const b = residuals(p, x);
  const G = jacobian(p, x, []);
  const cols = p.Z.cols;
  const g = new Float64Array(cols);
  for (let i = 0; i < b.length; i++) for (let t = 0; t < cols; t++) g[t] -= 2 * G.data[i * cols + t] * b[i];
  const rows = active.map((j) => rowOf(p.Z, j));
  const A = active.length;
  const M = dense(A, A);
  const rhs = new Float64Array(A);
  for (let a = 0; a < A; a++) {
    rhs[a] = dot(rows[a], g);
    for (let c = 0; c < A; c++) M.data[a * A + c] = dot(rows[a], rows[c]);
  }
  const lambda = minNormSolve(M, rhs, 1e-12);
  const xscale = Math.max(maxAbs(x), 1e-300);
  const threshold = -1e-8 * (1 + dot(b, b));
  const effects = Array.from(lambda, (l, a) => ({ a, effect: l * Math.sqrt(dot(rows[a], rows[a])) * xscale }));
  return effects
    .filter((e) => e.effect < threshold)
    .sort((e, f) => e.effect - f.effect)
    .map((e) => e.a);
}

/**
 * Moves z along the null directions of the fit (within the active set) to bring flows below zero
 * up to zero, by the smallest move, for as long as a round lowers the total shortfall by more than 1 %
 * (these flows are not reported: the data do not determine them). Returns z itself when nothing is below zero or nothing can move. The move is the minimum-norm δ with
 * Z_held·P⊥·δ = shortfall, P⊥ the projector off the active rows and the fit's row space.
 */
function restoreNonNegative(p: WlsProblem, z0: Float64Array, QA: readonly Float64Array[], factors: Cod, active: readonly number[], tol: number): Float64Array {
  const { Z, bounded } = p;
  const n = Z.rows;
  const below = (x: Float64Array, j: number) => bounded[j] && x[j] < -tol && !active.includes(j);
  const shortfall = (x: Float64Array) => {
    let t = 0;
    for (let j = 0; j < n; j++) if (below(x, j)) t -= x[j];
    return t;
  };
  let z = z0;
  let x = mulZ(Z, z);
  let short = shortfall(x);
  if (short === 0 || QA.length + factors.rank >= Z.cols) return z;
  const held = new Set<number>();
  const projected = new Map<number, Float64Array>();
  for (let round = 0; round < 20 && short > 0; round++) {
    for (let j = 0; j < n; j++) if (below(x, j)) held.add(j);
    const rows = [...held];
    const M = dense(rows.length, Z.cols);
    rows.forEach((j, a) => {
      let r = projected.get(j);
      if (!r) projected.set(j, (r = offFit(rowOf(Z, j), QA, factors)));
      M.data.set(r, a * Z.cols);
    });
    const move = minNormSolve(
      M,
      Float64Array.from(rows, (j) => Math.max(0, -x[j])),
    );
    const next = Float64Array.from(z);
    for (let t = 0; t < next.length; t++) next[t] += move[t];
    const xn = mulZ(Z, next);
    const sn = shortfall(xn);
    if (!(sn < short * (1 - 1e-2))) break;
    z = next;
    x = xn;
    short = sn;
  }
  return z;
}
