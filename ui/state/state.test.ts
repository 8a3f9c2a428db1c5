import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runFlowsheet, type FlowsheetDoc } from '../../core';
import { registry } from '../../unit-ops';
import { autoLayout } from '../layout/auto-layout';
import * as cmd from './commands';
import { mapDiagnostics, pathSegments } from './diagnostics-map';
import { diagramSvg } from './export-svg';
import { fromMassComposition, toMassComposition } from './feed';
import { readFlowsheet, serialize } from './file';
import { connectSolver, type SolverPort } from './solve-controller';
import { createEditorStore } from './store';
import { leachDoc, recyclePurgeDoc } from './test-helpers';
import { checkConnection, checkEquation, checkNumber, describeBounds, speciesInfo } from './validate';

const solved = (doc: FlowsheetDoc, mode?: string) => {
  const r = runFlowsheet(doc, registry, mode ? { mode } : {});
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.results;
};

describe('validation as the user types', () => {
  it('checks numbers against declared bounds', () => {
    expect(checkNumber({ kind: 'number', min: 0, max: 1 }, '0.5')).toEqual({ value: 0.5 });
    expect(checkNumber({ kind: 'number', min: 0, max: 1 }, '1.5').error).toBe('must be ≤ 1');
    expect(checkNumber({ kind: 'number', min: 0, exclusiveMin: true }, '0').error).toBe('must be > 0');
    expect(checkNumber({ kind: 'integer', min: 1 }, '2.5').error).toBe('must be a whole number');
    expect(checkNumber({ kind: 'number' }, 'abc').error).toMatch(/not a number/);
    expect(describeBounds({ min: 1, max: 50 })).toBe('[1, 50]');
    expect(describeBounds({ min: 0, exclusiveMin: true })).toBe('> 0');
  });

  it('checks connections: one stream per outlet, single inlets, phases, recycles allowed', () => {
    const doc = recyclePurgeDoc();
    expect(checkConnection(doc, registry, { unit: 'split', port: 'recycle' }, { unit: 'bleed', port: 'in' })).toMatch(/already carries stream "s3"/);
    expect(checkConnection(doc, registry, { unit: 'mix', port: 'out' }, { unit: 'split', port: 'in' }, 's2')).toBeUndefined();
    doc.units.extra = { type: 'feed', flows: {} };
    expect(checkConnection(doc, registry, { unit: 'extra', port: 'out' }, { unit: 'split', port: 'in' })).toMatch(/takes one stream/);
    expect(checkConnection(doc, registry, { unit: 'extra', port: 'out' }, { unit: 'mix', port: 'in' })).toBeUndefined();
    expect(checkConnection(doc, registry, { unit: 'fresh', port: 'in' }, { unit: 'mix', port: 'in' })).toMatch(/no outlet "in"/);
    const withSx = structuredClone(doc);
    withSx.units.x = { type: 'sx', stages: 2, oa: 1, extract: {} };
    withSx.units.y = { type: 'sx', stages: 2, oa: 1, extract: {} };
    expect(checkConnection(withSx, registry, { unit: 'x', port: 'aqOut' }, { unit: 'y', port: 'orgIn' })).toMatch(/phase mismatch/);
    expect(checkConnection(withSx, registry, { unit: 'x', port: 'aqOut' }, { unit: 'y', port: 'aqIn' })).toBeUndefined();
    // A recycle back into the same unit is allowed.
    expect(checkConnection(withSx, registry, { unit: 'x', port: 'orgOut' }, { unit: 'x', port: 'orgIn' })).toBeUndefined();
  });

  it('finds balance problems in an equation while it is typed', () => {
    const species = speciesInfo(leachDoc());
    expect(checkEquation('CuO(s) + H2SO4(aq) -> CuSO4(aq) + H2O(l)', species)).toEqual({ problems: [], reactants: ['CuO(s)', 'H2SO4(aq)'] });
    const bad = checkEquation('CuO(s) + H2SO4(aq) -> CuSO4(aq)', species);
    expect(bad.problems.join('; ')).toMatch(/H is off by 2/);
    expect(checkEquation('CuO(s) + HCl(aq) -> CuCl2(aq) + H2O(l)', species).problems.join()).toMatch(/not declared/);
    expect(checkEquation('CuO(s) + ', species).problems.length).toBe(1);
  });
});

describe('diagnostics on the diagram', () => {
  it('splits JSON paths', () => {
    expect(pathSegments('units.leach.reactions[0].equation')).toEqual(['units', 'leach', 'reactions', 0, 'equation']);
    expect(pathSegments('units["my unit"].split["phase:s"]')).toEqual(['units', 'my unit', 'split', 'phase:s']);
  });

  it('puts an open port, an unbalanced reaction and a missing unit where they are', () => {
    const doc = leachDoc();
    delete doc.streams.s4;
    doc.units.leach.reactions = [{ equation: 'CuO(s) + H2SO4(aq) -> CuSO4(aq)', key: 'CuO(s)', conversion: 0.9 }];
    doc.streams.s9 = { from: 'ghost.out', to: 'liquor.in' };
    const r = runFlowsheet(doc, registry);
    expect(r.ok).toBe(false);
    const map = mapDiagnostics(r.ok ? [] : r.diagnostics, doc);
    expect(map.ports.get('filter.pls')?.[0].message).toMatch(/not connected/);
    expect(map.units.get('leach')?.some((d) => /off by/.test(d.message))).toBe(true);
    expect(map.streams.get('s9')?.[0].message).toMatch(/"ghost"/);
  });

  it('marks every unit and stream of a loop with no steady state', () => {
    const doc = recyclePurgeDoc();
    doc.units.split.fractions = { recycle: 1, purge: 0 };
    const r = runFlowsheet(doc, registry);
    expect(r.ok).toBe(false);
    const map = mapDiagnostics(r.ok ? [] : r.diagnostics, doc);
    expect([...map.units.keys()].sort()).toEqual(['mix', 'split']);
    expect([...map.streams.keys()].sort()).toEqual(['s2', 's3']);
  });
});

describe('feeds as flows or mass fractions', () => {
  it('round-trips through mass fractions, in a molar basis too', () => {
    const doc = recyclePurgeDoc(); // kmol/h
    const info = speciesInfo(doc);
    const flows = doc.units.fresh.flows as Record<string, number>;
    const c = toMassComposition(flows, 'kmol/h', info);
    expect(c.total).toBeCloseTo(10 * 58.44 + 100 * 18.015, 0);
    expect(c.fractions['NaCl(aq)'] + c.fractions['H2O(l)']).toBeCloseTo(1, 12);
    const back = fromMassComposition(c.fractions, c.total, 'kmol/h', info);
    expect(back['NaCl(aq)']).toBeCloseTo(10, 9);
    expect(back['H2O(l)']).toBeCloseTo(100, 9);
  });
});

describe('files', () => {
  it('reads a good file and refuses bad ones with located messages', () => {
    expect(readFlowsheet(serialize(leachDoc()), registry).ok).toBe(true);
    const r1 = readFlowsheet('{"format":"flexsheet/2"}', registry);
    expect(r1.ok ? '' : r1.diagnostics[0].message).toMatch(/not supported/);
    const r2 = readFlowsheet({ ...leachDoc(), species: { 'Xx(s)': {} } }, registry);
    expect(r2.ok ? '' : r2.diagnostics[0].path).toBe('species["Xx(s)"]');
    const r3 = readFlowsheet({ ...leachDoc(), units: { a: { type: 'splitter', outlets: 'ab' } } }, registry);
    expect(r3.ok ? '' : r3.diagnostics.map((d) => d.path).join()).toMatch(/units\.a/);
    // A plant still being built (open port) is not refused.
    const open = leachDoc();
    delete open.streams.s4;
    expect(readFlowsheet(open, registry).ok).toBe(true);
  });

  it('exports the diagram as SVG with every unit and stream', () => {
    const doc = leachDoc();
    const { svg, width, height } = diagramSvg(doc, registry, { results: solved(doc) });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(width).toBeGreaterThan(700);
    expect(height).toBeGreaterThan(100);
    for (const id of Object.keys(doc.units)) expect(svg).toContain(`>${id}<`);
    expect((svg.match(/marker-end/g) ?? []).length).toBe(4);
  });
});

describe('live solving and autosave', () => {
  const direct: SolverPort = {
    solve: async (req) => ({ id: req.id, outcome: runFlowsheet(req.doc, registry, req.mode ? { mode: req.mode } : {}), solveMs: 0 }),
  };
  // Fake time: the debounce and the answers are exact whatever the machine is doing.
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());
  const tick = (ms = 5) => vi.advanceTimersByTimeAsync(ms);
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const fast = { debounceMs: 1, now: () => Date.now() };

  it('re-solves after changes, keeps the last good results stale while the plant fails, follows the mode', async () => {
    const store = createEditorStore(registry, leachDoc());
    const stop = connectSolver(store, direct, fast);
    await tick(30);
    let s = store.getState();
    expect(s.solve.status).toBe('ok');
    const good = s.solve.lastGood!;
    store.execute(cmd.setParam('leach', 'reactions', [{ equation: 'CuO(s) -> CuSO4(aq)', key: 'CuO(s)', conversion: 1 }]));
    await tick(30);
    s = store.getState();
    expect(s.solve.status).toBe('failed');
    expect(s.solve.lastGood).toBe(good);
    expect(s.solve.lastGood!.version).not.toBe(s.version);
    store.undo();
    await tick(30);
    expect(store.getState().solve.status).toBe('ok');
    store.setMode('low');
    await tick(30);
    s = store.getState();
    expect(s.solve.lastGood!.mode).toBe('low');
    expect(s.solve.lastGood!.results.recovery.liquor.Cu).toBeLessThan(good.results.recovery.liquor.Cu);
    stop();
  });

  it('solves only the latest of several quick changes', async () => {
    let calls = 0;
    const slow: SolverPort = { solve: async (r) => (calls++, await sleep(20), direct.solve(r)) };
    const store = createEditorStore(registry, leachDoc());
    const stop = connectSolver(store, slow, fast);
    await tick(5);
    for (let i = 1; i <= 10; i++) store.execute(cmd.moveUnits({ ore: { x: i, y: 0 } }));
    await tick(120);
    expect(calls).toBeLessThanOrEqual(3);
    expect(store.getState().solve.version).toBe(store.getState().version);
    stop();
  });

  it('amends the last step, so opening and laying out is one undo', () => {
    const store = createEditorStore(registry, recyclePurgeDoc());
    const start = store.getState().doc;
    store.open(leachDoc());
    const v = store.getState().version;
    expect(store.amend(cmd.moveUnits({ ore: { x: 9, y: 9 } }), v - 1)).toBe(false);
    expect(store.amend(cmd.moveUnits({ ore: { x: 9, y: 9 } }), v)).toBe(true);
    expect(store.getState().history.past.length).toBe(1);
    store.undo();
    expect(store.getState().doc).toEqual(start);
  });
});

describe('auto-layout', () => {
  it('places inlets left of outlets along the flow', async () => {
    const doc = leachDoc();
    for (const u of Object.values(doc.units)) delete u.position;
    const p = await autoLayout(doc, registry);
    expect(Object.keys(p).sort()).toEqual(Object.keys(doc.units).sort());
    expect(p.ore.x).toBeLessThan(p.leach.x);
    expect(p.leach.x).toBeLessThan(p.filter.x);
    expect(p.filter.x).toBeLessThan(p.residue.x);
  });
});

describe('opening another plant', () => {
  it('drops the last good results of the plant before, even from a solve still running', () => {
    const store = createEditorStore(registry, leachDoc());
    const v = store.getState().version;
    store.solveFinished({ version: v, mode: undefined, outcome: { ok: true, results: solved(leachDoc()) }, solveMs: 1, roundTripMs: 1 });
    expect(store.getState().solve.lastGood).toBeDefined();
    store.open(recyclePurgeDoc());
    expect(store.getState().solve.lastGood).toBeUndefined();
    store.solveFinished({ version: v, mode: undefined, outcome: { ok: true, results: solved(leachDoc()) }, solveMs: 1, roundTripMs: 1 });
    expect(store.getState().solve.lastGood).toBeUndefined();
  });
});

describe('layout-only changes', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());
  it('do not call the solver again, and the results stay current', async () => {
    let calls = 0;
    const counting: SolverPort = { solve: async (req) => (calls++, { id: req.id, outcome: runFlowsheet(req.doc, registry), solveMs: 0 }) };
    const store = createEditorStore(registry, leachDoc());
    const stop = connectSolver(store, counting, { debounceMs: 1, now: () => Date.now() });
    await vi.advanceTimersByTimeAsync(20);
    expect(calls).toBe(1);
    store.execute(cmd.moveUnits({ ore: { x: 50, y: 50 } }));
    store.execute(cmd.setLabel('ore', 'Run-of-mine ore'));
    await vi.advanceTimersByTimeAsync(20);
    expect(calls).toBe(1);
    expect(store.getState().solve.lastGood!.version).toBe(store.getState().version);
    store.execute(cmd.setParam('leach', 'reagents', {}));
    await vi.advanceTimersByTimeAsync(20);
    expect(calls).toBe(2);
    stop();
  });
});
