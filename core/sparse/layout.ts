/**
 * A's pattern renumbered into solve order, once, by analyse: where every stored entry of A goes
 * when values are loaded.
 *
 * Unknowns are renumbered into "positions": blocks in solve order, each block's unknowns in its
 * factorisation order. Row t of the renumbered matrix is the equation of the unknown at position
 * t. Its entries are stored contiguously, those inside its diagonal block first (they are
 * factorised), then those to the left of the block (the "off" entries, used by the block forward
 * substitution: in block triangular form a row never references a later block). A sparse block is
 * factorised by rows (its transpose by columns, see BlockColumns), so no column-ordered copy is
 * needed; a dense block is copied into an m×m array when it is factorised.
 */

import type { CsrMatrix } from './csr';

export const SINGLETON = 0;
export const DENSE = 1;
export const SPARSE = 2;

export interface ValueLayout {
  /** Row t at rowStart[t] … rowStart[t+1] − 1 (length n + 1). */
  rowStart: Int32Array;
  /** Row t's entries inside its block are rowStart[t] … split[t] − 1, its off entries split[t] … rowStart[t+1] − 1. */
  split: Int32Array;
  /** Column position of every slot. */
  col: Int32Array;
  /** dest[p]: the slot of A's stored entry p. */
  dest: Int32Array;
  /** Dense blocks: where block c's m×m values (row-major) start in a factorisation's dense area; −1 for the others. */
  denseStart: Int32Array;
  /** Size of that dense area. */
  denseSize: number;
}

/**
 * `order[t]` is the unknown at position t, `position` its inverse. One pass over A in its own order
 * (sequential reads; each row written to one contiguous range, in A's order within each part).
 */
export function buildLayout(A: CsrMatrix, order: Int32Array, position: Int32Array, blockStart: Int32Array, componentOf: Int32Array, kind: Uint8Array): ValueLayout {
  const { n, rowPtr, colIdx } = A;
  const rowStart = new Int32Array(n + 1);
  for (let t = 0; t < n; t++) rowStart[t + 1] = rowStart[t] + rowPtr[order[t] + 1] - rowPtr[order[t]];
  const split = new Int32Array(n);
  const col = new Int32Array(rowPtr[n]);
  const dest = new Int32Array(rowPtr[n]);
  for (let i = 0; i < n; i++) {
    const t = position[i];
    const s = blockStart[componentOf[i]];
    let inBlock = 0;
    for (let p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) if (position[colIdx[p]] >= s) inBlock++;
    // Both parts keep A's order, so that every sum over a row adds its terms in the order A gives
    // them (an equation written as a balance of equal terms then cancels to the same rounding).
    let front = rowStart[t];
    let off = front + inBlock;
    split[t] = off;
    for (let p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) {
      const u = position[colIdx[p]];
      const slot = u >= s ? front++ : off++;
      col[slot] = u;
      dest[p] = slot;
    }
  }
  const denseStart = new Int32Array(kind.length).fill(-1);
  let denseSize = 0;
  for (let c = 0; c < kind.length; c++) {
    if (kind[c] !== DENSE) continue;
    const m = blockStart[c + 1] - blockStart[c];
    denseStart[c] = denseSize;
    denseSize += m * m;
  }
  return { rowStart, split, col, dest, denseStart, denseSize };
}
