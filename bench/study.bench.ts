/**
 * Throughput of studies on the shipped dual-feed plant (flowsheets/dual-feed.study.json):
 *
 *   npm run bench -- study                         # both studies, 2 workers
 *   npm run bench -- study --study prices --samples 10000 --workers 2
 *   npx tsx bench/study.bench.ts --study process --samples 1000 --workers 1
 *
 * `prices` varies prices and payables only (no re-solve: the economics of both modes, the
 * switchover matrix, the campaign optimum and the NPV per sample); `process` varies the leach
 * conversion and a D value, so that every sample re-solves the black-mass mode on the compiled
 * plant. Printed: wall time, samples per second in all and per worker, and the CPU time per
 * sample of the worker threads (less sensitive to the other processes on a shared machine).
 */
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { prepareStudy, studyDocument, studyLanes } from '../cli/commands/study';
import { runStudy } from '../core/economics/study';

const FILE = join(import.meta.dirname, '..', 'flowsheets', 'dual-feed.study.json');

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function bench(name: string, samples: number | undefined, workers: number): Promise<void> {
  const doc = studyDocument(FILE);
  const study = prepareStudy(doc, name, samples);
  const t0 = performance.now();
  const lanes = await studyLanes(doc, study, workers);
  const ready = performance.now() - t0;
  const cpu0 = process.cpuUsage();
  const r = await runStudy(study, lanes);
  const cpu = process.cpuUsage(cpu0);
  await Promise.all(lanes.map((l) => l.close?.()));
  const rows = r.samples + 1 + 2 * study.parameters.length;
  const perWorker = r.timing.samplesPerSecond / Math.max(1, workers);
  console.log(
    `${name}: ${r.samples.toLocaleString('en-US')} samples (+${rows - r.samples} baseline and tornado rows) of ${study.parameters.length} parameters, ${study.metrics.length} metrics, modes ${study.modes.join(' + ')}, ` +
      `${workers || 'no'} worker${workers === 1 ? '' : 's'} (ready in ${(ready / 1000).toFixed(2)} s): ${(r.timing.ms / 1000).toFixed(2)} s, ` +
      `${r.timing.samplesPerSecond.toFixed(0)} samples/s, ${perWorker.toFixed(0)} per worker; ${r.refused.length} refused` +
      (workers === 0 ? `; CPU ${(((cpu.user + cpu.system) / 1000 / rows) * 1000).toFixed(0)} µs per sample` : ''),
  );
}

export async function main(args: string[]): Promise<void> {
  const workers = Number(flag(args, '--workers') ?? Math.min(2, availableParallelism()));
  const samples = flag(args, '--samples');
  const only = flag(args, '--study');
  console.log(`Flexsheet study bench (node ${process.version}, ${availableParallelism()} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')})`);
  for (const name of only ? [only] : ['prices', 'process']) await bench(name, samples === undefined ? undefined : Number(samples), workers);
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv.slice(2));
