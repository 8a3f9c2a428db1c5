// Benchmark: the whole-process time of `npx flexsheet solve` on the black-mass plant, from the
// packed tarball installed into an empty folder (the aim: under 1 s). Part of `npm run bench`.
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { npxFlexsheet, packAndInstall } from './pack-install.mjs';

const RUNS = 5;
const { dir, project } = packAndInstall();
try {
  const plant = join('node_modules', 'flexsheet', 'flowsheets', 'black-mass.json');
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const { result, seconds } = npxFlexsheet(project, ['solve', plant, '--mode', 'nmc622']);
    if (result.status !== 0) throw new Error(`npx flexsheet solve failed:\n${result.stderr}`);
    times.push(seconds);
  }
  times.sort((a, b) => a - b);
  console.log(
    `\nnpx flexsheet solve flowsheets/black-mass.json --mode nmc622 from the installed tarball, whole process, ${RUNS} runs ` +
      `(load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}): median ${times[RUNS >> 1].toFixed(2)} s, min ${times[0].toFixed(2)} s, max ${times[RUNS - 1].toFixed(2)} s (aim: under 1 s)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
