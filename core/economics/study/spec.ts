/**
 * A study of what the figures depend on (docs/studies.md): the `studies` section of a flowsheet
 * (or of a study file that names its flowsheet) maps a name to parameters with distributions and
 * metrics to report. Read and checked here, each problem located by its JSON path.
 *
 *   "studies": { "prices": {
 *     "method": "monte-carlo",            // or "one-at-a-time"
 *     "samples": 10000, "seed": 1,
 *     "parameters": { "Co price": { "path": "economics.prices.products.coso4.payable.Co.price.value",
 *                                   "distribution": { "triangular": [40, 50.35, 60] } } },
 *     "metrics": { "margin": "modes.black-mass.margin", "NPV": "investment.npv" } } }
 *
 * A parameter's path is `economics.…` (prices, payables, realisation, …: no re-solve), `units.ID.…`
 * (a unit's parameter in every mode it runs in), `modes.MODE.units.ID.…` (in one mode) or
 * `specs.ID.target.value`. A distribution is uniform [lo, hi], triangular [lo, mode, hi], normal
 * [mean, sd], lognormal [μ, σ] of ln x, or values [a, b, …] (equally likely); with `relative: true`
 * the number drawn multiplies the path's value in the file.
 */
import { joinPath, type Diagnostic } from '../../diagnostics';
import type { FlowsheetDoc } from '../../document';
import { getAt, parsePath, type Segment } from '../../params';
import { viewOf } from '../margin';
import { own } from '../own';

export type Distribution =
  | { uniform: [number, number] }
  | { triangular: [number, number, number] }
  | { normal: [number, number] }
  | { lognormal: [number, number] }
  | { values: number[] };

interface StudyParameterDecl {
  path: string;
  distribution: Distribution;
  relative?: boolean;
  notes?: string | string[];
}

export interface StudyDecl {
  description?: string;
  method?: 'monte-carlo' | 'one-at-a-time';
  samples?: number;
  seed?: number;
  /** Quantiles of each distribution visited by a one-at-a-time sweep (default 0.05, 0.25, 0.5, 0.75, 0.95). */
  levels?: number[];
  /** Modes to solve (default: every mode of the file). */
  modes?: string[];
  parameters: Record<string, StudyParameterDecl>;
  metrics: Record<string, string>;
  notes?: string | string[];
}

/** Where a parameter acts: economics only, or a unit (in every mode or one), or a spec. */
type ParameterScope = { kind: 'economics' } | { kind: 'unit'; unit: string; param: Segment[]; mode?: string } | { kind: 'spec'; spec: Segment[] };

export interface StudyParameter {
  name: string;
  path: Segment[];
  scope: ParameterScope;
  distribution: Distribution;
  relative: boolean;
  /** The value at the path in the file (the baseline of one-at-a-time sweeps and tornadoes). */
  baseline: number;
}

export interface Study {
  name: string;
  method: 'monte-carlo' | 'one-at-a-time';
  samples: number;
  seed: number;
  levels: number[];
  modes: string[];
  parameters: StudyParameter[];
  metrics: { name: string; path: Segment[] }[];
}

/** Samples a study may ask for in one run (a bigger one is split into runs: docs/studies-scale-out.md). */
const MAX_SAMPLES = 10_000_000;

const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);
const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function scopeOf(path: Segment[], modes: readonly string[]): ParameterScope | string {
  const [head, a, b, c, ...rest] = path;
  if (head === 'economics') return path.length > 1 ? { kind: 'economics' } : 'names the whole economics section';
  if (head === 'units' && typeof a === 'string' && path.length > 2) return { kind: 'unit', unit: a, param: path.slice(2) };
  if (head === 'modes' && typeof a === 'string' && b === 'units' && typeof c === 'string' && rest.length) {
    if (!modes.includes(a)) return `mode "${a}" is not one of the study's modes (${modes.join(', ')})`;
    return { kind: 'unit', unit: c, param: rest, mode: a };
  }
  if (head === 'specs' && path.length > 2) return { kind: 'spec', spec: path.slice(1) };
  return 'is not economics.…, units.ID.…, modes.MODE.units.ID.… or specs.ID.target.value';
}

function distributionProblem(d: unknown): string | undefined {
  if (!isObject(d) || Object.keys(d).length !== 1) return 'must be one of {uniform: [lo, hi]}, {triangular: [lo, mode, hi]}, {normal: [mean, sd]}, {lognormal: [μ, σ]}, {values: [a, b, …]}';
  const [kind, p] = Object.entries(d)[0];
  const nums = Array.isArray(p) && p.every(finite) ? (p as number[]) : undefined;
  const sizes: Record<string, number> = { uniform: 2, triangular: 3, normal: 2, lognormal: 2 };
  if (kind === 'values') return nums && nums.length >= 1 ? undefined : 'values: a non-empty list of numbers';
  if (!(kind in sizes)) return `"${kind}" is not a distribution (uniform, triangular, normal, lognormal, values)`;
  if (!nums || nums.length !== sizes[kind]) return `${kind}: a list of ${sizes[kind]} numbers`;
  if (kind === 'uniform' && !(nums[0] < nums[1])) return 'uniform: [lo, hi] with lo < hi';
  if (kind === 'triangular' && !(nums[0] <= nums[1] && nums[1] <= nums[2] && nums[0] < nums[2])) return 'triangular: [lo, mode, hi] with lo ≤ mode ≤ hi and lo < hi';
  if ((kind === 'normal' || kind === 'lognormal') && !(nums[1] > 0)) return `${kind}: [${kind === 'normal' ? 'mean, sd' : 'μ, σ'}] with ${kind === 'normal' ? 'sd' : 'σ'} > 0`;
  return undefined;
}

/** The parameter's value in the file: a unit's as the mode (or the first mode running it) declares it. */
function baselineOf(doc: FlowsheetDoc, path: Segment[], scope: ParameterScope, modes: readonly string[]): unknown {
  if (scope.kind === 'economics') return getAt(doc, path);
  if (scope.kind === 'spec') return getAt(doc, ['specs', ...scope.spec]);
  for (const m of scope.mode ? [scope.mode] : modes) {
    const decl = own(viewOf(doc, m).units, scope.unit);
    if (decl) return getAt(decl, scope.param);
  }
  return undefined;
}

function readParameter(doc: FlowsheetDoc, name: string, decl: unknown, base: string, modes: readonly string[], out: Diagnostic[]): StudyParameter | undefined {
  if (!isObject(decl)) return void out.push({ path: base, message: 'a parameter is {path, distribution}' });
  const unknown = Object.keys(decl).filter((k) => !['path', 'distribution', 'relative', 'notes'].includes(k));
  if (unknown.length) out.push({ path: base, message: `unknown property "${unknown[0]}" (a parameter has path, distribution, relative, notes)` });
  if (typeof decl.path !== 'string') return void out.push({ path: joinPath(base, 'path'), message: 'must be a path such as economics.prices.products.coso4.payable.Co.price.value' });
  let path: Segment[];
  try {
    path = parsePath(decl.path);
  } catch (e) {
    return void out.push({ path: joinPath(base, 'path'), message: (e as Error).message });
  }
  const scope = scopeOf(path, modes);
  if (typeof scope === 'string') return void out.push({ path: joinPath(base, 'path'), message: `"${decl.path}" ${scope}` });
  const baseline = baselineOf(doc, path, scope, modes);
  const dp = distributionProblem(decl.distribution);
  if (dp) out.push({ path: joinPath(base, 'distribution'), message: dp });
  const relative = decl.relative === true;
  if (!finite(baseline)) {
    if (relative || scope.kind !== 'economics') return void out.push({ path: joinPath(base, 'path'), message: `"${decl.path}" is not a number in the file${relative ? ' (a relative parameter multiplies one)' : ''}` });
  }
  if (dp) return undefined;
  return { name, path, scope, distribution: decl.distribution as Distribution, relative, baseline: finite(baseline) ? baseline : NaN };
}

/** The study `name` of the document's `studies` (or the only one), checked; problems located by JSON path. */
export function readStudy(doc: FlowsheetDoc, name: string | undefined, modeNames: readonly string[]): { study?: Study; problems: Diagnostic[] } {
  const out: Diagnostic[] = [];
  const studies = doc.studies;
  if (!isObject(studies) || !Object.keys(studies).length) return { problems: [{ path: 'studies', message: 'the file has no studies (a "studies" section: name → {parameters, metrics})' }] };
  const names = Object.keys(studies);
  const chosen = name ?? (names.length === 1 ? names[0] : undefined);
  if (chosen === undefined) return { problems: [{ path: 'studies', message: `the file has ${names.length} studies: choose one with --study (${names.join(', ')})` }] };
  const decl = own(studies, chosen);
  const base = joinPath('studies', chosen);
  if (!isObject(decl)) return { problems: [{ path: base, message: decl === undefined ? `no study "${chosen}" (studies: ${names.join(', ')})` : 'a study is an object' }] };
  const method = decl.method ?? 'monte-carlo';
  if (method !== 'monte-carlo' && method !== 'one-at-a-time') out.push({ path: joinPath(base, 'method'), message: 'must be "monte-carlo" or "one-at-a-time"' });
  const samples = decl.samples ?? 1000;
  if (!Number.isInteger(samples) || (samples as number) < 1 || (samples as number) > MAX_SAMPLES) out.push({ path: joinPath(base, 'samples'), message: `must be a whole number from 1 to ${MAX_SAMPLES.toLocaleString('en-US')}` });
  const seed = decl.seed ?? 1;
  if (!Number.isInteger(seed)) out.push({ path: joinPath(base, 'seed'), message: 'must be a whole number' });
  const levels = (decl.levels as number[] | undefined) ?? [0.05, 0.25, 0.5, 0.75, 0.95];
  if (!Array.isArray(levels) || !levels.length || !levels.every((q) => finite(q) && q > 0 && q < 1)) out.push({ path: joinPath(base, 'levels'), message: 'a list of quantiles between 0 and 1 (exclusive)' });
  const modes = (decl.modes as string[] | undefined) ?? [...modeNames];
  if (!Array.isArray(modes) || !modes.every((m) => modeNames.includes(m))) out.push({ path: joinPath(base, 'modes'), message: `a list of the file's modes (${modeNames.join(', ')})` });
  const parameters: StudyParameter[] = [];
  if (!isObject(decl.parameters) || !Object.keys(decl.parameters).length) out.push({ path: joinPath(base, 'parameters'), message: 'a study needs parameters: name → {path, distribution}' });
  else for (const [p, d] of Object.entries(decl.parameters)) {
    const sp = readParameter(doc, p, d, joinPath(joinPath(base, 'parameters'), p), Array.isArray(modes) ? modes : modeNames, out);
    if (sp) parameters.push(sp);
  }
  const metrics: Study['metrics'] = [];
  if (!isObject(decl.metrics) || !Object.keys(decl.metrics).length) out.push({ path: joinPath(base, 'metrics'), message: 'a study needs metrics: name → result path (e.g. "modes.black-mass.margin")' });
  else for (const [m, p] of Object.entries(decl.metrics)) {
    const mPath = joinPath(joinPath(base, 'metrics'), m);
    try {
      if (typeof p !== 'string') throw new Error('must be a result path such as modes.black-mass.margin or investment.npv');
      metrics.push({ name: m, path: parsePath(p) });
    } catch (e) {
      out.push({ path: mPath, message: (e as Error).message });
    }
  }
  if (out.length) return { problems: out };
  return { study: { name: chosen, method: method as Study['method'], samples: samples as number, seed: seed as number, levels, modes, parameters, metrics }, problems: [] };
}
