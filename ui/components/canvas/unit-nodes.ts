/**
 * The units of the plant on screen as React Flow nodes (and, when asked, the units the mode takes
 * out of service, as ghosts). A node object is rebuilt only when what it shows changes.
 */
import { useMemo, useRef } from 'react';
import type { UnitDecl, UnitRegistry } from '../../../core';
import type { DiagnosticMap } from '../../state/diagnostics-map';
import { unitLabel, unitPorts, unitPosition, type Position } from '../../state/doc';
import { NODE_WIDTH, nodeHeight } from '../../state/geometry';
import { unitWarnings } from '../../state/lint';
import { own } from '../../state/own';
import type { PilotBadges } from '../../state/pilot';
import type { PlantView } from '../../state/plant';
import type { specsByPlace } from '../../state/specs';
import { useServices } from '../context';
import type { UnitFlowNode, UnitNodeData } from '../UnitNode';

const NO_IDS: string[] = [];

interface UnitNodeInputs {
  plant: PlantView;
  /** The base units: the ghosts are drawn from them. */
  docUnits: Readonly<Record<string, UnitDecl>>;
  ghosts: boolean;
  diag: DiagnosticMap;
  selectedUnits: readonly string[];
  badges: PilotBadges;
  open: ReadonlyMap<string, Record<string, string>>;
  specs: ReturnType<typeof specsByPlace>;
  solveWarnings: ReadonlyMap<string, string[]>;
  zoomedOut: boolean;
}

/** What a unit's node shows besides the unit itself. */
type NodeNotes = Pick<UnitNodeInputs, 'plant' | 'diag' | 'badges' | 'open' | 'specs' | 'solveWarnings' | 'zoomedOut'>;

interface CachedNode {
  unit: UnitDecl;
  key: string;
  node: UnitFlowNode;
}

const grid = (i: number): Position => ({ x: (i % 6) * 240, y: Math.floor(i / 6) * 160 });

/** The problems of the unit's ports, by port: "<unit>.<port>" keys only (not deeper paths). */
function portErrorsOf(diag: DiagnosticMap, id: string): Record<string, string> {
  const portErrors: Record<string, string> = {};
  for (const [key, ds] of diag.ports) if (key.startsWith(`${id}.`) && key.slice(id.length + 1).indexOf('.') < 0) portErrors[key.slice(id.length + 1)] = ds.map((d) => d.message).join('\n');
  return portErrors;
}

function unitNodeData(id: string, unit: UnitDecl, ghost: boolean, notes: NodeNotes, registry: UnitRegistry): UnitNodeData {
  const { plant, diag, badges, open, specs, solveWarnings, zoomedOut } = notes;
  const errors = ghost ? undefined : diag.units.get(id);
  const portErrors = ghost ? {} : portErrorsOf(diag, id);
  const diff = plant.added.has(id) ? 'new in this mode' : plant.changed.has(id) ? `this mode changes ${plant.changed.get(id)!.join(', ')}` : undefined;
  return {
    label: unitLabel(id, unit),
    type: unit.type,
    ports: unitPorts(unit, registry),
    errors: (errors ?? []).map((d) => d.message),
    portErrors,
    idle: ghost,
    badge: ghost ? undefined : badges.units.get(id),
    diff,
    open: ghost ? undefined : open.get(id),
    specs: specs.units.get(id) ?? NO_IDS,
    warnings: ghost ? NO_IDS : [...unitWarnings(unit, registry.get(unit.type)), ...(solveWarnings.get(id) ?? [])],
    compact: zoomedOut,
  };
}

/** What the node shows, as text; with its unit and its badge (both by identity) it decides whether the node is rebuilt. */
const nodeKey = (data: UnitNodeData, selected: boolean) =>
  JSON.stringify([data.label, data.errors, data.portErrors, data.idle, data.diff, data.open, data.specs, data.warnings, selected, data.compact]);

function newUnitNode(id: string, unit: UnitDecl, data: UnitNodeData, i: number, selected: boolean): UnitFlowNode {
  const ghost = data.idle;
  const height = nodeHeight(data.ports);
  return {
    id,
    type: 'unit',
    position: unitPosition(unit) ?? grid(i),
    selected: !ghost && selected,
    selectable: !ghost,
    draggable: !ghost,
    connectable: !ghost,
    width: NODE_WIDTH,
    height,
    measured: { width: NODE_WIDTH, height },
    data,
  };
}

export function useUnitNodes(inputs: UnitNodeInputs): UnitFlowNode[] {
  const { registry } = useServices();
  const cache = useRef(new Map<string, CachedNode>());
  const { plant, docUnits, ghosts, diag, selectedUnits, badges, open, specs, solveWarnings, zoomedOut } = inputs;
  return useMemo(() => {
    const selected = new Set(selectedUnits);
    const next = new Map<string, CachedNode>();
    const list: UnitFlowNode[] = [];
    const ids = Object.keys(plant.units);
    const notes: NodeNotes = { plant, diag, badges, open, specs, solveWarnings, zoomedOut };
    const add = (id: string, unit: UnitDecl, i: number, ghost: boolean) => {
      const data = unitNodeData(id, unit, ghost, notes, registry);
      const key = nodeKey(data, selected.has(id));
      const cacheKey = ghost ? `ghost:${id}` : id;
      const old = cache.current.get(cacheKey);
      const kept = old && old.unit === unit && old.key === key && old.node.data.badge === data.badge ? old : undefined;
      const entry = kept ?? { unit, key, node: newUnitNode(cacheKey, unit, data, i, selected.has(id)) };
      next.set(cacheKey, entry);
      list.push(entry.node);
    };
    ids.forEach((id, i) => add(id, plant.units[id], i, false));
    if (ghosts) plant.idle.forEach((id, i) => own(docUnits, id) && add(id, docUnits[id], ids.length + i, true));
    cache.current = next;
    return list;
  }, [plant, docUnits, ghosts, diag, selectedUnits, registry, badges, open, specs, solveWarnings, zoomedOut]);
}
