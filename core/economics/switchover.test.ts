import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FlowsheetDoc } from '../document';
import { components, schedule } from './equipment';
import { economicsByMode } from './analysis';
import { switchover, switchoverMatrix, type Switchover } from './switchover';
import { fakeResults, type FakeStream } from './test-helpers';

const species: FlowsheetDoc['species'] = { 'CuSO4(aq)': {}, 'H2O(l)': {} };

/** Streams `${prefix}1`, `${prefix}2`, … joining the units in a line, out → in. */
function links(ids: string[], prefix: string): Record<string, { from: string; to: string }> {
  return Object.fromEntries(ids.slice(0, -1).map((u, i) => [`${prefix}${i + 1}`, { from: `${u}.out`, to: `${ids[i + 1]}.in` }]));
}

/**
 * f → t1 → t2 → t3 → p in mode A; f → t1 → t2 → t4 → p in mode B.
 * B changes f's flows and t2's parameter, relabels t1 only, takes t3 out and brings t4 in.
 */
function handDoc(): FlowsheetDoc {
  return {
    format: 'flexsheet/1',
    name: 'switch',
    basis: 'kg/h',
    species,
    units: {
      f: { type: 'feed', flows: { 'CuSO4(aq)': 100, 'H2O(l)': 900 }, equipment: { holdup: { mass: 100 }, changeover: { time: 1, cost: 100 } } },
      t1: { type: 'tank', x: 1, equipment: { holdup: { residenceTime: 2 }, changeover: { time: 5, cost: 1000 } } },
      t2: { type: 'tank', x: 1, equipment: { material: '316L', holdup: { volume: 3, density: 1100 }, changeover: { time: 4, cost: 500, cleaning: { 'NaOH(aq)': 10 } } } },
      t3: { type: 'tank', equipment: { holdup: { residenceTime: 0.5 }, changeover: { time: 2, cost: 200 } } },
      p: { type: 'product' },
    },
    streams: links(['f', 't1', 't2', 't3', 'p'], 'a'),
    modes: {
      A: { units: {} },
      B: {
        units: {
          f: { flows: { 'CuSO4(aq)': 50 } },
          t1: { label: 'renamed' },
          t2: { x: 2 },
          t3: null,
          t4: { type: 'tank', equipment: { changeover: { time: 5, cost: 700 } } },
        },
        streams: links(['f', 't1', 't2', 't4', 'p'], 'b'),
      },
    },
    economics: {
      prices: { products: { p: { species: { 'CuSO4(aq)': 2 } } } },
      switchover: { time: 3, cost: 1000 },
      inventory: { recovered: 0.25, disposalPerKg: 0.01 },
    },
  };
}

const liquor = { 'CuSO4(aq)': 100, 'H2O(l)': 900 };
const chain = (ids: string[], prefix: string, kg: Record<string, number>): Record<string, FakeStream> =>
  Object.fromEntries(Object.entries(links(ids, prefix)).map(([id, st]) => [id, { ...st, kg }]));

function handInputs(doc: FlowsheetDoc) {
  const results = {
    A: fakeResults(species, chain(['f', 't1', 't2', 't3', 'p'], 'a', liquor)),
    B: fakeResults(species, chain(['f', 't1', 't2', 't4', 'p'], 'b', liquor)),
  };
  return { results, economics: economicsByMode(doc, results) };
}

describe('switchover, by hand', () => {
  const doc = handDoc();
  const s = switchover(doc, 'A', 'B', handInputs(doc));
  const by = Object.fromEntries(s.units.map((u) => [u.unit, u]));

  it('classifies units: re-purposed, idle, started, unchanged', () => {
    expect(Object.fromEntries(s.units.map((u) => [u.unit, u.status]))).toEqual({ f: 'repurposed', t1: 'unchanged', t2: 'repurposed', t3: 'idle', t4: 'started', p: 'repurposed' });
    expect(by.f.reasons).toEqual(['parameters differ: flows']);
    expect(by.t2.reasons).toEqual(['parameters differ: x', 'connections differ']);
    expect(by.p.reasons).toEqual(['connections differ']);
    expect(by.t1.work).toBe(false);
  });

  it('downtime: the longest chain of work along the source flow graph, then the plant-wide time', () => {
    // Along A's streams: f (1 h) → t1 (no work) → t2 (4 h) → t3 (2 h, drained) = 7 h.
    // t4 did not run in A: it is commissioned in parallel, 0–5 h. Plus 3 h plant-wide: 10 h.
    expect(s.criticalPath).toEqual(['f', 't2', 't3']);
    expect([by.t2.start, by.t2.finish, by.t3.start, by.t3.finish, by.t4.start, by.t4.finish]).toEqual([1, 5, 5, 7, 0, 5]);
    expect(s.downtime).toBe(10);
  });

  it('flushes the hold-ups of units with work that ran in the source mode, at the source composition', () => {
    // f: 100 kg; t2: 3 m³ × 1100 kg/m³ = 3300 kg; t3: 0.5 h × 1000 kg/h = 500 kg. t1 is unchanged, t4 did not run.
    expect([by.f.flushed!.kg, by.t2.flushed!.kg, by.t3.flushed!.kg]).toEqual([100, 3300, 500]);
    expect(by.t1.flushed).toBeUndefined();
    expect(by.t4.flushed).toBeUndefined();
    // 10 % CuSO4 at 2 $/kg (its price in product p); water has no value.
    expect(by.t2.flushed!.species['CuSO4(aq)']).toBeCloseTo(330, 12);
    expect(by.t2.flushed!.value).toBeCloseTo(660, 12);
    // The feed bin f (no inlet) is run down into the plant before the switchover: nothing lost or disposed of.
    expect([by.f.flushed!.runDown, by.f.flushed!.lost, by.f.flushed!.disposal]).toEqual([true, 0, 0]);
    expect(s.flushedKg).toBeCloseTo(3800, 12);
  });

  it('itemises the cost', () => {
    // Work: 100 + 500 + 200 + 700 + plant 1000.
    expect(s.items.changeover).toBe(2500);
    // Cleaning: 10 kg NaOH × 0.45 $/kg (EverBatt 2023 default).
    expect(s.items.cleaning).toBeCloseTo(4.5, 12);
    // Inventory: (660 + 100) × (1 − 0.25) = 570 (the bin is run down); disposal of what is not kept: (3300 + 500) × 0.75 × 0.01 = 28.5.
    expect(s.items.inventory).toBeCloseTo(570, 9);
    expect(s.items.disposal).toBeCloseTo(28.5, 9);
    expect(s.direct).toBeCloseTo(2500 + 4.5 + 570 + 28.5, 9);
    // Lost margin: no availability is given, so B could fill the year (capacity-limited):
    // 10 h × B's margin, 100 kg/h CuSO4 × 2 $/kg = 200 $/h.
    expect(s.lostMarginBasis).toMatch(/^capacity-limited/);
    expect(s.lostMarginRate).toBeCloseTo(200, 12);
    expect(s.items.lostMargin).toBeCloseTo(2000, 9);
    expect(s.total).toBeCloseTo(2500 + 4.5 + 570 + 28.5 + 2000, 9);
  });

  it('loses no margin when the plant is feed-limited in the target mode', () => {
    const d = handDoc();
    // B's feed: 1000 kg/h of solution (no solids: total feed); 2000 t/yr available over 8000 h: ρ = 2000 / (1 × 8000) = 0.25.
    (d.economics as any).modes = { A: { availability: { tonnes: 4000 } }, B: { availability: { tonnes: 2000 } } };
    const fl = switchover(d, 'A', 'B', handInputs(d));
    // ρ_A = 0.5, ρ_B = 0.25: Σ 0.75 < 1 — the 10 h of downtime are made up in idle hours.
    expect(fl.lostMarginBasis).toBe("feed-limited: B's material needs 25.0 % and all modes' 75.0 % of the operating hours, so downtime is made up in idle hours");
    expect(fl.items.lostMargin).toBe(0);
    expect(fl.total).toBeCloseTo(fl.direct, 12);
    // With 7000 t/yr of A, Σ ρ = 1.125: capacity-limited, the downtime costs B's margin again.
    (d.economics as any).modes.A.availability.tonnes = 7000;
    expect(switchover(d, 'A', 'B', handInputs(d)).items.lostMargin).toBeCloseTo(2000, 9);
  });

  it('flushes a bin that is declared not to run down', () => {
    const d = handDoc();
    (d.units.f.equipment as any).holdup.runDown = false;
    const s2 = switchover(d, 'A', 'B', handInputs(d));
    // f's 100 kg: 10 kg CuSO4 × 2 $/kg × 0.75 lost, 100 × 0.75 × 0.01 disposed of.
    expect(s2.items.inventory).toBeCloseTo(570 + 15, 9);
    expect(s2.items.disposal).toBeCloseTo(28.5 + 0.75, 9);
  });

  it('a hold-up may keep its own share of value (drained to storage)', () => {
    const d = handDoc();
    (d.units.t2.equipment as any).holdup.recovered = 1;
    const s2 = switchover(d, 'A', 'B', handInputs(d));
    // t2 keeps all of its 660: inventory 100 × 0.75 = 75; disposal 500 × 0.75 × 0.01 = 3.75.
    expect(s2.items.inventory).toBeCloseTo(75, 9);
    expect(s2.items.disposal).toBeCloseTo(3.75, 9);
  });

  it('"always" works on an unchanged unit; "never" skips a changed one; lost margin may use the source rate or none', () => {
    const d = handDoc();
    (d.units.t1.equipment as any).changeover.when = 'always';
    (d.units.t2.equipment as any).changeover.when = 'never';
    const s2 = switchover(d, 'A', 'B', handInputs(d));
    const u = Object.fromEntries(s2.units.map((x) => [x.unit, x]));
    expect([u.t1.work, u.t1.time, u.t1.flushed!.kg, u.t2.work]).toEqual([true, 5, 2000, false]);
    // f (1) → t1 (5) → t2 (0) → t3 (2) = 8, + 3
    expect(s2.downtime).toBe(11);
    (d.economics as any).switchover.lostMargin = 'none';
    expect(switchover(d, 'A', 'B', handInputs(d)).items.lostMargin).toBe(0);
  });

  it('builds the matrix for every ordered pair, zero on the diagonal', () => {
    const m = switchoverMatrix(doc, handInputs(doc));
    expect(m.modes).toEqual(['A', 'B']);
    expect(m.total[0][0]).toBe(0);
    expect(m.total[1][1]).toBe(0);
    expect(m.total[0][1]).toBeCloseTo(2500 + 4.5 + 570 + 28.5 + 2000, 9);
    // B → A along B's streams: f (1) → t2 (4) → t4 (5, drained) = 10, t3 started in parallel (2); + 3.
    expect(m.detail[1][0].units.find((u) => u.unit === 't4')!.status).toBe('idle');
    expect(m.downtime[1][0]).toBe(1 + 4 + 5 + 3);
  });
});

describe('work along the flow graph', () => {
  it('treats a recycle loop as one circuit that takes as long as its longest unit', () => {
    // a → b → c → b (loop), c → d: a 1 h, loop max(2, 5) = 5 h, d 1 h.
    const edges = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['b', 'd'])],
    ]);
    expect(components(['a', 'b', 'c', 'd'], edges).map((c) => c.sort())).toEqual([['a'], ['b', 'c'], ['d']]);
    const s = schedule(['a', 'b', 'c', 'd'], edges, new Map([['a', 1], ['b', 2], ['c', 5], ['d', 1]]));
    expect(s.length).toBe(7);
    expect(s.critical).toEqual(['a', 'c', 'd']);
    expect(s.times.get('b')).toEqual({ start: 1, finish: 3 });
  });

  it('runs parallel branches side by side', () => {
    const edges = new Map([['a', new Set(['b', 'c'])], ['b', new Set(['d'])], ['c', new Set(['d'])]]);
    const s = schedule(['a', 'b', 'c', 'd'], edges, new Map([['a', 2], ['b', 3], ['c', 8], ['d', 1]]));
    expect(s.length).toBe(11);
    expect(s.critical).toEqual(['a', 'c', 'd']);
  });
});

// ---------- properties over random plants ----------

interface RandomPlant {
  n: number;
  back: [number, number][];
  kind: ('volume' | 'residenceTime' | 'mass' | 'none')[];
  size: number[];
  time: number[];
  cost: number[];
  when: ('changed' | 'always' | 'never')[];
  patch: (0 | 1 | 2)[]; // 0 same, 1 parameter change, 2 out of service in B
  cu: number[];
  price: number;
  recovered: number;
}

const randomPlant: fc.Arbitrary<RandomPlant> = fc.integer({ min: 2, max: 7 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    back: fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), { maxLength: 2 }),
    kind: fc.array(fc.constantFrom('volume', 'residenceTime', 'mass', 'none'), { minLength: n, maxLength: n }),
    size: fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { minLength: n, maxLength: n }),
    time: fc.array(fc.double({ min: 0, max: 24, noNaN: true }), { minLength: n, maxLength: n }),
    cost: fc.array(fc.double({ min: 0, max: 5000, noNaN: true }), { minLength: n, maxLength: n }),
    when: fc.array(fc.constantFrom('changed', 'always', 'never'), { minLength: n, maxLength: n }),
    patch: fc.array(fc.constantFrom(0, 1, 2), { minLength: n, maxLength: n }),
    cu: fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: n, maxLength: n }),
    price: fc.double({ min: 0, max: 10, noNaN: true }),
    recovered: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
) as fc.Arbitrary<RandomPlant>;

function build(p: RandomPlant): { doc: FlowsheetDoc; inputs: ReturnType<typeof handInputs> } {
  const ids = Array.from({ length: p.n }, (_, i) => `u${i}`);
  const units: FlowsheetDoc['units'] = {};
  ids.forEach((id, i) => {
    const holdup = p.kind[i] === 'none' ? undefined : { [p.kind[i]]: p.size[i] };
    units[id] = { type: 'tank', x: 1, equipment: { ...(holdup ? { holdup } : {}), changeover: { time: p.time[i], cost: p.cost[i], cleaning: { 'H2O(l)': p.size[i] }, when: p.when[i] } } };
  });
  const streams: FlowsheetDoc['streams'] = {};
  ids.slice(0, -1).forEach((id, i) => (streams[`s${i}`] = { from: `${id}.out`, to: `${ids[i + 1]}.in` }));
  p.back.forEach(([a, b], i) => (streams[`r${i}`] = { from: `${ids[a]}.r${i}`, to: `${ids[b]}.in` }));
  const patchB: Record<string, Record<string, unknown> | null> = {};
  ids.forEach((id, i) => {
    if (p.patch[i] === 1) patchB[id] = { x: 2 };
    if (p.patch[i] === 2) patchB[id] = null;
  });
  const doc: FlowsheetDoc = {
    format: 'flexsheet/1',
    name: 'random',
    basis: 'kg/h',
    species,
    units,
    streams,
    modes: { A: { units: {} }, B: { units: patchB } },
    economics: {
      prices: { reagents: { 'H2O(l)': 0.001 }, products: { [ids[p.n - 1]]: { species: { 'CuSO4(aq)': p.price } } } },
      inventory: { recovered: p.recovered, disposalPerKg: 0.01 },
      switchover: { time: 1, cost: 100 },
    },
  };
  const resultsFor = (mode: 'A' | 'B') => {
    const s: Record<string, FakeStream> = {};
    for (const [sid, st] of Object.entries(streams)) {
      const from = st.from.slice(0, st.from.lastIndexOf('.'));
      const to = st.to.slice(0, st.to.lastIndexOf('.'));
      if (mode === 'B' && (patchB[from] === null || patchB[to] === null)) continue;
      const i = ids.indexOf(from);
      s[sid] = { from: st.from, to: st.to, kg: { 'CuSO4(aq)': p.cu[i], 'H2O(l)': 100 } };
    }
    return fakeResults(species, s);
  };
  const results = { A: resultsFor('A'), B: resultsFor('B') };
  return { doc, inputs: { results, economics: economicsByMode(doc, results) } };
}

type Built = ReturnType<typeof build>;

/** Runs `check` on the switchover A → B and B → A of a plant before and after a change. */
function eachDirection(before: Built, after: Built, check: (a: Switchover, b: Switchover) => void): void {
  for (const [f, t] of [['A', 'B'], ['B', 'A']]) check(switchover(before.doc, f, t, before.inputs), switchover(after.doc, f, t, after.inputs));
}

describe('switchover properties', () => {
  it('switching a mode to itself costs nothing and takes no time', () => {
    fc.assert(
      fc.property(randomPlant, (p) => {
        const { doc, inputs } = build(p);
        for (const m of ['A', 'B']) {
          const s = switchover(doc, m, m, inputs);
          expect([s.total, s.direct, s.downtime, s.flushedKg, s.units.filter((u) => u.work).length]).toEqual([0, 0, 0, 0, 0]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('cost never falls when a hold-up grows', () => {
    fc.assert(
      fc.property(randomPlant, fc.nat(), fc.double({ min: 1, max: 10, noNaN: true }), (p, pick, factor) => {
        const i = pick % p.n;
        const before = build(p);
        const q = { ...p, size: p.size.map((s, j) => (j === i ? s * factor : s)) };
        // Cleaning agents are tied to size in the generator; hold them fixed so only the hold-up grows.
        const after = build(q);
        (after.doc.units[`u${i}`].equipment as any).changeover.cleaning = { 'H2O(l)': p.size[i] };
        eachDirection(before, after, (a, b) => {
          expect(b.flushedKg).toBeGreaterThanOrEqual(a.flushedKg - 1e-9 * (1 + a.flushedKg));
          expect(b.total).toBeGreaterThanOrEqual(a.total - 1e-9 * (1 + a.total));
        });
      }),
      { numRuns: 150 },
    );
  });

  it('downtime and cost never fall when a unit’s changeover time grows', () => {
    fc.assert(
      fc.property(randomPlant, fc.nat(), fc.double({ min: 0, max: 48, noNaN: true }), (p, pick, extra) => {
        const i = pick % p.n;
        const before = build(p);
        const after = build({ ...p, time: p.time.map((t, j) => (j === i ? t + extra : t)) });
        eachDirection(before, after, (a, b) => {
          expect(b.downtime).toBeGreaterThanOrEqual(a.downtime);
          expect(b.total).toBeGreaterThanOrEqual(a.total - 1e-9 * (1 + a.total));
          // The longest chain is at least every single unit's own time.
          for (const u of b.units) if (u.work) expect(b.downtime).toBeGreaterThanOrEqual(u.time);
        });
      }),
      { numRuns: 150 },
    );
  });
});
