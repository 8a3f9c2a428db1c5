/**
 * Design specifications (FORMAT.md "Specifications"): a target on a stream held by adjusting one
 * numeric parameter of a unit. Each spec adds one unknown, the parameter's value, and owns one row,
 * the target's equation. Written in the stream's unknowns the targets are linear: a flow, a mass
 * fraction (Σ w·n − value·Σ M·n = 0), a concentration (Σ w·n − value·V_aq = 0 with the solution's
 * volume linear in the flows), a pH (n_H − 10^−pH·V_aq = 0) or a temperature. The adjusted unit's
 * rows depend on the parameter; the engine differentiates them (numbers.ts) and solves the whole by
 * Newton, which converges in one step when the unit is linear in the parameter (a feed flow).
 */
import { ATOMIC_WEIGHTS } from './chemistry';
import type { CompiledFlowsheet } from './compile';
import { joinPath, type Diagnostic } from './diagnostics';
import type { SpecDecl, SpecQuantity } from './document';
import { formatPath, getAt, numericLeaf, type Segment } from './params';
import { boundaryEnthalpy } from './energy';
import { acidBaseCounts, sulfateHydrogenIon, type AcidBaseCounts } from './properties';
import { aqueousVolumeCoefficients } from './volume';
import type { EquationBuilder, UnitState } from './unit-type';

export interface CompiledSpec {
  id: string;
  /** JSON path of the spec's declaration. */
  path: string;
  quantity: SpecQuantity;
  value: number;
  /** Index of the target stream (−1 for a duty). */
  stream: number;
  /** For a duty target: the unit whose duty is held. */
  dutyUnit?: number;
  /** What is held, per species of the stream: kg/h or kmol/h of the species, element or stream. */
  weights: Float64Array;
  /** massFraction: kg/kmol of every species; concentration and pH: m³ of solution per kmol. */
  per?: Float64Array;
  unit: number;
  param: Segment[];
  min: number;
  max: number;
  /** The file's value: the start of the Newton. */
  start: number;
  /** The spec's unknown (the parameter's value). */
  unknown: number;
  /** The words of the target, for messages: `Co in stream "strip" (massFraction)`. */
  label: string;
  /** When set, the parameter is held at this value instead of the target (bound checks). */
  fixedAt?: number;
  /** pH of a liquor that carries its acid as H2SO4(aq): the HSO4⁻ speciation (core/properties/ph.ts). */
  acid?: AcidBaseCounts;
}

const H_ION = 'H[+](aq)';

export function compileSpecs(plant: CompiledFlowsheet, decls: Record<string, SpecDecl>, mode: string | undefined, diagnostics: Diagnostic[]): CompiledSpec[] {
  const base = mode !== undefined && plant.doc.modes?.[mode]?.specs ? joinPath(joinPath('modes', mode), 'specs') : 'specs';
  const specs: CompiledSpec[] = [];
  const adjusted = new Map<string, string>();
  for (const [id, decl] of Object.entries(decls)) {
    const path = joinPath(base, id);
    const spec = compileSpec(plant, id, decl, path, diagnostics);
    if (!spec) continue;
    const key = `${spec.unit}|${JSON.stringify(spec.param)}`;
    const other = adjusted.get(key);
    if (other !== undefined) {
      diagnostics.push({ path: joinPath(path, 'adjust'), message: `spec "${id}" adjusts the parameter spec "${other}" already adjusts: one parameter holds one target` });
      continue;
    }
    adjusted.set(key, id);
    spec.unknown = plant.nUnknowns + specs.length;
    specs.push(spec);
  }
  return specs;
}

function compileSpec(plant: CompiledFlowsheet, id: string, decl: SpecDecl, path: string, diagnostics: Diagnostic[]): CompiledSpec | undefined {
  const fail = (at: string, message: string) => {
    diagnostics.push({ path: at ? at.split('.').reduce<string>((p, k) => joinPath(p, k), path) : path, message: `spec "${id}": ${message}` });
    return undefined;
  };
  const { target, adjust } = decl;
  if (!target || !adjust) return fail('', 'a spec needs a "target" and an "adjust"');
  const inMode = plant.mode !== undefined ? ` in mode "${plant.mode}"` : '';
  // A mode's specs are merge patches, checked after the merge: null there removes the value.
  if (typeof target.value !== 'number' || !Number.isFinite(target.value)) {
    return fail('target.value', `the target needs a "value", a number${plant.mode !== undefined ? ` (in a mode, null removes it: a JSON merge patch)` : ''}`);
  }
  let dutyUnit: number | undefined;
  if (target.quantity === 'duty') {
    dutyUnit = plant.units.findIndex((u) => u.id === target.unit);
    if (target.unit === undefined || dutyUnit < 0) return fail('target.unit', `a duty target names its "unit"; unit "${target.unit}" does not exist${inMode}`);
    if (typeof plant.units[dutyUnit].params.T !== 'number') return fail('target.unit', `unit "${target.unit}" has no "T": an adiabatic unit's duty is zero, a unit with a T has one`);
  }
  const stream = plant.streams.findIndex((s) => s.id === target.stream);
  if (dutyUnit === undefined && stream < 0) return fail('target.stream', `stream "${target.stream}" does not exist${inMode}`);
  const weights = targetWeights(plant, target, (m) => fail('target', m));
  if (!weights) return undefined;
  const per = targetDenominator(plant, target.quantity);
  const acid = target.quantity === 'pH' && !plant.species.index.has(H_ION) ? acidBaseCounts(plant.species.list) : undefined;
  if (acid && !acid.sulfate.some((s, k) => s > 0 && acid.protons[k] > 0)) return fail('target.quantity', `a pH target needs ${H_ION} or H2SO4(aq) declared in "species"`);
  if (target.quantity === 'massFraction' && !(target.value >= 0 && target.value <= 1)) return fail('target.value', `a mass fraction is between 0 and 1 (is ${target.value})`);
  if ((target.quantity === 'massFlow' || target.quantity === 'molarFlow' || target.quantity === 'concentration') && !(target.value >= 0)) return fail('target.value', `must be ≥ 0 (is ${target.value})`);

  const unit = plant.units.findIndex((u) => u.id === adjust.unit);
  if (unit < 0) return fail('adjust.unit', `unit "${adjust.unit}" does not exist${plant.mode !== undefined ? ` in mode "${plant.mode}"` : ''}`);
  const u = plant.units[unit];
  const leaf = numericLeaf(u.type, adjust.param);
  const start = getAt(u.params, adjust.param);
  const where = `parameter ${formatPath(adjust.param)} of unit "${u.id}" (${u.type.type})`;
  if (!leaf) return fail('adjust.param', `${where} is not a number the unit declares`);
  if (typeof start !== 'number') return fail('adjust.param', `${where} is not given in the file: give it a starting value`);
  if (leaf.integer) return fail('adjust.param', `${where} is a whole number (a count of stages?): a spec adjusts a continuous parameter`);
  const min = Math.max(adjust.min ?? -Infinity, leaf.min);
  const max = Math.min(adjust.max ?? Infinity, leaf.max);
  if (!(min <= max)) return fail('adjust', `the bounds [${adjust.min}, ${adjust.max}] leave no room inside the parameter's own [${leaf.min}, ${leaf.max}]`);
  if (u.type.adjust) {
    const probe = u.type.adjust(u.params, adjust.param, start);
    if (probe && typeof probe === 'object' && 'error' in probe && typeof probe.error === 'string') return fail('adjust.param', probe.error);
  }
  return {
    id,
    path,
    quantity: target.quantity,
    value: target.value,
    stream,
    weights,
    per,
    unit,
    param: [...adjust.param],
    min,
    max,
    start: Math.min(Math.max(start, min), max),
    unknown: -1,
    label: dutyUnit !== undefined ? `the duty of unit "${target.unit}" (kW)` : `${target.species ?? target.element ?? 'the whole stream'} in stream "${target.stream}" (${target.quantity})`,
    ...(acid ? { acid } : {}),
    ...(dutyUnit !== undefined ? { dutyUnit } : {}),
  };
}

/** The numerator of the target per species: mass or moles of the species, element or stream. */
function targetWeights(plant: CompiledFlowsheet, target: SpecDecl['target'], fail: (m: string) => undefined): Float64Array | undefined {
  const { list, index } = plant.species;
  const S = list.length;
  const w = new Float64Array(S);
  if (target.species !== undefined && target.element !== undefined) return fail('give a "species" or an "element", not both');
  if (target.quantity === 'T' || target.quantity === 'duty') return w;
  if (target.quantity === 'pH') {
    const k = index.get(H_ION);
    if (k !== undefined) w[k] = 1;
    return w;
  }
  const molar = target.quantity === 'molarFlow';
  if (target.species !== undefined) {
    const k = index.get(target.species);
    if (k === undefined) return fail(`species "${target.species}" is not declared in "species"`);
    if (target.quantity === 'concentration' && list[k].phase !== 'aq') return fail(`a concentration is of an (aq) species in the aqueous solution; ${target.species} is not aqueous`);
    w[k] = molar ? 1 : list[k].molarMass;
    return w;
  }
  if (target.element !== undefined) {
    const el = target.element;
    if (!list.some((s) => s.elements[el])) return fail(`no declared species holds element "${el}"`);
    const aw = ATOMIC_WEIGHTS[el];
    for (let k = 0; k < S; k++) {
      const n = list[k].elements[el] ?? 0;
      if (target.quantity === 'concentration' && list[k].phase !== 'aq') continue;
      w[k] = molar ? n : n * aw;
    }
    return w;
  }
  if (target.quantity === 'concentration') return fail('a concentration names its "species" or "element"');
  for (let k = 0; k < S; k++) w[k] = molar ? 1 : list[k].molarMass;
  return w;
}

function targetDenominator(plant: CompiledFlowsheet, quantity: SpecQuantity): Float64Array | undefined {
  if (quantity === 'massFraction') return Float64Array.from(plant.species.list, (s) => s.molarMass);
  if (quantity === 'concentration' || quantity === 'pH') return aqueousVolumeCoefficients(plant.species);
  return undefined;
}

/**
 * The spec's row. In the relaxation (`initial`) it holds the parameter at its start; the target's
 * terms are written with zero coefficients so that the pattern is the same in every pass.
 */
export function writeSpecRow(plant: CompiledFlowsheet, spec: CompiledSpec, eq: EquationBuilder, state: UnitState): void {
  if (spec.dutyUnit !== undefined) {
    writeDutyRow(plant, spec, eq, state);
    return;
  }
  const base = plant.streams[spec.stream].offset;
  const S = plant.species.list.length;
  let initial = state.initial;
  if (spec.fixedAt !== undefined) {
    initial = true;
    spec = { ...spec, start: spec.fixedAt };
  }
  if (spec.acid) {
    writeSulfatePHRow(plant, spec, eq, state, initial);
    return;
  }
  const on = initial ? 0 : 1;
  if (spec.quantity === 'T') {
    eq.begin(spec.unknown, initial ? spec.start : spec.value + 273.15);
    eq.term(spec.unknown, initial ? 1 : 0);
    eq.term(plant.temperatureOffset + spec.stream, on);
    return;
  }
  const scale = spec.quantity === 'pH' ? Math.pow(10, -spec.value) : spec.value;
  const rhs = spec.quantity === 'massFlow' || spec.quantity === 'molarFlow' ? spec.value : 0;
  eq.begin(spec.unknown, initial ? spec.start : rhs);
  eq.term(spec.unknown, initial ? 1 : 0);
  for (let k = 0; k < S; k++) {
    const c = spec.weights[k] - (spec.per ? scale * spec.per[k] : 0);
    if (c !== 0 || spec.weights[k] !== 0 || (spec.per && spec.per[k] !== 0)) eq.term(base + k, on * c);
  }
}

/**
 * pH with the HSO4⁻ speciation: r = pH(n) − value, linearised with ∂pH/∂n from core/properties.
 * Where the stream holds no solution yet, the row holds the parameter where it is.
 */
function writeSulfatePHRow(plant: CompiledFlowsheet, spec: CompiledSpec, eq: EquationBuilder, state: UnitState, initial: boolean): void {
  const base = plant.streams[spec.stream].offset;
  const S = plant.species.list.length;
  const flows = Float64Array.from({ length: S }, (_, k) => Math.max(state.value(base + k), 0));
  const ion = initial ? undefined : sulfateHydrogenIon(plant.species.volumes, spec.acid!, flows);
  let rhs = initial ? spec.start : state.value(spec.unknown);
  if (ion) {
    rhs = spec.value - ion.pH;
    for (let k = 0; k < S; k++) rhs += ion.dpH[k] * flows[k];
  }
  eq.begin(spec.unknown, rhs);
  eq.term(spec.unknown, ion ? 0 : 1);
  for (let k = 0; k < S; k++) if (plant.species.volumes.phase[k] === 'aq') eq.term(base + k, ion ? ion.dpH[k] : 0);
}

/** Duty = value: r = Σ out n·h − Σ in n·h − doses·h − 3.6·value (MJ/h), linearised (energy.ts). */
function writeDutyRow(plant: CompiledFlowsheet, spec: CompiledSpec, eq: EquationBuilder, state: UnitState): void {
  const held = state.initial || spec.fixedAt !== undefined;
  const { r, terms } = boundaryEnthalpy(plant, spec.dutyUnit!, state);
  let jx = 0;
  if (!held) for (const [v, c] of terms) jx += c * state.value(v);
  eq.begin(spec.unknown, held ? (spec.fixedAt ?? spec.start) : jx - (r - 3.6 * spec.value));
  eq.term(spec.unknown, held ? 1 : 0);
  for (const [v, c] of terms) eq.term(v, held ? 0 : c);
}

/** The value the target reaches in the solution x, in the target's own unit. */
export function targetValue(plant: CompiledFlowsheet, spec: CompiledSpec, x: ArrayLike<number>): number {
  if (spec.dutyUnit !== undefined) return boundaryEnthalpy(plant, spec.dutyUnit, { initial: false, value: (v) => x[v] }).r / 3.6;
  const base = plant.streams[spec.stream].offset;
  const S = plant.species.list.length;
  if (spec.quantity === 'T') return x[plant.temperatureOffset + spec.stream] - 273.15;
  let num = 0;
  let den = 0;
  for (let k = 0; k < S; k++) {
    num += spec.weights[k] * x[base + k];
    if (spec.per) den += spec.per[k] * x[base + k];
  }
  if (spec.acid) {
    const flows = Float64Array.from({ length: S }, (_, k) => x[base + k]);
    return sulfateHydrogenIon(plant.species.volumes, spec.acid, flows)?.pH ?? NaN;
  }
  if (spec.quantity === 'pH') return -Math.log10(num / den);
  return spec.per ? num / den : num;
}
