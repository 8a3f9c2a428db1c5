/**
 * One element's flow through the plant as a Sankey graph: units are nodes (named by their
 * labels), streams are links weighted by the element's kg/h, reagent doses come in from
 * "reagents" nodes; recycles are cut into "↺" nodes so the graph stays acyclic.
 */
import type { FlowsheetResults } from '../../core';
import type { SpeciesInfo } from '../../core/chemistry';
import { parseRef } from './doc';
import { elementMassOf } from './recovery';

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
  labelOf: (unit: string) => string = (u) => u,
): { nodes: SankeyNodeSpec[]; links: SankeyLinkSpec[]; recycles: string[] } {
  const links: SankeyLinkSpec[] = [];
  for (const [id, s] of Object.entries(results.streams)) {
    let value = 0;
    for (const [sp, kg] of Object.entries(s.massFlow)) value += elementMassOf(species.get(sp), kg, element);
    links.push({ source: parseRef(s.from).unit, target: parseRef(s.to).unit, value, stream: id });
  }
  for (const [unit, doses] of Object.entries(results.reagents)) {
    let value = 0;
    for (const [sp, kg] of Object.entries(doses)) value += elementMassOf(species.get(sp), kg, element);
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
        ? { id, label: `↺ ${labelOf(id.slice(1))}`, kind: 'recycle' }
        : { id, label: labelOf(id), kind: 'unit' },
  );
  return { nodes, links: finalLinks, recycles };
}

