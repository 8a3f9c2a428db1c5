/**
 * Summaries of sampled results: mean, standard deviation (n − 1), percentiles by linear
 * interpolation between order statistics (Hyndman & Fan type 7: the default of R and NumPy), and
 * Spearman's rank correlation (Pearson's correlation of the ranks, ties given their mean rank).
 * Missing values (NaN: a sample the plant refused) are left out.
 */

export const PERCENTILES = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95] as const;

export interface Summary {
  n: number;
  mean: number;
  sd: number;
  min: number;
  max: number;
  /** Value at each of PERCENTILES. */
  percentiles: number[];
}

/** Percentile p (0..1) of sorted values, type 7. */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (!n) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function summarise(values: ArrayLike<number>): Summary {
  const xs = Array.from(values).filter((x) => !Number.isNaN(x));
  const n = xs.length;
  if (!n) return { n: 0, mean: NaN, sd: NaN, min: NaN, max: NaN, percentiles: PERCENTILES.map(() => NaN) };
  const sorted = Float64Array.from(xs).sort();
  let mean = 0;
  for (let i = 0; i < n; i++) mean += (xs[i] - mean) / (i + 1);
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  return { n, mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0, min: sorted[0], max: sorted[n - 1], percentiles: PERCENTILES.map((p) => percentileSorted(sorted, p)) };
}

/** Ranks 1..n, ties sharing their mean rank. */
export function ranks(xs: ArrayLike<number>): Float64Array {
  const n = xs.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => xs[a] - xs[b]);
  const r = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && xs[order[j + 1]] === xs[order[i]]) j++;
    const mean = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[order[k]] = mean;
    i = j + 1;
  }
  return r;
}

function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] / n;
    mb += b[i] / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}

/** Spearman's ρ between two series, over the pairs where both are numbers. */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const keep: number[] = [];
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i]) && !Number.isNaN(y[i])) keep.push(i);
  if (keep.length < 3) return NaN;
  return pearson(
    ranks(keep.map((i) => x[i])),
    ranks(keep.map((i) => y[i])),
  );
}
