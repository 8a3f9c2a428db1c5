/**
 * The symbolic part of a left-looking sparse LU (Gilbert–Peierls): the rows reached from the
 * pattern of A(:,k) in the graph of the L computed so far, in topological order, with
 * Eisenstat–Liu symmetric pruning to shorten later searches. Shared by the factorisation with
 * pivoting (lu.ts) and the symbolic factorisation with diagonal pivots (lu-symbolic.ts).
 */

import { nextStamps, type BlockColumns, type LuStore, type LuWork } from './lu-store';

/** Clears block base's pivots and pruning marks; returns the first of the m stamps of its columns. */
export function beginBlock(base: number, m: number, store: LuStore, work: LuWork): number {
  store.pinv.fill(-1, base, base + m);
  work.lpend.fill(-1, 0, m);
  return nextStamps(work, m);
}

/**
 * The reach of column c = base + k of the block (the pattern of A only): writes it to
 * work.xi[top … m) in topological order, marking every row reached with `stamp`. Returns top.
 */
export function columnReach(
  A: Pick<BlockColumns, 'start' | 'end' | 'index'>,
  c: number,
  base: number,
  m: number,
  stamp: number,
  store: LuStore,
  work: LuWork,
): number {
  const { pinv, lBeg, lEnd } = store;
  const { mark, lpend, xi } = work;
  const { index } = A;
  let top = m;
  for (let pa = A.start[c], pend = A.end[c]; pa < pend; pa++) {
    const start = index[pa] - base;
    if (mark[start] === stamp) continue;
    const J = pinv[base + start];
    if (J < 0 || (lpend[J] < 0 ? lEnd[base + J] : lpend[J]) === lBeg[base + J]) {
      mark[start] = stamp; // a row with nothing below it in L: its own reach
      xi[--top] = start;
    } else {
      top = reach(start, stamp, top, base, store, work);
    }
  }
  return top;
}

/**
 * Eisenstat–Liu pruning after column k (pivot row `pivotRow`): every column J with U(J,k) != 0
 * whose L(:,J) contains the pivot row needs, in later searches, only its pivotal rows (the others
 * are reachable through k); they are moved to the front of L(:,J) and lpend[J] marks the end.
 */
export function prune(k: number, pivotRow: number, base: number, store: LuStore, work: LuWork): void {
  const { lpend } = work;
  const { pinv, li, lx, ui, lBeg, lEnd } = store;
  for (let q = store.uBeg[base + k], uq = store.uEnd[base + k]; q < uq; q++) {
    const J = ui[q];
    if (lpend[J] >= 0) continue;
    const p0 = lBeg[base + J];
    const p1 = lEnd[base + J];
    for (let p2 = p0; p2 < p1; p2++) {
      if (li[p2] !== pivotRow) continue;
      let h = p0;
      let tail = p1;
      while (h < tail) {
        const i = li[h];
        if (pinv[base + i] >= 0) {
          h++;
        } else {
          tail--;
          li[h] = li[tail];
          li[tail] = i;
          const v = lx[h];
          lx[h] = lx[tail];
          lx[tail] = v;
        }
      }
      lpend[J] = tail;
      break;
    }
  }
}

/**
 * Iterative depth-first search from block-local row `start` in the graph of L (row i -> rows of
 * L(:, pinv[i]), pruned part only); pushes the finished rows onto xi[--top] so that xi[top..] is in
 * topological order. Returns the new top.
 */
function reach(start: number, stamp: number, top: number, base: number, store: LuStore, work: LuWork): number {
  const { pinv, lBeg, lEnd, li } = store;
  const { mark, stack, ptr, lpend, xi } = work;
  let head = 0;
  stack[0] = start;
  mark[start] = stamp;
  const jc = pinv[base + start];
  ptr[0] = jc < 0 ? 0 : lBeg[base + jc];
  while (head >= 0) {
    const j = stack[head];
    const J = pinv[base + j];
    let descended = false;
    if (J >= 0) {
      const pe = lpend[J];
      const end = pe < 0 ? lEnd[base + J] : pe;
      for (let q = ptr[head]; q < end; q++) {
        const i = li[q];
        if (mark[i] === stamp) continue;
        ptr[head] = q + 1;
        mark[i] = stamp;
        head++;
        stack[head] = i;
        const Ji = pinv[base + i];
        ptr[head] = Ji < 0 ? 0 : lBeg[base + Ji];
        descended = true;
        break;
      }
    }
    if (!descended) {
      head--;
      xi[--top] = j;
    }
  }
  return top;
}

