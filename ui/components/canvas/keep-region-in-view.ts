import type { ReactFlowInstance } from '@xyflow/react';
import { useEffect, type RefObject } from 'react';

/**
 * When the diagram's box changes size (the results area grows for the economics and pilot-data
 * tabs, a panel is resized or collapsed), keep the same region of the plant in view, centred.
 */
export function useKeepRegionInView(box: RefObject<HTMLDivElement | null>, rf: ReactFlowInstance) {
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
      const cx = (before.w / 2 - x) / zoom;
      const cy = (before.h / 2 - y) / zoom;
      void rf.setViewport({ x: w / 2 - cx * zoom, y: h / 2 - cy * zoom, zoom });
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [rf, box]);
}
