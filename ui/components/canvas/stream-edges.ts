/**
 * The streams of the plant on screen as React Flow edges, and the stream under the pointer. An edge
 * object is rebuilt only when what it shows changes; an unchanged list keeps its identity.
 */
import { MarkerType } from '@xyflow/react';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { DiagnosticMap } from '../../state/diagnostics-map';
import { dominantPhase, streamLabel } from '../../state/diagram';
import { parseRef } from '../../state/doc';
import { own } from '../../state/own';
import type { PilotBadges } from '../../state/pilot';
import type { PlantView } from '../../state/plant';
import type { specsByPlace } from '../../state/specs';
import type { useResults } from '../derived';
import type { StreamFlowEdge } from '../StreamEdge';

const marker = { type: MarkerType.ArrowClosed, width: 16, height: 16 };
const NO_ERRORS: string[] = [];
const NO_IDS: string[] = [];

interface StreamEdgeInputs {
  plant: PlantView;
  mode: string | undefined;
  selectedStreams: readonly string[];
  results: ReturnType<typeof useResults>;
  diag: DiagnosticMap;
  zoomedOut: boolean;
  badges: PilotBadges;
  specs: ReturnType<typeof specsByPlace>;
}

type EdgeNotes = Omit<StreamEdgeInputs, 'selectedStreams'> & { hovered: string | undefined };
type Ref = ReturnType<typeof parseRef>;

function streamEdgeData(id: string, notes: EdgeNotes) {
  const { plant, mode, results, diag, zoomedOut, badges, specs, hovered } = notes;
  const r = results?.streams[id];
  const problems = diag.streams.get(id);
  const errors = problems ? problems.map((d) => d.message) : NO_ERRORS;
  return {
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
}

type ShownData = ReturnType<typeof streamEdgeData>;

/** The old edge shows just what the new one would: the same ends, selection and data. */
function showsTheSame(old: StreamFlowEdge, f: Ref, t: Ref, selected: boolean, data: ShownData): boolean {
  const o = old.data;
  return (
    !!o &&
    old.source === f.unit &&
    old.sourceHandle === f.port &&
    old.target === t.unit &&
    old.targetHandle === t.port &&
    !!old.selected === selected &&
    o.label === data.label &&
    o.phase === data.phase &&
    o.hovered === data.hovered &&
    o.badge === data.badge &&
    o.rewired === data.rewired &&
    (o.specs ?? NO_IDS).join() === data.specs.join() &&
    (o.errors === data.errors || o.errors.join('\n') === data.errors.join('\n'))
  );
}

function newStreamEdge(id: string, f: Ref, t: Ref, selected: boolean, data: ShownData): StreamFlowEdge {
  return { id, type: 'stream', source: f.unit, sourceHandle: f.port, target: t.unit, targetHandle: t.port, selected, markerEnd: marker, data };
}

export function useStreamEdges({ plant, mode, selectedStreams, results, diag, zoomedOut, badges, specs }: StreamEdgeInputs) {
  const [hovered, setHovered] = useState<string | undefined>(undefined);
  const edgeCache = useRef(new Map<string, StreamFlowEdge>());
  const prevEdges = useRef<StreamFlowEdge[] | undefined>(undefined);
  const edges = useMemo<StreamFlowEdge[]>(() => {
    const selected = new Set(selectedStreams);
    const notes: EdgeNotes = { plant, mode, results, diag, zoomedOut, badges, specs, hovered };
    const next = new Map<string, StreamFlowEdge>();
    const out: StreamFlowEdge[] = [];
    for (const id of Object.keys(plant.streams)) {
      const s = plant.streams[id];
      const f = parseRef(s.from);
      const t = parseRef(s.to);
      if (!own(plant.units, f.unit) || !own(plant.units, t.unit)) continue;
      const data = streamEdgeData(id, notes);
      const old = edgeCache.current.get(id);
      // Keep the edge object when nothing it shows has changed: React Flow then skips it.
      const edge = old && showsTheSame(old, f, t, selected.has(id), data) ? old : newStreamEdge(id, f, t, selected.has(id), data);
      next.set(id, edge);
      out.push(edge);
    }
    const prev = edgeCache.current;
    edgeCache.current = next;
    // An unchanged list keeps its identity, so React Flow does not rebuild its connection lookups.
    if (out.length === prev.size && out.every((e) => prev.get(e.id) === e) && prevEdges.current) return prevEdges.current;
    prevEdges.current = out;
    return out;
  }, [plant, mode, selectedStreams, results, diag, hovered, zoomedOut, badges, specs]);

  const onEdgeMouseEnter = useCallback((_e: unknown, edge: StreamFlowEdge) => setHovered(edge.id), []);
  const onEdgeMouseLeave = useCallback(() => setHovered(undefined), []);
  return { edges, onEdgeMouseEnter, onEdgeMouseLeave };
}
