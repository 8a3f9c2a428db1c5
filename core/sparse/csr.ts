/**
 * Compressed sparse row storage and an accumulating builder.
 *
 * Pure TypeScript on typed arrays: no DOM and no Node APIs, so this module also
 * runs inside a Web Worker.
 */

/** A square sparse matrix in compressed sparse row form. */
export interface CsrMatrix {
  /** Number of rows (= number of columns). */
  n: number;
  /** Length n + 1; the entries of row i are at positions rowPtr[i] .. rowPtr[i+1]-1. */
  rowPtr: Int32Array;
  /** Column index of each stored entry. */
  colIdx: Int32Array;
  /** Value of each stored entry. */
  values: Float64Array;
}

/** A square sparse matrix in compressed sparse column form (used for the LU of one block). */
export interface CscMatrix {
  /** Number of rows (= number of columns). */
  n: number;
  /** Length n + 1; the entries of column j are at positions colPtr[j] .. colPtr[j+1]-1. */
  colPtr: Int32Array;
  /** Row index of each stored entry. */
  rowIdx: Int32Array;
  /** Value of each stored entry. */
  values: Float64Array;
}

const MIN_CAPACITY = 16;

/**
 * Accumulates (row, col, value) triplets and produces a {@link CsrMatrix}.
 *
 * Duplicated (row, col) pairs are SUMMED. Within each row of the result the
 * columns are strictly increasing. Entries whose sum is exactly zero are kept
 * (they are structural: the assembler's diagonal pairing relies on them).
 *
 * build() is linear in the number of adds: two stable counting sorts (by column,
 * then by row) followed by one merging pass.
 */
export class CsrBuilder {
  readonly n: number;
  private rows: Int32Array;
  private cols: Int32Array;
  private vals: Float64Array;
  private count = 0;

  /**
   * @param n number of rows and columns of the square matrix
   * @param capacity expected number of add() calls (the buffers grow as needed)
   */
  constructor(n: number, capacity = 0) {
    if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff) {
      throw new RangeError(`CsrBuilder: invalid dimension ${n}`);
    }
    this.n = n;
    const cap = Math.max(MIN_CAPACITY, Math.floor(capacity) || 0);
    this.rows = new Int32Array(cap);
    this.cols = new Int32Array(cap);
    this.vals = new Float64Array(cap);
  }

  /** Number of add() calls since construction or the last clear(). */
  get size(): number {
    return this.count;
  }

  /** Adds value to entry (row, col); repeated adds to the same entry are summed. */
  add(row: number, col: number, value: number): void {
    // `>>> 0` maps negatives and non-integers-as-huge to out of range cheaply;
    // the explicit integer check rejects fractional indices.
    if (row >>> 0 !== row || row >= this.n || col >>> 0 !== col || col >= this.n) {
      throw new RangeError(`CsrBuilder.add: entry (${row}, ${col}) outside a ${this.n}x${this.n} matrix`);
    }
    const k = this.count;
    if (k === this.rows.length) this.grow();
    this.rows[k] = row;
    this.cols[k] = col;
    this.vals[k] = value;
    this.count = k + 1;
  }

  /** Forgets all entries (keeps the allocated buffers). */
  clear(): void {
    this.count = 0;
  }

  private grow(): void {
    const cap = this.rows.length * 2;
    const rows = new Int32Array(cap);
    rows.set(this.rows);
    const cols = new Int32Array(cap);
    cols.set(this.cols);
    const vals = new Float64Array(cap);
    vals.set(this.vals);
    this.rows = rows;
    this.cols = cols;
    this.vals = vals;
  }

  /** Builds the CSR matrix (the builder stays usable; further adds extend the same set). */
  build(): CsrMatrix {
    const n = this.n;
    const m = this.count;
    const rows = this.rows;
    const cols = this.cols;
    const vals = this.vals;

    // Pass 1: stable counting sort of the triplet indices by column.
    const cnt = new Int32Array(n + 1);
    for (let k = 0; k < m; k++) cnt[cols[k] + 1]++;
    for (let j = 0; j < n; j++) cnt[j + 1] += cnt[j];
    const byCol = new Int32Array(m);
    for (let k = 0; k < m; k++) byCol[cnt[cols[k]]++] = k;

    // Pass 2: stable counting sort by row of the column-sorted sequence, so that
    // within a row the entries come out with non-decreasing columns.
    cnt.fill(0);
    for (let k = 0; k < m; k++) cnt[rows[k] + 1]++;
    for (let i = 0; i < n; i++) cnt[i + 1] += cnt[i];
    const sorted = new Int32Array(m);
    for (let t = 0; t < m; t++) {
      const k = byCol[t];
      sorted[cnt[rows[k]]++] = k;
    }
    // cnt[i] is now the end of row i in `sorted` (= start of row i + 1).

    // Pass 3: merge duplicates, writing the compressed arrays.
    const rowPtr = new Int32Array(n + 1);
    const colTmp = new Int32Array(m);
    const valTmp = new Float64Array(m);
    let nnz = 0;
    let t = 0;
    for (let i = 0; i < n; i++) {
      const end = cnt[i];
      let last = -1;
      for (; t < end; t++) {
        const k = sorted[t];
        const c = cols[k];
        if (c === last) {
          valTmp[nnz - 1] += vals[k];
        } else {
          colTmp[nnz] = c;
          valTmp[nnz] = vals[k];
          nnz++;
          last = c;
        }
      }
      rowPtr[i + 1] = nnz;
    }
    return {
      n,
      rowPtr,
      colIdx: nnz === m ? colTmp : colTmp.slice(0, nnz),
      values: nnz === m ? valTmp : valTmp.slice(0, nnz),
    };
  }
}

/**
 * Checks the structural consistency of a CSR matrix (pointer monotonicity and
 * column range). Throws a RangeError describing the first problem.
 */
export function validateCsr(A: CsrMatrix): void {
  const { n, rowPtr, colIdx, values } = A;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`CSR: invalid dimension ${n}`);
  if (rowPtr.length !== n + 1) throw new RangeError(`CSR: rowPtr has length ${rowPtr.length}, expected ${n + 1}`);
  if (rowPtr[0] !== 0) throw new RangeError('CSR: rowPtr[0] must be 0');
  const nnz = rowPtr[n];
  if (colIdx.length < nnz || values.length < nnz) {
    throw new RangeError(`CSR: colIdx/values shorter than rowPtr[n] = ${nnz}`);
  }
  for (let i = 0; i < n; i++) {
    if (rowPtr[i + 1] < rowPtr[i]) throw new RangeError(`CSR: rowPtr decreases at row ${i}`);
  }
  for (let p = 0; p < nnz; p++) {
    const j = colIdx[p];
    if (j < 0 || j >= n) throw new RangeError(`CSR: column index ${j} out of range at position ${p}`);
  }
}

/** Converts CSR to CSC (the transpose's CSR). Row indices within a column come out increasing. */
export function csrToCsc(A: CsrMatrix): CscMatrix {
  const { n, rowPtr, colIdx, values } = A;
  const nnz = rowPtr[n];
  const colPtr = new Int32Array(n + 1);
  for (let p = 0; p < nnz; p++) colPtr[colIdx[p] + 1]++;
  for (let j = 0; j < n; j++) colPtr[j + 1] += colPtr[j];
  const next = colPtr.slice(0, n);
  const rowIdx = new Int32Array(nnz);
  const vals = new Float64Array(nnz);
  for (let i = 0; i < n; i++) {
    for (let p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) {
      const q = next[colIdx[p]]++;
      rowIdx[q] = i;
      vals[q] = values[p];
    }
  }
  return { n, colPtr, rowIdx, values: vals };
}

/** Computes y = A x. */
export function csrMultiply(A: CsrMatrix, x: ArrayLike<number>, y = new Float64Array(A.n)): Float64Array {
  const { n, rowPtr, colIdx, values } = A;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) s += values[p] * x[colIdx[p]];
    y[i] = s;
  }
  return y;
}

/** True when A has dimension n and exactly the given rowPtr and colIdx (entry by entry). */
export function sameCsrPattern(A: CsrMatrix, n: number, rowPtr: Int32Array, colIdx: Int32Array): boolean {
  if (A.n !== n || A.rowPtr.length < n + 1 || A.rowPtr[n] !== rowPtr[n]) return false;
  if (A.rowPtr !== rowPtr) {
    for (let i = 0; i <= n; i++) if (A.rowPtr[i] !== rowPtr[i]) return false;
  }
  if (A.colIdx !== colIdx) {
    const nnz = rowPtr[n];
    if (A.colIdx.length < nnz) return false;
    for (let p = 0; p < nnz; p++) if (A.colIdx[p] !== colIdx[p]) return false;
  }
  return true;
}
