/**
 * What the reconciliation panel shows, computed without React: the results of a reconciliation
 * arranged as rows for display, the fitted document, the export.
 */
import { escapeCsvFormulae, formatOrDash, toCsv } from '../../core/format';
import type { FlowsheetDoc } from '../../core';
import {
  applyFit,
  fmtValueSd,
  measurementsReportCsv,
  type BalanceLevel,
  type ReconciledRun,
  type ReconciliationReport,
} from '../../core/reconcile';


export interface PanelOptions {
  balances: BalanceLevel;
  alpha: number;
  /** Take flagged gross errors out and reconcile again. */
  eliminate: boolean;
  /** Fit unit parameters to the reconciled flows. */
  fit: boolean;
}

/** What the panel shows of a reconciled run: plain data, as it crosses from a worker. */
export type RunResult = Pick<ReconciledRun, 'run' | 'report' | 'fits'>;

/** Reconciles every run of the data; problems (file, flowsheet or data) come back as lines of text. */
export type Tone = 'ok' | 'warn' | 'bad' | 'muted';

export interface MeasurementRow {
  key: string;
  stream: string;
  component: string;
  unit: string;
  measured: string;
  reconciled: string;
  /** Reconciled − measured in standard deviations, for a bar; null when there is none. */
  shift: number | null;
  test: string;
  status: string;
  tone: Tone;
  source?: string;
}

const TONE: Record<string, Tone> = { ok: 'ok', 'not redundant': 'muted', suspect: 'warn', 'gross error': 'bad' };

export function measurementRows(report: ReconciliationReport): MeasurementRow[] {
  return report.measurements.map((m, i) => ({
    key: `${i}`,
    stream: m.stream,
    component: m.component,
    unit: m.unit,
    measured: fmtValueSd(m.measured, m.sd, 4, 2),
    reconciled: fmtValueSd(m.reconciled, m.reconciledSd, 4, 2),
    shift: m.standardized,
    test: m.test !== null ? m.test.toFixed(2) : m.grossError ? m.grossError.test.toFixed(2) : '',
    status: m.status,
    tone: TONE[m.status] ?? 'muted',
    source: m.source,
  }));
}

/** "stream → species, species" lines for what the data do not determine. */
export function unobservableLines(report: ReconciliationReport): string[] {
  const by = new Map<string, string[]>();
  for (const u of report.unobservable) {
    const key = u.stream ?? `dose into ${u.reagentOf}`;
    by.set(key, [...(by.get(key) ?? []), u.species]);
  }
  return [...by].map(([key, list]) => (u(report, key) ? `${key}: the whole stream (${list.join(', ')})` : `${key}: ${list.join(', ')}`));
}

const u = (report: ReconciliationReport, stream: string) => report.streams[stream]?.observable === 'none';

export interface ParameterRow {
  key: string;
  unit: string;
  parameter: string;
  file: string;
  fitted: string;
  status: string;
  tone: Tone;
}

export function parameterRows(run: Pick<ReconciledRun, 'fits'>): ParameterRow[] {
  return (run.fits ?? []).flatMap((f) =>
    f.parameters.map((p) => ({
      key: p.path,
      unit: f.unit,
      parameter: p.parameter,
      file: formatOrDash(p.file),
      fitted: p.fitted === null ? '–' : fmtValueSd(p.fitted, p.sd, 4, 2),
      status: p.status === 'not identifiable' ? `not identifiable: ${p.reason}` : p.status === 'at bound' ? 'fitted, at its bound' : 'fitted',
      tone: p.status === 'not identifiable' ? 'muted' : p.status === 'at bound' ? 'warn' : 'ok',
    })),
  );
}

/** The document with the run's fitted parameters written in; undefined when nothing was fitted. */
export function fittedDocument(doc: FlowsheetDoc, run: Pick<ReconciledRun, 'fits'>, mode?: string): FlowsheetDoc | undefined {
  if (!run.fits?.some((f) => f.parameters.some((p) => p.fitted !== null && p.status !== 'not identifiable'))) return undefined;
  return applyFit(doc, run.fits, mode);
}

/** The reports of the runs as one CSV; text cells a spreadsheet would run as formulas are escaped (issue 10, item 8). */
export function exportCsv(runs: readonly Pick<ReconciledRun, 'report'>[]): string {
  return escapeCsvFormulae(runs.map((r, i) => (i === 0 ? measurementsReportCsv(r.report) : measurementsReportCsv(r.report).replace(/^[^\n]*\n/, ''))).join(''));
}

/** A value ± its standard deviation, in the one number format; '?' when not determined. */
const valueSd = (v: { value: number | null; sd?: number | null } | null | undefined) =>
  !v ? '–' : fmtValueSd(v.value, v.sd, 4, 2);

const VERDICT_TONE: Record<ReconciliationReport['verdict']['status'], Tone> = { consistent: 'ok', 'gross errors': 'warn', inconsistent: 'bad', unchecked: 'muted' };

/** The verdict as the panel states it: one sentence, the sentences after it, its tone. */
export function verdictView(report: ReconciliationReport): { status: string; headline: string; details: readonly string[]; tone: Tone } {
  const v = report.verdict;
  return { status: v.status, headline: v.headline, details: v.details, tone: VERDICT_TONE[v.status] };
}

export interface AccountingRow {
  element: string;
  in: string;
  out: string;
  stock: string;
  unaccounted: string;
  /** Check-in − check-out from the measurements alone ('–' when a term is not measured). */
  measuredUnaccounted: string;
}

/** The metal-accounting statement per element: reconciled terms ± sd, and the unaccounted losses as measured. */
export function accountingView(report: ReconciliationReport): { per: string; rows: AccountingRow[] } {
  const a = report.accounting;
  return {
    per: a.unit === 'kg' ? `kg over the period of ${formatOrDash(a.hours)} h` : 'kg/h',
    rows: a.elements.map((e) => ({
      element: e.element,
      in: valueSd(e.reconciled.in),
      out: valueSd(e.reconciled.out),
      stock: e.inventories ? valueSd(e.reconciled.stock) : '–',
      unaccounted: valueSd(e.reconciled.unaccounted),
      measuredUnaccounted: valueSd(e.measured.unaccounted),
    })),
  };
}

/**
 * The verdict and the metal-accounting statement of the runs as one CSV: per run and element the
 * reconciled terms and their standard deviations, the unaccounted losses as measured, and the
 * verdict's status and headline. Text cells a spreadsheet would run as formulas are escaped.
 */
export function accountingCsv(runs: readonly Pick<ReconciledRun, 'run' | 'report'>[]): string {
  const header = ['run', 'verdict', 'element', 'basis', 'in', 'in_sd', 'out', 'out_sd', 'stock_change', 'stock_change_sd', 'unaccounted', 'unaccounted_sd', 'measured_unaccounted', 'measured_unaccounted_sd', 'headline'];
  const v = (x: { value: number | null; sd?: number | null } | null | undefined) => [x?.value ?? null, x?.sd ?? null];
  const rows = runs.flatMap(({ run, report }) =>
    report.accounting.elements.map((e) => [
      run,
      report.verdict.status,
      e.element,
      report.accounting.unit,
      ...v(e.reconciled.in),
      ...v(e.reconciled.out),
      ...(e.inventories ? v(e.reconciled.stock) : [null, null]),
      ...v(e.reconciled.unaccounted),
      ...v(e.measured.unaccounted),
      report.verdict.headline,
    ]),
  );
  return escapeCsvFormulae(toCsv([header, ...rows]));
}
