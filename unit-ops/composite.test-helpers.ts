/** Helpers for the composite unit tests: solve a small document, read flows, collect problems. */
import { compileFlowsheet, FlexsheetError, solvePlant, tabulate, type Diagnostic, type FlowsheetDoc } from '../core';
import { registry } from './index';

export function plant(parts: Pick<FlowsheetDoc, 'species' | 'units' | 'streams'>): FlowsheetDoc {
  return { format: 'flexsheet/1', name: 'test', basis: 'kmol/h', ...parts };
}

export function run(doc: unknown) {
  const r = tabulate(solvePlant(compileFlowsheet(doc, registry)));
  return {
    r,
    /** kmol/h of a species in a stream, 0 when absent. */
    n: (stream: string, species: string) => r.streams[stream]?.molarFlow[species] ?? 0,
    /** kmol/h of a reagent dosed in a unit. */
    dose: (unit: string, species: string, M: number) => (r.reagents[unit]?.[species] ?? 0) / M,
  };
}

export function problems(doc: unknown): Diagnostic[] {
  try {
    run(doc);
  } catch (e) {
    if (e instanceof FlexsheetError) return [...e.diagnostics];
    throw e;
  }
  throw new Error('the document was accepted');
}

/** Largest relative element imbalance, feeds + reagents vs products. */
export function worstImbalance(r: ReturnType<typeof run>['r']): number {
  let worst = 0;
  for (const { in: a, out: b } of Object.values(r.elements)) worst = Math.max(worst, Math.abs(b - a) / Math.max(a, 1e-300));
  return worst;
}
