/**
 * The contract between the core and a unit operation. A unit type is one module in unit-ops/ that
 * declares its ports, its parameters and its equations in the component flows. The core knows no
 * unit by name: it reads these declarations to validate files, generate the JSON Schema, build the
 * editor's panels and assemble the plant's sparse system.
 *
 * Contract v2: most units are linear and write their rows once (`equations`). A unit whose
 * chemistry is not linear (a D that depends on the pH it creates, a solubility limit) also writes
 * `linearize`: the rows of its nonlinear unknowns, linearised at the current state, which the
 * engine's Newton calls every iteration with the same pattern.
 */
import type { SpeciesTable } from './species';

import type { Phase } from './chemistry';

export type { Phase };

export interface PortDecl {
  name: string;
  direction: 'in' | 'out';
  /** Inlets only: the port accepts one or more streams (they add up). */
  multiple?: boolean;
  /** Inlets only: the port may be left unconnected. */
  optional?: boolean;
  /** The phase the port is meant to carry, for display; absent when it carries any. */
  phase?: Phase;
  description: string;
}

/**
 * What kind of value a parameter holds. The core turns each kind into a JSON Schema fragment and
 * the editor into a widget; units never write schema by hand unless they need something unusual.
 */
export type ParamKind =
  | 'number'
  | 'integer'
  | 'text'
  /** {speciesId: amount ≥ 0} */
  | 'speciesAmounts'
  /** [outlet names], unique, at least one */
  | 'names'
  /** {name: fraction 0..1} */
  | 'fractions'
  /** {outlet: {selector: fraction 0..1}}; selector = species id, `phase:X` or `*` */
  | 'selectorSplits'
  /** {selector: fraction 0..1} */
  | 'selectorFractions'
  /** [{equation, key, conversion}] */
  | 'reactions'
  /** {speciesId: {excess ≥ 0}} */
  | 'reagents'
  /** {formula: D ≥ 0 | {pH50, slope}} */
  | 'distribution'
  /** A grade a product must reach: {name, basis, min: {species|element: fraction}, max: {…}, source} */
  | 'specification';

export interface ParamDecl {
  kind: ParamKind;
  /** One line, shown in the editor and in the schema. */
  description: string;
  /** Unit of measure as shown to the user, e.g. 'h', 'kg/h (file basis)', '–'. */
  unit?: string;
  required?: boolean;
  min?: number;
  max?: number;
  /** Lower bound excluded (a ratio that must be > 0). */
  exclusiveMin?: boolean;
  default?: unknown;
  /** A JSON Schema fragment that replaces the one derived from `kind`. */
  schema?: Record<string, unknown>;
}

export interface CompiledReaction {
  equation: string;
  /** Net stoichiometric coefficients: products positive, reactants negative. */
  terms: ReadonlyArray<{ k: number; nu: number }>;
}

/** What a unit can ask of the core while it checks and compiles its parameters. */
export interface CompileContext {
  /** Records something the user should know that does not stop the solve (a fraction normalised). */
  warn(relativePath: string, message: string, extra?: { port?: string; species?: string }): void;
  readonly unitId: string;
  /** JSON path of the unit, e.g. `units.leach`. */
  readonly path: string;
  readonly species: SpeciesTable;
  /** Converts an amount given in the file's flow basis for species k to kmol/h. */
  toKmolPerHour(k: number, amount: number): number;
  /** Records a problem at a path relative to the unit (`'fractions.purge'`, `'reactions[1].key'`). */
  error(relativePath: string, message: string, extra?: { port?: string; species?: string }): void;
  /** The index of a declared species, or undefined after recording an error. */
  speciesIndex(id: string, relativePath: string): number | undefined;
  /** Parses an equation, checks its species are declared and it balances; undefined after errors. */
  reaction(equation: string, relativePath: string): CompiledReaction | undefined;
}

/**
 * Emits the unit's equations. Stream unknowns are laid out as `base + k` (kmol/h of species k,
 * 0 ≤ k < nSpecies); a stream's temperature (K) is `temperatureOf(base)` (the core writes the
 * energy rows, units only read it); internal unknowns are numbered by the unit.
 */
export interface EquationBuilder {
  readonly nSpecies: number;
  /** Base index of the stream leaving an outlet port; the unknown for species k is base + k. */
  outlet(port: string): number;
  /** Base indices of every stream entering an inlet port (empty when unconnected). */
  inlets(port: string): readonly number[];
  /** Index of the unit's internal unknown i (0 ≤ i < internals). */
  internal(i: number): number;
  /** The temperature unknown (K) of the stream whose base index is `base`. */
  temperatureOf(base: number): number;
  /**
   * Adds the equation Σ coefs[j]·x[vars[j]] = rhs, which is "the equation for" unknown `target`
   * (target must appear in vars). Every outlet and internal unknown gets exactly one equation.
   * Repeated variables are summed.
   */
  equation(target: number, vars: readonly number[], coefs: readonly number[], rhs?: number): void;
  /**
   * The same equation written term by term, without building arrays (for the hot paths of big
   * plants): `begin(target, rhs)`, then `term(variable, coefficient)` for each term.
   */
  begin(target: number, rhs?: number): void;
  term(variable: number, coefficient: number): void;
}

/** An EquationBuilder written term by term; `equationBuilder` adds `equation` on top. */
export type EquationSink = Omit<EquationBuilder, 'equation' | 'temperatureOf'> & Partial<Pick<EquationBuilder, 'temperatureOf'>>;

export function equationBuilder(sink: EquationSink): EquationBuilder {
  return {
    temperatureOf: () => {
      throw new Error('this equation builder has no temperatures');
    },
    ...sink,
    equation(target, vars, coefs, rhs = 0) {
      sink.begin(target, rhs);
      for (let j = 0; j < vars.length; j++) sink.term(vars[j], coefs[j]);
    },
  };
}

/** An internal unknown in words, and the species whose flow it is when it is one. */
export interface InternalDescription {
  text: string;
  species?: number;
}

/** The current values of the unknowns, as the Newton iterates. */
export interface UnitState {
  /** Value of unknown v (an index the EquationBuilder gave). */
  value(v: number): number;
  /** True on the first pass: write the documented linear relaxation instead of the linearisation. */
  readonly initial: boolean;
}

/** The solved unknowns as a unit sees them after the solve: its ports, its internals, their values. */
export interface UnitView extends Pick<EquationBuilder, 'nSpecies' | 'outlet' | 'inlets' | 'internal' | 'temperatureOf'> {
  value(v: number): number;
}

/** What a unit may say about its solved state: figures it computes and warnings. */
export interface UnitReport {
  /** A figure of the unit, shown with the results, e.g. ('oa', 6.0, '–') for the O/A its flows imply. */
  figure(name: string, value: number, unit: string): void;
  warn(relativePath: string, message: string, extra?: { port?: string; species?: string }): void;
  /** The unit's outflow checked against a specification it declares (a product's grade). */
  specification(result: SpecificationResult): void;
}

/** One limit of a specification: a mass fraction of a species or an element, at least or at most. */
export interface SpecificationCheck {
  of: string;
  bound: 'min' | 'max';
  limit: number;
  value: number;
  met: boolean;
}

export interface SpecificationResult {
  name: string;
  /** "dry": the fractions leave liquid water out; "wet": as produced. */
  basis: 'wet' | 'dry';
  source?: string;
  met: boolean;
  checks: SpecificationCheck[];
}

/** Why a unit refuses its solved state: the file has no steady state in the unit's own terms. */
export interface UnitRefusal {
  /** Relative to the unit, like CompileContext.error (`'extract.Mn'`, `''`). */
  path: string;
  message: string;
  species?: string;
}

export interface UnitModel {
  /** Number of internal unknowns (stage flows, reaction extents, reagent doses), in kmol/h. */
  internals?: number;
  /** Describes internal unknown i in messages ("aqueous leaving stage 2, Co[2+](aq)"). */
  describeInternal?(i: number): string | InternalDescription;
  /** Internal unknowns that are reagents dosed into the unit from outside the plant. */
  reagents?: ReadonlyArray<{ species: number; internal: number }>;
  /** Internal unknowns that may be negative (signed extents); every other unknown is a flow ≥ 0. */
  signed?: ReadonlyArray<number>;
  /** The linear rows: every unknown the unit owns gets exactly one row, here or in `linearize`. */
  equations(eq: EquationBuilder): void;
  /**
   * Nonlinear units: the rows of the unknowns `equations` leaves out, linearised at `state`:
   * for the residual r(x) = 0 write J·x = J·x* − r(x*) (J the Jacobian row at the state x*), so that
   * solving the assembled rows is one Newton step. Every call writes the same terms (a coefficient
   * may be 0). With `state.initial` the unit writes its documented linear relaxation instead.
   */
  linearize?(eq: EquationBuilder, state: UnitState): void;
  /**
   * After the solve: figures the unit computes from its flows (the O/A they imply, a wash ratio, a
   * saturation) and warnings (a declared O/A the flows contradict, an undersaturated crystalliser).
   */
  inspect?(view: UnitView, report: UnitReport): void;
  /**
   * After the solve, before the engine's negative-flow check, and when the Newton stops short
   * (`converged` false): the states the unit cannot have, said in its own terms (an overloaded
   * extractant in stage 2), refused instead of the generic message. Empty when all is well.
   */
  refuse?(view: UnitView, converged: boolean): UnitRefusal[];
}

export interface UnitType<P = Record<string, unknown>> {
  readonly type: string;
  readonly title: string;
  /** One line. */
  readonly description: string;
  /** Sources bring material into the plant, sinks take it out; the balances are taken over them. */
  readonly role?: 'source' | 'sink';
  readonly params: Readonly<Record<string, ParamDecl>>;
  ports(params: P): PortDecl[];
  /** Checks the parameters beyond the schema and builds the model; undefined after errors. */
  compile(params: P, ctx: CompileContext): UnitModel | undefined;
  /**
   * The parameters after one numeric parameter at `path` is set to `value` (a re-solve or a design
   * specification). Without it the value is written at the path; a splitter gives its last outlet
   * the rest. `{ error }` when that parameter cannot be set on its own.
   */
  adjust?(params: P, path: readonly (string | number)[], value: number): P | { error: string };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyUnitType = UnitType<any>;

export type UnitRegistry = ReadonlyMap<string, AnyUnitType>;

export function createRegistry(types: readonly AnyUnitType[]): UnitRegistry {
  const map = new Map<string, AnyUnitType>();
  for (const t of types) {
    if (map.has(t.type)) throw new Error(`unit type "${t.type}" is registered twice`);
    map.set(t.type, t);
  }
  return map;
}
