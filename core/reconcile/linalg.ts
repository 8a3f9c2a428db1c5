/**
 * Dense linear algebra for reconciliation: null space by reduced row echelon form, Gram–Schmidt
 * bases and a thin SVD (one-sided Jacobi). A unit's own equations are sparse and go to the core's
 * sparse LU (sandbox.ts). Matrices are row-major Float64Arrays.
 */

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

/** An orthonormal basis of span(vectors), the rank judged against the largest singular value (round-off in some vectors is not a direction). */
export function spanBasis(vectors: readonly Float64Array[], n: number, relTol = 1e-9): Float64Array[] {
  const rows = vectors.filter((v) => v.some((x) => x !== 0));
  if (!rows.length) return [];
  const M = dense(rows.length, n);
  rows.forEach((v, i) => M.data.set(v, i * n));
  const d = svd(M, relTol);
  return Array.from({ length: d.rank }, (_, k) => Float64Array.from({ length: n }, (_, j) => d.V.data[j * d.rank + k]));
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

/** Thin SVD A = U·diag(s)·Vᵀ truncated to the numerical rank (s > relTol·s_max). */
export interface Svd {
  rank: number;
  s: Float64Array;
  /** rows × rank */
  U: Dense;
  /** cols × rank */
  V: Dense;
}

/**
 * One-sided Jacobi (Hestenes) on the columns of A or Aᵀ, whichever has fewer: rotations make the
 * columns mutually orthogonal; their norms are the singular values. Accurate to working precision
 * and quick on the small, wide matrices reconciliation makes (measurements × degrees of freedom).
 */
export function svd(A: Dense, relTol = 1e-10): Svd {
  const { rows, cols } = A;
  if (rows === 0 || cols === 0) return { rank: 0, s: new Float64Array(0), U: dense(rows, 0), V: dense(cols, 0) };
  const transpose = rows < cols;
  const m = transpose ? cols : rows;
  const n = transpose ? rows : cols;
  // Columns of M (m × n, m ≥ n): M = A, or Aᵀ.
  const c: Float64Array[] = Array.from({ length: n }, (_, j) => {
    const v = new Float64Array(m);
    if (transpose) v.set(A.data.subarray(j * cols, (j + 1) * cols));
    else for (let i = 0; i < m; i++) v[i] = A.data[i * cols + j];
    return v;
  });
  const w: Float64Array[] = Array.from({ length: n }, (_, j) => {
    const v = new Float64Array(n);
    v[j] = 1;
    return v;
  });
  const norms = c.map((v) => dot(v, v));
  for (let sweep = 0; sweep < 80; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const alpha = norms[p];
        const beta = norms[q];
        if (alpha === 0 || beta === 0) continue;
        const cp = c[p];
        const cq = c[q];
        let gamma = 0;
        for (let i = 0; i < m; i++) gamma += cp[i] * cq[i];
        if (Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const cs = 1 / Math.sqrt(1 + t * t);
        const sn = cs * t;
        for (let i = 0; i < m; i++) {
          const a = cp[i];
          const b = cq[i];
          cp[i] = cs * a - sn * b;
          cq[i] = sn * a + cs * b;
        }
        const wp = w[p];
        const wq = w[q];
        for (let i = 0; i < n; i++) {
          const a = wp[i];
          const b = wq[i];
          wp[i] = cs * a - sn * b;
          wq[i] = sn * a + cs * b;
        }
        norms[p] = alpha - t * gamma;
        norms[q] = beta + t * gamma;
      }
    }
    for (let j = 0; j < n; j++) norms[j] = dot(c[j], c[j]);
    if (!rotated) break;
  }
  const sv = norms.map((x) => Math.sqrt(Math.max(x, 0)));
  const max = sv.reduce((a, b) => Math.max(a, b), 0);
  const keep = sv.map((_, j) => j).filter((j) => max > 0 && sv[j] > relTol * max);
  keep.sort((a, b) => sv[b] - sv[a]);
  const r = keep.length;
  // M = Uм Σ Wᵀ with Uм = columns / σ; A = M or Mᵀ.
  const left = dense(m, r);
  const right = dense(n, r);
  keep.forEach((j, k) => {
    for (let i = 0; i < m; i++) left.data[i * r + k] = c[j][i] / sv[j];
    for (let i = 0; i < n; i++) right.data[i * r + k] = w[j][i];
  });
  return { rank: r, s: Float64Array.from(keep, (j) => sv[j]), U: transpose ? right : left, V: transpose ? left : right };
}

/**
 * Minimum-norm least-squares solution of M·w = rhs through the SVD, singular values below
 * relTol × the largest dropped: tolerates dependent rows and columns.
 */
export function pseudoInverseSolve(M: Dense, rhs: Float64Array, relTol = 1e-10): Float64Array {
  const d = svd(M, relTol);
  const out = new Float64Array(M.cols);
  for (let k = 0; k < d.rank; k++) {
    let c = 0;
    for (let i = 0; i < M.rows; i++) c += d.U.data[i * d.rank + k] * rhs[i];
    c /= d.s[k];
    for (let j = 0; j < M.cols; j++) out[j] += d.V.data[j * d.rank + k] * c;
  }
  return out;
}
