/**
 * Data reconciliation: the flows nearest, in the weighted least-squares sense, to what the pilot
 * measured, that satisfy every balance of the plant exactly and are never negative.
 *
 *   minimise  Σ_i ((y_i − h_i(x)) / σ_i)²   subject to  C·x = 0 (balances.ts),  x ≥ 0
 *
 * x are the stream species flows, reagent doses and stock changes (kmol/h; variables.ts). A flow
 * measurement is linear in x, an assay, a concentration or a density a ratio of two linear forms
 * (measurements.ts). The steps, each in its module:
 *
 * 1. structure.ts — which unknowns are free, the balances over them, x = Z·z (once per plant and
 *    set of free unknowns, reused across runs: reconciler.ts);
 * 2. the starting point: the simulated flows times a throughput factor fitted to the measured flows;
 * 3. gross-errors.ts — weighted least squares with the balances alone (wls.ts), the global χ² and
 *    measurement tests, serial elimination of gross errors;
 * 4. wls.ts — the same problem with every flow kept ≥ 0 for the reported values;
 * 5. estimates.ts — values, standard deviations and observability of unknowns and combinations.
 *
 * Statistics: those of the balances alone (equality constraints), linearized at that solution, as
 * is usual — a bound says a flow is at least zero, not that it is known. Global test: χ² = eᵀe
 * against χ²(1 − α, m − rank). Measurement test (Mah & Tamhane 1982): |e_i| / √(1 − h_i) against
 * the normal quantile at Šidák-corrected level β = 1 − (1 − α)^(1/m_redundant). The χ² of the
 * non-negative values, with a flows held at zero, is tested against χ²(1 − α, m − rank + a): the
 * χ̄² distribution of a bounded fit is a mixture of χ²(m − rank + k), k ≤ a, so this bound on its
 * tail is conservative.
 */
import type { CompiledFlowsheet } from '../compile';
import { FlexsheetError, type Diagnostic } from '../diagnostics';
import type { BalanceLevel, Balances } from './balances';
import { estimator, type Estimate } from './estimates';
import { eliminateGrossErrors, type Elimination, type EliminationRound } from './gross-errors';
import { describeMeasurement, measurementModel, sdProblem, stockTarget, type Measurement, type ModelOf } from './measurements';
import { createReconciler, type Reconciler } from './reconciler';
import { chiSquareQuantile, measurementTestCritical } from './stats';
import { coordinatesOf, freeUnknowns, type Structure } from './structure';
import { describeVariable, streamVariable, withAccumulations, type VariableIndex } from './variables';
import type { VolumeData } from './volumes';
import { mulZ, reduceModel, solveNonNegative, type Reduced, type Solved, type WlsProblem } from './wls';

export interface ReconcileOptions {
  /** Balance level of reacting units; see balances.ts. Default 'element'. */
  balances?: BalanceLevel;
  /** Significance level of the global and measurement tests. Default 0.05. */
  alpha?: number;
  /** Take flagged gross errors out and reconcile again (serial elimination). Default true. */
  eliminate?: boolean;
  /** At most this many measurements are taken out. Default: a third of them. */
  maxEliminations?: number;
  /** Volumes of species; default: the file's species data (volumes.ts). */
  volumes?: VolumeData;
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

export type { Estimate };

export interface GlobalTest {
  chiSquare: number;
  dof: number;
  critical: number | null;
  passed: boolean;
  /** Critical value of the measurement test in the final round. */
  measurementCritical: number | null;
  /** Σ ((y − ŷ)/σ)² of the reported values, which keep every flow ≥ 0 (≥ chiSquare). */
  chiSquareNonNegative: number;
  redundant: number;
  /** The non-negative values tested: flows held at zero, the degrees of freedom with them, the critical value. */
  nonNegative: { bound: number; dof: number; critical: number | null; passed: boolean };
  /** The global test with every measurement in (before any was taken out). */
  initial: { chiSquare: number; dof: number; critical: number | null; passed: boolean };
}

export interface Reconciliation {
  plant: CompiledFlowsheet;
  index: VariableIndex;
  balances: Balances;
  options: { balances: BalanceLevel; alpha: number; eliminate: boolean; maxEliminations: number };
  measurements: MeasurementResult[];
  global: GlobalTest;
  /** Gross errors taken out, round by round; and measurements sharing the largest test, when none could be singled out. */
  rounds: EliminationRound[];
  tied?: number[];
  /** Reconciled unknowns (variables.ts), kmol/h: read with `status`. */
  x: Float64Array;
  sd: Float64Array;
  status: VariableStatus[];
  estimate(coefs: ReadonlyMap<number, number>): Estimate;
  loading(coefs: ReadonlyMap<number, number>): Float64Array | null;
  /** Length of every loading vector. */
  loadingLength: number;
  ratio(num: ReadonlyMap<number, number>, den: ReadonlyMap<number, number>): Estimate;
  /** Starting point: the simulated flows times this factor (fitted to the measured flows). */
  throughputFactor: number;
  /** Duration of the period the data cover, h, when the data give it. */
  hours?: number;
  iterations: number;
  warnings: string[];
}

type Options = Reconciliation['options'];

/** Smallest significance level taken: below it, 1 − α/n rounds to 1 and the tests have no quantile. */
export const MIN_ALPHA = 1e-9;

function optionsOf(options: ReconcileOptions, count: number): Options {
  const opts = {
    balances: options.balances ?? 'element',
    alpha: options.alpha ?? 0.05,
    eliminate: options.eliminate ?? true,
    maxEliminations: options.maxEliminations ?? Math.max(1, Math.floor(count / 3)),
  };
  if (!(opts.alpha >= MIN_ALPHA && opts.alpha < 0.5)) {
    throw new FlexsheetError([{ path: 'options.alpha', message: `alpha is a significance level from ${MIN_ALPHA} to 0.5 (e.g. 0.05), not ${opts.alpha}` }]);
  }
  return opts;
}

/** Every measurement's standard deviation usable as a weight (measurements given as data, not read from a CSV, too). */
function checkDeviations(measurements: readonly Measurement[]): void {
  const problems = measurements.flatMap((m, i) => {
    const p = sdProblem(m.sd, m.value);
    return p ? [{ path: `measurements[${i}].sd`, message: `${describeMeasurement(m)}: ${p}` }] : [];
  });
  if (problems.length) throw new FlexsheetError(problems);
}

/**
 * Reconciles measurements against a compiled plant. `nominal` is the plant's simulated solution
 * (solvePlant(plant).x); it tells which flows exist (a flow the simulation has at exactly zero is
 * held at zero unless a measurement names that species in that stream) and gives the starting point.
 */
export function reconcile(plant: CompiledFlowsheet, nominal: Float64Array, measurements: readonly Measurement[], options: ReconcileOptions = {}): Reconciliation {
  return reconcileWith(createReconciler(plant, nominal, { volumes: options.volumes }), measurements, options);
}

/** As reconcile, with the structure a reconciler keeps across runs. */
export function reconcileWith(r: Reconciler, measurements: readonly Measurement[], options: ReconcileOptions = {}): Reconciliation {
  const opts = optionsOf(options, measurements.length);
  checkDeviations(measurements);
  const { plant } = r;
  const index = indexWithStocks(r, measurements);
  const models = measurements.map((m) => measurementModel(plant, index, m, r.volumes));
  const xNominal = nominalOver(r, index);
  const structure = r.structure(index, opts.balances, freeUnknowns(index, xNominal, models.flatMap((m) => m.direct ?? [])));
  const warnings = [...structure.balances.warnings];
  checkDenominators(measurements, models, xNominal);
  const reduced = models.map(({ model }) => reduceModel(model, structure.reducedOf));
  warnings.push(...zeroWarnings(measurements, models, reduced), ...volumeWarnings(plant, measurements, models, structure));
  const start = startingPoint(structure, measurements, models, xNominal);
  if (start.warning) warnings.push(start.warning);
  const problem: WlsProblem = {
    Z: structure.Z,
    models: reduced,
    y: Float64Array.from(measurements, (m) => m.value),
    sigma: Float64Array.from(measurements, (m) => m.sd),
    used: measurements.map((_, i) => i),
    z0: start.z0,
    bounded: structure.bounded,
  };
  const elimination = eliminateGrossErrors(problem, opts);
  if (elimination.tied) {
    warnings.push(`the global test fails, but the largest measurement test is shared by ${elimination.tied.map((i) => describeMeasurement(measurements[i])).join('; ')}: the data cannot tell which of them is in error`);
  }
  // From the solution with the balances alone, which the bounds then move as little as they must.
  const valued = solveNonNegative({ ...problem, used: elimination.used, z0: elimination.final.z });
  if (!elimination.final.converged || !valued.converged) {
    warnings.push('the least-squares fit stopped before it converged (no step lowered the misfit), so its χ² and measurement tests are not reliable');
  }
  return assemble(plant, structure, measurements, models, opts, elimination, valued, start.factor, warnings);
}

/** The base index, with a stock change for every species of an inventory a stock measurement names that the unit holds. */
function indexWithStocks(r: Reconciler, measurements: readonly Measurement[]): VariableIndex {
  const { plant, baseIndex, xNominal } = r;
  const pairs = new Map<string, { unitIndex: number; species: number }>();
  for (const m of measurements) {
    const t = stockTarget(plant, m, r.volumes);
    if (!t) continue;
    const unit = plant.units[t.unitIndex];
    const streams = [...unit.outlets.values(), ...[...unit.inlets.values()].flat()];
    const held = (k: number) => t.species.length === 1 || streams.some((s) => xNominal[streamVariable(baseIndex, s, k)] !== 0);
    for (const k of t.species) if (held(k)) pairs.set(`${t.unitIndex}:${k}`, { unitIndex: t.unitIndex, species: k });
  }
  if (!pairs.size) return baseIndex;
  const sorted = [...pairs.values()].sort((a, b) => a.unitIndex - b.unitIndex || a.species - b.species);
  return withAccumulations(baseIndex, plant, sorted);
}

function nominalOver(r: Reconciler, index: VariableIndex): Float64Array {
  if (index === r.baseIndex) return r.xNominal;
  const x = new Float64Array(index.nVars);
  x.set(r.xNominal);
  return x;
}

/** A fraction of something the simulation does not have cannot be reconciled. */
function checkDenominators(measurements: readonly Measurement[], models: readonly ModelOf[], xNominal: Float64Array): void {
  const empty: Diagnostic[] = [];
  models.forEach(({ model }, i) => {
    if (!model.den) return;
    let total = 0;
    for (const [v, c] of model.den) total += c * xNominal[v];
    if (total > 0) return;
    const m = measurements[i];
    empty.push({
      path: m.source ?? `measurement ${i + 1}`,
      message: `${m.component} ${m.unit} in ${m.stream}: the simulation has nothing in that ${m.unit.includes('(') ? 'phase of the ' : ''}stream, so a fraction of it cannot be reconciled; measure its flow instead, or check the stream`,
    });
  });
  if (empty.length) throw new FlexsheetError(empty);
}

function zeroWarnings(measurements: readonly Measurement[], models: readonly ModelOf[], reduced: readonly Reduced[]): string[] {
  return models.flatMap(({ model }, i) => {
    if (model.den || reduced[i].num[0].length) return [];
    const m = measurements[i];
    const where = m.stream.startsWith('reagent:') ? `the doses of ${m.stream.slice(8)}` : `stream "${m.stream}"`;
    return [`${m.source ?? `measurement ${i + 1}`}: the simulation carries no ${m.component} in ${where}, so this measurement is compared with zero`];
  });
}

/** Species without a density or molar volume in a measured volume that carries them. */
function volumeWarnings(plant: CompiledFlowsheet, measurements: readonly Measurement[], models: readonly ModelOf[], structure: Structure): string[] {
  return models.flatMap((model, i) => {
    const m = measurements[i];
    const s = plant.streams.findIndex((st) => st.id === m.stream);
    if (!model.missingVolume || s < 0) return [];
    const present = model.missingVolume.filter((k) => structure.reducedOf[streamVariable(structure.index, s, k)] >= 0);
    if (!present.length) return [];
    const names = present.map((k) => plant.species.list[k].id).join(', ');
    return [`${m.source ?? `measurement ${i + 1}`}: the volume of stream "${m.stream}" leaves out ${names}, which have no density or molar volume (give "density" or "molarVolume" in the species data)`];
  });
}

/** The simulated flows times a throughput factor fitted to the flow measurements, in the structure's coordinates. */
function startingPoint(structure: Structure, measurements: readonly Measurement[], models: readonly ModelOf[], xNominal: Float64Array): { z0: Float64Array; factor: number; warning?: string } {
  let sNum = 0;
  let sDen = 0;
  models.forEach(({ model }, i) => {
    if (model.den) return;
    let h = 0;
    for (const [v, c] of model.num) h += c * xNominal[v];
    h *= model.scale;
    const w = 1 / measurements[i].sd ** 2;
    sNum += w * measurements[i].value * h;
    sDen += w * h * h;
  });
  const factor = sDen > 0 && sNum > 0 && Number.isFinite(sNum / sDen) ? sNum / sDen : 1;
  const prior = Float64Array.from(structure.free, (v) => xNominal[v] * factor);
  const z0 = coordinatesOf(structure, prior);
  const x0 = mulZ(structure.Z, z0);
  let worst = 0;
  let priorMax = 0;
  prior.forEach((v, j) => {
    worst = Math.max(worst, Math.abs(x0[j] - v));
    priorMax = Math.max(priorMax, Math.abs(v));
  });
  const warning = worst > 1e-6 * Math.max(priorMax, 1e-300) ? 'the simulated flows do not satisfy the balances used; the starting point was adjusted' : undefined;
  return { z0, factor, ...(warning ? { warning } : {}) };
}

function assemble(
  plant: CompiledFlowsheet,
  structure: Structure,
  measurements: readonly Measurement[],
  models: readonly ModelOf[],
  opts: Options,
  elimination: Elimination,
  valued: Solved,
  throughputFactor: number,
  warnings: string[],
): Reconciliation {
  const solution = elimination.final;
  const est = estimator({ Z: structure.Z, reducedOf: structure.reducedOf, factors: solution.factors, values: valued.x, linearizedAt: solution.x });
  const unknowns = perUnknown(plant, structure, valued, est.ofFree, warnings);
  const global = globalTest(elimination, valued, opts.alpha);
  const results = measurementResults(measurements, models, elimination, est, global.measurementCritical, opts.eliminate);
  const hours = measurements.find((m) => m.hours !== undefined)?.hours;
  return {
    plant,
    index: structure.index,
    balances: structure.balances,
    options: opts,
    measurements: results,
    global,
    rounds: elimination.rounds,
    ...(elimination.tied ? { tied: elimination.tied } : {}),
    ...unknowns,
    estimate: est.estimate,
    loading: est.loading,
    loadingLength: est.loadingLength,
    ratio: est.ratio,
    throughputFactor,
    ...(hours !== undefined ? { hours } : {}),
    iterations: elimination.iterations + valued.iterations,
    warnings,
  };
}

/** Value, sd and status of every unknown; warnings for flows held at zero or left below it. */
function perUnknown(plant: CompiledFlowsheet, structure: Structure, valued: Solved, ofFree: (j: number) => { observable: boolean; sd: number }, warnings: string[]) {
  const { index, free } = structure;
  const x = new Float64Array(index.nVars);
  const sd = new Float64Array(index.nVars);
  const status: VariableStatus[] = Array.from({ length: index.nVars }, () => 'zero' as VariableStatus);
  const activeSet = new Set(valued.active);
  let xmax = 0;
  for (const v of valued.x) xmax = Math.max(xmax, Math.abs(v));
  const belowZero: number[] = [];
  free.forEach((v, j) => {
    const o = ofFree(j);
    x[v] = activeSet.has(j) ? 0 : valued.x[j];
    sd[v] = o.observable ? o.sd : NaN;
    status[v] = o.observable ? (activeSet.has(j) ? 'bound' : 'observable') : 'unobservable';
    if (!o.observable && structure.bounded[j] && valued.x[j] < -1e-9 * xmax) belowZero.push(v);
  });
  if (belowZero.length) {
    const names = belowZero.map((v) => describeVariable(plant, index, v).text);
    const listed = names.length > 8 ? `${names.slice(0, 8).join('; ')}; and ${names.length - 8} more` : names.join('; ');
    warnings.push(
      `the data leave some flows they do not determine below zero, and moving them within what the data leave open did not lift them all (${listed}); a sum that includes them may come out slightly negative, within its standard deviation`,
    );
  }
  for (let v = 0; v < index.nVars; v++) if (status[v] === 'bound') warnings.push(`${describeVariable(plant, index, v).text} is held at zero: the data would make it negative`);
  return { x, sd, status };
}

function globalTest(elimination: Elimination, valued: Solved, alpha: number): GlobalTest {
  const st = elimination.final.stats;
  const critical = st.dof > 0 ? chiSquareQuantile(1 - alpha, st.dof) : null;
  const bound = valued.active.length;
  const nnDof = st.dof + bound;
  const nnCritical = nnDof > 0 ? chiSquareQuantile(1 - alpha, nnDof) : null;
  const chiNn = valued.stats.chiSquare;
  const first = elimination.initial.stats;
  const firstCritical = first.dof > 0 ? chiSquareQuantile(1 - alpha, first.dof) : null;
  return {
    chiSquare: st.chiSquare,
    dof: st.dof,
    critical,
    passed: critical === null ? true : st.chiSquare <= critical,
    measurementCritical: st.redundantCount > 0 ? measurementTestCritical(alpha, st.redundantCount) : null,
    chiSquareNonNegative: chiNn,
    redundant: st.redundantCount,
    nonNegative: { bound, dof: nnDof, critical: nnCritical, passed: nnCritical === null ? chiNn <= 1e-9 : chiNn <= nnCritical },
    initial: { chiSquare: first.chiSquare, dof: first.dof, critical: firstCritical, passed: firstCritical === null ? true : first.chiSquare <= firstCritical },
  };
}

function measurementResults(
  measurements: readonly Measurement[],
  models: readonly ModelOf[],
  elimination: Elimination,
  est: ReturnType<typeof estimator>,
  mtCritical: number | null,
  eliminate: boolean,
): MeasurementResult[] {
  const position = new Map(elimination.used.map((i, k) => [i, k]));
  const roundOf = new Map(elimination.rounds.map((r, n) => [r.measurement, { test: r.test, critical: r.critical, round: n + 1 }]));
  const test = elimination.final.stats.test;
  return measurements.map((m, i) => {
    const model = models[i].model;
    const e = model.den ? est.ratio(scaled(model.num, model.scale), model.den) : est.estimate(scaled(model.num, model.scale));
    const reconciled = e.value;
    const base = {
      measurement: m,
      reconciled,
      reconciledSd: e.sd,
      adjustment: reconciled === null ? null : reconciled - m.value,
      standardized: reconciled === null ? null : (reconciled - m.value) / m.sd,
    };
    const error = reconciled === null ? null : m.value - reconciled;
    const k = position.get(i);
    if (k === undefined) return { ...base, test: null, redundant: true, status: 'gross error', grossError: { ...roundOf.get(i)!, error } };
    const t = test[k];
    const redundant = t !== null;
    const over = redundant && mtCritical !== null && t! > mtCritical;
    const gross = over && !eliminate;
    return {
      ...base,
      test: t,
      redundant,
      status: gross ? 'gross error' : over ? 'suspect' : redundant ? 'ok' : 'not redundant',
      ...(gross ? { grossError: { test: t!, critical: mtCritical!, round: 0, error } } : {}),
    };
  });
}

function scaled(m: ReadonlyMap<number, number>, f: number): Map<number, number> {
  if (f === 1) return new Map(m);
  return new Map([...m].map(([v, c]) => [v, c * f]));
}

