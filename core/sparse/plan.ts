/**
 * The symbolic stage: from the pattern of A alone (never its values), the block triangular form
 * and solve order, the choice dense / sparse of every block, the fill-reducing ordering and the
 * symbolic LU of the sparse blocks, and the layout of the values. Done once; factor and refactor
 * reuse it.
 */

import { sameCsrPattern, validateCsr, type CsrMatrix } from './csr';
import { buildLayout, DENSE, SINGLETON, SPARSE, type ValueLayout } from './layout';
import { luSymbolic, type LuPattern } from './lu-symbolic';
import { minimumDegreeOrder, symmetricPattern } from './ordering';
import { stronglyConnectedComponents, type SccResult } from './scc';
import { lapTimer, type SparseSolveTimings } from './timings';

/**
 * Blocks of up to this many unknowns are factorised densely (copied into an m×m array, partial
 * pivoting) when their pattern is at least {@link DENSE_FILL} full: then the LU fills in anyway and
 * the dense kernel, with no index arrays, is the cheaper one. Flowsheet recycle blocks of 5–80 unknowns are mostly
 * cycles with a few cross-couplings (two or three entries per row), and are factorised sparsely.
 */
export const DENSE_MAX = 64;
export const DENSE_FILL = 0.5;

/** Sparse blocks of more than this many unknowns are ordered by AMD; smaller ones keep the SCC discovery order, in which a recycle cycle fills only one row. */
export const AMD_MIN = 64;

export interface AnalyseOptions {
  /** Ordering inside sparse blocks larger than {@link AMD_MIN}: 'amd' (default) or 'natural' (the SCC discovery order). */
  ordering?: 'amd' | 'natural';
  /** Blocks of 2 … denseMax unknowns whose pattern is at least denseFill full are factorised densely. Default {@link DENSE_MAX}. */
  denseMax?: number;
  /** See denseMax. Default {@link DENSE_FILL}; 0 makes every block of up to denseMax unknowns dense. */
  denseFill?: number;
  /**
   * Symbolic LU of the sparse blocks (default true): it makes every factor with this plan cheaper
   * (no pivot search while the diagonal pivots stay acceptable) and costs about one factorisation
   * once. solveSparse, which factors only once, turns it off.
   */
  symbolic?: boolean;
  /** If given, receives the milliseconds of the phases scc, order and analyse. */
  timings?: SparseSolveTimings;
}

export interface PlanStats {
  /** Number of blocks (strongly connected components, singletons included). */
  blocks: number;
  /** Size of the largest block. */
  largestBlock: number;
  /** Number of blocks with a single unknown (solved by substitution). */
  singletons: number;
  /** Blocks factorised densely / sparsely. */
  denseBlocks: number;
  sparseBlocks: number;
}

/** The result of {@link analyse}: everything about A that does not depend on its values. */
export interface SolvePlan {
  readonly n: number;
  /** Blocks in solve order 0 … blockCount-1: block c only references unknowns of blocks <= c. */
  readonly blockCount: number;
  /** Block of each unknown (original numbering). */
  readonly componentOf: Int32Array;
  /** Unknowns of block c, ascending, original numbering (a new array). */
  blockUnknowns(c: number): Int32Array;
  /** True when A has exactly the analysed pattern (n, rowPtr and colIdx equal): O(nnz). */
  samePattern(A: CsrMatrix): boolean;
  readonly stats: PlanStats;
}

/** What a plan holds besides the public SolvePlan fields (positions: blocks in solve order, each in factorisation order). */
export interface PlanParts {
  n: number;
  /** The analysed pattern (copies). */
  rowPtr: Int32Array;
  colIdx: Int32Array;
  /** order[t] = unknown at position t; position = its inverse. */
  order: Int32Array;
  position: Int32Array;
  /** Block c is positions blockStart[c] … blockStart[c+1]-1. */
  blockStart: Int32Array;
  componentOf: Int32Array;
  kind: Uint8Array;
  stats: PlanStats;
  /** Largest dense and largest sparse block (workspace sizes). */
  maxDense: number;
  maxSparse: number;
  layout: ValueLayout;
  /** Symbolic LU of the sparse blocks with diagonal pivots (none when analysed with symbolic: false). */
  symbolic: LuPattern;
}

/** The plan with what factor needs. */
export class Plan implements SolvePlan {
  readonly n: number;
  readonly rowPtr: Int32Array;
  readonly colIdx: Int32Array;
  readonly order: Int32Array;
  readonly position: Int32Array;
  readonly blockStart: Int32Array;
  readonly componentOf: Int32Array;
  readonly kind: Uint8Array;
  readonly stats: PlanStats;
  readonly maxDense: number;
  readonly maxSparse: number;
  readonly layout: ValueLayout;
  readonly symbolic: LuPattern;

  constructor(parts: PlanParts) {
    ({
      n: this.n,
      rowPtr: this.rowPtr,
      colIdx: this.colIdx,
      order: this.order,
      position: this.position,
      blockStart: this.blockStart,
      componentOf: this.componentOf,
      kind: this.kind,
      stats: this.stats,
      maxDense: this.maxDense,
      maxSparse: this.maxSparse,
      layout: this.layout,
      symbolic: this.symbolic,
    } = parts);
  }

  get blockCount(): number {
    return this.kind.length;
  }

  get nnz(): number {
    return this.rowPtr[this.n];
  }

  blockSize(c: number): number {
    return this.blockStart[c + 1] - this.blockStart[c];
  }

  blockUnknowns(c: number): Int32Array {
    if (!(c >= 0 && c < this.blockCount)) throw new RangeError(`block ${c} out of range 0 … ${this.blockCount - 1}`);
    return this.order.slice(this.blockStart[c], this.blockStart[c + 1]).sort();
  }

  samePattern(A: CsrMatrix): boolean {
    return sameCsrPattern(A, this.n, this.rowPtr, this.colIdx);
  }
}

/** Pattern only: never reads A.values. Throws RangeError only for a malformed CSR. */
export function analyse(A: CsrMatrix, options: AnalyseOptions = {}): SolvePlan {
  validateCsr(A);
  const lap = lapTimer(options.timings);
  const { n } = A;
  const rowPtr = A.rowPtr.slice(0, n + 1);
  const colIdx = A.colIdx.slice(0, rowPtr[n]);
  const pattern: CsrMatrix = { n, rowPtr, colIdx, values: new Float64Array(0) };
  const scc = stronglyConnectedComponents(n, rowPtr, colIdx);
  lap('scc');
  const kinds = classifyBlocks(pattern, scc, options.denseMax ?? DENSE_MAX, options.denseFill ?? DENSE_FILL);
  lap('analyse');
  const order = (options.ordering ?? 'amd') === 'amd' ? orderSparseBlocks(pattern, scc, kinds.kind) : scc.order;
  lap('order');
  const position = new Int32Array(n);
  for (let t = 0; t < n; t++) position[order[t]] = t;
  const layout = buildLayout(pattern, order, position, scc.start, scc.componentOf, kinds.kind);
  const sparse: number[] = [];
  if (options.symbolic ?? true) for (let c = 0; c < scc.count; c++) if (kinds.kind[c] === SPARSE) sparse.push(c);
  const symbolic = luSymbolic({ start: layout.rowStart, end: layout.split, index: layout.col }, scc.start, sparse, n, kinds.maxSparse);
  lap('analyse');
  return new Plan({ n, rowPtr, colIdx, order, position, blockStart: scc.start, componentOf: scc.componentOf, ...kinds, layout, symbolic });
}

/** Singleton, dense or sparse, for every block. */
function classifyBlocks(A: CsrMatrix, scc: SccResult, denseMax: number, denseFill: number) {
  const entries = denseFill > 0 ? blockEntries(A, scc) : new Int32Array(0);
  const kind = new Uint8Array(scc.count);
  const stats: PlanStats = { blocks: scc.count, largestBlock: 0, singletons: 0, denseBlocks: 0, sparseBlocks: 0 };
  let maxDense = 0;
  let maxSparse = 0;
  for (let c = 0; c < scc.count; c++) {
    const m = scc.start[c + 1] - scc.start[c];
    stats.largestBlock = Math.max(stats.largestBlock, m);
    if (m === 1) {
      kind[c] = SINGLETON;
      stats.singletons++;
    } else if (m <= denseMax && (denseFill <= 0 || entries[c] >= denseFill * m * m)) {
      kind[c] = DENSE;
      stats.denseBlocks++;
      maxDense = Math.max(maxDense, m);
    } else {
      kind[c] = SPARSE;
      stats.sparseBlocks++;
      maxSparse = Math.max(maxSparse, m);
    }
  }
  return { kind, stats, maxDense, maxSparse };
}

/** The SCC order with every sparse block larger than AMD_MIN reordered by AMD. */
function orderSparseBlocks(A: CsrMatrix, scc: SccResult, kind: Uint8Array): Int32Array {
  const order = scc.order.slice();
  let sccPosition: Int32Array | undefined;
  for (let c = 0; c < scc.count; c++) {
    if (kind[c] !== SPARSE || scc.start[c + 1] - scc.start[c] <= AMD_MIN) continue;
    if (!sccPosition) {
      sccPosition = new Int32Array(A.n);
      for (let t = 0; t < A.n; t++) sccPosition[scc.order[t]] = t;
    }
    orderSparseBlock(A, scc, sccPosition, c, order);
  }
  return order;
}

/** Stored entries of every block's diagonal block (one sequential pass over A). */
function blockEntries(A: CsrMatrix, scc: SccResult): Int32Array {
  const { n, rowPtr, colIdx } = A;
  const { componentOf } = scc;
  const count = new Int32Array(scc.count);
  for (let i = 0; i < n; i++) {
    const c = componentOf[i];
    for (let p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) if (componentOf[colIdx[p]] === c) count[c]++;
  }
  return count;
}

/**
 * Reorders block c of `order` (initially the SCC discovery order) by approximate minimum degree on
 * the pattern of B + Bᵀ. The permutation is symmetric, so the diagonal stays on the diagonal.
 */
function orderSparseBlock(A: CsrMatrix, scc: SccResult, sccPosition: Int32Array, c: number, order: Int32Array): void {
  const { rowPtr, colIdx } = A;
  const s = scc.start[c];
  const m = scc.start[c + 1] - s;
  let cap = 0;
  for (let k = 0; k < m; k++) {
    const i = scc.order[s + k];
    cap += rowPtr[i + 1] - rowPtr[i];
  }
  const lrowPtr = new Int32Array(m + 1);
  const lcol = new Int32Array(cap);
  let nnz = 0;
  for (let k = 0; k < m; k++) {
    const i = scc.order[s + k];
    for (let p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) {
      const j = sccPosition[colIdx[p]] - s;
      if (j >= 0) lcol[nnz++] = j;
    }
    lrowPtr[k + 1] = nnz;
  }
  const perm = minimumDegreeOrder(symmetricPattern(m, lrowPtr, lcol));
  for (let t = 0; t < m; t++) order[s + t] = scc.order[s + perm[t]];
}
