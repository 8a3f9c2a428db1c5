/** The selection on the diagram and in the store kept as one, and deleting it. */
import type { EdgeChange, NodeChange, OnBeforeDelete } from '@xyflow/react';
import { useCallback } from 'react';
import { removeSelection } from '../../state/commands';
import { useServices } from '../context';
import type { StreamFlowEdge } from '../StreamEdge';
import type { UnitFlowNode } from '../UnitNode';

/** The selection after React Flow's select changes, or undefined when there are none. */
function selectedAfter(current: readonly string[], changes: readonly (NodeChange | EdgeChange)[]): Set<string> | undefined {
  let sel: Set<string> | undefined;
  for (const c of changes) {
    if (c.type === 'select') {
      sel ??= new Set(current);
      if (c.selected) sel.add(c.id);
      else sel.delete(c.id);
    }
  }
  return sel;
}

/**
 * React Flow's handlers for selecting and deleting. Its node changes carry both selection and drag
 * moves: the selection is taken here, then the changes are passed on to `dragTo`.
 */
export function useSelectionHandlers(dragTo: (changes: NodeChange<UnitFlowNode>[]) => void) {
  const { store } = useServices();
  const onNodesChange = useCallback(
    (changes: NodeChange<UnitFlowNode>[]) => {
      const sel = selectedAfter(store.getState().selection.units, changes);
      if (sel) store.select({ units: [...sel], streams: store.getState().selection.streams });
      dragTo(changes);
    },
    [store, dragTo],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<StreamFlowEdge>[]) => {
      const sel = selectedAfter(store.getState().selection.streams, changes);
      if (sel) store.select({ units: store.getState().selection.units, streams: [...sel] });
    },
    [store],
  );

  const onBeforeDelete: OnBeforeDelete<UnitFlowNode, StreamFlowEdge> = useCallback(
    async ({ nodes, edges }) => {
      const units = nodes.map((n) => n.id).filter((id) => !id.startsWith('ghost:'));
      store.execute(removeSelection(units, edges.map((e) => e.id), store.getState().mode));
      return false;
    },
    [store],
  );
  return { onNodesChange, onEdgesChange, onBeforeDelete };
}
