/**
 * Equipment data of units (`equipment`: hold-up, service, material, changeover) and the flow
 * graph used to order changeover work.
 */
import type { UnitDecl } from '../document';
import { streamEndUnit, type ModeView } from '../modes';
import type { FlowsheetResults } from '../results';
import type { ChangeoverDecl, EquipmentDecl } from './types';

export function equipmentOf(decl: UnitDecl | undefined): EquipmentDecl {
  const e = decl?.equipment;
  return (e !== null && typeof e === 'object' && !Array.isArray(e) ? e : {}) as EquipmentDecl;
}

export interface Holdup {
  kg: number;
  /** kg of each species held. Empty when the unit carries no flow (composition unknown). */
  species: Record<string, number>;
  /** How the mass was obtained, e.g. "2 h × 1,040 kg/h". */
  basis: string;
}

/**
 * The material a unit holds while running: the hold-up mass (residence time × the mass flow
 * leaving it, volume × density, or a mass) with the composition of the material leaving it (a
 * well-mixed vessel holds what it discharges), from the solved mode.
 */
export function holdupOf(equipment: EquipmentDecl, flow: Record<string, number>): Holdup | undefined {
  const h = equipment.holdup;
  if (!h) return undefined;
  const rate = Object.values(flow).reduce((a, b) => a + b, 0);
  let kg: number;
  let basis: string;
  if (h.residenceTime !== undefined) {
    kg = h.residenceTime * rate;
    basis = `${h.residenceTime} h × ${round(rate)} kg/h`;
  } else if (h.volume !== undefined) {
    const density = h.density ?? 1000;
    kg = h.volume * density;
    basis = `${h.volume} m³ × ${density} kg/m³`;
  } else if (h.mass !== undefined) {
    kg = h.mass;
    basis = `${h.mass} kg`;
  } else return undefined;
  const species: Record<string, number> = {};
  if (rate > 0) for (const [sp, m] of Object.entries(flow)) species[sp] = (kg * m) / rate;
  return { kg, species, basis };
}

const round = (x: number) => Number(x.toPrecision(4)).toLocaleString('en-US');

export function changeoverOf(...equipment: EquipmentDecl[]): ChangeoverDecl {
  for (const e of equipment) if (e.changeover) return e.changeover;
  return {};
}

/** The parameters that define a unit's duty: everything but documentation, layout and equipment. */
export function dutyOf(decl: UnitDecl): Record<string, unknown> {
  const { notes: _n, label: _l, position: _p, equipment: _e, ...rest } = decl as Record<string, unknown>;
  void _n, _l, _p, _e;
  return rest;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ka = Object.keys(a as object).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b as object).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Species kg/h leaving every unit of a solved mode through its outlets (for a unit without outlets, a product, entering it), in one pass over the streams. */
export function throughputs(results: FlowsheetResults): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  const inn = new Map<string, Record<string, number>>();
  const add = (m: Map<string, Record<string, number>>, unit: string, flows: Record<string, number>) => {
    let r = m.get(unit);
    if (!r) m.set(unit, (r = Object.create(null) as Record<string, number>));
    for (const [sp, kg] of Object.entries(flows)) r[sp] = (r[sp] ?? 0) + kg;
  };
  for (const s of Object.values(results.streams)) {
    add(out, streamEndUnit(s.from), s.massFlow);
    add(inn, streamEndUnit(s.to), s.massFlow);
  }
  for (const [u, r] of inn) if (!out.has(u)) out.set(u, r);
  return out;
}

/** "in ← mix.out" style connections of every unit of a mode, sorted (a unit whose list differs between modes is re-routed), in one pass over its streams. */
export function connectionsByUnit(view: ModeView): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const push = (u: string, c: string) => (out.get(u) ?? out.set(u, []).get(u)!).push(c);
  for (const s of Object.values(view.streams)) {
    push(streamEndUnit(s.from), `${s.from} → ${s.to}`);
    push(streamEndUnit(s.to), `${s.to} ← ${s.from}`);
  }
  for (const list of out.values()) list.sort();
  return out;
}

/** Directed edges unit → unit of the streams of one or more modes, without duplicates. */
export function flowEdges(views: readonly ModeView[]): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const v of views) {
    for (const s of Object.values(v.streams)) {
      const a = streamEndUnit(s.from);
      const b = streamEndUnit(s.to);
      if (!edges.has(a)) edges.set(a, new Set());
      edges.get(a)!.add(b);
    }
  }
  return edges;
}

/** Strongly connected components (Tarjan), in topological order: every edge goes from an earlier component to a later one or stays inside one. */
export function components(nodes: readonly string[], edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  const nodeSet = new Set(nodes);
  // Iterative Tarjan: frames of (node, iterator over successors).
  for (const root of nodes) {
    if (index.has(root)) continue;
    const frames: { v: string; it: Iterator<string> }[] = [];
    const open = (v: string) => {
      index.set(v, counter);
      low.set(v, counter);
      counter++;
      stack.push(v);
      onStack.add(v);
      frames.push({ v, it: [...(edges.get(v) ?? [])].filter((w) => nodeSet.has(w))[Symbol.iterator]() });
    };
    open(root);
    while (frames.length) {
      const f = frames[frames.length - 1];
      const next = f.it.next();
      if (!next.done) {
        const w = next.value;
        if (!index.has(w)) open(w);
        else if (onStack.has(w)) low.set(f.v, Math.min(low.get(f.v)!, index.get(w)!));
        continue;
      }
      frames.pop();
      if (frames.length) {
        const parent = frames[frames.length - 1].v;
        low.set(parent, Math.min(low.get(parent)!, low.get(f.v)!));
      }
      if (low.get(f.v) === index.get(f.v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== f.v);
        out.push(comp);
      }
    }
  }
  return out.reverse();
}

export interface Schedule {
  /** Length of the longest chain of work, h. */
  length: number;
  /** Units on that chain that have work, upstream first. */
  critical: string[];
  /** Earliest start and finish of every unit's work, h from the start of the switchover. */
  times: Map<string, { start: number; finish: number }>;
}

/**
 * Orders changeover work along the flow graph. Precedence: a unit is worked on once every unit
 * upstream of it has finished, so that cleaning flushes downstream and never re-contaminates
 * equipment already cleaned. A recycle loop (a strongly connected component of the graph) is one
 * circuit: its units are worked on together, and the loop takes as long as its longest unit.
 * The downtime is then the longest path through the graph of loops, weighted by these times
 * (a critical-path schedule with unlimited crews). It never decreases when a unit's time grows.
 */
export function schedule(nodes: readonly string[], edges: ReadonlyMap<string, ReadonlySet<string>>, time: ReadonlyMap<string, number>): Schedule {
  const comps = components(nodes, edges);
  const compOf = new Map<string, number>();
  comps.forEach((c, i) => c.forEach((u) => compOf.set(u, i)));
  const start = new Array<number>(comps.length).fill(0);
  const finish = new Array<number>(comps.length).fill(0);
  const longest = new Array<string | undefined>(comps.length);
  const pred = new Array<number>(comps.length).fill(-1);
  comps.forEach((c, i) => {
    let dur = 0;
    for (const u of c) {
      const t = time.get(u) ?? 0;
      if (t > dur) {
        dur = t;
        longest[i] = u;
      }
    }
    finish[i] = start[i] + dur;
    for (const u of c) {
      for (const w of edges.get(u) ?? []) {
        const j = compOf.get(w);
        if (j === undefined || j === i) continue;
        if (pred[j] < 0 || finish[i] > start[j]) {
          start[j] = Math.max(start[j], finish[i]);
          pred[j] = i;
        }
      }
    }
  });
  let end = -1;
  comps.forEach((_, i) => {
    if (end < 0 || finish[i] > finish[end]) end = i;
  });
  const critical: string[] = [];
  for (let i = end; i >= 0 && finish[i] > 0; i = pred[i]) {
    if (finish[i] > start[i] && longest[i] !== undefined) critical.unshift(longest[i]!);
  }
  const times = new Map<string, { start: number; finish: number }>();
  for (const u of nodes) {
    const i = compOf.get(u)!;
    times.set(u, { start: start[i], finish: start[i] + (time.get(u) ?? 0) });
  }
  return { length: end < 0 ? 0 : finish[end], critical, times };
}
