import { readFileSync } from 'node:fs';
import { compilePlant } from '../core';
import { registry } from '../unit-ops';
for (const [f, m] of [['flowsheets/dual-feed.json', 'black-mass'], ['flowsheets/dual-feed.json', 'magnet'], ['flowsheets/black-mass.json', undefined]] as const) {
  const text = readFileSync(f, 'utf8');
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const p = compilePlant(text, registry, { mode: m });
    const s = p.solve();
    const t1 = performance.now();
    p.results();
    console.log(f, m, 'solve', (t1 - t).toFixed(0), 'ms; tabulate', (performance.now() - t1).toFixed(0), 'ms; mass it', s.newtonHistory.length, 'energy it', s.energyHistory.length, s.energyFailure ? 'energy failed' : '');
  }
}
