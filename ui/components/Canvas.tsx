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
import { Background, Controls, MiniMap, ReactFlow, useReactFlow, useStore } from '@xyflow/react';
import { useRef, useState } from 'react';
import { useAutoLayoutOnOpen } from './canvas/auto-layout';
import { BadgeScale, usePilotBadges } from './canvas/BadgeScale';
import { useConnectionHandlers } from './canvas/connections';
import { useDiagramElements } from './canvas/diagram-elements';
import { useFocusInView } from './canvas/focus';
import { useKeepRegionInView } from './canvas/keep-region-in-view';
import { useLatest } from './canvas/latest';
import { useNodeDrag } from './canvas/node-drag';
import { ArrangingNotice, IdleTray } from './canvas/Overlays';
import { usePaletteDrop } from './canvas/palette-drop';
import { useReadableViewOnOpen } from './canvas/readable-view';
import { useSelectionHandlers } from './canvas/selection';
import { useEditor } from './context';
import { usePlant, useShownStale } from './derived';
import { StreamEdge, type StreamFlowEdge } from './StreamEdge';
import { UnitNode, type UnitFlowNode } from './UnitNode';

export { UNIT_MIME } from './canvas/palette-drop';

const nodeTypes = { unit: UnitNode };
const edgeTypes = { stream: StreamEdge };
const DELETE_KEYS = ['Delete', 'Backspace'];
/** Shift+click adds to the selection (as Ctrl/Cmd+click does); Shift+drag still draws a selection box. */
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const PRO_OPTIONS = { hideAttribution: true };
const MINIMAP_SIZE = { width: 160, height: 110 };
const MIN_ZOOM = 0.05;
const MAX_ZOOM = 3;

export function Canvas() {
  const doc = useEditor((s) => s.doc);
  const mode = useEditor((s) => s.mode);
  const plant = usePlant();
  const selection = useEditor((s) => s.selection);
  const epoch = useEditor((s) => s.epoch);
  const focus = useEditor((s) => s.focus);
  const stale = useShownStale();
  const { badges, badgesStale } = usePilotBadges();
  const [ghosts, setGhosts] = useState(false);
  const rf = useReactFlow();
  // Far out, labels are unreadable: leave them out of the paint.
  const zoomedOut = useStore((s) => s.transform[2] < 0.45);
  const { derivedNodes, edges, onEdgeMouseEnter, onEdgeMouseLeave } = useDiagramElements({ doc, mode, plant, selection, ghosts, zoomedOut, badges });
  const { nodes, dragTo, onNodeDragStop } = useNodeDrag(derivedNodes);

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
