/**
 * Storage of the sparse LU factors of many blocks in a few shared typed arrays (a plant has tens
 * of thousands of small blocks: one set of arrays per block would cost more to allocate than to
 * fill), and the scratch space of the factorisation kernels.
 *
 * Column numbering is global: the block whose first column is `base` owns columns base … base+m-1
 * of every per-column array. Row indices stored in li / ui are block-local pivot positions.
 */

import type { LuPattern } from './lu-symbolic';

/**
 * The matrix a kernel factorises, column by column. Column c (a global position; a block owns
 * positions base … base + m − 1) holds the entries q = start[c] … end[c] − 1: row index[q] − base
 * (index holds global positions) and value values[q] · colScale[c] · rowScale[index[q]].
 * The scale arrays are the equilibration (powers of two).
 */
export interface BlockColumns {
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly index: Int32Array;
  readonly values: Float64Array;
  readonly rowScale: Float64Array;
  readonly colScale: Float64Array;
}

/** When a pivot is acceptable: |pivot| >= threshold · max |candidate| (the diagonal preference) and >= tolerance · max |A(:,k)|. */
export interface Pivoting {
  readonly threshold: number;
  readonly tolerance: number;
}

export interface LuStore {
  /** Strictly lower part of L (unit diagonal implicit): column c at li/lx[lBeg[c] … lEnd[c]). */
  li: Int32Array;
  lx: Float64Array;
  lBeg: Int32Array;
  lEnd: Int32Array;
  /** Strictly upper part of U: column c at ui/ux[uBeg[c] … uEnd[c]), rows in a topological order. */
  ui: Int32Array;
  ux: Float64Array;
  uBeg: Int32Array;
  uEnd: Int32Array;
  /** Diagonal of U. */
  udiag: Float64Array;
  /** pinv[base + i] = pivot position (block-local) of block-local row i. */
  pinv: Int32Array;
  /** First free entry of li/lx and of ui/ux. */
  lTop: number;
  uTop: number;
}

export function luStore(columns: number, capacity: number): LuStore {
  const cap = Math.max(16, capacity);
  return {
    li: new Int32Array(cap),
    lx: new Float64Array(cap),
    lBeg: new Int32Array(columns),
    lEnd: new Int32Array(columns),
    ui: new Int32Array(cap),
    ux: new Float64Array(cap),
    uBeg: new Int32Array(columns),
    uEnd: new Int32Array(columns),
    udiag: new Float64Array(columns),
    pinv: new Int32Array(columns),
    lTop: 0,
    uTop: 0,
  };
}

/**
 * A store for `columns` positions (0 when there is no sparse block) holding the symbolic patterns of
 * a plan (values to be computed), each block's pivots on the diagonal, with `extra` room after them
 * for blocks factorised afresh.
 */
export function luStoreFromPattern(pattern: LuPattern, blockStart: Int32Array, columns: number, extra: number): LuStore {
  const store = luStore(columns, 0);
  const lCap = pattern.li.length + extra;
  const uCap = pattern.ui.length + extra;
  store.li = new Int32Array(lCap);
  store.li.set(pattern.li);
  store.ui = new Int32Array(uCap);
  store.ui.set(pattern.ui);
  store.lx = new Float64Array(lCap);
  store.ux = new Float64Array(uCap);
  if (pattern.lBeg.length > 0) {
    store.lBeg.set(pattern.lBeg);
    store.lEnd.set(pattern.lEnd);
    store.uBeg.set(pattern.uBeg);
    store.uEnd.set(pattern.uEnd);
  }
  for (let c = 0; c < pattern.has.length; c++) {
    if (pattern.has[c] === 1) for (let t = blockStart[c], s = t; t < blockStart[c + 1]; t++) store.pinv[t] = t - s;
  }
  store.lTop = pattern.li.length;
  store.uTop = pattern.ui.length;
  return store;
}

/** Makes room for `need` more entries of L after lTop (and U after uTop). */
export function reserve(store: LuStore, needL: number, needU: number): void {
  if (store.lTop + needL > store.li.length) {
    const cap = Math.max(2 * store.li.length, store.lTop + needL);
    store.li = grownI(store.li, cap);
    store.lx = grownF(store.lx, cap);
  }
  if (store.uTop + needU > store.ui.length) {
    const cap = Math.max(2 * store.ui.length, store.uTop + needU);
    store.ui = grownI(store.ui, cap);
    store.ux = grownF(store.ux, cap);
  }
}

function grownI(a: Int32Array, cap: number): Int32Array {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}

function grownF(a: Float64Array, cap: number): Float64Array {
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}

/** Scratch space of the kernels, for blocks of up to `size` unknowns. */
export interface LuWork {
  size: number;
  x: Float64Array;
  xi: Int32Array;
  stack: Int32Array;
  ptr: Int32Array;
  lpend: Int32Array;
  mark: Int32Array;
  /** The last stamp used: every column marks with a new one, so mark is never cleared. */
  stamp: number;
}

export function luWork(size: number): LuWork {
  const m = Math.max(1, size);
  return {
    size: m,
    x: new Float64Array(m),
    xi: new Int32Array(m),
    stack: new Int32Array(m),
    ptr: new Int32Array(m),
    lpend: new Int32Array(m),
    mark: new Int32Array(m),
    stamp: 0,
  };
}

/** Reserves `count` fresh stamps; returns the first (restarting the marks long before the counter overflows). */
export function nextStamps(work: LuWork, count: number): number {
  if (work.stamp + count >= 0x7ffffff0) {
    work.mark.fill(0);
    work.stamp = 0;
  }
  const first = work.stamp + 1;
  work.stamp += count;
  return first;
}

/**
 * Solves B z = v in place on v[vo … vo + m) with the factors of block `base` (P B = L U):
 * y = P v, L y' = y, U z = y'. `y` is scratch of at least m doubles.
 */
export function luSolveBlock(store: LuStore, base: number, m: number, v: Float64Array, vo: number, y: Float64Array): void {
  const { pinv, lBeg, lEnd, li, lx, uBeg, uEnd, ui, ux, udiag } = store;
  for (let i = 0; i < m; i++) y[pinv[base + i]] = v[vo + i];
  for (let j = 0; j < m; j++) {
    const yj = y[j];
    if (yj === 0) continue;
    for (let q = lBeg[base + j], end = lEnd[base + j]; q < end; q++) y[li[q]] -= lx[q] * yj;
  }
  for (let j = m - 1; j >= 0; j--) {
    const xj = (y[j] /= udiag[base + j]);
    if (xj === 0) continue;
    for (let q = uBeg[base + j], end = uEnd[base + j]; q < end; q++) y[ui[q]] -= ux[q] * xj;
  }
  for (let k = 0; k < m; k++) v[vo + k] = y[k];
}

/**
 * Solves B z = v in place on v[vo … vo + m) when the store holds the factors P C = L U of the
 * block's transpose C = Bᵀ: Uᵀ y = v (forward), Lᵀ w = y (backward), z = Pᵀ w. Both triangular
 * solves read the stored columns as rows (dot products). `y` is scratch of at least m doubles.
 */
export function luSolveTransposedBlock(store: LuStore, base: number, m: number, v: Float64Array, vo: number, y: Float64Array): void {
  const { pinv, lBeg, lEnd, li, lx, uBeg, uEnd, ui, ux, udiag } = store;
  for (let k = 0; k < m; k++) {
    let sum = v[vo + k];
    for (let q = uBeg[base + k], end = uEnd[base + k]; q < end; q++) sum -= ux[q] * y[ui[q]];
    y[k] = sum / udiag[base + k];
  }
  for (let j = m - 1; j >= 0; j--) {
    let sum = y[j];
    for (let q = lBeg[base + j], end = lEnd[base + j]; q < end; q++) sum -= lx[q] * y[li[q]];
    y[j] = sum;
  }
  for (let i = 0; i < m; i++) v[vo + i] = y[pinv[base + i]];
}
