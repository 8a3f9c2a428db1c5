/**
 * Numeric factorisation of one block with its loaded values: a singleton's diagonal, a dense block
 * (equilibrated, partial pivoting), or a sparse block (equilibrated, Gilbert–Peierls with threshold
 * pivoting, or a refactorisation with the previous pivot sequence when that is still acceptable).
 */

import { denseFactor, pivotReport, type PivotReport } from './dense';
import { pivotKind, type SparseSolveFailure } from './failure';
import { DENSE, SINGLETON } from './layout';
import type { LoadedValues } from './load';
import { luFactorBlock } from './lu';
import { luRefactorBlock } from './lu-refactor';
import { luStoreFromPattern, luWork, type BlockColumns, type LuStore, type LuWork, type Pivoting } from './lu-store';
import type { Plan } from './plan';
import { equilibrateColumns, equilibrateDense } from './scaling';

export interface PivotOptions {
  /** Dense and sparse blocks: keep the diagonal pivot if |a_kk| >= pivotThreshold · max |candidate|. Default 0.1; 1 = strict partial pivoting. */
  pivotThreshold?: number;
  /** A column is singular when its best pivot is below tolerance · max |column entry| (equilibrated). Default 1e-12. */
  tolerance?: number;
}

/** The numeric factors of every block, by position (see Plan). */
export interface BlockFactors {
  readonly plan: Plan;
  readonly loaded: LoadedValues;
  /** Equilibration of the dense and sparse blocks: scale of each position's equation (row) and unknown (column). */
  readonly eqScale: Float64Array;
  readonly unknownScale: Float64Array;
  /** Singletons: the diagonal of their equation. */
  readonly diag: Float64Array;
  /** Dense blocks: their LU in place (at layout.denseStart) and their row interchanges, by position. */
  readonly dense: Float64Array;
  readonly pivots: Int32Array;
  /** Sparse blocks: P C = L U of C = (R B S)ᵀ, the transposed equilibrated block. */
  readonly lu: LuStore;
  /** Per block: where its L and U were placed in `lu` and how much room they have (l0, lRoom, u0, uRoom; -1: none yet). */
  readonly segments: Int32Array;
  /** Per block: 1 when its sparse factors hold a pivot sequence a refactorisation can reuse. */
  readonly hasPivots: Uint8Array;
  /** Per block: smallest relative pivot of its last factorisation. */
  readonly pivotRatio: Float64Array;
  /** Counts of sparse-block refactorisations that kept / had to replace the previous pivots. */
  readonly refactorCount: { kept: number; repivoted: number };
  readonly pivoting: Pivoting;
  /** The sparse blocks' rows as the columns of their transposes, scaled on the fly. */
  readonly columns: BlockColumns;
  readonly work: LuWork;
  readonly report: PivotReport;
  /** Scratch of the size of the largest block. */
  readonly scratch: Float64Array;
  /** Right-hand side and solution of a full solve, in position order (scratch, length n). */
  readonly positionRhs: Float64Array;
  readonly positionX: Float64Array;
}

export function blockFactors(plan: Plan, loaded: LoadedValues, options: PivotOptions): BlockFactors {
  const { n, blockCount, blockStart, symbolic, layout } = plan;
  const segments = new Int32Array(4 * blockCount).fill(-1);
  for (let c = 0; c < blockCount; c++) {
    if (symbolic.has[c] !== 1) continue;
    const s = blockStart[c];
    const e = blockStart[c + 1] - 1;
    segments[4 * c] = symbolic.lBeg[s];
    segments[4 * c + 1] = symbolic.lEnd[e] - symbolic.lBeg[s];
    segments[4 * c + 2] = symbolic.uBeg[s];
    segments[4 * c + 3] = symbolic.uEnd[e] - symbolic.uBeg[s];
  }
  const eqScale = new Float64Array(n);
  const unknownScale = new Float64Array(n);
  return {
    plan,
    loaded,
    eqScale,
    unknownScale,
    diag: new Float64Array(n),
    dense: new Float64Array(layout.denseSize),
    pivots: new Int32Array(n),
    lu: luStoreFromPattern(symbolic, blockStart, plan.maxSparse > 0 ? n : 0, 16 + (symbolic.li.length >> 3)),
    segments,
    hasPivots: symbolic.has.slice(),
    pivotRatio: new Float64Array(blockCount).fill(1),
    refactorCount: { kept: 0, repivoted: 0 },
    pivoting: { threshold: options.pivotThreshold ?? 0.1, tolerance: options.tolerance ?? 1e-12 },
    columns: { start: layout.rowStart, end: layout.split, index: layout.col, values: loaded.values, rowScale: unknownScale, colScale: eqScale },
    work: luWork(plan.maxSparse),
    report: pivotReport(),
    scratch: new Float64Array(Math.max(plan.maxDense, plan.maxSparse, 1)),
    positionRhs: new Float64Array(n),
    positionX: new Float64Array(n),
  };
}

/**
 * Factorises block c from its loaded values. With `reuse`, a sparse block first tries its previous
 * pivot sequence. Returns null, or the failure (singular, nearly singular, overflow).
 */
export function factorBlock(f: BlockFactors, c: number, reuse: boolean): SparseSolveFailure | null {
  const kind = f.plan.kind[c];
  if (kind === SINGLETON) return factorSingleton(f, c);
  const s = f.plan.blockStart[c];
  const m = f.plan.blockSize(c);
  f.eqScale.fill(1, s, s + m);
  f.unknownScale.fill(1, s, s + m);
  if (kind === DENSE) return factorDense(f, c, s, m);
  // Always a fresh equilibration: Ruiz started from an earlier block's scaling can stop at a worse one.
  equilibrateColumns(f.columns, s, m, f.scratch);
  if (reuse && f.hasPivots[c] === 1) {
    // Keep the previous pivot sequence while every pivot stays acceptable.
    if (luRefactorBlock(f.columns, s, m, f.lu, f.work, f.pivoting, f.report)) {
      f.refactorCount.kept++;
      f.pivotRatio[c] = f.report.ratio;
      return null;
    }
    f.refactorCount.repivoted++;
  }
  const ok = luFactorBlock(f.columns, s, m, f.lu, f.work, f.pivoting, f.report);
  f.pivotRatio[c] = f.report.ratio;
  f.hasPivots[c] = ok ? 1 : 0;
  if (!ok) return pivotFailure(f, c);
  placeSegment(f, c, s, m);
  return null;
}

/** The block's rows copied into its m×m area, equilibrated, and factorised in place. */
function factorDense(f: BlockFactors, c: number, s: number, m: number): SparseSolveFailure | null {
  const { rowStart, split, col, denseStart } = f.plan.layout;
  const values = f.loaded.values;
  const a = f.dense;
  const o = denseStart[c];
  a.fill(0, o, o + m * m);
  for (let k = 0; k < m; k++) {
    for (let q = rowStart[s + k], end = split[s + k]; q < end; q++) a[o + k * m + col[q] - s] += values[q];
  }
  equilibrateDense(a, o, m, f.eqScale, f.unknownScale, s, f.scratch);
  const ok = denseFactor(a, o, m, f.pivots, s, f.pivoting, f.scratch, f.report);
  f.pivotRatio[c] = f.report.ratio;
  return ok ? null : pivotFailure(f, c);
}

function factorSingleton(f: BlockFactors, c: number): SparseSolveFailure | null {
  const { blockStart, layout, order } = f.plan;
  const t = blockStart[c];
  let d = 0;
  for (let q = layout.rowStart[t], end = layout.split[t]; q < end; q++) d += f.loaded.values[q];
  f.diag[t] = d;
  f.pivotRatio[c] = d === 0 ? 0 : 1;
  if (d !== 0) return null;
  const u = order[t];
  return {
    ok: false,
    kind: 'singular',
    singularBlock: Int32Array.of(u),
    block: c,
    pivotRatio: 0,
    reason: `singular: the equation for unknown ${u} has a zero coefficient on it and no other equation can determine it`,
  };
}

function pivotFailure(f: BlockFactors, c: number): SparseSolveFailure {
  const { plan, report } = f;
  const m = plan.blockSize(c);
  const u = plan.order[plan.blockStart[c] + report.column];
  const block = plan.blockUnknowns(c);
  if (!Number.isFinite(report.pivot)) {
    return { ok: false, kind: 'overflow', singularBlock: block, block: c, reason: `overflow: the factorisation of the block of ${m} unknowns is not finite (badly scaled data)` };
  }
  const kind = pivotKind(report.ratio);
  const what = kind === 'singular' ? 'singular' : 'ill-conditioned (nearly singular)';
  return {
    ok: false,
    kind,
    singularBlock: block,
    block: c,
    pivotRatio: report.ratio,
    reason:
      `${what} block of ${m} unknowns: no acceptable pivot for unknown ${u} ` +
      `(largest relative pivot ${report.ratio.toExponential(3)}, tolerance ${f.pivoting.tolerance})`,
  };
}

/**
 * A fresh sparse factorisation was appended at the end of the store. Move it back into the block's
 * previous place when it fits there (so repeated re-pivoting does not grow the store), else keep it
 * where it is and remember the new place.
 */
function placeSegment(f: BlockFactors, c: number, s: number, m: number): void {
  const { lu, segments } = f;
  const l0 = lu.lBeg[s];
  const u0 = lu.uBeg[s];
  const lLen = lu.lTop - l0;
  const uLen = lu.uTop - u0;
  const o = 4 * c;
  if (segments[o] >= 0 && segments[o] !== l0 && lLen <= segments[o + 1] && uLen <= segments[o + 3]) {
    const dl = segments[o] - l0;
    const du = segments[o + 2] - u0;
    lu.li.copyWithin(segments[o], l0, lu.lTop);
    lu.lx.copyWithin(segments[o], l0, lu.lTop);
    lu.ui.copyWithin(segments[o + 2], u0, lu.uTop);
    lu.ux.copyWithin(segments[o + 2], u0, lu.uTop);
    for (let t = s; t < s + m; t++) {
      lu.lBeg[t] += dl;
      lu.lEnd[t] += dl;
      lu.uBeg[t] += du;
      lu.uEnd[t] += du;
    }
    lu.lTop = l0;
    lu.uTop = u0;
    return;
  }
  segments[o] = l0;
  segments[o + 1] = lLen;
  segments[o + 2] = u0;
  segments[o + 3] = uLen;
}
