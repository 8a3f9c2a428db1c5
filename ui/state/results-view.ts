/**
 * The solved plant arranged for display: the stream table in a chosen flow unit, sorted; its CSV;
 * recovery and grade per product and element; one element's flow through the plant as a Sankey
 * graph (recycles cut into "↺" nodes so the graph stays acyclic).
 */
import Papa from 'papaparse';
import type { FlowsheetResults, StreamResult } from '../../core';
import { ATOMIC_WEIGHTS, type SpeciesInfo } from '../../core/chemistry';
import { parseRef } from './doc';

export type FlowUnit = 'kg/h' | 't/h' | 'kmol/h';
export const FLOW_UNITS: readonly FlowUnit[] = ['kg/h', 't/h', 'kmol/h'];

export interface StreamRow {
  id: string;
  from: string;
  to: string;
  total: number;
  flows: Record<string, number>;
}

export interface SortKey {
  column: string;
  descending: boolean;
}

export function streamFlows(s: StreamResult, unit: FlowUnit): Record<string, number> {
  if (unit === 'kmol/h') return s.molarFlow;
  if (unit === 'kg/h') return s.massFlow;
  return Object.fromEntries(Object.entries(s.massFlow).map(([k, v]) => [k, v / 1000]));
}

export function streamRows(results: FlowsheetResults, unit: FlowUnit): StreamRow[] {
  return Object.entries(results.streams).map(([id, s]) => {
    const flows = streamFlows(s, unit);
    const total = unit === 'kmol/h' ? s.totals.molar : unit === 'kg/h' ? s.totals.mass : s.totals.mass / 1000;
    return { id, from: s.from, to: s.to, total, flows };
  });
}

/** Species that flow anywhere, in the order of the file's species. */
export function flowingSpecies(results: FlowsheetResults, declared: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const s of Object.values(results.streams)) for (const k of Object.keys(s.massFlow)) seen.add(k);
  return [...declared.filter((id) => seen.has(id)), ...[...seen].filter((id) => !declared.includes(id))];
}

const collator = new Intl.Collator(undefined, { numeric: true });

export function sortRows(rows: readonly StreamRow[], key: SortKey): StreamRow[] {
  const value = (r: StreamRow): string | number => {
    if (key.column === 'id' || key.column === 'from' || key.column === 'to') return r[key.column];
    if (key.column === 'total') return r.total;
    return r.flows[key.column] ?? 0;
  };
  const sign = key.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
    return sign * c || collator.compare(a.id, b.id);
  });
}

export function streamTableCsv(rows: readonly StreamRow[], species: readonly string[], unit: FlowUnit): string {
  const fields = ['stream', 'from', 'to', `total [${unit}]`, ...species.map((s) => `${s} [${unit}]`)];
  const data = rows.map((r) => [r.id, r.from, r.to, r.total, ...species.map((s) => r.flows[s] ?? 0)]);
  return Papa.unparse({ fields, data });
}

/** kg/h of each element in a stream. */
export function elementFlows(s: StreamResult, species: ReadonlyMap<string, SpeciesInfo>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [id, n] of Object.entries(s.molarFlow)) {
    const info = species.get(id);
    if (!info) continue;
    for (const [el, count] of Object.entries(info.elements)) out[el] = (out[el] ?? 0) + n * count * (ATOMIC_WEIGHTS[el] ?? 0);
  }
  return out;
}

export function speciesElementMass(id: string, kg: number, species: ReadonlyMap<string, SpeciesInfo>, element: string): number {
  const info = species.get(id);
  if (!info || !info.elements[element]) return 0;
  return (kg / info.molarMass) * info.elements[element] * (ATOMIC_WEIGHTS[element] ?? 0);
}

export interface RecoveryRow {
  product: string;
  massFlow: number;
  recovery: Record<string, number>;
  grade: Record<string, number>;
}

export function recoveryRows(results: FlowsheetResults): { elements: string[]; rows: RecoveryRow[] } {
  const elements = Object.keys(results.elements).filter((el) => Object.values(results.recovery).some((r) => el in r));
  const rows = Object.keys(results.recovery).map((product) => ({
    product,
    massFlow: results.grade[product]?.massFlow ?? 0,
    recovery: results.recovery[product],
    grade: results.grade[product]?.elements ?? {},
  }));
  return { elements, rows };
}

export interface SankeyNodeSpec {
  id: string;
  label: string;
  kind: 'unit' | 'reagent' | 'recycle';
}

export interface SankeyLinkSpec {
  source: string;
  target: string;
  /** kg/h of the element. */
  value: number;
  stream?: string;
}

/**
 * One element's flow through the plant: units are nodes, streams are links weighted by the
 * element's kg/h, reagent doses come in from "reagents" nodes. A stream that closes a recycle
 * loop ends at a "↺ unit" node instead of going back upstream.
 */
export function elementSankey(
  results: FlowsheetResults,
  species: ReadonlyMap<string, SpeciesInfo>,
  element: string,
  unitOrder: readonly string[],
): { nodes: SankeyNodeSpec[]; links: SankeyLinkSpec[]; recycles: string[] } {
  const links: SankeyLinkSpec[] = [];
  for (const [id, s] of Object.entries(results.streams)) {
    let value = 0;
    for (const [sp, kg] of Object.entries(s.massFlow)) value += speciesElementMass(sp, kg, species, element);
    links.push({ source: parseRef(s.from).unit, target: parseRef(s.to).unit, value, stream: id });
  }
  for (const [unit, doses] of Object.entries(results.reagents)) {
    let value = 0;
    for (const [sp, kg] of Object.entries(doses)) value += speciesElementMass(sp, kg, species, element);
    links.push({ source: `reagents→${unit}`, target: unit, value });
  }
  const max = links.reduce((m, l) => Math.max(m, l.value), 0);
  const kept = links.filter((l) => l.value > 1e-9 * max && l.value > 0);

  // Cut recycles: depth-first from sources, in the file's order; an edge back onto the stack closes a loop.
  const out = new Map<string, SankeyLinkSpec[]>();
  const nodesIn = new Set<string>();
  for (const l of kept) {
    (out.get(l.source) ?? out.set(l.source, []).get(l.source)!).push(l);
    nodesIn.add(l.target);
  }
  const all = [...new Set([...kept.flatMap((l) => [l.source, l.target])])];
  const order = (id: string) => {
    const i = unitOrder.indexOf(id);
    return i < 0 ? unitOrder.length : i;
  };
  const roots = [...all.filter((n) => !nodesIn.has(n)), ...all].sort((a, b) => Number(nodesIn.has(a)) - Number(nodesIn.has(b)) || order(a) - order(b));
  const state = new Map<string, 1 | 2>();
  const back = new Set<SankeyLinkSpec>();
  for (const root of roots) {
    if (state.has(root)) continue;
    const stack: { node: string; i: number }[] = [{ node: root, i: 0 }];
    state.set(root, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const edges = out.get(top.node) ?? [];
      if (top.i >= edges.length) {
        state.set(top.node, 2);
        stack.pop();
        continue;
      }
      const e = edges[top.i++];
      const s = state.get(e.target);
      if (s === 1) back.add(e);
      else if (s === undefined) {
        state.set(e.target, 1);
        stack.push({ node: e.target, i: 0 });
      }
    }
  }
  const recycles: string[] = [];
  const finalLinks = kept.map((l) => {
    if (!back.has(l)) return l;
    if (l.stream) recycles.push(l.stream);
    return { ...l, target: `↺${l.target}` };
  });
  const ids = [...new Set(finalLinks.flatMap((l) => [l.source, l.target]))];
  const nodes: SankeyNodeSpec[] = ids.map((id) =>
    id.startsWith('reagents→')
      ? { id, label: 'reagents', kind: 'reagent' }
      : id.startsWith('↺')
        ? { id, label: `↺ ${id.slice(1)}`, kind: 'recycle' }
        : { id, label: id, kind: 'unit' },
  );
  return { nodes, links: finalLinks, recycles };
}

// Intl formatters are costly to create: make each once.
const SIG4 = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });
const PCT1 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const PCT3 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

/** A number as shown in tables: 4 significant digits, thousands separated. */
export function formatFlow(x: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e6 || a < 1e-3) return x.toExponential(3);
  return SIG4.format(x);
}

export const formatPercent = (x: number) => `${(x < 0.01 ? PCT3 : PCT1).format(x * 100)} %`;

// --- display views: every cell formatted once, each row with a key that changes only when its text does ---

/** The phase carrying most of a stream's mass (the colour of its line on the diagram). */
export function dominantPhase(r: StreamResult | undefined): string | undefined {
  if (!r) return undefined;
  let best: string | undefined;
  let max = 0;
  for (const [p, m] of Object.entries(r.totals.byPhase)) if (m > max) [best, max] = [p, m];
  return best;
}

/** A stream's label on the diagram: "s4 · 1,234 kg/h". */
export function streamLabel(id: string, r: StreamResult | undefined, problem: boolean): string {
  return `${id}${r ? ` · ${formatFlow(r.totals.mass)} kg/h` : ''}${problem ? ' ⚠' : ''}`;
}

export interface RecoveryTableRow {
  product: string;
  /** kg/h, then recovery and grade of each element. */
  cells: string[];
  /** Changes when (and only when) what the row shows changes. */
  key: string;
}

export interface RecoveryTableView {
  elements: string[];
  rows: RecoveryTableRow[];
  balance: { element: string; in: string; out: string }[];
}

export function recoveryTable(results: FlowsheetResults): RecoveryTableView {
  const { elements, rows } = recoveryRows(results);
  const head = elements.join(',');
  return {
    elements,
    rows: rows.map((r) => {
      const cells = [formatFlow(r.massFlow)];
      for (const el of elements) {
        cells.push(r.recovery[el] !== undefined ? formatPercent(r.recovery[el]) : '');
        cells.push(r.grade[el] !== undefined ? formatPercent(r.grade[el]) : '');
      }
      return { product: r.product, cells, key: `${head}|${r.product}|${cells.join('|')}` };
    }),
    balance: Object.entries(results.elements).map(([element, b]) => ({ element, in: formatFlow(b.in), out: formatFlow(b.out) })),
  };
}

export interface StreamTableRow {
  id: string;
  from: string;
  to: string;
  /** Total, then each species in the order given. */
  cells: string[];
  key: string;
}

export function streamTable(rows: readonly StreamRow[], species: readonly string[]): StreamTableRow[] {
  const head = species.join(',');
  return rows.map((r) => {
    const cells = [formatFlow(r.total), ...species.map((s) => (r.flows[s] ? formatFlow(r.flows[s]) : ''))];
    return { id: r.id, from: r.from, to: r.to, cells, key: `${head}|${r.id}|${r.from}|${r.to}|${cells.join('|')}` };
  });
}
