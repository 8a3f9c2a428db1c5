/**
 * Fill-reducing symmetric ordering for one block: an approximate minimum degree
 * (AMD-style) ordering of the pattern of B + B^T.
 *
 * Because the assembler pairs equation i with unknown i, the diagonal is the
 * natural pivot; ordering rows and columns by the same permutation keeps it on
 * the diagonal, where the LU's diagonal preference will usually accept it.
 *
 * Quotient-graph minimum degree (Amestoy, Davis & Duff) with element
 * absorption, aggressive absorption, AMD's approximate external degree,
 * supervariables (indistinguishable variables found by hashing) and mass
 * elimination. Rows denser than max(16, 10 sqrt(m)) are ordered last, as AMD
 * does. Not a port of SuiteSparse AMD: no postordering of the assembly tree.
 *
 * The ordering affects only fill and speed, never correctness: any permutation
 * gives the same solution.
 */

/** Symmetric adjacency structure (no self loops, no duplicates). */
export interface SymmetricPattern {
  n: number;
  ptr: Int32Array;
  idx: Int32Array;
}

/**
 * Pattern of B + B^T for a square matrix B given in CSR form (any values ignored),
 * without the diagonal and without duplicates.
 */
export function symmetricPattern(n: number, rowPtr: Int32Array, colIdx: Int32Array): SymmetricPattern {
  const cnt = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    for (let p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) {
      const j = colIdx[p];
      if (j !== i) {
        cnt[i + 1]++;
        cnt[j + 1]++;
      }
    }
  }
  for (let i = 0; i < n; i++) cnt[i + 1] += cnt[i];
  const next = cnt.slice(0, n);
  const raw = new Int32Array(cnt[n]);
  for (let i = 0; i < n; i++) {
    for (let p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) {
      const j = colIdx[p];
      if (j !== i) {
        raw[next[i]++] = j;
        raw[next[j]++] = i;
      }
    }
  }
  // Remove duplicates in place with a marker array.
  const mark = new Int32Array(n).fill(-1);
  const ptr = new Int32Array(n + 1);
  let w = 0;
  for (let i = 0; i < n; i++) {
    for (let p = cnt[i], end = cnt[i + 1]; p < end; p++) {
      const j = raw[p];
      if (mark[j] !== i) {
        mark[j] = i;
        raw[w++] = j;
      }
    }
    ptr[i + 1] = w;
  }
  return { n, ptr, idx: raw.subarray(0, w) };
}

const VARIABLE = 0;
const ELEMENT = 1;
const DEAD = 2; // absorbed element, eliminated variable, merged (non-principal) variable or dense node

/**
 * Approximate minimum degree ordering of a symmetric pattern.
 * @returns perm with perm[k] = the node eliminated k-th (a permutation of 0..n-1).
 */
export function minimumDegreeOrder(g: SymmetricPattern): Int32Array {
  if (g.n <= 2) return Int32Array.from({ length: g.n }, (_, i) => i);
  return new MinimumDegree(g).order();
}

/**
 * The state of one minimum-degree ordering: the quotient graph (variables and elements), the
 * degree lists and the supervariable hash buckets. Every array is allocated once, here; only the
 * pool grows.
 */
class MinimumDegree {
  readonly n: number;
  readonly ptr: Int32Array;
  /** perm[0 … k-1] = the nodes eliminated so far. */
  readonly perm: Int32Array;
  k = 0;
  /** Rows with more entries are dense: removed from the graph and ordered last. */
  readonly denseLimit: number;
  readonly status: Uint8Array;
  nDense = 0;

  /** Variable adjacency: shrinking in place inside a private copy of idx. */
  readonly adj: Int32Array;
  readonly varLen: Int32Array;
  /**
   * Element lists of variables and member lists of elements live in one bump-allocated pool,
   * without compaction: its total size is bounded by the (supervariable-compressed) fill plus
   * the element lists.
   */
  pool: Int32Array;
  poolTop = 0;
  readonly elStart: Int32Array;
  readonly elCap: Int32Array;
  readonly elLen: Int32Array;
  readonly memStart: Int32Array;
  readonly memLen: Int32Array;
  /** Elements: sum of nv over live members. */
  readonly elWeight: Int32Array;

  /** Supervariable sizes (0 = merged away). */
  readonly nv: Int32Array;
  /** Members merged into a supervariable. */
  readonly chainNext: Int32Array;
  readonly chainTail: Int32Array;

  readonly degree: Int32Array;
  readonly head: Int32Array;
  readonly next: Int32Array;
  readonly prev: Int32Array;
  minDeg = 0;
  readonly hashHead: Int32Array;
  readonly hashNext: Int32Array;
  readonly hashOf: Int32Array;

  /** Sum of nv over the variables not yet eliminated. */
  liveWeight = 0;
  readonly mark: Int32Array;
  stamp = 0;
  readonly wMark: Int32Array;
  readonly w: Int32Array;
  wStamp = 0;

  constructor(g: SymmetricPattern) {
    const n = g.n;
    this.n = n;
    this.ptr = g.ptr;
    this.perm = new Int32Array(n);
    this.denseLimit = Math.max(16, Math.floor(10 * Math.sqrt(n)));
    this.status = new Uint8Array(n);
    this.adj = g.idx.slice();
    this.varLen = new Int32Array(n);
    this.pool = new Int32Array(Math.max(64, 4 * n + 2 * g.idx.length));
    this.elStart = new Int32Array(n);
    this.elCap = new Int32Array(n);
    this.elLen = new Int32Array(n);
    this.memStart = new Int32Array(n);
    this.memLen = new Int32Array(n);
    this.elWeight = new Int32Array(n);
    this.nv = new Int32Array(n).fill(1);
    this.chainNext = new Int32Array(n).fill(-1);
    this.chainTail = new Int32Array(n);
    for (let i = 0; i < n; i++) this.chainTail[i] = i;
    this.degree = new Int32Array(n);
    this.head = new Int32Array(n + 1).fill(-1);
    this.next = new Int32Array(n).fill(-1);
    this.prev = new Int32Array(n).fill(-1);
    this.hashHead = new Int32Array(n).fill(-1);
    this.hashNext = new Int32Array(n).fill(-1);
    this.hashOf = new Int32Array(n);
    this.mark = new Int32Array(n);
    this.wMark = new Int32Array(n);
    this.w = new Int32Array(n);
  }

  order(): Int32Array {
    this.removeDenseNodes();
    this.initialiseVariables();
    while (this.liveWeight > 0) this.eliminate(this.pickPivot());
    this.appendDenseNodes();
    return this.perm;
  }

  removeDenseNodes(): void {
    const { n, ptr, status, denseLimit } = this;
    for (let i = 0; i < n; i++) {
      if (ptr[i + 1] - ptr[i] > denseLimit) {
        status[i] = DEAD;
        this.nDense++;
      }
    }
  }

  /** Drops the dense neighbours from every adjacency list and files each variable under its degree. */
  initialiseVariables(): void {
    const { n, ptr, adj, status, varLen, degree, head, next, prev } = this;
    for (let i = 0; i < n; i++) {
      if (status[i] !== VARIABLE) continue;
      const p0 = ptr[i];
      let d = 0;
      for (let p = p0, end = ptr[i + 1]; p < end; p++) if (status[adj[p]] === VARIABLE) adj[p0 + d++] = adj[p];
      varLen[i] = d;
      degree[i] = d;
      const h = head[d];
      next[i] = h;
      if (h !== -1) prev[h] = i;
      head[d] = i;
      this.liveWeight++;
    }
  }

  /** Removes and returns the first variable of the lowest non-empty degree list. */
  pickPivot(): number {
    const { head, next, prev } = this;
    let minDeg = this.minDeg;
    while (head[minDeg] === -1) minDeg++;
    this.minDeg = minDeg;
    const p = head[minDeg];
    const b = next[p];
    head[minDeg] = b;
    if (b !== -1) prev[b] = -1;
    return p;
  }

  /** Appends supervariable i (its principal variable, then the variables merged into it) to perm. */
  emit(i: number): void {
    const { perm, chainNext } = this;
    let k = this.k;
    for (let j = i; j !== -1; j = chainNext[j]) perm[k++] = j;
    this.k = k;
  }

  appendDenseNodes(): void {
    if (this.nDense === 0) return;
    const { n, ptr, perm, denseLimit } = this;
    for (let i = 0; i < n; i++) if (ptr[i + 1] - ptr[i] > denseLimit) perm[this.k++] = i;
  }

  eliminate(p: number): void {
    const { n, ptr, adj, varLen, elStart, elCap, elLen, memStart, memLen, elWeight, status, nv, chainNext, chainTail } = this;
    const { degree, head, next, prev, hashHead, hashNext, hashOf, mark, wMark, w } = this;
    let { pool, poolTop, stamp, wStamp, liveWeight, minDeg } = this;
    this.emit(p);
    status[p] = ELEMENT;
    liveWeight -= nv[p];

    // Lp = principal variables adjacent to p, directly or through its elements;
    // built at the top of the pool (at most n entries).
    stamp++;
    mark[p] = stamp;
    if (poolTop + n > pool.length) {
      const grown = new Int32Array(Math.max(2 * pool.length, poolTop + n));
      grown.set(pool.subarray(0, poolTop));
      this.pool = pool = grown;
    }
    const lpAt = poolTop;
    let lpSize = 0;
    let lpWeight = 0;
    for (let t = ptr[p], end = ptr[p] + varLen[p]; t < end; t++) {
      const j = adj[t];
      if (status[j] === VARIABLE && mark[j] !== stamp) {
        mark[j] = stamp;
        pool[lpAt + lpSize++] = j;
        lpWeight += nv[j];
      }
    }
    for (let t = elStart[p], end = elStart[p] + elLen[p]; t < end; t++) {
      const e = pool[t];
      if (status[e] !== ELEMENT) continue;
      for (let q = memStart[e], qend = memStart[e] + memLen[e]; q < qend; q++) {
        const j = pool[q];
        if (status[j] === VARIABLE && mark[j] !== stamp) {
          mark[j] = stamp;
          pool[lpAt + lpSize++] = j;
          lpWeight += nv[j];
        }
      }
      status[e] = DEAD; // absorbed into p
    }
    poolTop = lpAt + lpSize;
    memStart[p] = lpAt;
    memLen[p] = lpSize;
    elWeight[p] = lpWeight;
    varLen[p] = 0;
    elLen[p] = 0;

    // w[e] = weight of Le \ Lp for every live element e adjacent to Lp.
    wStamp++;
    for (let t = 0; t < lpSize; t++) {
      const i = pool[lpAt + t];
      const nvi = nv[i];
      for (let q = elStart[i], end = elStart[i] + elLen[i]; q < end; q++) {
        const e = pool[q];
        if (status[e] !== ELEMENT) continue;
        if (wMark[e] !== wStamp) {
          wMark[e] = wStamp;
          w[e] = elWeight[e] - nvi;
        } else {
          w[e] -= nvi;
        }
      }
    }

    // Update each variable of Lp: lists, approximate degree, mass elimination.
    for (let t = 0; t < lpSize; t++) {
      const i = pool[lpAt + t];
      // unlink i from its degree list
      {
        const a = prev[i];
        const b = next[i];
        if (a !== -1) next[a] = b;
        else head[degree[i]] = b;
        if (b !== -1) prev[b] = a;
      }
      let hash = p;

      // Elements: drop dead ones, absorb those contained in Lp, add p.
      let es = elStart[i];
      let ne = 0;
      let ext = 0;
      for (let q = es, end = es + elLen[i]; q < end; q++) {
        const e = pool[q];
        if (status[e] !== ELEMENT) continue;
        const we = w[e];
        if (we === 0) {
          status[e] = DEAD; // aggressive absorption: Le is a subset of Lp
        } else {
          pool[es + ne++] = e;
          ext += we;
          hash += e;
        }
      }

      // Variables: keep principal ones not covered by element p.
      const v0 = ptr[i];
      let nvExt = 0;
      let nvar = 0;
      for (let q = v0, end = v0 + varLen[i]; q < end; q++) {
        const j = adj[q];
        if (status[j] === VARIABLE && mark[j] !== stamp) {
          adj[v0 + nvar++] = j;
          nvExt += nv[j];
          hash += j;
        }
      }
      varLen[i] = nvar;

      if (ne === 0 && nvar === 0) {
        // Mass elimination: i is adjacent to element p only; eliminating it
        // right after p creates no fill.
        this.emit(i);
        status[i] = DEAD;
        liveWeight -= nv[i];
        elWeight[p] -= nv[i];
        elLen[i] = 0;
        continue;
      }

      if (ne === elCap[i]) {
        const cap = Math.max(4, 2 * ne);
        if (poolTop + cap > pool.length) {
          const grown = new Int32Array(Math.max(2 * pool.length, poolTop + cap));
          grown.set(pool.subarray(0, poolTop));
          this.pool = pool = grown;
        }
        pool.copyWithin(poolTop, es, es + ne);
        es = poolTop;
        poolTop += cap;
        elStart[i] = es;
        elCap[i] = cap;
      }
      pool[es + ne++] = p;
      elLen[i] = ne;

      let d = nvExt + ext + (lpWeight - nv[i]);
      const bound = degree[i] + lpWeight - nv[i];
      if (bound < d) d = bound;
      degree[i] = d; // clamped below once the supervariables are known

      const hb = (hash >>> 0) % n;
      hashOf[i] = hb;
      hashNext[i] = hashHead[hb];
      hashHead[hb] = i;
    }

    // Supervariable detection: variables of Lp with identical element and
    // variable lists are indistinguishable and are merged.
    for (let t = 0; t < lpSize; t++) {
      const i = pool[lpAt + t];
      if (status[i] !== VARIABLE) continue;
      const hb = hashOf[i];
      let ci = hashHead[hb];
      if (ci === -1) continue;
      hashHead[hb] = -1;
      for (; ci !== -1; ci = hashNext[ci]) {
        if (status[ci] !== VARIABLE || nv[ci] === 0 || hashNext[ci] === -1) continue;
        const eLen = elLen[ci];
        const vLen = varLen[ci];
        stamp++;
        for (let q = elStart[ci], end = elStart[ci] + eLen; q < end; q++) mark[pool[q]] = stamp;
        for (let q = ptr[ci], end = ptr[ci] + vLen; q < end; q++) mark[adj[q]] = stamp;
        let prevJ = ci;
        for (let cj = hashNext[ci]; cj !== -1; cj = hashNext[cj]) {
          let same = status[cj] === VARIABLE && nv[cj] > 0 && elLen[cj] === eLen && varLen[cj] === vLen;
          for (let q = elStart[cj], end = elStart[cj] + eLen; same && q < end; q++) same = mark[pool[q]] === stamp;
          for (let q = ptr[cj], end = ptr[cj] + vLen; same && q < end; q++) same = mark[adj[q]] === stamp;
          if (same) {
            // merge cj into ci
            nv[ci] += nv[cj];
            degree[ci] -= nv[cj];
            nv[cj] = 0;
            status[cj] = DEAD;
            chainNext[chainTail[ci]] = cj;
            chainTail[ci] = chainTail[cj];
            hashNext[prevJ] = hashNext[cj]; // unlink cj from the bucket
          } else {
            prevJ = cj;
          }
        }
      }
    }

    // Re-insert the surviving principal variables of Lp.
    for (let t = 0; t < lpSize; t++) {
      const i = pool[lpAt + t];
      if (status[i] !== VARIABLE) continue;
      let d = degree[i];
      if (liveWeight - nv[i] < d) d = liveWeight - nv[i];
      if (d < 0) d = 0;
      degree[i] = d;
      const h = head[d];
      next[i] = h;
      prev[i] = -1;
      if (h !== -1) prev[h] = i;
      head[d] = i;
      if (d < minDeg) minDeg = d;
    }
    stamp++; // marks of this step are stale from here on
    this.poolTop = poolTop;
    this.stamp = stamp;
    this.wStamp = wStamp;
    this.liveWeight = liveWeight;
    this.minDeg = minDeg;
  }
}
