/**
 * The numeric stage: factor every block of a plan, then solve many times, refactor after new
 * values with the same pattern (all blocks or some), or solve one block at a time.
 */

import { blockFactors, factorBlock, type BlockFactors, type PivotOptions } from './block-factor';
import { checkedSolve, solveStats, type CheckOptions, type SparseSolveResult, type SparseSolveStats } from './checked-solve';
import type { CsrMatrix } from './csr';
import type { SparseSolveFailure } from './failure';
import { loadAll, loadBlock, loadedValues, rowOfEntry } from './load';
import { Plan, type SolvePlan } from './plan';
import { solveOneBlock } from './substitute';
import { lapTimer, type SparseSolveTimings } from './timings';

export interface FactorOptions extends PivotOptions, CheckOptions {
  /** If given, receives the milliseconds of load and factor (and, from solve, substitute and residual). */
  timings?: SparseSolveTimings;
}

export interface Factors {
  readonly plan: SolvePlan;
  /**
   * Full solve: block forward substitution, residual check against A and iterative refinement.
   * Never throws for singular or non-finite data; after a failed refactor it returns that failure.
   */
  solve(b: Float64Array): SparseSolveResult;
  /**
   * New values with the same pattern for the rows of some blocks (all when omitted): numeric
   * refactorisation of those blocks only. The pattern is checked (O(nnz)) unless A carries the same
   * rowPtr and colIdx arrays as the last refactor: keep a pattern's arrays unchanged once used. A sparse block keeps its pivot sequence while every old
   * pivot stays acceptable, and is factorised afresh with pivoting otherwise. A block that fails
   * stays failed (solve returns its failure, solveBlock throws) until a later refactor succeeds.
   */
  refactor(A: CsrMatrix, blocks?: Iterable<number>): { ok: true } | SparseSolveFailure;
  /**
   * Block c alone: writes x of block c's unknowns from b and the current x of earlier blocks'
   * unknowns (original numbering, in place). No residual check.
   */
  solveBlock(c: number, b: Float64Array, x: Float64Array): void;
  /** Factor sizes, and how many sparse-block refactorisations kept / replaced their pivots. */
  readonly stats: SparseSolveStats & { refactorsKept: number; refactorsRepivoted: number };
}

/** Numeric factorisation of every block (A must have the plan's pattern). Never throws for singular data. */
export function factor(plan: SolvePlan, A: CsrMatrix, options: FactorOptions = {}): { ok: true; factors: Factors } | SparseSolveFailure {
  const p = asPlan(plan);
  requirePattern(p, A);
  const lap = lapTimer(options.timings);
  const f = blockFactors(p, loadedValues(p), options);
  const bad: number[] = [];
  loadAll(p, A.values, f.loaded, bad);
  lap('load');
  if (bad.length > 0) return nonFinite(p, A, bad[0]);
  // Sparse blocks start from the plan's symbolic LU (diagonal pivots) while it is acceptable.
  for (let c = 0; c < p.blockCount; c++) {
    const failed = factorBlock(f, c, true);
    if (failed) return failed;
  }
  f.refactorCount.kept = f.refactorCount.repivoted = 0;
  lap('factor');
  return { ok: true, factors: new PlantFactors(f, options) };
}

class PlantFactors implements Factors {
  /** Blocks whose last refactorisation failed, with the failure. */
  private readonly broken = new Map<number, SparseSolveFailure>();
  /** Factor sizes, computed when first asked for after a (re)factorisation. */
  private sizes: SparseSolveStats | null = null;
  /** The pattern arrays last checked against the plan: a refactor with the same arrays skips the O(nnz) check. */
  private checked: { rowPtr: Int32Array; colIdx: Int32Array } | null = null;

  constructor(
    private readonly f: BlockFactors,
    private readonly options: FactorOptions,
  ) {}

  get plan(): SolvePlan {
    return this.f.plan;
  }

  get stats() {
    return { ...this.solveStats(), refactorsKept: this.f.refactorCount.kept, refactorsRepivoted: this.f.refactorCount.repivoted };
  }

  solve(b: Float64Array): SparseSolveResult {
    const { n } = this.f.plan;
    if (b.length !== n) throw new RangeError(`solve: b has length ${b.length}, expected ${n}`);
    const failed = this.firstBroken();
    if (failed) return failed;
    return checkedSolve(this.f, b, this.options, () => this.solveStats(), this.options.timings);
  }

  private solveStats(): SparseSolveStats {
    this.sizes ??= solveStats(this.f);
    return this.sizes;
  }

  refactor(A: CsrMatrix, blocks?: Iterable<number>): { ok: true } | SparseSolveFailure {
    const plan = this.f.plan;
    const known = this.checked?.rowPtr === A.rowPtr && this.checked.colIdx === A.colIdx && A.n === plan.n;
    requirePattern(plan, A, known);
    this.checked = { rowPtr: A.rowPtr, colIdx: A.colIdx };
    const lap = lapTimer(this.options.timings);
    this.sizes = null;
    const bad: number[] = [];
    const list = blocks === undefined ? undefined : checkedBlocks(plan, blocks);
    if (list === undefined) loadAll(plan, A.values, this.f.loaded, bad);
    else for (const c of list) loadBlock(plan, c, A.values, this.f.loaded, bad);
    lap('load');
    const badBlocks = new Map<number, SparseSolveFailure>();
    for (const p of bad) {
      const c = plan.componentOf[rowOfEntry(plan.rowPtr, plan.n, p)];
      if (!badBlocks.has(c)) badBlocks.set(c, nonFinite(plan, A, p));
    }
    let first: SparseSolveFailure | null = null;
    const count = list === undefined ? plan.blockCount : list.length;
    for (let k = 0; k < count; k++) {
      const c = list === undefined ? k : list[k];
      const failed = badBlocks.get(c) ?? factorBlock(this.f, c, true);
      if (failed) this.broken.set(c, failed);
      else if (this.broken.size > 0) this.broken.delete(c);
      first ??= failed;
    }
    lap('factor');
    return first ?? { ok: true };
  }

  solveBlock(c: number, b: Float64Array, x: Float64Array): void {
    const plan = this.f.plan;
    if (!(Number.isInteger(c) && c >= 0 && c < plan.blockCount)) throw new RangeError(`solveBlock: block ${c} out of range 0 … ${plan.blockCount - 1}`);
    if (b.length !== plan.n || x.length !== plan.n) throw new RangeError(`solveBlock: b and x must have length ${plan.n}`);
    const failed = this.broken.get(c);
    if (failed) throw new Error(`solveBlock: block ${c} has no valid factorisation (${failed.reason})`);
    solveOneBlock(this.f, c, b, x, this.f.scratch);
  }

  private firstBroken(): SparseSolveFailure | null {
    let first: SparseSolveFailure | null = null;
    for (const failed of this.broken.values()) if (!first || failed.block < first.block) first = failed;
    return first;
  }
}

function asPlan(plan: SolvePlan): Plan {
  if (!(plan instanceof Plan)) throw new TypeError('factor: the plan must come from analyse()');
  return plan;
}

function requirePattern(plan: Plan, A: CsrMatrix, known = false): void {
  if (!known && !plan.samePattern(A)) throw new RangeError('factor: A does not have the pattern the plan was analysed for (run analyse again)');
  if (A.values.length < plan.nnz) throw new RangeError(`factor: A.values is shorter than rowPtr[n] = ${plan.nnz}`);
}

/** Distinct valid block indices, ascending (solve order). */
function checkedBlocks(plan: Plan, blocks: Iterable<number>): number[] {
  const set = new Set<number>();
  for (const c of blocks) {
    if (!(Number.isInteger(c) && c >= 0 && c < plan.blockCount)) throw new RangeError(`refactor: block ${c} out of range 0 … ${plan.blockCount - 1}`);
    set.add(c);
  }
  return [...set].sort((a, b) => a - b);
}

function nonFinite(plan: Plan, A: CsrMatrix, p: number): SparseSolveFailure {
  const i = rowOfEntry(plan.rowPtr, plan.n, p);
  const c = plan.componentOf[i];
  return {
    ok: false,
    kind: 'non-finite',
    singularBlock: plan.blockUnknowns(c),
    block: c,
    reason: `non-finite coefficient A[${i}][${plan.colIdx[p]}] = ${A.values[p]}`,
  };
}
