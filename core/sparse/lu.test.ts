import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inv, lusolve } from 'mathjs';
import { luFactor, luSolve, type CscMatrix, type LuFactors } from './index';
import { rng } from './test-systems';

/** Dense row-major array -> CSC (zeros dropped unless keepZeros marks them). */
function denseToCsc(M: number[][], keepZeros: Array<[number, number]> = []): CscMatrix {
  const n = M.length;
  const keep = new Set(keepZeros.map(([i, j]) => i * n + j));
  const colPtr = new Int32Array(n + 1);
  const rows: number[] = [];
  const vals: number[] = [];
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      if (M[i][j] !== 0 || keep.has(i * n + j)) {
        rows.push(i);
        vals.push(M[i][j]);
      }
    }
    colPtr[j + 1] = rows.length;
  }
  return { n, colPtr, rowIdx: Int32Array.from(rows), values: Float64Array.from(vals) };
}

function factor(M: number[][], opts = {}): LuFactors {
  const f = luFactor(denseToCsc(M), opts);
  if (f.singular) throw new Error(`unexpectedly singular at column ${f.column}`);
  return f;
}

describe('luFactor / luSolve', () => {
  it('solves a hand-worked 3x3', () => {
    // [ 4 -1  0 ] [x1]   [ 2 ]
    // [-1  4 -1 ] [x2] = [ 4 ]
    // [ 0 -1  4 ] [x3]   [10 ]
    // Eliminating: row2 += row1/4 -> 3.75 x2 - x3 = 4.5; row3 += row2/3.75 ->
    // (4 - 1/3.75) x3 = 10 + 4.5/3.75 -> 3.7333.. x3 = 11.2 -> x3 = 3; x2 = (4.5 + 3)/3.75 = 2;
    // x1 = (2 + 2)/4 = 1.
    const f = factor([
      [4, -1, 0],
      [-1, 4, -1],
      [0, -1, 4],
    ]);
    const x = luSolve(f, [2, 4, 10]);
    expect(x[0]).toBeCloseTo(1, 14);
    expect(x[1]).toBeCloseTo(2, 14);
    expect(x[2]).toBeCloseTo(3, 14);
  });

  it('pivots off a zero diagonal: [[0,1],[1,0]] x = [3,5] gives x = [5,3]', () => {
    const f = luFactor(denseToCsc([[0, 1], [1, 0]], [[0, 0]]));
    expect(f.singular).toBe(false);
    const x = luSolve(f as LuFactors, [3, 5]);
    expect([...x]).toEqual([5, 3]);
  });

  it('keeps the diagonal within the threshold and leaves it otherwise', () => {
    // Column 0 has diagonal 0.5 and subdiagonal 1: accepted with threshold 0.1,
    // rejected with strict partial pivoting (threshold 1).
    const M = [
      [0.5, 1],
      [1, 3],
    ];
    const relaxed = factor(M, { pivotThreshold: 0.1 });
    expect(relaxed.pinv[0]).toBe(0);
    const strict = factor(M, { pivotThreshold: 1 });
    expect(strict.pinv[1]).toBe(0);
    // x = [2, -1]: 0.5*2 - 1 = 0, 2 - 3 = -1
    for (const f of [relaxed, strict]) {
      const x = luSolve(f, [0, -1]);
      expect(x[0]).toBeCloseTo(2, 14);
      expect(x[1]).toBeCloseTo(-1, 14);
    }
  });

  it('reports a singular matrix with the failing column', () => {
    // Rows sum to zero: [[1,-1],[-1,1]] (a recycle without purge).
    const f = luFactor(denseToCsc([[1, -1], [-1, 1]]));
    expect(f.singular).toBe(true);
    if (f.singular) {
      expect(f.column).toBe(1);
      expect(f.pivot).toBeLessThan(1e-12);
    }
    // An empty column.
    const g = luFactor(denseToCsc([[1, 0], [1, 0]]));
    expect(g).toMatchObject({ singular: true, column: 1, pivot: 0 });
    // A NaN entry is reported, not propagated.
    const h = luFactor(denseToCsc([[NaN, 1], [1, 1]]));
    expect(h.singular).toBe(true);
  });

  it('matches mathjs lusolve on random sparse matrices (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer(), fc.double({ min: 0.05, max: 0.5, noNaN: true }), (n, seed, density) => {
        const rand = rng(seed);
        const M: number[][] = [];
        for (let i = 0; i < n; i++) {
          M.push([]);
          for (let j = 0; j < n; j++) M[i].push(rand() < density ? rand() * 2 - 1 : 0);
          M[i][i] += (rand() < 0.2 ? 0 : 1) * (rand() < 0.5 ? -1 : 1) * (1 + rand() * n * 0.3); // some zero diagonals
        }
        const b = Array.from({ length: n }, () => rand() * 10 - 5);
        const f = luFactor(denseToCsc(M), { pivotThreshold: 0.1 });
        let oracle: number[];
        try {
          oracle = (lusolve(M, b) as number[][]).map((r) => r[0]);
        } catch {
          return; // mathjs says singular: nothing to compare
        }
        if (f.singular) {
          // Only acceptable if the matrix is numerically (close to) singular.
          expect(f.pivot).toBeLessThan(1e-8);
          return;
        }
        const x = luSolve(f, b);
        // Backward error: x solves the system to rounding (‖Ax − b‖ ≤ 1e-12 (‖A‖‖x‖ + ‖b‖), ∞-norms).
        const normA = Math.max(...M.map((row) => row.reduce((s, v) => s + Math.abs(v), 0)));
        const normX = Math.max(...x.map(Math.abs));
        const normB = Math.max(...b.map(Math.abs));
        for (let i = 0; i < n; i++) expect(Math.abs(M[i].reduce((s, v, j) => s + v * x[j], 0) - b[i])).toBeLessThanOrEqual(1e-12 * (normA * normX + normB));
        // Forward agreement with the oracle: two backward-stable solves differ by up to about
        // n · ε · κ(A) relative (κ = ‖A‖‖A⁻¹‖); random matrices with zero diagonals reach κ ≈ 1e7
        // (a run found 8.7e-9 at n = 39), so the bound is scaled by κ, with a floor of 1e-9; the factor 50 covers
        // the element growth that threshold pivoting at 0.1 allows on these matrices [assumed margin].
        const kappa = normA * Math.max(...(inv(M) as number[][]).map((row) => row.reduce((s, v) => s + Math.abs(v), 0)));
        const tolerance = Math.max(1e-9, 50 * n * Number.EPSILON * kappa);
        const scale = Math.max(1, ...oracle.map(Math.abs));
        for (let i = 0; i < n; i++) expect(Math.abs(x[i] - oracle[i]) / scale).toBeLessThan(tolerance);
      }),
      { numRuns: 200, examples: [[39, -29, 0.07438456336967648]] },
    );
  });
});
