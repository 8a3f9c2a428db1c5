/**
 * The diagram: React Flow over the document. Nodes and edges are derived from the document, the
 * diagnostics, the results and the pilot data; the only local state is the position of nodes while
 * they are dragged, committed as one move command when the drag ends.
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
  type Connection,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
  type OnBeforeDelete,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type RefObject } from 'react';
import type { UnitDecl } from '../../core';
import { addUnit, connect, moveUnits, removeSelection } from '../state/commands';
import { freshId, parseRef, unitLabel, unitPorts, unitPosition, type Position } from '../state/doc';
import { NODE_WIDTH, nodeHeight } from '../state/geometry';
import { pilotBadges, pilotKey, sameKey, type PilotBadge } from '../state/pilot';
import { dominantPhase, streamLabel } from '../state/results-view';
import { checkConnection } from '../state/validate';
import { useEditor, useServices } from './context';
import { useDiagnosticMap, useIdleUnits, useResults, useShownStale } from './derived';
import { StreamEdge, type StreamFlowEdge } from './StreamEdge';
import { UnitNode, type UnitFlowNode } from './UnitNode';

export const UNIT_MIME = 'application/x-flexsheet-unit';

const nodeTypes = { unit: UnitNode };
const edgeTypes = { stream: StreamEdge };
const marker = { type: MarkerType.ArrowClosed, width: 16, height: 16 };
const DELETE_KEYS = ['Delete', 'Backspace'];
const PRO_OPTIONS = { hideAttribution: true };
const NO_ERRORS: string[] = [];
const MIN_ZOOM = 0.05;
const MAX_ZOOM = 3;

/** The pilot data's reconciliation on screen is not about the plant as it is now. */
const pilotStale = (s: Parameters<typeof pilotKey>[0]) => {
  const g = s.pilot.lastGood;
  const key = pilotKey(s);
  return !!g && (!key || !sameKey(g.key, key));
};

interface CachedNode {
  unit: UnitDecl;
  errors: readonly unknown[] | undefined;
  portKey: string;
  idle: boolean;
  selected: boolean;
  badge: PilotBadge | undefined;
  node: UnitFlowNode;
}

/**
 * Pilot-data badges stay readable when the whole plant is in view: they are scaled up as the
 * diagram zooms out (a CSS variable on the canvas; nothing re-renders as the zoom changes).
 */
function BadgeScale({ box }: { box: RefObject<HTMLDivElement | null> }) {
  const zoom = useStore((s) => s.transform[2]);
  useEffect(() => {
    box.current?.style.setProperty('--badge-scale', String(Math.min(3, Math.max(1, 0.9 / zoom))));
  }, [zoom, box]);
  return null;
}

export function Canvas() {
  const { store, registry } = useServices();
  const doc = useEditor((s) => s.doc);
  const selection = useEditor((s) => s.selection);
  const epoch = useEditor((s) => s.epoch);
  const diag = useDiagnosticMap();
  const idle = useIdleUnits();
  const results = useResults();
  const stale = useShownStale();
  const pilotResult = useEditor((s) => s.pilot.lastGood?.result);
  const badgesStale = useEditor(pilotStale);
  const badges = useMemo(() => pilotBadges(pilotResult), [pilotResult]);
  const rf = useReactFlow();
  // Far out, labels are unreadable: leave them out of the paint.
  const zoomedOut = useStore((s) => s.transform[2] < 0.45);
  const cache = useRef(new Map<string, CachedNode>());
  const [dragging, setDragging] = useState<ReadonlyMap<string, Position>>(new Map());

  const derivedNodes = useMemo(() => {
    const selected = new Set(selection.units);
    const next = new Map<string, CachedNode>();
    const list = Object.entries(doc.units).map(([id, unit], i) => {
      const errors = diag.units.get(id);
      const portErrors: Record<string, string> = {};
      for (const [key, ds] of diag.ports) if (key.startsWith(`${id}.`) && key.slice(id.length + 1).indexOf('.') < 0) portErrors[key.slice(id.length + 1)] = ds.map((d) => d.message).join('\n');
      const portKey = JSON.stringify(portErrors);
      const isIdle = idle.has(id);
      const isSel = selected.has(id);
      const badge = badges.units.get(id);
      const old = cache.current.get(id);
      if (old && old.unit === unit && old.errors === errors && old.portKey === portKey && old.idle === isIdle && old.selected === isSel && old.badge === badge) {
        next.set(id, old);
        return old.node;
      }
      const ports = unitPorts(unit, registry);
      const position = unitPosition(unit) ?? { x: (i % 6) * 240, y: Math.floor(i / 6) * 160 };
      const height = nodeHeight(ports);
      const node: UnitFlowNode = {
        id,
        type: 'unit',
        position,
        selected: isSel,
        width: NODE_WIDTH,
        height,
        measured: { width: NODE_WIDTH, height },
        data: { label: unitLabel(id, unit), type: unit.type, ports, errors: (errors ?? []).map((d) => d.message), portErrors, idle: isIdle, badge },
      };
      next.set(id, { unit, errors, portKey, idle: isIdle, selected: isSel, badge, node });
      return node;
    });
    cache.current = next;
    return list;
  }, [doc.units, diag, idle, selection.units, registry, badges]);

  const nodes = useMemo(
    () => (dragging.size === 0 ? derivedNodes : derivedNodes.map((n) => (dragging.has(n.id) ? { ...n, position: dragging.get(n.id)!, dragging: true } : n))),
    [derivedNodes, dragging],
  );

  const [hovered, setHovered] = useState<string | undefined>(undefined);
  const edgeCache = useRef(new Map<string, StreamFlowEdge>());
  const prevEdges = useRef<StreamFlowEdge[] | undefined>(undefined);
  const edges = useMemo<StreamFlowEdge[]>(() => {
    const selected = new Set(selection.streams);
    const next = new Map<string, StreamFlowEdge>();
    const out: StreamFlowEdge[] = [];
    for (const [id, s] of Object.entries(doc.streams)) {
      const f = parseRef(s.from);
      const t = parseRef(s.to);
      if (!(f.unit in doc.units) || !(t.unit in doc.units)) continue;
      const r = results?.streams[id];
      const problems = diag.streams.get(id);
      const errors = problems ? problems.map((d) => d.message) : NO_ERRORS;
      const data = {
        // Far out, labels are not drawn (they are unreadable): flows that change then change nothing here.
        label: zoomedOut ? undefined : streamLabel(id, r, errors.length > 0),
        phase: dominantPhase(r),
        errors,
        idle: idle.has(f.unit) || idle.has(t.unit),
        hovered: hovered === id,
        badge: badges.streams.get(id),
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
        o.idle === data.idle &&
        o.hovered === data.hovered &&
        o.badge === data.badge &&
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
  }, [doc.streams, doc.units, selection.streams, results, diag, idle, hovered, zoomedOut, badges]);

  const onEdgeMouseEnter = useCallback((_e: unknown, edge: StreamFlowEdge) => setHovered(edge.id), []);
  const onEdgeMouseLeave = useCallback(() => setHovered(undefined), []);

  // A plant opened without positions is laid out (as part of the step that opened it).
  useEffect(() => {
    const s = store.getState();
    const units = Object.values(s.doc.units);
    if (units.length === 0 || units.some((u) => unitPosition(u))) return;
    let cancelled = false;
    void import('../layout/auto-layout').then(async ({ autoLayout }) => {
      const positions = await autoLayout(s.doc, registry);
      if (!cancelled) store.amend(moveUnits(positions, 'auto-layout'), s.version);
    });
    return () => {
      cancelled = true;
    };
  }, [epoch, store, registry]);

  // When the diagram's box changes size (the results area grows for the economics and pilot-data
  // tabs, the window is resized), keep the same region of the plant in view, centred.
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    let last = { w: el.clientWidth, h: el.clientHeight };
    const ro = new ResizeObserver(() => {
      const w = el.clientWidth;
      const h = el.clientHeight;
      const before = last;
      last = { w, h };
      if (!w || !h || !before.w || !before.h || (w === before.w && h === before.h)) return;
      const { x, y, zoom } = rf.getViewport();
      const z = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom * Math.min(w / before.w, h / before.h)));
      const cx = (before.w / 2 - x) / zoom;
      const cy = (before.h / 2 - y) / zoom;
      void rf.setViewport({ x: w / 2 - cx * z, y: h / 2 - cy * z, zoom: z });
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [rf]);

  // Refit when a whole plant is opened.
  useEffect(() => {
    const t = setTimeout(() => void rf.fitView({ padding: 0.15, duration: 0 }), 30);
    return () => clearTimeout(t);
  }, [epoch, rf]);

  const onNodesChange = useCallback(
    (changes: NodeChange<UnitFlowNode>[]) => {
      let sel: Set<string> | undefined;
      let moved: Map<string, Position> | undefined;
      for (const c of changes) {
        if (c.type === 'select') {
          sel ??= new Set(store.getState().selection.units);
          if (c.selected) sel.add(c.id);
          else sel.delete(c.id);
        } else if (c.type === 'position' && c.position && c.dragging) {
          moved ??= new Map();
          moved.set(c.id, c.position);
        }
      }
      if (sel) store.select({ units: [...sel], streams: store.getState().selection.streams });
      if (moved) {
        const m = moved;
        setDragging((prev) => {
          const next = new Map(prev);
          for (const [id, p] of m) next.set(id, p);
          return next;
        });
      }
    },
    [store],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<StreamFlowEdge>[]) => {
      let sel: Set<string> | undefined;
      for (const c of changes) {
        if (c.type === 'select') {
          sel ??= new Set(store.getState().selection.streams);
          if (c.selected) sel.add(c.id);
          else sel.delete(c.id);
        }
      }
      if (sel) store.select({ units: store.getState().selection.units, streams: [...sel] });
    },
    [store],
  );

  const onNodeDragStop = useCallback(
    (_e: unknown, _node: UnitFlowNode, dragged: UnitFlowNode[]) => {
      const positions: Record<string, Position> = {};
      for (const n of dragged) positions[n.id] = n.position;
      store.execute(moveUnits(positions));
      setDragging(new Map());
    },
    [store],
  );

  const isValidConnection = useCallback(
    (c: Connection | Edge) =>
      !!c.sourceHandle && !!c.targetHandle && checkConnection(store.getState().doc, registry, { unit: c.source, port: c.sourceHandle }, { unit: c.target, port: c.targetHandle }) === undefined,
    [store, registry],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (!c.sourceHandle || !c.targetHandle) return;
      store.execute(connect({ unit: c.source, port: c.sourceHandle }, { unit: c.target, port: c.targetHandle }));
    },
    [store],
  );

  const onConnectEnd = useCallback(
    (_e: unknown, state: FinalConnectionState) => {
      const a = state.fromHandle;
      const b = state.toHandle;
      if (state.isValid || !a || !b || !a.id || !b.id) return;
      const [from, to] = a.type === 'source' ? [a, b] : [b, a];
      if (from.type !== 'source' || to.type !== 'target') {
        store.setNotice('cannot connect: a stream goes from an outlet (right side) to an inlet (left side)');
        return;
      }
      const reason = checkConnection(store.getState().doc, registry, { unit: from.nodeId, port: from.id! }, { unit: to.nodeId, port: to.id! });
      if (reason) store.setNotice(`cannot connect: ${reason}`);
    },
    [store, registry],
  );

  const onBeforeDelete: OnBeforeDelete<UnitFlowNode, StreamFlowEdge> = useCallback(
    async ({ nodes: ns, edges: es }) => {
      store.execute(removeSelection(ns.map((n) => n.id), es.map((e) => e.id)));
      return false;
    },
    [store],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    if (e.dataTransfer.types.includes(UNIT_MIME)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const type = e.dataTransfer.getData(UNIT_MIME);
      if (!type) return;
      e.preventDefault();
      e.stopPropagation();
      const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const id = freshId(Object.keys(store.getState().doc.units), type);
      if (store.execute(addUnit(registry, type, { x: p.x - NODE_WIDTH / 2, y: p.y - 20 }, id))) store.select({ units: [id], streams: [] });
    },
    [rf, store, registry],
  );

  const many = nodes.length > 150;
  return (
    <div className={`canvas${stale ? ' stale' : ''}${zoomedOut ? ' zoomed-out' : ''}${badgesStale ? ' pilot-stale' : ''}`} onDragOver={onDragOver} onDrop={onDrop} data-testid="canvas" ref={box}>
      <ReactFlow<UnitFlowNode, StreamFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onBeforeDelete={onBeforeDelete}
        onEdgeMouseEnter={onEdgeMouseEnter}
        onEdgeMouseLeave={onEdgeMouseLeave}
        deleteKeyCode={DELETE_KEYS}
        onlyRenderVisibleElements={many}
        minZoom={MIN_ZOOM}
        maxZoom={MAX_ZOOM}
        fitView
        proOptions={PRO_OPTIONS}
      >
        <Background gap={20} size={1} />
        {(badges.streams.size > 0 || badges.units.size > 0) && <BadgeScale box={box} />}
        <Controls showInteractive={false} />
        {!many && <MiniMap pannable zoomable nodeStrokeWidth={2} />}
      </ReactFlow>
    </div>
  );
}
