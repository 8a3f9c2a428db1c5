/**
 * Symbolic LU of the sparse blocks, in analyse: the patterns of L and U that a factorisation with
 * every pivot on the diagonal produces (the reach of each column in the graph of L, as in
 * Gilbert–Peierls, without numbers). The threshold pivoting prefers the diagonal, and the symmetric
 * fill-reducing ordering keeps it there, so the first numeric factorisation of a block is usually
 * the refactorisation kernel on this pattern (no search); a block whose diagonal pivot turns out
 * unacceptable is factorised with pivoting instead (block-factor.ts).
 */

import { beginBlock, columnReach, prune } from './lu-reach';
import { luStore, luWork, reserve, type BlockColumns, type LuStore, type LuWork } from './lu-store';

/** Patterns of L and U by position, for the blocks with `has[c] = 1` (see LuStore; no values). */
export interface LuPattern {
  readonly li: Int32Array;
  readonly ui: Int32Array;
  readonly lBeg: Int32Array;
  readonly lEnd: Int32Array;
  readonly uBeg: Int32Array;
  readonly uEnd: Int32Array;
  readonly has: Uint8Array;
}

/**
 * Symbolic factorisation of the listed blocks of A (positions blockStart[c] … blockStart[c+1]-1). A block whose diagonal is not in the reach of its own
 * column (structurally zero even after fill) gets no pattern: it needs pivoting.
 */
export function luSymbolic(A: Pick<BlockColumns, 'start' | 'end' | 'index'>, blockStart: Int32Array, blocks: number[], n: number, maxSize: number): LuPattern {
  let entries = 0;
  for (const c of blocks) for (let t = blockStart[c]; t < blockStart[c + 1]; t++) entries += A.end[t] - A.start[t];
  const store = luStore(blocks.length > 0 ? n : 0, 2 * entries);
  const work = luWork(maxSize);
  const has = new Uint8Array(blockStart.length - 1);
  for (const c of blocks) has[c] = symbolicBlock(A, blockStart[c], blockStart[c + 1] - blockStart[c], store, work) ? 1 : 0;
  const { li, ui, lBeg, lEnd, uBeg, uEnd, lTop, uTop } = store;
  return { li: li.slice(0, lTop), ui: ui.slice(0, uTop), lBeg, lEnd, uBeg, uEnd, has };
}

function symbolicBlock(A: Pick<BlockColumns, 'start' | 'end' | 'index'>, base: number, m: number, store: LuStore, work: LuWork): boolean {
  const { pinv, lBeg, lEnd, uBeg, uEnd } = store;
  const { xi, mark } = work;
  const l0 = store.lTop;
  const u0 = store.uTop;
  const stamp0 = beginBlock(base, m, store, work);
  for (let k = 0; k < m; k++) {
    const stamp = stamp0 + k;
    const c = base + k;
    lBeg[c] = store.lTop;
    uBeg[c] = store.uTop;
    const top = columnReach(A, c, base, m, stamp, store, work);
    if (mark[k] !== stamp) {
      store.lTop = l0;
      store.uTop = u0;
      return false;
    }
    reserve(store, m - top, m - top);
    const { li, ui } = store;
    let lnz = store.lTop;
    let unz = store.uTop;
    for (let t = top; t < m; t++) {
      const j = xi[t];
      if (pinv[base + j] >= 0) ui[unz++] = j; // pivotal: pivot position j (diagonal pivots)
      else if (j !== k) li[lnz++] = j;
    }
    pinv[base + k] = k;
    const uHasEntries = unz > store.uTop;
    lEnd[c] = store.lTop = lnz;
    uEnd[c] = store.uTop = unz;
    if (uHasEntries) prune(k, k, base, store, work);
  }
  return true;
}
