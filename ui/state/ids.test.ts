/**
 * Ids named like members of Object.prototype behave like any other id in the editor's state
 * (issue 10, items 1 and 2): units, streams, modes and outlets called __proto__, constructor,
 * toString, valueOf or hasOwnProperty are added, edited, renamed, undone and redone, and nothing
 * lands on Object.prototype.
 */
import { describe, expect, it } from 'vitest';
import { registry } from '../../unit-ops';
import { duplicate } from './clipboard';
import * as cmd from './commands';
import { checkStreamId, checkUnitId } from './doc';
import { mapDiagnostics } from './diagnostics-map';
import { addMode, checkModeName, renameMode } from './modes';
import { plantView } from './plant';
import { createEditorStore } from './store';
import { leachDoc } from './test-helpers';
import { checkConnection } from './validate';

const NAMES = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty'];

describe.each(NAMES)('an id named %s', (name) => {
  it('is free until used, then taken, for units, streams and modes', () => {
    const doc = leachDoc();
    expect(checkUnitId(doc, name)).toBeUndefined();
    expect(checkStreamId(doc, name)).toBeUndefined();
    expect(checkModeName(doc, name)).toBeUndefined();
    expect(plantView(doc, name).mode).toBeUndefined();
  });

  it('names a unit, a stream and a mode through every edit, undo and redo', () => {
    const store = createEditorStore(registry, leachDoc());
    const start = structuredClone(store.getState().doc);
    const steps = [
      cmd.addUnit(registry, 'product', { x: 1, y: 2 }, name),
      cmd.connect({ unit: 'filter', port: 'pls' }, { unit: name, port: 'in' }, name),
      cmd.setLabel(name, 'Spare'),
      addMode(name, 'low'),
      cmd.setParam('ore', 'flows', { 'CuO(s)': 50, 'SiO2(s)': 900, 'H2O(l)': 1000 }, name),
      cmd.removeSelection([name], [], name),
      renameMode(name, `${name}2`),
      cmd.renameUnit(name, `${name}_unit`),
    ];
    for (const c of steps) expect(store.execute(c)).toBe(true);
    const doc = store.getState().doc;
    expect(Object.keys(doc.units)).toContain(`${name}_unit`);
    expect(Object.keys(doc.streams)).toContain(name);
    expect(Object.getOwnPropertyDescriptor(doc.streams, name)?.value).toEqual({ from: 'filter.pls', to: `${name}_unit.in` });
    expect(Object.keys(doc.modes!)).toEqual(['low', `${name}2`]);
    expect(plantView(doc, `${name}2`).idle).toEqual([`${name}_unit`]);
    expect(checkUnitId(doc, `${name}_unit`)).toMatch(/already exists/);
    const d = duplicate(doc, undefined, [`${name}_unit`])!;
    store.execute(d);
    expect(d.created).toHaveLength(1);
    const end = structuredClone(store.getState().doc);
    for (let i = 0; i < steps.length + 1; i++) store.undo();
    expect(store.getState().doc).toEqual(start);
    for (let i = 0; i < steps.length + 1; i++) store.redo();
    expect(store.getState().doc).toEqual(end);
    expect(Object.prototype).not.toHaveProperty('type');
    expect(Object.getPrototypeOf(store.getState().doc.units)).toBe(Object.prototype);
  });

  it('is found by the connection check and the diagnostics map only when it exists', () => {
    const doc = leachDoc();
    expect(checkConnection(doc, registry, { unit: name, port: 'out' }, { unit: 'leach', port: 'in' })).toBe(`unit "${name}" does not exist`);
    const map = mapDiagnostics([{ path: `units.${name}`, message: 'x', unit: name }], doc);
    expect(map.units.size).toBe(0);
    expect(map.general).toHaveLength(1);
  });
});
