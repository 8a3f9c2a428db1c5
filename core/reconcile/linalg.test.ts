import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { complement, dense, dot, nullSpace, spanBasis, svd, type Dense } from './linalg';
import { seededRng } from './rng';

function random(rows: number, cols: number, seed: number, rank = Math.min(rows, cols)): Dense {
  const rng = seededRng(seed);
  const L = Array.from({ length: rows * rank }, () => rng.normal());
  const R = Array.from({ length: rank * cols }, () => rng.normal());
  const A = dense(rows, cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) for (let k = 0; k < rank; k++) A.data[i * cols + j] += L[i * rank + k] * R[k * cols + j];
  return A;
}

describe('dense linear algebra', () => {
  it.each([
    [7, 4, 4],
    [4, 9, 4],
    [12, 30, 5],
    [30, 12, 12],
  ])('SVD of a %s × %s matrix of rank %s: agrees with ml-matrix and rebuilds A', (rows, cols, rank) => {
    const A = random(rows, cols, rows * 100 + cols, rank);
    const d = svd(A);
    expect(d.rank).toBe(rank);
    const m = new Matrix(rows, cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) m.set(i, j, A.data[i * cols + j]);
    const ref = new SingularValueDecomposition(m, { autoTranspose: true }).diagonal.sort((a, b) => b - a);
    for (let k = 0; k < rank; k++) expect(d.s[k]).toBeCloseTo(ref[k], 9);
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++) {
        let v = 0;
        for (let k = 0; k < d.rank; k++) v += d.U.data[i * d.rank + k] * d.s[k] * d.V.data[j * d.rank + k];
        expect(v).toBeCloseTo(A.data[i * cols + j], 9);
      }
  });

  it('null space of C: C·Z = 0 with identity rows on the free columns; rank of a dependent system', () => {
    // x1 − x2 − x3 = 0, x2 − x4 = 0, and their sum (dependent): rank 2, 4 − 2 = 2 free unknowns.
    const C: Dense = { rows: 3, cols: 4, data: Float64Array.from([1, -1, -1, 0, 0, 1, 0, -1, 1, 0, -1, -1]) };
    const { Z, rank, free } = nullSpace(C);
    expect(rank).toBe(2);
    expect(free).toEqual([2, 3]);
    for (let r = 0; r < 3; r++)
      for (let k = 0; k < Z.cols; k++) {
        let v = 0;
        for (let j = 0; j < 4; j++) v += C.data[r * 4 + j] * Z.data[j * Z.cols + k];
        expect(v).toBeCloseTo(0, 14);
      }
    expect([Z.data[2 * 2], Z.data[2 * 2 + 1], Z.data[3 * 2], Z.data[3 * 2 + 1]]).toEqual([1, 0, 0, 1]);
  });

  it('spans and complements', () => {
    const a = Float64Array.from([1, -1, 0]);
    const noise = Float64Array.from([1e-17, 0, -1e-17]);
    expect(spanBasis([a, noise], 3)).toHaveLength(1);
    const c = complement([a], 3);
    expect(c).toHaveLength(2);
    for (const v of c) expect(dot(v, a)).toBeCloseTo(0, 15);
  });
});
