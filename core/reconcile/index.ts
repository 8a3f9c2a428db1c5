/**
 * Pilot data: measurements read from CSV, reconciled against the plant's balances (weighted least
 * squares, non-negative flows, χ² and measurement tests, gross-error elimination, observability),
 * unit parameters fitted to the reconciled flows, and recoveries compared across runs. Pure
 * TypeScript; the unit registry is passed in, as everywhere in core/.
 */
import { compileFlowsheet, type CompileOptions, type CompiledFlowsheet } from '../compile';
import { FlexsheetError } from '../diagnostics';
import { solvePlant } from '../solve';
import type { UnitRegistry } from '../unit-type';
import { fitParameters, type UnitFit } from './fit';
import { parseMeasurementsCsv, runsOf, type Measurement } from './measurements';
import { reconcile, type ReconcileOptions, type Reconciliation } from './reconcile';
import { reconciliationReport, type ReconciliationReport } from './report';

export * from './stats';
export { seededRng, type Rng } from './rng';
export {
  parseMeasurementsCsv,
  measurementsToCsv,
  measurementModel,
  parseMeasurementUnit,
  variableIndex,
  describeVariable,
  runsOf,
  MeasurementError,
  MEASUREMENT_UNITS,
  type Measurement,
  type MeasurementModel,
  type VariableIndex,
} from './measurements';
export { buildBalances, type BalanceLevel, type Balances, type UnitBalance } from './balances';
export { reconcile, describeMeasurement, type ReconcileOptions, type Reconciliation, type MeasurementResult, type Estimate, type VariableStatus } from './reconcile';
export { fitParameters, fittableParameters, applyFit, parsePath, type UnitFit, type FittedParameter } from './fit';
export { summarizeSolution, summarizeReconciliation, compareCases, comparisonToCsv, type CaseSummary, type Comparison, type ComparisonRow, type Value } from './compare';
export { synthesize, trueValue, variablesFromSolution, type PlanItem } from './generate';
export { reconciliationReport, formatReconciliationReport, measurementsReportCsv, textTable, fmtNumber, type ReconciliationReport, type StreamReport } from './report';
export { unitSandbox, compileUnit } from './sandbox';

export interface RunOptions extends ReconcileOptions, CompileOptions {
  /** Reconcile only this run of the data (the `run` column). */
  run?: string;
  /** Fit unit parameters to the reconciled flows. Default true. */
  fit?: boolean;
  /** Name of the data file, for messages. */
  fileName?: string;
}

export interface ReconciledRun {
  run: string;
  reconciliation: Reconciliation;
  fits?: UnitFit[];
  report: ReconciliationReport;
}

/**
 * Reads a flowsheet and pilot data (CSV text or parsed measurements) and reconciles every run in
 * the data (or the one named). Throws FlexsheetError with located messages.
 */
export function reconcileRuns(input: unknown, registry: UnitRegistry, data: string | readonly Measurement[], options: RunOptions = {}): ReconciledRun[] {
  const plant = compileFlowsheet(input, registry, { mode: options.mode });
  const nominal = solvePlant(plant).x;
  return reconcileData(plant, nominal, data, options);
}

/** As reconcileRuns, for a plant already compiled and solved. */
export function reconcileData(plant: CompiledFlowsheet, nominal: Float64Array, data: string | readonly Measurement[], options: RunOptions = {}): ReconciledRun[] {
  const measurements = typeof data === 'string' ? parseMeasurementsCsv(data, plant, options.fileName ?? 'data') : data;
  const runs = runsOf(measurements);
  if (options.run !== undefined && !runs.includes(options.run)) {
    throw new FlexsheetError([{ path: options.fileName ?? 'data', message: `run "${options.run}" is not in the data (runs: ${runs.map((r) => r || '(no name)').join(', ')})` }]);
  }
  return (options.run !== undefined ? [options.run] : runs).map((run) => {
    const subset = measurements.filter((m) => (m.run ?? '') === run);
    const reconciliation = reconcile(plant, nominal, subset, options);
    const fits = options.fit === false ? undefined : fitParameters(reconciliation);
    return { run, reconciliation, fits, report: reconciliationReport(reconciliation, fits, { run: run || undefined }) };
  });
}
