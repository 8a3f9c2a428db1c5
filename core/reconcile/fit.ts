/**
 * Unit parameters estimated from reconciled data, unit by unit.
 *
 * The parameters are found by their declared kind, so every unit type is covered without being
 * named: split fractions (`fractions`, kept summing to 1 when they do in the file), separation
 * factors (`selectorSplits`, `selectorFractions`), conversions (`reactions[i].conversion`),
 * reagent excess (`reagents.X.excess`), distribution ratios (`distribution`: D, fitted as log10 D;
 * for an isotherm {pH50, slope}, pH50) and numbers bounded to [0, 1] (entrainment and the like).
 * Stage counts, O/A ratios, pH and feed flows are the pilot's settings and are kept.
 *
 * For each unit, the unit alone is run (sandbox.ts) on its reconciled inlet flows and its
 * parameters adjusted (bounded Levenberg–Marquardt, forward-difference Jacobian) until its outlet
 * flows and doses match the reconciled ones, each weighted by 1 / its reconciled standard
 * deviation. Outlets that are unobservable, or that depend on an unobservable inlet flow, are left
 * out. A parameter no remaining outlet depends on is not identifiable; parameters whose effects
 * cannot be told apart (a null direction of the Jacobian) are identifiable only in combination.
 * Standard deviations propagate the reconciled flows' covariance (inlets and outlets alike,
 * correlations included) through the fit, linearized at the fitted values.
 */
import { joinPath } from '../diagnostics';
import type { FlowsheetDoc } from '../document';
import type { CompiledUnit } from '../compile';
import { dense, dot, pseudoInverseSolve, svd } from './linalg';
import type { Reconciliation } from './reconcile';
import { compileUnit, unitSandbox } from './sandbox';

type Segment = string | number;

interface Handle {
  label: string;
  path: Segment[];
  file: number;
  /** Fitted in log10 of the value. */
  log: boolean;
  lower: number;
  upper: number;
}

interface Group {
  /** Paths of a sum-to-one map: the last takes 1 − Σ the others. */
  free: Segment[][];
  dependent: Segment[];
}

export interface FittedParameter {
  unit: string;
  type: string;
  /** Parameter path within the unit, e.g. `reactions[0].conversion`. */
  parameter: string;
  /** JSON path in the flowsheet file, e.g. `units.leach.reactions[0].conversion`. */
  path: string;
  file: number;
  fitted: number | null;
  sd: number | null;
  status: 'fitted' | 'at bound' | 'not identifiable';
  reason?: string;
}

export interface UnitFit {
  unit: string;
  type: string;
  parameters: FittedParameter[];
  /** Weighted sum of squares of the unit's outlet misfit at the fitted parameters, and how many values it covers. */
  misfit?: { sumOfSquares: number; points: number };
  note?: string;
}

const getAt = (obj: unknown, path: readonly Segment[]): unknown => path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k as string] : undefined), obj);

function setAt(obj: Record<string, unknown>, path: readonly Segment[], value: unknown): void {
  let o: Record<string, unknown> = obj;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i] as string;
    if (o[k] === undefined || o[k] === null || typeof o[k] !== 'object') o[k] = typeof path[i + 1] === 'number' ? [] : {};
    o = o[k] as Record<string, unknown>;
  }
  o[path[path.length - 1] as string] = value;
}

function label(path: readonly Segment[]): string {
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
    const value = params[name];
    switch (decl.kind) {
      case 'fractions': {
        if (!value || typeof value !== 'object') break;
        const map = value as Record<string, number>;
        const names = Object.entries(unit.type.params).find(
          ([n, d]) => d.kind === 'names' && Array.isArray(params[n]) && Object.keys(map).every((k) => (params[n] as string[]).includes(k)),
        );
        const keys = names ? (params[names[0]] as string[]) : Object.keys(map);
        const sum = keys.reduce((a, k) => a + (map[k] ?? 0), 0);
        if (keys.length >= 2 && Math.abs(sum - 1) < 1e-9) {
          const free = keys.slice(0, -1).map((k) => [name, k]);
          free.forEach((p) => push(p));
          groups.push({ free, dependent: [name, keys[keys.length - 1]] });
        } else keys.forEach((k) => push([name, k]));
        break;
      }
      case 'selectorSplits':
        if (value && typeof value === 'object') {
          for (const [outlet, map] of Object.entries(value as Record<string, Record<string, number>>)) for (const sel of Object.keys(map ?? {})) push([name, outlet, sel]);
        }
        break;
      case 'selectorFractions':
        if (value && typeof value === 'object') for (const sel of Object.keys(value)) push([name, sel]);
        break;
      case 'reactions':
        if (Array.isArray(value)) value.forEach((_, i) => push([name, i, 'conversion']));
        break;
      case 'reagents':
        if (value && typeof value === 'object') for (const sp of Object.keys(value)) push([name, sp, 'excess'], 0, 100);
        break;
      case 'distribution':
        if (value && typeof value === 'object') {
          for (const [x, d] of Object.entries(value as Record<string, unknown>)) {
            if (typeof d === 'number') push([name, x], 0, 1e9, true);
            else if (d && typeof d === 'object' && typeof (d as { pH50?: unknown }).pH50 === 'number') push([name, x, 'pH50'], -20, 30);
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

/** Parameters of every non-feed, non-product unit, fitted to the reconciled flows. */
export function fitParameters(rec: Reconciliation): UnitFit[] {
  return rec.plant.units.filter((u) => !u.type.role).map((unit) => fitUnit(rec, unit));
}

function fitUnit(rec: Reconciliation, unit: CompiledUnit): UnitFit {
  const { plant, index } = rec;
  const S = plant.species.list.length;
  const type = unit.type.type;
  const { handles, groups } = fittableParameters(unit);
  const base = { unit: unit.id, type };
  const describe = (h: Handle, fields: Partial<FittedParameter>): FittedParameter => ({
    ...base,
    parameter: h.label,
    path: `${joinPath('units', unit.id)}${h.label.startsWith('[') ? '' : '.'}${h.label}`,
    file: h.file,
    fitted: null,
    sd: null,
    status: 'not identifiable',
    ...fields,
  });
  if (!handles.length) return { ...base, parameters: [], note: 'no parameters to fit' };
  const sandbox0 = unitSandbox(plant, unit);
  if (!sandbox0) return { ...base, parameters: handles.map((h) => describe(h, { reason: 'the unit cannot be run by itself' })), note: 'the unit cannot be run by itself' };

  // Inlets at their reconciled values; which are unobservable.
  const known = (v: number) => rec.status[v] !== 'unobservable';
  const inlets = sandbox0.inletStreams.map((s) => rec.x.slice(plant.streams[s].offset, plant.streams[s].offset + S));
  const unknownInputs: [number, number][] = [];
  sandbox0.inletStreams.forEach((s, i) => {
    for (let k = 0; k < S; k++) if (!known(plant.streams[s].offset + k)) unknownInputs.push([i, k]);
  });
  // Outputs: outlet flows, then doses, with their global unknowns.
  const doseVars = index.doses.filter((d) => d.unit === unit.id).map((d) => d.variable);
  const outputVars = [...sandbox0.outletStreams.flatMap((s) => Array.from({ length: S }, (_, k) => plant.streams[s].offset + k)), ...doseVars];
  // θ in fitting coordinates (log10 for D), and the unit's outputs for a θ.
  const toT = (h: Handle, v: number) => (h.log ? Math.log10(v) : v);
  const fromT = (h: Handle, t: number) => (h.log ? Math.pow(10, t) : t);
  const lo = handles.map((h) => (h.log ? -9 : h.lower));
  const hi = handles.map((h) => (h.log ? 9 : h.upper));
  const sandboxAt = (theta: Float64Array) => {
    const params = structuredClone(unit.params) as Record<string, unknown>;
    handles.forEach((h, i) => setAt(params, h.path, fromT(h, theta[i])));
    for (const g of groups) {
      const rest = 1 - g.free.reduce((a, p) => a + (getAt(params, p) as number), 0);
      if (rest < -1e-12) return undefined;
      setAt(params, g.dependent, Math.max(rest, 0));
    }
    const { model } = compileUnit(plant, unit, params);
    return model && unitSandbox(plant, unit, model);
  };
  const theta0 = Float64Array.from(handles, (h, i) => Math.min(hi[i], Math.max(lo[i], toT(h, h.file))));

  // Outlets that depend on an unobservable inlet flow, at the file's parameters or with any one of
  // them moved inside its bounds (a split of 0 or 1 hides a dependence another value shows).
  const tainted = new Uint8Array(outputVars.length);
  if (unknownInputs.length) {
    const settings = [theta0, ...handles.map((_, i) => {
      const t = theta0.slice();
      t[i] = handles[i].log || hi[i] > 1 ? t[i] + 0.5 : t[i] > 0.5 ? t[i] - 0.25 : t[i] + 0.25;
      return t;
    })];
    // ... and all at once to small generic values, which keeps every "rest" positive.
    settings.push(Float64Array.from(handles, (h, i) => (h.log || hi[i] > 1 ? theta0[i] + 0.5 : 0.2 + 0.1 * ((i * 0.618034) % 1))));
    for (const t of settings) {
      const sb = sandboxAt(t);
      if (!sb) continue;
      const zero = sb.inletStreams.map(() => new Float64Array(S));
      const at0 = flatten(sb.run(zero));
      for (const [i, k] of unknownInputs) {
        const probe = zero.map((z) => z.slice());
        probe[i][k] = 1;
        flatten(sb.run(probe)).forEach((v, o) => {
          if (Math.abs(v - at0[o]) > 1e-12) tainted[o] = 1;
        });
      }
    }
  }
  const used: number[] = [];
  outputVars.forEach((v, o) => {
    // A flow held at zero by its bound says only "at most zero", not "exactly zero": left out.
    if (!tainted[o] && known(v) && rec.status[v] !== 'bound') used.push(o);
  });
  if (!used.length) {
    const reason = unknownInputs.length ? 'its inlet flows are unobservable' : 'its outlet flows are unobservable';
    return { ...base, parameters: handles.map((h) => describe(h, { reason })), note: reason };
  }
  let scale = 0;
  for (const o of used) scale = Math.max(scale, Math.abs(rec.x[outputVars[o]]));
  let sdMax = 0;
  for (const o of used) if (Number.isFinite(rec.sd[outputVars[o]])) sdMax = Math.max(sdMax, rec.sd[outputVars[o]]);
  const floor = Math.max(1e-6 * Math.max(sdMax, 1e-9 * scale), 1e-15);
  const target = used.map((o) => rec.x[outputVars[o]]);
  const weight = used.map((o) => 1 / Math.max(Number.isFinite(rec.sd[outputVars[o]]) ? rec.sd[outputVars[o]] : 0, floor));

  const residual = (theta: Float64Array): Float64Array | undefined => {
    const sb = sandboxAt(theta);
    if (!sb) return undefined;
    const out = flatten(sb.run(inlets));
    const r = new Float64Array(used.length);
    used.forEach((o, j) => (r[j] = (out[o] - target[j]) * weight[j]));
    return r.every(Number.isFinite) ? r : undefined;
  };
  const cost = (r: Float64Array | undefined) => (r ? dot(r, r) : Infinity);
  const jacobianAt = (theta: Float64Array, r0: Float64Array) => {
    const J = dense(used.length, handles.length);
    handles.forEach((_, i) => {
      let h = 1e-6 * Math.max(1, Math.abs(theta[i]));
      if (theta[i] + h > hi[i]) h = -h;
      const t = theta.slice();
      t[i] += h;
      let r = residual(t);
      if (!r) {
        t[i] = theta[i] - h;
        r = residual(t);
        h = -h;
      }
      if (!r) return;
      for (let j = 0; j < used.length; j++) J.data[j * handles.length + i] = (r[j] - r0[j]) / h;
    });
    return J;
  };

  let theta = theta0.slice();
  let r = residual(theta);
  if (!r) return { ...base, parameters: handles.map((h) => describe(h, { reason: 'the file values cannot be run' })), note: 'the unit cannot be run with its own parameters' };
  let mu = 1e-3;
  let J = jacobianAt(theta, r);
  /** Whether J was taken at the current θ. */
  let fresh = true;
  const P = handles.length;
  for (let it = 0; it < 100; it++) {
    const c0 = cost(r);
    const JtJ = new Float64Array(P * P);
    const Jtr = new Float64Array(P);
    for (let a = 0; a < P; a++) {
      for (let j = 0; j < used.length; j++) Jtr[a] += J.data[j * P + a] * r[j];
      for (let b = 0; b < P; b++) {
        let s = 0;
        for (let j = 0; j < used.length; j++) s += J.data[j * P + a] * J.data[j * P + b];
        JtJ[a * P + b] = s;
      }
    }
    let improved = false;
    for (let tries = 0; tries < 30; tries++) {
      const M = dense(P, P);
      for (let a = 0; a < P; a++) for (let b = 0; b < P; b++) M.data[a * P + b] = JtJ[a * P + b] + (a === b ? mu * (JtJ[a * P + a] + 1e-30) : 0);
      const step = pseudoInverseSolve(M, Jtr, 1e-14);
      const next = theta.map((t, a) => Math.min(hi[a], Math.max(lo[a], t - step[a])));
      const rn = residual(next);
      if (cost(rn) < c0) {
        const moved = Math.max(...next.map((t, a) => Math.abs(t - theta[a])));
        theta = next;
        r = rn!;
        fresh = false;
        mu = Math.max(mu / 3, 1e-12);
        improved = true;
        if (moved < 1e-12) it = Infinity;
        break;
      }
      mu *= 4;
    }
    if (!improved || c0 - cost(r) <= 1e-14 * (c0 + 1e-300)) break;
    J = jacobianAt(theta, r);
    fresh = true;
  }
  if (!fresh) J = jacobianAt(theta, r);

  // Identifiability from the Jacobian at the fit.
  const colNorm = handles.map((_, i) => {
    let s = 0;
    for (let j = 0; j < used.length; j++) s += J.data[j * P + i] ** 2;
    return Math.sqrt(s);
  });
  const maxNorm = Math.max(...colNorm);
  const reasons: (string | undefined)[] = handles.map((_, i) => (colNorm[i] <= 1e-7 * Math.max(maxNorm, 1e-300) || colNorm[i] < 1e-9 ? 'no observable outlet flow depends on it' : undefined));
  const live = handles.map((_, i) => i).filter((i) => !reasons[i]);
  const sds = new Array<number | null>(P).fill(null);
  if (live.length) {
    const Js = dense(used.length, live.length);
    for (let j = 0; j < used.length; j++) live.forEach((i, c) => (Js.data[j * live.length + c] = J.data[j * P + i] / colNorm[i]));
    const full = svd(Js, 0);
    const tol = 1e-6 * (full.s[0] ?? 0);
    const strong = full.s.reduce((n, s) => n + (s > tol ? 1 : 0), 0);
    if (strong < live.length) {
      // Null directions: the parameters taking part cannot be told apart.
      const d = svd(Js, 1e-6);
      for (let c = 0; c < live.length; c++) {
        let inRange = 0;
        for (let k = 0; k < d.rank; k++) inRange += d.V.data[c * d.rank + k] ** 2;
        if (1 - inRange > 1e-2) reasons[live[c]] = 'only a combination with other parameters of this unit is determined';
      }
      const together = live.filter((i) => reasons[i]);
      for (const i of together) reasons[i] = `only a combination of ${together.map((t) => handles[t].label).join(', ')} is determined`;
    }
    const ok = live.filter((i) => !reasons[i]);
    if (ok.length) {
      const Jo = dense(used.length, ok.length);
      for (let j = 0; j < used.length; j++) ok.forEach((i, c) => (Jo.data[j * ok.length + c] = J.data[j * P + i]));
      const d = svd(Jo, 1e-12);
      // θ̂ moves with the reconciled flows it is fitted to: dθ = J⁺·W·(dx_out − L·dx_in), L the
      // unit's response to its inlets. Their errors are correlated (they share measurements), so
      // the variance comes through the reconciliation's loadings, not from the residuals.
      const load = (v: number) => rec.loading(new Map([[v, 1]]));
      const rank = rec.loading(new Map())?.length ?? 0;
      const sb = sandboxAt(theta)!;
      const zero = sb.inletStreams.map(() => new Float64Array(S));
      const at0 = flatten(sb.run(zero));
      const inputs: { v: number; response: Float64Array; a: Float64Array }[] = [];
      sb.inletStreams.forEach((s, i) => {
        for (let k = 0; k < S; k++) {
          const v = plant.streams[s].offset + k;
          if (rec.status[v] === 'zero' || rec.status[v] === 'unobservable') continue;
          const a = load(v);
          if (!a) continue;
          const probe = zero.map((z) => z.slice());
          probe[i][k] = 1;
          const out = flatten(sb.run(probe));
          for (let o = 0; o < out.length; o++) out[o] -= at0[o];
          inputs.push({ v, response: out, a });
        }
      });
      const rLoad = used.map((o, j) => {
        const r = new Float64Array(rank);
        const aOut = load(outputVars[o]);
        if (aOut) for (let k = 0; k < rank; k++) r[k] -= aOut[k];
        for (const input of inputs) {
          const l = input.response[o];
          if (l) for (let k = 0; k < rank; k++) r[k] += l * input.a[k];
        }
        for (let k = 0; k < rank; k++) r[k] *= weight[j];
        return r;
      });
      ok.forEach((i, c) => {
        const thetaLoad = new Float64Array(rank);
        for (let k = 0; k < d.rank; k++) {
          const f = d.V.data[c * d.rank + k] / d.s[k];
          rLoad.forEach((r, j) => {
            const g = f * d.U.data[j * d.rank + k];
            if (g) for (let t = 0; t < rank; t++) thetaLoad[t] += g * r[t];
          });
        }
        const sdT = Math.sqrt(dot(thetaLoad, thetaLoad));
        sds[i] = handles[i].log ? fromT(handles[i], theta[i]) * Math.LN10 * sdT : sdT;
      });
    }
  }
  // Practically not identifiable: the data leave it uncertain over much of its range.
  handles.forEach((h, i) => {
    if (reasons[i] || sds[i] === null) return;
    const sdT = h.log ? sds[i]! / (fromT(h, theta[i]) * Math.LN10) : sds[i]!;
    const limit = h.log ? 1 : h.upper <= 1 ? 0.25 : 1;
    if (sdT > limit) reasons[i] = `the data hardly depend on it (${fmt(fromT(h, theta[i]))} ± ${fmt(sds[i]!)})`;
  });
  const parameters = handles.map((h, i) => {
    if (reasons[i]) return describe(h, { reason: reasons[i] });
    const value = fromT(h, theta[i]);
    const atBound = !h.log && (Math.abs(theta[i] - lo[i]) < 1e-9 || Math.abs(theta[i] - hi[i]) < 1e-9) && Math.abs(value - h.file) > 0;
    return describe(h, { fitted: value, sd: sds[i], status: atBound ? 'at bound' : 'fitted' });
  });
  // The member of a sum-to-one map that takes the rest.
  for (const g of groups) {
    const members = g.free.map((p) => parameters[handles.findIndex((h) => h.path === p)]);
    const file = getAt(unit.params, g.dependent);
    const h: Handle = { label: label(g.dependent), path: g.dependent, file: typeof file === 'number' ? file : 0, log: false, lower: 0, upper: 1 };
    if (members.some((m) => m.fitted === null)) {
      parameters.push(describe(h, { reason: 'it is 1 minus the others, which are not all identifiable' }));
      continue;
    }
    const value = Math.max(0, 1 - members.reduce((a, m) => a + m.fitted!, 0));
    const variance = members.reduce((a, m) => a + (m.sd ?? 0) ** 2, 0);
    parameters.push(describe(h, { fitted: value, sd: Math.sqrt(variance), status: 'fitted', reason: '1 minus the others' }));
  }
  return { ...base, parameters, misfit: { sumOfSquares: cost(r), points: used.length } };
}

const fmt = (x: number) => Number(x.toPrecision(3)).toString();

function flatten(run: { outlets: Float64Array[]; doses: Float64Array }): Float64Array {
  const S = run.outlets[0]?.length ?? 0;
  const out = new Float64Array(run.outlets.length * S + run.doses.length);
  run.outlets.forEach((o, i) => out.set(o, i * S));
  out.set(run.doses, run.outlets.length * S);
  return out;
}


/**
 * A copy of the flowsheet with the fitted values written in (parameters not identifiable keep
 * theirs). For a mode, a value goes into the mode's patch of the unit when that patch sets the
 * parameter, and into the base unit otherwise.
 */
export function applyFit(doc: FlowsheetDoc, fits: readonly UnitFit[], mode?: string): FlowsheetDoc {
  const out = structuredClone(doc);
  for (const fit of fits) {
    for (const p of fit.parameters) {
      if (p.fitted === null || p.status === 'not identifiable') continue;
      const path = parsePath(p.parameter);
      const patch = mode !== undefined ? out.modes?.[mode]?.units?.[fit.unit] : undefined;
      const target = patch && getAt(patch, [path[0]]) !== undefined ? patch : out.units[fit.unit];
      if (target) setAt(target as Record<string, unknown>, path, p.fitted);
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
