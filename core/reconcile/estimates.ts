/**
 * Values, standard deviations and observability of the reconciled unknowns and of any linear
 * combination or ratio of them (a stream total, an element flow, a recovery).
 *
 * A combination qᵀx = (qᵀZ)·z is observable when u = Zᵀq lies in the row space of W^½·J·Z (the
 * data determine it); its standard deviation is ‖T⁻ᵀ·Vᵀu‖ from the factorisation W^½·J·Z = Q·T·Vᵀ
 * at the solution with the balances alone — the usual convention: a bound says a flow is at least
 * zero, not that it is known. Values are those of the non-negative solution.
 */
import { dot, type Dense } from './linalg';
import { codLoading, type Cod } from './least-squares';

export interface Estimate {
  value: number | null;
  sd: number | null;
  observable: boolean;
}

export interface Estimator {
  /** Value, standard deviation and observability of Σ coef·x. */
  estimate(coefs: ReadonlyMap<number, number>): Estimate;
  /**
   * How Σ coef·x responds to the standardized measurement errors (a vector over the data's
   * independent directions): its sd is the norm, the covariance of two such sums the dot product.
   * Null when the data do not determine the sum.
   */
  loading(coefs: ReadonlyMap<number, number>): Float64Array | null;
  /** Length of every loading vector (the rank of the data). */
  loadingLength: number;
  /** Value, standard deviation (linearized) and observability of (num·x) / (den·x). */
  ratio(num: ReadonlyMap<number, number>, den: ReadonlyMap<number, number>): Estimate;
  /** Observability and sd of one free unknown (position j among the free ones). */
  ofFree(j: number): { observable: boolean; sd: number };
}

export interface EstimatorInput {
  Z: Dense;
  reducedOf: Int32Array;
  /** Factorisation of the fit with the balances alone, at its solution. */
  factors: Cod;
  /** Values (free unknowns): the non-negative solution. */
  values: Float64Array;
  /** Where the statistics are linearized: the solution with the balances alone. */
  linearizedAt: Float64Array;
}

export function estimator(input: EstimatorInput): Estimator {
  const { Z, reducedOf, factors, values, linearizedAt } = input;
  const { rows: n, cols: p } = Z;
  const r = factors.rank;
  const rowNorm = Float64Array.from({ length: n }, (_, j) => Math.hypot(...Z.data.subarray(j * p, (j + 1) * p)));
  // W = Z·V: the row-space coordinates of every free unknown, so a sum's are Σ c_j·W_j.
  const W = new Float64Array(n * r);
  factors.rowSpaceBasis().forEach((v, k) => {
    for (let j = 0; j < n; j++) {
      let t = 0;
      const o = j * p;
      for (let i = 0; i < p; i++) t += Z.data[o + i] * v[i];
      W[j * r + k] = t;
    }
  });
  /** u = Zᵀ·coefs, its row-space coordinates, and the size u would have without cancellation (Σ |c_j|·‖Z_j‖). */
  const project = (coefs: ReadonlyMap<number, number>) => {
    const u = new Float64Array(p);
    const c = new Float64Array(r);
    let size = 0;
    for (const [v, coef] of coefs) {
      const j = reducedOf[v];
      if (j < 0 || coef === 0) continue;
      size += Math.abs(coef) * rowNorm[j];
      const o = j * p;
      for (let k = 0; k < p; k++) u[k] += coef * Z.data[o + k];
      const w = j * r;
      for (let k = 0; k < r; k++) c[k] += coef * W[w + k];
    }
    return { uu: dot(u, u), c, size };
  };
  /**
   * Observable when u lies in the row space; a u that cancels to round-off (a combination the
   * balances fix, as the P of an extractant that leaves only by its bleed) is fixed, sd 0.
   */
  const analyse = ({ uu, c, size }: { uu: number; c: Float64Array; size: number }) => {
    const fixed = Math.sqrt(uu) <= 1e-12 * size;
    const observable = fixed || uu - dot(c, c) <= 1e-12 * Math.max(uu, 1e-300);
    return { observable, c: fixed ? new Float64Array(c.length) : c };
  };
  const dotAt = (m: ReadonlyMap<number, number>, at: Float64Array) => {
    let t = 0;
    for (const [v, c] of m) if (reducedOf[v] >= 0) t += c * at[reducedOf[v]];
    return t;
  };
  const estimate = (coefs: ReadonlyMap<number, number>): Estimate => {
    const { observable, c } = analyse(project(coefs));
    if (!observable) return { value: null, sd: null, observable: false };
    const l = codLoading(factors, c);
    return { value: dotAt(coefs, values), sd: Math.sqrt(dot(l, l)), observable: true };
  };
  const loading = (coefs: ReadonlyMap<number, number>): Float64Array | null => {
    const { observable, c } = analyse(project(coefs));
    return observable ? codLoading(factors, c) : null;
  };
  const ratio = (num: ReadonlyMap<number, number>, den: ReadonlyMap<number, number>): Estimate => {
    const a = dotAt(num, values);
    const b = dotAt(den, values);
    if (!(b > 0)) return { value: null, sd: null, observable: estimate(den).observable && estimate(num).observable };
    // Value at the non-negative solution; sd from the linearization the statistics use.
    const a0 = dotAt(num, linearizedAt);
    const b0 = dotAt(den, linearizedAt);
    const at = b0 > 0 ? { a: a0, b: b0 } : { a, b };
    const r0 = at.a / at.b;
    const grad = new Map<number, number>();
    for (const [v, c] of num) grad.set(v, (grad.get(v) ?? 0) + c / at.b);
    for (const [v, c] of den) grad.set(v, (grad.get(v) ?? 0) - (r0 * c) / at.b);
    const e = estimate(grad);
    return e.observable ? { value: a / b, sd: e.sd, observable: true } : { value: null, sd: null, observable: false };
  };
  const ofFree = (j: number) => {
    const { observable, c } = analyse({ uu: rowNorm[j] ** 2, c: W.slice(j * r, (j + 1) * r), size: rowNorm[j] });
    if (!observable) return { observable, sd: NaN };
    const l = codLoading(factors, c);
    return { observable, sd: Math.sqrt(dot(l, l)) };
  };
  return { estimate, loading, loadingLength: factors.rank, ratio, ofFree };
}
