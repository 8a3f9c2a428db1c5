/**
 * Saved work is never lost (issue 10, item 7): autosave restores the newer of the store and the
 * synchronous backup, flushes a pending change when the page is hidden or closed, keeps an
 * autosave it cannot read under a key of its own and offers it as a file, and does not write while
 * another tab edits the plant. Deep files open and undo. Time is fake.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registry } from '../../unit-ops';
import { AUTOSAVE_KEY, KEPT_PREFIX, restoreAutosave, startAutosave, type KeyValueStore, type PageEvents, type SyncStore } from './autosave';
import * as cmd from './commands';
import { MAX_DEPTH } from '../../core/json';
import { readFlowsheet } from './file';
import { createEditorStore } from './store';
import { connectTabs, type Channel, type TabMessage } from './tabs';
import { leachDoc } from './test-helpers';

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

function memory() {
  const mem = new Map<string, unknown>();
  const kv: KeyValueStore = { get: async (k) => mem.get(k), set: async (k, v) => void mem.set(k, structuredClone(v)) };
  const local = new Map<string, string>();
  const backup: SyncStore = { read: (k) => local.get(k) ?? null, write: (k, t) => void local.set(k, t) };
  return { mem, kv, local, backup };
}

function page() {
  const handlers: Record<string, (() => void)[]> = { pagehide: [], hidden: [] };
  const events: PageEvents = {
    on(e, f) {
      handlers[e].push(f);
      return () => (handlers[e] = handlers[e].filter((x) => x !== f));
    },
  };
  return { events, fire: (e: 'pagehide' | 'hidden') => handlers[e].forEach((f) => f()) };
}

describe('autosave', () => {
  it('saves after a change and restores the document and the mode', async () => {
    const { kv } = memory();
    const store = createEditorStore(registry, leachDoc());
    const a = startAutosave(store, kv, { delayMs: 250 });
    store.execute(cmd.renameUnit('leach', 'tank'));
    store.setMode('low');
    await vi.advanceTimersByTimeAsync(300);
    const r = await restoreAutosave(kv, registry);
    expect(r.kind === 'ok' && r.work.doc).toEqual(store.getState().doc);
    expect(r.kind === 'ok' && r.work.mode).toBe('low');
    a.dispose();
  });

  it('writes an edit made just before the tab closes: at once, and to the synchronous backup', async () => {
    const { kv, local, backup } = memory();
    const p = page();
    const store = createEditorStore(registry, leachDoc());
    startAutosave(store, kv, { delayMs: 250, backup, events: p.events, now: () => Date.now() });
    store.execute(cmd.setLabel('ore', 'edited 50 ms before closing'));
    await vi.advanceTimersByTimeAsync(50);
    p.fire('pagehide');
    // The asynchronous store never finishes (the tab is gone): the backup alone brings the edit back.
    expect(JSON.parse(local.get(AUTOSAVE_KEY)!).doc.units.ore.label).toBe('edited 50 ms before closing');
    const never: KeyValueStore = { get: async () => undefined, set: () => new Promise(() => {}) };
    const r = await restoreAutosave(never, registry, backup);
    expect(r.kind === 'ok' && r.work.doc.units.ore.label).toBe('edited 50 ms before closing');
    // The newer of the two wins: an older backup does not replace a newer store.
    await kv.set(AUTOSAVE_KEY, { doc: leachDoc(), savedAt: Date.now() + 1000 });
    const r2 = await restoreAutosave(kv, registry, backup);
    expect(r2.kind === 'ok' && r2.work.doc.units.ore.label).toBeUndefined();
  });

  it('keeps an autosave it cannot read, says why, and offers it as a file; never overwrites it', async () => {
    const { kv, mem } = memory();
    const other = { ...leachDoc(), units: { ...leachDoc().units, ore: { ...leachDoc().units.ore, colour: 'red' } } };
    mem.set(AUTOSAVE_KEY, { doc: other, savedAt: 42 });
    const r = await restoreAutosave(kv, registry, undefined, () => 1000);
    expect(r.kind).toBe('unreadable');
    if (r.kind !== 'unreadable') return;
    expect(r.problems.join('\n')).toMatch(/colour/);
    expect(r.keptKey).toBe(`${KEPT_PREFIX}1000`);
    expect(mem.get(r.keptKey)).toEqual({ doc: other, savedAt: 42 });
    expect(JSON.parse(r.text)).toEqual(other);
    // Work goes on and is autosaved; the kept copy stays.
    const store = createEditorStore(registry, leachDoc());
    startAutosave(store, kv, { delayMs: 10 });
    store.execute(cmd.setPlantName('new work'));
    await vi.advanceTimersByTimeAsync(20);
    expect((mem.get(AUTOSAVE_KEY) as { doc: { name: string } }).doc.name).toBe('new work');
    expect(mem.get(r.keptKey)).toEqual({ doc: other, savedAt: 42 });
  });
});

function channels() {
  const ends: ((m: TabMessage) => void)[][] = [];
  const make = (): Channel => {
    const mine: ((m: TabMessage) => void)[] = [];
    ends.push(mine);
    return {
      postMessage: (m) => ends.filter((e) => e !== mine).forEach((e) => e.forEach((f) => queueMicrotask(() => f(m)))),
      onMessage: (f) => (mine.push(f), () => mine.splice(mine.indexOf(f), 1)),
      close: () => undefined,
    };
  };
  return make;
}

describe('two tabs on one plant', () => {
  it('the second tab hears the first, does not save, asks; taking over stops the first one saving', async () => {
    const make = channels();
    const first = createEditorStore(registry, leachDoc());
    const t1 = connectTabs(first, make(), 'one', { helloMs: 100 });
    await vi.advanceTimersByTimeAsync(150);
    expect(t1.owns()).toBe(true);
    const second = createEditorStore(registry, leachDoc());
    const t2 = connectTabs(second, make(), 'two', { helloMs: 100 });
    await vi.advanceTimersByTimeAsync(150);
    expect(t2.owns()).toBe(false);
    expect(second.getState().banners.map((b) => b.kind)).toEqual(['other-tab']);
    expect(first.getState().banners.map((b) => b.kind)).toEqual(['info']);
    // Nothing the second tab does is written until it takes over.
    const { kv, mem } = memory();
    startAutosave(second, kv, { delayMs: 10, canSave: () => t2.owns() });
    second.execute(cmd.setPlantName('second tab'));
    await vi.advanceTimersByTimeAsync(50);
    expect(mem.has(AUTOSAVE_KEY)).toBe(false);
    t2.takeOver();
    await vi.advanceTimersByTimeAsync(5);
    expect(t2.owns()).toBe(true);
    expect(t1.owns()).toBe(false);
    expect(first.getState().banners.map((b) => b.kind)).toEqual(['taken-over']);
    expect(second.getState().banners).toEqual([]);
  });
});

describe('deep files', () => {
  const nested = (depth: number) => {
    let v: unknown = 1;
    for (let i = 0; i < depth; i++) v = [v];
    return v;
  };

  it('refuses a valid file with a 3,000-deep extension with the limit named, keeping the plant and its history', () => {
    const text = JSON.stringify({ ...leachDoc(), extension: nested(3000) });
    const store = createEditorStore(registry, leachDoc());
    store.execute(cmd.setPlantName('work before'));
    const before = store.getState();
    expect(store.open(text)).toBe(false);
    expect(store.getState().fileError?.diagnostics[0].message).toMatch(new RegExp(`nests objects and arrays more than ${MAX_DEPTH} deep at line 1, column \\d+`));
    expect(store.getState().doc).toBe(before.doc);
    expect(store.getState().history).toBe(before.history);
  });

  it('refuses an invalid file nested 10,000 deep with a message, never a stack overflow', () => {
    const bad = `{"format":"flexsheet/1","x":${'['.repeat(10_000)}`;
    const r = readFlowsheet(bad, registry);
    expect(!r.ok && r.diagnostics[0].message).toMatch(/nests objects and arrays more than \d+ deep/);
    expect(readFlowsheet(nested(10_000), registry).ok).toBe(false);
  });

  it('opens, edits and undoes a file nested as deep as the limit allows', () => {
    const doc = { ...leachDoc(), extension: nested(MAX_DEPTH - 2) };
    const store = createEditorStore(registry, leachDoc());
    expect(store.open(JSON.stringify(doc))).toBe(true);
    store.execute(cmd.setLabel('ore', 'x', 'low'));
    store.undo();
    store.redo();
    expect(store.getState().doc.modes!.low.units!.ore).toEqual({ label: 'x' });
  });
});
