import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runFlowsheet, type FlowsheetDoc } from '../../core';
import { registry } from '../../unit-ops';
import { duplicate, fragmentOf, pasteFragment } from './clipboard';
import * as cmd from './commands';
import { setBasis } from './basis';
import { resetParam, restore } from './mode-edits';
import { addMode, deleteMode, renameMode } from './modes';
import type { Command } from './commands';
import { createEditorStore } from './store';
import { leachDoc, recyclePurgeDoc } from './test-helpers';

describe('commands', () => {
  it('adds a unit with the parameters its type requires', () => {
    const store = createEditorStore(registry, recyclePurgeDoc());
    store.execute(cmd.addUnit(registry, 'splitter', { x: 10.4, y: 20 }));
    const u = store.getState().doc.units.splitter;
    expect(u).toEqual({ type: 'splitter', outlets: ['a', 'b'], fractions: { a: 0.5, b: 0.5 }, position: { x: 10, y: 20 } });
    store.execute(cmd.addUnit(registry, 'sx', { x: 0, y: 0 }));
    expect(store.getState().doc.units.sx).toMatchObject({ type: 'sx', stages: 3, oa: 1, extract: {} });
  });

  it('deletes a unit with its streams and its mode entries', () => {
    const store = createEditorStore(registry, leachDoc());
    store.execute(cmd.removeUnits(['leach']));
    const d = store.getState().doc;
    expect(d.units.leach).toBeUndefined();
    expect(Object.keys(d.streams)).toEqual(['s3', 's4']);
    expect(d.modes?.low.units).toEqual({});
  });

  it('renames a unit everywhere it is referenced, keeping key order', () => {
    const store = createEditorStore(registry, leachDoc());
    store.execute(cmd.renameUnit('leach', 'tank1'));
    const d = store.getState().doc;
    expect(Object.keys(d.units)).toEqual(['ore', 'tank1', 'filter', 'residue', 'liquor']);
    expect(d.streams.s1.to).toBe('tank1.in');
    expect(d.streams.s2.from).toBe('tank1.out');
    expect(Object.keys(d.modes!.low.units!)).toEqual(['tank1']);
    expect(runFlowsheet(d, registry).ok).toBe(true);
  });

  it('refuses to rename onto an existing id or an id with a dot', () => {
    const store = createEditorStore(registry, leachDoc());
    expect(store.execute(cmd.renameUnit('leach', 'ore'))).toBe(false);
    expect(store.execute(cmd.renameUnit('leach', 'a.b'))).toBe(false);
  });

  it('duplicates a unit with a fresh id, offset', () => {
    const store = createEditorStore(registry, leachDoc());
    store.execute(duplicate(store.getState().doc, undefined, ['leach'])!);
    const d = store.getState().doc;
    expect(d.units.leach2).toMatchObject({ type: 'reactor', position: { x: 290, y: 40 } });
    expect(d.units.leach2.reactions).toEqual(d.units.leach.reactions);
  });

  it('renames outlets with their streams and fractions', () => {
    const store = createEditorStore(registry, recyclePurgeDoc());
    store.execute(cmd.setOutlets('split', 'outlets', ['back', 'purge']));
    const d = store.getState().doc;
    expect(d.units.split).toMatchObject({ outlets: ['back', 'purge'], fractions: { back: 0.9, purge: 0.1 } });
    expect(d.streams.s3.from).toBe('split.back');
    expect(runFlowsheet(d, registry).ok).toBe(true);
    store.execute(cmd.setOutlets('split', 'outlets', ['back']));
    expect(store.getState().doc.streams.s4).toBeUndefined();
  });

  it('merges typing in one field into one undo step, and a drag is one step', () => {
    const store = createEditorStore(registry, recyclePurgeDoc());
    const start = store.getState().doc;
    for (const f of [0.5, 0.55, 0.555]) store.execute(cmd.setParam('split', 'fractions', { recycle: f, purge: 1 - f }));
    store.execute(cmd.moveUnits({ mix: { x: 5, y: 5 }, split: { x: 100, y: 5 } }));
    expect(store.getState().history.past.length).toBe(2);
    store.undo();
    store.undo();
    expect(store.getState().doc).toEqual(start);
  });

  it('keeps at least 100 undo steps', () => {
    const store = createEditorStore(registry, recyclePurgeDoc());
    const start = store.getState().doc;
    for (let i = 0; i < 150; i++) store.execute(cmd.moveUnits({ mix: { x: i, y: i } }));
    for (let i = 0; i < 150; i++) store.undo();
    expect(store.getState().doc).toEqual(start);
  });

  it('opening a file is one undoable step; a bad file is refused and the plant kept', () => {
    const store = createEditorStore(registry, recyclePurgeDoc());
    const start = store.getState().doc;
    expect(store.open('{"format": "flexsheet/1", "name": 3')).toBe(false);
    expect(store.getState().fileError?.diagnostics[0].message).toMatch(/not valid JSON/);
    expect(store.getState().doc).toBe(start);
    expect(store.open(JSON.stringify({ ...leachDoc(), units: { x: { type: 'nope' } } }))).toBe(false);
    expect(store.getState().fileError?.diagnostics[0].message).toMatch(/type "nope" does not exist/);
    expect(store.open(JSON.stringify(leachDoc()))).toBe(true);
    expect(store.getState().doc.name).toBe('Leach test');
    store.undo();
    expect(store.getState().doc).toEqual(start);
  });
});

type Ids = { units: string[]; streams: string[]; doc: FlowsheetDoc };

/** Ids that are members of Object.prototype: they must behave like any other id (issue 10). */
const PROTO_NAMES = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty'];

/** Commands built from random choices over the ids of a plant, valid or not. */
function commandArb(): fc.Arbitrary<(ids: Ids) => Command> {
  const pick = (xs: string[], i: number) => (xs.length ? xs[i % xs.length] : 'none');
  const n = fc.nat(50);
  const name = fc.constantFrom('a', 'b', 'x1', 'leach', 'mix', 'p q', 'purge', ...PROTO_NAMES);
  const mode = fc.constantFrom(undefined, 'low', ...PROTO_NAMES);
  const point = fc.record({ x: fc.integer({ min: -500, max: 500 }), y: fc.integer({ min: -500, max: 500 }) });
  return fc.oneof(
    fc.tuple(fc.constantFrom(...registry.keys()), point).map(([t, p]) => () => cmd.addUnit(registry, t, p)),
    n.map((i) => (ids: Ids) => cmd.removeUnits([pick(ids.units, i)])),
    n.map((i) => (ids: Ids) => cmd.removeStreams([pick(ids.streams, i)])),
    fc.tuple(n, name).map(([i, to]) => (ids: Ids) => cmd.renameUnit(pick(ids.units, i), to)),
    fc.tuple(n, name).map(([i, l]) => (ids: Ids) => cmd.setLabel(pick(ids.units, i), l)),
    fc.tuple(n, mode).map(([i, m]) => (ids: Ids) => duplicate(ids.doc, m, [pick(ids.units, i)]) ?? cmd.setPlantName('x')),
    fc.tuple(n, mode, point).map(([i, m, p]) => (ids: Ids) => {
      const f = fragmentOf(ids.doc, m, ids.units.slice(0, 1 + (i % 3)));
      return f ? pasteFragment(f, p, m) : cmd.setPlantName('y');
    }),
    fc.tuple(fc.constantFrom(...registry.keys()), point, mode, name).map(([t, p, m, id]) => () => cmd.addUnit(registry, t, p, id, m)),
    fc.tuple(n, mode).map(([i, m]) => (ids: Ids) => cmd.removeSelection([pick(ids.units, i)], [pick(ids.streams, i)], m)),
    fc.tuple(n, mode, fc.double({ min: 0, max: 5, noNaN: true })).map(([i, m, v]) => (ids: Ids) => cmd.setParam(pick(ids.units, i), 'flows', { 'CuO(s)': v, 'H2O(l)': 1 }, m)),
    fc.tuple(n, mode, name).map(([i, m, l]) => (ids: Ids) => cmd.setLabel(pick(ids.units, i), l, m)),
    fc.tuple(n, mode).map(([i, m]) => (ids: Ids) => resetParam(m ?? 'low', pick(ids.units, i), 'flows')),
    fc.tuple(n, mode).map(([i, m]) => (ids: Ids) => restore(m ?? 'low', pick(ids.units, i))),
    fc.tuple(n, n, mode).map(([i, j, m]) => (ids: Ids) => cmd.connect({ unit: pick(ids.units, i), port: 'out' }, { unit: pick(ids.units, j), port: 'in' }, undefined, m)),
    fc.tuple(n, point, mode).map(([i, p, m]) => (ids: Ids) => cmd.moveUnits({ [pick(ids.units, i)]: p }, 'move', m)),
    fc.tuple(name, fc.option(fc.constantFrom('low', ...PROTO_NAMES), { nil: undefined })).map(([m, from]) => () => addMode(m, from)),
    fc.tuple(mode, name).map(([m, to]) => () => renameMode(m ?? 'low', to)),
    mode.map((m) => () => deleteMode(m ?? 'low')),
    fc.constantFrom('t/h', 'kmol/h', 'kg/h', 'mol/s' as const).map((b) => () => setBasis(b, registry, true)),
    fc.constantFrom(...PROTO_NAMES).map((sp) => () => cmd.addSpecies(sp)),
    fc.tuple(n, point).map(([i, p]) => (ids: Ids) => cmd.moveUnits({ [pick(ids.units, i)]: p })),
    fc.tuple(n, n).map(([i, j]) => (ids: Ids) => cmd.connect({ unit: pick(ids.units, i), port: 'out' }, { unit: pick(ids.units, j), port: 'in' })),
    fc.tuple(n, fc.double({ min: 0, max: 1, noNaN: true })).map(([i, f]) => (ids: Ids) => cmd.setParam(pick(ids.units, i), 'fractions', { recycle: f, purge: 1 - f })),
    fc.tuple(n, fc.array(name, { minLength: 1, maxLength: 3 })).map(([i, names]) => (ids: Ids) => cmd.setOutlets(pick(ids.units, i), 'outlets', [...new Set(names)])),
    fc.tuple(n, name).map(([i, to]) => (ids: Ids) => cmd.renameStream(pick(ids.streams, i), to)),
    fc.constantFrom('Fe(s)', 'NaCl(aq)', 'O2(g)').map((s) => () => cmd.addSpecies(s)),
    fc.constant(() => cmd.setPlantName('renamed')),
    fc.constant(() => cmd.replaceDocument(leachDoc())),
  );
}

describe('undo', () => {
  it('any sequence of commands followed by as many undos returns the starting document (and redo replays it)', () => {
    fc.assert(
      fc.property(fc.constantFrom(recyclePurgeDoc, leachDoc), fc.array(commandArb(), { maxLength: 40 }), (make, builders) => {
        const store = createEditorStore(registry, make());
        const start = structuredClone(store.getState().doc);
        for (const build of builders) {
          const d = store.getState().doc;
          store.execute(build({ units: Object.keys(d.units), streams: Object.keys(d.streams), doc: d }));
        }
        const end = structuredClone(store.getState().doc);
        for (let i = 0; i < builders.length; i++) store.undo();
        expect(store.getState().doc).toEqual(start);
        for (let i = 0; i < builders.length; i++) store.redo();
        expect(store.getState().doc).toEqual(end);
      }),
      { numRuns: Number(process.env.FS_RUNS ?? 300) },
    );
  });
});
