import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lusolve } from 'mathjs';
import { analyse, factor, SINGULAR_PIVOT_RATIO, solveSparse, type CsrMatrix, type Factors, type SparseSolveResult } from './index';
import { csrFrom, flowsheetSystem, plantSystem, relDiff, rng, toDense, type GeneratedSystem } from './test-systems';

const csr = csrFrom;

function x(r: SparseSolveResult): Float64Array {
  if (!r.ok) throw new Error(`expected ok, got ${r.kind}: ${r.reason}`);
  return r.x;
}

function factorsOf(A: CsrMatrix, options = {}): Factors {
  const f = factor(analyse(A, options), A, options);
  if (!f.ok) throw new Error(`expected factors, got ${f.kind}: ${f.reason}`);
  return f.factors;
}

/** The same pattern with new values: every entry multiplied by a random factor in [0.8, 1.25]. */
function perturbed(A: CsrMatrix, seed: number): CsrMatrix {
  const rand = rng(seed);
  return { ...A, values: A.values.map((v) => v * 1.25 ** (2 * rand() - 1)) };
}

const systems: Array<[string, () => GeneratedSystem]> = [
  ['flowsheet, 60 unknowns, unit-scaled', () => flowsheetSystem({ n: 60, blockSizes: [12, 7, 3], seed: 3, window: 4 })],
  ['flowsheet, 300 unknowns, one 120-block (sparse, AMD)', () => flowsheetSystem({ n: 300, blockSizes: [120, 30], seed: 4 })],
  ['plant, 80 streams x 5 species, three recycles', () => plantSystem({ streams: 80, species: 5, seed: 5, loops: [[5, 20], [30, 12], [50, 25]], reactorRate: 0.3 })],
];

describe('analyse + factor + solve', () => {
  it.each(systems)('equals solveSparse and mathjs lusolve: %s', (_, make) => {
    const sys = make();
    const ours = x(factorsOf(sys.A).solve(sys.b));
    // solveSparse's one-shot plan factorises small blocks densely: the same x to rounding.
    expect(relDiff(ours, x(solveSparse(sys.A, sys.b)))).toBeLessThan(1e-13);
    const oracle = (lusolve(toDense(sys.A), [...sys.b]) as number[][]).map((row) => row[0]);
    expect(relDiff(ours, oracle)).toBeLessThan(1e-9);
    expect(relDiff(ours, sys.xTrue)).toBeLessThan(1e-9);
  });

  it('reuses one plan for another matrix with the same pattern', () => {
    const sys = systems[2][1]();
    const plan = analyse(sys.A);
    const B = perturbed(sys.A, 11);
    const f = factor(plan, B);
    if (!f.ok) throw new Error(f.reason);
    expect(relDiff(x(f.factors.solve(sys.b)), x(solveSparse(B, sys.b)))).toBeLessThan(1e-12);
  });

  it('solves many right-hand sides with one factorisation', () => {
    const sys = systems[1][1]();
    const f = factorsOf(sys.A);
    const rand = rng(8);
    for (let k = 0; k < 3; k++) {
      const b = sys.b.map((v) => v * (0.5 + rand()));
      expect(relDiff(x(f.solve(b)), x(solveSparse(sys.A, b)))).toBeLessThan(1e-12);
    }
  });
});

describe('refactor', () => {
  it.each(systems)('after new values with the same pattern equals a cold factorisation of the new matrix: %s', (_, make) => {
    const sys = make();
    const f = factorsOf(sys.A);
    for (const seed of [1, 2, 3]) {
      const B = perturbed(sys.A, seed);
      const r = f.refactor(B);
      expect(r.ok).toBe(true);
      expect(relDiff(x(f.solve(sys.b)), x(factorsOf(B).solve(sys.b)))).toBeLessThan(1e-12);
    }
  });

  it('of some blocks only changes only those blocks', () => {
    const sys = systems[2][1]();
    const f = factorsOf(sys.A);
    const plan = f.plan;
    // New values in the rows of the two largest blocks only.
    const sizes = Array.from({ length: plan.blockCount }, (_, c) => plan.blockUnknowns(c).length);
    const changed = [...sizes.keys()].sort((a, b) => sizes[b] - sizes[a]).slice(0, 2);
    const rows = new Set(changed.flatMap((c) => [...plan.blockUnknowns(c)]));
    const full = perturbed(sys.A, 5);
    const B = { ...sys.A, values: sys.A.values.slice() };
    for (const i of rows) for (let p = B.rowPtr[i]; p < B.rowPtr[i + 1]; p++) B.values[p] = full.values[p];
    expect(f.refactor(B, changed).ok).toBe(true);
    expect(relDiff(x(f.solve(sys.b)), x(solveSparse(B, sys.b)))).toBeLessThan(1e-12);
  });

  it('keeps the pivots while they stay acceptable and pivots afresh when one does not', () => {
    // A 10-unknown cycle (a sparse block: 2 entries per row, 20 < 50 % of 100): x_k - a_k x_{k-1} = b_k.
    const n = 10;
    const cycle = (diag0: number) =>
      csr(n, [
        ...Array.from({ length: n }, (_, k): [number, number, number] => [k, k, k === 0 ? diag0 : 1]),
        ...Array.from({ length: n }, (_, k): [number, number, number] => [k, (k + n - 1) % n, -0.5]),
      ]);
    const b = Float64Array.from({ length: n }, (_, k) => k + 1);
    const f = factorsOf(cycle(1));
    expect(f.plan.stats.sparseBlocks).toBe(1);
    expect(f.refactor(cycle(2)).ok).toBe(true);
    expect(f.stats.refactorsKept).toBe(1);
    expect(relDiff(x(f.solve(b)), x(solveSparse(cycle(2), b)))).toBeLessThan(1e-12);
    // A diagonal of 1e-6 next to a coupling of 0.5 in its column fails the threshold 0.1: new pivots.
    expect(f.refactor(cycle(1e-6)).ok).toBe(true);
    expect(f.stats.refactorsRepivoted).toBe(1);
    expect(relDiff(x(f.solve(b)), x(solveSparse(cycle(1e-6), b)))).toBeLessThan(1e-12);
    // And back: the re-pivoted factors are refactored again.
    expect(f.refactor(cycle(1)).ok).toBe(true);
    expect(relDiff(x(f.solve(b)), x(solveSparse(cycle(1), b)))).toBeLessThan(1e-12);
  });

  it('factorises a sparse block with a structurally zero diagonal (no symbolic LU with diagonal pivots)', () => {
    // A 10-cycle, x_k - 0.5 x_{k-1} = b_k, except equation 3: x_2 - x_4 = b_3 (no x_3 in it).
    const n = 10;
    const entries: Array<[number, number, number]> = [];
    for (let k = 0; k < n; k++) {
      if (k === 3) entries.push([3, 2, 1], [3, 4, -1]);
      else entries.push([k, k, 1], [k, (k + n - 1) % n, -0.5]);
    }
    const A = csr(n, entries);
    const b = Float64Array.from({ length: n }, (_, k) => k + 1);
    const f = factorsOf(A);
    expect(f.plan.stats.sparseBlocks).toBe(1);
    const oracle = (lusolve(toDense(A), [...b]) as number[][]).map((row) => row[0]);
    expect(relDiff(x(f.solve(b)), oracle)).toBeLessThan(1e-12);
    expect(f.refactor(perturbed(A, 4)).ok).toBe(true);
    const B = perturbed(A, 4);
    expect(relDiff(x(f.solve(b)), (lusolve(toDense(B), [...b]) as number[][]).map((row) => row[0]))).toBeLessThan(1e-12);
  });

  it('a failed refactor makes solve fail until a later refactor succeeds', () => {
    // Mixer + splitter recycle {0, 1} fed by unknown 2: singular without purge.
    const loop = (p: number) =>
      csr(3, [
        [0, 0, 1],
        [0, 1, -1],
        [0, 2, -1],
        [1, 1, 1],
        [1, 0, -(1 - p)],
        [2, 2, 1],
      ]);
    const b = Float64Array.of(0, 0, 10);
    const f = factorsOf(loop(0.5));
    const bad = f.refactor(loop(0));
    expect(bad).toMatchObject({ ok: false, kind: 'singular', singularBlock: Int32Array.of(0, 1) });
    expect(f.solve(b)).toMatchObject({ ok: false, kind: 'singular' });
    const block = f.plan.componentOf[0];
    expect(() => f.solveBlock(block, b, new Float64Array(3))).toThrow(/no valid factorisation/);
    expect(f.refactor(loop(0.25)).ok).toBe(true);
    // Closed form: x2 = 10, x0 = x2 / p = 40, x1 = (1 - p) x0 = 30.
    const sol = x(f.solve(b));
    expect(sol[0]).toBeCloseTo(40, 12);
    expect(sol[1]).toBeCloseTo(30, 12);
  });

  it('reports non-finite new values in their block, and the other blocks keep working', () => {
    const A = csr(3, [
      [0, 0, 2],
      [1, 1, 4],
      [1, 0, -1],
      [2, 2, 1],
      [2, 1, -1],
    ]);
    const f = factorsOf(A);
    const B = { ...A, values: A.values.slice() };
    B.values[4] = NaN; // row 2: (2, 1)
    expect(f.refactor(B)).toMatchObject({ ok: false, kind: 'non-finite', singularBlock: Int32Array.of(2) });
    // x0 = 2 / 2 = 1 and x1 = (3 + x0) / 4 = 1 block by block, from the blocks that are still good.
    const sol = new Float64Array(3);
    const b = Float64Array.of(2, 3, 0);
    f.solveBlock(f.plan.componentOf[0], b, sol);
    f.solveBlock(f.plan.componentOf[1], b, sol);
    expect([sol[0], sol[1]]).toEqual([1, 1]);
  });

  it('random values on a fixed random pattern: refactor gives the x of a cold solve (property)', () => {
    // Pattern: a random block structure; values: rows diagonally dominant (so nonsingular, and the
    // cold factorisation well-conditioned) in random units, redrawn for every run.
    const n = 40;
    const rand = rng(2024);
    const entries: Array<[number, number]> = [];
    for (let i = 0; i < n; i++) {
      entries.push([i, i]);
      for (let j = 0; j < n; j++) if (j !== i && rand() < (Math.floor(i / 8) === Math.floor(j / 8) ? 0.3 : 0.03)) entries.push([i, j]);
    }
    const pattern = csr(n, entries.map(([i, j]) => [i, j, 1]));
    const valuesFor = (seed: number): CsrMatrix => {
      const r = rng(seed);
      const values = new Float64Array(pattern.values.length);
      for (let i = 0; i < n; i++) {
        let off = 0;
        let diag = -1;
        for (let p = pattern.rowPtr[i]; p < pattern.rowPtr[i + 1]; p++) {
          if (pattern.colIdx[p] === i) diag = p;
          else off += Math.abs((values[p] = 2 * r() - 1));
        }
        values[diag] = (off * (1.05 + r()) + 0.1) * (r() < 0.5 ? -1 : 1);
        const unit = 10 ** (6 * r() - 3);
        for (let p = pattern.rowPtr[i]; p < pattern.rowPtr[i + 1]; p++) values[p] *= unit;
      }
      return { ...pattern, values };
    };
    const f = factorsOf(valuesFor(1));
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (valueSeed, rhsSeed) => {
        const A = valuesFor(valueSeed);
        const r = rng(rhsSeed);
        const b = Float64Array.from({ length: n }, () => 20 * r() - 10);
        expect(f.refactor(A).ok).toBe(true);
        expect(relDiff(x(f.solve(b)), x(solveSparse(A, b)))).toBeLessThan(1e-12);
      }),
      { numRuns: 200 },
    );
  });
});

describe('solveBlock', () => {
  it.each(systems)('over all blocks in solve order equals the full solve: %s', (_, make) => {
    const sys = make();
    const f = factorsOf(sys.A);
    const full = x(f.solve(sys.b));
    const blockwise = new Float64Array(sys.A.n);
    for (let c = 0; c < f.plan.blockCount; c++) f.solveBlock(c, sys.b, blockwise);
    expect(relDiff(blockwise, full)).toBeLessThan(1e-12);
  });

  it('uses the current x of earlier blocks: a block Newton step sees its upstream', () => {
    // x0 = 1 (singleton), then the loop {1, 2}: x1 - 0.5 x2 = x0, x2 - 0.5 x1 = 0 -> x1 = x0 / 0.75, x2 = x1 / 2.
    const A = csr(3, [
      [0, 0, 1],
      [1, 1, 1],
      [1, 2, -0.5],
      [1, 0, -1],
      [2, 2, 1],
      [2, 1, -0.5],
    ]);
    const f = factorsOf(A);
    const loop = f.plan.componentOf[1];
    expect(f.plan.componentOf[2]).toBe(loop);
    const sol = Float64Array.of(3, 0, 0); // an upstream value set by the caller, not by solveBlock
    f.solveBlock(loop, Float64Array.of(1, 0, 0), sol);
    expect(sol[0]).toBe(3);
    expect(sol[1]).toBeCloseTo(4, 14);
    expect(sol[2]).toBeCloseTo(2, 14);
  });
});

describe('SolvePlan', () => {
  const A = csr(3, [
    [0, 0, 1],
    [0, 2, -0.5],
    [1, 0, -1],
    [1, 1, 1],
    [2, 1, -0.9],
    [2, 2, 1],
  ]);

  it('describes the blocks: one recycle {0, 1, 2}', () => {
    const plan = analyse(A);
    expect(plan.n).toBe(3);
    expect(plan.blockCount).toBe(1);
    expect([...plan.componentOf]).toEqual([0, 0, 0]);
    expect([...plan.blockUnknowns(0)]).toEqual([0, 1, 2]);
    expect(plan.stats).toMatchObject({ blocks: 1, largestBlock: 3, singletons: 0 });
  });

  it('samePattern: true for new values or copied arrays, false for any structural change', () => {
    const plan = analyse(A);
    expect(plan.samePattern(A)).toBe(true);
    expect(plan.samePattern({ ...A, values: A.values.map((v) => 2 * v) })).toBe(true);
    expect(plan.samePattern({ n: 3, rowPtr: A.rowPtr.slice(), colIdx: A.colIdx.slice(), values: A.values })).toBe(true);
    const moved = A.colIdx.slice();
    moved[1] = 1; // (0, 2) -> (0, 1)
    expect(plan.samePattern({ ...A, colIdx: moved })).toBe(false);
    expect(plan.samePattern({ ...A, rowPtr: Int32Array.of(0, 1, 4, 6) })).toBe(false);
    expect(plan.samePattern(csr(4, [[0, 0, 1]]))).toBe(false);
    expect(() => factor(plan, { ...A, colIdx: moved })).toThrow(RangeError);
    const f = factor(plan, A);
    if (!f.ok) throw new Error(f.reason);
    expect(() => f.factors.refactor({ ...A, colIdx: moved })).toThrow(RangeError);
  });

  it('never reads the values: a NaN matrix analyses like any other', () => {
    const plan = analyse({ ...A, values: A.values.map(() => NaN) });
    expect(plan.blockCount).toBe(1);
  });
});

describe('failures', () => {
  // Feed F (0) -> mixer M (1) = F + R -> reactor X (2) = M -> splitter S1 (3) = 0.3 X, S2 (4) = (0.7 - p) X,
  // purge P (5) = p X; recycle R (6) = S1 + S2. Block {M, X, S1, S2, R}.
  const recycle = (p: number) =>
    csr(7, [
      ...Array.from({ length: 7 }, (_, i): [number, number, number] => [i, i, 1]),
      [1, 0, -1],
      [1, 6, -1],
      [2, 1, -1],
      [3, 2, -0.3],
      [4, 2, -(0.7 - p)],
      [5, 2, -p],
      [6, 3, -1],
      [6, 4, -1],
    ]);
  const b = Float64Array.of(100, 0, 0, 0, 0, 0, 0);

  it('an exactly singular loop (every column of the recycle sums to 1: no way out) is "singular"', () => {
    const r = solveSparse(recycle(0), b);
    expect(r).toMatchObject({ ok: false, kind: 'singular', singularBlock: Int32Array.of(1, 2, 3, 4, 6) });
    if (!r.ok) expect(r.pivotRatio).toBeLessThanOrEqual(SINGULAR_PIVOT_RATIO);
  });

  it('a 1e-12 purge is "ill-conditioned" (nearly singular), with its pivot ratio', () => {
    // Mixer M (0) = F + R, splitter R (1) = (1 - p) M: the last pivot is 1 - (1 - p). In binary64
    // 1 - 1e-12 rounds to 0.99999999999900002212, so the pivot is 9.9998e-13: below the tolerance
    // 1e-12, far above rounding level (SINGULAR_PIVOT_RATIO = 1e-14).
    const p = 1e-12;
    const A = csr(2, [
      [0, 0, 1],
      [0, 1, -1],
      [1, 1, 1],
      [1, 0, -(1 - p)],
    ]);
    const r = solveSparse(A, Float64Array.of(100, 0));
    expect(r).toMatchObject({ ok: false, kind: 'ill-conditioned', singularBlock: Int32Array.of(0, 1) });
    if (!r.ok) expect(r.pivotRatio).toBeCloseTo(1 - (1 - p), 25);
    // The same loop with a 1e-9 purge solves: M = F / p.
    const ok = x(solveSparse({ ...A, values: Float64Array.of(1, -1, -(1 - 1e-9), 1) }, Float64Array.of(100, 0)));
    expect(ok[0] / 1e11).toBeCloseTo(1, 6);
  });

  it('an unreachable residual tolerance is "ill-conditioned" with the blamed block\'s pivot ratio', () => {
    const sys = systems[1][1]();
    const r = solveSparse(sys.A, sys.b, { residualTolerance: 1e-300 });
    expect(r).toMatchObject({ ok: false, kind: 'ill-conditioned' });
    if (!r.ok) {
      expect(r.pivotRatio).toBeGreaterThan(0);
      expect(r.pivotRatio).toBeLessThanOrEqual(1);
    }
  });
});

describe('dense blocks keep the diagonal pivot within the threshold', () => {
  it('an equation that fixes its unknown at zero gives exactly zero inside a dense block (property)', () => {
    // A full random block (one strongly connected component: every entry stored) in which equation k
    // reads x_k = 0 (its other coefficients stored as zeros): with its diagonal kept as the pivot, no
    // elimination touches row k, so x_k is 0 exactly, not the rounding of the other unknowns.
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 12 }), fc.integer(), (m, seed) => {
        const rand = rng(seed);
        const k = Math.floor(rand() * m);
        const entries: Array<[number, number, number]> = [];
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < m; j++) {
            const v = i === j ? (1 + 2 * rand()) * (rand() < 0.5 ? -1 : 1) : 2 * rand() - 1;
            entries.push([i, j, i === k && j !== k ? 0 : v]);
          }
        }
        const A = csr(m, entries);
        const b = Float64Array.from({ length: m }, (_, i) => (i === k ? 0 : 20 * rand() - 10));
        expect(analyse(A).stats.denseBlocks).toBe(1);
        const sol = x(solveSparse(A, b));
        expect(Math.abs(sol[k])).toBe(0); // +0 or −0
        expect(Math.abs(x(factorsOf(A).solve(b))[k])).toBe(0);
      }),
      // [12, 316454037] (found by a CI run): the other rows' updates grow column k's entries past
      // 10 × a_kk, so the threshold alone would pivot away from row k; a row of its unknown alone
      // is kept as the pivot row (dense.ts keepsDiagonal).
      { numRuns: 200, examples: [[12, 316454037]] },
    );
  });
});

describe('dense blocks are equilibrated', () => {
  it('pivoting does not depend on units: an equation in units 1e-13 times smaller still solves', () => {
    // x0 - 0.5 x1 = 1, and (-0.5 x0 + x1) · 1e-13 = 0 (the same loop, second equation in other units):
    // x1 = 0.5 x0, x0 (1 - 0.25) = 1 -> x0 = 4/3, x1 = 2/3. Unscaled, the second column's pivot after
    // elimination is 0.75e-13 against a column maximum of 0.5: a relative 1.5e-13, "singular".
    const A = csr(2, [
      [0, 0, 1],
      [0, 1, -0.5],
      [1, 0, -0.5e-13],
      [1, 1, 1e-13],
    ]);
    expect(analyse(A).stats.denseBlocks).toBe(1);
    const sol = x(solveSparse(A, Float64Array.of(1, 0)));
    expect(sol[0]).toBeCloseTo(4 / 3, 14);
    expect(sol[1]).toBeCloseTo(2 / 3, 14);
  });
});
