/**
 * The diagram: React Flow over the plant on screen — the base flowsheet or the selected mode's
 * plant (its own units and routing; the units it takes out are not drawn, or drawn as ghosts when
 * asked). Nodes and edges are derived from the plant, the diagnostics, the results and the pilot
 * data; the only local state is the position of nodes while they are dragged, committed as one
 * move command when the drag ends. Structural edits (add, connect, delete, move) go to the plant
 * on screen: in a mode, to that mode.
 *
 * Speed on big plants: a node or edge object is rebuilt only when what it shows changes (an edge's
 * label text, colour, problems, badge; not the fifth digit of a flow), so React Flow re-renders
 * only those; an unchanged list keeps its identity; every prop handed to React Flow is stable, so a
 * re-render of this component does not re-render every edge wrapper inside React Flow.
 */
import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore,
} from '@xyflow/react';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { UnitDecl } from '../../core';
import { formatNumber } from '../../core/format';
import { dominantPhase, streamLabel } from '../state/diagram';
import { parseRef, unitLabel, unitPorts, unitPosition, type Position } from '../state/doc';
import { unitWarnings } from '../state/lint';
import { openPorts } from '../state/drains';
import { NODE_WIDTH, nodeHeight } from '../state/geometry';
import { own } from '../state/own';
import { plantSpecs, specsByPlace } from '../state/specs';
import { useAutoLayoutOnOpen } from './canvas/auto-layout';
import { BadgeScale, usePilotBadges } from './canvas/BadgeScale';
import { useConnectionHandlers } from './canvas/connections';
import { useFocusInView } from './canvas/focus';
import { useKeepRegionInView } from './canvas/keep-region-in-view';
import { useLatest } from './canvas/latest';
import { useNodeDrag } from './canvas/node-drag';
import { ArrangingNotice, IdleTray } from './canvas/Overlays';
import { usePaletteDrop } from './canvas/palette-drop';
import { useReadableViewOnOpen } from './canvas/readable-view';
import { useSelectionHandlers } from './canvas/selection';
import { useEditor, useServices } from './context';
import { useDiagnosticMap, useDrains, usePlant, useResults, useShownStale } from './derived';
import { StreamEdge, type StreamFlowEdge } from './StreamEdge';
import { UnitNode, type UnitFlowNode, type UnitNodeData } from './UnitNode';

export { UNIT_MIME } from './canvas/palette-drop';

const nodeTypes = { unit: UnitNode };
const edgeTypes = { stream: StreamEdge };
const marker = { type: MarkerType.ArrowClosed, width: 16, height: 16 };
const DELETE_KEYS = ['Delete', 'Backspace'];
/** Shift+click adds to the selection (as Ctrl/Cmd+click does); Shift+drag still draws a selection box. */
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const PRO_OPTIONS = { hideAttribution: true };
const MINIMAP_SIZE = { width: 160, height: 110 };
const NO_ERRORS: string[] = [];
const NO_IDS: string[] = [];
const MIN_ZOOM = 0.05;
const MAX_ZOOM = 3;

interface CachedNode {
  unit: UnitDecl;
  key: string;
  node: UnitFlowNode;
}

const grid = (i: number): Position => ({ x: (i % 6) * 240, y: Math.floor(i / 6) * 160 });

export function Canvas() {
  const { registry } = useServices();
  const doc = useEditor((s) => s.doc);
  const mode = useEditor((s) => s.mode);
  const plant = usePlant();
  const selection = useEditor((s) => s.selection);
  const epoch = useEditor((s) => s.epoch);
  const focus = useEditor((s) => s.focus);
  const diag = useDiagnosticMap();
  const results = useResults();
  const drains = useDrains();
  const stale = useShownStale();
  const { badges, badgesStale } = usePilotBadges();
  const [ghosts, setGhosts] = useState(false);
  const rf = useReactFlow();
  // Far out, labels are unreadable: leave them out of the paint.
  const zoomedOut = useStore((s) => s.transform[2] < 0.45);
  const cache = useRef(new Map<string, CachedNode>());
  const specs = useMemo(() => specsByPlace(plantSpecs(doc, mode)), [doc, mode]);
  const open = useMemo(() => {
    const byUnit = new Map<string, Record<string, string>>();
    for (const p of openPorts(doc, mode, registry)) {
      const d = drains.find((x) => x.unit === p.unit && x.port === p.port);
      const flow = d && results?.streams[d.stream];
      const text = p.direction === 'out' ? `open: to a temporary product${flow ? ` · ${formatNumber(flow.totals.mass)} kg/h` : ''}` : 'open: nothing flows in';
      byUnit.set(p.unit, { ...byUnit.get(p.unit), [p.port]: text });
    }
    return byUnit;
  }, [doc, mode, registry, drains, results]);

  // Warnings of the last solve (a splitter's fractions normalised, ...), by unit.
  const solveWarnings = useMemo(() => {
    const byUnit = new Map<string, string[]>();
    for (const w of results?.warnings ?? []) if (w.unit) byUnit.set(w.unit, [...(byUnit.get(w.unit) ?? []), w.message]);
    return byUnit;
  }, [results]);

  const derivedNodes = useMemo(() => {
    const selected = new Set(selection.units);
    const next = new Map<string, CachedNode>();
    const list: UnitFlowNode[] = [];
    const ids = Object.keys(plant.units);
    const add = (id: string, unit: UnitDecl, i: number, ghost: boolean) => {
      const errors = ghost ? undefined : diag.units.get(id);
      const portErrors: Record<string, string> = {};
      if (!ghost) for (const [key, ds] of diag.ports) if (key.startsWith(`${id}.`) && key.slice(id.length + 1).indexOf('.') < 0) portErrors[key.slice(id.length + 1)] = ds.map((d) => d.message).join('\n');
      const diff = plant.added.has(id) ? 'new in this mode' : plant.changed.has(id) ? `this mode changes ${plant.changed.get(id)!.join(', ')}` : undefined;
      const data: UnitNodeData = {
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
      const key = JSON.stringify([data.label, data.errors, portErrors, ghost, diff, data.open, data.specs, data.warnings, selected.has(id), zoomedOut]);
      const cacheKey = ghost ? `ghost:${id}` : id;
      const old = cache.current.get(cacheKey);
      if (old && old.unit === unit && old.key === key && old.node.data.badge === data.badge) {
        next.set(cacheKey, old);
        list.push(old.node);
        return;
      }
      const height = nodeHeight(data.ports);
      const node: UnitFlowNode = {
        id: cacheKey,
        type: 'unit',
        position: unitPosition(unit) ?? grid(i),
        selected: !ghost && selected.has(id),
        selectable: !ghost,
        draggable: !ghost,
        connectable: !ghost,
        width: NODE_WIDTH,
        height,
        measured: { width: NODE_WIDTH, height },
        data,
      };
      next.set(cacheKey, { unit, key, node });
      list.push(node);
    };
    ids.forEach((id, i) => add(id, plant.units[id], i, false));
    if (ghosts) plant.idle.forEach((id, i) => own(doc.units, id) && add(id, doc.units[id], ids.length + i, true));
    cache.current = next;
    return list;
  }, [plant, doc.units, ghosts, diag, selection.units, registry, badges, open, specs, solveWarnings, zoomedOut]);

  const { nodes, dragTo, onNodeDragStop } = useNodeDrag(derivedNodes);

  const [hovered, setHovered] = useState<string | undefined>(undefined);
  const edgeCache = useRef(new Map<string, StreamFlowEdge>());
  const prevEdges = useRef<StreamFlowEdge[] | undefined>(undefined);
  const edges = useMemo<StreamFlowEdge[]>(() => {
    const selected = new Set(selection.streams);
    const next = new Map<string, StreamFlowEdge>();
    const out: StreamFlowEdge[] = [];
    for (const id of Object.keys(plant.streams)) {
      const s = plant.streams[id];
      const f = parseRef(s.from);
      const t = parseRef(s.to);
      if (!own(plant.units, f.unit) || !own(plant.units, t.unit)) continue;
      const r = results?.streams[id];
      const problems = diag.streams.get(id);
      const errors = problems ? problems.map((d) => d.message) : NO_ERRORS;
      const data = {
        // Far out, labels are not drawn (they are unreadable): flows that change then change nothing here.
        label: zoomedOut ? undefined : streamLabel(id, r, errors.length > 0),
        phase: dominantPhase(r),
        errors,
        idle: false,
        hovered: hovered === id,
        badge: badges.streams.get(id),
        rewired: plant.rewired.has(id) && mode !== undefined,
        specs: specs.streams.get(id) ?? NO_IDS,
      };
      const old = edgeCache.current.get(id);
      const o = old?.data;
      // Keep the edge object when nothing it shows has changed: React Flow then skips it.
      if (
        old &&
        o &&
        old.source === f.unit &&
        old.sourceHandle === f.port &&
        old.target === t.unit &&
        old.targetHandle === t.port &&
        !!old.selected === selected.has(id) &&
        o.label === data.label &&
        o.phase === data.phase &&
        o.hovered === data.hovered &&
        o.badge === data.badge &&
        o.rewired === data.rewired &&
        (o.specs ?? NO_IDS).join() === data.specs.join() &&
        (o.errors === data.errors || o.errors.join('\n') === data.errors.join('\n'))
      ) {
        next.set(id, old);
        out.push(old);
        continue;
      }
      const edge: StreamFlowEdge = {
        id,
        type: 'stream',
        source: f.unit,
        sourceHandle: f.port,
        target: t.unit,
        targetHandle: t.port,
        selected: selected.has(id),
        markerEnd: marker,
        data,
      };
      next.set(id, edge);
      out.push(edge);
    }
    const prev = edgeCache.current;
    edgeCache.current = next;
    // An unchanged list keeps its identity, so React Flow does not rebuild its connection lookups.
    if (out.length === prev.size && out.every((e) => prev.get(e.id) === e) && prevEdges.current) return prevEdges.current;
    prevEdges.current = out;
    return out;
  }, [plant, mode, selection.streams, results, diag, hovered, zoomedOut, badges, specs]);

  const onEdgeMouseEnter = useCallback((_e: unknown, edge: StreamFlowEdge) => setHovered(edge.id), []);
  const onEdgeMouseLeave = useCallback(() => setHovered(undefined), []);

  const box = useRef<HTMLDivElement>(null);
  const plantRef = useLatest(plant);
  useAutoLayoutOnOpen(epoch);
  useKeepRegionInView(box, rf);
  useReadableViewOnOpen({ box, rf, nodes, epoch, mode });
  useFocusInView(focus, plantRef, rf);

  const { onNodesChange, onEdgesChange, onBeforeDelete } = useSelectionHandlers(dragTo);
  const connecting = useConnectionHandlers(plantRef);
  const { onDragOver, onDrop } = usePaletteDrop(rf);

  const many = nodes.length > 150;
  return (
    <div
      className={`canvas${stale ? ' stale' : ''}${zoomedOut ? ' zoomed-out' : ''}${badgesStale ? ' pilot-stale' : ''}`}
      onDragOver={onDragOver}
      onDrop={onDrop}
      data-testid="canvas"
      data-mode={mode ?? ''}
      ref={box}
    >
      <ReactFlow<UnitFlowNode, StreamFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={connecting.onConnect}
        onConnectEnd={connecting.onConnectEnd}
        isValidConnection={connecting.isValidConnection}
        onBeforeDelete={onBeforeDelete}
        onEdgeMouseEnter={onEdgeMouseEnter}
        onEdgeMouseLeave={onEdgeMouseLeave}
        deleteKeyCode={DELETE_KEYS}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        onlyRenderVisibleElements={many}
        minZoom={MIN_ZOOM}
        maxZoom={MAX_ZOOM}
        proOptions={PRO_OPTIONS}
      >
        <Background gap={20} size={1} />
        {(badges.streams.size > 0 || badges.units.size > 0) && <BadgeScale box={box} />}
        <Controls showInteractive={false} position="bottom-left" />
        {!many && <MiniMap pannable zoomable nodeStrokeWidth={2} position="bottom-right" className="minimap" style={MINIMAP_SIZE} bgColor="var(--panel)" nodeColor="var(--line)" maskColor="color-mix(in srgb, var(--text) 12%, transparent)" />}
      </ReactFlow>
      <ArrangingNotice units={doc.units} />
      {mode !== undefined && plant.idle.length > 0 && <IdleTray mode={mode} idle={plant.idle.length} ghosts={ghosts} onGhosts={setGhosts} />}
    </div>
  );
}
