/**
 * core/sparse against SuperLU (scipy.sparse.linalg.splu, through bench/superlu.py) on the same
 * matrices: the generated plants of bench/generate.ts, compiled and assembled by core.
 *
 *   npx tsx bench/superlu.ts                                   # 260, 1300, 5200 units
 *   npx tsx bench/superlu.ts --units 260,1300 --runs 9 --rounds 3 --species 40 --seed 1 --keep
 *   npm run bench -- --solver [the same flags]
 *
 * Each matrix is written in Matrix Market format to a temporary folder. Ours runs in this process
 * (JIT-warm: one untimed solve first), SuperLU in `python3 bench/superlu.py`; the two alternate in
 * `--rounds` rounds of `--runs` runs each, so that the load of a shared machine falls on both, and
 * the best run of every mode is compared (wall and CPU). Our modes:
 *   cold        solveSparse: analyse (the one-shot plan: small blocks dense, no symbolic LU) + factor + solve
 *   plan reused factor + solve with the plan of an earlier analyse (default options: kept for re-solves)
 *   refactor    refactor (every block, new values) + solve
 *   1 block     refactor of the largest block only + solve (a re-solve after one changed number)
 * SuperLU: splu (COLAMD, supernodal, partial pivoting) + solve; it has no reusable analysis.
 * "New values" are A with every equation multiplied by a random factor in [0.5, 2] (and b with it):
 * the same pattern and the same solution, so every mode's x is checked against the cold one.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileFlowsheet } from '../core';
import { assemble } from '../core/assemble';
import { analyse, factor, solveSparse, type CsrMatrix, type Factors, type SolvePlan, type SparseSolveResult, type SparseSolveTimings } from '../core/sparse';
import { registry } from '../unit-ops';
import { relDiff } from '../core/sparse/test-systems';
import { generatePlant, rng } from './generate';

const here = dirname(fileURLToPath(import.meta.url));

interface Sample {
  wall: number;
  cpu: number;
  phases: SparseSolveTimings;
}

const PHASES: (keyof SparseSolveTimings)[] = ['scc', 'order', 'analyse', 'load', 'factor', 'substitute', 'residual'];
const MODES = ['cold', 'plan reused', 'refactor', '1 block'] as const;
type Mode = (typeof MODES)[number];

interface Plant {
  units: number;
  trains: number;
  A: CsrMatrix;
  b: Float64Array;
  /** The same system with every equation scaled: new values, same pattern, same solution. */
  A2: CsrMatrix;
  b2: Float64Array;
  aFile: string;
  bFile: string;
}

interface SuperLuRun {
  n: number;
  nnz: number;
  luNnz: number;
  scipy: string;
  relativeResidual: number;
  factorMs: number[];
  solveMs: number[];
  factorCpuMs: number[];
  solveCpuMs: number[];
}

function flag(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
}

function buildPlant(units: number, species: number, seed: number, dir: string): Plant {
  const doc = generatePlant({ units, species, seed });
  const trains = new Set(Object.keys(doc.units).flatMap((id) => /^(t\d+)_/.exec(id)?.[1] ?? [])).size;
  const { A, b } = assemble(compileFlowsheet(doc, registry));
  const rand = rng(seed + units);
  const rowFactor = Float64Array.from({ length: A.n }, () => 2 ** (2 * rand() - 1));
  const values2 = new Float64Array(A.values.length);
  for (let i = 0; i < A.n; i++) for (let p = A.rowPtr[i]; p < A.rowPtr[i + 1]; p++) values2[p] = A.values[p] * rowFactor[i];
  const aFile = join(dir, `plant-${units}.mtx`);
  const bFile = join(dir, `plant-${units}-b.mtx`);
  writeMatrixMarket(A, aFile);
  writeFileSync(bFile, ['%%MatrixMarket matrix array real general', `${A.n} 1`, ...Array.from(b, String), ''].join('\n'));
  return { units, trains, A, b, A2: { ...A, values: values2 }, b2: b.map((v, i) => v * rowFactor[i]), aFile, bFile };
}

/** Coordinate format, 1-based, every stored entry (numbers printed exactly: shortest round trip). */
function writeMatrixMarket(A: CsrMatrix, file: string): void {
  const lines = ['%%MatrixMarket matrix coordinate real general', `${A.n} ${A.n} ${A.rowPtr[A.n]}`];
  for (let i = 0; i < A.n; i++) for (let p = A.rowPtr[i]; p < A.rowPtr[i + 1]; p++) lines.push(`${i + 1} ${A.colIdx[p] + 1} ${A.values[p]}`);
  lines.push('');
  writeFileSync(file, lines.join('\n'));
}

function timed(timings: SparseSolveTimings, run: () => SparseSolveResult): { sample: Sample; result: SparseSolveResult } {
  for (const key of Object.keys(timings) as (keyof SparseSolveTimings)[]) timings[key] = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = run();
  const wall = performance.now() - t0;
  const dc = process.cpuUsage(c0);
  return { sample: { wall, cpu: (dc.user + dc.system) / 1000, phases: { ...timings } }, result };
}

function solution(r: SparseSolveResult): Float64Array {
  if (!r.ok) throw new Error(`bench: solve failed: ${r.reason}`);
  return r.x;
}

function factorsOf(plan: SolvePlan, A: CsrMatrix, timings: SparseSolveTimings): Factors {
  const f = factor(plan, A, { timings });
  if (!f.ok) throw new Error(`bench: factor failed: ${f.reason}`);
  return f.factors;
}

/** The block with the most unknowns. */
function largestBlock(plan: SolvePlan): number {
  const size = new Int32Array(plan.blockCount);
  for (const c of plan.componentOf) size[c]++;
  let best = 0;
  for (let c = 1; c < plan.blockCount; c++) if (size[c] > size[best]) best = c;
  return best;
}

/** `runs` runs of every mode on one plant, appended to `into`; returns the largest deviation of x from the cold solve's. */
function measureOurs(plant: Plant, runs: number, into: Record<Mode, Sample[]>): number {
  const { A, b, A2, b2 } = plant;
  const timings: SparseSolveTimings = {};
  const plan = analyse(A);
  const reference = solution(factorsOf(plan, A, {}).solve(b));
  const everything = factorsOf(plan, A, timings); // refactored with every block's values
  const oneBlock = factorsOf(plan, A, timings); // refactored in its largest block only
  const big = largestBlock(plan);
  const bBig = b.slice(); // b consistent with A2's rows in the largest block and A's elsewhere
  for (const i of plan.blockUnknowns(big)) bBig[i] = b2[i];
  let worst = 0;
  for (let r = 0; r < runs; r++) {
    const changed = r % 2 === 0; // alternate so that every refactor sees new numbers
    const samples: [Mode, ReturnType<typeof timed>][] = [
      ['cold', timed(timings, () => solveSparse(A, b, { timings }))],
      ['plan reused', timed(timings, () => factorsOf(plan, A, timings).solve(b))],
      ['refactor', timed(timings, () => refactorAndSolve(everything, changed ? A2 : A, changed ? b2 : b))],
      ['1 block', timed(timings, () => refactorAndSolve(oneBlock, changed ? A2 : A, changed ? bBig : b, [big]))],
    ];
    for (const [mode, t] of samples) {
      into[mode].push(t.sample);
      worst = Math.max(worst, relDiff(solution(t.result), reference));
    }
  }
  return worst;
}

function refactorAndSolve(f: Factors, A: CsrMatrix, b: Float64Array, blocks?: number[]): SparseSolveResult {
  const r = f.refactor(A, blocks);
  return r.ok ? f.solve(b) : r;
}

function runSuperLu(plants: Plant[], runs: number, python: string): SuperLuRun[] {
  const files = plants.flatMap((p) => [p.aFile, p.bFile]);
  const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const r = spawnSync(python, [join(here, 'superlu.py'), '--runs', String(runs), ...files], { encoding: 'utf8', env, maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`bench: ${python} bench/superlu.py failed (needs numpy and scipy):\n${r.stderr || r.error}`);
  return r.stdout.trim().split('\n').map((line) => JSON.parse(line) as SuperLuRun);
}

const min = (xs: number[]) => Math.min(...xs);
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1)).padStart(8);
const ratio = (x: number) => `${x.toFixed(2)}×`.padStart(8);

function report(plant: Plant, ours: Record<Mode, Sample[]>, superlu: SuperLuRun[], worst: number): void {
  const plan = analyse(plant.A);
  const s = plan.stats;
  const luWall = superlu.flatMap((r) => r.factorMs.map((f, k) => f + r.solveMs[k]));
  const luCpu = superlu.flatMap((r) => r.factorCpuMs.map((f, k) => f + r.solveCpuMs[k]));
  const [bestWall, bestCpu] = [min(luWall), min(luCpu)];
  const first = superlu[0];
  console.log(
    `\n${plant.units} units (${plant.trains} trains): n = ${plant.A.n}, nnz = ${plant.A.rowPtr[plant.A.n]}; ` +
      `${s.blocks} blocks (${s.singletons} singletons; re-solve plan: ${s.sparseBlocks} sparse, ${s.denseBlocks} dense; largest ${s.largestBlock})`,
  );
  console.log(`  ${'best of the runs, ms'.padEnd(30)}${'wall'.padStart(8)}${'CPU'.padStart(8)}  ${'÷ SuperLU wall'.padStart(14)}${'CPU'.padStart(8)}`);
  const factorOnly = min(superlu.flatMap((r) => r.factorCpuMs));
  const solveOnly = min(superlu.flatMap((r) => r.solveCpuMs));
  console.log(`  ${`SuperLU factor + solve`.padEnd(30)}${ms(bestWall)}${ms(bestCpu)}  (CPU: factor ${factorOnly.toFixed(1)}, solve ${solveOnly.toFixed(1)}; nnz(L+U) ${first.luNnz})`);
  for (const mode of MODES) {
    const wall = min(ours[mode].map((x) => x.wall));
    const cpu = min(ours[mode].map((x) => x.cpu));
    console.log(`  ${`ours: ${mode}`.padEnd(30)}${ms(wall)}${ms(cpu)}  ${ratio(wall / bestWall).padStart(14)}${ratio(cpu / bestCpu)}`);
  }
  console.log('  where our time goes (wall ms, phases of the run with the least CPU):');
  for (const mode of MODES) {
    const best = ours[mode].reduce((a, x) => (x.cpu < a.cpu ? x : a));
    const parts = PHASES.filter((k) => (best.phases[k] ?? 0) > 0).map((k) => `${k} ${best.phases[k]!.toFixed(2)}`);
    console.log(`    ${mode.padEnd(12)} ${parts.join(', ')}`);
  }
  console.log(`  every mode's x within ${worst.toExponential(1)} of the cold solve's; SuperLU relative residual ${first.relativeResidual.toExponential(1)} (scipy ${first.scipy})`);
}

export function runSolverBench(args: string[]): void {
  const sizes = flag(args, '--units', '260,1300,5200').split(',').map(Number);
  const species = Number(flag(args, '--species', '40'));
  const seed = Number(flag(args, '--seed', '1'));
  const runs = Number(flag(args, '--runs', '7'));
  const rounds = Number(flag(args, '--rounds', '3'));
  const python = flag(args, '--python', 'python3');
  const dir = mkdtempSync(join(tmpdir(), 'flexsheet-superlu-'));
  const plants = sizes.map((units) => buildPlant(units, species, seed, dir));
  const ours = plants.map(() => Object.fromEntries(MODES.map((m) => [m, [] as Sample[]])) as Record<Mode, Sample[]>);
  const superlu: SuperLuRun[][] = plants.map(() => []);
  const worst = plants.map((p) => measureOurs(p, 1, Object.fromEntries(MODES.map((m) => [m, []])) as unknown as Record<Mode, Sample[]>)); // JIT warm-up
  for (let round = 0; round < rounds; round++) {
    plants.forEach((p, k) => (worst[k] = Math.max(worst[k], measureOurs(p, runs, ours[k]))));
    runSuperLu(plants, runs, python).forEach((r, k) => superlu[k].push(r));
    console.error(`  round ${round + 1}/${rounds} done (load average ${loadavg()[0].toFixed(1)})`);
  }
  console.log(`\ncore/sparse vs SuperLU: species ${species}, seed ${seed}, ${rounds} rounds × ${runs} runs, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  plants.forEach((p, k) => report(p, ours[k], superlu[k], worst[k]));
  if (args.includes('--keep')) console.log(`\nmatrices kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) runSolverBench(process.argv.slice(2));
