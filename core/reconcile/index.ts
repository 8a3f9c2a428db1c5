/**
 * Pilot data: measurements read from CSV, reconciled against the plant's balances (weighted least
 * squares, non-negative flows, χ² and measurement tests, gross-error elimination, observability),
 * unit parameters fitted to the reconciled flows, a metal-accounting statement, and recoveries
 * compared across runs. Pure TypeScript; the unit registry is passed in, as everywhere in core/.
 */
import { compileFlowsheet, type CompileOptions, type CompiledFlowsheet } from '../compile';
import { FlexsheetError } from '../diagnostics';
import { solvePlant } from '../solve';
import type { UnitRegistry } from '../unit-type';
import { parseMeasurementsCsv, runsOf } from './csv';
import { fitParameters, type UnitFit } from './fit';
import type { Measurement } from './measurements';
import { reconcileWith, type ReconcileOptions, type Reconciliation } from './reconcile';
import { createReconciler, type Reconciler } from './reconciler';
import { reconciliationReport, type ReconciliationReport } from './report';

export * from './stats';
export { seededRng, type Rng } from './rng';
export { parseMeasurementsCsv, measurementsToCsv, runsOf, tableCsv, MeasurementError } from './csv';
export { measurementModel, evaluateModel, describeMeasurement, MeasurementMismatch, type Measurement, type MeasurementModel, type ModelOf } from './measurements';
export { parseMeasurementUnit, MEASUREMENT_UNITS, marcySolidsPercent, hoursPer, type ParsedUnit, type UnitKind } from './units';
export { plantVolumes, type VolumeData } from './volumes';
export { variableIndex, withAccumulations, variablesFromSolution, describeVariable, streamVariable, plantUnknown, type VariableIndex, type Dose, type Accumulation } from './variables';
export { buildBalances, plantBalances, balanceRows, type BalanceLevel, type Balances, type PlantBalances, type UnitBalance } from './balances';
export { reconcile, reconcileWith, MIN_ALPHA, type ReconcileOptions, type Reconciliation, type MeasurementResult, type Estimate, type VariableStatus, type GlobalTest } from './reconcile';
export { createReconciler, type Reconciler, type ReconcilerOptions } from './reconciler';
export { fitParameters, type UnitFit, type FittedParameter } from './fit';
export { fittableParameters, applyFit, parsePath } from './params';
export { summarizeSolution, summarizeReconciliation, caseFromReport, compareCases, comparisonToCsv, type CaseSummary, type Comparison, type ComparisonRow, type Value } from './compare';
export { synthesize, synthesizeFrom, trueValue, type PlanItem, type SynthesizeOptions } from './generate';
export { reconciliationReport, type ReconciliationReport, type StreamReport, type MeasurementReport, type EliminationReport, type SpeciesFlow } from './report';
export { formatReconciliationReport, measurementsReportCsv } from './report-text';
export { fmtValueSd } from './format';
export { verdictOf, type Verdict, type VerdictStatus, type Suspect } from './verdict';
export { accountingStatement, type AccountingStatement, type AccountingTerm, type ElementAccount } from './accounting';
export { unitSandbox, compileUnit } from './sandbox';
export { cod, codSolve, minNormSolve, gaussNewton, levenbergMarquardt, type Cod } from './least-squares';

export interface RunOptions extends ReconcileOptions, CompileOptions {
  /** Reconcile only this run of the data (the `run` column). */
  run?: string;
  /** Fit unit parameters to the reconciled flows. Default true. */
  fit?: boolean;
  /** Name of the data file, for messages. */
  fileName?: string;
}

/**
 * One reconciled run as plain data (structured-cloneable, JSON-safe): what the command line prints
 * and what the editor's worker posts back. The report holds the verdict, the adjustments, the
 * statistics, the accounting statement and (with fitting) the parameters.
 */
export interface ReconciledRun {
  run: string;
  report: ReconciliationReport;
  fits?: UnitFit[];
}

/** A reconciled run with the live reconciliation (estimates of any combination; not cloneable). */
export interface ReconciledRunDetail extends ReconciledRun {
  reconciliation: Reconciliation;
}

/**
 * Reads a flowsheet and pilot data (CSV text or parsed measurements) and reconciles every run in
 * the data (or the one named). Throws FlexsheetError with located messages.
 */
export function reconcileRuns(input: unknown, registry: UnitRegistry, data: string | readonly Measurement[], options: RunOptions = {}): ReconciledRun[] {
  const plant = compileFlowsheet(input, registry, { mode: options.mode });
  return reconcileData(plant, solvePlant(plant, { energy: false }).x, data, options);
}

/** As reconcileRuns, for a plant already compiled and solved (or a reconciler kept from an earlier call). */
export function reconcileData(plant: CompiledFlowsheet, nominal: Float64Array, data: string | readonly Measurement[], options: RunOptions = {}, reconciler?: Reconciler): ReconciledRun[] {
  return reconcileDataDetailed(plant, nominal, data, options, reconciler).map(({ run, report, fits }) => ({ run, report, ...(fits ? { fits } : {}) }));
}

/** As reconcileData, keeping each run's live reconciliation. */
export function reconcileDataDetailed(plant: CompiledFlowsheet, nominal: Float64Array, data: string | readonly Measurement[], options: RunOptions = {}, reconciler?: Reconciler): ReconciledRunDetail[] {
  const r = reconciler ?? createReconciler(plant, nominal, { volumes: options.volumes });
  const measurements = typeof data === 'string' ? parseMeasurementsCsv(data, plant, options.fileName ?? 'data', r.volumes) : data;
  const runs = runsOf(measurements);
  if (options.run !== undefined && !runs.includes(options.run)) {
    throw new FlexsheetError([{ path: options.fileName ?? 'data', message: `run "${options.run}" is not in the data (runs: ${runs.map((x) => x || '(no name)').join(', ')})` }]);
  }
  return (options.run !== undefined ? [options.run] : runs).map((run) => reconcileRun(r, measurements.filter((m) => (m.run ?? '') === run), run, options));
}

/** One run's measurements reconciled with a reconciler (its structure reused), fitted and reported. */
export function reconcileRun(r: Reconciler, measurements: readonly Measurement[], run: string, options: RunOptions = {}): ReconciledRunDetail {
  const reconciliation = reconcileWith(r, measurements, options);
  const fits = options.fit === false ? undefined : fitParameters(reconciliation, r.sandboxes());
  return { run, reconciliation, ...(fits ? { fits } : {}), report: reconciliationReport(reconciliation, fits, { run: run || undefined }) };
}

export interface PilotSession {
  /**
   * Compiles and solves the flowsheet document in a mode, unless the same document and mode were
   * prepared last: the compiled plant and its reconciliation structure are kept between calls.
   * Throws FlexsheetError when the plant does not solve.
   */
  prepare(doc: unknown, options?: Pick<RunOptions, 'mode' | 'volumes'>): CompiledFlowsheet;
  /** Pilot data read against the prepared plant (problems with their line and column). */
  measurements(doc: unknown, csv: string, options?: RunOptions): Measurement[];
  /**
   * Reconciles pilot data against a flowsheet document in a mode. The plant is compiled and solved
   * again only when the document or the mode changed since the last call; otherwise the runs reuse
   * its reconciliation structure, which makes a run several times faster.
   */
  reconcile(doc: unknown, data: string | readonly Measurement[], options?: RunOptions): ReconciledRun[];
}

/** A session that keeps the compiled plant and its reconciler between calls (for the editor's worker). */
export function createPilotSession(registry: UnitRegistry): PilotSession {
  let key: string | undefined;
  let state: { plant: CompiledFlowsheet; nominal: Float64Array; reconciler: Reconciler } | undefined;
  const prepared = (doc: unknown, options: Pick<RunOptions, 'mode' | 'volumes'>) => {
    const k = JSON.stringify([options.mode ?? null, doc]);
    if (k !== key || !state) {
      state = undefined;
      const plant = compileFlowsheet(doc, registry, { mode: options.mode });
      const nominal = solvePlant(plant, { energy: false }).x;
      state = { plant, nominal, reconciler: createReconciler(plant, nominal, { volumes: options.volumes }) };
      key = k;
    }
    return state;
  };
  return {
    prepare: (doc, options = {}) => prepared(doc, options).plant,
    measurements(doc, csv, options = {}) {
      const s = prepared(doc, options);
      return parseMeasurementsCsv(csv, s.plant, options.fileName ?? 'data', s.reconciler.volumes);
    },
    reconcile(doc, data, options = {}) {
      const s = prepared(doc, options);
      return reconcileData(s.plant, s.nominal, data, options, s.reconciler);
    },
  };
}
