/**
 * Data reconciliation: the flows nearest, in the weighted least-squares sense, to what the pilot
 * measured, that satisfy every balance of the plant exactly and are never negative.
 *
 *   minimise  Σ_i ((y_i − h_i(x)) / σ_i)²   subject to  C·x = 0 (balances.ts),  x ≥ 0
 *
 * x are the stream species flows and reagent doses (kmol/h). A flow measurement is linear in x,
 * an assay is a ratio of two linear forms; assays are handled by Gauss–Newton on the linearized
 * problem, which converges in a few steps (one when every measurement is a flow).
 *
 * Method. The balances are solved once: x = Z·z, Z a basis of their null space (reduced row
 * echelon form, re-based so that a unit step moves each flow in proportion to its simulated size),
 * z the plant's degrees of freedom. Each Gauss–Newton step is the minimum-norm least-squares step
 * from the SVD of W^½·J·Z, so directions the data do not see keep their starting values: the
 * simulated flows, scaled to the measured throughput.
 *
 * Non-negativity. The reported values solve the problem with x ≥ 0: an active set binds every
 * observable flow the data would make negative to zero and releases a bound whose multiplier says
 * the fit improves without it; unobservable flows below zero are moved toward zero along directions
 * the data do not see, which leaves the fit unchanged.
 *
 * Observability: unknown j is observable when row j of Z has no component in the null space of
 * W^½·J·Z (the data determine it); otherwise it is reported as unobservable, never with a value.
 *
 * Statistics: those of the balances alone (equality constraints), linearized at that solution, as
 * is usual — a bound says a flow is at least zero, not that it is known, and counting it as a
 * constraint would make estimates that depend on it look exact. Σ = diag σ², standardized
 * residuals e = W^½(y − h) ~ N(0, I − U·Uᵀ) with U the left singular vectors. Global test:
 * χ² = eᵀe against χ²(1 − α, m − rank) (redundancy). Measurement test (Mah & Tamhane 1982):
 * |e_i| / √(1 − ‖U_i‖²) against the normal quantile at Šidák-corrected level
 * β = 1 − (1 − α)^(1/m_redundant). Gross errors are found by serial elimination: while the global
 * test fails, the measurement with the largest test statistic above its critical value is flagged
 * and taken out, and the data are reconciled again (Narasimhan & Jordache, Data Reconciliation
 * and Gross Error Detection, 2000, ch. 7–8). Standard deviations of reconciled values and sums
 * come from the same linearization; the χ² of the non-negative values is reported beside.
 */
import type { CompiledFlowsheet } from '../compile';
import { FlexsheetError, type Diagnostic } from '../diagnostics';
import { buildBalances, type BalanceLevel, type Balances } from './balances';
import { complement, dense, dot, nullSpace, orthonormalize, pseudoInverseSolve, svd, type Dense, type Svd } from './linalg';
import { describeVariable, measurementModel, variableIndex, type Measurement, type MeasurementModel, type VariableIndex } from './measurements';
import { chiSquareQuantile, measurementTestCritical } from './stats';

export interface ReconcileOptions {
  /** Balance level of reacting units; see balances.ts. Default 'element'. */
  balances?: BalanceLevel;
  /** Significance level of the global and measurement tests. Default 0.05. */
  alpha?: number;
  /** Take flagged gross errors out and reconcile again (serial elimination). Default true. */
  eliminate?: boolean;
  /** At most this many measurements are taken out. Default: a third of them. */
  maxEliminations?: number;
}

export type VariableStatus = 'zero' | 'observable' | 'unobservable' | 'bound';

export interface MeasurementResult {
  measurement: Measurement;
  /** Reconciled value of the measured quantity, in the measurement's unit; null when the data do not determine it. */
  reconciled: number | null;
  reconciledSd: number | null;
  /** reconciled − measured */
  adjustment: number | null;
  /** adjustment / sd */
  standardized: number | null;
  /** Measurement-test statistic |e_i| / √(1 − h_i); null when the measurement is not redundant or was taken out. */
  test: number | null;
  redundant: boolean;
  /**
   * ok: passes the measurement test; gross error: flagged (and, with elimination, taken out);
   * suspect: fails the test but could not be singled out; not redundant: nothing else checks it.
   */
  status: 'ok' | 'gross error' | 'suspect' | 'not redundant';
  /** When flagged: the test statistic it was flagged with, in which elimination round, and the error it implies (measured − reconciled). */
  grossError?: { test: number; critical: number; round: number; error: number | null };
}

export interface Estimate {
  value: number | null;
  sd: number | null;
  observable: boolean;
}

export interface Reconciliation {
  plant: CompiledFlowsheet;
  index: VariableIndex;
  balances: Balances;
  options: Required<Omit<ReconcileOptions, 'maxEliminations'>> & { maxEliminations: number };
  measurements: MeasurementResult[];
  global: {
    chiSquare: number;
    dof: number;
    critical: number | null;
    passed: boolean;
    /** Critical value of the measurement test in the final round. */
    measurementCritical: number | null;
    /** Σ ((y − ŷ)/σ)² of the reported values, which keep every flow ≥ 0 (≥ chiSquare). */
    chiSquareNonNegative: number;
    redundant: number;
  };
  /** Reconciled unknowns, kmol/h: stream species flows (plant layout), then doses. Read with `status`. */
  x: Float64Array;
  sd: Float64Array;
  status: VariableStatus[];
  /** Value, standard deviation and observability of Σ coef·x. */
  estimate(coefs: ReadonlyMap<number, number>): Estimate;
  /**
   * How Σ coef·x responds to the standardized measurement errors (a vector over the data's
   * independent directions): its sd is the norm, the covariance of two such sums the dot product.
   * Null when the data do not determine the sum.
   */
  loading(coefs: ReadonlyMap<number, number>): Float64Array | null;
  /** Value, standard deviation (linearized) and observability of (num·x) / (den·x). */
  ratio(num: ReadonlyMap<number, number>, den: ReadonlyMap<number, number>): Estimate;
  /** Starting point: the simulated flows times this factor (fitted to the measured flows). */
  throughputFactor: number;
  iterations: number;
  warnings: string[];
}

interface Reduced {
  num: [number[], number[]];
  den?: [number[], number[]];
  scale: number;
}

/**
 * Reconciles measurements against a compiled plant. `nominal` is the plant's simulated solution
 * (solvePlant(plant).x); it tells which flows exist (a flow the simulation has at exactly zero is
 * held at zero unless a measurement names that species in that stream) and gives the starting point.
 */
export function reconcile(plant: CompiledFlowsheet, nominal: Float64Array, measurements: readonly Measurement[], options: ReconcileOptions = {}): Reconciliation {
  const opts = {
    balances: options.balances ?? 'element',
    alpha: options.alpha ?? 0.05,
    eliminate: options.eliminate ?? true,
    maxEliminations: options.maxEliminations ?? Math.max(1, Math.floor(measurements.length / 3)),
  };
  if (!(opts.alpha > 0 && opts.alpha < 0.5)) throw new RangeError(`alpha must be between 0 and 0.5, not ${opts.alpha}`);
  const index = variableIndex(plant);
  const balances = buildBalances(plant, index, opts.balances);
  const warnings = [...balances.warnings];

  // Simulated values of every unknown: stream flows from the plant layout, doses from the unit internals.
  const xNominal = new Float64Array(index.nVars);
  xNominal.set(nominal.subarray(0, index.nStreamVars));
  for (const d of index.doses) xNominal[d.variable] = nominal[plant.units[d.unitIndex].internalOffset + d.internal];
  let xmax = 0;
  for (const v of xNominal) xmax = Math.max(xmax, Math.abs(v));

  const models = measurements.map((m) => measurementModel(plant, index, m));
  const isFree = new Uint8Array(index.nVars);
  for (let v = 0; v < index.nVars; v++) if (Math.abs(xNominal[v]) > 1e-12 * xmax) isFree[v] = 1;
  for (const { direct } of models) for (const v of direct ?? []) isFree[v] = 1;
  const free: number[] = [];
  const reducedOf = new Int32Array(index.nVars).fill(-1);
  for (let v = 0; v < index.nVars; v++) if (isFree[v]) reducedOf[v] = free.push(v) - 1;
  const n = free.length;

  const reduce = (m: ReadonlyMap<number, number>): [number[], number[]] => {
    const idx: number[] = [];
    const val: number[] = [];
    for (const [v, c] of m) if (reducedOf[v] >= 0) idx.push(reducedOf[v]), val.push(c);
    return [idx, val];
  };
  const reduced: Reduced[] = models.map(({ model }) => ({ num: reduce(model.num), den: model.den && reduce(model.den), scale: model.scale }));
  const empty: Diagnostic[] = [];
  models.forEach(({ model }, i) => {
    if (!model.den) return;
    let total = 0;
    for (const [v, c] of model.den) total += c * xNominal[v];
    if (!(total > 0)) {
      const m = measurements[i];
      empty.push({
        path: m.source ?? `measurement ${i + 1}`,
        message: `${m.component} ${m.unit} in ${m.stream}: the simulation has nothing in that ${m.unit.includes('(') ? 'phase of the ' : ''}stream, so a fraction of it cannot be reconciled; measure its flow instead, or check the stream`,
      });
    }
  });
  if (empty.length) throw new FlexsheetError(empty);
  models.forEach(({ model }, i) => {
    if (!model.den && reduced[i].num[0].length === 0) {
      const m = measurements[i];
      warnings.push(`${m.source ?? `measurement ${i + 1}`}: the simulation carries no ${m.component} in ${m.stream.startsWith('reagent:') ? `the doses of ${m.stream.slice(8)}` : `stream "${m.stream}"`}, so this measurement is compared with zero`);
    }
  });

  // Balances over the free unknowns, and their null space.
  const C = dense(balances.rows.length, n);
  balances.rows.forEach((row, r) => {
    for (const [v, c] of row) if (reducedOf[v] >= 0) C.data[r * n + reducedOf[v]] = c;
  });
  const { Z: Z0 } = nullSpace(C);
  const p = Z0.cols;

  // Starting point: simulated flows times a throughput factor fitted to the flow measurements.
  let sNum = 0;
  let sDen = 0;
  models.forEach(({ model }, i) => {
    if (model.den) return;
    let h = 0;
    for (const [v, c] of model.num) h += c * xNominal[v];
    const w = 1 / measurements[i].sd ** 2;
    sNum += w * measurements[i].value * h;
    sDen += w * h * h;
  });
  const throughputFactor = sDen > 0 && sNum > 0 && Number.isFinite(sNum / sDen) ? sNum / sDen : 1;
  const prior = Float64Array.from(free, (v) => xNominal[v] * throughputFactor);

  // Coordinates in which a step of unit length moves each flow in proportion to its simulated
  // size: Z = D·Q, Q an orthonormal basis of range(D⁻¹·Z0), D = diag(prior, floored). The
  // minimum-norm steps then leave what the data do not see near the simulation, small flows small.
  let priorMax = 0;
  for (const v of prior) priorMax = Math.max(priorMax, Math.abs(v));
  const d = prior.map((v) => Math.max(Math.abs(v), 1e-6 * priorMax, 1e-300));
  const Q = orthonormalize(
    Array.from({ length: p }, (_, k) => Float64Array.from({ length: n }, (_, j) => Z0.data[j * p + k] / d[j])),
    1e-12,
  );
  if (Q.length !== p) throw new Error('reconcile: the balances\' null space lost rank when scaled');
  const Z = dense(n, p);
  for (let j = 0; j < n; j++) for (let k = 0; k < p; k++) Z.data[j * p + k] = d[j] * Q[k][j];
  const z0 = Float64Array.from(Q, (q) => {
    let t = 0;
    for (let j = 0; j < n; j++) t += (q[j] * prior[j]) / d[j];
    return t;
  });
  {
    const x0 = mulZ(Z, z0);
    let worst = 0;
    for (let j = 0; j < n; j++) worst = Math.max(worst, Math.abs(x0[j] - prior[j]));
    if (worst > 1e-6 * Math.max(priorMax, 1e-300)) warnings.push('the simulated flows do not satisfy the balances used; the starting point was adjusted');
  }

  const y = Float64Array.from(measurements, (m) => m.value);
  const sigma = Float64Array.from(measurements, (m) => m.sd);

  // Serial elimination of gross errors.
  let used = measurements.map((_, i) => i);
  const flagged = new Map<number, NonNullable<MeasurementResult['grossError']>>();
  let round = 0;
  let solution: Solved;
  let iterations = 0;
  for (;;) {
    solution = solveWls(Z, reduced, y, sigma, used, z0, n, false);
    iterations += solution.iterations;
    const st = solution.stats;
    if (!opts.eliminate || st.dof <= 0) break;
    if (st.chiSquare <= chiSquareQuantile(1 - opts.alpha, st.dof)) break;
    const critical = measurementTestCritical(opts.alpha, st.redundantCount);
    let worst = -1;
    st.test.forEach((t, k) => {
      if (t !== null && t > critical && (worst < 0 || t > st.test[worst]!)) worst = k;
    });
    if (worst < 0 || flagged.size >= opts.maxEliminations) break;
    // Measurements with the same test statistic cannot be told apart (an equivalent set): none is flagged.
    const tied = st.test.map((t, k) => (t !== null && k !== worst && Math.abs(t - st.test[worst]!) <= 1e-6 * st.test[worst]! ? k : -1)).filter((k) => k >= 0);
    if (tied.length) {
      const names = [worst, ...tied].map((k) => describeMeasurement(measurements[used[k]])).join('; ');
      warnings.push(`the global test fails, but the largest measurement test is shared by ${names}: the data cannot tell which of them is in error`);
      break;
    }
    flagged.set(used[worst], { test: st.test[worst]!, critical, round: ++round, error: null });
    used = used.filter((_, k) => k !== worst);
  }

  const st = solution.stats;
  const critical = st.dof > 0 ? chiSquareQuantile(1 - opts.alpha, st.dof) : null;
  const mtCritical = st.redundantCount > 0 ? measurementTestCritical(opts.alpha, st.redundantCount) : null;
  // The values: the same problem with every flow kept at or above zero. (The tests, standard
  // deviations and observability above and below are those of the balances alone, as usual: a
  // bound says a flow is at least zero, not that it is known.)
  const valued = solveWls(Z, reduced, y, sigma, used, z0, n, true);
  iterations += valued.iterations;
  const xr = valued.x;

  // Per-unknown results.
  const x = new Float64Array(index.nVars);
  const sd = new Float64Array(index.nVars);
  const status: VariableStatus[] = Array.from({ length: index.nVars }, () => 'zero' as VariableStatus);
  const observability = (q: Float64Array): { observable: boolean; sd: number } => {
    const u = project(q, solution.QA);
    const uu = dot(u, u);
    const { V, s, rank } = solution.svd;
    let inRange = 0;
    let variance = 0;
    for (let k = 0; k < rank; k++) {
      let c = 0;
      for (let j = 0; j < p; j++) c += V.data[j * rank + k] * u[j];
      inRange += c * c;
      variance += (c / s[k]) ** 2;
    }
    return { observable: uu - inRange <= 1e-12 * Math.max(uu, 1e-300), sd: Math.sqrt(variance) };
  };
  const activeSet = new Set(valued.active);
  const belowZero: number[] = [];
  for (let j = 0; j < n; j++) {
    const v = free[j];
    const o = observability(rowOf(Z, j));
    x[v] = activeSet.has(j) ? 0 : xr[j];
    sd[v] = o.observable ? o.sd : NaN;
    status[v] = o.observable ? (activeSet.has(j) ? 'bound' : 'observable') : 'unobservable';
    if (!o.observable && xr[j] < -1e-9 * priorMax) belowZero.push(v);
  }
  if (belowZero.length) {
    const names = belowZero.map((v) => describeVariable(plant, index, v).text);
    const listed = names.length > 8 ? `${names.slice(0, 8).join('; ')}; and ${names.length - 8} more` : names.join('; ');
    warnings.push(
      `the data leave some flows they do not determine below zero, and moving them within what the data leave open did not lift them all (${listed}); a sum that includes them may come out slightly negative, within its standard deviation`,
    );
  }

  const estimate = (coefs: ReadonlyMap<number, number>): Estimate => {
    const q = new Float64Array(p);
    let value = 0;
    for (const [v, c] of coefs) {
      const j = reducedOf[v];
      if (j < 0) continue;
      value += c * xr[j];
      for (let k = 0; k < p; k++) q[k] += c * Z.data[j * p + k];
    }
    const o = observability(q);
    return o.observable ? { value, sd: o.sd, observable: true } : { value: null, sd: null, observable: false };
  };
  const loading = (coefs: ReadonlyMap<number, number>): Float64Array | null => {
    const q = new Float64Array(p);
    for (const [v, c] of coefs) {
      const j = reducedOf[v];
      if (j < 0) continue;
      for (let k = 0; k < p; k++) q[k] += c * Z.data[j * p + k];
    }
    if (!observability(q).observable) return null;
    const u = project(q, solution.QA);
    const { V, s, rank } = solution.svd;
    return Float64Array.from({ length: rank }, (_, k) => {
      let c = 0;
      for (let j = 0; j < p; j++) c += V.data[j * rank + k] * u[j];
      return c / s[k];
    });
  };
  const ratio = (num: ReadonlyMap<number, number>, den: ReadonlyMap<number, number>): Estimate => {
    const dotAt = (m: ReadonlyMap<number, number>, at: Float64Array) => {
      let t = 0;
      for (const [v, c] of m) if (reducedOf[v] >= 0) t += c * at[reducedOf[v]];
      return t;
    };
    const a = dotAt(num, xr);
    const b = dotAt(den, xr);
    if (!(b > 0)) return { value: null, sd: null, observable: estimate(den).observable && estimate(num).observable };
    // Value at the non-negative solution; sd from the linearization the statistics use.
    const a0 = dotAt(num, solution.x);
    const b0 = dotAt(den, solution.x);
    const at = b0 > 0 ? { a: a0, b: b0 } : { a, b };
    const r0 = at.a / at.b;
    const grad = new Map<number, number>();
    for (const [v, c] of num) grad.set(v, (grad.get(v) ?? 0) + c / at.b);
    for (const [v, c] of den) grad.set(v, (grad.get(v) ?? 0) - (r0 * c) / at.b);
    const e = estimate(grad);
    return e.observable ? { value: a / b, sd: e.sd, observable: true } : { value: null, sd: null, observable: false };
  };


  const results: MeasurementResult[] = measurements.map((m, i) => {
    const k = used.indexOf(i);
    const model = models[i].model;
    const e = model.den ? ratio(scaled(model.num, model.scale), model.den) : estimate(model.num);
    const reconciledValue = e.value;
    const base = {
      measurement: m,
      reconciled: reconciledValue,
      reconciledSd: e.sd,
      adjustment: reconciledValue === null ? null : reconciledValue - m.value,
      standardized: reconciledValue === null ? null : (reconciledValue - m.value) / m.sd,
    };
    if (k < 0) {
      const g = flagged.get(i)!;
      return { ...base, test: null, redundant: true, status: 'gross error', grossError: { ...g, error: reconciledValue === null ? null : m.value - reconciledValue } };
    }
    const t = st.test[k];
    const redundant = t !== null;
    const over = redundant && mtCritical !== null && t! > mtCritical;
    const gross = over && !opts.eliminate;
    return {
      ...base,
      test: t,
      redundant,
      status: gross ? 'gross error' : over ? 'suspect' : redundant ? 'ok' : 'not redundant',
      ...(gross ? { grossError: { test: t!, critical: mtCritical!, round: 0, error: reconciledValue === null ? null : m.value - reconciledValue } } : {}),
    };
  });

  for (let v = 0; v < index.nVars; v++) {
    if (status[v] === 'bound') warnings.push(`${describeVariable(plant, index, v).text} is held at zero: the data would make it negative`);
  }
  return {
    plant,
    index,
    balances,
    options: opts,
    measurements: results,
    global: {
      chiSquare: st.chiSquare,
      dof: st.dof,
      critical,
      passed: critical === null ? true : st.chiSquare <= critical,
      measurementCritical: mtCritical,
      chiSquareNonNegative: valued.stats.chiSquare,
      redundant: st.redundantCount,
    },
    x,
    sd,
    status,
    estimate,
    loading,
    ratio,
    throughputFactor,
    iterations,
    warnings,
  };
}

/** "Co wt%(s) in stream cake (data.csv line 7)" */
export function describeMeasurement(m: Measurement): string {
  const where = m.stream.startsWith('reagent:') ? `dose into ${m.stream.slice(8)}` : `stream ${m.stream}`;
  return `${m.component} ${m.unit} in ${where}${m.source ? ` (${m.source})` : ''}`;
}

function scaled(m: ReadonlyMap<number, number>, f: number): Map<number, number> {
  return new Map([...m].map(([v, c]) => [v, c * f]));
}

interface Solved {
  x: Float64Array;
  z: Float64Array;
  active: number[];
  QA: Float64Array[];
  svd: Svd;
  iterations: number;
  stats: { chiSquare: number; dof: number; test: (number | null)[]; redundantCount: number };
}

function rowOf(Z: Dense, j: number): Float64Array {
  return Z.data.slice(j * Z.cols, (j + 1) * Z.cols);
}

function mulZ(Z: Dense, z: Float64Array): Float64Array {
  const x = new Float64Array(Z.rows);
  for (let j = 0; j < Z.rows; j++) {
    let s = 0;
    const o = j * Z.cols;
    for (let k = 0; k < Z.cols; k++) s += Z.data[o + k] * z[k];
    x[j] = s;
  }
  return x;
}

/** q minus its components along the active-set constraint rows. */
function project(q: Float64Array, QA: readonly Float64Array[]): Float64Array {
  const u = Float64Array.from(q);
  for (const a of QA) {
    const d = dot(a, u);
    for (let k = 0; k < u.length; k++) u[k] -= d * a[k];
  }
  return u;
}

/** h_i(x) and the gradient row of measurement i in the reduced unknowns. */
function evaluate(m: Reduced, x: Float64Array): { h: number; grad: Map<number, number> } {
  const [ni, nv] = m.num;
  let a = 0;
  for (let t = 0; t < ni.length; t++) a += nv[t] * x[ni[t]];
  if (!m.den) {
    const grad = new Map<number, number>();
    for (let t = 0; t < ni.length; t++) grad.set(ni[t], (grad.get(ni[t]) ?? 0) + nv[t]);
    return { h: a, grad };
  }
  const [di, dv] = m.den;
  let b = 0;
  for (let t = 0; t < di.length; t++) b += dv[t] * x[di[t]];
  if (!(b > 0)) return { h: NaN, grad: new Map() };
  const h = (m.scale * a) / b;
  const grad = new Map<number, number>();
  for (let t = 0; t < ni.length; t++) grad.set(ni[t], (grad.get(ni[t]) ?? 0) + (m.scale * nv[t]) / b);
  for (let t = 0; t < di.length; t++) grad.set(di[t], (grad.get(di[t]) ?? 0) - (h * dv[t]) / b);
  return { h, grad };
}

function solveWls(Z: Dense, models: readonly Reduced[], y: Float64Array, sigma: Float64Array, used: readonly number[], z0: Float64Array, n: number, bounded: boolean): Solved {
  const p = Z.cols;
  const m = used.length;
  const linear = used.every((i) => !models[i].den);
  let z: Float64Array = Float64Array.from(z0);
  const active: number[] = [];
  let iterations = 0;

  const residuals = (x: Float64Array) => {
    const b = new Float64Array(m);
    let cost = 0;
    used.forEach((i, k) => {
      const { h } = evaluate(models[i], x);
      b[k] = (y[i] - h) / sigma[i];
      cost += b[k] * b[k];
    });
    return { b, cost: Number.isFinite(cost) ? cost : Infinity };
  };
  /** W^½·J·Z at x, projected on the active set. */
  const jacobian = (x: Float64Array, QA: readonly Float64Array[]) => {
    const G = dense(m, p);
    used.forEach((i, k) => {
      const { grad } = evaluate(models[i], x);
      const row = new Float64Array(p);
      for (const [j, c] of grad) {
        const o = j * p;
        const w = c / sigma[i];
        for (let t = 0; t < p; t++) row[t] += w * Z.data[o + t];
      }
      G.data.set(project(row, QA), k * p);
    });
    return G;
  };

  let QA: Float64Array[] = [];
  let dec: Svd = svd(dense(m, p));
  let x = mulZ(Z, z);
  let restores = 0;
  for (let outer = 0; outer < 100; outer++) {
    QA = orthonormalize(active.map((j) => rowOf(Z, j)), 1e-10);
    z = project(z, QA);
    x = mulZ(Z, z);
    for (let it = 0; it < 60; it++) {
      iterations++;
      const { b, cost } = residuals(x);
      dec = svd(jacobian(x, QA));
      const { U, V, s, rank } = dec;
      const c = new Float64Array(rank);
      for (let k = 0; k < rank; k++) {
        let t = 0;
        for (let i = 0; i < m; i++) t += U.data[i * rank + k] * b[i];
        c[k] = t / s[k];
      }
      const dz = new Float64Array(p);
      for (let j = 0; j < p; j++) {
        let t = 0;
        for (let k = 0; k < rank; k++) t += V.data[j * rank + k] * c[k];
        dz[j] = t;
      }
      let alpha = 1;
      let next = z.map((v, j) => v + dz[j]);
      let xn = mulZ(Z, next);
      if (!linear) {
        while (alpha > 1e-6 && !(residuals(xn).cost <= cost * (1 + 1e-12) + 1e-300)) {
          alpha /= 2;
          next = z.map((v, j) => v + alpha * dz[j]);
          xn = mulZ(Z, next);
        }
        if (alpha <= 1e-6) break;
      }
      z = next;
      x = xn;
      const step = Math.sqrt(dot(dz, dz)) * alpha;
      if (linear || step <= 1e-12 * (Math.sqrt(dot(z, z)) + 1e-300)) break;
    }
    // The linearization the statistics use is the one at the solution.
    if (!linear) dec = svd(jacobian(x, QA));
    if (!bounded) break;
    // Bounds: observable flows below zero are bound to zero; bounds the data pull away from are released.
    let xscale = 0;
    for (const v of x) xscale = Math.max(xscale, Math.abs(v));
    const tol = 1e-9 * xscale;
    const rowNorm2 = (j: number) => {
      const r = rowOf(Z, j);
      return dot(r, r);
    };
    const observable = (j: number) => {
      const u = project(rowOf(Z, j), QA);
      let inRange = 0;
      for (let k = 0; k < dec.rank; k++) {
        let c = 0;
        for (let t = 0; t < p; t++) c += dec.V.data[t * dec.rank + k] * u[t];
        inRange += c * c;
      }
      return dot(u, u) - inRange <= 1e-12 * Math.max(rowNorm2(j), 1e-300);
    };
    const negatives: number[] = [];
    for (let j = 0; j < n; j++) if (x[j] < -tol && !active.includes(j) && observable(j)) negatives.push(j);
    if (negatives.length) {
      active.push(...negatives);
      continue;
    }
    // Unobservable flows below zero are moved toward zero along directions the data do not see,
    // which leaves the fit unchanged; what cannot be moved so stays (it is not reported).
    const restored = restoreNonNegative(Z, z, QA, dec, active, tol);
    if (restored !== z) {
      z = restored;
      x = mulZ(Z, z);
      // An assay is a ratio: a move the linearization does not see changes it a little, so fit again from there.
      if (!linear && restores++ < 5) continue;
      if (!linear) dec = svd(jacobian(x, QA));
    }
    if (active.length) {
      // ∇Φ = Σ λ_j Z_jᵀ at the optimum; λ_j < 0 means leaving the bound lowers Φ.
      const { b } = residuals(x);
      const Gfull = jacobian(x, []);
      const g = new Float64Array(p);
      for (let i = 0; i < m; i++) for (let t = 0; t < p; t++) g[t] -= 2 * Gfull.data[i * p + t] * b[i];
      const rows = active.map((j) => rowOf(Z, j));
      const A = active.length;
      const M = dense(A, A);
      const rhs = new Float64Array(A);
      for (let a = 0; a < A; a++) {
        rhs[a] = dot(rows[a], g);
        for (let c = 0; c < A; c++) M.data[a * A + c] = dot(rows[a], rows[c]);
      }
      const lambda = pseudoInverseSolve(M, rhs, 1e-12);
      let release = -1;
      let worst = -1e-8 * (1 + residuals(x).cost);
      lambda.forEach((l, a) => {
        const effect = l * Math.sqrt(dot(rows[a], rows[a])) * Math.max(xscale, 1e-300);
        if (effect < worst) {
          worst = effect;
          release = a;
        }
      });
      if (release >= 0) {
        active.splice(release, 1);
        continue;
      }
    }
    break;
  }

  // Statistics at the solution, linearized, with the flows held at zero counted as constraints:
  // the residuals and their covariance then belong to the same problem.
  const { b, cost } = residuals(x);
  const { U, rank } = dec;
  const test: (number | null)[] = [];
  let redundantCount = 0;
  for (let i = 0; i < m; i++) {
    let h = 0;
    for (let k = 0; k < rank; k++) h += U.data[i * rank + k] ** 2;
    const v = 1 - h;
    if (v > 1e-8) {
      test.push(Math.abs(b[i]) / Math.sqrt(v));
      redundantCount++;
    } else test.push(null);
  }
  return { x, z, active, QA, svd: dec, iterations, stats: { chiSquare: cost, dof: m - rank, test, redundantCount } };
}

/**
 * Moves z along the null directions of the fit (within the active set) to bring flows below zero
 * up to zero, by the smallest move, for as long as that lowers the total shortfall.
 */
function restoreNonNegative(Z: Dense, z0: Float64Array, QA: readonly Float64Array[], dec: Svd, active: readonly number[], tol: number): Float64Array {
  const p = Z.cols;
  const n = Z.rows;
  const shortfall = (x: Float64Array) => {
    let t = 0;
    for (let j = 0; j < n; j++) if (x[j] < -tol && !active.includes(j)) t -= x[j];
    return t;
  };
  let z = z0;
  let x = mulZ(Z, z);
  let short = shortfall(x);
  if (short === 0) return z;
  const fitted = Array.from({ length: dec.rank }, (_, k) => Float64Array.from({ length: p }, (_, t) => dec.V.data[t * dec.rank + k]));
  const N = complement([...QA, ...fitted], p);
  if (!N.length) return z;
  const q = N.length;
  const held = new Set<number>();
  for (let round = 0; round < 20 && short > 0; round++) {
    for (let j = 0; j < n; j++) if (x[j] < -tol && !active.includes(j)) held.add(j);
    const rows = [...held];
    const M = dense(rows.length, q);
    rows.forEach((j, a) => {
      const r = rowOf(Z, j);
      N.forEach((v, k) => (M.data[a * q + k] = dot(r, v)));
    });
    const w = pseudoInverseSolve(
      M,
      Float64Array.from(rows, (j) => Math.max(0, -x[j])),
    );
    const next = Float64Array.from(z);
    N.forEach((v, k) => {
      for (let t = 0; t < p; t++) next[t] += w[k] * v[t];
    });
    const xn = mulZ(Z, next);
    const sn = shortfall(xn);
    if (!(sn < short * (1 - 1e-9))) break;
    z = next;
    x = xn;
    short = sn;
  }
  return z;
}


export type { MeasurementModel };
