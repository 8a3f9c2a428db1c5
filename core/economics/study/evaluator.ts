/**
 * The evaluator of a study, one per worker: the plant of every mode is compiled once (the engine's
 * re-solvable Plant, passed in as `compile` so that this module needs no unit operation); then each
 * sample sets its parameter values, re-solves only the modes a unit or spec parameter touched —
 * prices, payables and the rest of `economics` never re-solve (BioSTEAM's "coupled" distinction) —
 * and computes the metrics (metrics.ts). A sample the plant refuses (no steady state there, a spec
 * out of reach) gives NaN metrics and its message.
 */
import { FlexsheetError, formatDiagnostic, type Diagnostic } from '../../diagnostics';
import type { FlowsheetDoc } from '../../document';
import { getAt, withValueAt, type Segment } from '../../params';
import type { FlowsheetResults } from '../../results';
import { modeCompatibility } from '../compatibility';
import { solverMode, viewOf } from '../margin';
import { hasOwn, table } from '../own';
import { Outputs, type SharedParts } from './metrics';
import type { Study, StudyParameter } from './spec';

/** What the evaluator needs of a compiled plant (core/plant.ts `Plant`). */
interface PlantLike {
  set(path: readonly Segment[], value: number): void;
  results(): FlowsheetResults;
}

/** Compiles the plant of one mode (undefined: the base flowsheet). */
export type CompileFn = (doc: FlowsheetDoc, mode: string | undefined) => PlantLike;

interface Evaluation {
  metrics: Float64Array;
  /** The plant's refusal, when the sample could not be solved. */
  refused?: string;
}

export interface Evaluator {
  /** The parameter values actually applied for a vector of drawn numbers (relative ones × baseline). */
  applied(drawn: ArrayLike<number>): Float64Array;
  evaluate(applied: ArrayLike<number>): Evaluation;
}

interface Target {
  mode: string;
  path: Segment[];
}

/** Where each parameter is set: per mode, the plant path (units or specs); none for economics. */
function targets(doc: FlowsheetDoc, p: StudyParameter, modes: readonly string[]): Target[] {
  if (p.scope.kind === 'economics') return [];
  if (p.scope.kind === 'spec') return modes.map((mode) => ({ mode, path: ['specs', ...(p.scope as { spec: Segment[] }).spec] }));
  const { unit, param, mode } = p.scope;
  return (mode ? [mode] : modes).filter((m) => hasOwn(viewOf(doc, m).units, unit)).map((m) => ({ mode: m, path: ['units', unit, ...param] }));
}

/**
 * The document with the sample's values written where the economics read them: every economics
 * parameter, and a unit's or spec's only where the file already holds a number at that path (so
 * the document keeps its shape; the plant itself is set through `plant.set`).
 */
function patched(doc: FlowsheetDoc, study: Study, values: ArrayLike<number>): FlowsheetDoc {
  let d = doc;
  study.parameters.forEach((p, k) => {
    const path = p.scope.kind === 'spec' ? ['specs', ...p.scope.spec] : p.path;
    if (p.scope.kind === 'economics' || typeof getAt(doc, path) === 'number') d = withValueAt(d, path, values[k]);
  });
  return d;
}

export function createEvaluator(doc: FlowsheetDoc, study: Study, compile: CompileFn): Evaluator {
  const modes = study.modes;
  const plants = new Map(modes.map((m) => [m, compile(doc, solverMode(m))]));
  const baseline = table(modes.map((m) => [m, plants.get(m)!.results()] as const));
  const where = study.parameters.map((p) => targets(doc, p, modes));
  const coupled = where.some((t) => t.length > 0);
  // Capital follows the solved flows and economics.capital: computed once unless either varies.
  const capitalVaries = coupled || study.parameters.some((p) => p.path[0] === 'economics' && p.path[1] === 'capital');
  const shared: SharedParts = coupled ? {} : { compatibility: new Map(modes.map((m) => [m, modeCompatibility(doc, m, baseline[m])])), plans: new Map() };
  let capitalCache: SharedParts['capital'];

  return {
    applied(drawn) {
      return Float64Array.from(study.parameters, (p, k) => (p.relative ? drawn[k] * p.baseline : drawn[k]));
    },
    evaluate(values) {
      const metrics = new Float64Array(study.metrics.length).fill(NaN);
      const touched = new Set<string>();
      let results: Record<string, FlowsheetResults> = baseline;
      try {
        where.forEach((ts, k) => ts.forEach((t) => (plants.get(t.mode)!.set(t.path, values[k]), touched.add(t.mode))));
        if (touched.size) results = table(modes.map((m) => [m, touched.has(m) ? plants.get(m)!.results() : baseline[m]] as const));
      } catch (e) {
        if (e instanceof FlexsheetError) return { metrics, refused: e.diagnostics.map(formatDiagnostic).join('; ') };
        throw e;
      }
      const parts: SharedParts = { ...shared, ...(capitalCache ? { capital: capitalCache } : {}) };
      const out = new Outputs(patched(doc, study, values), results, modes, parts);
      study.metrics.forEach((m, k) => (metrics[k] = out.value(m.path) ?? NaN));
      if (!capitalVaries && !capitalCache && study.metrics.some((m) => ['capital', 'fixed', 'campaign', 'investment'].includes(String(m.path[0])))) capitalCache = out.capital();
      return { metrics };
    },
  };
}

/** The metrics that name nothing, at the study's baseline (checked before a run starts). */
export function metricProblems(doc: FlowsheetDoc, study: Study, results: Readonly<Record<string, FlowsheetResults>>): Diagnostic[] {
  const out = new Outputs(doc, results, study.modes);
  return study.metrics
    .filter((m) => out.value(m.path) === undefined)
    .map((m) => ({ path: `studies.${study.name}.metrics.${m.name}`, message: `"${m.path.join('.')}" names no result (modes.MODE.margin, results.MODE.…, energy.MODE.UNIT, capital.…, fixed.perYear, campaign.margin, investment.npv, switchover.FROM.TO.total)` }));
}
