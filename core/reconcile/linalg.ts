/**
 * Dense linear algebra for reconciliation, on row-major Float64Arrays: the null space of the
 * balances (reduced row echelon form), Gram–Schmidt bases, Householder QR with column pivoting and
 * the orthogonal complement it gives, and a thin SVD (one-sided Jacobi) for the small matrices of
 * the balance and identifiability analyses. The least-squares factorisation built on the QR is in
 * least-squares.ts; a unit's own equations are sparse and go to the core's sparse LU (sandbox.ts).
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

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export function norm(a: ArrayLike<number>): number {
  return Math.sqrt(dot(a, a));
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
  scaleRowsToUnitMax(a, rows, cols);
  const pivots: number[] = [];
  const isPivot = new Uint8Array(cols);
  let r = 0;
  for (let c = 0; c < cols && r < rows; c++) {
    const best = largestBelow(a, rows, cols, r, c);
    if (Math.abs(a[best * cols + c]) <= relTol) {
      for (let i = r; i < rows; i++) a[i * cols + c] = 0;
      continue;
    }
    swapRows(a, cols, r, best);
    eliminateColumn(a, rows, cols, r, c);
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

/** Rows scaled to unit max-norm, so one tolerance fits all. */
function scaleRowsToUnitMax(a: Float64Array, rows: number, cols: number): void {
  for (let i = 0; i < rows; i++) {
    let m = 0;
    for (let j = 0; j < cols; j++) m = Math.max(m, Math.abs(a[i * cols + j]));
    if (m > 0) for (let j = 0; j < cols; j++) a[i * cols + j] /= m;
  }
}

function largestBelow(a: Float64Array, rows: number, cols: number, r: number, c: number): number {
  let best = r;
  let bestAbs = -1;
  for (let i = r; i < rows; i++) {
    const v = Math.abs(a[i * cols + c]);
    if (v > bestAbs) {
      bestAbs = v;
      best = i;
    }
  }
  return best;
}

function swapRows(a: Float64Array, cols: number, r: number, s: number): void {
  if (r === s) return;
  for (let j = 0; j < cols; j++) {
    const t = a[r * cols + j];
    a[r * cols + j] = a[s * cols + j];
    a[s * cols + j] = t;
  }
}

/** Scales pivot row r to a unit pivot in column c and clears column c in every other row. */
function eliminateColumn(a: Float64Array, rows: number, cols: number, r: number, c: number): void {
  const inv = 1 / a[r * cols + c];
  for (let j = c; j < cols; j++) a[r * cols + j] *= inv;
  for (let i = 0; i < rows; i++) {
    if (i === r) continue;
    const f = a[i * cols + c];
    if (f === 0) continue;
    for (let j = c; j < cols; j++) a[i * cols + j] -= f * a[r * cols + j];
    a[i * cols + c] = 0;
  }
}

/** Orthonormalizes vectors (modified Gram–Schmidt, twice), dropping those in the span of earlier ones. */
export function orthonormalize(vectors: readonly Float64Array[], relTol = 1e-9, against: readonly Float64Array[] = []): Float64Array[] {
  const basis: Float64Array[] = [];
  for (const v0 of vectors) {
    const v = Float64Array.from(v0);
    const n0 = norm(v);
    if (n0 === 0) continue;
    for (let pass = 0; pass < 2; pass++) {
      for (const q of against) subtractProjection(v, q);
      for (const q of basis) subtractProjection(v, q);
    }
    const n = norm(v);
    if (n > relTol * n0) {
      for (let i = 0; i < v.length; i++) v[i] /= n;
      basis.push(v);
    }
  }
  return basis;
}

function subtractProjection(v: Float64Array, q: Float64Array): void {
  const d = dot(q, v);
  for (let i = 0; i < v.length; i++) v[i] -= d * q[i];
}

/**
 * An orthonormal basis of span(vectors) in R^n, the rank judged against the largest pivot of a QR
 * with column pivoting of their transpose (round-off in some vectors is not a direction).
 */
export function spanBasis(vectors: readonly Float64Array[], n: number, relTol = 1e-9): Float64Array[] {
  const rows = vectors.filter((v) => v.some((x) => x !== 0));
  if (!rows.length) return [];
  const a = new Float64Array(n * rows.length);
  rows.forEach((v, j) => a.set(v, j * n));
  const qr = new HouseholderQr(n, rows.length, a);
  qr.initNorms();
  let rank = 0;
  let first = 0;
  for (let k = 0; k < Math.min(n, rows.length); k++) {
    const nk = qr.pivot(k);
    if (k === 0) first = nk;
    if (!(nk > relTol * first) || nk === 0) break;
    qr.reflectColumn(k, true);
    rank++;
  }
  const Q = qr.thinQ(rank);
  return Array.from({ length: rank }, (_, c) => Float64Array.from({ length: n }, (_, i) => Q.data[i * rank + c]));
}

/** An orthonormal basis of the orthogonal complement of span(vectors) in R^n. */
export function complement(vectors: readonly Float64Array[], n: number): Float64Array[] {
  return orthogonalComplement(orthonormalize(vectors), n);
}

/**
 * The orthogonal complement in R^n of the span of orthonormal vectors: the trailing columns of the
 * full Q of their Householder QR (n − k vectors, exactly orthonormal, in O(n²k)).
 */
function orthogonalComplement(orthonormal: readonly Float64Array[], n: number): Float64Array[] {
  const k = orthonormal.length;
  const a = new Float64Array(n * k);
  orthonormal.forEach((v, j) => a.set(v, j * n));
  const H = new HouseholderQr(n, k, a);
  for (let j = 0; j < k; j++) H.reflectColumn(j);
  const out: Float64Array[] = [];
  for (let c = k; c < n; c++) {
    const e = new Float64Array(n);
    e[c] = 1;
    H.applyQ(e, k);
    out.push(e);
  }
  return out;
}

/**
 * Householder QR of an m × n matrix held by columns, with optional column pivoting (Businger–Golub,
 * norms downdated and recomputed when cancellation makes the downdate unreliable, as LAPACK's
 * xGEQP3). Column j of the working matrix is a[j·m … j·m + m − 1].
 */
export class HouseholderQr {
  readonly a: Float64Array;
  /** Householder vectors, v_k stored in column k rows k … m − 1 of `v`, with ‖v_k‖ = 1 (or 0). */
  private readonly v: Float64Array;
  readonly perm: Int32Array;
  readonly rdiag: Float64Array;
  private readonly norms: Float64Array;
  private readonly norms0: Float64Array;

  /** `a`: the matrix by columns (column j at a[j·m …]); it is factorised in place. */
  constructor(
    readonly m: number,
    readonly n: number,
    a: Float64Array,
  ) {
    this.a = a;
    this.v = new Float64Array(m * Math.min(m, n));
    this.perm = Int32Array.from({ length: n }, (_, j) => j);
    this.rdiag = new Float64Array(Math.min(m, n));
    this.norms = new Float64Array(n);
    this.norms0 = new Float64Array(n);
  }

  /** Column norms from row `from` down, for pivoting. */
  initNorms(): void {
    for (let j = 0; j < this.n; j++) this.norms[j] = this.norms0[j] = this.columnNorm(j, 0);
  }

  private columnNorm(j: number, from: number): number {
    const { a, m } = this;
    let s = 0;
    for (let i = from; i < m; i++) s += a[j * m + i] ** 2;
    return Math.sqrt(s);
  }

  /** The column at or after k with the largest remaining norm, moved to position k; its norm. */
  pivot(k: number): number {
    let p = k;
    for (let j = k + 1; j < this.n; j++) if (this.norms[j] > this.norms[p]) p = j;
    if (p !== k) this.swapColumns(k, p);
    return this.norms[k];
  }

  private swapColumns(k: number, p: number): void {
    const { a, m } = this;
    for (let i = 0; i < m; i++) {
      const t = a[k * m + i];
      a[k * m + i] = a[p * m + i];
      a[p * m + i] = t;
    }
    for (const arr of [this.norms, this.norms0]) {
      const t = arr[k];
      arr[k] = arr[p];
      arr[p] = t;
    }
    const t = this.perm[k];
    this.perm[k] = this.perm[p];
    this.perm[p] = t;
  }

  /** Reflection k: zeros column k below row k and applies the reflector to the columns after it. */
  reflectColumn(k: number, downdate = false): void {
    const { a, m, n, v } = this;
    const o = k * m;
    let s = 0;
    for (let i = k; i < m; i++) s += a[o + i] ** 2;
    const x0 = a[o + k];
    const alpha = s === 0 ? 0 : x0 >= 0 ? -Math.sqrt(s) : Math.sqrt(s);
    this.rdiag[k] = alpha;
    const vo = k * m;
    if (s === 0) return;
    // v = x − alpha·e_k, normalized.
    let vn = 0;
    for (let i = k; i < m; i++) {
      const vi = i === k ? x0 - alpha : a[o + i];
      v[vo + i] = vi;
      vn += vi * vi;
    }
    vn = Math.sqrt(vn);
    if (vn === 0) return;
    for (let i = k; i < m; i++) v[vo + i] /= vn;
    a[o + k] = alpha;
    for (let i = k + 1; i < m; i++) a[o + i] = 0;
    for (let j = k + 1; j < n; j++) {
      const cj = j * m;
      let d = 0;
      for (let i = k; i < m; i++) d += v[vo + i] * a[cj + i];
      if (d === 0) continue;
      d *= 2;
      for (let i = k; i < m; i++) a[cj + i] -= d * v[vo + i];
      if (downdate) this.downdate(j, k);
    }
  }

  private downdate(j: number, k: number): void {
    const norms = this.norms;
    if (norms[j] === 0) return;
    const r = Math.abs(this.a[j * this.m + k]) / norms[j];
    const t = Math.max(0, (1 + r) * (1 - r));
    // LAPACK's test: recompute when the downdated norm has lost most of its digits.
    if (t * (norms[j] / this.norms0[j]) ** 2 <= Math.sqrt(Number.EPSILON)) {
      norms[j] = this.columnNorm(j, k + 1);
      this.norms0[j] = norms[j];
    } else norms[j] *= Math.sqrt(t);
  }

  /** x ← H_0 H_1 … H_{k−1} x (applies Q to an m-vector). */
  applyQ(x: Float64Array, k: number): void {
    for (let r = k - 1; r >= 0; r--) this.reflect(x, r);
  }

  /** x ← H_{k−1} … H_0 x (applies Qᵀ). */
  applyQt(x: Float64Array, k: number): void {
    for (let r = 0; r < k; r++) this.reflect(x, r);
  }

  private reflect(x: Float64Array, r: number): void {
    const { v, m } = this;
    const vo = r * m;
    let d = 0;
    for (let i = r; i < m; i++) d += v[vo + i] * x[i];
    if (d === 0) return;
    d *= 2;
    for (let i = r; i < m; i++) x[i] -= d * v[vo + i];
  }

  /** Entry (i, j) of R (i ≤ j), in pivoted column order. */
  r(i: number, j: number): number {
    return this.a[j * this.m + i];
  }

  /** The first k columns of Q, as an m × k row-major matrix. */
  thinQ(k: number): Dense {
    const Q = dense(this.m, k);
    const e = new Float64Array(this.m);
    for (let c = 0; c < k; c++) {
      e.fill(0);
      e[c] = 1;
      this.applyQ(e, k);
      for (let i = 0; i < this.m; i++) Q.data[i * k + c] = e[i];
    }
    return Q;
  }
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
 * columns mutually orthogonal; their norms are the singular values. A pair is rotated only while
 * its correlation exceeds what round-off leaves (m·ε, de Rijk 1989), and a column that has become
 * numerically zero (below ε·‖A‖) is left alone, so the sweeps stop after a few rounds instead of
 * chasing noise. For the small dense matrices of the balance and identifiability analyses.
 */
export function svd(A: Dense, relTol = 1e-10): Svd {
  const { rows, cols } = A;
  if (rows === 0 || cols === 0) return { rank: 0, s: new Float64Array(0), U: dense(rows, 0), V: dense(cols, 0) };
  const transpose = rows < cols;
  const m = transpose ? cols : rows;
  const n = transpose ? rows : cols;
  const c = columnsOf(A, transpose, m, n);
  const w: Float64Array[] = Array.from({ length: n }, (_, j) => {
    const v = new Float64Array(n);
    v[j] = 1;
    return v;
  });
  jacobiSweeps(c, w, m);
  const norms = c.map((v) => dot(v, v));
  const sv = norms.map((x) => Math.sqrt(x));
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

/** Columns of M (m × n, m ≥ n): M = A, or Aᵀ. */
function columnsOf(A: Dense, transpose: boolean, m: number, n: number): Float64Array[] {
  return Array.from({ length: n }, (_, j) => {
    const v = new Float64Array(m);
    if (transpose) v.set(A.data.subarray(j * A.cols, (j + 1) * A.cols));
    else for (let i = 0; i < m; i++) v[i] = A.data[i * A.cols + j];
    return v;
  });
}

const MAX_SWEEPS = 60;

function jacobiSweeps(c: Float64Array[], w: Float64Array[], m: number): void {
  const n = c.length;
  const norms = c.map((v) => dot(v, v));
  const total = norms.reduce((a, b) => a + b, 0);
  const negligible = (Number.EPSILON * Number.EPSILON) * total;
  const tol = Math.max(m, 1) * Number.EPSILON;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const alpha = norms[p];
        const beta = norms[q];
        if (alpha <= negligible || beta <= negligible) continue;
        const gamma = dot(c[p], c[q]);
        if (Math.abs(gamma) <= tol * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const cs = 1 / Math.sqrt(1 + t * t);
        rotate(c[p], c[q], cs, cs * t);
        rotate(w[p], w[q], cs, cs * t);
        norms[p] = dot(c[p], c[p]);
        norms[q] = dot(c[q], c[q]);
      }
    }
    if (!rotated) return;
  }
}

function rotate(x: Float64Array, y: Float64Array, cs: number, sn: number): void {
  for (let i = 0; i < x.length; i++) {
    const a = x[i];
    const b = y[i];
    x[i] = cs * a - sn * b;
    y[i] = sn * a + cs * b;
  }
}
