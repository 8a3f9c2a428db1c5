/** Flexsheet's core: pure TypeScript, no DOM; runs in Node, in tests and in a Web Worker. */
import { compileFlowsheet, type CompileOptions } from './compile';
import { FlexsheetError, type Diagnostic } from './diagnostics';
import { tabulate, type FlowsheetResults } from './results';
import { solvePlant } from './solve';
import type { UnitRegistry } from './unit-type';

export * from './diagnostics';
export * from './document';
export * from './unit-type';
export type { CompiledFlowsheet, CompiledUnit, CompiledStream, CompileOptions } from './compile';
export { compileFlowsheet, parseJsonText } from './compile';
export { readDocument } from './read';
export { Plant, compilePlant } from './plant';
export { solvePlant, type Solution, type SolverStats } from './solve';
export { describeUnknown, type UnknownDescription } from './describe';
export { formatPath, parsePath, type Segment } from './params';
export { dict, own } from './records';
export { tabulate, unitInternals, type FlowsheetResults, type StreamResult, type ProductGrade } from './results';
export { flowsheetSchema } from './schema';
export { validateEnvelope, validateUnitParams, usePrecompiledValidators, standaloneValidators } from './validate';
export { buildSpeciesTable, type Species, type SpeciesTable } from './species';
export * as chemistry from './chemistry';
export { applyMode, mergePatch } from './modes';

export type Outcome = { ok: true; results: FlowsheetResults } | { ok: false; diagnostics: readonly Diagnostic[] };

/** Reads, checks and solves a flowsheet; throws FlexsheetError with located messages. */
export function solveFlowsheet(input: unknown, registry: UnitRegistry, options: CompileOptions = {}): FlowsheetResults {
  return tabulate(solvePlant(compileFlowsheet(input, registry, options)));
}

/** Like solveFlowsheet, but returns problems as data: for the editor and the worker. */
export function runFlowsheet(input: unknown, registry: UnitRegistry, options: CompileOptions = {}): Outcome {
  try {
    return { ok: true, results: solveFlowsheet(input, registry, options) };
  } catch (e) {
    if (e instanceof FlexsheetError) return { ok: false, diagnostics: e.diagnostics };
    throw e;
  }
}
