import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsrBuilder, stronglyConnectedComponents, type CsrMatrix, type SccResult } from './index';

function fromEdges(n: number, edges: Array<[number, number]>): CsrMatrix {
  const b = new CsrBuilder(n);
  for (let i = 0; i < n; i++) b.add(i, i, 1);
  for (const [i, j] of edges) b.add(i, j, 1);
  return b.build();
}

/** Checks the structural invariants of an SccResult and the solve-order property. */
function checkScc(A: CsrMatrix, r: SccResult): void {
  const { n, rowPtr, colIdx } = A;
  expect(r.start.length).toBe(r.count + 1);
  expect(r.start[0]).toBe(0);
  expect(r.start[r.count]).toBe(n);
  const seen = new Uint8Array(n);
  for (let c = 0; c < r.count; c++) {
    expect(r.start[c + 1]).toBeGreaterThan(r.start[c]);
    for (let t = r.start[c]; t < r.start[c + 1]; t++) {
      const u = r.order[t];
      expect(seen[u]).toBe(0);
      seen[u] = 1;
      expect(r.componentOf[u]).toBe(c);
    }
  }
  // Solve order: the component of every referenced unknown is solved no later.
  for (let i = 0; i < n; i++) {
    for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
      expect(r.componentOf[colIdx[p]]).toBeLessThanOrEqual(r.componentOf[i]);
    }
  }
}

/** Reference: i and j are in the same SCC iff each reaches the other (transitive closure). */
function reachability(n: number, edges: Array<[number, number]>): boolean[][] {
  const R = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => i === j));
  for (const [i, j] of edges) R[i][j] = true;
  for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) if (R[i][k]) for (let j = 0; j < n; j++) if (R[k][j]) R[i][j] = true;
  return R;
}

describe('stronglyConnectedComponents', () => {
  it('finds a recycle loop between acyclic units, in solve order', () => {
    // 0 feed -> 1 mixer (also fed by 3) -> 2 reactor -> 3 splitter (recycle to 1) -> 4 product
    // Equation i references its inlets: 1 <- 0, 1 <- 3, 2 <- 1, 3 <- 2, 4 <- 3.
    const A = fromEdges(5, [
      [1, 0],
      [1, 3],
      [2, 1],
      [3, 2],
      [4, 3],
    ]);
    const r = stronglyConnectedComponents(A.n, A.rowPtr, A.colIdx);
    checkScc(A, r);
    expect(r.count).toBe(3);
    expect(r.componentOf[0]).toBe(0);
    expect([...r.order.subarray(r.start[1], r.start[2])].sort()).toEqual([1, 2, 3]);
    expect(r.componentOf[4]).toBe(2);
  });

  it('handles the empty graph and isolated nodes', () => {
    const r0 = stronglyConnectedComponents(0, Int32Array.of(0), new Int32Array(0));
    expect(r0.count).toBe(0);
    expect([...r0.start]).toEqual([0]);
    const A = fromEdges(3, []);
    const r = stronglyConnectedComponents(A.n, A.rowPtr, A.colIdx);
    checkScc(A, r);
    expect(r.count).toBe(3);
  });

  it('does not recurse: a 300k-long chain and a 300k-long cycle', () => {
    const n = 300_000;
    const b = new CsrBuilder(n, 2 * n);
    for (let i = 0; i < n; i++) {
      b.add(i, i, 1);
      if (i > 0) b.add(i - 1, i, 1); // equation i-1 references unknown i: the DFS goes 300k deep
    }
    const chain = b.build();
    const r1 = stronglyConnectedComponents(n, chain.rowPtr, chain.colIdx);
    expect(r1.count).toBe(n);
    expect(r1.order[0]).toBe(n - 1); // the last unknown depends on nothing
    b.add(n - 1, 0, 1); // close the cycle
    const cycle = b.build();
    const r2 = stronglyConnectedComponents(n, cycle.rowPtr, cycle.colIdx);
    expect(r2.count).toBe(1);
    expect(r2.start[1]).toBe(n);
  });

  it('rejects out-of-range column indices', () => {
    expect(() => stronglyConnectedComponents(2, Int32Array.of(0, 1, 2), Int32Array.of(0, 5))).toThrow(RangeError);
  });

  it('agrees with a transitive-closure reference and gives a valid solve order (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 25 }).chain((n) =>
          fc.tuple(fc.constant(n), fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 3 * n })),
        ),
        ([n, edges]) => {
          const A = fromEdges(n, edges);
          const r = stronglyConnectedComponents(n, A.rowPtr, A.colIdx);
          checkScc(A, r);
          const R = reachability(n, edges);
          for (let i = 0; i < n; i++) {
            for (let j = 0; j < n; j++) {
              expect(r.componentOf[i] === r.componentOf[j]).toBe(R[i][j] && R[j][i]);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
