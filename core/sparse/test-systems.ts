/**
 * Seeded generators of flowsheet-like sparse systems and small helpers, shared by
 * the unit tests and the benches. Not part of the public API (not re-exported).
 */

import { CsrBuilder, csrMultiply, type CsrMatrix } from './csr';

import { mulberry32 as rng } from '../random';

export { rng };

/** A CSR matrix from (row, column, value) triplets (duplicates summed). */
export function csrFrom(n: number, entries: Array<[number, number, number]>): CsrMatrix {
  const b = new CsrBuilder(n);
  for (const [i, j, v] of entries) b.add(i, j, v);
  return b.build();
}

/** The dense n×n array of A (duplicates summed), for the dense oracles. */
export function toDense(A: CsrMatrix): number[][] {
  const M = Array.from({ length: A.n }, () => new Array<number>(A.n).fill(0));
  for (let i = 0; i < A.n; i++) for (let p = A.rowPtr[i]; p < A.rowPtr[i + 1]; p++) M[i][A.colIdx[p]] += A.values[p];
  return M;
}

/** max_i |x_i − y_i| / max_i |y_i| (relative to the largest entry of the reference y). */
export function relDiff(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let d = 0;
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    d = Math.max(d, Math.abs(x[i] - y[i]));
    s = Math.max(s, Math.abs(y[i]));
  }
  return d / Math.max(s, 1e-300);
}

export function randomPermutation(n: number, rand: () => number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

export interface FlowsheetSystemSpec {
  /** Number of unknowns. */
  n: number;
  /** Sizes of the recycle blocks (strongly connected components); the rest are singletons. */
  blockSizes: number[];
  seed: number;
  /** Extra in-block couplings per row, beyond the chain and the loop closure. Default 3. */
  extraPerRow?: number;
  /** In-block couplings reach at most this far along the loop, except long ones. Default 30. */
  window?: number;
  /** Probability that an extra in-block coupling is long-range (another recycle stream). Default 0.01. */
  longRange?: number;
  /** Probability that an acyclic row is a many-inlet mixer (20-100 entries). Default 0.003. */
  mixerRate?: number;
  /** Scale unknowns and equations by random powers of ten in [1e-3, 1e3] (kg/h vs kmol/h). Default true. */
  scale?: boolean;
  /** Relabel unknowns/equations by a random symmetric permutation. Default true. */
  shuffle?: boolean;
}

export interface GeneratedSystem {
  A: CsrMatrix;
  b: Float64Array;
  xTrue: Float64Array;
  /** componentOfTrue[i] = which generated block unknown i belongs to (-1 for singletons). */
  blockOf: Int32Array;
}

/**
 * A flowsheet-like system: a long acyclic sequence of units (every equation
 * references a few upstream unknowns, occasionally a many-inlet mixer) in which
 * recycle loops of the requested sizes are embedded. Each loop is a chain closed
 * on itself plus local couplings (reactions, multi-component units) and a few
 * long-range recycle streams, so it is strongly connected. Within each loop the
 * rows are diagonally dominant (split fractions with purge), so the system is
 * nonsingular; random unit scaling makes the raw numbers badly scaled.
 */
export function flowsheetSystem(spec: FlowsheetSystemSpec): GeneratedSystem {
  const {
    n,
    blockSizes,
    seed,
    extraPerRow = 3,
    window = 30,
    longRange = 0.01,
    mixerRate = 0.003,
    scale = true,
    shuffle = true,
  } = spec;
  const rand = rng(seed);
  const totalBlock = blockSizes.reduce((s, m) => s + m, 0);
  if (totalBlock > n) throw new RangeError('blocks larger than n');

  // Segments in topological order: blocks interleaved with runs of singletons.
  const order = [...blockSizes];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const singles = n - totalBlock;
  const cuts: number[] = [];
  for (let k = 0; k < order.length; k++) cuts.push(Math.floor(rand() * (singles + 1)));
  cuts.sort((a, b) => a - b);

  const blockStart = new Int32Array(n).fill(-1); // internal index -> start of its block
  const blockEnd = new Int32Array(n).fill(-1);
  const blockId = new Int32Array(n).fill(-1);
  let pos = 0;
  let usedSingles = 0;
  for (let k = 0; k < order.length; k++) {
    pos += cuts[k] - usedSingles;
    usedSingles = cuts[k];
    const m = order[k];
    for (let t = pos; t < pos + m; t++) {
      blockStart[t] = pos;
      blockEnd[t] = pos + m;
      blockId[t] = k;
    }
    pos += m;
  }

  const label = shuffle ? randomPermutation(n, rand) : Int32Array.from({ length: n }, (_, i) => i);
  const colScale = new Float64Array(n);
  const rowScale = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    colScale[i] = scale ? 10 ** (6 * rand() - 3) : 1;
    rowScale[i] = scale ? 10 ** (6 * rand() - 3) : 1;
  }

  const builder = new CsrBuilder(n, Math.ceil(n * (extraPerRow + 3)));
  const cols: number[] = [];
  const vals: number[] = [];
  for (let t = 0; t < n; t++) {
    cols.length = 0;
    vals.length = 0;
    const s = blockStart[t];
    // Upstream (acyclic) references: 1-2 recent unknowns, sometimes a mixer.
    const upstreamEnd = s >= 0 ? s : t; // references strictly before the block (or before t)
    if (upstreamEnd > 0) {
      const refs = rand() < mixerRate ? 20 + Math.floor(rand() * 81) : 1 + Math.floor(rand() * 2);
      for (let r = 0; r < refs; r++) {
        const back = rand() < 0.9 ? 1 + Math.floor(rand() * Math.min(40, upstreamEnd)) : 1 + Math.floor(rand() * upstreamEnd);
        cols.push(upstreamEnd - back);
        vals.push(rand() * 2 - 1);
      }
    }
    if (s >= 0) {
      // In-block couplings: previous unit in the loop (closure for the first), local ones, long ones.
      const e = blockEnd[t];
      const m = e - s;
      const local: number[] = [t > s ? t - 1 : e - 1];
      for (let r = 0; r < extraPerRow; r++) {
        let j: number;
        if (rand() < longRange) j = s + Math.floor(rand() * m);
        else j = s + ((((t - s + Math.floor(rand() * (2 * window + 1)) - window) % m) + m) % m);
        if (j !== t) local.push(j);
      }
      const w = local.map(() => 0.05 + rand());
      const sum = w.reduce((a, v) => a + v, 0);
      const dominance = 0.5 + 0.45 * rand(); // sum |off| = dominance * |diag|
      for (let r = 0; r < local.length; r++) {
        cols.push(local[r]);
        vals.push(-(w[r] / sum) * dominance * (rand() < 0.8 ? 1 : -1));
      }
    }
    cols.push(t);
    vals.push(1);
    const I = label[t];
    for (let r = 0; r < cols.length; r++) {
      const J = label[cols[r]];
      builder.add(I, J, vals[r] * rowScale[I] * colScale[J]);
    }
  }
  const A = builder.build();
  const xTrue = new Float64Array(n);
  for (let i = 0; i < n; i++) xTrue[i] = (0.1 + rand()) / colScale[i];
  const b = csrMultiply(A, xTrue);
  const blockOf = new Int32Array(n);
  for (let t = 0; t < n; t++) blockOf[label[t]] = blockId[t];
  return { A, b, xTrue, blockOf };
}

/** `count` recycle block sizes, log-uniform in [lo, hi]. */
export function blockSizesLogUniform(seed: number, count: number, lo: number, hi: number): number[] {
  const rand = rng(seed);
  const sizes: number[] = [];
  for (let k = 0; k < count; k++) sizes.push(Math.round(lo * (hi / lo) ** rand()));
  return sizes;
}

export interface PlantSystemSpec {
  /** Number of streams (units); unknowns = streams x species. */
  streams: number;
  species: number;
  seed: number;
  /** Recycle loops as [first stream, number of streams]; they must not overlap. */
  loops: Array<[number, number]>;
  /** Fraction of units that are reactors (couple the species of a stream). Default 0.15. */
  reactorRate?: number;
  /** Species referenced by a reactor outlet besides its own. Default [2, 5]. */
  reactorCoupling?: [number, number];
  /** Probability of a local counter-current/wash recycle inlet per unit inside a loop. Default 0.4. */
  localRecycleRate?: number;
  /** Local recycles come from at most this many streams downstream. Default 6. */
  localRecycleSpan?: number;
  /** Probability of a long-range recycle inlet per unit inside a loop. Default 0.01. */
  longRecycleRate?: number;
  /** Probability that a unit is a many-inlet mixer (20-100 inlets). Default 0.002. */
  bigMixerRate?: number;
  /** Probability that a unit has a second inlet from further upstream. Default 0.2. */
  sideInletRate?: number;
  /** That side inlet comes from at most this many streams upstream. Default 20. */
  sideInletSpan?: number;
  /** Physical units: species in kmol/h (molar masses 2-250), plant in t/h. Default true. */
  scale?: boolean;
  /** Relabel unknowns/equations by a random symmetric permutation. Default true. */
  shuffle?: boolean;
}

/**
 * A plant-like mass balance: stream-by-species unknowns; each unit (one per
 * outlet stream) is fed by the previous stream and sometimes other upstream ones
 * (mixers, rarely with 20-100 inlets). Splitters/separators act per species;
 * reactors couple species. Inside each loop the first unit also takes the last
 * stream (the recycle), units take counter-current recycles from a few units
 * downstream (CCD/wash trains) and, rarely, a long recycle.
 *
 * Coefficients are physical: every off-diagonal is minus a split/transfer
 * fraction and each column's fractions sum to at most 1 (a stream is fully
 * distributed or partly purged), with a purge somewhere in every loop, so the
 * system is nonsingular (irreducibly column diagonally dominant).
 */
export function plantSystem(spec: PlantSystemSpec): GeneratedSystem {
  const {
    streams,
    species: S,
    seed,
    loops,
    reactorRate = 0.15,
    reactorCoupling = [2, 5],
    localRecycleRate = 0.4,
    localRecycleSpan = 6,
    longRecycleRate = 0.01,
    bigMixerRate = 0.002,
    sideInletRate = 0.2,
    sideInletSpan = 20,
    scale = true,
    shuffle = true,
  } = spec;
  const rand = rng(seed);
  const n = streams * S;
  const loopOf = new Int32Array(streams).fill(-1);
  loops.forEach(([a, len], l) => {
    for (let k = a; k < a + len; k++) {
      if (loopOf[k] !== -1) throw new RangeError('loops overlap');
      loopOf[k] = l;
    }
  });

  const ri: number[] = [];
  const ci: number[] = [];
  const wt: number[] = [];
  const push = (r: number, c: number, w: number): void => {
    ri.push(r);
    ci.push(c);
    wt.push(w);
  };
  for (let k = 0; k < streams; k++) {
    // Stream-level inlets of the unit producing stream k.
    const inlets: number[] = [];
    if (k > 0) inlets.push(k - 1);
    if (k > 1 && rand() < sideInletRate) inlets.push(Math.max(0, k - 2 - Math.floor(rand() * sideInletSpan)));
    if (k > 1 && rand() < bigMixerRate) {
      const m = 20 + Math.floor(rand() * 81);
      for (let t = 0; t < m; t++) inlets.push(Math.floor(rand() * k));
    }
    const l = loopOf[k];
    if (l >= 0) {
      const [a, len] = loops[l];
      if (k === a) inlets.push(a + len - 1);
      if (rand() < localRecycleRate) {
        const d = 1 + Math.floor(rand() * localRecycleSpan);
        if (k + d < a + len) inlets.push(k + d);
      }
      if (rand() < longRecycleRate) inlets.push(a + Math.floor(rand() * len));
    }
    const reactor = rand() < reactorRate;
    for (let s = 0; s < S; s++) {
      const row = k * S + s;
      push(row, row, 1);
      for (const j of inlets) {
        if (j === k) continue;
        push(row, j * S + s, 0.2 + rand());
        if (reactor && j === inlets[0]) {
          const c = reactorCoupling[0] + Math.floor(rand() * (reactorCoupling[1] - reactorCoupling[0] + 1));
          for (let t = 0; t < c; t++) {
            const s2 = Math.floor(rand() * S);
            if (s2 !== s) push(row, j * S + s2, 0.05 + 0.3 * rand());
          }
        }
      }
    }
  }

  // Column normalisation: off-diagonal fractions of column j sum to 1 - purge_j.
  const colSum = new Float64Array(n);
  for (let t = 0; t < ri.length; t++) if (ri[t] !== ci[t]) colSum[ci[t]] += wt[t];
  const purge = new Float64Array(n);
  for (let j = 0; j < n; j++) purge[j] = rand() < 0.5 ? 0 : 0.02 + 0.3 * rand();
  // Every loop purges something: the last stream of each loop loses 5-30 %.
  for (const [a, len] of loops) for (let s = 0; s < S; s++) purge[(a + len - 1) * S + s] = 0.05 + 0.25 * rand();

  const label = shuffle ? randomPermutation(n, rand) : Int32Array.from({ length: n }, (_, i) => i);
  // Units: every species in kmol/h with molar masses 2-250 kg/kmol (unknowns and
  // equations of species s both scaled by its molar mass), the whole plant in t/h.
  const molarMass = new Float64Array(S);
  for (let s = 0; s < S; s++) molarMass[s] = scale ? 2 * 125 ** rand() : 1;
  const colScale = new Float64Array(n);
  const rowScale = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    colScale[label[r]] = scale ? molarMass[r % S] / 1000 : 1;
    rowScale[label[r]] = scale ? 1 / molarMass[r % S] : 1;
  }
  const builder = new CsrBuilder(n, ri.length);
  for (let t = 0; t < ri.length; t++) {
    const r = ri[t];
    const c = ci[t];
    const v = r === c ? wt[t] : (-wt[t] / colSum[c]) * (1 - purge[c]);
    const I = label[r];
    const J = label[c];
    builder.add(I, J, v * rowScale[I] * colScale[J]);
  }
  const A = builder.build();
  const xTrue = new Float64Array(n);
  for (let i = 0; i < n; i++) xTrue[i] = (0.1 + rand()) / colScale[i];
  const b = csrMultiply(A, xTrue);
  const blockOf = new Int32Array(n);
  for (let k = 0; k < streams; k++) for (let s = 0; s < S; s++) blockOf[label[k * S + s]] = loopOf[k];
  return { A, b, xTrue, blockOf };
}
