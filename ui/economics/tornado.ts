/**
 * Geometry of a tornado chart: one row per parameter (widest swing first), a bar from the baseline
 * to the metric with the parameter at its low end and one to its high end, on a linear axis with
 * "nice" ticks. Pure functions, no DOM.
 */
import type { TornadoBar } from '../../core/economics/study';
import { niceTicks, shortMoney } from './chart';

export interface TornadoBox {
  width: number;
  rowHeight: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

interface TornadoRow {
  label: string;
  y: number;
  /** Bars as [x, width] in px: the low end's and the high end's. */
  low: { x: number; w: number; value: number; at: number };
  high: { x: number; w: number; value: number; at: number };
}

export interface TornadoGeometry {
  height: number;
  baseX: number;
  rows: TornadoRow[];
  ticks: { at: number; label: string }[];
}

export function tornadoGeometry(bars: readonly TornadoBar[], baseline: number, box: TornadoBox): TornadoGeometry {
  const ok = bars.filter((b) => Number.isFinite(b.atLow) && Number.isFinite(b.atHigh));
  const values = [baseline, ...ok.flatMap((b) => [b.atLow, b.atHigh])].filter(Number.isFinite);
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (!(hi > lo)) {
    lo -= 1 + Math.abs(lo) * 0.05;
    hi += 1 + Math.abs(hi) * 0.05;
  }
  const w = box.width - box.left - box.right;
  const x = (v: number) => box.left + ((v - lo) / (hi - lo)) * w;
  const baseX = x(Number.isFinite(baseline) ? baseline : lo);
  const bar = (at: number, value: number) => {
    const end = x(at);
    return { x: Math.min(baseX, end), w: Math.abs(end - baseX), value, at };
  };
  const rows = ok.map((b, i) => ({ label: b.parameter, y: box.top + i * box.rowHeight, low: bar(b.atLow, b.low), high: bar(b.atHigh, b.high) }));
  return {
    height: box.top + rows.length * box.rowHeight + box.bottom,
    baseX,
    rows,
    ticks: niceTicks(lo, hi, 5).map((v) => ({ at: x(v), label: shortMoney(v) })),
  };
}
