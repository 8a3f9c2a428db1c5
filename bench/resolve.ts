/**
 * Re-solves per second after one changed number (issue 9): the plant compiled and solved once, then
 * a splitter fraction (or a feed flow) set and the plant solved again, many times, in one process.
 * Reports the cold in-process time (read + compile + solve), the warm re-solve time (set + solve,
 * the answer as the unknowns' values) and the same with the results tabulated.
 *
 *   npm run bench -- --resolve [--seconds 3]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compilePlant, type Plant } from '../core';
import { registry } from '../unit-ops';
import { generatePlant } from './generate';

interface Case {
  name: string;
  text: string;
  mode?: string;
  energy?: boolean;
}

/** A numeric parameter the case will vary: the first splitter fraction but the last outlet's, else a feed flow. */
function knob(plant: Plant): { path: (string | number)[]; base: number } {
  for (const u of plant.flowsheet.units) {
    const p = u.params as { type: string; outlets?: string[]; fractions?: Record<string, number>; flows?: Record<string, number> };
    if (p.type === 'splitter' && p.outlets && p.fractions) {
      const name = p.outlets[0];
      const base = p.fractions[name];
      if (base > 0.05 && base < 0.95) return { path: ['units', u.id, 'fractions', name], base };
    }
  }
  const feed = plant.flowsheet.units.find((u) => u.type.type === 'feed')!;
  const [sp, v] = Object.entries((feed.params as unknown as { flows: Record<string, number> }).flows)[0];
  return { path: ['units', feed.id, 'flows', sp], base: v };
}

function measure(c: Case, seconds: number) {
  let t = performance.now();
  const plant = compilePlant(c.text, registry, { mode: c.mode, energy: c.energy });
  plant.solve();
  const cold = performance.now() - t;
  const { path, base } = knob(plant);
  const run = (tabulate: boolean) => {
    let n = 0;
    const start = performance.now();
    while (performance.now() - start < seconds * 1000) {
      plant.set(path, base * (1 + 0.001 * ((n % 7) - 3)));
      if (tabulate) plant.results();
      else plant.solve();
      n++;
    }
    return (performance.now() - start) / n;
  };
  run(false); // warm-up
  const warm = run(false);
  const withResults = run(true);
  t = performance.now();
  return { name: c.name, unknowns: plant.flowsheet.nUnknowns, cold, warm, withResults, knob: path.slice(1).join('.') };
}

export function runResolveBench(args: string[]): void {
  const i = args.indexOf('--seconds');
  const seconds = i >= 0 ? Number(args[i + 1]) : 3;
  const root = join(import.meta.dirname, '..');
  const cases: Case[] = [
    { name: 'generated 39 units', text: JSON.stringify(generatePlant({ units: 39, species: 30, seed: 1 })) },
    { name: 'black-mass.json', text: readFileSync(join(root, 'flowsheets', 'black-mass.json'), 'utf8') },
    { name: 'black-mass.json, mass only', text: readFileSync(join(root, 'flowsheets', 'black-mass.json'), 'utf8'), energy: false },
    { name: 'dual-feed.json, magnet', text: readFileSync(join(root, 'flowsheets', 'dual-feed.json'), 'utf8'), mode: 'magnet' },
  ];
  console.log(`\nRe-solve after one changed number (${seconds} s per measurement, one process)`);
  console.log('case                            unknowns   cold ms   re-solve ms   re-solves/s   with results ms   ratio to cold   parameter');
  for (const c of cases) {
    const m = measure(c, seconds);
    console.log(
      `${m.name.padEnd(30)}  ${String(m.unknowns).padStart(8)}  ${m.cold.toFixed(1).padStart(8)}  ${m.warm.toFixed(3).padStart(12)}  ${(1000 / m.warm).toFixed(0).padStart(12)}  ${m.withResults.toFixed(3).padStart(16)}  ${(m.warm / m.cold).toFixed(4).padStart(14)}   ${m.knob}`,
    );
  }
}
