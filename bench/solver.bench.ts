/**
 * Timing of the sparse direct solver (core/sparse). Plain script:
 *
 *   npx tsx bench/solver.bench.ts            # all cases
 *   npx tsx bench/solver.bench.ts 10k 100k   # a subset (builder, 10k, 100k, 300k, stress)
 *   npx tsx bench/solver.bench.ts 100k --runs 30
 *
 * Every case is generated with a fixed seed (core/sparse/test-systems.ts) and
 * solved several times in the same process. We print the first run (cold: V8
 * has not optimised the solver yet, which is what the first solve in a fresh
 * Web Worker sees), the median and minimum of the warm runs (wall clock) and
 * the process CPU time (less sensitive to other processes on a shared machine),
 * the per-phase medians of the warm runs, the block statistics, the relative
 * residual and the error against the known solution, and the peak RSS. Then the
 * re-solve modes: factor + solve with the plan reused, and refactor + solve.
 * (bench/superlu.ts compares the same modes with SuperLU on the generated plants.)
 */

import { analyse, CsrBuilder, factor, solveSparse, type CsrMatrix, type SparseSolveResult, type SparseSolveTimings } from '../core/sparse/index';
import { flowsheetSystem, plantSystem, rng, type GeneratedSystem } from '../core/sparse/test-systems';

interface Case {
  name: string;
  make: () => GeneratedSystem;
  runs: number;
}

/** Non-overlapping recycle loops (in streams) with log-uniform lengths in [lo, hi]. */
function loopsFor(streams: number, count: number, lo: number, hi: number, seed: number): Array<[number, number]> {
  const rand = rng(seed);
  const lengths: number[] = [];
  for (let k = 0; k < count; k++) lengths.push(Math.round(lo * (hi / lo) ** rand()));
  const total = lengths.reduce((s, l) => s + l, 0);
  if (total > streams) throw new RangeError('loops do not fit');
  // Spread the loops over the plant with random gaps of acyclic units.
  const gaps: number[] = [];
  for (let k = 0; k < count; k++) gaps.push(rand());
  const gapScale = (streams - total) / gaps.reduce((s, g) => s + g, 0) / 1.0001;
  const loops: Array<[number, number]> = [];
  let at = 0;
  for (let k = 0; k < count; k++) {
    at += Math.floor(gaps[k] * gapScale);
    loops.push([at, lengths[k]]);
    at += lengths[k];
  }
  return loops;
}

const cases: Record<string, Case> = {
  '10k': {
    name: '10k single recycle block (1000 streams x 10 species, one strongly connected component)',
    make: () =>
      plantSystem({
        streams: 1000,
        species: 10,
        seed: 11,
        loops: [[0, 1000]],
        reactorRate: 0.4,
        reactorCoupling: [5, 9],
        localRecycleRate: 0.6,
        sideInletRate: 0.3,
      }),
    runs: 10,
  },
  '100k': {
    name: '100k flowsheet-like (10000 streams x 10 species, 150 recycle loops of 5-120 streams)',
    make: () => plantSystem({ streams: 10000, species: 10, seed: 12, loops: loopsFor(10000, 150, 5, 120, 13) }),
    runs: 10,
  },
  '300k': {
    name: '300k flowsheet-like (15000 streams x 20 species, 300 loops of 5-100 streams + one of 1500)',
    make: () => {
      const loops = loopsFor(13000, 300, 5, 100, 14);
      loops.push([13200, 1500]);
      return plantSystem({ streams: 15000, species: 20, seed: 15, loops });
    },
    runs: 5,
  },
  stress: {
    name: 'stress: 10k block, random couplings within +-30, 1% long-range, random row AND column scaling 1e+-3',
    make: () => flowsheetSystem({ n: 10000, blockSizes: [10000], seed: 16, window: 30, longRange: 0.01 }),
    runs: 5,
  },
};

function maxRelError(x: Float64Array, xTrue: Float64Array): number {
  let e = 0;
  for (let i = 0; i < x.length; i++) e = Math.max(e, Math.abs(x[i] - xTrue[i]) / Math.abs(xTrue[i]));
  return e;
}

function nnz(A: CsrMatrix): number {
  return A.rowPtr[A.n];
}

/** CsrBuilder: 1.5 M adds (300k rows x 5, one duplicate per row) and build(). */
function builderBench(): string {
  const n = 300_000;
  const times: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    const b = new CsrBuilder(n);
    for (let i = 0; i < n; i++) {
      b.add(i, i, 1);
      b.add(i, (i * 31 + 7) % n, -0.5);
      b.add(i, (i * 17 + 3) % n, -0.25);
      b.add(i, i > 0 ? i - 1 : n - 1, -0.125);
      b.add(i, i, 0.5);
    }
    b.build();
    times.push(performance.now() - t0);
  }
  return `CsrBuilder: 1.5 M add() + build() into a 300k matrix: ${times.map((t) => t.toFixed(0)).join(' / ')} ms (3 runs)`;
}

const args = process.argv.slice(2);
const runsFlag = args.indexOf('--runs');
const runsOverride = runsFlag >= 0 ? Number(args[runsFlag + 1]) : undefined;
const wanted = runsFlag >= 0 ? args.filter((_, i) => i !== runsFlag && i !== runsFlag + 1) : args;
console.log(`node ${process.version}, load average ${(globalThis as { process: NodeJS.Process }).process && (await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const selected = wanted.length > 0 ? wanted : ['10k', '100k', '300k', 'stress'];
let peakRss = process.memoryUsage().rss;

if (wanted.length === 0 || wanted.includes('builder')) console.log(builderBench());

for (const key of selected.filter((k) => k !== 'builder')) {
  const c = cases[key];
  if (!c) throw new Error(`unknown case ${key}; known: ${Object.keys(cases).join(', ')}`);
  const tg = performance.now();
  const sys = c.make();
  const genMs = performance.now() - tg;
  const times: number[] = [];
  const cpu: number[] = [];
  const phaseRuns: SparseSolveTimings[] = [];
  let result: SparseSolveResult | undefined;
  const runs = runsOverride ?? c.runs;
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const phases: SparseSolveTimings = {};
    result = solveSparse(sys.A, sys.b, { timings: phases });
    times.push(performance.now() - t0);
    phaseRuns.push(phases);
    const dc = process.cpuUsage(c0);
    cpu.push((dc.user + dc.system) / 1000);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const warm = times.slice(1).sort((a, b) => a - b);
  const median = warm[Math.floor(warm.length / 2)];
  const warmCpu = cpu.slice(1).sort((a, b) => a - b);
  console.log(`\n${c.name}`);
  console.log(`  n = ${sys.A.n}, nnz = ${nnz(sys.A)} (${(nnz(sys.A) / sys.A.n).toFixed(2)}/row, max row ${maxRow(sys.A)}), generated + assembled in ${genMs.toFixed(0)} ms`);
  if (!result || !result.ok) {
    console.log(`  FAILED: ${result && !result.ok ? result.reason : 'no result'}`);
    continue;
  }
  const s = result.stats;
  console.log(
    `  solve wall: cold ${times[0].toFixed(1)} ms, warm median ${median.toFixed(1)} ms, min ${warm[0].toFixed(1)} ms (${runs} runs); ` +
      `process CPU: cold ${cpu[0].toFixed(0)} ms, warm median ${warmCpu[Math.floor(warmCpu.length / 2)].toFixed(0)} ms`,
  );
  console.log(
    `  components ${s.blocks} (singletons ${s.singletons}, factorised ${s.blocks - s.singletons}, largest ${s.largestBlock}), ` +
      `LU nonzeros ${s.factorNonzeros}`,
  );
  console.log(
    `  phases, median of the warm runs: ` +
      (Object.keys(phaseRuns[0]) as Array<keyof SparseSolveTimings>)
        .map((k) => {
          const v = phaseRuns
            .slice(1)
            .map((t) => t[k] ?? 0)
            .sort((a, b) => a - b);
          return `${k} ${v[Math.floor(v.length / 2)].toFixed(1)}`;
        })
        .join(', ') +
      ' ms',
  );
  console.log(
    `  relative residual ${result.relativeResidual.toExponential(2)}, max relative error vs known x ${maxRelError(result.x, sys.xTrue).toExponential(2)}`,
  );
  console.log(`  ${resolveTimes(sys, runs)}`);
}
console.log(`\npeak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`);

/** Median wall times of the re-solve modes: factor + solve with a reused plan, refactor + solve. */
function resolveTimes(sys: GeneratedSystem, runs: number): string {
  const plan = analyse(sys.A);
  const first = factor(plan, sys.A);
  if (!first.ok) return `factor failed: ${first.reason}`;
  const reused: number[] = [];
  const refactored: number[] = [];
  for (let r = 0; r < runs; r++) {
    let t0 = performance.now();
    const f = factor(plan, sys.A);
    if (f.ok) f.factors.solve(sys.b);
    reused.push(performance.now() - t0);
    t0 = performance.now();
    first.factors.refactor(sys.A);
    first.factors.solve(sys.b);
    refactored.push(performance.now() - t0);
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)].toFixed(1);
  return `re-solve, median of ${runs}: factor + solve with the plan reused ${med(reused)} ms, refactor + solve ${med(refactored)} ms`;
}

function maxRow(A: CsrMatrix): number {
  let m = 0;
  for (let i = 0; i < A.n; i++) m = Math.max(m, A.rowPtr[i + 1] - A.rowPtr[i]);
  return m;
}
