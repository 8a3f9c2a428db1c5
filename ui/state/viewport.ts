/**
 * Where the diagram opens: the whole plant when it fits at a zoom where labels can be read, else
 * the feed end at that zoom (the first units of the process, where a reader starts), so that a
 * plant opens with its boxes and names legible rather than as a 20 % thumbnail.
 */

/** Below this zoom a 13 px unit label is smaller than about 10 px on screen. */
export const READABLE_ZOOM = 0.8;
const MAX_FIT_ZOOM = 1.2;
const PAD = 30;
/** Room on the left for the zoom buttons drawn over the diagram. */
const LEFT = 64;

export interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** A feed: the end of the plant shown first when the whole does not fit. */
  source?: boolean;
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export function readableView(boxes: readonly Box[], view: { width: number; height: number }): Viewport | undefined {
  if (boxes.length === 0 || view.width <= 0 || view.height <= 0) return undefined;
  const minX = Math.min(...boxes.map((b) => b.x));
  const minY = Math.min(...boxes.map((b) => b.y));
  const maxX = Math.max(...boxes.map((b) => b.x + b.width));
  const maxY = Math.max(...boxes.map((b) => b.y + b.height));
  const fit = Math.min((view.width - 2 * PAD) / Math.max(1, maxX - minX), (view.height - 2 * PAD) / Math.max(1, maxY - minY));
  if (fit >= READABLE_ZOOM) {
    const zoom = Math.min(fit, MAX_FIT_ZOOM);
    return { zoom, x: (view.width - (maxX - minX) * zoom) / 2 - minX * zoom, y: (view.height - (maxY - minY) * zoom) / 2 - minY * zoom };
  }
  const zoom = READABLE_ZOOM;
  // The feed end: the left edge of the plant, vertically at the first feed (the leftmost), or at
  // the units of the first column when there is no feed.
  const feeds = boxes.filter((b) => b.source);
  const firstX = Math.min(...(feeds.length ? feeds : boxes).map((b) => b.x));
  const anchor = (feeds.length ? feeds : boxes).filter((b) => b.x <= firstX + 100);
  const cy = anchor.reduce((s, b) => s + b.y + b.height / 2, 0) / anchor.length;
  const halfH = view.height / zoom / 2;
  // The view stays on the plant: no empty band above its top or below its bottom (with a margin).
  const lo = minY - (2 * PAD) / zoom + halfH;
  const hi = maxY + (2 * PAD) / zoom - halfH;
  const centreY = lo > hi ? (minY + maxY) / 2 : Math.max(lo, Math.min(cy, hi));
  return { zoom, x: LEFT - minX * zoom, y: view.height / 2 - centreY * zoom };
}
