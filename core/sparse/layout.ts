/**
 * Where every stored entry of A goes when values are loaded (pattern only, built once by analyse).
 *
 * Unknowns are renumbered into "positions": blocks in solve order, each block's unknowns in its
 * factorisation order. An entry (i, j) of A lies either inside the diagonal block of row i (it is
 * factorised) or to the left of it (an "off" entry, used by the block forward substitution: in
 * block triangular form a row never references a later block).
 *
 * Block values live in one array, block c at blockValues[valueStart[c] … valueStart[c+1]):
 * - a singleton: its diagonal (duplicates summed);
 * - a dense block of m unknowns: the m×m block, row-major;
 * - a sparse block: its entries in CSC form, column at position t at colStart[t] … colStart[t+1]-1,
 *   block-local row in rowLocal.
 */

import type { CsrMatrix } from './csr';

export const SINGLETON = 0;
export const DENSE = 1;
export const SPARSE = 2;
export type BlockKind = typeof SINGLETON | typeof DENSE | typeof SPARSE;

export interface ValueLayout {
  /** dest[p] >= 0: entry p of A is added to blockValues[dest[p]]; dest[p] < 0: it is offValues[-1 - dest[p]]. */
  dest: Int32Array;
  /** Length blockCount + 1. */
  valueStart: Int32Array;
  /** Length n + 1; meaningful for the positions of sparse blocks. */
  colStart: Int32Array;
  /** Block-local row of each sparse-block value (0 elsewhere). */
  rowLocal: Int32Array;
  /** Off entries by row position: offCol[offPtr[t] … offPtr[t+1]) are column positions. */
  offPtr: Int32Array;
  offCol: Int32Array;
}

/**
 * Pattern of A in positions: `order[t]` is the unknown at position t, `position` its inverse.
 * Both passes read A row by row in its own order (sequential memory), writing each row's entries
 * to their places.
 */
export function buildLayout(
  A: CsrMatrix,
  order: Int32Array,
  position: Int32Array,
  blockStart: Int32Array,
  kind: Uint8Array,
): ValueLayout {
  const { n, rowPtr, colIdx } = A;
  const count = kind.length;
  const blockOfPosition = new Int32Array(n);
  for (let c = 0; c < count; c++) blockOfPosition.fill(c, blockStart[c], blockStart[c + 1]);

  // Sizes: off entries per row position, in-block entries per column position.
  const offPtr = new Int32Array(n + 1);
  const colCount = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const t = position[i];
    const s = blockStart[blockOfPosition[t]];
    let off = 0;
    for (let p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) {
      const u = position[colIdx[p]];
      if (u < s) off++;
      else colCount[u]++;
    }
    offPtr[t + 1] = off;
  }
  for (let t = 0; t < n; t++) offPtr[t + 1] += offPtr[t];
  const { valueStart, colStart } = valueRanges(blockStart, kind, colCount);

  const dest = new Int32Array(rowPtr[n]);
  const rowLocal = new Int32Array(valueStart[count]);
  const offCol = new Int32Array(offPtr[n]);
  const nextInColumn = colStart.slice(0, n);
  for (let i = 0; i < n; i++) {
    const t = position[i];
    const c = blockOfPosition[t];
    const s = blockStart[c];
    const m = blockStart[c + 1] - s;
    const k = kind[c];
    let q = offPtr[t];
    for (let p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) {
      const u = position[colIdx[p]];
      if (u < s) {
        offCol[q] = u;
        dest[p] = -1 - q;
        q++;
      } else if (k === SPARSE) {
        const slot = nextInColumn[u]++;
        rowLocal[slot] = t - s;
        dest[p] = slot;
      } else if (k === DENSE) {
        dest[p] = valueStart[c] + (t - s) * m + (u - s);
      } else {
        dest[p] = valueStart[c];
      }
    }
  }
  return { dest, valueStart, colStart, rowLocal, offPtr, offCol };
}

/** Where each block's values start (one per singleton, m² per dense block, its entries per sparse block). */
function valueRanges(blockStart: Int32Array, kind: Uint8Array, colCount: Int32Array) {
  const count = kind.length;
  const n = blockStart[count];
  const valueStart = new Int32Array(count + 1);
  const colStart = new Int32Array(n + 1);
  let top = 0;
  for (let c = 0; c < count; c++) {
    valueStart[c] = top;
    const s = blockStart[c];
    const e = blockStart[c + 1];
    if (kind[c] === SPARSE) {
      for (let t = s; t < e; t++) {
        colStart[t] = top;
        top += colCount[t];
      }
    } else {
      colStart.fill(top, s, e);
      top += kind[c] === DENSE ? (e - s) * (e - s) : 1;
    }
  }
  valueStart[count] = top;
  colStart[n] = top;
  return { valueStart, colStart };
}
