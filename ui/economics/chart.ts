/**
 * Geometry of the chart of annual margin against campaign cycle length: log-scaled cycle axis,
 * linear margin axis, "nice" ticks, SVG paths. Pure functions, no DOM.
 */

export interface Series {
  label: string;
  points: readonly { cycle: number; margin: number }[];
  dashed?: boolean;
  color: string;
}

export interface ChartBox {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface ChartGeometry {
  x: (cycle: number) => number;
  y: (margin: number) => number;
  xTicks: { value: number; at: number; label: string }[];
  yTicks: { value: number; at: number; label: string }[];
  paths: { label: string; d: string; dashed: boolean; color: string }[];
}

/** 1, 2, 5 × 10^k steps, about `count` of them over [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

/** Decades and their 2 and 5 multiples within [lo, hi]. */
export function logTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(v);
    }
  }
  return out;
}

export function shortMoney(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${+(v / 1e6).toPrecision(3)} M`;
  if (a >= 1e3) return `${+(v / 1e3).toPrecision(3)} k`;
  return `${+v.toPrecision(3)}`;
}

export function chartGeometry(series: readonly Series[], box: ChartBox): ChartGeometry {
  const pts = series.flatMap((s) => s.points).filter((p) => p.cycle > 0 && Number.isFinite(p.margin));
  const cycles = pts.map((p) => p.cycle);
  const margins = pts.map((p) => p.margin);
  const c0 = cycles.length ? Math.min(...cycles) : 1;
  const c1 = cycles.length ? Math.max(...cycles) : 10;
  let m0 = margins.length ? Math.min(...margins) : 0;
  let m1 = margins.length ? Math.max(...margins) : 1;
  if (m1 - m0 < 1e-9 * (1 + Math.abs(m1))) {
    m0 -= 1 + Math.abs(m0) * 0.05;
    m1 += 1 + Math.abs(m1) * 0.05;
  }
  const pad = (m1 - m0) * 0.05;
  m0 -= pad;
  m1 += pad;
  const lx0 = Math.log(c0);
  const lx1 = Math.log(c1 > c0 ? c1 : c0 * 10);
  const w = box.width - box.left - box.right;
  const h = box.height - box.top - box.bottom;
  const x = (c: number) => box.left + ((Math.log(c) - lx0) / (lx1 - lx0)) * w;
  const y = (m: number) => box.top + (1 - (m - m0) / (m1 - m0)) * h;
  const paths = series.map((s) => ({
    label: s.label,
    dashed: !!s.dashed,
    color: s.color,
    d: s.points
      .filter((p) => p.cycle > 0 && Number.isFinite(p.margin))
      .map((p, i) => `${i ? 'L' : 'M'}${x(p.cycle).toFixed(2)},${y(p.margin).toFixed(2)}`)
      .join(''),
  }));
  return {
    x,
    y,
    xTicks: logTicks(c0, Math.exp(lx1)).map((v) => ({ value: v, at: x(v), label: v >= 1000 ? `${v / 1000}k` : String(v) })),
    yTicks: niceTicks(m0, m1).map((v) => ({ value: v, at: y(v), label: shortMoney(v) })),
    paths,
  };
}
