/**
 * Ruiz equilibration of one block, with powers of two (exact, no rounding): repeatedly divides
 * every row and column by the square root of its largest magnitude until all are within a factor 2
 * of 1. The LU then factorises R B S, so that pivot choices and the singularity tolerance do not
 * depend on the units (kg/h vs kmol/h) of the equations and unknowns.
 *
 * Both forms multiply the factors into the scale arrays of the block's positions (the caller sets
 * them to 1 first) and take a scratch array of at least m doubles. The dense form also scales the
 * block in place; the column form leaves the values alone (the kernels scale them as they read).
 */

import type { BlockColumns } from './lu-store';

const MAX_SWEEPS = 20;

/**
 * About 1/sqrt(a) as a power of two: 2^-floor(E/2) where 2^E <= a < 2^(E+1); 1 when a is already
 * within [0.5, 4) (the usual case after one sweep), or is 0 or not finite.
 */
function powerOfTwoInvSqrt(a: number): number {
  if (a >= 0.5 && a < 4) return 1;
  if (!(a > 0) || a === Infinity) return 1;
  const e = Math.floor(Math.floor(Math.log2(a)) / 2);
  return e === 0 ? 1 : 2 ** -e;
}

/**
 * A sparse block given by columns (see BlockColumns: the values are scaled on the fly, never
 * written), at positions base … base + m − 1: multiplies the block's factors into view.rowScale and
 * view.colScale. Each sweep takes the row and column maxima of the scaled block in one pass and
 * divides rows and columns by their square roots together (Ruiz's simultaneous update).
 */
export function equilibrateColumns(A: BlockColumns, base: number, m: number, rmax: Float64Array): void {
  const { start, end, index, values, rowScale, colScale } = A;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    rmax.fill(0, 0, m);
    let changed = false;
    for (let j = 0; j < m; j++) {
      const c = base + j;
      const cs = colScale[c];
      let cmax = 0;
      for (let p = start[c], e = end[c]; p < e; p++) {
        const r = index[p];
        const a = Math.abs(values[p]) * cs * rowScale[r];
        if (a > cmax) cmax = a;
        if (a > rmax[r - base]) rmax[r - base] = a;
      }
      const cf = powerOfTwoInvSqrt(cmax);
      if (cf !== 1) {
        changed = true;
        colScale[c] = cs * cf;
      }
    }
    for (let i = 0; i < m; i++) {
      const rf = powerOfTwoInvSqrt(rmax[i]);
      if (rf !== 1) {
        changed = true;
        rowScale[base + i] *= rf;
      }
    }
    if (!changed) break;
  }
}

/** A dense m×m block stored row-major at a[o …]. */
export function equilibrateDense(
  a: Float64Array,
  o: number,
  m: number,
  rowScale: Float64Array,
  colScale: Float64Array,
  base: number,
  cmax: Float64Array,
): void {
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let changed = false;
    // Rows first: one pass per row, and the column maxima of the row-scaled block on the way.
    cmax.fill(0, 0, m);
    for (let i = 0; i < m; i++) {
      const r = o + i * m;
      let rm = 0;
      for (let j = 0; j < m; j++) {
        const v = Math.abs(a[r + j]);
        if (v > rm) rm = v;
      }
      const rf = powerOfTwoInvSqrt(rm);
      if (rf !== 1) {
        changed = true;
        rowScale[base + i] *= rf;
        for (let j = 0; j < m; j++) a[r + j] *= rf;
      }
      for (let j = 0; j < m; j++) {
        const v = Math.abs(a[r + j]);
        if (v > cmax[j]) cmax[j] = v;
      }
    }
    let colChanged = false;
    for (let j = 0; j < m; j++) {
      const cf = powerOfTwoInvSqrt(cmax[j]);
      cmax[j] = cf;
      if (cf !== 1) {
        colChanged = true;
        colScale[base + j] *= cf;
      }
    }
    if (colChanged) {
      changed = true;
      for (let i = 0; i < m; i++) {
        const r = o + i * m;
        for (let j = 0; j < m; j++) a[r + j] *= cmax[j];
      }
    }
    if (!changed) break;
  }
}

