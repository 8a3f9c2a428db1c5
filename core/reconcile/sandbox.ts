/**
 * One unit of a compiled plant, taken out and run by itself: its own equations, with its inlet
 * streams given. Reconciliation uses it to learn what a unit can transform (its response to each
 * inlet species) and parameter fitting to run the unit with trial parameters. The unit is reached
 * only through the UnitType/UnitModel contract, so this works for every unit type, present or future.
 */
import { makeContext, type CompiledFlowsheet, type CompiledUnit } from '../compile';
import type { ReactionCheck } from '../context';
import { formatDiagnostic, joinPath, type Diagnostic } from '../diagnostics';
import { equationBuilder, type UnitModel } from '../unit-type';
import { norm, orthonormalize } from './linalg';
import { seededRng } from './rng';
import { CsrBuilder, csrToCsc, luFactor as sparseLu, luSolve as sparseSolve, luSolveInto, type LuFactors } from '../sparse';

const INPUT = 1 << 30;

export interface UnitSandbox {
  unit: CompiledUnit;
  model: UnitModel;
  /** Streams leaving the unit, in port order; local unknowns o·S … o·S + S − 1. */
  outletStreams: number[];
  /** Streams entering the unit from elsewhere (a stream from the unit to itself is an unknown). */
  inletStreams: number[];
  /** Local unknowns: outlets then internals. */
  nOwn: number;
  /** Runs the unit: inlet flows (kmol/h, S per inlet stream, in inletStreams order) → outlets, doses, internals. */
  run(inlets: readonly ArrayLike<number>[]): { outlets: Float64Array[]; doses: Float64Array; own: Float64Array };
  /** How its own unknowns move per kmol/h of species k in inlet i (the unit is linear): written into `out` (length nOwn). */
  respond(i: number, k: number, out: Float64Array): void;
  /** How its own unknowns move for inlet flows `w` (S per inlet, in inletStreams order), written into `out`. */
  respondTo(w: ArrayLike<number>, out: Float64Array): void;
  /** Local positions of the reagent doses among its own unknowns. */
  doseLocal: readonly number[];
}

/** The unit's equations as A·own + B·inlets = c, factorized; undefined when they do not determine the unit. */
export function unitSandbox(plant: CompiledFlowsheet, unit: CompiledUnit, model: UnitModel = unit.model): UnitSandbox | undefined {
  const layout = localLayout(plant, unit, model);
  const system = unitEquations(unit, model, layout);
  if (!system) return undefined;
  // The unit's own equations, factorized once (the core's sparse LU).
  let lu: LuFactors | undefined;
  if (layout.nOwn) {
    const f = sparseLu(csrToCsc(system.A.build()));
    if (f.singular) return undefined;
    lu = f;
  }
  return sandboxOf(unit, model, layout, system.B, system.c, lu);
}

/** Where the unit's unknowns sit locally: outlets (o·S …), then internals; inlets from INPUT on. */
interface LocalLayout {
  S: number;
  outletStreams: number[];
  inletStreams: number[];
  outletLocal: Map<number, number>;
  inletLocal: Map<number, number>;
  nOwn: number;
}

/** The rows each inlet species enters and its coefficients there: B by column. */
interface InletColumns {
  rows: Int32Array[];
  values: Float64Array[];
}

function localLayout(plant: CompiledFlowsheet, unit: CompiledUnit, model: UnitModel): LocalLayout {
  const S = plant.species.list.length;
  const outletStreams = [...unit.outlets.values()];
  const outletLocal = new Map(outletStreams.map((s, o) => [s, o * S]));
  const inletStreams = [...new Set([...unit.inlets.values()].flat())].filter((s) => !outletLocal.has(s));
  const inletLocal = new Map(inletStreams.map((s, i) => [s, INPUT + i * S]));
  const nOwn = outletStreams.length * S + (model.internals ?? 0);
  return { S, outletStreams, inletStreams, outletLocal, inletLocal, nOwn };
}

/** The unit's equations written locally; undefined when one unknown is defined twice or none. */
function unitEquations(unit: CompiledUnit, model: UnitModel, layout: LocalLayout): { A: CsrBuilder; B: InletColumns; c: Float64Array } | undefined {
  const { S, outletStreams, outletLocal, inletLocal, nOwn } = layout;
  const A = new CsrBuilder(nOwn, 4 * nOwn);
  const bCols: { row: number; value: number }[][] = Array.from({ length: layout.inletStreams.length * S }, () => []);
  const c = new Float64Array(nOwn);
  const defined = new Uint8Array(nOwn);
  let broken = false;
  let row = -1;
  const eq = equationBuilder({
    nSpecies: S,
    outlet(port) {
      const s = unit.outlets.get(port);
      if (s === undefined) throw new Error(`unit "${unit.id}" has no outlet "${port}"`);
      return outletLocal.get(s)!;
    },
    inlets(port) {
      return (unit.inlets.get(port) ?? []).map((s) => outletLocal.get(s) ?? inletLocal.get(s)!);
    },
    internal(i) {
      return outletStreams.length * S + i;
    },
    begin(target, rhs = 0) {
      row = -1;
      if (target < 0 || target >= nOwn || defined[target]) {
        broken = true;
        return;
      }
      defined[target] = 1;
      row = target;
      A.add(target, target, 0);
      c[target] = rhs;
    },
    term(v, coef) {
      if (row < 0) return;
      if (v >= INPUT) bCols[v - INPUT].push({ row, value: coef });
      else A.add(row, v, coef);
    },
  });
  model.equations(eq);
  // A nonlinear unit writes the rest as its documented linear relaxation.
  model.linearize?.(eq, { value: () => 0, initial: true });
  if (broken || defined.some((d) => !d)) return undefined;
  const B = { rows: bCols.map((list) => Int32Array.from(list, (e) => e.row)), values: bCols.map((list) => Float64Array.from(list, (e) => e.value)) };
  return { A, B, c };
}

/** The sandbox's runs and responses, from B, c and the factors of A. */
function sandboxOf(unit: CompiledUnit, model: UnitModel, layout: LocalLayout, B: InletColumns, c: Float64Array, lu: LuFactors | undefined): UnitSandbox {
  const { S, outletStreams, inletStreams, nOwn } = layout;
  const { rows: bRows, values: bVals } = B;
  const doses = model.reagents ?? [];
  const doseLocal = doses.map((g) => outletStreams.length * S + g.internal);
  const work = new Float64Array(nOwn);
  return {
    unit,
    model,
    outletStreams,
    inletStreams,
    nOwn,
    doseLocal,
    respond(i, k, out) {
      out.fill(0);
      const rows = bRows[i * S + k];
      const vals = bVals[i * S + k];
      for (let t = 0; t < rows.length; t++) out[rows[t]] -= vals[t];
      if (lu) luSolveInto(lu, out, out, work);
    },
    respondTo(w, out) {
      out.fill(0);
      for (let c = 0; c < bRows.length; c++) {
        const wc = w[c];
        if (wc === 0) continue;
        const rows = bRows[c];
        const vals = bVals[c];
        for (let t = 0; t < rows.length; t++) out[rows[t]] -= vals[t] * wc;
      }
      if (lu) luSolveInto(lu, out, out, work);
    },
    run(inlets) {
      const rhs = Float64Array.from(c);
      inlets.forEach((flows, i) => {
        for (let k = 0; k < S; k++) {
          const v = flows[k];
          if (v === 0) continue;
          const rows = bRows[i * S + k];
          const vals = bVals[i * S + k];
          for (let t = 0; t < rows.length; t++) rhs[rows[t]] -= vals[t] * v;
        }
      });
      const own = lu ? sparseSolve(lu, rhs) : new Float64Array(0);
      const outlets = outletStreams.map((_, o) => own.slice(o * S, o * S + S));
      return { outlets, doses: Float64Array.from(doseLocal, (l) => own[l]), own };
    },
  };
}

/**
 * Directions in which the unit changes its species flows, Σ outlets − Σ inlets − doses, over all
 * inlet flows (the range of its response): empty for a mixer, splitter or separator; a phase
 * transfer per extracted species for sx; the reactions' stoichiometry for a reactor.
 */
export function transformations(sandbox: UnitSandbox, S: number): Float64Array[] {
  const { model, doseLocal } = sandbox;
  const reagents = model.reagents ?? [];
  const nOut = sandbox.outletStreams.length;
  const nIn = sandbox.inletStreams.length;
  /** Σ outlets − doses of a vector of own unknowns (the inlets are taken off by the caller). */
  const change = (own: ArrayLike<number>) => {
    const d = new Float64Array(S);
    for (let o = 0; o < nOut; o++) for (let k = 0; k < S; k++) d[k] += own[o * S + k];
    reagents.forEach((g, r) => (d[g.species] -= own[doseLocal[r]]));
    return d;
  };
  const base = change(sandbox.run(sandbox.inletStreams.map(() => new Float64Array(S))).own);
  const directions = [base];
  // The unit is linear, so its responses to random inlet flows span what its responses to every
  // inlet species span (a random flow misses a direction with probability 0): probe until three
  // probes in a row add no direction, instead of one solve per inlet species.
  const rng = seededRng(nIn * 7919 + S);
  const own = new Float64Array(sandbox.nOwn);
  const w = new Float64Array(nIn * S);
  const found: Float64Array[] = [];
  let largest = 0;
  for (let misses = 0, probes = 0; misses < 3 && probes < nIn * S + 3; probes++) {
    for (let c = 0; c < w.length; c++) w[c] = rng.normal();
    sandbox.respondTo(w, own);
    const d = change(own);
    for (let i = 0; i < nIn; i++) for (let k = 0; k < S; k++) d[k] -= w[i * S + k];
    for (let j = 0; j < S; j++) if (Math.abs(d[j]) < 1e-12) d[j] = 0;
    const size = norm(d);
    largest = Math.max(largest, size);
    const fresh = orthonormalize([d], 1e-9, found);
    if (size > 1e-9 * largest && fresh.length) {
      found.push(fresh[0]);
      directions.push(d);
      misses = 0;
    } else misses++;
  }
  for (let j = 0; j < S; j++) if (Math.abs(base[j]) < 1e-12) base[j] = 0;
  return directions;
}

/**
 * Compiles a unit's model again with other parameters; the problems are returned, not thrown.
 * `reactionCache` keeps the unit's parsed reactions from one trial to the next.
 */
export function compileUnit(
  plant: CompiledFlowsheet,
  unit: CompiledUnit,
  params: Record<string, unknown>,
  reactionCache: Map<string, ReactionCheck> = plant.reactionCache,
): { model?: UnitModel; problems: string[] } {
  const diagnostics: Diagnostic[] = [];
  const ctx = makeContext(unit, joinPath('units', unit.id), plant.species, plant.basis, { errors: diagnostics, reactionCache });
  const model = unit.type.compile(params as never, ctx);
  const problems = diagnostics.map(formatDiagnostic);
  return problems.length || !model ? { problems: problems.length ? problems : ['the unit could not be compiled'] } : { model, problems };
}

