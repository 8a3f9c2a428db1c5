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

  /** Lp, the member list of the element being formed: pool[lpAt … lpAt + lpSize - 1], of weight lpWeight. */
  lpAt = 0;
  lpSize = 0;
  lpWeight = 0;
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

  /** Eliminates pivot p: p becomes an element, and its neighbours' lists and degrees are updated. */
  eliminate(p: number): void {
    this.emit(p);
    this.status[p] = ELEMENT;
    this.liveWeight -= this.nv[p];
    this.formElement(p);
    this.computeExternalWeights();
    this.updateVariables(p);
    this.findSupervariables();
    this.reinsertVariables();
    this.stamp++; // marks of this step are stale from here on
  }

  /** Makes room for `extra` more entries at the top of the pool. */
  reservePool(extra: number): void {
    const { pool, poolTop } = this;
    if (poolTop + extra > pool.length) {
      const grown = new Int32Array(Math.max(2 * pool.length, poolTop + extra));
      grown.set(pool.subarray(0, poolTop));
      this.pool = grown;
    }
  }

  /**
   * Lp = the principal variables adjacent to p, directly or through its elements, built at the
   * top of the pool (at most n entries) as p's member list (marked); p's elements are absorbed.
   */
  formElement(p: number): void {
    const { ptr, adj, varLen, elStart, elLen, memStart, memLen, elWeight, status, nv, mark } = this;
    const stamp = ++this.stamp;
    mark[p] = stamp;
    this.reservePool(this.n);
    const pool = this.pool;
    const lpAt = this.poolTop;
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
    this.poolTop = lpAt + lpSize;
    this.lpAt = memStart[p] = lpAt;
    this.lpSize = memLen[p] = lpSize;
    this.lpWeight = elWeight[p] = lpWeight;
    varLen[p] = 0;
    elLen[p] = 0;
  }

  /** w[e] = weight of Le \ Lp for every live element e adjacent to Lp. */
  computeExternalWeights(): void {
    const { pool, lpAt, lpSize, elStart, elLen, elWeight, status, nv, wMark, w } = this;
    const wStamp = ++this.wStamp;
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
  }

  /**
   * Every variable i of Lp: its lists lose what element p covers (dead and absorbed elements,
   * variables no longer principal or inside Lp) and gain p; then it is mass-eliminated (p was its
   * only neighbour, so eliminating it right after p creates no fill) or its approximate degree is
   * updated and it is hashed for the supervariable search.
   */
  updateVariables(p: number): void {
    const { lpAt, lpSize, status, w, ptr, adj, varLen, elStart, elLen, mark, nv, stamp } = this;
    for (let t = 0; t < lpSize; t++) {
      const pool = this.pool; // appendElement may grow it
      const i = pool[lpAt + t];
      this.unlinkFromDegreeList(i);
      let hash = p;
      const es = elStart[i];
      let elements = 0;
      let elementsOutside = 0;
      for (let q = es, end = es + elLen[i]; q < end; q++) {
        const e = pool[q];
        if (status[e] !== ELEMENT) continue;
        const we = w[e];
        if (we === 0) {
          status[e] = DEAD; // aggressive absorption: Le is a subset of Lp
        } else {
          pool[es + elements++] = e;
          elementsOutside += we;
          hash += e;
        }
      }
      const v0 = ptr[i];
      let variables = 0;
      let variablesOutside = 0;
      for (let q = v0, end = v0 + varLen[i]; q < end; q++) {
        const j = adj[q];
        if (status[j] === VARIABLE && mark[j] !== stamp) {
          adj[v0 + variables++] = j;
          variablesOutside += nv[j];
          hash += j;
        }
      }
      varLen[i] = variables;
      if (elements === 0 && variables === 0) {
        this.massEliminate(p, i);
        continue;
      }
      this.appendElement(i, elements, p);
      this.updateDegree(i, variablesOutside + elementsOutside);
      this.hashVariable(i, hash);
    }
  }

  unlinkFromDegreeList(i: number): void {
    const { head, next, prev } = this;
    const a = prev[i];
    const b = next[i];
    if (a !== -1) next[a] = b;
    else head[this.degree[i]] = b;
    if (b !== -1) prev[b] = a;
  }

  massEliminate(p: number, i: number): void {
    this.emit(i);
    this.status[i] = DEAD;
    this.liveWeight -= this.nv[i];
    this.elWeight[p] -= this.nv[i];
    this.elLen[i] = 0;
  }

  /** Appends p to i's element list (its first `kept` entries), moved to a slot twice as big at the top of the pool when full. */
  appendElement(i: number, kept: number, p: number): void {
    const { elStart, elCap } = this;
    let es = elStart[i];
    if (kept === elCap[i]) {
      const cap = Math.max(4, 2 * kept);
      this.reservePool(cap);
      this.pool.copyWithin(this.poolTop, es, es + kept);
      es = this.poolTop;
      this.poolTop += cap;
      elStart[i] = es;
      elCap[i] = cap;
    }
    this.pool[es + kept] = p;
    this.elLen[i] = kept + 1;
  }

  /**
   * AMD's approximate external degree from i's weight outside Lp, bounded by the old degree plus
   * Lp; clamped in reinsertVariables once the supervariables are known.
   */
  updateDegree(i: number, outside: number): void {
    const { degree, nv, lpWeight } = this;
    let d = outside + (lpWeight - nv[i]);
    const bound = degree[i] + lpWeight - nv[i];
    if (bound < d) d = bound;
    degree[i] = d;
  }

  hashVariable(i: number, hash: number): void {
    const { hashHead } = this;
    const bucket = (hash >>> 0) % this.n;
    this.hashOf[i] = bucket;
    this.hashNext[i] = hashHead[bucket];
    hashHead[bucket] = i;
  }

  /** Supervariable detection: variables of Lp with identical element and variable lists are indistinguishable and are merged. */
  findSupervariables(): void {
    const { pool, lpAt, lpSize, status, hashOf, hashHead } = this;
    for (let t = 0; t < lpSize; t++) {
      const i = pool[lpAt + t];
      if (status[i] !== VARIABLE) continue;
      const bucket = hashOf[i];
      if (hashHead[bucket] !== -1) this.searchBucket(bucket);
    }
  }

  /** Empties one hash bucket, merging the indistinguishable variables in it. */
  searchBucket(bucket: number): void {
    const { status, nv, hashNext } = this;
    let ci = this.hashHead[bucket];
    this.hashHead[bucket] = -1;
    for (; ci !== -1; ci = hashNext[ci]) {
      if (status[ci] !== VARIABLE || nv[ci] === 0 || hashNext[ci] === -1) continue;
      this.mergeTwins(ci);
    }
  }

  /** Merges into ci every later variable of its bucket with the same lists, and unlinks them from the bucket. */
  mergeTwins(ci: number): void {
    const { pool, adj, ptr, elStart, mark, hashNext } = this;
    const elements = this.elLen[ci];
    const variables = this.varLen[ci];
    const stamp = ++this.stamp;
    for (let q = elStart[ci], end = elStart[ci] + elements; q < end; q++) mark[pool[q]] = stamp;
    for (let q = ptr[ci], end = ptr[ci] + variables; q < end; q++) mark[adj[q]] = stamp;
    let prevJ = ci;
    for (let cj = hashNext[ci]; cj !== -1; cj = hashNext[cj]) {
      if (this.hasMarkedLists(cj, elements, variables)) {
        this.mergeVariable(ci, cj);
        hashNext[prevJ] = hashNext[cj];
      } else {
        prevJ = cj;
      }
    }
  }

  /** True when cj is a live principal variable whose lists have these lengths and only marked entries. */
  hasMarkedLists(cj: number, elements: number, variables: number): boolean {
    const { pool, adj, ptr, elStart, mark, stamp } = this;
    if (this.status[cj] !== VARIABLE || this.nv[cj] === 0) return false;
    if (this.elLen[cj] !== elements || this.varLen[cj] !== variables) return false;
    for (let q = elStart[cj], end = elStart[cj] + elements; q < end; q++) if (mark[pool[q]] !== stamp) return false;
    for (let q = ptr[cj], end = ptr[cj] + variables; q < end; q++) if (mark[adj[q]] !== stamp) return false;
    return true;
  }

  /** cj joins supervariable ci (and is eliminated with it). */
  mergeVariable(ci: number, cj: number): void {
    const { nv, chainNext, chainTail } = this;
    nv[ci] += nv[cj];
    this.degree[ci] -= nv[cj];
    nv[cj] = 0;
    this.status[cj] = DEAD;
    chainNext[chainTail[ci]] = cj;
    chainTail[ci] = chainTail[cj];
  }

  /** Files the surviving principal variables of Lp under their degree, clamped to 0 … liveWeight - nv. */
  reinsertVariables(): void {
    const { pool, lpAt, lpSize, status, degree, nv, head, next, prev, liveWeight } = this;
    let minDeg = this.minDeg;
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
    this.minDeg = minDeg;
  }
}
