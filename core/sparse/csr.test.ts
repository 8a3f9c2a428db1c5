import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsrBuilder, csrMultiply, csrToCsc, validateCsr } from './index';

describe('CsrBuilder', () => {
  it('sums duplicates and sorts columns within rows', () => {
    const b = new CsrBuilder(3);
    b.add(2, 1, 1);
    b.add(0, 2, 5);
    b.add(0, 0, 1);
    b.add(2, 1, 2.5); // duplicate of (2,1)
    b.add(0, 2, -1); // duplicate of (0,2)
    b.add(1, 1, 7);
    const A = b.build();
    expect(A.n).toBe(3);
    expect([...A.rowPtr]).toEqual([0, 2, 3, 4]);
    expect([...A.colIdx]).toEqual([0, 2, 1, 1]);
    expect([...A.values]).toEqual([1, 4, 7, 3.5]);
    validateCsr(A);
  });

  it('keeps entries whose duplicates sum to zero (structural diagonal)', () => {
    const b = new CsrBuilder(2);
    b.add(0, 0, 1);
    b.add(0, 0, -1);
    b.add(1, 1, 2);
    const A = b.build();
    expect([...A.colIdx]).toEqual([0, 1]);
    expect([...A.values]).toEqual([0, 2]);
  });

  it('handles empty rows and an empty matrix', () => {
    const b = new CsrBuilder(4);
    b.add(3, 0, 1);
    const A = b.build();
    expect([...A.rowPtr]).toEqual([0, 0, 0, 0, 1]);
    const E = new CsrBuilder(0).build();
    expect(E.n).toBe(0);
    expect([...E.rowPtr]).toEqual([0]);
  });

  it('rejects out-of-range or fractional indices', () => {
    const b = new CsrBuilder(3);
    expect(() => b.add(3, 0, 1)).toThrow(RangeError);
    expect(() => b.add(0, -1, 1)).toThrow(RangeError);
    expect(() => b.add(0.5, 0, 1)).toThrow(RangeError);
    expect(() => new CsrBuilder(-1)).toThrow(RangeError);
  });

  it('grows past its initial capacity', () => {
    const b = new CsrBuilder(100, 1);
    for (let k = 0; k < 10_000; k++) b.add(k % 100, (k * 7) % 100, 1);
    expect(b.size).toBe(10_000);
    const A = b.build();
    // (k mod 100, 7k mod 100) takes each of 100 distinct pairs 100 times.
    expect(A.rowPtr[100]).toBe(100);
    for (let p = 0; p < 100; p++) expect(A.values[p]).toBe(100);
  });

  it('matches a dictionary-of-keys reference on random triplets', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({ min: -5, max: 5 })), { maxLength: 200 }),
          ),
        ),
        ([n, triplets]) => {
          const b = new CsrBuilder(n);
          const ref = new Map<number, number>();
          for (const [i, j, v] of triplets) {
            b.add(i, j, v);
            ref.set(i * n + j, (ref.get(i * n + j) ?? 0) + v);
          }
          const A = b.build();
          validateCsr(A);
          expect(A.rowPtr[n]).toBe(ref.size);
          for (let i = 0; i < n; i++) {
            for (let p = A.rowPtr[i]; p < A.rowPtr[i + 1]; p++) {
              if (p > A.rowPtr[i]) expect(A.colIdx[p]).toBeGreaterThan(A.colIdx[p - 1]);
              expect(A.values[p]).toBe(ref.get(i * n + A.colIdx[p]));
            }
          }
        },
      ),
    );
  });

  it('builds 1.5 M adds into a 300k matrix', () => {
    const n = 300_000;
    const b = new CsrBuilder(n);
    for (let i = 0; i < n; i++) {
      b.add(i, i, 1);
      b.add(i, (i * 31 + 7) % n, 0.5);
      b.add(i, (i * 17 + 3) % n, 0.25);
      b.add(i, (i + 1) % n, 0.125);
      b.add(i, i, 1); // duplicate diagonal
    }
    const A = b.build();
    validateCsr(A);
    const x = new Float64Array(n).fill(1);
    const y = csrMultiply(A, x);
    for (let i = 0; i < n; i += 9973) expect(y[i]).toBeCloseTo(2.875, 12);
  });
});

describe('csrToCsc', () => {
  it('transposes the storage', () => {
    const b = new CsrBuilder(3);
    b.add(0, 1, 2);
    b.add(2, 1, 3);
    b.add(1, 0, 4);
    b.add(2, 2, 5);
    const C = csrToCsc(b.build());
    expect([...C.colPtr]).toEqual([0, 1, 3, 4]);
    expect([...C.rowIdx]).toEqual([1, 0, 2, 2]);
    expect([...C.values]).toEqual([4, 2, 3, 5]);
  });
});

describe('validateCsr', () => {
  it('rejects malformed structures', () => {
    const ok = { n: 2, rowPtr: Int32Array.of(0, 1, 2), colIdx: Int32Array.of(0, 1), values: Float64Array.of(1, 1) };
    expect(() => validateCsr(ok)).not.toThrow();
    expect(() => validateCsr({ ...ok, rowPtr: Int32Array.of(0, 2, 1) })).toThrow(RangeError);
    expect(() => validateCsr({ ...ok, colIdx: Int32Array.of(0, 2) })).toThrow(RangeError);
    expect(() => validateCsr({ ...ok, rowPtr: Int32Array.of(0, 1) })).toThrow(RangeError);
  });
});
