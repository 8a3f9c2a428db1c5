/**
 * Dense linear algebra for reconciliation: null space by reduced row echelon form, Gram–Schmidt
 * bases, LU solves and a thin SVD (ml-matrix). Matrices are row-major Float64Arrays.
 */
import { Matrix, SingularValueDecomposition } from 'ml-matrix';

export interface Dense {
  rows: number;
  cols: number;
  /** data[i * cols + j] */
  data: Float64Array;
}

export function dense(rows: number, cols: number): Dense {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/**
 * A basis of the null space of C (rows × cols), from its reduced row echelon form with partial
 * pivoting: one basis vector per free column f, with x_f = 1, other free columns 0 and the pivot
 * columns solved. Z is cols × p; row j of Z expresses unknown j in the p free coordinates, and
 * the free columns' rows of Z are the identity.
 */
export function nullSpace(C: Dense, relTol = 1e-10): { Z: Dense; rank: number; free: number[]; pivots: number[] } {
  const { rows, cols } = C;
  const a = Float64Array.from(C.data);
  // Rows scaled to unit max-norm, so one tolerance fits all.
  for (let i = 0; i < rows; i++) {
    let m = 0;
    for (let j = 0; j < cols; j++) m = Math.max(m, Math.abs(a[i * cols + j]));
    if (m > 0) for (let j = 0; j < cols; j++) a[i * cols + j] /= m;
  }
  const pivots: number[] = [];
  const isPivot = new Uint8Array(cols);
  let r = 0;
  for (let c = 0; c < cols && r < rows; c++) {
    let best = r;
    let bestAbs = 0;
    for (let i = r; i < rows; i++) {
      const v = Math.abs(a[i * cols + c]);
      if (v > bestAbs) {
        bestAbs = v;
        best = i;
      }
    }
    if (bestAbs <= relTol) {
      for (let i = r; i < rows; i++) a[i * cols + c] = 0;
      continue;
    }
    if (best !== r) {
      for (let j = 0; j < cols; j++) {
        const t = a[r * cols + j];
        a[r * cols + j] = a[best * cols + j];
        a[best * cols + j] = t;
      }
    }
    const inv = 1 / a[r * cols + c];
    for (let j = c; j < cols; j++) a[r * cols + j] *= inv;
    for (let i = 0; i < rows; i++) {
      if (i === r) continue;
      const f = a[i * cols + c];
      if (f === 0) continue;
      for (let j = c; j < cols; j++) a[i * cols + j] -= f * a[r * cols + j];
      a[i * cols + c] = 0;
    }
    pivots.push(c);
    isPivot[c] = 1;
    r++;
  }
  const free: number[] = [];
  for (let c = 0; c < cols; c++) if (!isPivot[c]) free.push(c);
  const p = free.length;
  const Z = dense(cols, p);
  free.forEach((f, k) => {
    Z.data[f * p + k] = 1;
    pivots.forEach((pc, i) => {
      const v = a[i * cols + f];
      if (v !== 0) Z.data[pc * p + k] = -v;
    });
  });
  return { Z, rank: r, free, pivots };
}

/** Orthonormalizes vectors (modified Gram–Schmidt, twice), dropping those in the span of earlier ones. */
export function orthonormalize(vectors: readonly Float64Array[], relTol = 1e-9, against: readonly Float64Array[] = []): Float64Array[] {
  const basis: Float64Array[] = [];
  for (const v0 of vectors) {
    const v = Float64Array.from(v0);
    const n0 = norm(v);
    if (n0 === 0) continue;
    for (let pass = 0; pass < 2; pass++) {
      for (const q of [...against, ...basis]) {
        const d = dot(q, v);
        for (let i = 0; i < v.length; i++) v[i] -= d * q[i];
      }
    }
    const n = norm(v);
    if (n > relTol * n0) {
      for (let i = 0; i < v.length; i++) v[i] /= n;
      basis.push(v);
    }
  }
  return basis;
}

/** An orthonormal basis of the orthogonal complement of span(vectors) in R^n. */
export function complement(vectors: readonly Float64Array[], n: number): Float64Array[] {
  const span = orthonormalize(vectors);
  const units = Array.from({ length: n }, (_, i) => {
    const e = new Float64Array(n);
    e[i] = 1;
    return e;
  });
  return orthonormalize(units, 1e-9, span);
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export function norm(a: ArrayLike<number>): number {
  return Math.sqrt(dot(a, a));
}

/** LU factors of a square matrix with partial pivoting, or undefined when it is singular. */
export interface Lu {
  n: number;
  lu: Float64Array;
  perm: Int32Array;
}

export function luFactor(A: Dense, relTol = 1e-13): Lu | undefined {
  const n = A.rows;
  const lu = Float64Array.from(A.data);
  const perm = new Int32Array(n);
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(lu[i]));
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(lu[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(lu[i * n + k]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (best <= relTol * scale) return undefined;
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = lu[k * n + j];
        lu[k * n + j] = lu[p * n + j];
        lu[p * n + j] = t;
      }
      const t = perm[k];
      perm[k] = perm[p];
      perm[p] = t;
    }
    const pivot = lu[k * n + k];
    for (let i = k + 1; i < n; i++) {
      const f = (lu[i * n + k] /= pivot);
      if (f === 0) continue;
      for (let j = k + 1; j < n; j++) lu[i * n + j] -= f * lu[k * n + j];
    }
  }
  return { n, lu, perm };
}

export function luSolve({ n, lu, perm }: Lu, b: ArrayLike<number>): Float64Array {
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[perm[i]];
    for (let j = 0; j < i; j++) s -= lu[i * n + j] * x[j];
    x[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let j = i + 1; j < n; j++) s -= lu[i * n + j] * x[j];
    x[i] = s / lu[i * n + i];
  }
  return x;
}

/** Thin SVD A = U·diag(s)·Vᵀ truncated to the numerical rank (s > relTol·s_max). */
export interface Svd {
  rank: number;
  s: Float64Array;
  /** rows × rank */
  U: Dense;
  /** cols × rank */
  V: Dense;
}

export function svd(A: Dense, relTol = 1e-10): Svd {
  const { rows, cols } = A;
  if (rows === 0 || cols === 0) return { rank: 0, s: new Float64Array(0), U: dense(rows, 0), V: dense(cols, 0) };
  const m = new Matrix(rows, cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) m.set(i, j, A.data[i * cols + j]);
  const d = new SingularValueDecomposition(m, { autoTranspose: true });
  const sv = d.diagonal;
  const max = sv.reduce((a, b) => Math.max(a, b), 0);
  const keep: number[] = [];
  sv.forEach((v, i) => {
    if (max > 0 && v > relTol * max) keep.push(i);
  });
  keep.sort((a, b) => sv[b] - sv[a]);
  const r = keep.length;
  const U = dense(rows, r);
  const V = dense(cols, r);
  const L = d.leftSingularVectors;
  const R = d.rightSingularVectors;
  keep.forEach((c, k) => {
    for (let i = 0; i < rows; i++) U.data[i * r + k] = L.get(i, c);
    for (let j = 0; j < cols; j++) V.data[j * r + k] = R.get(j, c);
  });
  return { rank: r, s: Float64Array.from(keep.map((c) => sv[c])), U, V };
}
