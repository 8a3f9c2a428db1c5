/** Test helpers: solve a document and read results the way the tests need them. */
import { compileFlowsheet, FlexsheetError, solvePlant, tabulate, type Diagnostic, type FlowsheetDoc } from '../../core';
import { registry } from '../../unit-ops';

export function solveDoc(doc: unknown, mode?: string) {
  const solution = solvePlant(compileFlowsheet(doc, registry, { mode }));
  return { solution, results: tabulate(solution) };
}

/** The diagnostics a bad document is refused with (fails the test if it is accepted). */
export function problemsOf(doc: unknown, mode?: string): Diagnostic[] {
  try {
    solveDoc(doc, mode);
  } catch (e) {
    if (e instanceof FlexsheetError) return [...e.diagnostics];
    throw e;
  }
  throw new Error('the document was accepted');
}

/** kmol/h of a species in a stream, zero when absent. */
export function molar(results: ReturnType<typeof solveDoc>['results'], stream: string, species: string): number {
  return results.streams[stream].molarFlow[species] ?? 0;
}

export function doc(parts: Pick<FlowsheetDoc, 'species' | 'units' | 'streams'> & Partial<FlowsheetDoc>): FlowsheetDoc {
  return { format: 'flexsheet/1', name: 'test', basis: 'kmol/h', ...parts };
}
