/**
 * Background work that follows the editor state: every mode solved for the economics tab, pilot
 * data reconciled; the ports are the worker's own functions called directly. Time is fake
 * (vi.useFakeTimers, and the jobs' clock is the fake Date): the scheduling is exact whatever the
 * machine is doing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runFlowsheet, type FlowsheetDoc, type FlowsheetResults } from '../../core';
import { registry } from '../../unit-ops';
import { solveModesRequest } from '../worker/modes';
import { reconcileRequest } from '../worker/reconcile';
import * as cmd from './commands';
import { connectEconomics, economicsStale, type ModesPort } from './economics';
import { connectPilot, pilotBadges, pilotView, relativeAdjustment, type ReconcilePort, type ReconcileRequest } from './pilot';
import { plantView } from './plant';
import { recoveryTable } from './recovery';
import { streamTable } from './stream-table';
import { speciesInfo } from './validate';
import { connectSolver, type SolverPort } from './solve-controller';
import { createEditorStore } from './store';
import { leachDoc } from './test-helpers';

const root = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const twoModes = (): FlowsheetDoc => JSON.parse(read('tests/fixtures/economics-two-mode.json'));
const leachSx = (): FlowsheetDoc => JSON.parse(read('tests/fixtures/reconcile-leach-sx.json'));
const pilotCsv = read('flowsheets/pilot/leach-sx-pilot.csv');

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

/** Lets fake time pass: timers due fire, and the promises they settle run. */
const tick = (ms = 5) => vi.advanceTimersByTimeAsync(ms);
/** Fake time passes 1 ms at a time until `what` holds (at most 10 s of fake time). */
const until = async (what: () => boolean, ms = 10_000) => {
  for (let t = 0; !what(); t++) {
    if (t > ms) throw new Error('never happened');
    await tick(1);
  }
};
/** A port that takes fake time to answer. */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The jobs read the (fake) clock. */
const fast = { debounceMs: 1, now: () => Date.now() };

const direct: SolverPort = { solve: async (req) => ({ id: req.id, outcome: runFlowsheet(req.doc, registry, req.mode ? { mode: req.mode } : {}), solveMs: 0 }) };


/** The main solve, plus the port under test; everything stops at the end. */
function editor(doc: FlowsheetDoc) {
  const store = createEditorStore(registry, doc);
  const stops = [connectSolver(store, direct, fast)];
  return { store, stops, stop: () => stops.forEach((s) => s()) };
}

describe('economics of every mode (background worker)', () => {
  const modes = () => {
    const calls: unknown[] = [];
    const port: ModesPort = { solveModes: async (req) => (calls.push(req), solveModesRequest(req)) };
    return { calls, port };
  };

  it('solves all modes only while the economics tab is open, after the main solve', async () => {
    const { store, stops, stop } = editor(twoModes());
    const m = modes();
    stops.push(connectEconomics(store, m.port, fast));
    await until(() => store.getState().solve.status === 'ok');
    await tick(20);
    expect(m.calls).toHaveLength(0);
    store.setResultsTab('economics');
    await until(() => store.getState().economics.status === 'ok');
    const a = store.getState().economics.answer!;
    expect(a.outcome.ok).toBe(true);
    if (!a.outcome.ok) return;
    expect(Object.keys(a.outcome.results)).toEqual(['copper', 'zinc']);
    expect(a.outcome.analysis!.modes.map((x) => x.mode)).toEqual(['copper', 'zinc']);
    expect(a.outcome.analysis!.matrix.modes).toEqual(['copper', 'zinc']);
    expect(m.calls).toHaveLength(1);
    stop();
  });

  it('reuses the answer for a layout change, re-solves a parameter change, and the latest of a burst only', async () => {
    const { store, stops, stop } = editor(twoModes());
    let calls = 0;
    const slow: ModesPort = { solveModes: async (req) => (calls++, await sleep(25), solveModesRequest(req)) };
    stops.push(connectEconomics(store, slow, fast));
    store.setResultsTab('economics');
    await until(() => store.getState().economics.status === 'ok');
    expect(calls).toBe(1);
    store.execute(cmd.moveUnits({ ore: { x: 5, y: 5 } }));
    await until(() => !economicsStale(store.getState()) && store.getState().economics.status === 'ok');
    expect(calls).toBe(1);
    expect(store.getState().economics.answer!.roundTripMs).toBe(0);
    const ore = store.getState().doc.units.ore as unknown as { flows: Record<string, number> };
    for (let i = 1; i <= 8; i++) {
      store.execute(cmd.setParam('ore', 'flows', Object.fromEntries(Object.entries(ore.flows).map(([k, v]) => [k, v * (1 + i / 100)]))));
      await tick(3);
    }
    await until(() => store.getState().economics.answer?.version === store.getState().version && store.getState().economics.status === 'ok');
    expect(calls).toBeLessThanOrEqual(4);
    expect(economicsStale(store.getState())).toBe(false);
    stop();
  });

  it('never goes ahead of the main solve', async () => {
    const store = createEditorStore(registry, twoModes());
    let release: () => void = () => {};
    const held: SolverPort = { solve: (req) => new Promise((r) => (release = () => r(direct.solve(req)))) };
    const stopMain = connectSolver(store, held, fast);
    let calls = 0;
    const stopModes = connectEconomics(store, { solveModes: async (req) => (calls++, solveModesRequest(req)) }, fast);
    store.setResultsTab('economics');
    await tick(30);
    expect(calls).toBe(0);
    release();
    await until(() => store.getState().economics.status === 'ok');
    expect(calls).toBe(1);
    stopMain();
    stopModes();
  });

  it('reports a mode that does not solve, naming the mode', () => {
    const doc = twoModes();
    (doc.modes!.zinc as { units?: Record<string, unknown> }).units = { leach: { type: 'nonsense' } };
    const reply = solveModesRequest({ id: 1, doc });
    expect(reply.outcome.ok).toBe(false);
    if (!reply.outcome.ok) expect(reply.outcome.diagnostics.some((d) => d.message.startsWith('in mode "zinc"'))).toBe(true);
  });

  it('forgets the answer when another plant is opened', async () => {
    const { store, stops, stop } = editor(twoModes());
    stops.push(connectEconomics(store, { solveModes: async (req) => solveModesRequest(req) }, fast));
    store.setResultsTab('economics');
    await until(() => store.getState().economics.status === 'ok');
    store.open(leachDoc());
    expect(store.getState().economics.answer).toBeUndefined();
    await until(() => store.getState().economics.status === 'ok');
    const a = store.getState().economics.answer!;
    expect(a.outcome.ok && Object.keys(a.outcome.results)).toEqual(['low']);
    stop();
  });
});

describe('pilot data (background worker)', () => {
  const port = (log: ReconcileRequest[] = []): ReconcilePort => ({
    reconcile: async (req, onRuns) => (log.push(req), reconcileRequest(req, onRuns)),
  });

  it('reconciles the first run, then the run chosen; badges on measured streams, the gross error in red', async () => {
    const { store, stops, stop } = editor(leachSx());
    const log: ReconcileRequest[] = [];
    stops.push(connectPilot(store, port(log), fast));
    const doc = store.getState().doc;
    const version = store.getState().version;
    store.loadPilotData(pilotCsv, 'leach-sx-pilot.csv');
    await until(() => store.getState().pilot.status === 'ok');
    let view = pilotView(store.getState());
    expect(view.runs).toEqual(['A', 'B']);
    expect(view.run).toBe('A');
    expect(view.result!.run).toBe('A');
    expect(view.stale).toBe(false);
    // Naming the run the data's first resolved to reuses the answer.
    await tick(20);
    expect(log).toHaveLength(1);
    // The data never touch the plant.
    expect(store.getState().doc).toBe(doc);
    expect(store.getState().version).toBe(version);
    expect(store.getState().history.past).toHaveLength(0);

    let badges = pilotBadges(view.result);
    expect(badges.streams.get('pls')!.tone).toBe('ok');
    expect(badges.units.get('leach')!.text).toMatch(/^⚖ H2O2\(aq\) [+−±]\d/);
    expect([...badges.streams.values()].some((b) => b.tone === 'bad')).toBe(false);

    store.setPilotRun('B');
    await until(() => pilotView(store.getState()).result?.run === 'B');
    view = pilotView(store.getState());
    badges = pilotBadges(view.result);
    const loaded = badges.streams.get('loaded')!;
    expect(loaded.tone).toBe('bad');
    expect(loaded.grossErrors).toBe(1);
    expect(loaded.text).toMatch(/^✖ Co [+−]\d+ %$/);
    expect(loaded.title).toMatch(/gross error/);
    expect(log.map((r) => r.run)).toEqual([undefined, 'B']);
    stop();
  });

  it('says where a bad CSV is wrong (line, column) and keeps the plant', async () => {
    const { store, stops, stop } = editor(leachSx());
    stops.push(connectPilot(store, port(), fast));
    await until(() => store.getState().solve.status === 'ok');
    const before = store.getState();
    store.loadPilotData('run,stream,component,value,unit,sd\nA,pls,Co,abc,g/kg(aq),0.5\nA,nowhere,Co,1,kg/h,0.1\n', 'broken.csv');
    await until(() => store.getState().pilot.status === 'failed');
    const view = pilotView(store.getState());
    expect(view.problems).toEqual([
      'broken.csv line 2, column 4 (value): "abc" is not a number',
      expect.stringMatching(/^broken\.csv line 3, column 2 \(stream\): stream "nowhere" is not in the flowsheet/),
    ]);
    expect(view.result).toBeUndefined();
    expect(pilotBadges(view.result).streams.size).toBe(0);
    expect(store.getState().doc).toBe(before.doc);
    expect(store.getState().version).toBe(before.version);
    // An unterminated quote is a CSV problem with its line.
    store.loadPilotData('stream,component,value,unit,sd\npls,Co,"32,g/kg,1\n', 'quote.csv');
    await until(() => store.getState().pilot.status === 'failed' && pilotView(store.getState()).problems!.some((p) => p.startsWith('quote.csv')));
    expect(pilotView(store.getState()).problems!.join('\n')).toMatch(/quote\.csv line \d+: CSV: /);
    stop();
  });

  it('reconciles again when the plant changes, shows the last result stale meanwhile, and stops an outdated reconciliation', async () => {
    const { store, stops, stop } = editor(leachSx());
    let cancelled = 0;
    let started = 0;
    const slow: ReconcilePort = {
      reconcile: async (req, onRuns) => {
        started++;
        await sleep(40);
        return reconcileRequest(req, onRuns);
      },
      cancel: () => void cancelled++,
    };
    stops.push(connectPilot(store, slow, fast));
    store.loadPilotData(pilotCsv, 'pilot.csv');
    await until(() => store.getState().pilot.status === 'ok');
    const first = pilotView(store.getState()).result;
    store.execute(cmd.setParam('leach', 'reactions', (store.getState().doc.units.leach as unknown as { reactions: unknown[] }).reactions));
    store.setPilotOptions({ alpha: 0.01 });
    await until(() => store.getState().pilot.status === 'running');
    expect(pilotView(store.getState())).toMatchObject({ busy: true, stale: true, result: first });
    // A newer request while one runs: the running one is stopped, not waited for.
    store.setPilotRun('B');
    await until(() => store.getState().pilot.status === 'ok');
    expect(cancelled).toBeGreaterThanOrEqual(1);
    const view = pilotView(store.getState());
    expect(view.stale).toBe(false);
    expect(view.result!.run).toBe('B');
    expect(started).toBeGreaterThanOrEqual(2);
    // Clearing the data clears the badges; the plant stays.
    store.clearPilotData();
    expect(pilotView(store.getState()).result).toBeUndefined();
    stop();
  });

  it('reports a plant that does not solve instead of reconciling', () => {
    const doc = leachSx();
    delete (doc.streams as Record<string, unknown>).raff;
    const reply = reconcileRequest({ id: 1, doc, mode: undefined, csv: pilotCsv, fileName: 'p.csv', options: { balances: 'element', alpha: 0.05, eliminate: true, fit: false }, run: undefined });
    expect(reply.outcome.ok).toBe(false);
    if (!reply.outcome.ok) expect(reply.outcome.problems[0]).toMatch(/plant does not solve/);
  });

  it('formats adjustments relative to the measured value', () => {
    expect(relativeAdjustment({ measured: 100, reconciled: 102.1 })).toBe('+2.1 %');
    expect(relativeAdjustment({ measured: 100, reconciled: 82 })).toBe('−18 %');
    expect(relativeAdjustment({ measured: 100, reconciled: 100 })).toBe('±0.0 %');
    expect(relativeAdjustment({ measured: 5, reconciled: null })).toBe('?');
  });
});

describe('result tables for display', () => {
  const results = (doc: FlowsheetDoc): FlowsheetResults => {
    const r = runFlowsheet(doc, registry);
    if (!r.ok) throw new Error('does not solve');
    return r.results;
  };

  it('keeps a row key while its shown text is the same, and changes it with the text', () => {
    const doc = leachDoc();
    const info = speciesInfo(doc);
    const a = recoveryTable(results(doc), info, doc.units);
    const ore = doc.units.ore as unknown as { flows: Record<string, number> };
    ore.flows['CuO(s)'] *= 1 + 1e-9;
    const b = recoveryTable(results(doc), info, doc.units);
    expect(b.rows.map((r) => r.key)).toEqual(a.rows.map((r) => r.key));
    ore.flows['CuO(s)'] *= 1.2;
    const c = recoveryTable(results(doc), info, doc.units);
    expect(c.rows.find((r) => r.product === 'liquor')!.key).not.toBe(a.rows.find((r) => r.product === 'liquor')!.key);
    const streams = streamTable(results(doc), plantView(doc, undefined).units, ['CuO(s)'], info, { flow: 'kg/h', species: 'kg/h', elements: 'none' });
    expect(streams.rows.map((r) => r.id)).toEqual(['s1', 's2', 's3', 's4']);
    // from, to, total, the properties the results carry, then the species flowing (the one named first).
    expect(streams.rows[0].cells).toHaveLength(streams.columns.length);
    expect(streams.columns.filter((c) => c.group === 'species')).toHaveLength(Object.keys(doc.species).length);
  });
});
