/**
 * What the reconciliation panel shows, computed without React: the results of a reconciliation
 * arranged as rows for display, the fitted document, the export.
 */
import { escapeCsvFormulae, formatNumber } from '../../core/format';
import type { FlowsheetDoc } from '../../core';
import {
  applyFit,
  measurementsReportCsv,
  type BalanceLevel,
  type ReconciledRun,
  type ReconciliationReport,
} from '../../core/reconcile';

/** Reconciliation figures in the one number format; a missing value is a dash. */
const fmtNumber = (x: number | null | undefined, digits = 4) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : formatNumber(x, digits));

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
    measured: `${fmtNumber(m.measured)} ± ${fmtNumber(m.sd, 2)}`,
    reconciled: m.reconciled === null ? '?' : `${fmtNumber(m.reconciled)} ± ${fmtNumber(m.reconciledSd, 2)}`,
    shift: m.standardized,
    test: m.test !== null ? m.test.toFixed(2) : m.grossError ? m.grossError.test.toFixed(2) : '',
    status: m.status,
    tone: TONE[m.status] ?? 'muted',
    source: m.source,
  }));
}

export interface Summary {
  text: string;
  tone: Tone;
  grossErrors: number;
  unobservable: number;
}

export function summary(report: ReconciliationReport): Summary {
  const g = report.global;
  const grossErrors = report.measurements.filter((m) => m.status === 'gross error').length;
  const text =
    g.critical === null
      ? 'No redundancy: every measurement is needed to close the balances, so nothing can be checked.'
      : `χ² = ${fmtNumber(g.chiSquare)} with ${g.dof} degrees of freedom; critical value ${fmtNumber(g.critical)} at α = ${g.alpha}: ${g.passed ? 'the data are consistent with the balances' : 'the data are not consistent with the balances'}.`;
  const bounded =
    g.chiSquareNonNegative > g.chiSquare * (1 + 1e-6) + 1e-9 ? ` Keeping every flow at or above zero moves the values to χ² = ${fmtNumber(g.chiSquareNonNegative)}.` : '';
  return { text: text + bounded, tone: g.critical === null ? 'muted' : g.passed ? (grossErrors ? 'warn' : 'ok') : 'bad', grossErrors, unobservable: report.unobservable.length };
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
      file: fmtNumber(p.file),
      fitted: p.fitted === null ? '–' : `${fmtNumber(p.fitted)}${p.sd !== null ? ` ± ${fmtNumber(p.sd, 2)}` : ''}`,
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
