import type { ReactFlowInstance } from '@xyflow/react';
import { useCallback, useEffect, type RefObject } from 'react';
import { NODE_WIDTH } from '../../state/geometry';
import { readableView, type Box } from '../../state/viewport';
import type { UnitFlowNode } from '../UnitNode';
import { useLatest } from './latest';

interface ReadableViewInputs {
  box: RefObject<HTMLDivElement | null>;
  rf: ReactFlowInstance;
  nodes: UnitFlowNode[];
  epoch: number;
  mode: string | undefined;
}

/** A plant opened, laid out, or another mode shown: a view in which labels can be read. */
export function useReadableViewOnOpen({ box, rf, nodes, epoch, mode }: ReadableViewInputs) {
  const nodesRef = useLatest(nodes);
  const showReadable = useCallback(() => {
    const el = box.current;
    if (!el || !el.clientWidth) return;
    const boxes: Box[] = nodesRef.current.map((n) => ({ id: n.id, x: n.position.x, y: n.position.y, width: NODE_WIDTH, height: n.height ?? 60, source: n.data.type === 'feed' }));
    const v = readableView(boxes, { width: el.clientWidth, height: el.clientHeight });
    if (v) void rf.setViewport(v);
  }, [rf, box, nodesRef]);
  useEffect(() => {
    const t = setTimeout(showReadable, 30);
    return () => clearTimeout(t);
  }, [epoch, mode, showReadable]);
}
