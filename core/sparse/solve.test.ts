import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lusolve, slu, sparse } from 'mathjs';
import { CsrBuilder, residualNorm, solveSparse, type CsrMatrix, type SparseSolveResult, type SparseSolveSuccess } from './index';
import { csrFrom, flowsheetSystem, plantSystem, randomPermutation, relDiff, rng, toDense } from './test-systems';

const csr = csrFrom;

function expectOk(r: SparseSolveResult): SparseSolveSuccess {
  if (!r.ok) throw new Error(`expected ok, got: ${r.reason}`);
  for (const v of r.x) expect(Number.isFinite(v)).toBe(true);
  expect(Number.isFinite(r.residual)).toBe(true);
  expect(r.relativeResidual).toBeLessThanOrEqual(1e-9);
  return r;
}

/**
 * Random diagonally dominant system with a random block structure: unknowns are
 * dealt into groups; each group is closed into a cycle (so it is strongly
 * connected) with extra random couplings inside; equations also reference
 * unknowns of earlier groups. Returns A, b and the intended groups.
 */
function randomBlockSystem(seed: number, n: number, groups: number, density: number) {
  const rand = rng(seed);
  const label = randomPermutation(n, rand);
  const groupOf = new Int32Array(n);
  const members: number[][] = Array.from({ length: groups }, () => []);
  for (let t = 0; t < n; t++) {
    const g = Math.min(groups - 1, Math.floor((t / n) * groups));
    groupOf[t] = g;
    members[g].push(t);
  }
  const entries: Array<[number, number, number]> = [];
  for (let g = 0; g < groups; g++) {
    const m = members[g];
    for (let k = 0; k < m.length; k++) {
      const i = m[k];
      const offs: Array<[number, number]> = [];
      if (m.length > 1) offs.push([m[(k + 1) % m.length], rand() * 2 - 1]); // cycle
      for (const j of m) if (j !== i && rand() < density) offs.push([j, rand() * 2 - 1]);
      if (m[0] > 0 && rand() < 0.7) offs.push([Math.floor(rand() * m[0]), rand() * 4 - 2]); // upstream
      let sum = 0;
      for (const [j, v] of offs) {
        entries.push([label[i], label[j], v]);
        if (groupOf[j] === g) sum += Math.abs(v);
      }
      entries.push([label[i], label[i], (sum + 0.1 + rand()) * (rand() < 0.5 ? -1 : 1)]);
    }
  }
  const A = csr(n, entries);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) b[i] = rand() * 20 - 10;
  const groupOfUnknown = new Int32Array(n);
  for (let t = 0; t < n; t++) groupOfUnknown[label[t]] = groupOf[t];
  return { A, b, groupOfUnknown };
}

describe('solveSparse: hand-worked systems', () => {
  it('solves a 3x3 tridiagonal system', () => {
    // [ 4 -1  0 ] x = [ 2  4 10 ]; elimination by hand (see lu.test.ts) gives x = [1, 2, 3].
    const A = csr(3, [
      [0, 0, 4],
      [0, 1, -1],
      [1, 0, -1],
      [1, 1, 4],
      [1, 2, -1],
      [2, 1, -1],
      [2, 2, 4],
    ]);
    const r = expectOk(solveSparse(A, Float64Array.of(2, 4, 10)));
    expect(r.x[0]).toBeCloseTo(1, 13);
    expect(r.x[1]).toBeCloseTo(2, 13);
    expect(r.x[2]).toBeCloseTo(3, 13);
    expect(r.stats).toEqual({ blocks: 1, largestBlock: 3, singletons: 0, factorNonzeros: expect.any(Number) });
  });

  it('solves an acyclic chain by substitution', () => {
    // feed: x0 = 100; splitter: x1 = 0.3 x0, x2 = 0.7 x0; mixer: x3 = x1 + x2
    const A = csr(4, [
      [0, 0, 1],
      [1, 1, 1],
      [1, 0, -0.3],
      [2, 2, 1],
      [2, 0, -0.7],
      [3, 3, 1],
      [3, 1, -1],
      [3, 2, -1],
    ]);
    const r = expectOk(solveSparse(A, Float64Array.of(100, 0, 0, 0)));
    expect([...r.x].map((v) => +v.toFixed(12))).toEqual([100, 30, 70, 100]);
    expect(r.stats).toEqual({ blocks: 4, largestBlock: 1, singletons: 4, factorNonzeros: 0 });
  });

  it('solves a mixer + splitter recycle with purge fraction p in closed form', () => {
    // Unknowns: 0 = feed stream F, 1 = mixer outlet M, 2 = recycle R, 3 = purge P, 4 = product Q.
    //   F         = 100            (feed specification)
    //   M - F - R = 0              (mixer)
    //   R - (1-p) M = 0            (splitter, recycled part)
    //   P - p M   = 0              (splitter, purge)
    //   Q - 0.5 P = 0              (downstream unit)
    // Closed form: M = F/p, R = F(1-p)/p, P = F, Q = F/2.
    const F = 100;
    for (const p of [0.5, 0.1, 0.01, 1e-6]) {
      const A = csr(5, [
        [0, 0, 1],
        [1, 1, 1],
        [1, 0, -1],
        [1, 2, -1],
        [2, 2, 1],
        [2, 1, -(1 - p)],
        [3, 3, 1],
        [3, 1, -p],
        [4, 4, 1],
        [4, 3, -0.5],
      ]);
      const r = expectOk(solveSparse(A, Float64Array.of(F, 0, 0, 0, 0)));
      expect(r.x[0]).toBeCloseTo(F, 10);
      expect(r.x[1] / (F / p)).toBeCloseTo(1, 9);
      expect(r.x[2] / ((F * (1 - p)) / p)).toBeCloseTo(1, 9);
      expect(r.x[3] / F).toBeCloseTo(1, 9);
      expect(r.x[4] / (F / 2)).toBeCloseTo(1, 9);
      expect(r.stats.blocks).toBe(4); // feed, {M, R}, P, Q
      expect(r.stats.singletons).toBe(3);
      expect(r.stats.largestBlock).toBe(2);
    }
  });

  it('fixes a zero diagonal by pivoting inside a block: [[0,1],[1,0]] x = [3,5]', () => {
    const A = csr(2, [
      [0, 0, 0], // structural zero on the diagonal
      [0, 1, 1],
      [1, 0, 1],
      [1, 1, 0],
    ]);
    const r = expectOk(solveSparse(A, Float64Array.of(3, 5)));
    expect([...r.x]).toEqual([5, 3]);
  });

  it('works in any units: scaling rows and columns by 1e-6..1e6 does not change the answer', () => {
    const A = csr(3, [
      [0, 0, 1e6],
      [0, 2, -0.5e6],
      [1, 0, -1e-6],
      [1, 1, 1e-6],
      [2, 1, -0.9e3],
      [2, 2, 1e3],
    ]);
    // Row 0 in mg (x1e6), row 1 in t (x1e-6), row 2 in g (x1e3): the same loop as
    // x0 - 0.5 x2 = 1, x1 - x0 = 0, x2 - 0.9 x1 = 0 -> x0 = 1/(1 - 0.45) = 1.8181...
    const r = expectOk(solveSparse(A, Float64Array.of(1e6, 0, 0)));
    const x0 = 1 / 0.55;
    expect(r.x[0] / x0).toBeCloseTo(1, 12);
    expect(r.x[1] / x0).toBeCloseTo(1, 12);
    expect(r.x[2] / (0.9 * x0)).toBeCloseTo(1, 12);
  });

  it('accepts a hand-made CSR with unsorted columns and duplicate entries (summed)', () => {
    // [[0,1],[1,0]] written as row 0: (1, 1), (0, 2), (0, -2); row 1: (1, 0.5), (0, 1), (1, -0.5)
    const A: CsrMatrix = {
      n: 2,
      rowPtr: Int32Array.of(0, 3, 6),
      colIdx: Int32Array.of(1, 0, 0, 1, 0, 1),
      values: Float64Array.of(1, 2, -2, 0.5, 1, -0.5),
    };
    const r = expectOk(solveSparse(A, Float64Array.of(3, 5)));
    expect([...r.x]).toEqual([5, 3]);
  });

  it('handles n = 0', () => {
    const r = expectOk(solveSparse(new CsrBuilder(0).build(), new Float64Array(0)));
    expect(r.x.length).toBe(0);
    expect(r.relativeResidual).toBe(0);
  });
});

describe('solveSparse: singular and bad systems', () => {
  it('reports a recycle without purge, with exactly the loop unknowns', () => {
    // 0 feed; loop {1 mixer, 2 reactor, 3 splitter -> everything recycled to 1}; 4, 5 downstream.
    // Loop rows: M - F - S = 0, X - M = 0, S - X = 0 : the loop rows sum to 0 in the loop columns.
    const entries: Array<[number, number, number]> = [
      [0, 0, 1],
      [1, 1, 1],
      [1, 0, -1],
      [1, 3, -1],
      [2, 2, 1],
      [2, 1, -1],
      [3, 3, 1],
      [3, 2, -1],
      [4, 4, 1],
      [4, 3, -0.5],
      [5, 5, 1],
      [5, 4, -1],
    ];
    // Relabel the unknowns so that the loop is not contiguous.
    const perm = [4, 0, 5, 2, 1, 3]; // old -> new
    const A = csr(
      6,
      entries.map(([i, j, v]) => [perm[i], perm[j], v]),
    );
    const b = new Float64Array(6);
    b[perm[0]] = 10;
    const r = solveSparse(A, b);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect([...r.singularBlock]).toEqual([perm[1], perm[2], perm[3]].sort((a, c) => a - c));
      expect(r.reason).toMatch(/singular/);
    }
  });

  it('reports a loop whose purge is below the pivot tolerance, and solves one just above it', () => {
    const loop = (p: number) =>
      csr(2, [
        [0, 0, 1],
        [0, 1, -1],
        [1, 1, 1],
        [1, 0, -(1 - p)],
      ]);
    const bad = solveSparse(loop(1e-14), Float64Array.of(1, 0));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect([...bad.singularBlock]).toEqual([0, 1]);
    const good = expectOk(solveSparse(loop(1e-9), Float64Array.of(1, 0)));
    expect(good.x[0] / 1e9).toBeCloseTo(1, 5);
  });

  it('reports a zero diagonal in a singleton component', () => {
    // x0 = 1; equation 1 is "0 * x1 + x0 = 2": nothing determines x1.
    const A = csr(3, [
      [0, 0, 1],
      [1, 1, 0],
      [1, 0, 1],
      [2, 2, 1],
      [2, 1, 1],
    ]);
    const r = solveSparse(A, Float64Array.of(1, 2, 3));
    expect(r.ok).toBe(false);
    if (!r.ok) expect([...r.singularBlock]).toEqual([1]);
  });

  it('reports non-finite coefficients and right-hand sides instead of returning NaN', () => {
    const A = csr(2, [
      [0, 0, 1],
      [1, 1, NaN],
    ]);
    const r = solveSparse(A, Float64Array.of(1, 1));
    expect(r.ok).toBe(false);
    if (!r.ok) expect([...r.singularBlock]).toEqual([1]);
    expect(r).toMatchObject({ kind: 'non-finite' });
    const B = csr(2, [
      [0, 0, 1],
      [1, 1, 1],
    ]);
    const s = solveSparse(B, Float64Array.of(Infinity, 1));
    expect(s).toMatchObject({ ok: false, kind: 'non-finite', singularBlock: Int32Array.of(0) });
    // Overflow of the solution itself.
    const C = csr(2, [
      [0, 0, 1e-300],
      [1, 1, 1],
      [1, 0, -1],
    ]);
    const t = solveSparse(C, Float64Array.of(1e300, 0));
    expect(t.ok).toBe(false);
    if (!t.ok) expect([...t.singularBlock]).toEqual([0]);
    expect(t).toMatchObject({ kind: 'overflow' });
  });

  it('reports an unreachable residual tolerance as ill-conditioned after refinement', () => {
    const sys = flowsheetSystem({ n: 300, blockSizes: [120, 30], seed: 4 }); // one sparse-LU block, one dense
    const strict = solveSparse(sys.A, sys.b, { residualTolerance: 1e-300, maxRefinementSteps: 2 });
    expect(strict.ok).toBe(false);
    if (!strict.ok) {
      expect(strict.reason).toMatch(/ill-conditioned/);
      expect(strict.singularBlock.length).toBeGreaterThan(0);
    }
    const timings = {};
    const normal = expectOk(solveSparse(sys.A, sys.b, { timings }));
    expect(Object.keys(timings)).toEqual(expect.arrayContaining(['scc', 'factor', 'substitute', 'residual']));
    expect(relDiff(normal.x, sys.xTrue)).toBeLessThan(1e-9);
  });

  it('throws only for malformed input', () => {
    const A = csr(2, [
      [0, 0, 1],
      [1, 1, 1],
    ]);
    expect(() => solveSparse(A, new Float64Array(3))).toThrow(RangeError);
    expect(() => solveSparse({ ...A, colIdx: Int32Array.of(0, 7) }, new Float64Array(2))).toThrow(RangeError);
  });
});

describe('solveSparse against mathjs (independent oracle)', () => {
  it('matches mathjs lusolve on random flowsheet-like systems', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const rand = rng(seed * 7919);
      const n = 5 + Math.floor(rand() * 55);
      const sizes = [2 + Math.floor(rand() * (n / 3)), 2 + Math.floor(rand() * (n / 4))];
      const sys = flowsheetSystem({ n, blockSizes: sizes, seed, window: 4, scale: seed % 2 === 0 });
      const r = expectOk(solveSparse(sys.A, sys.b));
      const oracle = (lusolve(toDense(sys.A), [...sys.b]) as number[][]).map((row) => row[0]);
      expect(relDiff(r.x, oracle)).toBeLessThan(1e-9);
    }
  });

  it('matches mathjs slu + lusolve on a 400-unknown plant with several recycles', () => {
    const sys = plantSystem({
      streams: 80,
      species: 5,
      seed: 5,
      loops: [
        [5, 20],
        [30, 12],
        [50, 25],
      ],
      reactorRate: 0.3,
    });
    const r = expectOk(solveSparse(sys.A, sys.b));
    expect(r.stats.largestBlock).toBeGreaterThan(20);
    const S = sparse(toDense(sys.A));
    const oracle = (lusolve(slu(S, 1, 1), [...sys.b]) as unknown as { toArray(): number[][] }).toArray().map((row) => row[0]);
    expect(relDiff(r.x, oracle)).toBeLessThan(1e-9);
    expect(relDiff(r.x, sys.xTrue)).toBeLessThan(1e-9);
  });
});

describe('solveSparse properties', () => {
  const systemArb = fc.record({
    seed: fc.integer(),
    n: fc.integer({ min: 1, max: 80 }),
    groups: fc.integer({ min: 1, max: 12 }),
    density: fc.double({ min: 0, max: 0.4, noNaN: true }),
  });

  it('random diagonally dominant block systems: tiny residual, blocks as built', () => {
    fc.assert(
      fc.property(systemArb, ({ seed, n, groups, density }) => {
        const g = Math.min(groups, n);
        const { A, b, groupOfUnknown } = randomBlockSystem(seed, n, g, density);
        const r = expectOk(solveSparse(A, b));
        expect(residualNorm(A, r.x, b)).toBe(r.residual);
        expect(r.relativeResidual).toBeLessThan(1e-13);
        // Components are exactly the generated groups (each group is a cycle).
        expect(r.stats.blocks).toBe(new Set(groupOfUnknown).size);
      }),
      { numRuns: 300 },
    );
  });

  it('a symmetric permutation of unknowns and equations permutes the solution', () => {
    fc.assert(
      fc.property(systemArb, fc.integer(), ({ seed, n, groups, density }, pseed) => {
        const { A, b } = randomBlockSystem(seed, n, Math.min(groups, n), density);
        const pi = randomPermutation(n, rng(pseed)); // old index -> new index
        const builder = new CsrBuilder(n);
        const pb = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          pb[pi[i]] = b[i];
          for (let p = A.rowPtr[i]; p < A.rowPtr[i + 1]; p++) builder.add(pi[i], pi[A.colIdx[p]], A.values[p]);
        }
        const r1 = expectOk(solveSparse(A, b));
        const r2 = expectOk(solveSparse(builder.build(), pb));
        const back = new Float64Array(n);
        for (let i = 0; i < n; i++) back[i] = r2.x[pi[i]];
        expect(relDiff(back, r1.x)).toBeLessThan(1e-12);
      }),
      { numRuns: 200 },
    );
  });

  it('natural and AMD orderings, strict and relaxed pivoting agree', () => {
    fc.assert(
      fc.property(systemArb, ({ seed, n, groups, density }) => {
        const { A, b } = randomBlockSystem(seed, n, Math.min(groups, n), density);
        const ref = expectOk(solveSparse(A, b));
        for (const options of [{ ordering: 'natural' as const }, { pivotThreshold: 1 }, { pivotThreshold: 0.001 }]) {
          expect(relDiff(expectOk(solveSparse(A, b, options)).x, ref.x)).toBeLessThan(1e-12);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('a singular loop is found wherever it sits in a larger system', () => {
    fc.assert(
      fc.property(systemArb, fc.integer({ min: 2, max: 8 }), ({ seed, n, groups, density }, loopLen) => {
        // Append a closed loop without purge (x_k - x_{k-1} = 0 around the cycle),
        // fed from the rest of the system, and a unit downstream of it.
        const { A, b } = randomBlockSystem(seed, n, Math.min(groups, n), density);
        const N = n + loopLen + 1;
        const builder = new CsrBuilder(N);
        for (let i = 0; i < n; i++) for (let p = A.rowPtr[i]; p < A.rowPtr[i + 1]; p++) builder.add(i, A.colIdx[p], A.values[p]);
        for (let k = 0; k < loopLen; k++) {
          const i = n + k;
          const prev = n + ((k + loopLen - 1) % loopLen);
          builder.add(i, i, 1);
          builder.add(i, prev, -1);
          builder.add(i, k % n, 0.5); // inflow from the rest: does not change the loop block
        }
        builder.add(N - 1, N - 1, 1);
        builder.add(N - 1, n, -1);
        const bb = new Float64Array(N);
        bb.set(b);
        const r = solveSparse(builder.build(), bb);
        expect(r.ok).toBe(false);
        if (!r.ok) expect([...r.singularBlock]).toEqual(Array.from({ length: loopLen }, (_, k) => n + k));
      }),
      { numRuns: 100 },
    );
  });
});

describe('solveSparse on larger generated systems', () => {
  it('recovers the known solution of a 20k flowsheet with recycles and unit scaling', () => {
    const sys = flowsheetSystem({ n: 20_000, blockSizes: [50, 120, 400, 900, 2000, 75, 60], seed: 99 });
    const r = expectOk(solveSparse(sys.A, sys.b));
    expect(r.stats.blocks - r.stats.singletons).toBe(7);
    expect(r.stats.largestBlock).toBe(2000);
    expect(relDiff(r.x, sys.xTrue)).toBeLessThan(1e-8);
  });

  it('recovers the known solution of a 30k plant (streams x species)', () => {
    const sys = plantSystem({
      streams: 3000,
      species: 10,
      seed: 7,
      loops: [
        [100, 40],
        [500, 200],
        [1200, 15],
        [2000, 300],
      ],
    });
    const r = expectOk(solveSparse(sys.A, sys.b));
    expect(relDiff(r.x, sys.xTrue)).toBeLessThan(1e-9);
  });
});
