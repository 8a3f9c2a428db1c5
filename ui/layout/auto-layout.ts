/**
 * Auto-layout on demand with elkjs (layered, left to right): inlets on the west side of each box,
 * outlets on the east, in the order the unit declares them. Returns new positions; the caller
 * applies them as one undoable command.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { FlowsheetDoc, UnitRegistry } from '../../core';
import { parseRef, unitPorts, type Position } from '../state/doc';
import { NODE_WIDTH, nodeHeight } from '../state/geometry';

export async function autoLayout(doc: FlowsheetDoc, registry: UnitRegistry): Promise<Record<string, Position>> {
  const elk = new ELK();
  const portIds = new Set<string>();
  const children = Object.entries(doc.units).map(([id, unit]) => {
    const ports = unitPorts(unit, registry);
    return {
      id,
      width: NODE_WIDTH,
      height: nodeHeight(ports),
      layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
      ports: ports.map((p, i) => {
        const pid = `${id}.${p.name}`;
        portIds.add(pid);
        return {
          id: pid,
          width: 8,
          height: 8,
          layoutOptions: { 'elk.port.side': p.direction === 'in' ? 'WEST' : 'EAST', 'elk.port.index': String(p.direction === 'in' ? ports.length - i : i) },
        };
      }),
    };
  });
  const edges = Object.entries(doc.streams)
    .filter(([, s]) => portIds.has(s.from) && portIds.has(s.to) && parseRef(s.from).unit in doc.units && parseRef(s.to).unit in doc.units)
    .map(([id, s]) => ({ id, sources: [s.from], targets: [s.to] }));
  const graph = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.spacing.nodeNode': '40',
      'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children,
    edges,
  });
  const positions: Record<string, Position> = {};
  for (const c of graph.children ?? []) positions[c.id] = { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) };
  return positions;
}
