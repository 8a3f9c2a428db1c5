/**
 * Editing habits and building from scratch: a basis change that keeps the plant's kg/h, paste
 * with new ids, new units that work (a separator sends solids to its solids outlet, a reactor asks
 * for its reaction), open ports drained to temporary units so the rest solves, species from a
 * pasted list, search by label, specifications written into the file, economics inputs by path,
 * and a first view in which labels can be read.
 */
import { describe, expect, it } from 'vitest';
import { runFlowsheet, type FlowsheetDoc } from '../../core';
import { registry } from '../../unit-ops';
import { setBasis } from './basis';
import { fragmentOf, fragmentText, pasteFragment, readFragment } from './clipboard';
import * as cmd from './commands';
import { withDrains } from './drains';
import { setEconomics, valueAtPath, withEquipment } from './economics-inputs';
import { readFlowsheet } from './file';
import { unitWarnings } from './lint';
import { plantView } from './plant';
import { search } from './search';
import { actionFor } from './shortcuts';
import { readSpeciesList, speciesCatalog, withPhases } from './species-picker';
import { BUILT_IN } from '../../core/properties';
import { adjustableParams, plantSpecs, setSpec, specsByPlace } from './specs';
import { createEditorStore } from './store';
import { leachDoc, recyclePurgeDoc } from './test-helpers';
import { readableView, READABLE_ZOOM } from './viewport';

const solved = (doc: FlowsheetDoc, mode?: string) => {
  const r = runFlowsheet(doc, registry, mode ? { mode } : {});
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.results;
};
const total = (doc: FlowsheetDoc, stream: string) => solved(doc).streams[stream].totals.mass;

describe('changing the basis', () => {
  it('converts the flows: the plant keeps its kg/h in t/h, kmol/h and mol/s, and back', () => {
    const direct = createEditorStore(registry, leachDoc());
    direct.execute(setBasis('t/h', registry, true));
    // 100 kg/h of CuO is 0.1 t/h.
    expect(direct.getState().doc.units.ore.flows).toEqual({ 'CuO(s)': 0.1, 'SiO2(s)': 0.9, 'H2O(l)': 1 });
    const store = createEditorStore(registry, leachDoc());
    const before = total(store.getState().doc, 's4');
    for (const b of ['t/h', 'kmol/h', 'mol/s', 'kg/h'] as const) {
      store.execute(setBasis(b, registry, true));
      expect(store.getState().doc.basis).toBe(b);
      expect(total(store.getState().doc, 's4')).toBeCloseTo(before, 6);
    }
  });

  it('keeps the numbers only when asked: the plant is then 1,000 times bigger', () => {
    const doc = leachDoc();
    const store = createEditorStore(registry, doc);
    store.execute(setBasis('t/h', registry, false));
    expect(total(store.getState().doc, 's1')).toBeCloseTo(1000 * total(doc, 's1'), 6);
  });

  it('converts the flows in mode patches too', () => {
    const doc = leachDoc();
    doc.modes!.low.units!.ore = { flows: { 'CuO(s)': 200 } };
    const store = createEditorStore(registry, doc);
    const before = solved(store.getState().doc, 'low').streams.s1.totals.mass;
    store.execute(setBasis('kmol/h', registry, true));
    expect(solved(store.getState().doc, 'low').streams.s1.totals.mass).toBeCloseTo(before, 6);
  });
});

describe('copy and paste', () => {
  it('pastes a copy with new ids, offset, with the streams between the units; into a mode when one is shown', () => {
    const store = createEditorStore(registry, leachDoc());
    const f = fragmentOf(store.getState().doc, undefined, ['leach', 'filter'])!;
    expect(Object.keys(f.streams)).toEqual(['s2']);
    const back = readFragment(fragmentText(f))!;
    const paste = pasteFragment(back, { x: 40, y: 40 }, undefined);
    store.execute(paste);
    expect(paste.created).toEqual(['leach2', 'filter2']);
    const doc = store.getState().doc;
    expect(doc.units.leach2.position).toEqual({ x: 290, y: 40 });
    expect(Object.values(doc.streams)).toContainEqual({ from: 'leach2.out', to: 'filter2.in' });
    const inMode = pasteFragment(back, { x: 80, y: 80 }, 'low');
    store.execute(inMode);
    expect(Object.keys(store.getState().doc.units)).not.toContain(inMode.created[0]);
    expect([...plantView(store.getState().doc, 'low').added]).toEqual(inMode.created);
    expect(readFragment('not a fragment')).toBeUndefined();
  });
});

describe('new units that work', () => {
  it('a new separator sends solids to its solids outlet; a new reactor says it has no reaction yet', () => {
    const store = createEditorStore(registry, leachDoc());
    store.execute(cmd.addUnit(registry, 'separator', { x: 0, y: 0 }, 'sep'));
    expect(store.getState().doc.units.sep).toMatchObject({ outlets: ['solid', 'liquid'], split: { solid: { 'phase:s': 1 } } });
    store.execute(cmd.addUnit(registry, 'reactor', { x: 0, y: 0 }, 'rx'));
    const rx = store.getState().doc.units.rx;
    expect(unitWarnings(rx, registry.get('reactor'))).toEqual([expect.stringMatching(/^no reaction yet: everything passes through reactor unchanged/)]);
    expect(unitWarnings(store.getState().doc.units.leach, registry.get('reactor'))).toEqual([]);
    // Still a file the editor reads back, and with its ports drained it solves.
    expect(readFlowsheet(store.getState().doc, registry).ok).toBe(true);
    const r = runFlowsheet(withDrains(store.getState().doc, undefined, registry).doc, registry);
    expect(r.ok).toBe(true);
    // Solids to "solid": the ore's 900 kg/h of SiO2 and 100 of CuO leave by it, the water by "liquid".
    const plant = createEditorStore(registry, leachDoc());
    plant.execute(cmd.addUnit(registry, 'separator', { x: 0, y: 0 }, 'sep'));
    plant.execute(cmd.removeUnits(['leach']));
    plant.execute(cmd.connect({ unit: 'ore', port: 'out' }, { unit: 'sep', port: 'in' }, 'x1'));
    const out = solved(withDrains(plant.getState().doc, undefined, registry).doc).streams;
    expect(out['open:sep:solid'].massFlow).toEqual({ 'CuO(s)': 100, 'SiO2(s)': 900 });
    expect(Object.keys(out['open:sep:liquid'].massFlow)).toEqual(['H2O(l)']);
  });
});

describe('open ports while building', () => {
  it('drains an open outlet to a temporary product: the rest of the plant solves, the file is unchanged', () => {
    const doc = leachDoc();
    delete doc.streams.s4;
    expect(runFlowsheet(doc, registry).ok).toBe(false);
    const { doc: solvable, drains } = withDrains(doc, undefined, registry);
    // The filter's outlet drains; the product it fed has nothing coming in.
    expect(drains).toEqual([
      { unit: 'filter', port: 'pls', direction: 'out', temp: 'open:filter:pls', stream: 'open:filter:pls' },
      { unit: 'liquor', port: 'in', direction: 'in', temp: 'open:liquor:in', stream: 'open:liquor:in' },
    ]);
    const r = solved(solvable);
    expect(r.streams['open:filter:pls'].totals.mass).toBeGreaterThan(0);
    expect(doc.streams.s4).toBeUndefined();
    expect(Object.keys(doc.units)).not.toContain('open:filter:pls');
    // A unit just dropped, nothing connected: its inlet takes nothing, its outlet drains.
    const store = createEditorStore(registry, leachDoc());
    store.execute(cmd.addUnit(registry, 'mixer', { x: 0, y: 0 }, 'm'));
    const w = withDrains(store.getState().doc, undefined, registry);
    expect(w.drains.map((d) => `${d.unit}.${d.port} ${d.direction}`).sort()).toEqual(['m.in in', 'm.out out']);
    expect(runFlowsheet(w.doc, registry).ok).toBe(true);
  });

  it('drains in a mode with routing of its own', () => {
    const store = createEditorStore(registry, leachDoc(), { mode: 'low' });
    store.execute(cmd.removeStreams(['s4'], 'low'));
    const w = withDrains(store.getState().doc, 'low', registry);
    expect(w.drains.map((d) => d.unit)).toEqual(['filter', 'liquor']);
    expect(solved(w.doc, 'low').streams['open:filter:pls']).toBeDefined();
  });
});

describe('species', () => {
  it('reads a pasted list, offers phases, and refuses what the core would', () => {
    const doc = leachDoc();
    const list = readSpeciesList('NiSO4(aq), CoSO4(aq)\nGraphite(s) = C\nCuO(s)\nBad\nNiSO4(aq)', doc);
    expect(list.map((e) => [e.id, e.formula, !!e.problem])).toEqual([
      ['NiSO4(aq)', undefined, false],
      ['CoSO4(aq)', undefined, false],
      ['Graphite(s)', 'C', false],
      ['CuO(s)', undefined, true],
      ['Bad', undefined, true],
      ['NiSO4(aq)', undefined, true],
    ]);
    expect(withPhases('CoSO4')).toEqual(['CoSO4(s)', 'CoSO4(aq)', 'CoSO4(l)', 'CoSO4(g)', 'CoSO4(org)']);
    expect(withPhases('CoSO4(aq)')).toEqual([]);
    // The built-in list: core/properties' table, and what the shipped plants declare.
    const catalog = speciesCatalog([{ name: 'Leach test', doc }], BUILT_IN.entries);
    expect(catalog.find((c) => c.id === 'Graphite(s)')).toMatchObject({ formula: 'C', data: true });
    expect(catalog.find((c) => c.id === 'CuO(s)')!.plants).toEqual(['Leach test']);
    expect(readSpeciesList('Graphite(s)', doc, catalog)[0]).toEqual({ id: 'Graphite(s)', formula: 'C' });
    const store = createEditorStore(registry, doc);
    store.execute(cmd.addSpeciesList(list.filter((e) => !e.problem)));
    expect(Object.keys(store.getState().doc.species)).toEqual([...Object.keys(doc.species), 'NiSO4(aq)', 'CoSO4(aq)', 'Graphite(s)']);
    expect(store.getState().doc.species['Graphite(s)']).toEqual({ formula: 'C' });
  });
});

describe('finding things', () => {
  it('finds a unit by its label first, then by id or type, and streams by their ends', () => {
    const doc = leachDoc();
    doc.units.filter.label = 'Belt filter';
    const hits = search(doc, 'belt');
    expect(hits[0]).toMatchObject({ kind: 'unit', id: 'filter', title: 'Belt filter' });
    expect(search(doc, 'reactor')[0].id).toBe('leach');
    expect(search(doc, 's3')[0]).toMatchObject({ kind: 'stream', id: 's3' });
    expect(search(doc, '')).toEqual([]);
  });

  it('maps keys to actions, leaving plain typing alone', () => {
    const key = (k: string, mods: Partial<{ ctrlKey: boolean; shiftKey: boolean; metaKey: boolean }> = {}) => actionFor({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });
    expect(key('c', { ctrlKey: true })?.action).toBe('copy');
    expect(key('V', { metaKey: true })?.action).toBe('paste');
    expect(key('z', { ctrlKey: true, shiftKey: true })?.action).toBe('redo');
    expect(key('ArrowLeft', { shiftKey: true })).toEqual({ action: 'nudge', dx: -50, dy: 0 });
    expect(key('k', { ctrlKey: true })?.action).toBe('search');
    expect(key('a')).toBeUndefined();
  });

  it('opens at a zoom where labels read: the whole plant when it fits, else the feed end', () => {
    const boxes = Array.from({ length: 60 }, (_, i) => ({ id: `u${i}`, x: (i % 12) * 270, y: Math.floor(i / 12) * 150, width: 180, height: 80, source: i === 24 }));
    const v = readableView(boxes, { width: 1000, height: 600 })!;
    expect(v.zoom).toBe(READABLE_ZOOM);
    // The left edge of the plant at the left of the view (beside the zoom buttons), the feed in the middle of its height.
    expect(v.x).toBe(64);
    expect(Math.abs(v.y + (boxes[24].y + 40) * v.zoom - 300)).toBeLessThan(1);
    // A feed at the bottom of the plant: the view stops at the plant's bottom edge, the feed inside it.
    const low = boxes.map((b) => ({ ...b, source: b.id === 'u48' }));
    const w = readableView(low, { width: 1000, height: 600 })!;
    const feedTop = w.y + low[48].y * w.zoom;
    expect(feedTop).toBeGreaterThan(0);
    expect(feedTop + 80 * w.zoom).toBeLessThanOrEqual(600 - 30);
    const small = readableView(boxes.slice(0, 3), { width: 1000, height: 600 })!;
    expect(small.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
  });
});

describe('specifications', () => {
  it('are written into the file, overridden by a mode, found on their unit and stream', () => {
    const store = createEditorStore(registry, recyclePurgeDoc());
    const spec = { target: { stream: 's4', element: 'Na', quantity: 'massFlow' as const, value: 100 }, adjust: { unit: 'split', param: ['fractions', 'recycle'], min: 0, max: 0.99 } };
    store.execute(setSpec('purge_na', spec));
    const doc = store.getState().doc;
    expect(doc.specs).toEqual({ purge_na: spec });
    expect(readFlowsheet(doc, registry).ok).toBe(true);
    expect(specsByPlace(plantSpecs(doc, undefined)).units.get('split')).toEqual(['purge_na']);
    expect(specsByPlace(plantSpecs(doc, undefined)).streams.get('s4')).toEqual(['purge_na']);
    expect(adjustableParams(registry.get('splitter'), doc.units.split)).toEqual([['fractions', 'recycle']]);
    store.execute(setSpec('purge_na', undefined));
    expect(store.getState().doc.specs).toBeUndefined();
    const modes = createEditorStore(registry, leachDoc());
    const target = { target: { stream: 's4', quantity: 'massFraction' as const, element: 'Cu', value: 0.05 }, adjust: { unit: 'ore', param: ['flows', 'H2O(l)'], min: 0, max: 5000 } };
    modes.execute(setSpec('cu', target));
    modes.execute(setSpec('cu', { ...target, target: { ...target.target, value: 0.04 } }, 'low'));
    expect(modes.getState().doc.modes!.low.specs).toEqual({ cu: { target: { value: 0.04 } } });
    expect(plantSpecs(modes.getState().doc, 'low').cu.target.value).toBe(0.04);
    expect(plantSpecs(modes.getState().doc, undefined).cu.target.value).toBe(0.05);
  });
});

describe('economics inputs', () => {
  it('sets and removes values by path in the economics section and a unit’s equipment', () => {
    const store = createEditorStore(registry, leachDoc());
    store.execute(setEconomics(['hoursPerYear'], 7500));
    store.execute(setEconomics(['prices', 'reagents', 'H2SO4(aq)'], { value: 120, unit: 'USD/t', year: 2023, source: 'supplier quote' }));
    store.execute(setEconomics(['modes', 'low', 'availability', 'tonnes'], 4000));
    let e = store.getState().doc.economics;
    expect(valueAtPath(e, ['prices', 'reagents', 'H2SO4(aq)', 'unit'])).toBe('USD/t');
    expect(valueAtPath(e, ['modes', 'low', 'availability'])).toEqual({ tonnes: 4000 });
    store.execute(setEconomics(['modes', 'low', 'availability', 'tonnes'], undefined));
    e = store.getState().doc.economics;
    expect(valueAtPath(e, ['modes'])).toBeUndefined();
    expect(readFlowsheet(store.getState().doc, registry).ok).toBe(true);
    expect(withEquipment(undefined, ['holdup', 'volume'], 12)).toEqual({ holdup: { volume: 12 } });
    expect(withEquipment({ holdup: { volume: 12 } }, ['holdup', 'volume'], undefined)).toBeUndefined();
  });
});
