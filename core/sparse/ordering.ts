/**
 * Fill-reducing symmetric ordering for one block: an approximate minimum degree
 * (AMD-style) ordering of the pattern of B + B^T.
 *
 * Because the assembler pairs equation i with unknown i, the diagonal is the
 * natural pivot; ordering rows and columns by the same permutation keeps it on
 * the diagonal, where the LU's diagonal preference will usually accept it.
 *
 * Quotient-graph minimum degree with element absorption, aggressive absorption
 * and AMD's approximate external degree bound. It leaves out supervariable
 * detection and mass elimination (they only speed up the ordering of large
 * mesh-like graphs). Rows denser than max(16, 10 sqrt(m)) are ordered last, as
 * AMD does.
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
const DEAD = 2;

/**
 * Approximate minimum degree ordering of a symmetric pattern.
 * @returns perm with perm[k] = the node eliminated k-th (a permutation of 0..n-1).
 */
export function minimumDegreeOrder(g: SymmetricPattern): Int32Array {
  const n = g.n;
  const perm = new Int32Array(n);
  if (n <= 2) {
    for (let i = 0; i < n; i++) perm[i] = i;
    return perm;
  }
  const { ptr, idx } = g;

  // Dense nodes go last and are removed from the graph.
  const denseLimit = Math.max(16, Math.floor(10 * Math.sqrt(n)));
  const status = new Uint8Array(n);
  const dense: number[] = [];
  for (let i = 0; i < n; i++) {
    if (ptr[i + 1] - ptr[i] > denseLimit) {
      status[i] = DEAD;
      dense.push(i);
    }
  }

  const varAdj: (Int32Array | null)[] = new Array(n);
  const elAdj: (Int32Array | null)[] = new Array(n);
  const members: (Int32Array | null)[] = new Array(n); // variables of an element
  const degree = new Int32Array(n);
  const head = new Int32Array(n + 1).fill(-1);
  const next = new Int32Array(n).fill(-1);
  const prev = new Int32Array(n).fill(-1);
  const EMPTY = new Int32Array(0);

  const insert = (i: number, d: number): void => {
    const h = head[d];
    next[i] = h;
    prev[i] = -1;
    if (h !== -1) prev[h] = i;
    head[d] = i;
  };
  const remove = (i: number): void => {
    const a = prev[i];
    const b = next[i];
    if (a !== -1) next[a] = b;
    else head[degree[i]] = b;
    if (b !== -1) prev[b] = a;
  };

  let live = 0;
  for (let i = 0; i < n; i++) {
    if (status[i] !== VARIABLE) continue;
    let d = 0;
    for (let p = ptr[i]; p < ptr[i + 1]; p++) if (status[idx[p]] === VARIABLE) d++;
    const a = new Int32Array(d);
    d = 0;
    for (let p = ptr[i]; p < ptr[i + 1]; p++) if (status[idx[p]] === VARIABLE) a[d++] = idx[p];
    varAdj[i] = a;
    elAdj[i] = EMPTY;
    degree[i] = d;
    insert(i, d);
    live++;
  }

  const mark = new Int32Array(n);
  let stamp = 0;
  const wMark = new Int32Array(n);
  const w = new Int32Array(n);
  let wStamp = 0;
  let lp: Int32Array = new Int32Array(64);
  let tmp: Int32Array = new Int32Array(64);

  let minDeg = 0;
  let k = 0;
  const total = live;
  for (; k < total; k++) {
    while (head[minDeg] === -1) minDeg++;
    const p = head[minDeg];
    remove(p);
    perm[k] = p;
    status[p] = ELEMENT;
    live--;

    // Lp = variables adjacent to p, directly or through its elements.
    stamp++;
    mark[p] = stamp;
    let lpSize = 0;
    const vp = varAdj[p]!;
    for (let t = 0; t < vp.length; t++) {
      const j = vp[t];
      if (status[j] === VARIABLE && mark[j] !== stamp) {
        mark[j] = stamp;
        if (lpSize === lp.length) lp = growInt(lp);
        lp[lpSize++] = j;
      }
    }
    const ep = elAdj[p]!;
    for (let t = 0; t < ep.length; t++) {
      const e = ep[t];
      if (status[e] !== ELEMENT) continue;
      const me = members[e]!;
      for (let s = 0; s < me.length; s++) {
        const j = me[s];
        if (status[j] === VARIABLE && mark[j] !== stamp) {
          mark[j] = stamp;
          if (lpSize === lp.length) lp = growInt(lp);
          lp[lpSize++] = j;
        }
      }
      status[e] = DEAD; // absorbed into p
      members[e] = null;
    }
    members[p] = lp.slice(0, lpSize);
    varAdj[p] = null;
    elAdj[p] = null;

    // w[e] = |Le \ Lp| for every live element e adjacent to a variable of Lp.
    wStamp++;
    for (let t = 0; t < lpSize; t++) {
      const i = lp[t];
      const ei = elAdj[i]!;
      for (let s = 0; s < ei.length; s++) {
        const e = ei[s];
        if (status[e] !== ELEMENT) continue;
        if (wMark[e] !== wStamp) {
          wMark[e] = wStamp;
          w[e] = members[e]!.length - 1;
        } else {
          w[e]--;
        }
      }
    }

    // Update each variable of Lp.
    for (let t = 0; t < lpSize; t++) {
      const i = lp[t];
      remove(i);

      // Elements: drop dead ones, absorb those contained in Lp, add p.
      const ei = elAdj[i]!;
      if (tmp.length < ei.length + 1) tmp = new Int32Array(2 * (ei.length + 1));
      let ne = 0;
      let ext = 0;
      for (let s = 0; s < ei.length; s++) {
        const e = ei[s];
        if (status[e] !== ELEMENT) continue;
        const we = w[e];
        if (we === 0) {
          status[e] = DEAD; // aggressive absorption: Le is a subset of Lp
          members[e] = null;
        } else {
          tmp[ne++] = e;
          ext += we;
        }
      }
      tmp[ne++] = p;
      elAdj[i] = tmp.slice(0, ne);

      // Variables: keep those not covered by element p.
      const vi = varAdj[i]!;
      let nv = 0;
      for (let s = 0; s < vi.length; s++) {
        const j = vi[s];
        if (status[j] === VARIABLE && mark[j] !== stamp) vi[nv++] = j;
      }
      varAdj[i] = nv === vi.length ? vi : vi.slice(0, nv);

      let d = nv + (lpSize - 1) + ext;
      const bound1 = degree[i] + lpSize - 1;
      if (bound1 < d) d = bound1;
      if (live - 1 < d) d = live - 1;
      if (d < 0) d = 0;
      degree[i] = d;
      insert(i, d);
      if (d < minDeg) minDeg = d;
    }
  }

  for (let t = 0; t < dense.length; t++) perm[k++] = dense[t];
  return perm;
}

function growInt(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
