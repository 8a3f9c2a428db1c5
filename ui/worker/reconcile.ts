/**
 * Pilot data reconciled against a plant, as the worker does for the "Pilot data" tab: the plant
 * compiled and solved (once per document and mode: a pilot session keeps it and its reconciliation
 * structure between requests), the CSV read (problems with their line and column), the runs in it
 * heard at once, then one run reconciled. Only plain data cross back (the report, with its verdict
 * and metal accounting, and the fitted parameters).
 */
import { FlexsheetError, formatDiagnostic } from '../../core';
import { createPilotSession, runsOf, type Measurement, type PilotSession } from '../../core/reconcile';
import { registry } from '../../unit-ops';
import type { ReconcileOutcome, ReconcileReply, ReconcileRequest } from '../state/pilot';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A session for one worker (or one test): the plant is compiled again only when the document or mode changes. */
export const pilotSession = (): PilotSession => createPilotSession(registry);

export function reconcileRequest(request: ReconcileRequest, onRuns?: (runs: readonly string[]) => void, session: PilotSession = pilotSession()): ReconcileReply {
  const t0 = performance.now();
  const done = (outcome: ReconcileOutcome): ReconcileReply => ({ id: request.id, outcome, ms: performance.now() - t0 });
  const options = { mode: request.mode };
  try {
    session.prepare(request.doc, options);
  } catch (e) {
    const lines = e instanceof FlexsheetError ? e.diagnostics.map(formatDiagnostic) : [message(e)];
    return done({ ok: false, problems: ['The plant does not solve, so the data cannot be reconciled against it:', ...lines] });
  }
  let measurements: Measurement[];
  try {
    measurements = session.measurements(request.doc, request.csv, { ...options, fileName: request.fileName });
  } catch (e) {
    if (e instanceof FlexsheetError) return done({ ok: false, problems: e.diagnostics.map(formatDiagnostic) });
    return done({ ok: false, problems: [`${request.fileName}: ${message(e)}`] });
  }
  const runs = runsOf(measurements);
  if (!runs.length) return done({ ok: false, problems: [`${request.fileName}: no measurements after the header row`], runs });
  onRuns?.(runs);
  const run = request.run !== undefined && runs.includes(request.run) ? request.run : runs[0];
  try {
    const [r] = session.reconcile(request.doc, measurements, { ...request.options, ...options, fileName: request.fileName, run });
    return done({ ok: true, runs, result: { run: r.run, report: r.report, fits: r.fits } });
  } catch (e) {
    if (e instanceof FlexsheetError) return done({ ok: false, problems: e.diagnostics.map(formatDiagnostic), runs });
    return done({ ok: false, problems: [`internal error while reconciling: ${message(e)}`], runs });
  }
}
