/**
 * The parameters of a unit that pilot data can estimate, found by their declared kind, and the
 * paths that read and write them in a unit's parameters or a flowsheet file. Own properties only:
 * a key such as `__proto__` or `constructor` is a key like any other.
 *
 * Fittable: split fractions (`fractions`, kept summing to 1 when they do in the file), separation
 * factors (`selectorSplits`, `selectorFractions`), conversions (`reactions[i].conversion`), reagent
 * excess (`reagents.X.excess`), distribution ratios (`distribution`: D, fitted as log10 D; for an
 * isotherm {pH50, slope}, pH50) and numbers bounded to [0, 1] (entrainment and the like). Stage
 * counts, O/A ratios, pH and feed flows are the pilot's settings and are kept.
 */
import { joinPath } from '../diagnostics';
import type { FlowsheetDoc } from '../document';
import type { CompiledUnit } from '../compile';

export type Segment = string | number;

export interface Handle {
  label: string;
  path: Segment[];
  file: number;
  /** Fitted in log10 of the value. */
  log: boolean;
  lower: number;
  upper: number;
}

export interface Group {
  /** Paths of a sum-to-one map: the last takes 1 − Σ the others. */
  free: Segment[][];
  dependent: Segment[];
}

const isObject = (o: unknown): o is Record<string, unknown> => o !== null && typeof o === 'object';

/** The value at a path, through own properties only. */
export function getAt(obj: unknown, path: readonly Segment[]): unknown {
  let o = obj;
  for (const k of path) {
    if (!isObject(o) || !Object.hasOwn(o, k)) return undefined;
    o = o[k as string];
  }
  return o;
}

/** Writes a value at a path, creating objects (or arrays before an index) as needed, as own properties. */
function setAt(obj: Record<string, unknown>, path: readonly Segment[], value: unknown): void {
  let o: Record<string, unknown> = obj;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i] as string;
    const next = Object.hasOwn(o, k) ? o[k] : undefined;
    if (!isObject(next)) define(o, k, typeof path[i + 1] === 'number' ? [] : {});
    o = o[k] as Record<string, unknown>;
  }
  define(o, path[path.length - 1] as string, value);
}

function define(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
}

export function label(path: readonly Segment[]): string {
  return path.reduce<string>((acc, k) => joinPath(acc, k), '');
}

/** The fittable parameters of a unit, found by their declared kinds. */
export function fittableParameters(unit: CompiledUnit): { handles: Handle[]; groups: Group[] } {
  const handles: Handle[] = [];
  const groups: Group[] = [];
  const params = unit.params as Record<string, unknown>;
  const push = (path: Segment[], lower = 0, upper = 1, log = false) => {
    const v = getAt(params, path);
    const file = typeof v === 'number' ? v : 0;
    handles.push({ label: label(path), path, file, log: log && file > 0, lower, upper });
  };
  for (const [name, decl] of Object.entries(unit.type.params)) {
    const value = getAt(params, [name]);
    switch (decl.kind) {
      case 'fractions':
        fractionHandles(unit, name, value, push, groups);
        break;
      case 'selectorSplits':
        if (isObject(value)) for (const [outlet, map] of Object.entries(value)) for (const sel of Object.keys(isObject(map) ? map : {})) push([name, outlet, sel]);
        break;
      case 'selectorFractions':
        if (isObject(value)) for (const sel of Object.keys(value)) push([name, sel]);
        break;
      case 'reactions':
        if (Array.isArray(value)) value.forEach((_, i) => push([name, i, 'conversion']));
        break;
      case 'reagents':
        if (isObject(value)) for (const sp of Object.keys(value)) push([name, sp, 'excess'], 0, 100);
        break;
      case 'distribution':
        if (isObject(value)) {
          for (const [x, d] of Object.entries(value)) {
            if (typeof d === 'number') push([name, x], 0, 1e9, true);
            else if (isObject(d) && typeof d.pH50 === 'number') push([name, x, 'pH50'], -20, 30);
          }
        }
        break;
      case 'number':
        if (decl.min === 0 && decl.max === 1 && typeof value === 'number') push([name]);
        break;
      default:
        break;
    }
  }
  return { handles, groups };
}

/** Split fractions: when they sum to 1, the last outlet takes the rest (a group). */
function fractionHandles(unit: CompiledUnit, name: string, value: unknown, push: (path: Segment[]) => void, groups: Group[]): void {
  if (!isObject(value)) return;
  const params = unit.params as Record<string, unknown>;
  const names = Object.entries(unit.type.params).find(([n, d]) => {
    const list = getAt(params, [n]);
    return d.kind === 'names' && Array.isArray(list) && Object.keys(value).every((k) => list.includes(k));
  });
  const keys = names ? (getAt(params, [names[0]]) as string[]) : Object.keys(value);
  const at = (k: string) => (Object.hasOwn(value, k) && typeof value[k] === 'number' ? (value[k] as number) : 0);
  const sum = keys.reduce((a, k) => a + at(k), 0);
  if (keys.length >= 2 && Math.abs(sum - 1) < 1e-9) {
    const free = keys.slice(0, -1).map((k) => [name, k]);
    free.forEach((p) => push(p));
    groups.push({ free, dependent: [name, keys[keys.length - 1]] });
  } else keys.forEach((k) => push([name, k]));
}

/** The unit's parameters with the handles set to θ (log10 where a handle says so) and each group's rest; undefined when a rest would be negative. */
export function parametersAt(unit: CompiledUnit, handles: readonly Handle[], groups: readonly Group[], values: ArrayLike<number>): Record<string, unknown> | undefined {
  const params = structuredClone(unit.params) as Record<string, unknown>;
  handles.forEach((h, i) => setAt(params, h.path, values[i]));
  for (const g of groups) {
    const rest = 1 - g.free.reduce((a, p) => a + (getAt(params, p) as number), 0);
    if (rest < -1e-12) return undefined;
    setAt(params, g.dependent, Math.max(rest, 0));
  }
  return params;
}

export interface FittedValue {
  parameter: string;
  fitted: number | null;
  status: string;
}

/**
 * A copy of the flowsheet with the fitted values written in (parameters not identifiable keep
 * theirs). For a mode, a value goes into the mode's patch of the unit when that patch sets the
 * parameter, and into the base unit otherwise.
 */
export function applyFit(doc: FlowsheetDoc, fits: readonly { unit: string; parameters: readonly FittedValue[] }[], mode?: string): FlowsheetDoc {
  const out = structuredClone(doc);
  for (const fit of fits) {
    for (const p of fit.parameters) {
      if (p.fitted === null || p.status === 'not identifiable') continue;
      const path = parsePath(p.parameter);
      const patch = mode !== undefined ? getAt(out, ['modes', mode, 'units', fit.unit]) : undefined;
      const target = isObject(patch) && getAt(patch, [path[0]]) !== undefined ? patch : getAt(out, ['units', fit.unit]);
      if (isObject(target)) setAt(target, path, p.fitted);
    }
  }
  return out;
}

/** Reads `split.cake["phase:s"]` or `reactions[0].conversion` back into path segments. */
export function parsePath(text: string): Segment[] {
  const out: Segment[] = [];
  const re = /(?:^|\.)([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(JSON.parse(m[3]) as string);
  }
  return out;
}
