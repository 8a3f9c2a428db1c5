/** Hand-built results for the economics tests: no solver involved, every number is the test's own. */
import { ATOMIC_WEIGHTS } from '../chemistry';
import type { FlowsheetDoc } from '../document';
import type { FlowsheetResults } from '../results';
import { buildSpeciesTable } from '../species';

export interface FakeStream {
  from: string;
  to: string;
  /** kg/h of each species. */
  kg: Record<string, number>;
}

const unitOf = (ref: string) => ref.slice(0, ref.lastIndexOf('.'));

/** Results with the given streams (kg/h) and reagent doses; products are the units streams enter and never leave. */
export function fakeResults(species: FlowsheetDoc['species'], streams: Record<string, FakeStream>, reagents: FlowsheetResults['reagents'] = {}, mode?: string): FlowsheetResults {
  const table = buildSpeciesTable(species, []);
  const out: FlowsheetResults['streams'] = {};
  for (const [id, s] of Object.entries(streams)) {
    const molarFlow: Record<string, number> = {};
    const byPhase: Record<string, number> = {};
    let mass = 0;
    let molar = 0;
    for (const [sp, kg] of Object.entries(s.kg)) {
      const info = table.list[table.index.get(sp)!];
      molarFlow[sp] = kg / info.molarMass;
      byPhase[info.phase] = (byPhase[info.phase] ?? 0) + kg;
      mass += kg;
      molar += molarFlow[sp];
    }
    out[id] = { from: s.from, to: s.to, massFlow: { ...s.kg }, molarFlow, totals: { mass, molar, byPhase } };
  }
  const froms = new Set(Object.values(streams).map((s) => unitOf(s.from)));
  const sinks = [...new Set(Object.values(streams).map((s) => unitOf(s.to)))].filter((u) => !froms.has(u));
  const grade: FlowsheetResults['grade'] = {};
  for (const sink of sinks) {
    const kg: Record<string, number> = {};
    for (const s of Object.values(streams)) if (unitOf(s.to) === sink) for (const [sp, m] of Object.entries(s.kg)) kg[sp] = (kg[sp] ?? 0) + m;
    const total = Object.values(kg).reduce((a, b) => a + b, 0);
    const el: Record<string, number> = {};
    for (const [sp, m] of Object.entries(kg)) {
      const info = table.list[table.index.get(sp)!];
      for (const [e, n] of Object.entries(info.elements)) el[e] = (el[e] ?? 0) + (m * n * ATOMIC_WEIGHTS[e]) / info.molarMass;
    }
    grade[sink] = {
      massFlow: total,
      species: Object.fromEntries(Object.entries(kg).map(([sp, m]) => [sp, m / total])),
      elements: Object.fromEntries(Object.entries(el).map(([e, m]) => [e, m / total])),
    };
  }
  return {
    name: 'fake',
    ...(mode !== undefined ? { mode } : {}),
    streams: out,
    reagents,
    elements: {},
    recovery: {},
    grade,
    idle: [],
    solver: { unknowns: 0, nonzeros: 0, blocks: 0, largestBlock: 0, relativeResidual: 0, assembleMs: 0, solveMs: 0 },
  };
}
