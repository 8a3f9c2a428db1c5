/**
 * A compiled plant that can be changed and re-solved: the library's main object.
 *
 *   const plant = compilePlant(doc, registry, { mode: 'nmc622' });
 *   plant.set(['units', 'tee', 'fractions', 'bleed'], 0.2);
 *   const results = plant.results();
 *
 * Reading, checking and compiling happen once. A changed number re-compiles only its unit (its own
 * checks run: fractions still sum to one), re-writes that unit's rows into the same pattern, and
 * the next solve reuses everything else. A change that alters the plant's structure (a number of
 * stages) re-compiles the plant from its document.
 */
import { compileWith, adjustParams } from './adjust';
import { compileFlowsheet, type CompileOptions, type CompiledFlowsheet } from './compile';
import { FlexsheetError, joinPath, type Diagnostic } from './diagnostics';
import { checkFlows } from './flows-check';
import { solveSystem, type NewtonResult } from './newton';
import { PlantSystem, stateOf } from './numbers';
import { formatPath, getAt, numericLeaf, outOfBounds, parsePath, withValueAt, type Segment } from './params';
import { tabulate, unitRefusals, type FlowsheetResults } from './results';
import { explainFailure } from './singular';
import { adiabaticAtBounds, flowsWithoutEnthalpy } from './energy';
import { holdSpecsAtBounds } from './spec-bounds';
import { sweep, type SweepAxis, type SweepOptions, type SweepTable } from './sweep';
import type { UnitRegistry } from './unit-type';

export interface SolverStats {
  unknowns: number;
  nonzeros: number;
  blocks: number;
  largestBlock: number;
  relativeResidual: number;
  assembleMs: number;
  solveMs: number;
  newtonIterations?: number;
}

export interface Solution {
  plant: CompiledFlowsheet;
  /** Every unknown: molar flows in kmol/h, temperatures in K, then internals and spec parameters. */
  x: Float64Array;
  stats: SolverStats;
  /** Scaled residual of each Newton iteration of the mass balance (of both, when they are coupled). */
  newtonHistory: number[];
  /** … and of the energy balance solved on top of it. */
  energyHistory: number[];
  /** Why the energy balance has no answer while the mass balance has (temperatures then mean nothing). */
  energyFailure?: Diagnostic[];
  /** The mass balance alone was asked for (PlantOptions.energy false). */
  energySkipped?: boolean;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export interface PlantOptions {
  /**
   * Solve the energy balance on top of the mass balance (default). false: the mass balance alone,
   * every stream at 25 °C or its unit's T, no duties (reconciliation, a study of flows only). A plant
   * whose mass balance reads temperatures solves both together either way.
   */
  energy?: boolean;
}

export class Plant {
  private compiled: CompiledFlowsheet;
  private system: PlantSystem | undefined;
  private dirty = new Set<number>();
  private last: Solution | undefined;
  private readonly energy: boolean;
  private relaxed: Float64Array | undefined;
  private massAnswer: Float64Array | undefined;
  /** The stream temperatures of the last energy balance solved. */
  private temperatures: Float64Array | undefined;

  private warmTemperatures(x: Float64Array): Float64Array {
    const t = this.temperatures;
    if (!t || t.length !== this.compiled.streams.length) return x;
    const start = Float64Array.from(x);
    start.set(t, this.compiled.temperatureOffset);
    return start;
  }

  constructor(compiled: CompiledFlowsheet, options: PlantOptions = {}) {
    this.compiled = compiled;
    this.energy = options.energy ?? true;
  }

  get flowsheet(): CompiledFlowsheet {
    return this.compiled;
  }

  /** The value at a path: ['units', id, ...param path] or ['specs', id, 'target', 'value']. */
  get(path: readonly Segment[] | string): unknown {
    const p = typeof path === 'string' ? parsePath(path) : path;
    if (p[0] === 'units') return getAt(this.unitOf(p).params, p.slice(2));
    if (p[0] === 'specs') return getAt(this.compiled.doc.specs, p.slice(1));
    return undefined;
  }

  /** Sets one number and leaves the plant ready to re-solve; a refused value changes nothing. */
  set(path: readonly Segment[] | string, value: number): void {
    const p = typeof path === 'string' ? parsePath(path) : [...path];
    if (p[0] === 'units') this.setUnitParam(p, value);
    else if (p[0] === 'specs') this.setSpec(p, value);
    else throw refusal(formatPath(p), `can only set ["units", id, …] or ["specs", id, …]`);
    this.last = undefined;
  }

  /** Solves (or returns the last solution if nothing changed since). */
  solve(): Solution {
    if (this.last) return this.last;
    const t0 = now();
    const initial = stateOf(new Float64Array(this.compiled.nUnknowns), true);
    const fresh = !this.system;
    if (!this.system) this.system = new PlantSystem(this.compiled, initial);
    const system = this.system;
    const t1 = now();
    // Mass first, energy on top of it, unless the mass balance reads temperatures.
    const coupled = system.massDependsOnTemperature();
    let outcome = fresh ? undefined : this.warmMass(coupled);
    if (!outcome?.ok) {
      if (!fresh) this.prepare(initial);
      for (const w of system.setEnergy(coupled)) system.refill(w, initial);
      outcome = solveSystem(system, { previous: this.relaxed });
    }
    // The relaxation's answer, for the next re-solve (only the blocks after a changed row are redone).
    if (outcome.ok && !system.nonlinear.length) this.relaxed = outcome.x;
    // The mass balance's answer, where a nonlinear plant's next re-solve starts.
    this.massAnswer = outcome.ok && system.nonlinear.length ? outcome.x : undefined;
    let energyFailure: Diagnostic[] | undefined;
    let energyHistory: number[] = [];
    let energySkipped = false;
    // When a species without enthalpy data flows, the energy results are left out: do not solve them.
    if (!this.energy && !coupled) energySkipped = true;
    else if (outcome.ok && !coupled && !flowsWithoutEnthalpy(this.compiled, outcome.x)) {
      const mass = outcome;
      // The temperatures of the last answer are a better start than 25 °C (a re-solve after one number).
      const start = this.warmTemperatures(mass.x);
      const state = stateOf(start, false);
      for (const w of system.setEnergy(true)) system.refill(w, state);
      const withEnergy = solveSystem(system, { start });
      if (withEnergy.ok) {
        this.temperatures = withEnergy.x.slice(this.compiled.temperatureOffset, this.compiled.temperatureOffset + this.compiled.streams.length);
        energyHistory = withEnergy.history;
        outcome = { ...withEnergy, iterations: mass.iterations + withEnergy.iterations, history: mass.history };
      }
      else {
        energyFailure =
          'diagnostics' in withEnergy
            ? (adiabaticAtBounds(this.compiled, withEnergy.x) ?? withEnergy.diagnostics)
            : explainFailure(this.compiled, system.A, system.b, system.owner, withEnergy.failure);
        for (const w of system.setEnergy(false)) system.refill(w, state);
        outcome = mass;
      }
    }
    const refused = 'x' in outcome ? unitRefusals(this.compiled, outcome.x, outcome.ok) : [];
    if (refused.length) throw new FlexsheetError(refused);
    if (!outcome.ok) {
      if ('failure' in outcome) throw new FlexsheetError(explainFailure(this.compiled, system.A, system.b, system.owner, outcome.failure));
      const negative = checkFlows(system, outcome.x);
      const bounds = holdSpecsAtBounds(this.compiled, outcome.x, (fixed) => this.solveWithFixed(fixed));
      throw new FlexsheetError(bounds.length ? bounds : negative.length ? negative : outcome.diagnostics);
    }
    const problems = checkFlows(system, outcome.x);
    if (problems.length) throw new FlexsheetError(problems);
    const t2 = now();
    this.last = {
      plant: this.compiled,
      x: outcome.x,
      newtonHistory: outcome.history,
      energyHistory,
      ...(energyFailure ? { energyFailure } : {}),
      ...(energySkipped ? { energySkipped } : {}),
      stats: {
        unknowns: this.compiled.nUnknowns,
        nonzeros: system.A.rowPtr[system.A.n],
        blocks: system.analysed?.stats.blocks ?? 0,
        largestBlock: system.analysed?.stats.largestBlock ?? 0,
        relativeResidual: relativeResidual(system, outcome.x),
        assembleMs: t1 - t0,
        solveMs: t2 - t1,
        newtonIterations: outcome.iterations,
      },
    };
    return this.last;
  }

  results(): FlowsheetResults {
    return tabulate(this.solve());
  }

  /** Solves every point of a grid of parameter values and tabulates chosen results (sweep.ts). */
  sweep(axes: readonly SweepAxis[], options?: SweepOptions): SweepTable {
    return sweep(this, axes, options);
  }

  /**
   * A parameter named the way a user writes it: `UNIT.PATH` (`tee.fractions.bleed`,
   * `water.flows["H2O(l)"]`) or `specs.ID.target.value`. The unit id is the longest prefix that
   * names a unit of the plant.
   */
  parameterPath(text: string): Segment[] {
    const ids = this.compiled.units.map((u) => u.id).filter((id) => text.startsWith(id) && /^[.[]/.test(text.slice(id.length)));
    const id = ids.sort((a, b) => b.length - a.length)[0];
    if (id !== undefined) {
      const rest = text.slice(id.length).replace(/^\./, '');
      return ['units', id, ...parsePath(rest)];
    }
    const p = parsePath(text);
    if (p[0] === 'specs') return p;
    throw refusal(text, `"${text}" names no unit of this plant (write UNIT.PATH, e.g. tee.fractions.bleed, or specs.ID.target.value)`);
  }

  /**
   * A nonlinear plant re-solved from its last mass balance: the rows linearised there, the blocks
   * from the first changed one solved again. Undefined (a cold solve follows) without one, or when
   * that Newton does not converge.
   */
  private warmMass(coupled: boolean): NewtonResult | undefined {
    const system = this.system!;
    const x = this.massAnswer;
    if (!x || !system.nonlinear.length) return undefined;
    const state = stateOf(x, false);
    this.prepare(state);
    for (const w of system.setEnergy(coupled)) system.refill(w, state);
    return solveSystem(system, { warm: x });
  }

  /** Rows written again for the relaxation: units changed by `set`, and every nonlinear writer. */
  private prepare(initial: ReturnType<typeof stateOf>): void {
    const system = this.system!;
    system.resetSpecValues();
    const writers = new Set([...this.dirty, ...system.nonlinear]);
    for (const w of writers) system.refill(w, initial);
    if (system.patternChanged) system.build(initial);
    this.dirty.clear();
  }

  /** Solves with some specs' parameters held at given values (for the unreachable-target message). */
  private solveWithFixed(fixed: ReadonlyMap<number, number>): Float64Array | undefined {
    const specs = this.compiled.specs.map((s, j) => (fixed.has(j) ? { ...s, start: fixed.get(j)!, fixedAt: fixed.get(j)! } : s));
    const copy: CompiledFlowsheet = { ...this.compiled, specs };
    const system = new PlantSystem(copy, stateOf(new Float64Array(copy.nUnknowns), true));
    const outcome = solveSystem(system);
    return outcome.ok ? outcome.x : undefined;
  }

  private unitOf(path: readonly Segment[]) {
    const id = path[1];
    const unit = this.compiled.units.find((u) => u.id === id);
    if (!unit) throw refusal(formatPath(path.slice(0, 2)), `unit "${String(id)}" is not in this plant${this.compiled.mode !== undefined ? ` (mode "${this.compiled.mode}")` : ''}`);
    return unit;
  }

  private setUnitParam(path: Segment[], value: number): void {
    const unit = this.unitOf(path);
    const u = this.compiled.units.indexOf(unit);
    const param = path.slice(2);
    const where = [unit.id, ...param].reduce<string>((p, k) => joinPath(p, k), 'units');
    const leaf = numericLeaf(unit.type, param);
    if (!leaf) throw refusal(where, `unit "${unit.id}" (${unit.type.type}) has no numeric parameter ${formatPath(param)}`);
    const bad = outOfBounds(leaf, value);
    if (bad) throw refusal(where, `unit "${unit.id}": ${formatPath(param)} ${bad}`);
    const params = adjustParams(this.compiled, u, unit.params, param, value);
    if (typeof params === 'string') throw refusal(where, `unit "${unit.id}": ${params}`);
    const at = compileWith(this.compiled, u, params);
    const structural = (at!.model.internals ?? 0) !== unit.internals || unit.type.ports(params).length !== unit.ports.length;
    if (structural || leaf.integer) {
      this.recompileWith(unit.id, params);
      return;
    }
    unit.params = params;
    unit.model = at!.model;
    this.dirty.add(u);
    const spec = this.compiled.specs.findIndex((s) => s.unit === u && formatPath(s.param) === formatPath(param));
    if (spec >= 0) this.compiled.specs[spec].start = value;
  }

  private setSpec(path: Segment[], value: number): void {
    const j = this.compiled.specs.findIndex((s) => s.id === path[1]);
    const where = path.reduce<string>((p, k) => joinPath(p, k), '');
    if (j < 0) throw refusal(where, `spec "${String(path[1])}" is not in this plant`);
    const spec = this.compiled.specs[j];
    const key = formatPath(path.slice(2));
    if (!Number.isFinite(value)) throw refusal(where, `must be a finite number (is ${value})`);
    if (key === 'target.value') spec.value = value;
    else if (key === 'adjust.min') spec.min = value;
    else if (key === 'adjust.max') spec.max = value;
    else throw refusal(where, `a spec's target.value, adjust.min and adjust.max can be set`);
    this.system = undefined;
  }

  /** A structural change: the plant is compiled again from its document with the new parameters. */
  private recompileWith(unitId: string, params: Record<string, unknown>): void {
    const doc = this.compiled.doc;
    const mode = this.compiled.mode;
    const patched =
      mode === undefined
        ? { ...doc, units: withValueAt(doc.units, [unitId], params) }
        : { ...doc, modes: withValueAt(doc.modes, [mode, 'units', unitId], params) };
    this.compiled = compileFlowsheet(patched, this.compiled.registry, { mode });
    this.system = undefined;
    this.dirty.clear();
  }
}

function refusal(path: string, message: string): FlexsheetError {
  const d: Diagnostic = { path, message };
  return new FlexsheetError([d]);
}

/** ‖A·x − b‖∞ / max(‖b‖∞, max |A_ij·x_j|): the residual of the rows as last linearised, relative to their terms. */
function relativeResidual(system: PlantSystem, x: Float64Array): number {
  const { A, b } = system;
  let worst = 0;
  let size = 0;
  for (let i = 0; i < A.n; i++) {
    let r = -b[i];
    size = Math.max(size, Math.abs(b[i]));
    for (let p = A.rowPtr[i]; p < A.rowPtr[i + 1]; p++) {
      const term = A.values[p] * x[A.colIdx[p]];
      r += term;
      size = Math.max(size, Math.abs(term));
    }
    worst = Math.max(worst, Math.abs(r));
  }
  return size > 0 ? worst / size : 0;
}

/** Reads, checks and compiles a flowsheet into a plant that can be changed and re-solved. */
export function compilePlant(input: unknown, registry: UnitRegistry, options: CompileOptions & PlantOptions = {}): Plant {
  return new Plant(compileFlowsheet(input, registry, options), options);
}
