/** Units dragged from the palette and dropped on the diagram are added where they were dropped. */
import type { ReactFlowInstance } from '@xyflow/react';
import { useCallback, type DragEvent } from 'react';
import { addUnit } from '../../state/commands';
import { freshUnitId } from '../../state/doc';
import { NODE_WIDTH } from '../../state/geometry';
import { useServices } from '../context';

/** The drag data type of a unit type dragged from the palette. */
export const UNIT_MIME = 'application/x-flexsheet-unit';

export function usePaletteDrop(rf: ReactFlowInstance) {
  const { store, registry } = useServices();
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
      const s = store.getState();
      const id = freshUnitId(s.doc, type);
      if (store.execute(addUnit(registry, type, { x: p.x - NODE_WIDTH / 2, y: p.y - 20 }, id, s.mode))) store.select({ units: [id], streams: [] });
    },
    [rf, store, registry],
  );
  return { onDragOver, onDrop };
}
