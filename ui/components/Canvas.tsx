/**
 * The diagram: React Flow over the document. Nodes and edges are derived from the document, the
 * diagnostics and the results; the only local state is the position of nodes while they are
 * dragged, committed as one move command when the drag ends.
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
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { StreamResult, UnitDecl } from '../../core';
import { addUnit, connect, moveUnits, removeSelection } from '../state/commands';
import { freshId, parseRef, unitLabel, unitPorts, unitPosition, type Position } from '../state/doc';
import { NODE_WIDTH, nodeHeight } from '../state/geometry';
import { checkConnection } from '../state/validate';
import { useEditor, useServices } from './context';
import { useDiagnosticMap, useIdleUnits, useResults, useStale } from './derived';
import { StreamEdge, type StreamFlowEdge } from './StreamEdge';
import { UnitNode, type UnitFlowNode } from './UnitNode';

/** Same flows (to the last bit) in two answers for one stream. */
function sameResult(a: StreamResult | undefined, b: StreamResult | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.totals.mass !== b.totals.mass) return false;
  const ka = Object.keys(a.massFlow);
  if (ka.length !== Object.keys(b.massFlow).length) return false;
  return ka.every((k) => a.massFlow[k] === b.massFlow[k]);
}

export const UNIT_MIME = 'application/x-flexsheet-unit';

const nodeTypes = { unit: UnitNode };
const edgeTypes = { stream: StreamEdge };
const marker = { type: MarkerType.ArrowClosed, width: 16, height: 16 };

interface CachedNode {
  unit: UnitDecl;
  errors: readonly unknown[] | undefined;
  portKey: string;
  idle: boolean;
  selected: boolean;
  node: UnitFlowNode;
}

export function Canvas() {
  const { store, registry } = useServices();
  const doc = useEditor((s) => s.doc);
  const selection = useEditor((s) => s.selection);
  const epoch = useEditor((s) => s.epoch);
  const diag = useDiagnosticMap();
  const idle = useIdleUnits();
  const results = useResults();
  const stale = useStale();
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
      const old = cache.current.get(id);
      if (old && old.unit === unit && old.errors === errors && old.portKey === portKey && old.idle === isIdle && old.selected === isSel) {
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
        data: { label: unitLabel(id, unit), type: unit.type, ports, errors: (errors ?? []).map((d) => d.message), portErrors, idle: isIdle },
      };
      next.set(id, { unit, errors, portKey, idle: isIdle, selected: isSel, node });
      return node;
    });
    cache.current = next;
    return list;
  }, [doc.units, diag, idle, selection.units, registry]);

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
      const data = {
        result: results?.streams[id],
        errors: (diag.streams.get(id) ?? []).map((d) => d.message),
        idle: idle.has(f.unit) || idle.has(t.unit),
        hovered: hovered === id,
      };
      const old = edgeCache.current.get(id);
      // Keep the edge object when nothing it shows has changed: React Flow then skips it.
      if (
        old &&
        old.source === f.unit &&
        old.sourceHandle === f.port &&
        old.target === t.unit &&
        old.targetHandle === t.port &&
        !!old.selected === selected.has(id) &&
        old.data!.idle === data.idle &&
        old.data!.hovered === data.hovered &&
        old.data!.errors.join('\n') === data.errors.join('\n') &&
        sameResult(old.data!.result, data.result)
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
  }, [doc.streams, doc.units, selection.streams, results, diag, idle, hovered]);

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
    <div className={`canvas${stale ? ' stale' : ''}${zoomedOut ? ' zoomed-out' : ''}`} onDragOver={onDragOver} onDrop={onDrop} data-testid="canvas">
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
        onEdgeMouseEnter={(_e, edge) => setHovered(edge.id)}
        onEdgeMouseLeave={() => setHovered(undefined)}
        deleteKeyCode={['Delete', 'Backspace']}
        onlyRenderVisibleElements={many}
        minZoom={0.05}
        maxZoom={3}
        fitView
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} size={1} />
        <Controls showInteractive={false} />
        {!many && <MiniMap pannable zoomable nodeStrokeWidth={2} />}
      </ReactFlow>
    </div>
  );
}
