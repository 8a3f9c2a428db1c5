/**
 * Least squares shared by reconciliation and parameter fitting.
 *
 * - `cod`: the complete orthogonal decomposition A = Q·T·Vᵀ of an m × n matrix (Householder QR
 *   with column pivoting, then a QR of the pivoted rows' transpose; Golub & Van Loan, Matrix
 *   Computations, 4th ed., §5.5). Q (m × r) and V (n × r) have orthonormal columns spanning the
 *   range and the row space of A, T is r × r lower triangular, r the numerical rank. It gives the
 *   minimum-norm least-squares solution A⁺b = V·T⁻¹·Qᵀb, the leverages ‖Q_i‖² of the rows (the
 *   diagonal of the hat matrix), whether a vector lies in the row space, and the loading T⁻ᵀVᵀu of
 *   a linear function uᵀx on the residuals — what an SVD gives, at the cost of two QRs.
 * - `gaussNewton`: minimum-norm Gauss–Newton steps with backtracking, one step for a linear model.
 * - `levenbergMarquardt`: bounded Levenberg–Marquardt for a few parameters.
 */
import { dense, dot, HouseholderQr, type Dense } from './linalg';

export interface Cod {
  rows: number;
  cols: number;
  rank: number;
  /** rank × rank, lower triangular, row-major. */
  T: Float64Array;
  /** Qᵀ·b (rank). */
  rangeCoordinates(b: ArrayLike<number>): Float64Array;
  /** Vᵀ·u (rank): the coordinates of u in the row space. */
  rowSpaceCoordinates(u: ArrayLike<number>): Float64Array;
  /** V·y (cols). */
  fromRowSpace(y: ArrayLike<number>): Float64Array;
  /** Leverage of row i: ‖Q_i‖², the diagonal of the hat matrix Q·Qᵀ. */
  leverage(i: number): number;
  /** The columns of V: an orthonormal basis of the row space (formed once, then kept). */
  rowSpaceBasis(): Float64Array[];
}

/**
 * A = Q·T·Vᵀ, the rank where the pivoted QR's diagonal falls to relTol × its first entry (or to
 * absTol, when given). Q and V are kept as Householder reflectors and applied on demand; they are
 * formed only when asked for.
 */
export function cod(A: Dense, relTol = 1e-10, absTol = 0): Cod {
  const { rows: m, cols: n } = A;
  const byColumns = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) byColumns[j * m + i] = A.data[i * n + j];
  const qr = new HouseholderQr(m, n, byColumns);
  qr.initNorms();
  let rank = 0;
  let first = 0;
  for (let k = 0; k < Math.min(m, n); k++) {
    const nk = qr.pivot(k);
    if (k === 0) first = nk;
    if (!(nk > relTol * first) || !(nk > absTol) || nk === 0) break;
    qr.reflectColumn(k, true);
    rank++;
  }
  // R₁ (rank × n, pivoted columns) = Lᵀ·Q₂ᵀ from the QR of R₁ᵀ; then A = Q·Lᵀ·(Π·Q₂)ᵀ.
  const r1t = new Float64Array(n * rank);
  for (let i = 0; i < rank; i++) for (let j = i; j < n; j++) r1t[i * n + j] = qr.r(i, j);
  const qr2 = new HouseholderQr(n, rank, r1t);
  for (let k = 0; k < rank; k++) qr2.reflectColumn(k);
  const T = new Float64Array(rank * rank);
  for (let i = 0; i < rank; i++) for (let j = 0; j <= i; j++) T[i * rank + j] = qr2.r(j, i);
  const perm = qr.perm;
  let Q: Dense | undefined;
  let basis: Float64Array[] | undefined;
  return {
    rows: m,
    cols: n,
    rank,
    T,
    rangeCoordinates(b) {
      const w = Float64Array.from(b);
      qr.applyQt(w, rank);
      return w.slice(0, rank);
    },
    rowSpaceCoordinates(u) {
      const w = Float64Array.from({ length: n }, (_, j) => u[perm[j]]);
      qr2.applyQt(w, rank);
      return w.slice(0, rank);
    },
    fromRowSpace(y) {
      const w = new Float64Array(n);
      w.set(y);
      qr2.applyQ(w, rank);
      const x = new Float64Array(n);
      for (let j = 0; j < n; j++) x[perm[j]] = w[j];
      return x;
    },
    leverage(i) {
      Q ??= qr.thinQ(rank);
      let h = 0;
      for (let k = 0; k < rank; k++) h += Q.data[i * rank + k] ** 2;
      return h;
    },
    rowSpaceBasis() {
      if (basis) return basis;
      const Q2 = qr2.thinQ(rank);
      return (basis = Array.from({ length: rank }, (_, k) => {
        const v = new Float64Array(n);
        for (let j = 0; j < n; j++) v[perm[j]] = Q2.data[j * rank + k];
        return v;
      }));
    },
  };
}

/** The minimum-norm least-squares solution A⁺·b. */
export function codSolve(f: Cod, b: ArrayLike<number>): Float64Array {
  return f.fromRowSpace(forwardSolve(f, f.rangeCoordinates(b)));
}

/** T⁻ᵀ·c for c = Vᵀu: how uᵀ·A⁺b responds to b, in the coordinates of Q (its norm is uᵀA⁺'s). */
export function codLoading(f: Cod, c: Float64Array): Float64Array {
  const { T, rank } = f;
  const l = Float64Array.from(c);
  for (let i = rank - 1; i >= 0; i--) {
    let s = l[i];
    for (let j = i + 1; j < rank; j++) s -= T[j * rank + i] * l[j];
    l[i] = s / T[i * rank + i];
  }
  return l;
}

/** Leverage of row i: ‖Q_i‖², the diagonal of the hat matrix Q·Qᵀ. */
export function leverage(f: Cod, i: number): number {
  return f.leverage(i);
}

function forwardSolve(f: Cod, w: Float64Array): Float64Array {
  const { T, rank } = f;
  const y = new Float64Array(rank);
  for (let i = 0; i < rank; i++) {
    let s = w[i];
    const o = i * rank;
    for (let j = 0; j < i; j++) s -= T[o + j] * y[j];
    y[i] = s / T[o + i];
  }
  return y;
}

/** Minimum-norm least-squares solution of M·w = rhs: tolerates dependent rows and columns. */
export function minNormSolve(M: Dense, rhs: ArrayLike<number>, relTol = 1e-10): Float64Array {
  return codSolve(cod(M, relTol), rhs);
}

export interface GaussNewtonProblem {
  /** Weighted residuals W^½·(y − h(z)); undefined or non-finite where h is not defined. */
  residuals(z: Float64Array): Float64Array;
  /** Weighted Jacobian W^½·∂h/∂z at z. */
  jacobian(z: Float64Array): Dense;
  /** h is linear: one step solves it. */
  linear: boolean;
  /** Rank tolerance of the factorisation, relative to its largest pivot. Default 1e-10. */
  relTol?: number;
  /** Pivots of the factorisation at or below this are zero (an absolute floor beside relTol). Default 0. */
  absTol?: number;
  /** Stop after a step whose predicted gain is below this fraction of the cost. Default 1e-18. */
  gainTol?: number;
}

export interface GaussNewtonResult {
  z: Float64Array;
  /** Factorisation of the Jacobian at (or within round-off of) the solution. */
  factors: Cod;
  iterations: number;
  /**
   * False when it stopped short of the least-squares solution: no step along the Gauss–Newton
   * direction lowered the cost while the factorisation still predicted a gain of more than 1e-6 of
   * it, or the iterations ran out. Its residuals are then not orthogonal to the Jacobian's range,
   * and statistics read from it (χ², leverages, measurement tests) do not hold.
   */
  converged: boolean;
}

const cost = (b: Float64Array) => {
  const c = dot(b, b);
  return Number.isFinite(c) ? c : Infinity;
};

/**
 * Gauss–Newton from z0 with minimum-norm steps, so directions the data do not see keep their
 * starting values; each step is halved until the cost does not rise. Stops after a step whose
 * predicted gain is below 1e-18 of the cost (the next would change the values in their 10th
 * digit), that moves z by less than 1e-12 of its size, or that no longer shrinks below 1e-9 of it
 * (the round-off floor). The factorisation returned is the one the last step was taken with.
 */
export function gaussNewton(problem: GaussNewtonProblem, z0: Float64Array, maxIterations = 60): GaussNewtonResult {
  const factor = (at: Float64Array) => cod(problem.jacobian(at), problem.relTol, problem.absTol);
  let z = z0;
  let factors = factor(z);
  let previous = Infinity;
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    const b = problem.residuals(z);
    const c = cost(b);
    const w = factors.rangeCoordinates(b);
    const dz = factors.fromRowSpace(forwardSolve(factors, w));
    if (problem.linear) return { z: addScaled(z, dz, 1), factors, iterations, converged: true };
    const gain = dot(w, w);
    const step = lineSearch(problem, z, dz, c);
    if (!step) return { z, factors, iterations, converged: gain <= 1e-6 * (1 + c) };
    z = step.z;
    const moved = Math.sqrt(dot(dz, dz)) * step.alpha;
    const size = Math.sqrt(dot(z, z)) + 1e-300;
    if (gain <= (problem.gainTol ?? 1e-18) * (1 + c) || moved <= 1e-12 * size || (moved <= 1e-9 * size && moved >= 0.5 * previous)) return { z, factors, iterations, converged: true };
    previous = moved;
    factors = factor(z);
  }
  return { z, factors, iterations, converged: false };
}

function addScaled(z: Float64Array, dz: Float64Array, alpha: number): Float64Array {
  const out = new Float64Array(z.length);
  for (let j = 0; j < z.length; j++) out[j] = z[j] + alpha * dz[j];
  return out;
}

function lineSearch(problem: GaussNewtonProblem, z: Float64Array, dz: Float64Array, c0: number): { z: Float64Array; alpha: number } | undefined {
  for (let alpha = 1; alpha > 1e-6; alpha /= 2) {
    const next = addScaled(z, dz, alpha);
    if (cost(problem.residuals(next)) <= c0 * (1 + 1e-12) + 1e-300) return { z: next, alpha };
  }
  return undefined;
}

export interface BoundedProblem {
  /** Weighted residuals at θ; undefined where the model cannot be evaluated. */
  residual(theta: Float64Array): Float64Array | undefined;
  /** Jacobian of the residuals at θ (r0 = residual(θ)). */
  jacobian(theta: Float64Array, r0: Float64Array): Dense;
  lower: ArrayLike<number>;
  upper: ArrayLike<number>;
}

export interface BoundedResult {
  theta: Float64Array;
  r: Float64Array;
  /** Jacobian at the final θ (the last one taken, when `finalJacobian` is false). */
  J: Dense;
}

/**
 * Levenberg–Marquardt with the parameters clipped to their bounds (Marquardt's scaling by the
 * diagonal of JᵀJ), from θ0 whose residual r0 (and, when given, Jacobian J0) is known; returned
 * with the Jacobian at the fit (unless the caller takes its own there).
 */
export function levenbergMarquardt(problem: BoundedProblem, theta0: Float64Array, r0: Float64Array, maxIterations = 100, J0?: Dense, finalJacobian = true): BoundedResult {
  let theta = theta0;
  let r = r0;
  let mu = 1e-3;
  let J = J0 ?? problem.jacobian(theta, r);
  let fresh = true;
  for (let it = 0; it < maxIterations; it++) {
    const c0 = dot(r, r);
    const step = dampedStep(problem, J, r, theta, c0, mu);
    mu = step.mu;
    if (!step.theta) break;
    const moved = Math.max(...step.theta.map((t, a) => Math.abs(t - theta[a])));
    const stalled = moved < 1e-12 || c0 - dot(step.r!, step.r!) <= 1e-14 * (c0 + 1e-300);
    theta = step.theta;
    r = step.r!;
    fresh = false;
    if (stalled) break;
    J = problem.jacobian(theta, r);
    fresh = true;
  }
  if (!fresh && finalJacobian) J = problem.jacobian(theta, r);
  return { theta, r, J };
}

/**
 * One accepted damped step (μ raised until the cost falls), or none after 30 tries. A parameter at
 * a bound that the step would push past it is held there and the step solved for the others (a
 * projected step), so that a fit against a bound does not crawl.
 */
function dampedStep(problem: BoundedProblem, J: Dense, r: Float64Array, theta: Float64Array, c0: number, mu0: number): { theta?: Float64Array; r?: Float64Array; mu: number } {
  const P = J.cols;
  const { JtJ, Jtr } = normalEquations(J, r);
  const atLower = (a: number) => theta[a] <= problem.lower[a] + 1e-12 * Math.max(1, Math.abs(problem.lower[a]));
  const atUpper = (a: number) => theta[a] >= problem.upper[a] - 1e-12 * Math.max(1, Math.abs(problem.upper[a]));
  let mu = mu0;
  for (let tries = 0; tries < 30; tries++) {
    const held = new Uint8Array(P);
    let step = solveDamped(JtJ, Jtr, P, mu, held);
    for (let round = 0; round < P; round++) {
      let more = false;
      for (let a = 0; a < P; a++) {
        if (!held[a] && ((atLower(a) && step[a] > 0) || (atUpper(a) && step[a] < 0))) {
          held[a] = 1;
          more = true;
        }
      }
      if (!more) break;
      step = solveDamped(JtJ, Jtr, P, mu, held);
    }
    const next = theta.map((t, a) => Math.min(problem.upper[a], Math.max(problem.lower[a], t - step[a])));
    const rn = problem.residual(next);
    if (rn && dot(rn, rn) < c0) return { theta: next, r: rn, mu: Math.max(mu / 3, 1e-12) };
    mu *= 4;
  }
  return { mu };
}

/** (JᵀJ + μ·diag(JᵀJ))⁻¹·Jᵀr (minimum norm), with the held parameters' steps 0. */
function solveDamped(JtJ: Float64Array, Jtr: Float64Array, P: number, mu: number, held: Uint8Array): Float64Array {
  const M = dense(P, P);
  const rhs = new Float64Array(P);
  for (let a = 0; a < P; a++) {
    if (held[a]) {
      M.data[a * P + a] = 1;
      continue;
    }
    rhs[a] = Jtr[a];
    for (let b = 0; b < P; b++) if (!held[b]) M.data[a * P + b] = JtJ[a * P + b] + (a === b ? mu * (JtJ[a * P + a] + 1e-30) : 0);
  }
  return minNormSolve(M, rhs, 1e-14);
}

function normalEquations(J: Dense, r: Float64Array): { JtJ: Float64Array; Jtr: Float64Array } {
  const P = J.cols;
  const JtJ = new Float64Array(P * P);
  const Jtr = new Float64Array(P);
  for (let j = 0; j < J.rows; j++) {
    const o = j * P;
    for (let a = 0; a < P; a++) {
      const ja = J.data[o + a];
      if (ja === 0) continue;
      Jtr[a] += ja * r[j];
      for (let b = 0; b < P; b++) JtJ[a * P + b] += ja * J.data[o + b];
    }
  }
  return { JtJ, Jtr };
}
