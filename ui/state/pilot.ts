/**
 * Pilot data: a CSV of measurements loaded into the editor, reconciled against the plant (in a
 * background worker, latest wins: an outdated reconciliation is stopped), and shown as measured
 * against reconciled values in the "Pilot data" tab and as badges on the diagram. The data never
 * touch the document: a bad file leaves the plant as it was and says what is wrong (line, column).
 * The request/reply types are the worker protocol's "reconcile" message.
 */
import { formatNumber } from '../../core/format';
import type { FlowsheetDoc } from '../../core';
import type { ReconciledRun } from '../../core/reconcile';
import { sameForSolver } from './doc';
import { mainSolveSettled } from './economics';
import { connectJob, type JobOptions } from './jobs';
import type { EditorState, EditorStore } from './store';

export interface PilotOptions {
  /** Balances of reacting units: element balances, or the declared stoichiometry. */
  balances: 'element' | 'species';
  /** Significance level of the tests. */
  alpha: number;
  /** Take flagged gross errors out and reconcile again. */
  eliminate: boolean;
  /** Fit unit parameters to the reconciled flows. */
  fit: boolean;
}

export const DEFAULT_PILOT_OPTIONS: PilotOptions = Object.freeze({ balances: 'element', alpha: 0.05, eliminate: true, fit: true });

interface PilotData {
  text: string;
  fileName: string;
  /** Increases with every file loaded. */
  id: number;
}

/** One reconciled run as it crosses from the worker (the reconciliation itself, with the compiled plant, stays there). */
export type PilotRun = Pick<ReconciledRun, 'run' | 'report' | 'fits'>;

export interface ReconcileRequest {
  id: number;
  doc: FlowsheetDoc;
  mode: string | undefined;
  csv: string;
  fileName: string;
  options: PilotOptions;
  /** The run to reconcile; the first of the data when absent. */
  run: string | undefined;
}

export type ReconcileOutcome =
  | { ok: true; runs: readonly string[]; result: PilotRun }
  /** Problems as lines: "pilot.csv line 7, column 4 (value): "abc" is not a number". */
  | { ok: false; problems: readonly string[]; runs?: readonly string[] };

export interface ReconcileReply {
  id: number;
  outcome: ReconcileOutcome;
  /** Time spent in the worker. */
  ms: number;
}

export interface ReconcilePort {
  /** `onRuns` hears the runs in the data as soon as they are read, before the (slow) reconciliation. */
  reconcile(request: ReconcileRequest, onRuns?: (runs: readonly string[]) => void): Promise<ReconcileReply>;
  /** Stops the reconciliation under way. */
  cancel?(): void;
}

/** What an answer is about. */
export interface PilotKey {
  version: number;
  mode: string | undefined;
  dataId: number;
  options: PilotOptions;
  run: string | undefined;
}

export interface PilotState {
  data?: PilotData;
  options: PilotOptions;
  /** The run chosen (the first of the data until the user picks one). */
  run?: string;
  /** Runs in the data, once read. */
  runs: readonly string[];
  status: 'idle' | 'running' | 'ok' | 'failed';
  /** The last answer. */
  answer?: { key: PilotKey; outcome: ReconcileOutcome; ms: number };
  /** The last reconciliation that worked, of the data loaded now. */
  lastGood?: { key: PilotKey; result: PilotRun };
}

export const INITIAL_PILOT: PilotState = Object.freeze({ options: DEFAULT_PILOT_OPTIONS, runs: Object.freeze([]) as readonly string[], status: 'idle' });

export function pilotKey(s: EditorState): PilotKey | undefined {
  const p = s.pilot;
  if (!p.data) return undefined;
  return { version: s.version, mode: s.mode, dataId: p.data.id, options: p.options, run: p.run };
}

const sameOptions = (a: PilotOptions, b: PilotOptions) => a === b || (a.balances === b.balances && a.alpha === b.alpha && a.eliminate === b.eliminate && a.fit === b.fit);

export function sameKey(a: PilotKey, b: PilotKey): boolean {
  return a.version === b.version && a.mode === b.mode && a.dataId === b.dataId && a.run === b.run && sameOptions(a.options, b.options);
}

// --- transitions (the store applies them) ---

export function loadData(p: PilotState, text: string, fileName: string, id: number): PilotState {
  return { options: p.options, data: { text, fileName, id }, runs: INITIAL_PILOT.runs, status: 'idle' };
}

export function clearData(p: PilotState): PilotState {
  return { ...INITIAL_PILOT, options: p.options };
}

export function setOptions(p: PilotState, options: Partial<PilotOptions>): PilotState {
  const next = { ...p.options, ...options };
  return sameOptions(next, p.options) ? p : { ...p, options: next };
}

export function setRun(p: PilotState, run: string | undefined): PilotState {
  return run === p.run ? p : { ...p, run };
}

export function started(p: PilotState, key: PilotKey): PilotState {
  return p.data?.id === key.dataId ? { ...p, status: 'running' } : p;
}

export function heardRuns(p: PilotState, key: PilotKey, runs: readonly string[]): PilotState {
  if (p.data?.id !== key.dataId || (runs.length === p.runs.length && runs.every((r, i) => r === p.runs[i]))) return p;
  return { ...p, runs };
}

export function finished(p: PilotState, key: PilotKey, outcome: ReconcileOutcome, ms: number): PilotState {
  // Answers about data since replaced are of no use.
  if (p.data?.id !== key.dataId) return p;
  if (p.answer && key.version < p.answer.key.version) return p;
  const runs = outcome.runs ?? p.runs;
  const good = outcome.ok && (!p.lastGood || key.version >= p.lastGood.key.version) ? { key, result: outcome.result } : p.lastGood;
  // The first run of the data is the one chosen until the user picks another.
  const run = p.run === undefined && outcome.ok ? outcome.result.run : p.run;
  return { ...p, runs, run, status: outcome.ok ? 'ok' : 'failed', answer: { key, outcome, ms }, lastGood: good };
}

// --- views ---

export interface PilotView {
  data?: PilotData;
  options: PilotOptions;
  runs: readonly string[];
  run?: string;
  busy: boolean;
  /** Problems of the last answer (the data, the plant). */
  problems?: readonly string[];
  /** The reconciliation to show: the latest that worked for the data loaded. */
  result?: PilotRun;
  /** The result shown is not about the plant, mode, options or run as they are now. */
  stale: boolean;
  ms?: number;
}

export function pilotView(s: EditorState): PilotView {
  const p = s.pilot;
  const key = pilotKey(s);
  const answer = p.answer;
  return {
    data: p.data,
    options: p.options,
    runs: p.runs,
    run: p.run,
    busy: p.status === 'running',
    problems: answer && !answer.outcome.ok ? answer.outcome.problems : undefined,
    result: p.lastGood?.result,
    stale: !!p.lastGood && (!key || !sameKey(p.lastGood.key, key)),
    ms: answer?.ms,
  };
}

type Tone = 'ok' | 'warn' | 'bad' | 'muted';

/** A badge on a measured stream (or a unit, for measured reagent doses): the largest adjustment, gross errors in red. */
export interface PilotBadge {
  text: string;
  tone: Tone;
  /** Every measurement, one a line: measured → reconciled, adjustment, status. */
  title: string;
  grossErrors: number;
}

export interface PilotBadges {
  streams: ReadonlyMap<string, PilotBadge>;
  units: ReadonlyMap<string, PilotBadge>;
}

const NO_BADGES: PilotBadges = Object.freeze({ streams: new Map(), units: new Map() });

type MeasurementReport = PilotRun['report']['measurements'][number];

const sig = (x: number) => formatNumber(x);

/** reconciled − measured, relative to the measured value: "+2.1 %", "−18 %". */
export function relativeAdjustment(m: Pick<MeasurementReport, 'measured' | 'reconciled'>): string {
  if (m.reconciled === null) return '?';
  if (m.measured === 0) return m.reconciled === 0 ? '0 %' : `${m.reconciled > 0 ? '+' : '−'}${sig(Math.abs(m.reconciled))}`;
  const r = ((m.reconciled - m.measured) / Math.abs(m.measured)) * 100;
  const a = Math.abs(r);
  const text = a >= 9.95 ? a.toFixed(0) : a >= 0.005 ? a.toFixed(1) : '0.0';
  return `${text === '0.0' ? '±' : r > 0 ? '+' : '−'}${text} %`;
}

function measurementLine(m: MeasurementReport): string {
  const rec = m.reconciled === null ? 'not determined' : `${sig(m.reconciled)}${m.reconciledSd !== null ? ` ± ${sig(m.reconciledSd)}` : ''}`;
  const sd = m.standardized === null ? '' : `, ${m.standardized >= 0 ? '+' : '−'}${Math.abs(m.standardized).toFixed(1)} sd`;
  return `${m.component} ${m.unit}: measured ${sig(m.measured)} ± ${sig(m.sd)} → reconciled ${rec} (${relativeAdjustment(m)}${sd}) — ${m.status}`;
}

function badgeOf(list: readonly MeasurementReport[]): PilotBadge {
  const gross = list.filter((m) => m.status === 'gross error');
  const suspect = list.filter((m) => m.status === 'suspect');
  const magnitude = (m: MeasurementReport) => (m.grossError ? 1e9 + m.grossError.test : Math.abs(m.standardized ?? 0));
  const head = [...list].sort((a, b) => magnitude(b) - magnitude(a))[0];
  const tone: Tone = gross.length ? 'bad' : suspect.length ? 'warn' : list.every((m) => m.status === 'not redundant') ? 'muted' : 'ok';
  const icon = gross.length ? '✖' : suspect.length ? '!' : '⚖';
  const more = list.length > 1 ? ` (${list.length})` : '';
  return {
    text: `${icon} ${head.component} ${relativeAdjustment(head)}${more}`,
    tone,
    title: `${gross.length ? `${gross.length} gross error${gross.length > 1 ? 's' : ''}\n` : ''}${list.map(measurementLine).join('\n')}`,
    grossErrors: gross.length,
  };
}

/** Badges per measured stream, and per unit for measured reagent doses (`reagent:UNIT`). */
export function pilotBadges(result: PilotRun | undefined): PilotBadges {
  if (!result) return NO_BADGES;
  const streams = new Map<string, MeasurementReport[]>();
  const units = new Map<string, MeasurementReport[]>();
  for (const m of result.report.measurements) {
    const [map, id] = m.stream.startsWith('reagent:') ? [units, m.stream.slice('reagent:'.length)] : [streams, m.stream];
    const list = map.get(id);
    if (list) list.push(m);
    else map.set(id, [m]);
  }
  const badges = (m: Map<string, MeasurementReport[]>) => new Map([...m].map(([id, list]) => [id, badgeOf(list)]));
  return { streams: badges(streams), units: badges(units) };
}

// --- the controller ---

interface Want {
  key: PilotKey;
  doc: FlowsheetDoc;
  data: PilotData;
}

/**
 * Reconciles the loaded data whenever the plant, mode, data, options or chosen run change: after
 * the main solve has answered, debounced, latest wins (an outdated reconciliation is stopped when
 * the port can stop it).
 */
export function connectPilot(store: EditorStore, port: ReconcilePort, options: JobOptions = {}): () => void {
  let nextId = 1;
  return connectJob<Want, ReconcileReply>(
    store,
    {
      want: (s) => {
        const key = pilotKey(s);
        return key && s.pilot.data ? { key, doc: s.doc, data: s.pilot.data } : undefined;
      },
      same: (a, b) => sameKey(a.key, b.key),
      // Only the layout changed, or the run now named is the one the data's first run resolved to.
      reuse: (last, req) =>
        last.req.key.mode === req.key.mode &&
        last.req.key.dataId === req.key.dataId &&
        sameOptions(last.req.key.options, req.key.options) &&
        (last.req.key.run === req.key.run || (last.reply.outcome.ok && last.reply.outcome.result.run === req.key.run)) &&
        sameForSolver(last.req.doc, req.doc, ['economics']),
      ready: mainSolveSettled,
      run: (req) =>
        port.reconcile(
          { id: nextId++, doc: req.doc, mode: req.key.mode, csv: req.data.text, fileName: req.data.fileName, options: req.key.options, run: req.key.run },
          (runs) => store.pilotRuns(req.key, runs),
        ),
      cancel: port.cancel && (() => port.cancel!()),
      fail: (_req, e) => ({ id: 0, outcome: { ok: false, problems: [`the reconciliation failed: ${e instanceof Error ? e.message : String(e)}`] }, ms: 0 }),
      started: (req) => store.pilotStarted(req.key),
      finished: (req, reply) => store.pilotFinished(req.key, reply.outcome, reply.ms),
    },
    { debounceMs: 150, ...options },
  );
}
