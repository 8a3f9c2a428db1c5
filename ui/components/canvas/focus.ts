import type { ReactFlowInstance } from '@xyflow/react';
import { useEffect, type RefObject } from 'react';
import { parseRef, type Position } from '../../state/doc';
import { NODE_WIDTH } from '../../state/geometry';
import { own } from '../../state/own';
import type { PlantView } from '../../state/plant';
import type { EditorState } from '../../state/store';

/** Search, a click in a table: bring what was chosen into the middle of the view. */
export function useFocusInView(focus: EditorState['focus'], plantRef: RefObject<PlantView>, rf: ReactFlowInstance) {
  useEffect(() => {
    if (!focus) return;
    const centre = (id: string) => {
      const n = rf.getNode(id);
      return n ? { x: n.position.x + NODE_WIDTH / 2, y: n.position.y + (n.height ?? 60) / 2 } : undefined;
    };
    const streams = plantRef.current.streams;
    const points = [
      ...focus.units.map(centre),
      ...focus.streams.flatMap((sid) => {
        const s = own(streams, sid);
        if (!s) return [];
        const a = centre(parseRef(s.from).unit);
        const b = centre(parseRef(s.to).unit);
        return a && b ? [{ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }] : [];
      }),
    ].filter((p): p is Position => !!p);
    if (points.length === 0) return;
    const x = points.reduce((s, p) => s + p.x, 0) / points.length;
    const y = points.reduce((s, p) => s + p.y, 0) / points.length;
    void rf.setCenter(x, y, { zoom: Math.max(rf.getZoom(), 0.9), duration: 0 });
  }, [focus, rf, plantRef]);
}
