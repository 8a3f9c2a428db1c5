/**
 * Auto-layout on demand with elkjs (layered, left to right): inlets on the west side of each box,
 * outlets on the east, in the order the unit declares them. Returns new positions; the caller
 * applies them as one undoable command. A plant opened without positions is laid out whole: the
 * base, and every mode with units or routing of its own (its positions go into the mode). In
 * the browser elk runs in a Web Worker of its own, so laying out a big plant never holds up the
 * page (nor the first results, which arrive while it works); in Node, in the calling thread.
 */
import type { ELK as Elk } from 'elkjs/lib/elk-api';
import type { FlowsheetDoc, StreamDecl, UnitDecl, UnitRegistry } from '../../core';
import type { Command } from '../state/commands';
import { moveUnits } from '../state/commands';
import { parseRef, unitPorts, unitPosition, type Position } from '../state/doc';
import { NODE_WIDTH, nodeHeight } from '../state/geometry';
import { plantView } from '../state/plant';

type Plant = { units: Readonly<Record<string, UnitDecl>>; streams: Readonly<Record<string, StreamDecl>> };

let elk: Promise<Elk> | undefined;

function layoutEngine(): Promise<Elk> {
  // The production build always has workers: the in-thread engine is left out of it.
  elk ??=
    import.meta.env.MODE !== 'production' && typeof Worker === 'undefined'
      ? import('elkjs/lib/elk.bundled.js').then(({ default: ELK }) => new ELK())
      : Promise.all([import('elkjs/lib/elk-api.js'), import('elkjs/lib/elk-worker.min.js?url')]).then(([{ default: ELK }, { default: url }]) => new ELK({ workerFactory: () => new Worker(url) }));
  return elk;
}

/** Positions for every unit of `doc`; `engine` is the page's (a worker) unless a script gives its own. */
export async function autoLayout(doc: Plant, registry: UnitRegistry, engine: Elk | Promise<Elk> = layoutEngine()): Promise<Record<string, Position>> {
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
    .filter(([, s]) => portIds.has(s.from) && portIds.has(s.to) && Object.hasOwn(doc.units, parseRef(s.from).unit) && Object.hasOwn(doc.units, parseRef(s.to).unit))
    .map(([id, s]) => ({ id, sources: [s.from], targets: [s.to] }));
  const graph = await (await engine).layout({
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

/** Whether the plant has no position at all (a file written by hand or by another program). */
export const unplaced = (doc: FlowsheetDoc) => Object.keys(doc.units).length > 0 && !Object.values(doc.units).some((u) => unitPosition(u));

/** Lays out the base plant and every mode with units or routing of its own, as commands to apply together. */
export async function layoutAll(doc: FlowsheetDoc, registry: UnitRegistry, engine?: Elk): Promise<Command[]> {
  const commands = [moveUnits(await autoLayout(doc, registry, engine), 'auto-layout')];
  for (const mode of Object.keys(doc.modes ?? {})) {
    const plant = plantView(doc, mode);
    if (!plant.ownRouting && plant.added.size === 0) continue;
    commands.push(moveUnits(await autoLayout(plant, registry, engine), 'auto-layout', mode));
  }
  return commands;
}

/** Several commands as one (applied in order). */
export function together(label: string, commands: readonly Command[]): Command {
  return { label, run: (draft) => void commands.forEach((c) => c.run(draft)) };
}
