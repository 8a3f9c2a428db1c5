/**
 * Modes in the editor: the plant of a mode (merged units, its routing, diffs), edits that change
 * the selected mode only (undo restores it), the merge patch written for an edit, and modes
 * created, copied, renamed and deleted with the economics names that follow them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergePatch, runFlowsheet, type FlowsheetDoc } from '../../core';
import { registry } from '../../unit-ops';
import * as cmd from './commands';
import { modeDifferences } from './compare';
import { diffPatch, SAME } from './merge-diff';
import { resetParam, restore } from './mode-edits';
import { addMode, checkModeName, deleteMode, renameMode } from './modes';
import { plantView } from './plant';
import { createEditorStore } from './store';
import { leachDoc } from './test-helpers';

const root = join(import.meta.dirname, '..', '..');
const dualFeed = (): FlowsheetDoc => JSON.parse(readFileSync(join(root, 'flowsheets/dual-feed.json'), 'utf8'));
const twoModes = (): FlowsheetDoc => JSON.parse(readFileSync(join(root, 'tests/fixtures/economics-two-mode.json'), 'utf8'));
const flowsOf = (doc: FlowsheetDoc, id: string) => doc.units[id].flows as Record<string, number>;

describe('the merge patch of an edit', () => {
  it('is the smallest patch that turns the base into the target', () => {
    const base = { type: 'feed', flows: { a: 1, b: 2 }, label: 'Ore' };
    expect(diffPatch(base, base)).toBe(SAME);
    expect(diffPatch(base, { ...base, flows: { a: 1, b: 3 } })).toEqual({ flows: { b: 3 } });
    expect(diffPatch(base, { type: 'feed', flows: { a: 1 } })).toEqual({ flows: { b: null }, label: null });
    expect(diffPatch({ r: [1, 2] }, { r: [1, 3] })).toEqual({ r: [1, 3] });
    for (const target of [{ type: 'feed', flows: { c: 4 } }, { type: 'feed', flows: { a: 1, b: 2 }, label: 'Ore', price: 3 }]) {
      expect(mergePatch(base, diffPatch(base, target))).toEqual(target);
    }
  });
});

describe('the plant of a mode', () => {
  it('draws the dual-feed plant of mode "magnet": its own units and routing, none of the units it takes out', () => {
    const doc = dualFeed();
    const magnet = plantView(doc, 'magnet');
    const patches = doc.modes!.magnet.units!;
    const out = Object.keys(patches).filter((id) => patches[id] === null);
    const own = Object.keys(patches).filter((id) => patches[id] !== null && !(id in doc.units));
    expect(own).toEqual(['roaster', 'offgas_cooler', 'calciner', 'oxalate_destruction', 'scrubber_water', 'gas_scrubber', 'scrubber_split', 'iron_residue', 'iron_cake', 're_oxide']);
    expect([...magnet.added]).toEqual(own);
    expect([...magnet.idle]).toEqual(out);
    for (const id of own) expect(magnet.units[id]).toBeDefined();
    for (const id of out) expect(magnet.units[id]).toBeUndefined();
    expect(Object.keys(magnet.streams)).toEqual(Object.keys(doc.modes!.magnet.streams!));
    // The plant drawn is the plant solved: the same units and streams as the solver's results.
    const r = runFlowsheet(doc, registry, { mode: 'magnet' });
    if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
    expect(Object.keys(r.results.streams).sort()).toEqual(Object.keys(magnet.streams).sort());
    expect(Object.keys(r.results.recovery).sort()).toEqual(Object.keys(magnet.units).filter((id) => magnet.units[id].type === 'product').sort());
    expect(magnet.units.feedstock.label).toBe(patches.feedstock!.label);
    expect(magnet.changed.get('feedstock')).toEqual(['label', 'flows', 'notes']);
    expect(magnet.rewired.has('scrap')).toBe(true);
    expect(plantView(doc, 'magnet')).toBe(magnet);
  });
});

describe('edits in a mode', () => {
  it('change that mode only, keep the base value beside the override, and undo restores it', () => {
    const store = createEditorStore(registry, twoModes(), { mode: 'zinc' });
    const before = store.getState().doc;
    const zinc = () => plantView(store.getState().doc, 'zinc').units.ore.flows as Record<string, number>;
    expect(zinc()).toEqual({ 'SiO2(s)': 1, 'ZnO(s)': 1 });
    store.execute(cmd.setParam('ore', 'flows', { 'SiO2(s)': 2, 'ZnO(s)': 1 }, 'zinc'));
    const after = store.getState().doc;
    expect(after.units.ore).toBe(before.units.ore);
    expect(flowsOf(after, 'ore')).toEqual({ 'CuO(s)': 1, 'SiO2(s)': 1 });
    expect(after.modes!.zinc.units!.ore).toEqual({ flows: { 'CuO(s)': null, 'ZnO(s)': 1, 'SiO2(s)': 2 } });
    expect(zinc()).toEqual({ 'SiO2(s)': 2, 'ZnO(s)': 1 });
    expect(after.modes!.copper).toEqual(before.modes!.copper);
    const r = runFlowsheet(after, registry, { mode: 'zinc' });
    // The fixture's basis is kmol/h: 2 kmol/h of SiO2 at (28.085 + 2 × 15.999) kg/kmol (IUPAC abridged weights).
    expect(r.ok && r.results.streams.s1.massFlow['SiO2(s)']).toBeCloseTo(2 * (28.085 + 2 * 15.999), 3);
    store.undo();
    expect(store.getState().doc).toEqual(before);
  });

  it('setting the base value back removes the override; reset does too', () => {
    const store = createEditorStore(registry, leachDoc());
    store.execute(cmd.setLabel('leach', 'Tank', 'low'));
    expect(store.getState().doc.modes!.low.units!.leach).toMatchObject({ label: 'Tank' });
    store.execute(cmd.setLabel('leach', '', 'low'));
    expect(store.getState().doc.modes!.low.units!.leach).not.toHaveProperty('label');
    store.execute(resetParam('low', 'leach', 'reactions'));
    expect(store.getState().doc.modes!.low.units).toEqual({});
  });

  it('adds a unit to the mode only, takes a base unit out of service and back, rewires the mode only', () => {
    const store = createEditorStore(registry, leachDoc(), { mode: 'low' });
    const base = store.getState().doc;
    store.execute(cmd.addUnit(registry, 'product', { x: 900, y: 0 }, 'spare', 'low'));
    store.execute(cmd.removeSelection(['liquor'], [], 'low'));
    store.execute(cmd.connect({ unit: 'filter', port: 'pls' }, { unit: 'spare', port: 'in' }, undefined, 'low'));
    let doc = store.getState().doc;
    expect(doc.units).toEqual(base.units);
    expect(doc.streams).toEqual(base.streams);
    const low = plantView(doc, 'low');
    expect([...low.added]).toEqual(['spare']);
    expect(low.idle).toEqual(['liquor']);
    expect(Object.values(low.streams)).toContainEqual({ from: 'filter.pls', to: 'spare.in' });
    expect(Object.keys(low.streams)).not.toContain('s4');
    const r = runFlowsheet(doc, registry, { mode: 'low' });
    expect(r.ok && Object.keys(r.results.recovery).sort()).toEqual(['residue', 'spare']);
    store.execute(restore('low', 'liquor'));
    doc = store.getState().doc;
    expect(plantView(doc, 'low').idle).toEqual([]);
    // Moving in a mode is the mode's own layout.
    store.execute(cmd.moveUnits({ ore: { x: 5, y: 6 } }, 'move', 'low'));
    expect(store.getState().doc.units.ore.position).toEqual({ x: 0, y: 0 });
    expect(plantView(store.getState().doc, 'low').units.ore.position).toEqual({ x: 5, y: 6 });
    expect(plantView(store.getState().doc, 'low').changed.has('ore')).toBe(false);
    for (let i = 0; i < 5; i++) store.undo();
    expect(store.getState().doc).toEqual(base);
  });

  it('keeps the selection to what the plant of the mode has', () => {
    const store = createEditorStore(registry, dualFeed());
    store.select({ units: ['sx_mn', 'leach'], streams: [] });
    store.setMode('magnet');
    expect(store.getState().selection.units).toEqual(['leach']);
    store.select({ units: ['roaster'], streams: ['scrap'] });
    expect(store.getState().selection).toEqual({ units: ['roaster'], streams: ['scrap'] });
  });
});

describe('creating, renaming and deleting modes', () => {
  it('creates a mode, copies one, renames it with its economics and service tags, deletes it', () => {
    const store = createEditorStore(registry, twoModes());
    expect(checkModeName(store.getState().doc, 'zinc')).toMatch(/already exists/);
    expect(checkModeName(store.getState().doc, 'base')).toMatch(/base/);
    store.execute(addMode('nickel'));
    expect(store.getState().mode).toBe('nickel');
    expect(runFlowsheet(store.getState().doc, registry, { mode: 'nickel' }).ok).toBe(true);
    store.execute(addMode('zinc-2', 'zinc'));
    let doc = store.getState().doc;
    expect(doc.modes!['zinc-2'].units).toEqual(doc.modes!.zinc.units);
    const e = doc.economics as { modes: Record<string, unknown> };
    expect(e.modes['zinc-2']).toEqual(e.modes.zinc);
    store.execute(renameMode('zinc', 'zinc oxide'));
    doc = store.getState().doc;
    expect(store.getState().mode).toBe('zinc oxide');
    expect(Object.keys(doc.modes!)).toEqual(['copper', 'zinc oxide', 'nickel', 'zinc-2']);
    expect(Object.keys((doc.economics as { modes: object }).modes)).toContain('zinc oxide');
    expect(doc.units.ore.equipment).toMatchObject({ service: ['copper', 'zinc oxide'] });
    expect(runFlowsheet(doc, registry, { mode: 'zinc oxide' }).ok).toBe(true);
    store.execute(deleteMode('zinc-2'));
    expect(Object.keys(store.getState().doc.modes!)).toEqual(['copper', 'zinc oxide', 'nickel']);
  });

  it('says what differs between two modes', () => {
    const d = modeDifferences(dualFeed(), 'black-mass', 'magnet');
    expect(d.units.find((u) => u.unit === 'roaster')?.kind).toBe('only-b');
    expect(d.units.find((u) => u.unit === 'sx_mn')?.kind).toBe('idle-b');
    const feed = d.units.find((u) => u.unit === 'feedstock')!;
    expect(feed.kind).toBe('changed');
    expect(feed.params.map((p) => p.name)).toEqual(expect.arrayContaining(['label', 'flows']));
    expect(d.streams.some((s) => s.stream === 'scrap' && !s.a && s.b)).toBe(true);
  });
});
