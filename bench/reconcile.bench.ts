/**
 * Reconciliation against solving, as a user meets them: a whole `flexsheet reconcile … --run R`
 * process beside a whole `flexsheet solve` of the same plant, run alternately so that both see the
 * same machine load, and the in-process time of each run with the plant's structure reused (what the
 * editor's worker and a library user keep between runs). A benchmark, not a test:
 *
 *   npx tsx bench/reconcile.bench.ts                      # black-mass, every run of black-mass-pilot.csv
 *   npx tsx bench/reconcile.bench.ts --data flowsheets/pilot/black-mass-plant-units.csv --repeat 7
 *   npx tsx bench/reconcile.bench.ts --plant tests/fixtures/reconcile-leach-sx.json --data flowsheets/pilot/leach-sx-pilot.csv
 *   npx tsx bench/reconcile.bench.ts --entry dist        # the installed package's dist/cli.js (npm run build:package)
 *
 * The processes run bin/flexsheet (the checkout's bundle, which first hashes the sources; one untimed
 * call builds it if they changed), or with `--entry dist` the package's dist/cli.js, as an installed
 * flexsheet runs (no hashing: the lower floor under both commands). Wall time is what the user waits; CPU time (user + system of the process) is
 * what the work costs, and is the steadier figure on a shared machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileFlowsheet, solvePlant } from '../core';
import { createReconciler, parseMeasurementsCsv, reconcileRun, runsOf } from '../core/reconcile';
import { registry } from '../unit-ops';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
};
const plantFile = flag('--plant', 'flowsheets/black-mass.json');
const dataFile = flag('--data', 'flowsheets/pilot/black-mass-pilot.csv');
const repeat = Math.max(1, Number(flag('--repeat', '5')));

const cli = flag('--entry', 'bin') === 'dist' ? join(root, 'dist', 'cli.js') : join(root, 'bin', 'flexsheet');

// A preloaded module that writes the process's own CPU time at exit.
const dir = mkdtempSync(join(tmpdir(), 'flexsheet-bench-'));
const probe = join(dir, 'cpu.mjs');
writeFileSync(probe, `import * as fs from 'node:fs';\nprocess.on('exit', () => { const u = process.cpuUsage(); fs.writeFileSync(process.env.FLEXSHEET_CPU_OUT, String((u.user + u.system) / 1000)); });\n`);

function timeProcess(args: string[]): { wall: number; cpu: number } {
  const out = join(dir, 'cpu.txt');
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', probe, cli, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, FLEXSHEET_CPU_OUT: out } });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`flexsheet ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { wall, cpu: Number(readFileSync(out, 'utf8')) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(0)} ms`;

const plant = compileFlowsheet(readFileSync(join(root, plantFile), 'utf8'), registry);
const nominal = solvePlant(plant).x;
const data = parseMeasurementsCsv(readFileSync(join(root, dataFile), 'utf8'), plant, dataFile);
const runs = runsOf(data);

timeProcess(['solve', plantFile]);
process.stdout.write(`${plantFile} with ${dataFile}: ${repeat} alternating rounds per run of ${cli.slice(root.length + 1)}\n\n`);
process.stdout.write('process                          wall (median)   CPU (median)   CPU ratio to solve\n');
for (const run of runs) {
  const solve: { wall: number; cpu: number }[] = [];
  const rec: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < repeat; i++) {
    solve.push(timeProcess(['solve', plantFile]));
    rec.push(timeProcess(['reconcile', plantFile, dataFile, ...(run ? ['--run', run] : [])]));
  }
  const s = { wall: median(solve.map((x) => x.wall)), cpu: median(solve.map((x) => x.cpu)) };
  const r = { wall: median(rec.map((x) => x.wall)), cpu: median(rec.map((x) => x.cpu)) };
  process.stdout.write(`solve                            ${ms(s.wall).padStart(13)}   ${ms(s.cpu).padStart(12)}\n`);
  process.stdout.write(
    `reconcile --run ${(run || '(all)').padEnd(16)} ${ms(r.wall).padStart(13)}   ${ms(r.cpu).padStart(12)}   ${(r.cpu / s.cpu).toFixed(2)} (wall ${(r.wall / s.wall).toFixed(2)})\n`,
  );
}

// In process: the structure is built by the first run and reused by the others.
process.stdout.write('\nin process (plant compiled and solved once)\n');
const reconciler = createReconciler(plant, nominal);
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
for (const pass of ['first pass (builds the structure)', 'second pass (structure reused)']) {
  for (const run of runs) {
    const t0 = performance.now();
    const c0 = cpuNow();
    reconcileRun(reconciler, data.filter((m) => (m.run ?? '') === run), run, {});
    process.stdout.write(`  ${pass}, run ${run || '(all)'}: ${ms(performance.now() - t0)} wall, ${ms(cpuNow() - c0)} CPU\n`);
  }
}
