/**
 * A plant being built has open ports: an outlet not yet connected, an inlet nothing flows into.
 * FORMAT.md calls that an error, and the saved file stays as it is; but so that the rest of the
 * plant still solves while it is built, the solver is given a copy in which every open outlet
 * drains to a temporary product and every open inlet (that must be connected) takes a temporary,
 * empty feed. The editor shows those as such, on the port and in the results.
 */
import type { Diagnostic, FlowsheetDoc, StreamDecl, UnitDecl, UnitRegistry } from '../../core';
import { formatRef, initialParams, unitPorts } from './doc';
import { defineEntry } from './own';
import { allStreamIds, allUnitIds, modeOf, plantView } from './plant';

export interface Drain {
  /** The unit and port left open. */
  unit: string;
  port: string;
  direction: 'in' | 'out';
  /** The temporary unit (a product for an outlet, a feed for an inlet) and stream, in the solved copy only. */
  temp: string;
  stream: string;
}

function roleType(registry: UnitRegistry, role: 'sink' | 'source'): string | undefined {
  for (const t of registry.values()) if (t.role === role) return t.type;
  return undefined;
}

function freshName(used: Set<string>, stem: string): string {
  let id = stem;
  for (let i = 2; used.has(id); i++) id = `${stem}~${i}`;
  used.add(id);
  return id;
}

/** The open ports of the plant of `mode`. */
export function openPorts(doc: FlowsheetDoc, mode: string | undefined, registry: UnitRegistry): { unit: string; port: string; direction: 'in' | 'out' }[] {
  const plant = plantView(doc, mode);
  const fromPorts = new Set<string>();
  const toPorts = new Set<string>();
  for (const id of Object.keys(plant.streams)) {
    fromPorts.add(plant.streams[id].from);
    toPorts.add(plant.streams[id].to);
  }
  const out: { unit: string; port: string; direction: 'in' | 'out' }[] = [];
  for (const id of Object.keys(plant.units)) {
    for (const p of unitPorts(plant.units[id], registry)) {
      const ref = formatRef({ unit: id, port: p.name });
      if (p.direction === 'out' && !fromPorts.has(ref)) out.push({ unit: id, port: p.name, direction: 'out' });
      if (p.direction === 'in' && !p.optional && !toPorts.has(ref)) out.push({ unit: id, port: p.name, direction: 'in' });
    }
  }
  return out;
}

/** The document to solve for `mode`, with temporary products and feeds on its open ports. */
export function withDrains(doc: FlowsheetDoc, mode: string | undefined, registry: UnitRegistry): { doc: FlowsheetDoc; drains: Drain[] } {
  const open = openPorts(doc, mode, registry);
  const sink = roleType(registry, 'sink');
  const source = roleType(registry, 'source');
  const wanted = open.filter((p) => (p.direction === 'out' ? sink : source));
  if (wanted.length === 0) return { doc, drains: [] };
  const unitIds = new Set(allUnitIds(doc));
  const streamIds = new Set(allStreamIds(doc));
  const units: Record<string, UnitDecl> = {};
  for (const id of Object.keys(doc.units)) defineEntry(units, id, doc.units[id]);
  const decl = modeOf(doc, mode);
  const routing: Record<string, StreamDecl> = {};
  const baseRouting = decl?.streams ?? doc.streams;
  for (const id of Object.keys(baseRouting)) defineEntry(routing, id, baseRouting[id]);
  const drains: Drain[] = [];
  for (const p of wanted) {
    const type = (p.direction === 'out' ? sink : source)!;
    const t = registry.get(type)!;
    const temp = freshName(unitIds, `open:${p.unit}:${p.port}`);
    const stream = freshName(streamIds, temp);
    defineEntry(units, temp, { type, ...initialParams(t), label: p.direction === 'out' ? `open outlet ${p.unit}.${p.port}` : `open inlet ${p.unit}.${p.port}` });
    const inlet = unitPorts({ type, ...initialParams(t) }, registry).find((x) => x.direction === (p.direction === 'out' ? 'in' : 'out'))!;
    const here = formatRef({ unit: p.unit, port: p.port });
    const there = formatRef({ unit: temp, port: inlet.name });
    defineEntry(routing, stream, p.direction === 'out' ? { from: here, to: there } : { from: there, to: here });
    drains.push({ ...p, temp, stream });
  }
  const next: FlowsheetDoc = { ...doc, units };
  if (decl && mode !== undefined) {
    const modes: Record<string, typeof decl> = {};
    for (const m of Object.keys(doc.modes!)) defineEntry(modes, m, doc.modes![m]);
    // The mode's own routing gets the drains; without one, the base routing does (the mode inherits it).
    if (decl.streams) defineEntry(modes, mode, { ...decl, streams: routing });
    else next.streams = routing;
    next.modes = modes;
  } else next.streams = routing;
  return { doc: next, drains };
}

/** Diagnostics about a temporary unit or stream are about the open port it stands for. */
export function mapDrainDiagnostics(diagnostics: readonly Diagnostic[], drains: readonly Drain[]): Diagnostic[] {
  if (drains.length === 0) return [...diagnostics];
  const byTemp = new Map<string, Drain>();
  for (const d of drains) {
    byTemp.set(d.temp, d);
    byTemp.set(d.stream, d);
  }
  return diagnostics.map((d) => {
    const drain = (d.unit && byTemp.get(d.unit)) || (d.stream && byTemp.get(d.stream));
    if (!drain) return d;
    return { ...d, unit: drain.unit, port: drain.port, stream: undefined, path: 'streams' };
  });
}
