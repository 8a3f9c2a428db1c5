/**
 * Numeric refactorisation of one block with the pattern and pivot sequence of its previous
 * factorisation (KLU's refactor): no depth-first search, no pivot search, no allocation.
 *
 * With the same pattern of A and the same pivot order of the earlier columns, the reach of A(:,k)
 * is exactly the stored pattern of U(:,k), the pivot row and L(:,k), and the stored order of U(:,k)
 * is a topological one. So the candidates for pivot k are the pivot row and the rows of L(:,k),
 * and the old pivot can be checked exactly as the cold factorisation would: it is kept while
 * |pivot| >= pivotThreshold · max |candidate| and |pivot| >= tolerance · max |A(:,k)|. When it is
 * not, the caller factorises the block afresh with pivoting.
 */

import type { PivotReport } from './dense';
import type { BlockColumns, LuStore, LuWork, Pivoting } from './lu-store';

/**
 * Overwrites the numeric values of block `base` in `store` (same input as luFactorBlock). Returns false, leaving the block's factors unusable, when an old pivot is no
 * longer acceptable; `report.ratio` receives the smallest relative pivot.
 */
export function luRefactorBlock(A: BlockColumns, base: number, m: number, store: LuStore, work: LuWork, pivoting: Pivoting, report: PivotReport): boolean {
  const { threshold, tolerance } = pivoting;
  const { index, values, rowScale, colScale } = A;
  const x = work.x;
  const { pinv, lBeg, lEnd, li, lx, uBeg, uEnd, ui, ux, udiag } = store;
  report.ratio = 1;
  report.column = -1;
  report.pivot = 0;
  for (let k = 0; k < m; k++) {
    const c = base + k;
    const u0 = uBeg[c];
    const u1 = uEnd[c];
    const l0 = lBeg[c];
    const l1 = lEnd[c];
    for (let q = u0; q < u1; q++) x[ui[q]] = 0;
    for (let q = l0; q < l1; q++) x[li[q]] = 0;
    x[k] = 0;
    let colMax = 0;
    const cs = colScale[c];
    for (let pa = A.start[c], pend = A.end[c]; pa < pend; pa++) {
      const r = index[pa];
      const v = values[pa] * cs * rowScale[r];
      x[pinv[r]] += v;
      const a = Math.abs(v);
      if (a > colMax) colMax = a;
    }
    for (let q = u0; q < u1; q++) {
      const J = ui[q];
      const xj = x[J];
      ux[q] = xj;
      if (xj === 0) continue;
      for (let p = lBeg[base + J], end = lEnd[base + J]; p < end; p++) x[li[p]] -= lx[p] * xj;
    }
    const pivot = x[k];
    const pa = Math.abs(pivot);
    let best = pa;
    for (let q = l0; q < l1; q++) {
      const a = Math.abs(x[li[q]]);
      if (a > best) best = a;
    }
    const ratio = colMax > 0 ? best / colMax : 0;
    if (ratio < report.ratio) report.ratio = ratio;
    if (!(pa >= threshold * best) || !(pa >= tolerance * colMax) || pa === 0 || pa === Infinity) {
      report.column = k;
      report.pivot = pa;
      return false;
    }
    udiag[c] = pivot;
    for (let q = l0; q < l1; q++) lx[q] = x[li[q]] / pivot;
  }
  return true;
}
