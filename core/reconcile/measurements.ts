/**
 * What a pilot measurement measures, in the reconciliation's unknowns (variables.ts): a flow, an
 * amount over the period or a stock change is a linear form num·x; a fraction, a concentration or a
 * density is a ratio of two, scale·(num·x)/(den·x). Units are read by units.ts, volumes by
 * volumes.ts, the CSV by csv.ts.
 *
 * The `stream` of a measurement is a stream id, `reagent:UNIT` (the reagent doses of a unit) or
 * `stock:UNIT` (the stock change of the inventory a unit holds, over the period). The `component`
 * is a declared species, an element, `total`, or `solids` (the (s) species: `solids wt%` is the
 * pulp's % solids).
 */
import { formatOrDash } from '../format';
import { ATOMIC_WEIGHTS } from '../chemistry';
import type { CompiledFlowsheet } from '../compile';
import { parseMeasurementUnit, unitList, type ParsedUnit } from './units';
import { streamVariable, type VariableIndex } from './variables';
import type { VolumeData } from './volumes';

export interface Measurement {
  stream: string;
  component: string;
  value: number;
  unit: string;
  /** Standard deviation in `unit`. */
  sd: number;
  run?: string;
  /** Duration of the run's period, h (the CSV's `period` line); amounts over the period need it. */
  hours?: number;
  note?: string;
  /** Where it came from, for messages: `data.csv line 7`. */
  source?: string;
}

/** A measured quantity as a function of the unknowns x: value = scale · (num·x) / (den·x), or scale · num·x when den is absent. */
export interface MeasurementModel {
  num: Map<number, number>;
  den?: Map<number, number>;
  scale: number;
}

export interface ModelOf {
  model: MeasurementModel;
  /** Unknowns of species the measurement names as such (they exist, whatever the simulation says). */
  direct?: number[];
  /** Species in the measured volume with no density or molar volume (they add no volume). */
  missingVolume?: number[];
}

/** A measurement that does not fit the plant, and the CSV column at fault. */
export class MeasurementMismatch extends Error {
  constructor(
    readonly column: 'stream' | 'component' | 'unit' | 'value',
    message: string,
  ) {
    super(message);
  }
}

type Target = { kind: 'stream'; s: number } | { kind: 'reagent'; unitIndex: number; unitId: string } | { kind: 'stock'; unitIndex: number; unitId: string };

const STOCK = 'stock:';
const REAGENT = 'reagent:';

/** The unit a `reagent:` or `stock:` prefix names, or the stream. */
function targetOf(plant: CompiledFlowsheet, index: VariableIndex, stream: string, unit: ParsedUnit): Target {
  for (const [prefix, kind] of [
    [REAGENT, 'reagent'],
    [STOCK, 'stock'],
  ] as const) {
    if (!stream.startsWith(prefix)) continue;
    const unitId = stream.slice(prefix.length);
    const unitIndex = plant.units.findIndex((u) => u.id === unitId);
    if (unitIndex < 0) throw new MeasurementMismatch('stream', `unit "${unitId}" is not in the flowsheet`);
    if (unit.kind !== 'mass' && unit.kind !== 'molar' && unit.kind !== 'volume') {
      throw new MeasurementMismatch('unit', kind === 'reagent' ? 'a reagent dose is a flow: give it in kg/h, kmol/h, ...' : 'a stock change is an amount: give it in kg, t, kmol, m³ (over the period) or kg/h');
    }
    if (kind === 'reagent' && !index.doses.some((d) => d.unitIndex === unitIndex)) throw new MeasurementMismatch('stream', `unit "${unitId}" doses no reagent`);
    if (kind === 'stock' && plant.units[unitIndex].type.role) {
      throw new MeasurementMismatch('stream', `unit "${unitId}" is a ${plant.units[unitIndex].type.role === 'source' ? 'feed' : 'product'}: its flows are free, so a stock there balances nothing; give the stock of the unit that holds the inventory (a tank, a thickener, an SX settler)`);
    }
    return { kind, unitIndex, unitId };
  }
  const s = plant.streams.findIndex((st) => st.id === stream);
  if (s < 0) throw new MeasurementMismatch('stream', `stream "${stream}" is not in the flowsheet (streams: ${listSome(plant.streams.map((st) => st.id))})`);
  return { kind: 'stream', s };
}

/** The unknown holding species k of the target, if it has one. */
function cellOf(plant: CompiledFlowsheet, index: VariableIndex, target: Target): (k: number) => number | undefined {
  if (target.kind === 'stream') return (k) => streamVariable(index, target.s, k);
  if (target.kind === 'reagent') {
    const doses = index.doses.filter((d) => d.unitIndex === target.unitIndex);
    return (k) => doses.find((d) => d.species === k)?.variable;
  }
  const acc = index.accumulations.filter((a) => a.unitIndex === target.unitIndex);
  return (k) => acc.find((a) => a.species === k)?.variable;
}

/**
 * Per species k: the measured component's mass (kg/kmol), amount (kmol/kmol) or volume (m³/kmol),
 * 0 when it holds none; which species the component is made of; the species it names, if one.
 */
function componentCoefficients(
  plant: CompiledFlowsheet,
  component: string,
  measure: 'mass' | 'molar' | 'volume',
  volumes: VolumeData,
): { coef: (k: number) => number; inComponent: (k: number) => boolean; species?: number } {
  const species = plant.species;
  const S = species.list.length;
  const k0 = species.index.get(component);
  const amount = (k: number) => (measure === 'mass' ? species.list[k].molarMass : measure === 'molar' ? 1 : (volumes.molarVolume(k) ?? 0));
  const where = (inComponent: (k: number) => boolean) => ({ coef: (k: number) => (inComponent(k) ? amount(k) : 0), inComponent });
  if (k0 !== undefined) return { ...where((k) => k === k0), species: k0 };
  const lower = component.toLowerCase();
  if (lower === 'total') return where(() => true);
  if (lower === 'solids') return where((k) => species.list[k].phase === 's');
  const e = species.elements.indexOf(component);
  if (e < 0) {
    throw new MeasurementMismatch(
      'component',
      `"${component}" is neither a declared species nor an element of this flowsheet, nor "total" or "solids" (elements: ${species.elements.join(', ')}; species: ${listSome(species.list.map((sp) => sp.id))})`,
    );
  }
  if (measure === 'volume') throw new MeasurementMismatch('unit', `an element has no volume: measure the volume of a species, of "solids" or of the "total"`);
  const aw = ATOMIC_WEIGHTS[component];
  const atoms = (k: number) => species.elementMatrix[e * S + k];
  return { coef: (k) => atoms(k) * (measure === 'mass' ? aw : 1), inComponent: (k) => atoms(k) !== 0 };
}

/** The inventory a `stock:` measurement reads and the species whose stock it sums; undefined for other measurements. */
export function stockTarget(plant: CompiledFlowsheet, m: Pick<Measurement, 'stream' | 'component' | 'unit'>, volumes: VolumeData): { unitIndex: number; species: number[] } | undefined {
  if (!m.stream.startsWith(STOCK)) return undefined;
  const unit = parseMeasurementUnit(m.unit);
  const unitIndex = plant.units.findIndex((u) => u.id === m.stream.slice(STOCK.length));
  if (!unit || unitIndex < 0) return undefined;
  const measure = unit.kind === 'molar' ? 'molar' : unit.kind === 'volume' ? 'volume' : 'mass';
  const { inComponent } = componentCoefficients(plant, m.component.trim(), measure, volumes);
  const inPhase = (k: number) => !unit.phases || unit.phases.includes(plant.species.list[k].phase);
  return { unitIndex, species: plant.species.list.flatMap((_, k) => (inComponent(k) && inPhase(k) ? [k] : [])) };
}

/** The phases of the numerator and the denominator of a measurement. */
function basisOf(unit: ParsedUnit, component: string, isTotal: boolean): { numerator?: readonly string[]; denominator?: readonly string[] } {
  const condensed = ['s', 'l', 'aq', 'org'];
  if (unit.phases) return { numerator: unit.phases, denominator: unit.phases };
  const solids = component.toLowerCase() === 'solids';
  switch (unit.kind) {
    case 'volume':
      return { numerator: isTotal ? condensed : undefined };
    case 'volumeFraction':
      return { numerator: solids ? ['s'] : undefined, denominator: condensed };
    case 'concentration':
      // The density of the pulp is the concentration of its total; an assay in g/L is one of the solution.
      return isTotal ? { numerator: condensed, denominator: condensed } : { numerator: solids ? ['s'] : ['aq', 'l'], denominator: solids ? condensed : ['aq', 'l'] };
    default:
      return { numerator: solids ? ['s'] : undefined, denominator: undefined };
  }
}

/**
 * What a measurement measures, in the plant's unknowns; throws a MeasurementMismatch (a message
 * without location) when it does not fit the plant.
 */
export function measurementModel(plant: CompiledFlowsheet, index: VariableIndex, m: Pick<Measurement, 'stream' | 'component' | 'unit' | 'hours'>, volumes: VolumeData): ModelOf {
  const species = plant.species;
  const S = species.list.length;
  const unit = parseMeasurementUnit(m.unit);
  if (!unit) throw new MeasurementMismatch('unit', `unit "${m.unit}" is not known: use ${unitList()}`);
  if (unit.perPeriod && !(m.hours! > 0)) {
    throw new MeasurementMismatch('unit', `"${m.unit}" is an amount over the period, and this run has no duration: add a line "${'RUN'},period,duration,24,h" (its length in h or d)`);
  }
  const target = targetOf(plant, index, m.stream, unit);
  const cell = cellOf(plant, index, target);
  const component = m.component.trim();
  const isTotal = component.toLowerCase() === 'total';
  const basis = basisOf(unit, component, isTotal);
  const inPhases = (phases: readonly string[] | undefined) => (k: number) => !phases || phases.includes(species.list[k].phase);
  const numPhase = inPhases(basis.numerator);
  const measure = unit.kind === 'molar' ? 'molar' : unit.kind === 'volume' || unit.kind === 'volumeFraction' ? 'volume' : 'mass';
  const { coef, inComponent, species: named } = componentCoefficients(plant, component, measure, volumes);
  if (named !== undefined) {
    if (!numPhase(named)) throw new MeasurementMismatch('unit', `species ${component} is not in the phase of unit "${m.unit}"`);
    if (cell(named) === undefined) {
      throw new MeasurementMismatch('component', target.kind === 'reagent' ? `${component} is not a reagent of unit "${target.unitId}"` : `${component} is not held by unit "${(target as { unitId: string }).unitId}"`);
    }
  }
  const missing = new Set<number>();
  const num = new Map<number, number>();
  for (let k = 0; k < S; k++) {
    const v = cell(k);
    if (v === undefined || !numPhase(k) || !inComponent(k)) continue;
    const c = coef(k);
    if (c !== 0) num.set(v, (num.get(v) ?? 0) + c);
    else if (measure === 'volume') missing.add(k);
  }
  const direct = named !== undefined && target.kind !== 'stock' ? [cell(named)!] : undefined;
  const extras = direct ? { direct } : {};
  if (unit.kind === 'mass' || unit.kind === 'molar' || unit.kind === 'volume') {
    const f = (unit.perPeriod ? m.hours! : 1) / unit.factor;
    for (const [v, c] of num) num.set(v, c * f);
    return { model: { num, scale: 1 }, ...extras, ...(missing.size ? { missingVolume: [...missing] } : {}) };
  }
  const denPhase = inPhases(basis.denominator);
  const den = new Map<number, number>();
  const denMeasure = unit.kind === 'fraction' ? 'mass' : 'volume';
  for (let k = 0; k < S; k++) {
    const v = cell(k);
    if (v === undefined || !denPhase(k)) continue;
    const c = denMeasure === 'mass' ? species.list[k].molarMass : volumes.molarVolume(k);
    if (c === undefined) missing.add(k);
    else if (c !== 0) den.set(v, c);
  }
  return { model: { num, den, scale: unit.factor }, ...extras, ...(missing.size ? { missingVolume: [...missing] } : {}) };
}

/** The value a measurement reads on unknowns x (0 for a ratio whose denominator is empty). */
export function evaluateModel(model: MeasurementModel, x: ArrayLike<number>): number {
  let a = 0;
  for (const [v, c] of model.num) a += c * x[v];
  if (!model.den) return model.scale * a;
  let b = 0;
  for (const [v, c] of model.den) b += c * x[v];
  return b > 0 ? (model.scale * a) / b : 0;
}

/** "Co wt%(s) in stream cake (data.csv line 7)" */
/**
 * Smallest standard deviation taken, relative to the value and absolute: below them no instrument
 * measures, and the weight 1/sd² ill-conditions the least squares or overflows (sd = 5e-324 gave
 * Infinity in the report).
 */
const MIN_RELATIVE_SD = 1e-9;
const MIN_SD = 1e-100;

/** What is wrong with a standard deviation, or undefined; `shown` is how the data wrote it. */
export function sdProblem(sd: number, value: number | undefined, shown = formatOrDash(sd)): string | undefined {
  if (!(sd > 0) || !Number.isFinite(sd)) return `the standard deviation must be a number > 0, not ${shown}`;
  if (sd < MIN_SD) return `the standard deviation ${shown} is below ${MIN_SD}: no measurement is that precise`;
  if (value !== undefined && value !== 0 && sd < MIN_RELATIVE_SD * Math.abs(value)) {
    return `the standard deviation ${shown} is below ${MIN_RELATIVE_SD} of the value ${formatOrDash(value)}: no measurement is that precise`;
  }
  return undefined;
}

export function describeMeasurement(m: Pick<Measurement, 'stream' | 'component' | 'unit' | 'source'>): string {
  const where = m.stream.startsWith(REAGENT) ? `dose into ${m.stream.slice(REAGENT.length)}` : m.stream.startsWith(STOCK) ? `stock of ${m.stream.slice(STOCK.length)}` : `stream ${m.stream}`;
  return `${m.component} ${m.unit} in ${where}${m.source ? ` (${m.source})` : ''}`;
}

function listSome(ids: readonly string[], max = 12): string {
  return ids.length <= max ? ids.join(', ') : `${ids.slice(0, max).join(', ')}, … ${ids.length - max} more`;
}

/** Whether a measurement reads a stock change (which may be negative). */
export const isStock = (m: Pick<Measurement, 'stream'>): boolean => m.stream.startsWith(STOCK);
