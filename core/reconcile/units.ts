/**
 * The units a pilot measurement may be given in, and what each measures. One table, read by the
 * CSV reader, the measurement models and the documentation (flowsheets/pilot/README.md).
 *
 * - rates: mass (kg/h …), amount (kmol/h …), volume (m³/h …): a linear form in the flows;
 * - amounts over a period (kg, t, kmol, m³): the same, times the period's duration;
 * - mass fractions (%, wt%, g/kg, g/t, mg/kg, ppm = mg/kg) and volume fractions (vol%): mass (or
 *   volume) of the component in a basis over the basis's mass (or volume);
 * - concentrations (g/L, mg/L, kg/m³, g/m³) and densities (kg/m³, t/m³, g/cm³, SG): mass of the
 *   component in a basis over the basis's volume. The density of a pulp is the concentration of
 *   its `total`; SG is that density in t/m³ (relative to water at 4 °C).
 *
 * A basis in brackets restricts component and denominator to a phase: `wt%(s)` a dry-solids assay,
 * `g/L(aq)` a solution assay, `m³/h(aq)` the solution's volume. Tables are Maps, so no id or unit
 * text (`constructor`, `__proto__`) can reach Object.prototype.
 */
import { WATER_DENSITY } from '../properties';

export type UnitKind = 'mass' | 'molar' | 'volume' | 'fraction' | 'volumeFraction' | 'concentration';

export interface ParsedUnit {
  kind: UnitKind;
  /**
   * Rates and amounts: kg/h, kmol/h or m³/h (kg, kmol, m³) in one of the unit written (t/h: 1000),
   * so the value is the quantity / factor. Fractions and concentrations: the value is factor × the
   * ratio in kg/kg, m³/m³ or kg/m³ (%: 100, mg/L: 1000).
   */
  factor: number;
  /** An amount over the period (kg, t, m³ …) rather than a rate: the rate times the period's duration. */
  perPeriod?: boolean;
  /** The phases of the basis in brackets; undefined: the whole stream (or the kind's default). */
  phases?: readonly string[];
}

interface UnitEntry {
  kind: UnitKind;
  factor: number;
  perPeriod?: boolean;
  phases?: readonly string[];
}

const entries = (kind: UnitKind, table: Record<string, number>, perPeriod = false): [string, UnitEntry][] =>
  Object.entries(table).map(([name, factor]) => [name, { kind, factor, ...(perPeriod ? { perPeriod } : {}) }]);

const UNITS: ReadonlyMap<string, UnitEntry> = new Map([
  ...entries('mass', { 'kg/h': 1, 't/h': 1000, 'g/h': 1e-3, 'kg/d': 1 / 24, 't/d': 1000 / 24, 'kg/s': 3600 }),
  ...entries('molar', { 'kmol/h': 1, 'mol/h': 1e-3, 'mol/s': 3.6, 'kmol/d': 1 / 24 }),
  ...entries('volume', { 'm³/h': 1, 'm3/h': 1, 'l/h': 1e-3, 'l/min': 0.06, 'm³/d': 1 / 24, 'm3/d': 1 / 24 }),
  ...(['nm³/h', 'nm3/h'] as const).map((name): [string, UnitEntry] => [name, { kind: 'volume', factor: 1, phases: ['g'] }]),
  ...entries('mass', { kg: 1, t: 1000, g: 1e-3 }, true),
  ...entries('molar', { kmol: 1, mol: 1e-3 }, true),
  ...entries('volume', { 'm³': 1, m3: 1, l: 1e-3 }, true),
  ...entries('fraction', { '%': 100, 'wt%': 100, fraction: 1, 'kg/kg': 1, 'g/kg': 1e3, 'g/t': 1e6, 'mg/kg': 1e6, ppm: 1e6 }),
  ...entries('volumeFraction', { 'vol%': 100, 'v/v': 1 }),
  ...entries('concentration', { 'g/l': 1, 'mg/l': 1e3, 'kg/m³': 1, 'kg/m3': 1, 'g/m³': 1e3, 'g/m3': 1e3, 't/m³': 1e-3, 't/m3': 1e-3, 'g/cm³': 1e-3, 'g/cm3': 1e-3, 'g/ml': 1e-3, sg: 1e-3 }),
]);

/** Phases each bracket names: `(aq)` is the solution (species of phase aq and l). */
const PHASES: ReadonlyMap<string, readonly string[]> = new Map([
  ['s', ['s']],
  ['l', ['l']],
  ['g', ['g']],
  ['aq', ['aq', 'l']],
  ['org', ['org']],
]);

/** The units by kind, as written in messages and documentation. */
export const MEASUREMENT_UNITS = {
  massFlow: ['kg/h', 't/h', 'g/h', 'kg/d', 't/d', 'kg/s'],
  molarFlow: ['kmol/h', 'mol/h', 'mol/s', 'kmol/d'],
  volumeFlow: ['m³/h', 'm3/h', 'L/h', 'L/min', 'm³/d', 'Nm³/h'],
  amount: ['kg', 't', 'g', 'kmol', 'mol', 'm³', 'L'],
  fraction: ['%', 'wt%', 'fraction', 'kg/kg', 'g/kg', 'g/t', 'mg/kg', 'ppm', 'vol%'],
  concentration: ['g/L', 'mg/L', 'kg/m³', 'g/m³', 't/m³', 'g/cm³', 'SG'],
} as const;

/** Reads a unit such as `kg/h`, `wt%(s)`, `g/L (aq)`, `SG`; undefined when unknown. Case-insensitive. */
export function parseMeasurementUnit(text: string): ParsedUnit | undefined {
  const m = /^(.*?)\s*(?:\((s|l|g|aq|org)\))?$/.exec(text.trim());
  if (!m) return undefined;
  const entry = UNITS.get(m[1].trim().toLowerCase());
  if (!entry) return undefined;
  const phases = m[2] ? PHASES.get(m[2]) : entry.phases;
  return { kind: entry.kind, factor: entry.factor, ...(entry.perPeriod ? { perPeriod: true } : {}), ...(phases ? { phases } : {}) };
}

/** "kg/h, t/h, …" for messages. */
export function unitList(): string {
  const u = MEASUREMENT_UNITS;
  return `a flow (${[...u.massFlow, ...u.molarFlow, ...u.volumeFlow].join(', ')}), an amount over the period (${u.amount.join(', ')}), a fraction (${u.fraction.join(', ')}) or a concentration or density (${u.concentration.join(', ')}), optionally with a phase such as wt%(s) or g/L(aq)`;
}

/** Period durations: hours per unit written. */
const DURATION: ReadonlyMap<string, number> = new Map([
  ['h', 1],
  ['min', 1 / 60],
  ['s', 1 / 3600],
  ['d', 24],
  ['day', 24],
  ['days', 24],
  ['week', 168],
]);

/** Hours in one `unit` of a period's duration (h, min, d, week); undefined when unknown. */
export function hoursPer(unit: string): number | undefined {
  return DURATION.get(unit.trim().toLowerCase());
}


/**
 * Mass fraction of solids in a pulp from its density by the Marcy identity:
 * %S = 100·ρs·(ρp − ρw) / (ρp·(ρs − ρw)), densities in kg/m³.
 */
export function marcySolidsPercent(pulpDensity: number, solidsDensity: number, liquidDensity = WATER_DENSITY): number {
  return (100 * solidsDensity * (pulpDensity - liquidDensity)) / (pulpDensity * (solidsDensity - liquidDensity));
}
