/**
 * Where the time goes on one generated plant, phase by phase and inside each phase, in one process:
 *
 *   npx tsx bench/profile.ts [--units 5000] [--species 40] [--seed 1]
 *
 * Cold figures are the first call in the process (what the command line pays); "warm" repeats it.
 * For a CPU profile of the whole command line instead:
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof bin/flexsheet solve FILE --json > /dev/null
 */
import { assemble } from '../core/assemble';
import { compileFlowsheet, parseJsonText, solvePlant, tabulate, type CompiledFlowsheet, equationBuilder } from '../core';
import { validateEnvelope, validateUnitParams } from '../core/schema';
import { buildSpeciesTable } from '../core/species';
import { CsrBuilder, solveSparse, stronglyConnectedComponents } from '../core/sparse';
import { registry } from '../unit-ops';
import { solveJson } from '../cli/solve-report';
import { generatePlant } from './generate';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const units = opt('--units', 5000);
const species = opt('--species', 40);
const seed = opt('--seed', 1);

const rows: [string, number][] = [];
function time<T>(label: string, f: () => T): T {
  const t0 = performance.now();
  const r = f();
  rows.push([label, performance.now() - t0]);
  return r;
}

const text = JSON.stringify(generatePlant({ units, species, seed }), null, 1);

// --- parse and compile, broken down ---
const doc = time('JSON.parse', () => parseJsonText(text)) as Parameters<typeof validateEnvelope>[0] & { units: Record<string, { type: string }>; species: Record<string, object> };
time('schema: ajv compile + validate a 1-unit file (cold, fixed cost)', () =>
  validateEnvelope({ format: 'flexsheet/1', name: 'x', basis: 'kg/h', species: {}, units: { f: { type: 'feed', flows: {} } }, streams: {} }, registry),
);
time('schema: validate envelope (warm)', () => validateEnvelope(doc, registry));
time('schema: validate every unit (warm)', () => {
  for (const [id, u] of Object.entries(doc.units)) validateUnitParams(id, u, registry);
});
time('species table', () => buildSpeciesTable(doc.species as never, []));
const plant: CompiledFlowsheet = time('compileFlowsheet (whole, validators warm)', () => compileFlowsheet(doc, registry));
time('compileFlowsheet again (warm JIT)', () => compileFlowsheet(doc, registry));

// --- assembly, broken down ---
time('unit equations only (null builder: unit-ops array building)', () => {
  const S = plant.species.list.length;
  let count = 0;
  for (const unit of plant.units) {
    const eq = equationBuilder({
      nSpecies: S,
      outlet: (port) => plant.streams[unit.outlets.get(port)!].offset,
      inlets: (port) => (unit.inlets.get(port) ?? []).map((s) => plant.streams[s].offset),
      internal: (i) => unit.internalOffset + i,
      begin: () => {},
      term: () => {
        count++;
      },
    });
    unit.model.equations(eq);
  }
  return count;
});
const sys = time('assemble (whole)', () => assemble(plant));
const nnzAdds = sys.A.rowPtr[sys.A.n];
time('CsrBuilder: add nnz triplets, default capacity (grows by doubling from 16)', () => {
  const b = new CsrBuilder(sys.A.n);
  const { rowPtr, colIdx, values } = sys.A;
  for (let i = 0; i < sys.A.n; i++) for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) b.add(i, colIdx[p], values[p]);
  return b;
});
const presized = time('CsrBuilder: add nnz triplets, presized', () => {
  const b = new CsrBuilder(sys.A.n, nnzAdds);
  const { rowPtr, colIdx, values } = sys.A;
  for (let i = 0; i < sys.A.n; i++) for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) b.add(i, colIdx[p], values[p]);
  return b;
});
time('CsrBuilder.build (two counting sorts + merge)', () => presized.build());
time('assemble again (warm JIT)', () => assemble(plant));

// --- sparse solve, broken down ---
time('SCC (Tarjan) alone', () => stronglyConnectedComponents(sys.A.n, sys.A.rowPtr, sys.A.colIdx));
const scc = stronglyConnectedComponents(sys.A.n, sys.A.rowPtr, sys.A.colIdx);
const sizes = new Map<number, number>();
for (let c = 0; c < scc.count; c++) {
  const m = scc.start[c + 1] - scc.start[c];
  sizes.set(m, (sizes.get(m) ?? 0) + 1);
}
const nonTrivial = [...sizes].filter(([m]) => m > 1).reduce((a, [, k]) => a + k, 0);
time('solveSparse, AMD in every block (default)', () => solveSparse(sys.A, sys.b));
time('solveSparse, natural order in every block', () => solveSparse(sys.A, sys.b, { ordering: 'natural' }));
time('solveSparse, AMD again (warm JIT)', () => solveSparse(sys.A, sys.b));
const solution = time('solvePlant (assemble + solve + non-negativity), warm', () => solvePlant(plant));
const results = time('tabulate', () => tabulate(solution));
time('--json output: solveJson + JSON.stringify', () => JSON.stringify(solveJson(results)).length);

const w = Math.max(...rows.map(([l]) => l.length));
console.log(`\n${units} units, ${species} species, seed ${seed}: ${plant.streams.length} streams, ${sys.A.n} unknowns, ${nnzAdds} nonzeros, file ${(text.length / 1e6).toFixed(2)} MB`);
console.log(
  `SCC blocks: ${scc.count} (${sizes.get(1) ?? 0} singletons, ${nonTrivial} blocks of 2+, sizes ${[...sizes.keys()].filter((m) => m > 1).sort((a, b) => a - b).slice(0, 3).join(', ')} … ${Math.max(...sizes.keys())})\n`,
);
for (const [label, ms] of rows) console.log(`${label.padEnd(w)}  ${ms.toFixed(1).padStart(8)} ms`);
console.log(`\npeak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
