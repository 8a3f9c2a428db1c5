/**
 * Dense LU with partial pivoting of a small block stored row-major in place (a[o + i*m + j]), and
 * the solve with those factors. For a block of a few dozen unknowns with many couplings the sparse
 * machinery (symbolic reach, index arrays) costs more than the arithmetic.
 */

/** What a factorisation saw: the smallest |pivot| / max |column entry| and, on failure, the column. */
export interface PivotReport {
  /** Smallest relative pivot over the columns factorised (1 when the block is empty). */
  ratio: number;
  /** Block-local column that failed (-1 when none). */
  column: number;
  /** |pivot| of the failed column: 0 if none was available, not finite if the elimination overflowed. */
  pivot: number;
}

export function pivotReport(): PivotReport {
  return { ratio: 1, column: -1, pivot: 0 };
}

/**
 * In-place LU with threshold partial pivoting (row swaps recorded in piv[po + k]): the diagonal is
 * kept when |a_kk| >= threshold × the column's largest candidate, as in the sparse kernel, so that
 * an equation that determines its own unknown keeps doing so (and a zero it implies stays exactly
 * zero). Fails at the first column whose largest available pivot is below tolerance × that
 * column's largest entry (or not finite). Returns true on success; `report` receives the smallest
 * relative pivot and the failed column.
 */
export function denseFactor(
  a: Float64Array,
  o: number,
  m: number,
  piv: Int32Array,
  po: number,
  pivoting: { threshold: number; tolerance: number },
  colMax: Float64Array,
  report: PivotReport,
): boolean {
  const { threshold, tolerance } = pivoting;
  for (let j = 0; j < m; j++) {
    let cm = 0;
    for (let i = 0; i < m; i++) cm = Math.max(cm, Math.abs(a[o + i * m + j]));
    colMax[j] = cm;
  }
  report.ratio = 1;
  report.column = -1;
  report.pivot = 0;
  for (let k = 0; k < m; k++) {
    let p = k;
    let best = Math.abs(a[o + k * m + k]);
    for (let i = k + 1; i < m; i++) {
      const v = Math.abs(a[o + i * m + k]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (p !== k && keepsDiagonal(a, o, m, k, threshold * best, tolerance * colMax[k])) p = k;
    const ratio = colMax[k] > 0 ? best / colMax[k] : 0;
    if (ratio < report.ratio || ratio !== ratio) report.ratio = ratio;
    if (!(best > tolerance * colMax[k]) || best === 0 || best === Infinity) {
      report.column = k;
      report.pivot = best;
      return false;
    }
    piv[po + k] = p;
    if (p !== k) {
      const rk = o + k * m;
      const rp = o + p * m;
      for (let j = 0; j < m; j++) {
        const t = a[rk + j];
        a[rk + j] = a[rp + j];
        a[rp + j] = t;
      }
    }
    const rk = o + k * m;
    const inv = 1 / a[rk + k];
    for (let i = k + 1; i < m; i++) {
      const ri = o + i * m;
      const f = (a[ri + k] *= inv);
      if (f === 0) continue;
      for (let j = k + 1; j < m; j++) a[ri + j] -= f * a[rk + j];
    }
  }
  return true;
}

/**
 * Whether row k may stay the pivot row of column k: its diagonal is within the threshold of the
 * column's largest entry, or the rest of the row is zero (an equation of that unknown alone, such as
 * x = 0): eliminating with it changes no other entry, so it cannot grow the factors, and the unknown
 * comes out exactly as that equation gives it. Its diagonal must still be above the singularity
 * tolerance.
 */
function keepsDiagonal(a: Float64Array, o: number, m: number, k: number, within: number, singular: number): boolean {
  const d = Math.abs(a[o + k * m + k]);
  if (d >= within) return true;
  if (!(d > singular)) return false;
  for (let j = k + 1; j < m; j++) if (a[o + k * m + j] !== 0) return false;
  return true;
}

/**
 * Solves B z = r in place on v[vo … vo + m) with the factors of the equilibrated block R B C:
 * v ← C (RBC)⁻¹ R v, the scale factors of local row/column t at rowScale/colScale[base + t].
 */
export function denseSolve(
  a: Float64Array,
  o: number,
  m: number,
  piv: Int32Array,
  po: number,
  v: Float64Array,
  vo: number,
  rowScale: Float64Array,
  colScale: Float64Array,
  base: number,
): void {
  for (let t = 0; t < m; t++) v[vo + t] *= rowScale[base + t];
  for (let k = 0; k < m; k++) {
    const p = piv[po + k];
    if (p !== k) {
      const t = v[vo + k];
      v[vo + k] = v[vo + p];
      v[vo + p] = t;
    }
  }
  for (let i = 1; i < m; i++) {
    const ri = o + i * m;
    let sum = v[vo + i];
    for (let j = 0; j < i; j++) sum -= a[ri + j] * v[vo + j];
    v[vo + i] = sum;
  }
  for (let i = m - 1; i >= 0; i--) {
    const ri = o + i * m;
    let sum = v[vo + i];
    for (let j = i + 1; j < m; j++) sum -= a[ri + j] * v[vo + j];
    v[vo + i] = sum / a[ri + i];
  }
  for (let t = 0; t < m; t++) v[vo + t] *= colScale[base + t];
}
