/**
 * Unit parameters estimated from reconciled data, unit by unit (the parameters: params.ts).
 *
 * For each unit, the unit alone is run (sandbox.ts) on its reconciled inlet flows and its
 * parameters adjusted (bounded Levenberg–Marquardt, least-squares.ts, forward-difference Jacobian)
 * until its outlet flows and doses match the reconciled ones, each weighted by 1 / its reconciled
 * standard deviation. Outlets that are unobservable, or that depend on an unobservable inlet flow,
 * are left out. A parameter no remaining outlet depends on is not identifiable; parameters whose
 * effects cannot be told apart (a null direction of the Jacobian) are identifiable only in
 * combination. Standard deviations propagate the reconciled flows' covariance (inlets and outlets
 * alike, correlations included) through the fit, linearized at the fitted values.
 */
import { joinPath } from '../diagnostics';
import type { CompiledUnit } from '../compile';
import { dense, dot, svd, type Dense } from './linalg';
import { levenbergMarquardt } from './least-squares';
import { fittableParameters, getAt, label, parametersAt, type Group, type Handle } from './params';
import type { Reconciliation } from './reconcile';
import { compileUnit, unitSandbox, type UnitSandbox } from './sandbox';
import { streamVariable } from './variables';

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

/** Parameters of every non-feed, non-product unit, fitted to the reconciled flows. */
export function fitParameters(rec: Reconciliation, sandboxes?: readonly (UnitSandbox | undefined)[]): UnitFit[] {
  return rec.plant.units.flatMap((unit, u) => (unit.type.role ? [] : [fitUnit(rec, unit, sandboxes ? sandboxes[u] : unitSandbox(rec.plant, unit))]));
}

/** A unit set up for fitting: its parameters, its reconciled inlets and outputs, and the unit run at trial values. */
interface Setup {
  rec: Reconciliation;
  unit: CompiledUnit;
  handles: Handle[];
  groups: Group[];
  sandbox: UnitSandbox;
  inlets: Float64Array[];
  /** Inlet species the data do not determine: [inlet, species]. */
  unknownInputs: [number, number][];
  /** Outlet flows then doses, as reconciliation unknowns. */
  outputVars: number[];
  lo: Float64Array;
  hi: Float64Array;
  theta0: Float64Array;
  /** The unit run with parameters θ (fitting coordinates); undefined when they cannot be. */
  at(theta: Float64Array): UnitSandbox | undefined;
}

const toT = (h: Handle, v: number) => (h.log ? Math.log10(v) : v);
const fromT = (h: Handle, t: number) => (h.log ? Math.pow(10, t) : t);
const fmt = (x: number) => Number(x.toPrecision(3)).toString();

function fitUnit(rec: Reconciliation, unit: CompiledUnit, sandbox: UnitSandbox | undefined): UnitFit {
  const base = { unit: unit.id, type: unit.type.type };
  const { handles, groups } = fittableParameters(unit);
  if (!handles.length) return { ...base, parameters: [], note: 'no parameters to fit' };
  const none = (reason: string, note = reason): UnitFit => ({ ...base, parameters: handles.map((h) => describe(unit, h, { reason })), note });
  if (!sandbox) return none('the unit cannot be run by itself');
  const setup = setUp(rec, unit, handles, groups, sandbox);
  const used = usedOutputs(setup, taintedOutputs(setup));
  if (!used.length) return none(setup.unknownInputs.length ? 'its inlet flows are unobservable' : 'its outlet flows are unobservable');
  const { target, weight } = targets(setup, used);
  const residual = (theta: Float64Array) => residualAt(setup, used, target, weight, theta);
  const r0 = residual(setup.theta0);
  if (!r0) return none('the file values cannot be run', 'the unit cannot be run with its own parameters');
  const fit = fitLive(setup, residual, r0, used.length);
  const { reasons, sds } = identify(setup, fit.J, fit.theta, used, weight);
  const parameters = handles.map((h, i) => resultOf(unit, h, i, fit.theta, reasons[i], sds[i], setup));
  parameters.push(...groups.map((g) => groupResult(unit, g, handles, parameters)));
  return { ...base, parameters, misfit: { sumOfSquares: dot(fit.r, fit.r), points: used.length } };
}

const isDead = (norms: readonly number[], i: number) => {
  const max = Math.max(...norms);
  return norms[i] <= 1e-7 * Math.max(max, 1e-300) || norms[i] < 1e-9;
};

function columnNorms(J: Dense): number[] {
  return Array.from({ length: J.cols }, (_, i) => {
    let t = 0;
    for (let j = 0; j < J.rows; j++) t += J.data[j * J.cols + i] ** 2;
    return Math.sqrt(t);
  });
}

/**
 * Levenberg–Marquardt on the parameters some outlet depends on at the file's values (the others
 * would not move); if a parameter left out has come to matter at the fit, all of them are fitted
 * together. Returned with the Jacobian at the fit by central differences, error O(h²) = 1e-8, on
 * which the parameters' precision rests: forward differences leave an error of the step's size
 * (1e-6), which can pass for a small singular value of two nearly dependent parameters and give
 * them a precision they do not have.
 */
function fitLive(s: Setup, residual: (theta: Float64Array) => Float64Array | undefined, r0: Float64Array, rows: number): { theta: Float64Array; r: Float64Array; J: Dense } {
  const P = s.handles.length;
  const all = Array.from({ length: P }, (_, i) => i);
  const forward = (theta: Float64Array, r: Float64Array, cols: readonly number[]) => jacobianAt(s, residual, theta, r, rows, cols);
  const atFit = (theta: Float64Array, r: Float64Array) => ({ theta, r, J: jacobianAt(s, residual, theta, r, rows, all, true) });
  const J0 = forward(s.theta0, r0, all);
  const norms0 = columnNorms(J0);
  const live = all.filter((i) => !isDead(norms0, i));
  const fitAll = () => {
    const fit = levenbergMarquardt({ residual, jacobian: (theta, r) => forward(theta, r, all), lower: s.lo, upper: s.hi }, s.theta0, r0, 100, J0, false);
    return atFit(fit.theta, fit.r);
  };
  if (live.length === P) return fitAll();
  if (!live.length) return atFit(s.theta0, r0);
  const embed = (phi: Float64Array) => {
    const theta = s.theta0.slice();
    live.forEach((i, c) => (theta[i] = phi[c]));
    return theta;
  };
  const sub = levenbergMarquardt(
    {
      residual: (phi) => residual(embed(phi)),
      jacobian: (phi, r) => columnsOf(forward(embed(phi), r, live), live),
      lower: live.map((i) => s.lo[i]),
      upper: live.map((i) => s.hi[i]),
    },
    Float64Array.from(live, (i) => s.theta0[i]),
    r0,
    100,
    columnsOf(J0, live),
    false,
  );
  const fit = atFit(embed(sub.theta), sub.r);
  const norms = columnNorms(fit.J);
  return all.some((i) => !live.includes(i) && !isDead(norms, i)) ? fitAll() : fit;
}

/** The chosen columns of J, as a matrix of their own. */
function columnsOf(J: Dense, cols: readonly number[]): Dense {
  const out = dense(J.rows, cols.length);
  for (let j = 0; j < J.rows; j++) cols.forEach((i, c) => (out.data[j * cols.length + c] = J.data[j * J.cols + i]));
  return out;
}

function describe(unit: CompiledUnit, h: Handle, fields: Partial<FittedParameter>): FittedParameter {
  return {
    unit: unit.id,
    type: unit.type.type,
    parameter: h.label,
    path: `${joinPath('units', unit.id)}${h.label.startsWith('[') ? '' : '.'}${h.label}`,
    file: h.file,
    fitted: null,
    sd: null,
    status: 'not identifiable',
    ...fields,
  };
}

function setUp(rec: Reconciliation, unit: CompiledUnit, handles: Handle[], groups: Group[], sandbox: UnitSandbox): Setup {
  const { plant, index } = rec;
  const S = plant.species.list.length;
  const known = (v: number) => rec.status[v] !== 'unobservable';
  const inlets = sandbox.inletStreams.map((s) => Float64Array.from({ length: S }, (_, k) => rec.x[streamVariable(index, s, k)]));
  const unknownInputs: [number, number][] = [];
  sandbox.inletStreams.forEach((s, i) => {
    for (let k = 0; k < S; k++) if (!known(streamVariable(index, s, k))) unknownInputs.push([i, k]);
  });
  const doseVars = index.doses.filter((d) => d.unit === unit.id).map((d) => d.variable);
  const outputVars = [...sandbox.outletStreams.flatMap((s) => Array.from({ length: S }, (_, k) => streamVariable(index, s, k))), ...doseVars];
  const lo = Float64Array.from(handles, (h) => (h.log ? -9 : h.lower));
  const hi = Float64Array.from(handles, (h) => (h.log ? 9 : h.upper));
  const theta0 = Float64Array.from(handles, (h, i) => Math.min(hi[i], Math.max(lo[i], toT(h, h.file))));
  const at = (theta: Float64Array) => {
    const params = parametersAt(unit, handles, groups, Float64Array.from(handles, (h, i) => fromT(h, theta[i])));
    if (!params) return undefined;
    const { model } = compileUnit(plant, unit, params);
    return model && unitSandbox(plant, unit, model);
  };
  return { rec, unit, handles, groups, sandbox, inlets, unknownInputs, outputVars, lo, hi, theta0, at };
}

/**
 * Outputs that depend on an unobservable inlet flow, at the file's parameters or with any one of
 * them moved inside its bounds (a split of 0 or 1 hides a dependence another value shows), and
 * with all at once at small generic values, which keeps every "rest" positive.
 */
function taintedOutputs(s: Setup): Uint8Array {
  const tainted = new Uint8Array(s.outputVars.length);
  if (!s.unknownInputs.length) return tainted;
  const { theta0, handles, hi } = s;
  const moved = (i: number) => (handles[i].log || hi[i] > 1 ? theta0[i] + 0.5 : theta0[i] > 0.5 ? theta0[i] - 0.25 : theta0[i] + 0.25);
  const settings = [
    theta0,
    ...handles.map((_, i) => {
      const t = theta0.slice();
      t[i] = moved(i);
      return t;
    }),
    Float64Array.from(handles, (h, i) => (h.log || hi[i] > 1 ? theta0[i] + 0.5 : 0.2 + 0.1 * ((i * 0.618034) % 1))),
  ];
  const S = s.rec.plant.species.list.length;
  for (const t of settings) {
    const sb = s.at(t);
    if (!sb) continue;
    const response = new Float64Array(sb.nOwn);
    for (const [i, k] of s.unknownInputs) {
      sb.respond(i, k, response);
      outputsOf(sb, response, S).forEach((v, o) => {
        if (Math.abs(v) > 1e-12) tainted[o] = 1;
      });
    }
  }
  return tainted;
}

/** Outputs the fit uses: determined, untainted, and not held at zero by a bound ("at most zero" is not "exactly zero"). */
function usedOutputs(s: Setup, tainted: Uint8Array): number[] {
  const { rec } = s;
  return s.outputVars.flatMap((v, o) => (!tainted[o] && rec.status[v] !== 'unobservable' && rec.status[v] !== 'bound' ? [o] : []));
}

function targets(s: Setup, used: readonly number[]): { target: Float64Array; weight: Float64Array } {
  const { rec, outputVars } = s;
  let scale = 0;
  let sdMax = 0;
  for (const o of used) {
    scale = Math.max(scale, Math.abs(rec.x[outputVars[o]]));
    if (Number.isFinite(rec.sd[outputVars[o]])) sdMax = Math.max(sdMax, rec.sd[outputVars[o]]);
  }
  const floor = Math.max(1e-6 * Math.max(sdMax, 1e-9 * scale), 1e-15);
  const sd = (o: number) => (Number.isFinite(rec.sd[outputVars[o]]) ? rec.sd[outputVars[o]] : 0);
  return { target: Float64Array.from(used, (o) => rec.x[outputVars[o]]), weight: Float64Array.from(used, (o) => 1 / Math.max(sd(o), floor)) };
}

function residualAt(s: Setup, used: readonly number[], target: Float64Array, weight: Float64Array, theta: Float64Array): Float64Array | undefined {
  const sb = s.at(theta);
  if (!sb) return undefined;
  const out = flatten(sb.run(s.inlets));
  const r = new Float64Array(used.length);
  used.forEach((o, j) => (r[j] = (out[o] - target[j]) * weight[j]));
  return r.every(Number.isFinite) ? r : undefined;
}

/**
 * Forward differences, stepping inward at an upper bound and backward where forward fails (columns
 * `cols`; the others 0); `central` differences where both sides lie inside the bounds.
 */
function jacobianAt(s: Setup, residual: (theta: Float64Array) => Float64Array | undefined, theta: Float64Array, r0: Float64Array, rows: number, cols: readonly number[], central = false): Dense {
  const P = s.handles.length;
  const J = dense(rows, P);
  for (const i of cols) {
    if (central && centralColumn(s, residual, theta, rows, i, J)) continue;
    let h = 1e-6 * Math.max(1, Math.abs(theta[i]));
    if (theta[i] + h > s.hi[i]) h = -h;
    const t = theta.slice();
    t[i] += h;
    let r = residual(t);
    if (!r) {
      t[i] = theta[i] - h;
      r = residual(t);
      h = -h;
    }
    if (!r) continue;
    for (let j = 0; j < rows; j++) J.data[j * P + i] = (r[j] - r0[j]) / h;
  }
  return J;
}

/** Column i of J by central differences, when θ ± h stay inside the bounds and both runs succeed. */
function centralColumn(s: Setup, residual: (theta: Float64Array) => Float64Array | undefined, theta: Float64Array, rows: number, i: number, J: Dense): boolean {
  const h = 1e-4 * Math.max(1, Math.abs(theta[i]));
  if (theta[i] - h < s.lo[i] || theta[i] + h > s.hi[i]) return false;
  const t = theta.slice();
  t[i] = theta[i] + h;
  const up = residual(t);
  t[i] = theta[i] - h;
  const down = residual(t);
  if (!up || !down) return false;
  for (let j = 0; j < rows; j++) J.data[j * J.cols + i] = (up[j] - down[j]) / (2 * h);
  return true;
}

/** Which parameters the data determine (and why not), and the standard deviations of those they do. */
function identify(s: Setup, J: Dense, theta: Float64Array, used: readonly number[], weight: Float64Array): { reasons: (string | undefined)[]; sds: (number | null)[] } {
  const { handles } = s;
  const P = handles.length;
  const colNorm = columnNorms(J);
  const reasons: (string | undefined)[] = colNorm.map((_, i) => (isDead(colNorm, i) ? 'no observable outlet flow depends on it' : undefined));
  const live = handles.map((_, i) => i).filter((i) => !reasons[i]);
  const sds = new Array<number | null>(P).fill(null);
  if (live.length) {
    combinations(J, live, colNorm, handles, reasons);
    const ok = live.filter((i) => !reasons[i]);
    if (ok.length) propagate(s, J, ok, theta, used, weight).forEach((sd, c) => (sds[ok[c]] = sd));
  }
  // Practically not identifiable: the data leave it uncertain over much of its range.
  handles.forEach((h, i) => {
    if (reasons[i] || sds[i] === null) return;
    const sdT = h.log ? sds[i]! / (fromT(h, theta[i]) * Math.LN10) : sds[i]!;
    const limit = h.log ? 1 : h.upper <= 1 ? 0.25 : 1;
    if (sdT > limit) reasons[i] = `the data hardly depend on it (${fmt(fromT(h, theta[i]))} ± ${fmt(sds[i]!)})`;
  });
  return { reasons, sds };
}

/** Null directions of the scaled Jacobian: the parameters taking part cannot be told apart. */
function combinations(J: Dense, live: number[], colNorm: number[], handles: Handle[], reasons: (string | undefined)[]): void {
  const P = handles.length;
  const Js = dense(J.rows, live.length);
  for (let j = 0; j < J.rows; j++) live.forEach((i, c) => (Js.data[j * live.length + c] = J.data[j * P + i] / colNorm[i]));
  const full = svd(Js, 0);
  const tol = 1e-6 * (full.s[0] ?? 0);
  const strong = full.s.reduce((n, v) => n + (v > tol ? 1 : 0), 0);
  if (strong >= live.length) return;
  const d = svd(Js, 1e-6);
  for (let c = 0; c < live.length; c++) {
    let inRange = 0;
    for (let k = 0; k < d.rank; k++) inRange += d.V.data[c * d.rank + k] ** 2;
    if (1 - inRange > 1e-2) reasons[live[c]] = 'only a combination with other parameters of this unit is determined';
  }
  const together = live.filter((i) => reasons[i]);
  for (const i of together) reasons[i] = `only a combination of ${together.map((t) => handles[t].label).join(', ')} is determined`;
}

/**
 * θ̂ moves with the reconciled flows it is fitted to: dθ = J⁺·W·(dx_out − L·dx_in), L the unit's
 * response to its inlets. Their errors are correlated (they share measurements), so the variance
 * comes through the reconciliation's loadings, not from the residuals.
 */
function propagate(s: Setup, J: Dense, ok: number[], theta: Float64Array, used: readonly number[], weight: Float64Array): number[] {
  const { rec, handles } = s;
  const P = handles.length;
  const S = rec.plant.species.list.length;
  const Jo = dense(J.rows, ok.length);
  for (let j = 0; j < J.rows; j++) ok.forEach((i, c) => (Jo.data[j * ok.length + c] = J.data[j * P + i]));
  const d = svd(Jo, 1e-12);
  const load = (v: number) => rec.loading(new Map([[v, 1]]));
  const rank = rec.loadingLength;
  const sb = s.at(theta)!;
  const own = new Float64Array(sb.nOwn);
  const inputs: { response: Float64Array; a: Float64Array }[] = [];
  sb.inletStreams.forEach((st, i) => {
    for (let k = 0; k < S; k++) {
      const v = streamVariable(rec.index, st, k);
      if (rec.status[v] === 'zero' || rec.status[v] === 'unobservable') continue;
      const a = load(v);
      if (!a) continue;
      sb.respond(i, k, own);
      inputs.push({ response: outputsOf(sb, own, S), a });
    }
  });
  const rLoad = used.map((o, j) => {
    const r = new Float64Array(rank);
    const aOut = load(s.outputVars[o]);
    if (aOut) for (let k = 0; k < rank; k++) r[k] -= aOut[k];
    for (const input of inputs) {
      const l = input.response[o];
      if (l) for (let k = 0; k < rank; k++) r[k] += l * input.a[k];
    }
    for (let k = 0; k < rank; k++) r[k] *= weight[j];
    return r;
  });
  return ok.map((i, c) => {
    const thetaLoad = new Float64Array(rank);
    for (let k = 0; k < d.rank; k++) {
      const f = d.V.data[c * d.rank + k] / d.s[k];
      rLoad.forEach((r, j) => {
        const g = f * d.U.data[j * d.rank + k];
        if (g) for (let t = 0; t < rank; t++) thetaLoad[t] += g * r[t];
      });
    }
    const sdT = Math.sqrt(dot(thetaLoad, thetaLoad));
    return handles[i].log ? fromT(handles[i], theta[i]) * Math.LN10 * sdT : sdT;
  });
}

function resultOf(unit: CompiledUnit, h: Handle, i: number, theta: Float64Array, reason: string | undefined, sd: number | null, s: Setup): FittedParameter {
  if (reason) return describe(unit, h, { reason });
  const value = fromT(h, theta[i]);
  // At a bound it moved to, not one the file put it at (round-off is not a move).
  const atBound = !h.log && (Math.abs(theta[i] - s.lo[i]) < 1e-9 || Math.abs(theta[i] - s.hi[i]) < 1e-9) && Math.abs(value - h.file) > 1e-12;
  return describe(unit, h, { fitted: value, sd, status: atBound ? 'at bound' : 'fitted' });
}

/** The member of a sum-to-one map that takes the rest. */
function groupResult(unit: CompiledUnit, g: Group, handles: Handle[], parameters: FittedParameter[]): FittedParameter {
  const members = g.free.map((p) => parameters[handles.findIndex((h) => h.path === p)]);
  const file = getAt(unit.params, g.dependent);
  const h: Handle = { label: label(g.dependent), path: g.dependent, file: typeof file === 'number' ? file : 0, log: false, lower: 0, upper: 1 };
  if (members.some((m) => m.fitted === null)) return describe(unit, h, { reason: 'it is 1 minus the others, which are not all identifiable' });
  const value = Math.max(0, 1 - members.reduce((a, m) => a + m.fitted!, 0));
  const variance = members.reduce((a, m) => a + (m.sd ?? 0) ** 2, 0);
  return describe(unit, h, { fitted: value, sd: Math.sqrt(variance), status: 'fitted', reason: '1 minus the others' });
}

/** Outlet flows then doses, from a vector of the unit's own unknowns (the order flatten gives). */
function outputsOf(sb: UnitSandbox, own: Float64Array, S: number): Float64Array {
  const nOut = sb.outletStreams.length * S;
  const out = new Float64Array(nOut + sb.doseLocal.length);
  out.set(own.subarray(0, nOut));
  sb.doseLocal.forEach((l, r) => (out[nOut + r] = own[l]));
  return out;
}

function flatten(run: { outlets: Float64Array[]; doses: Float64Array }): Float64Array {
  const S = run.outlets[0]?.length ?? 0;
  const out = new Float64Array(run.outlets.length * S + run.doses.length);
  run.outlets.forEach((o, i) => out.set(o, i * S));
  out.set(run.doses, run.outlets.length * S);
  return out;
}

