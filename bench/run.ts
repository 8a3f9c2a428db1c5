/**
 * `npm run bench`: generated plants of 10 … 5,000 units, each read, checked, assembled, solved and
 * tabulated in a fresh child process (so the timings are cold, as for the command line, and the
 * peak RSS is that size's alone), then one whole `bin/flexsheet solve FILE --json > /dev/null`.
 *
 *   npm run bench
 *   npm run bench -- --sizes 10,100 --runs 3 --seed 7 --species 40 --keep
 *
 * --runs N   runs every size N times (fresh process each) and reports the run with the lowest total:
 *            on a shared machine the others' load only ever adds time
 * --species  species for every size (default: 20 for 10 units, 30 for 100, 40 from 500 on)
 * --keep     leaves the generated files in the temporary folder and prints where
 * --solver   instead: the linear solve alone, core/sparse against SciPy's SuperLU (bench/superlu.ts)
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileFlowsheet, parseJsonText, solvePlant, tabulate } from '../core';
import { registry } from '../unit-ops';
import { solveJson } from '../cli/solve-report';
import { generatePlant } from './generate';
import { runResolveBench } from './resolve';
import { runSolverBench } from './superlu';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);

interface Measure {
  units: number;
  streams: number;
  species: number;
  unknowns: number;
  nonzeros: number;
  blocks: number;
  largestBlock: number;
  fileMB: number;
  parseMs: number;
  compileMs: number;
  assembleMs: number;
  solveMs: number;
  sparseMs: number;
  tabulateMs: number;
  totalMs: number;
  jsonOutMs: number;
  jsonOutMB: number;
  cpuMs: number;
  peakRssMB: number;
  relativeResidual: number;
  elementClosure: number;
}

/** The child: one cold pass over one file, printed as one JSON line. */
function child(file: string): void {
  const text = readFileSync(file, 'utf8');
  const now = () => performance.now();
  let t = now();
  const doc = parseJsonText(text);
  const parseMs = now() - t;
  t = now();
  const plant = compileFlowsheet(doc, registry);
  const compileMs = now() - t;
  t = now();
  const solution = solvePlant(plant);
  const solvePlantMs = now() - t;
  t = now();
  const results = tabulate(solution);
  const tabulateMs = now() - t;
  t = now();
  const out = JSON.stringify(solveJson(results));
  const jsonOutMs = now() - t;
  let closure = 0;
  for (const { in: fed, out: left } of Object.values(results.elements)) closure = Math.max(closure, Math.abs(left - fed) / fed);
  const s = solution.stats;
  const m: Measure = {
    units: plant.units.length,
    streams: plant.streams.length,
    species: plant.species.list.length,
    unknowns: s.unknowns,
    nonzeros: s.nonzeros,
    blocks: s.blocks,
    largestBlock: s.largestBlock,
    fileMB: text.length / 1e6,
    parseMs,
    compileMs,
    assembleMs: s.assembleMs,
    solveMs: solvePlantMs - s.assembleMs,
    sparseMs: s.solveMs,
    tabulateMs,
    totalMs: parseMs + compileMs + solvePlantMs + tabulateMs,
    jsonOutMs,
    jsonOutMB: out.length / 1e6,
    cpuMs: (process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime) / 1000,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    relativeResidual: s.relativeResidual,
    elementClosure: closure,
  };
  process.stdout.write(JSON.stringify(m) + '\n');
}

function runChild(file: string): Measure {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', file], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`bench child failed on ${file}:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function main(args: string[]): void {
  const sizes = (flag(args, '--sizes') ?? '10,100,500,1000,2000,5000').split(',').map(Number);
  const runs = Number(flag(args, '--runs') ?? 1);
  const seed = Number(flag(args, '--seed') ?? 1);
  const speciesFlag = flag(args, '--species');
  const speciesFor = (units: number) => (speciesFlag ? Number(speciesFlag) : units <= 10 ? 20 : units <= 100 ? 30 : 40);
  const keep = args.includes('--keep');
  const dir = mkdtempSync(join(tmpdir(), 'flexsheet-bench-'));

  const columns: Measure[] = [];
  const files: string[] = [];
  for (const units of sizes) {
    const file = join(dir, `plant-${units}.json`);
    writeFileSync(file, JSON.stringify(generatePlant({ units, species: speciesFor(units), seed }), null, 1));
    files.push(file);
    const samples = Array.from({ length: runs }, () => runChild(file));
    const m = samples.reduce((best, x) => (x.totalMs < best.totalMs ? x : best));
    columns.push(m);
    process.stderr.write(`  ${units} units: ${m.totalMs.toFixed(0)} ms (load average ${loadavg()[0].toFixed(1)})\n`);
  }

  const rows: [string, (m: Measure) => string][] = [
    ['units', (m) => String(m.units)],
    ['streams', (m) => String(m.streams)],
    ['species', (m) => String(m.species)],
    ['unknowns', (m) => String(m.unknowns)],
    ['nonzeros', (m) => String(m.nonzeros)],
    ['blocks (SCC)', (m) => String(m.blocks)],
    ['largest block', (m) => String(m.largestBlock)],
    ['file MB', (m) => m.fileMB.toFixed(2)],
    ['JSON parse ms', (m) => m.parseMs.toFixed(1)],
    ['compile/validate ms', (m) => m.compileMs.toFixed(1)],
    ['assembly ms', (m) => m.assembleMs.toFixed(1)],
    ['solve ms', (m) => m.solveMs.toFixed(1)],
    ['  of which sparse LU ms', (m) => m.sparseMs.toFixed(1)],
    ['tabulate ms', (m) => m.tabulateMs.toFixed(1)],
    ['total ms', (m) => m.totalMs.toFixed(1)],
    ['(--json output ms)', (m) => m.jsonOutMs.toFixed(1)],
    ['(--json output MB)', (m) => m.jsonOutMB.toFixed(2)],
    ['process CPU ms (all, incl. startup)', (m) => m.cpuMs.toFixed(0)],
    ['peak RSS MB', (m) => m.peakRssMB.toFixed(0)],
    ['relative residual', (m) => m.relativeResidual.toExponential(1)],
    ['element closure', (m) => m.elementClosure.toExponential(1)],
  ];
  const cells = rows.map(([name, f]) => [name, ...columns.map(f)]);
  const widths = cells[0].map((_, c) => Math.max(...cells.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((x, c) => (c === 0 ? x.padEnd(widths[c]) : x.padStart(widths[c]))).join('  ');
  console.log(`\nFlexsheet bench: seed ${seed}, ${runs === 1 ? 'one cold run' : `best of ${runs} cold runs`} per size, each in a fresh process (node ${process.version})\n`);
  console.log(line(cells[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells.slice(1)) console.log(line(r));
  console.log('\nelement closure = max over elements of |out − in| / in (feeds + reagents in, products out)');
  console.log('solve ms = solvePlant minus assembly (sparse SCC + LU solve, residual, non-negativity check)');

  // The whole command line on the largest plant, as a user runs it. Wall time is what the target
  // is about; on a shared machine it depends on the load, so CPU time (user + sys, from
  // /usr/bin/time when there is one) and the load average are printed alongside.
  const largest = files[files.length - 1];
  const bin = join(root, 'bin', 'flexsheet');
  const timeTool = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const walls: number[] = [];
  const cpus: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < Math.max(runs, 5); i++) {
    const devNull = openSync('/dev/null', 'w');
    const [cmd, cmdArgs] = timeTool ? [timeTool, ['-f', 'TIME %e %U %S %M', bin, 'solve', largest, '--json']] : [bin, ['solve', largest, '--json']];
    const t0 = performance.now();
    const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: ['ignore', devNull, 'pipe'], encoding: 'utf8' });
    walls.push(performance.now() - t0);
    closeSync(devNull);
    if (r.status !== 0) throw new Error(`bin/flexsheet failed on ${largest}:\n${r.stderr}`);
    const m = /TIME (\S+) (\S+) (\S+) (\S+)/.exec(r.stderr);
    if (m) {
      cpus.push((Number(m[2]) + Number(m[3])) * 1000);
      rss.push(Number(m[4]) / 1024);
    }
  }
  const target = 3000;
  const best = Math.min(...walls);
  const med = median(walls);
  const s = (ms: number) => (ms / 1000).toFixed(2);
  console.log(`\nbin/flexsheet solve <${sizes[sizes.length - 1]}-unit file> --json > /dev/null, ${walls.length} runs (load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} cores):`);
  console.log(`  wall ${walls.map(s).join(', ')} s: best ${s(best)} s, median ${s(med)} s; target < ${s(target)} s: ${med < target ? 'met' : best < target ? 'met on the best run only' : 'MISSED'}`);
  if (cpus.length) console.log(`  CPU (user + sys) ${cpus.map(s).join(', ')} s; peak RSS ${Math.max(...rss).toFixed(0)} MB`);
  if (keep) console.log(`files kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

const args = process.argv.slice(2);
if (args[0] === '--child') child(args[1]);
else if (args[0] === 'study') void import('./study.bench').then((m) => m.main(args.slice(1)));
else if (args.includes('--solver')) runSolverBench(args.filter((a) => a !== '--solver'));
else if (args.includes('--resolve')) runResolveBench(args);
else main(args);
