/**
 * The numbers stage: the compiled plant's rows written into one sparse system A·x = b. Row i is the
 * equation for unknown i. The first build fixes the pattern (the analyse stage works on it); later
 * passes write new values into the same positions: a changed parameter re-writes its unit's rows, a
 * Newton iteration re-writes the rows of the nonlinear units linearised at the current state.
 *
 * Who writes what: a unit writes its own rows (its model's `equations`, and `linearize` when it is
 * nonlinear) and the temperature rows of its outlets (energy.ts); a specification writes its target
 * row (specs.ts). A unit adjusted by a specification also gets, in each row, the column of the
 * specification's unknown: ∂r/∂p by a central difference of the unit compiled at p ± h.
 */
import { compileUnitAt, type UnitAt } from './adjust';
import type { CompiledFlowsheet } from './compile';
import { FlexsheetError } from './diagnostics';
import { T_MAX, T_MIN } from './bounds';
import { temperatureRowsAreNonlinear, writeTemperatureRows } from './energy';
import { analyse, CsrBuilder, factor, type CsrMatrix, type Factors, type SolvePlan, type SparseSolveFailure } from './sparse';
import { writeSpecRow } from './specs';
import { equationBuilder, type EquationBuilder, type EquationSink, type UnitState } from './unit-type';

/** The state rows are linearised at: the current values of every unknown. */
export interface SystemState extends UnitState {
  readonly x: Float64Array;
}

export function stateOf(x: Float64Array, initial: boolean): SystemState {
  return { x, initial, value: (v) => x[v] };
}

/** Where row terms go: a matrix being built, a matrix being refilled, or a residual. */
interface RowSink {
  begin(row: number, rhs: number): void;
  term(row: number, column: number, coefficient: number): void;
}

export class PlantSystem {
  readonly n: number;
  A!: CsrMatrix;
  readonly b: Float64Array;
  /** Writer of each unknown's row: a unit index, or units.length + spec index. */
  readonly owner: Int32Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** Unknowns that are flows (kept ≥ 0 and checked for negative values). */
  readonly isFlow: Uint8Array;
  /** Writers whose rows change with the state (Newton re-writes them every iteration). */
  nonlinear: number[] = [];
  /**
   * With the energy balance off, adiabatic units hold 25 °C (their relaxation): the mass balance is
   * solved first, then the energy balance on top of it, unless the two are coupled.
   */
  private energyOn = true;
  /** Set when a refill met an entry outside the pattern: rebuild and analyse again. */
  patternChanged = false;
  /** The analyse stage's plan of the pattern, and the factors of the values (factorise()). */
  private plan: SolvePlan | undefined;
  private factors: Factors | undefined;
  /** Rows whose values changed since the last factorisation. */
  private changedRows: number[] = [];
  private rowChanged: Uint8Array;
  private scratch = new Float64Array(0);
  /** Units adjusted by a spec, compiled at the spec's current value. */
  private readonly adjusted = new Map<number, UnitAt>();
  private readonly specValue: Float64Array;

  constructor(readonly plant: CompiledFlowsheet, state: SystemState) {
    this.n = plant.nUnknowns;
    this.b = new Float64Array(this.n);
    this.rowChanged = new Uint8Array(this.n);
    this.owner = ownersOf(plant);
    this.specValue = Float64Array.from(plant.specs, (s) => s.start);
    this.refreshAdjusted();
    ({ lower: this.lower, upper: this.upper, isFlow: this.isFlow } = boundsOf(plant));
    this.listNonlinear();
    this.build(state);
  }

  private listNonlinear(): void {
    const plant = this.plant;
    this.nonlinear = [];
    plant.units.forEach((u, i) => {
      if (u.model.linearize || plant.specs.some((s) => s.unit === i) || (this.energyOn && temperatureRowsAreNonlinear(plant, i))) this.nonlinear.push(i);
    });
    plant.specs.forEach((_, j) => this.nonlinear.push(plant.units.length + j));
  }

  /** Turns the adiabatic balances on or off (rows to refill: every unit whose energy rows change). */
  setEnergy(on: boolean): number[] {
    if (this.energyOn === on) return [];
    this.energyOn = on;
    this.listNonlinear();
    return this.plant.units.map((_, i) => i).filter((i) => temperatureRowsAreNonlinear(this.plant, i));
  }

  get energy(): boolean {
    return this.energyOn;
  }

  /**
   * Whether the mass balance depends on temperatures: a row that is not a temperature row with a
   * temperature among its terms (a solubility at the outlet T, a spec on T). Then mass and energy
   * are solved together.
   */
  massDependsOnTemperature(): boolean {
    if (this.coupled === undefined) this.coupled = this.scanCoupling();
    return this.coupled;
  }

  private coupled: boolean | undefined;

  private scanCoupling(): boolean {
    const { rowPtr, colIdx } = this.A;
    const t0 = this.plant.temperatureOffset;
    const t1 = t0 + this.plant.streams.length;
    for (let i = 0; i < this.n; i++) {
      if (i >= t0 && i < t1) continue;
      for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) if (colIdx[p] >= t0 && colIdx[p] < t1) return true;
    }
    return false;
  }

  get writers(): number {
    return this.plant.units.length + this.plant.specs.length;
  }

  /** Writes every row through a builder: the pattern and the values. */
  build(state: SystemState): void {
    const builder = new CsrBuilder(this.n, 4 * this.n);
    const defined = new Uint8Array(this.n);
    this.b.fill(0);
    const sink: RowSink = {
      begin: (row, rhs) => {
        if (defined[row]) throw new Error(`${this.writerName(this.owner[row])} wrote two equations for one unknown`);
        defined[row] = 1;
        builder.add(row, row, 0);
        this.b[row] = rhs;
      },
      term: (row, column, c) => builder.add(row, column, c),
    };
    for (let w = 0; w < this.writers; w++) this.write(w, sink, state);
    const missing = defined.indexOf(0);
    if (missing >= 0) {
      const who = this.writerName(this.owner[missing]);
      throw new FlexsheetError([{ path: 'units', message: `${who} defines no equation for one of its unknowns: this is a bug in the unit type` }]);
    }
    this.A = builder.build();
    this.patternChanged = false;
    this.plan = undefined;
    this.factors = undefined;
    this.coupled = undefined;
    this.rowChanged.fill(0);
    this.changedRows = [];
  }

  /** Writes writer w's rows into the existing pattern; false (and `patternChanged`) when they do not fit. */
  refill(w: number, state: SystemState, temperaturesOnly = false): boolean {
    const { rowPtr, colIdx, values } = this.A;
    const rows = temperaturesOnly ? this.temperatureRowsOf(w) : this.rowsOf(w);
    // The rows' old values, to tell which changed (only those are refactorised).
    let size = rows.length;
    for (const row of rows) size += rowPtr[row + 1] - rowPtr[row];
    if (this.scratch.length < size) this.scratch = new Float64Array(2 * size);
    const before = this.scratch;
    let q = 0;
    for (const row of rows) {
      before[q++] = this.b[row];
      for (let p = rowPtr[row]; p < rowPtr[row + 1]; p++) before[q++] = values[p];
      values.fill(0, rowPtr[row], rowPtr[row + 1]);
      this.b[row] = 0;
    }
    let fits = true;
    const sink: RowSink = {
      begin: (row, rhs) => {
        this.b[row] = rhs;
      },
      term: (row, column, c) => {
        const p = findEntry(rowPtr, colIdx, row, column);
        if (p >= 0) values[p] += c;
        else if (c !== 0) fits = false;
      },
    };
    if (temperaturesOnly) this.writeTemperatures(w, sink, state);
    else this.write(w, sink, state);
    if (!fits) this.patternChanged = true;
    q = 0;
    for (const row of rows) {
      let same = before[q++] === this.b[row];
      for (let p = rowPtr[row]; p < rowPtr[row + 1]; p++) same = before[q++] === values[p] && same;
      if (!same && !this.rowChanged[row]) {
        this.rowChanged[row] = 1;
        this.changedRows.push(row);
      }
    }
    return fits;
  }

  /** Whether writer w's rows change with the state only through its temperature rows (an adiabatic balance). */
  onlyTemperaturesNonlinear(w: number): boolean {
    const plant = this.plant;
    return w < plant.units.length && !plant.units[w].model.linearize && !plant.specs.some((s) => s.unit === w);
  }

  private temperatureRowsOf(w: number): number[] {
    return [...this.plant.units[w].outlets.values()].map((s) => this.plant.temperatureOffset + s);
  }

  private writeTemperatures(w: number, sink: RowSink, state: SystemState): void {
    const eq = builderFor(this.plant, w, sink, this.owner);
    writeTemperatureRows(this.plant, w, this.unitAt(w).params, eq, this.energyOn ? state : { ...state, initial: true });
  }

  /** r = A(x)·x − b(x) over writer w's rows, written into `r` (other entries untouched). */
  residualOf(w: number, state: SystemState, r: Float64Array): void {
    const x = state.x;
    let current = -1;
    this.write(w, {
      begin: (row, rhs) => {
        current = row;
        r[row] = -rhs;
      },
      term: (_row, column, c) => {
        r[current] += c * x[column];
      },
    }, state);
  }

  /**
   * The factors of the current values: the pattern analysed once (SCC blocks, ordering), every block
   * factorised the first time, then only the blocks whose rows changed refactorised.
   */
  factorise(): { ok: true; factors: Factors; plan: SolvePlan; firstChanged: number } | SparseSolveFailure {
    if (this.patternChanged) throw new Error('factorise: the pattern changed; build first');
    this.plan ??= analyse(this.A);
    const plan = this.plan;
    /** The first block (in solve order) whose rows changed: blocks before it keep their answer. */
    let firstChanged = plan.blockCount;
    if (!this.factors) {
      const f = factor(plan, this.A);
      if (!f.ok) return f;
      this.factors = f.factors;
      firstChanged = 0;
    } else if (this.changedRows.length) {
      const blocks = new Set<number>();
      for (const row of this.changedRows) blocks.add(plan.componentOf[row]);
      for (const c of blocks) firstChanged = Math.min(firstChanged, c);
      const r = this.factors.refactor(this.A, blocks);
      if (!r.ok) {
        this.clearChanged();
        return r;
      }
    }
    this.clearChanged();
    return { ok: true, factors: this.factors, plan, firstChanged };
  }

  /** The plan of the current pattern, once analysed. */
  get analysed(): SolvePlan | undefined {
    return this.plan;
  }

  private clearChanged(): void {
    for (const row of this.changedRows) this.rowChanged[row] = 0;
    this.changedRows = [];
  }

  /** The value of specification j's parameter, as the Newton moves it. */
  setSpecValue(j: number, value: number): void {
    if (this.specValue[j] === value) return;
    this.specValue[j] = value;
    const u = this.plant.specs[j].unit;
    this.adjusted.set(u, compileUnitAt(this.plant, u, this.specValue)!);
  }

  /** Every spec's parameter back at its start (a cold solve). */
  resetSpecValues(): void {
    this.plant.specs.forEach((s, j) => (this.specValue[j] = s.start));
    this.refreshAdjusted();
  }

  /** Compiles again every unit a spec adjusts (after its parameters changed). */
  refreshAdjusted(): void {
    this.adjusted.clear();
    for (const s of this.plant.specs) if (!this.adjusted.has(s.unit)) this.adjusted.set(s.unit, compileUnitAt(this.plant, s.unit, this.specValue)!);
  }

  private unitAt(u: number): UnitAt {
    return this.adjusted.get(u) ?? this.plant.units[u];
  }

  specValues(): Float64Array {
    return this.specValue;
  }

  /** The rows writer w owns, ascending. */
  rowsOf(w: number): number[] {
    const rows: number[] = [];
    const plant = this.plant;
    if (w >= plant.units.length) return [plant.specs[w - plant.units.length].unknown];
    const unit = plant.units[w];
    const S = plant.species.list.length;
    for (const s of unit.outlets.values()) for (let k = 0; k < S; k++) rows.push(plant.streams[s].offset + k);
    for (let i = 0; i < unit.internals; i++) rows.push(unit.internalOffset + i);
    for (const s of unit.outlets.values()) rows.push(plant.temperatureOffset + s);
    return rows;
  }

  writerName(w: number): string {
    const plant = this.plant;
    if (w < 0) return 'nothing';
    if (w >= plant.units.length) return `spec "${plant.specs[w - plant.units.length].id}"`;
    return `unit "${plant.units[w].id}" (${plant.units[w].type.type})`;
  }

  private write(w: number, sink: RowSink, state: SystemState): void {
    const plant = this.plant;
    const U = plant.units.length;
    if (w >= U) {
      writeSpecRow(plant, plant.specs[w - U], builderFor(plant, w, sink, this.owner), state);
      return;
    }
    const eq = this.withSpecColumns(w, builderFor(plant, w, sink, this.owner), state);
    const at = this.unitAt(w);
    at.model.equations(eq);
    at.model.linearize?.(eq, state);
    writeTemperatureRows(plant, w, at.params, eq, this.energyOn ? state : { ...state, initial: true });
  }

  /**
   * Adds to each of the unit's rows the column of every spec that adjusts it: g = ∂r/∂p at the
   * state, with the right-hand side moved by g·p so that the row is the linearisation in (x, p).
   */
  private withSpecColumns(u: number, eq: EquationBuilder, state: SystemState): EquationBuilder {
    const specs = this.plant.specs.filter((s) => s.unit === u);
    if (!specs.length) return eq;
    const columns = specs.map((s) => (state.initial ? undefined : this.paramColumn(u, this.plant.specs.indexOf(s), state)));
    return equationBuilder({
      nSpecies: eq.nSpecies,
      outlet: eq.outlet,
      inlets: eq.inlets,
      internal: eq.internal,
      temperatureOf: eq.temperatureOf,
      begin: (target, rhs = 0) => {
        let shift = 0;
        specs.forEach((s, j) => (shift += (columns[j]?.get(target) ?? 0) * this.specValue[this.plant.specs.indexOf(s)]));
        eq.begin(target, rhs + shift);
        specs.forEach((s, j) => eq.term(s.unknown, columns[j]?.get(target) ?? 0));
      },
      term: eq.term,
    });
  }

  /** ∂r_i/∂p for every row of unit u, by a central difference (one-sided at a bound). */
  private paramColumn(u: number, j: number, state: SystemState): Map<number, number> {
    const spec = this.plant.specs[j];
    const p = this.specValue[j];
    const h = 1e-4 * Math.max(Math.abs(p), 1e-3 * (Number.isFinite(spec.max - spec.min) ? spec.max - spec.min : 1), 1e-9);
    const values = Float64Array.from(this.specValue);
    const side = (dp: number): Map<number, number> | undefined => {
      values[j] = p + dp;
      const at = compileUnitAt(this.plant, u, values, true);
      if (!at) return undefined;
      const r = new Map<number, number>();
      let current = -1;
      const x = state.x;
      const eq = builderFor(this.plant, u, {
        begin: (row, rhs) => {
          current = row;
          r.set(row, -rhs);
        },
        term: (_row, column, c) => r.set(current, r.get(current)! + c * x[column]),
      }, this.owner);
      at.model.equations(eq);
      at.model.linearize?.(eq, state);
      writeTemperatureRows(this.plant, u, at.params, eq, this.energyOn ? state : { ...state, initial: true });
      return r;
    };
    const up = p + h <= spec.max ? side(h) : undefined;
    const down = p - h >= spec.min ? side(-h) : undefined;
    const here = up && down ? undefined : side(0);
    const hi = up ?? here!;
    const lo = down ?? here!;
    const span = (up ? h : 0) + (down ? h : 0);
    const g = new Map<number, number>();
    if (!hi || !lo || span === 0) return g;
    for (const [row, v] of hi) g.set(row, (v - (lo.get(row) ?? 0)) / span);
    return g;
  }
}

/** An EquationBuilder over one writer's rows, checked for ownership, into `sink`. */
function builderFor(plant: CompiledFlowsheet, w: number, sink: RowSink, owner: Int32Array): EquationBuilder {
  const U = plant.units.length;
  const unit = w < U ? plant.units[w] : undefined;
  const name = unit ? `unit type "${unit.type.type}"` : 'a spec';
  let row = -1;
  return equationBuilder({
    nSpecies: plant.species.list.length,
    outlet(port) {
      const s = unit?.outlets.get(port);
      if (s === undefined) throw new Error(`${name} asked for outlet "${port}", which it does not declare`);
      return plant.streams[s].offset;
    },
    inlets(port) {
      return (unit?.inlets.get(port) ?? []).map((s) => plant.streams[s].offset);
    },
    internal(i) {
      if (!unit || i < 0 || i >= unit.internals) throw new Error(`${name} used internal unknown ${i} of ${unit?.internals ?? 0}`);
      return unit.internalOffset + i;
    },
    temperatureOf(base) {
      return plant.temperatureOffset + Math.floor(base / plant.species.list.length);
    },
    begin(target, rhs = 0) {
      if (owner[target] !== w) throw new Error(`${name} wrote an equation for an unknown it does not own`);
      row = target;
      sink.begin(target, rhs);
    },
    term(variable, coefficient) {
      sink.term(row, variable, coefficient);
    },
  } satisfies EquationSink);
}

function findEntry(rowPtr: Int32Array, colIdx: Int32Array, row: number, column: number): number {
  let lo = rowPtr[row];
  let hi = rowPtr[row + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = colIdx[mid];
    if (c === column) return mid;
    if (c < column) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function ownersOf(plant: CompiledFlowsheet): Int32Array {
  const owner = new Int32Array(plant.nUnknowns).fill(-1);
  const S = plant.species.list.length;
  plant.units.forEach((unit, u) => {
    for (const s of unit.outlets.values()) {
      owner.fill(u, plant.streams[s].offset, plant.streams[s].offset + S);
      owner[plant.temperatureOffset + s] = u;
    }
    owner.fill(u, unit.internalOffset, unit.internalOffset + unit.internals);
  });
  plant.specs.forEach((s, j) => (owner[s.unknown] = plant.units.length + j));
  return owner;
}


function boundsOf(plant: CompiledFlowsheet): { lower: Float64Array; upper: Float64Array; isFlow: Uint8Array } {
  const n = plant.nUnknowns;
  const lower = new Float64Array(n);
  const upper = new Float64Array(n).fill(Infinity);
  const isFlow = new Uint8Array(n).fill(1);
  for (let i = 0; i < plant.streams.length; i++) {
    const v = plant.temperatureOffset + i;
    lower[v] = T_MIN;
    upper[v] = T_MAX;
    isFlow[v] = 0;
  }
  for (const unit of plant.units) {
    for (const i of unit.model.signed ?? []) {
      lower[unit.internalOffset + i] = -Infinity;
      isFlow[unit.internalOffset + i] = 0;
    }
  }
  for (const spec of plant.specs) {
    lower[spec.unknown] = spec.min;
    upper[spec.unknown] = spec.max;
    isFlow[spec.unknown] = 0;
  }
  return { lower, upper, isFlow };
}
