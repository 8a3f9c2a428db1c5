/**
 * The size of a unit's box and where its ports sit, shared by the canvas, the auto-layout and the
 * SVG export so that all three draw the same plant. Inlets on the left, outlets on the right.
 */
import type { PortDecl } from '../../core';

export const NODE_WIDTH = 200;
const HEADER_HEIGHT = 34;
const PORT_ROW = 20;

export function nodeHeight(ports: readonly PortDecl[]): number {
  const ins = ports.filter((p) => p.direction === 'in').length;
  const outs = ports.length - ins;
  return HEADER_HEIGHT + Math.max(ins, outs, 1) * PORT_ROW + 8;
}

/** Offset of a port's handle from the node's top-left corner. */
export function portOffset(ports: readonly PortDecl[], name: string): { x: number; y: number } | undefined {
  const port = ports.find((p) => p.name === name);
  if (!port) return undefined;
  const side = ports.filter((p) => p.direction === port.direction);
  const i = side.indexOf(port);
  return { x: port.direction === 'in' ? 0 : NODE_WIDTH, y: HEADER_HEIGHT + i * PORT_ROW + PORT_ROW / 2 };
}

/** Colours of the phases, for handles and edges. */
export const PHASE_COLOURS: Record<string, string> = {
  aq: '#1f77b4',
  org: '#d62728',
  s: '#8c564b',
  g: '#7f7f7f',
  l: '#17becf',
};

export const PHASE_NAMES: Record<string, string> = { aq: 'aqueous', org: 'organic', s: 'solid', g: 'gas', l: 'liquid' };
