import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsrBuilder, minimumDegreeOrder, symmetricPattern } from './index';

function isPermutation(p: Int32Array, n: number): boolean {
  if (p.length !== n) return false;
  const seen = new Uint8Array(n);
  for (const v of p) {
    if (v < 0 || v >= n || seen[v]) return false;
    seen[v] = 1;
  }
  return true;
}

/** Number of off-diagonal entries of the Cholesky factor of the pattern, eliminated in `perm` order. */
function choleskyFill(n: number, adj: Set<number>[], perm: Int32Array): number {
  const pos = new Int32Array(n);
  perm.forEach((v, k) => (pos[v] = k));
  const g = adj.map((s) => new Set(s));
  let fill = 0;
  for (let k = 0; k < n; k++) {
    const v = perm[k];
    const later = [...g[v]].filter((u) => pos[u] > k);
    fill += later.length;
    for (const a of later) for (const b of later) if (a !== b) g[a].add(b);
  }
  return fill;
}

describe('symmetricPattern', () => {
  it('is the pattern of B + B^T without diagonal or duplicates', () => {
    const b = new CsrBuilder(3);
    b.add(0, 0, 1);
    b.add(0, 1, 1);
    b.add(1, 0, 1);
    b.add(2, 0, 1);
    const A = b.build();
    const g = symmetricPattern(3, A.rowPtr, A.colIdx);
    const rows = [0, 1, 2].map((i) => [...g.idx.subarray(g.ptr[i], g.ptr[i + 1])].sort());
    expect(rows).toEqual([[1, 2], [0], [0]]);
  });
});

describe('minimumDegreeOrder', () => {
  it('orders an arrow matrix hub last (no fill) and a path without fill', () => {
    const n = 30;
    const b = new CsrBuilder(n);
    for (let i = 1; i < n; i++) b.add(0, i, 1); // node 0 connected to all
    const A = b.build();
    const perm = minimumDegreeOrder(symmetricPattern(n, A.rowPtr, A.colIdx));
    expect(isPermutation(perm, n)).toBe(true);
    expect([perm[n - 2], perm[n - 1]]).toContain(0); // the last two have degree 1 each: either order
    const star = Array.from({ length: n }, (_, i) => new Set(i === 0 ? Array.from({ length: n - 1 }, (_, k) => k + 1) : [0]));
    expect(choleskyFill(n, star, perm)).toBe(n - 1);

    const path = new CsrBuilder(n);
    for (let i = 1; i < n; i++) path.add(i, i - 1, 1);
    const P = path.build();
    const pp = minimumDegreeOrder(symmetricPattern(n, P.rowPtr, P.colIdx));
    const padj = Array.from({ length: n }, (_, i) => new Set([i - 1, i + 1].filter((j) => j >= 0 && j < n)));
    expect(choleskyFill(n, padj, pp)).toBe(n - 1);
  });

  it('returns a permutation, with fill no worse than the natural order on banded graphs (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }).chain((n) =>
          fc.tuple(fc.constant(n), fc.array(fc.tuple(fc.nat(n - 1), fc.integer({ min: -6, max: 6 })), { maxLength: 4 * n })),
        ),
        ([n, edges]) => {
          const b = new CsrBuilder(n);
          const adj = Array.from({ length: n }, () => new Set<number>());
          for (const [i, d] of edges) {
            const j = Math.min(n - 1, Math.max(0, i + d));
            b.add(i, j, 1);
            if (i !== j) {
              adj[i].add(j);
              adj[j].add(i);
            }
          }
          const A = b.build();
          const perm = minimumDegreeOrder(symmetricPattern(n, A.rowPtr, A.colIdx));
          expect(isPermutation(perm, n)).toBe(true);
          const natural = Int32Array.from({ length: n }, (_, i) => i);
          expect(choleskyFill(n, adj, perm)).toBeLessThanOrEqual(choleskyFill(n, adj, natural) * 1.5 + 5);
        },
      ),
      { numRuns: 200 },
    );
  });
});
