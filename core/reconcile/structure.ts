/**
 * The shape of a reconciliation problem, computed once and reused by every run, every round of
 * gross-error elimination and every fit that frees the same flows: which unknowns are free, the
 * balances over them, and a basis of their solutions.
 *
 * Free unknowns: the flows the simulation has above zero, the ones a measurement names as such,
 * and every stock change a period measures; the rest are held at zero (the plant's structure).
 * The balances C·x = 0 over the free unknowns are solved once, x = Z·z: Z0 a basis of their null
 * space (reduced row echelon form), re-based as Z = D·Q with Q an orthonormal basis of range(D⁻¹·Z0)
 * and D = diag(typical size of each unknown), so that a step of unit length moves each flow in
 * proportion to its simulated size and minimum-norm steps leave small flows small.
 */
import type { CompiledFlowsheet } from '../compile';
import { balanceRows, type Balances, type PlantBalances } from './balances';
import { dense, HouseholderQr, nullSpace, type Dense } from './linalg';
import { isFlow, streamVariable, type VariableIndex } from './variables';

export interface Structure {
  index: VariableIndex;
  balances: Balances;
  /** Free unknowns (positions in the index), and each unknown's position among them (−1: held at zero). */
  free: number[];
  reducedOf: Int32Array;
  /** n × p */
  Z: Dense;
  /** Per free unknown: the scale D it moves by. */
  scale: Float64Array;
  /** Per free unknown: 1 when it must stay ≥ 0. */
  bounded: Uint8Array;
}

/** Which unknowns are free: simulated above zero, named by a measurement, or a stock change. */
export function freeUnknowns(index: VariableIndex, xNominal: Float64Array, direct: Iterable<number>): number[] {
  let xmax = 0;
  for (const v of xNominal) xmax = Math.max(xmax, Math.abs(v));
  const isFree = new Uint8Array(index.nVars);
  for (let v = 0; v < index.nVars; v++) if (Math.abs(xNominal[v]) > 1e-12 * xmax || !isFlow(index, v)) isFree[v] = 1;
  for (const v of direct) isFree[v] = 1;
  const free: number[] = [];
  for (let v = 0; v < index.nVars; v++) if (isFree[v]) free.push(v);
  return free;
}

/** The structure for an index and a set of free unknowns (see the file's header). */
export function buildStructure(plant: CompiledFlowsheet, laws: PlantBalances, index: VariableIndex, xNominal: Float64Array, free: number[]): Structure {
  const balances = balanceRows(plant, laws, index);
  const n = free.length;
  const reducedOf = new Int32Array(index.nVars).fill(-1);
  free.forEach((v, j) => (reducedOf[v] = j));
  const Z0 = nullSpace(balanceMatrix(balances, reducedOf, n)).Z;
  const scale = typicalSizes(plant, index, xNominal, free);
  const Z = rebase(Z0, scale);
  const bounded = Uint8Array.from(free, (v) => (isFlow(index, v) ? 1 : 0));
  return { index, balances, free, reducedOf, Z, scale, bounded };
}

/** The balances over the free unknowns, dense; rows with no free unknown left out. */
function balanceMatrix(balances: Balances, reducedOf: Int32Array, n: number): Dense {
  const rows = balances.rows.filter((row) => [...row.keys()].some((v) => reducedOf[v] >= 0));
  const C = dense(rows.length, n);
  rows.forEach((row, r) => {
    for (const [v, c] of row) if (reducedOf[v] >= 0) C.data[r * n + reducedOf[v]] = c;
  });
  return C;
}

/**
 * D: each flow's simulated size (floored at 1e-6 of the largest); a stock change moves on the scale
 * of the largest simulated flow of its species through its unit.
 */
function typicalSizes(plant: CompiledFlowsheet, index: VariableIndex, xNominal: Float64Array, free: number[]): Float64Array {
  let max = 0;
  for (const v of free) max = Math.max(max, Math.abs(xNominal[v]));
  const floor = Math.max(1e-6 * max, 1e-300);
  const stockScale = new Map<number, number>();
  for (const a of index.accumulations) {
    const unit = plant.units[a.unitIndex];
    let m = 0;
    for (const s of [...unit.outlets.values(), ...[...unit.inlets.values()].flat()]) m = Math.max(m, Math.abs(xNominal[streamVariable(index, s, a.species)]));
    stockScale.set(a.variable, m);
  }
  return Float64Array.from(free, (v) => Math.max(stockScale.get(v) ?? Math.abs(xNominal[v]), floor));
}

/** Z = D·Q, Q an orthonormal basis of range(D⁻¹·Z0) (Householder QR). */
function rebase(Z0: Dense, d: Float64Array): Dense {
  const { rows: n, cols: p } = Z0;
  const a = new Float64Array(n * p);
  for (let j = 0; j < n; j++) for (let k = 0; k < p; k++) a[k * n + j] = Z0.data[j * p + k] / d[j];
  const qr = new HouseholderQr(n, p, a);
  let largest = 0;
  for (let k = 0; k < p; k++) {
    qr.reflectColumn(k);
    largest = Math.max(largest, Math.abs(qr.rdiag[k]));
  }
  if (qr.rdiag.some((r) => !(Math.abs(r) > 1e-12 * largest))) throw new Error("reconcile: the balances' null space lost rank when scaled");
  const Q = qr.thinQ(p);
  for (let j = 0; j < n; j++) for (let k = 0; k < p; k++) Q.data[j * p + k] *= d[j];
  return Q;
}

/** Coordinates z of the point of range(Z) nearest, in the scaled norm, to x (free unknowns). */
export function coordinatesOf(s: Structure, x: Float64Array): Float64Array {
  const { Z, scale } = s;
  const { rows: n, cols: p } = Z;
  // Z = D·Q with Q orthonormal: z = Qᵀ·D⁻¹·x, Q_jk = Z_jk / d_j.
  const z = new Float64Array(p);
  for (let j = 0; j < n; j++) {
    const w = x[j] / (scale[j] * scale[j]);
    if (w === 0) continue;
    const o = j * p;
    for (let k = 0; k < p; k++) z[k] += Z.data[o + k] * w;
  }
  return z;
}
