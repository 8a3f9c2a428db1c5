/**
 * Pilot data reconciled against a plant, as the worker does for the "Pilot data" tab: the plant
 * compiled and solved, the CSV read (problems with their line and column), the runs in it heard at
 * once, then one run reconciled. Only plain data cross back (the report and fitted parameters).
 */
import { compileFlowsheet, FlexsheetError, formatDiagnostic, solvePlant, type CompiledFlowsheet } from '../../core';
import { parseMeasurementsCsv, reconcileData, runsOf, type Measurement } from '../../core/reconcile';
import { registry } from '../../unit-ops';
import type { ReconcileOutcome, ReconcileReply, ReconcileRequest } from '../state/pilot';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function reconcileRequest(request: ReconcileRequest, onRuns?: (runs: readonly string[]) => void): ReconcileReply {
  const t0 = performance.now();
  const done = (outcome: ReconcileOutcome): ReconcileReply => ({ id: request.id, outcome, ms: performance.now() - t0 });
  let plant: CompiledFlowsheet;
  let nominal: Float64Array;
  try {
    plant = compileFlowsheet(request.doc, registry, { mode: request.mode });
    nominal = solvePlant(plant, { energy: false }).x;
  } catch (e) {
    const lines = e instanceof FlexsheetError ? e.diagnostics.map(formatDiagnostic) : [message(e)];
    return done({ ok: false, problems: ['The plant does not solve, so the data cannot be reconciled against it:', ...lines] });
  }
  let measurements: Measurement[];
  try {
    measurements = parseMeasurementsCsv(request.csv, plant, request.fileName);
  } catch (e) {
    if (e instanceof FlexsheetError) return done({ ok: false, problems: e.diagnostics.map(formatDiagnostic) });
    return done({ ok: false, problems: [`${request.fileName}: ${message(e)}`] });
  }
  const runs = runsOf(measurements);
  if (!runs.length) return done({ ok: false, problems: [`${request.fileName}: no measurements after the header row`], runs });
  onRuns?.(runs);
  const run = request.run !== undefined && runs.includes(request.run) ? request.run : runs[0];
  try {
    const [r] = reconcileData(plant, nominal, measurements, { ...request.options, fileName: request.fileName, run });
    return done({ ok: true, runs, result: { run: r.run, report: r.report, fits: r.fits } });
  } catch (e) {
    if (e instanceof FlexsheetError) return done({ ok: false, problems: e.diagnostics.map(formatDiagnostic), runs });
    return done({ ok: false, problems: [`internal error while reconciling: ${message(e)}`], runs });
  }
}
