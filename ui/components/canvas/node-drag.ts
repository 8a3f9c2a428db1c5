/**
 * Units being dragged: their positions are local state while the drag lasts, drawn over the
 * derived nodes, and committed as one move command when it ends.
 */
import type { NodeChange } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';
import { moveUnits } from '../../state/commands';
import type { Position } from '../../state/doc';
import { useServices } from '../context';
import type { UnitFlowNode } from '../UnitNode';

export function useNodeDrag(derivedNodes: UnitFlowNode[]) {
  const { store } = useServices();
  const [dragging, setDragging] = useState<ReadonlyMap<string, Position>>(new Map());
  const nodes = useMemo(
    () => (dragging.size === 0 ? derivedNodes : derivedNodes.map((n) => (dragging.has(n.id) ? { ...n, position: dragging.get(n.id)!, dragging: true } : n))),
    [derivedNodes, dragging],
  );

  const dragTo = useCallback((changes: NodeChange<UnitFlowNode>[]) => {
    let moved: Map<string, Position> | undefined;
    for (const c of changes) {
      if (c.type === 'position' && c.position && c.dragging) {
        moved ??= new Map();
        moved.set(c.id, c.position);
      }
    }
    if (moved) {
      const m = moved;
      setDragging((prev) => {
        const next = new Map(prev);
        for (const [id, p] of m) next.set(id, p);
        return next;
      });
    }
  }, []);

  const onNodeDragStop = useCallback(
    (_e: unknown, _node: UnitFlowNode, dragged: UnitFlowNode[]) => {
      const positions: Record<string, Position> = {};
      for (const n of dragged) positions[n.id] = n.position;
      store.execute(moveUnits(positions, 'move', store.getState().mode));
      setDragging(new Map());
    },
    [store],
  );
  return { nodes, dragTo, onNodeDragStop };
}
