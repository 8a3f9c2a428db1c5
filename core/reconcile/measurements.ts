/**
 * Pilot measurements: what they are, how they read from CSV, and what each one measures in
 * terms of the plant's molar flows.
 *
 * CSV (header row required; column names are case-insensitive; lines starting with # are notes):
 *
 *   run,stream,component,value,unit,sd,rel
 *   A,bm,total,100,kg/h,,0.01
 *   A,cake,Co,2.1,wt%(s),0.05,
 *   A,reagent:leach,H2O2(aq),12.3,kg/h,,2%
 *
 * - stream: a stream id, or `reagent:UNIT` for the dose of a reagent into that unit.
 * - component: a declared species id, an element symbol, or `total` (all species).
 * - unit: a flow (kg/h, t/h, g/h, kg/d, t/d, kmol/h, mol/h, mol/s) or a mass fraction
 *   (%, wt%, fraction, g/kg, g/t, mg/kg, ppm). A phase in brackets restricts both the component
 *   and, for a fraction, the stream total to that phase: `wt%(s)` is a dry-solids assay,
 *   `kg/h(s)` the solids flow, `g/kg(aq)` a solution assay, where (aq) is the aqueous solution:
 *   species of phase aq and l (water). Also (s), (l), (g), (org).
 * - sd: standard deviation, in the unit of the value; or rel: relative error, as a fraction
 *   (0.02) or a percentage (2%). One of the two.
 * - run (optional): the name of the run or campaign; note (optional): free text.
 */
import Papa from 'papaparse';
import { ATOMIC_WEIGHTS } from '../chemistry';
import type { CompiledFlowsheet } from '../compile';
import { FlexsheetError, type Diagnostic } from '../diagnostics';

export interface Measurement {
  stream: string;
  component: string;
  value: number;
  unit: string;
  /** Standard deviation in `unit`. */
  sd: number;
  run?: string;
  note?: string;
  /** Where it came from, for messages: `data.csv line 7`. */
  source?: string;
}

/** A measured quantity as a function of the molar flows x: value = scale · (num·x) / (den·x), or num·x when den is absent. */
export interface MeasurementModel {
  num: Map<number, number>;
  den?: Map<number, number>;
  scale: number;
}

const MASS_FLOW: Record<string, number> = { 'kg/h': 1, 't/h': 1000, 'g/h': 1e-3, 'kg/d': 1 / 24, 't/d': 1000 / 24, 'kg/s': 3600 };
const MOLAR_FLOW: Record<string, number> = { 'kmol/h': 1, 'mol/h': 1e-3, 'mol/s': 3.6, 'kmol/d': 1 / 24 };
const FRACTION: Record<string, number> = { '%': 100, 'wt%': 100, fraction: 1, 'kg/kg': 1, 'g/kg': 1000, 'g/t': 1e6, 'mg/kg': 1e6, ppm: 1e6 };
const PHASES: Record<string, readonly string[]> = { s: ['s'], l: ['l'], g: ['g'], aq: ['aq', 'l'], org: ['org'] };

export const MEASUREMENT_UNITS = { massFlow: Object.keys(MASS_FLOW), molarFlow: Object.keys(MOLAR_FLOW), fraction: Object.keys(FRACTION) };

export interface ParsedUnit {
  kind: 'mass' | 'molar' | 'fraction';
  factor: number;
  phases?: readonly string[];
}

/** Reads a unit such as `kg/h`, `wt%(s)`, `g/kg (aq)`; undefined when unknown. */
export function parseMeasurementUnit(text: string): ParsedUnit | undefined {
  const m = /^(.*?)\s*(?:\((s|l|g|aq|org)\))?$/.exec(text.trim());
  if (!m) return undefined;
  const base = m[1].trim();
  const phases = m[2] ? PHASES[m[2]] : undefined;
  const lower = base.toLowerCase();
  if (lower in MASS_FLOW) return { kind: 'mass', factor: MASS_FLOW[lower], phases };
  if (lower in MOLAR_FLOW) return { kind: 'molar', factor: MOLAR_FLOW[lower], phases };
  if (lower in FRACTION) return { kind: 'fraction', factor: FRACTION[lower], phases };
  return undefined;
}

/** Index of the unknowns: stream species flows as in the plant (stream s, species k at s·S + k), then reagent doses. */
export interface VariableIndex {
  nStreamVars: number;
  doses: { unit: string; unitIndex: number; species: number; internal: number; variable: number }[];
  nVars: number;
}

export function variableIndex(plant: CompiledFlowsheet): VariableIndex {
  const S = plant.species.list.length;
  const nStreamVars = plant.streams.length * S;
  const doses: VariableIndex['doses'] = [];
  plant.units.forEach((unit, u) => {
    for (const g of unit.model.reagents ?? []) doses.push({ unit: unit.id, unitIndex: u, species: g.species, internal: g.internal, variable: nStreamVars + doses.length });
  });
  return { nStreamVars, doses, nVars: nStreamVars + doses.length };
}

/** Describes unknown v: "Co[2+](aq) in stream pls" or "dose of H2O2(aq) into leach". */
export function describeVariable(plant: CompiledFlowsheet, index: VariableIndex, v: number): { stream?: string; reagentOf?: string; species: string; text: string } {
  const S = plant.species.list.length;
  if (v < index.nStreamVars) {
    const stream = plant.streams[Math.floor(v / S)].id;
    const species = plant.species.list[v % S].id;
    return { stream, species, text: `${species} in stream "${stream}"` };
  }
  const d = index.doses[v - index.nStreamVars];
  const species = plant.species.list[d.species].id;
  return { reagentOf: d.unit, species, text: `dose of ${species} into unit "${d.unit}"` };
}

export class MeasurementError extends FlexsheetError {}

/** A measurement that does not fit the plant, and the CSV column at fault. */
export class MeasurementMismatch extends Error {
  constructor(
    readonly column: 'stream' | 'component' | 'unit',
    message: string,
  ) {
    super(message);
  }
}

/**
 * What a measurement measures, in the plant's unknowns; throws a message (without location) when
 * it does not fit the plant. The flows of species `direct` names are the ones measured as such.
 */
export function measurementModel(plant: CompiledFlowsheet, index: VariableIndex, m: Pick<Measurement, 'stream' | 'component' | 'unit'>): { model: MeasurementModel; direct?: number[] } {
  const species = plant.species;
  const S = species.list.length;
  const unit = parseMeasurementUnit(m.unit);
  if (!unit) {
    throw new MeasurementMismatch(
      'unit',
      `unit "${m.unit}" is not known: use a flow (${MEASUREMENT_UNITS.massFlow.join(', ')}, ${MEASUREMENT_UNITS.molarFlow.join(', ')}) or a mass fraction (${MEASUREMENT_UNITS.fraction.join(', ')}), optionally with a phase such as wt%(s)`,
    );
  }
  // The species vector the measurement reads: a stream, or a reagent dose.
  let cell: (k: number) => number | undefined;
  if (m.stream.startsWith('reagent:')) {
    const unitId = m.stream.slice('reagent:'.length);
    const doses = index.doses.filter((d) => d.unit === unitId);
    if (!plant.units.some((u) => u.id === unitId)) throw new MeasurementMismatch('stream', `unit "${unitId}" is not in the flowsheet`);
    if (!doses.length) throw new MeasurementMismatch('stream', `unit "${unitId}" doses no reagent`);
    if (unit.kind === 'fraction') throw new MeasurementMismatch('unit', `a reagent dose is a flow: give it in kg/h, kmol/h, ...`);
    cell = (k) => doses.find((d) => d.species === k)?.variable;
  } else {
    const s = plant.streams.findIndex((st) => st.id === m.stream);
    if (s < 0) throw new MeasurementMismatch('stream', `stream "${m.stream}" is not in the flowsheet (streams: ${listSome(plant.streams.map((st) => st.id))})`);
    cell = (k) => s * S + k;
  }
  const inPhase = (k: number) => !unit.phases || unit.phases.includes(species.list[k].phase);
  // Coefficients of the component: mass (kg/h) or amount (kmol/h) per kmol/h of each species.
  const coef = new Map<number, number>();
  let direct: number[] | undefined;
  const add = (k: number, c: number) => {
    const v = cell(k);
    if (v !== undefined && c !== 0) coef.set(v, (coef.get(v) ?? 0) + c);
  };
  const byMass = unit.kind !== 'molar';
  const component = m.component.trim();
  const k0 = species.index.get(component);
  if (k0 !== undefined) {
    if (!inPhase(k0)) throw new MeasurementMismatch('unit', `species ${component} is not in the phase of unit "${m.unit}"`);
    if (cell(k0) === undefined) throw new MeasurementMismatch('component', `${component} is not a reagent of unit "${m.stream.slice(8)}"`);
    add(k0, byMass ? species.list[k0].molarMass : 1);
    direct = [cell(k0)!];
  } else if (component.toLowerCase() === 'total') {
    for (let k = 0; k < S; k++) if (inPhase(k)) add(k, byMass ? species.list[k].molarMass : 1);
  } else {
    const e = species.elements.indexOf(component);
    if (e < 0) {
      throw new MeasurementMismatch(
        'component',
        `"${component}" is neither a declared species nor an element of this flowsheet, nor "total" (elements: ${species.elements.join(', ')}; species: ${listSome(species.list.map((sp) => sp.id))})`,
      );
    }
    for (let k = 0; k < S; k++) {
      const a = species.elementMatrix[e * S + k];
      if (a && inPhase(k)) add(k, byMass ? a * ATOMIC_WEIGHTS[component] : a);
    }
  }
  if (unit.kind !== 'fraction') {
    const num = new Map<number, number>();
    for (const [v, c] of coef) num.set(v, c / unit.factor);
    return { model: { num, scale: 1 }, direct };
  }
  const den = new Map<number, number>();
  for (let k = 0; k < S; k++) if (inPhase(k)) {
    const v = cell(k);
    if (v !== undefined) den.set(v, species.list[k].molarMass);
  }
  return { model: { num: coef, den, scale: unit.factor }, direct };
}

function listSome(ids: readonly string[], max = 12): string {
  return ids.length <= max ? ids.join(', ') : `${ids.slice(0, max).join(', ')}, … ${ids.length - max} more`;
}

const COLUMNS: Record<string, string[]> = {
  run: ['run', 'case', 'campaign'],
  stream: ['stream'],
  component: ['component', 'species', 'element', 'quantity'],
  value: ['value', 'measured'],
  unit: ['unit', 'units'],
  sd: ['sd', 'std', 'stdev', 'std_dev', 'sigma', 'standard deviation'],
  rel: ['rel', 'rel_error', 'relative_error', 'relative error', 'rsd'],
  note: ['note', 'notes', 'comment'],
};

/**
 * Reads measurements from CSV text and checks each against the plant. Every problem is reported
 * with its line and column (`data.csv line 7, column 2 (component)`), all at once.
 */
export function parseMeasurementsCsv(text: string, plant: CompiledFlowsheet, fileName = 'data'): Measurement[] {
  const rows: { cells: string[]; line: number }[] = [];
  let lastCursor = 0;
  let lineAtCursor = 1;
  const parseProblems: Diagnostic[] = [];
  const src = text.replace(/^\uFEFF/, '');
  Papa.parse<string[]>(src, {
    skipEmptyLines: false,
    step(result) {
      const line = lineAtCursor;
      const cursor = result.meta.cursor;
      for (let i = lastCursor; i < cursor && i < src.length; i++) if (src.charCodeAt(i) === 10) lineAtCursor++;
      lastCursor = cursor;
      for (const e of result.errors) parseProblems.push({ path: `${fileName} line ${line}`, message: `CSV: ${e.message}` });
      const cells = result.data.map((c) => c.trim());
      if (cells.every((c) => c === '') || cells[0].startsWith('#')) return;
      rows.push({ cells, line });
    },
  });
  if (parseProblems.length) throw new MeasurementError(parseProblems);
  if (!rows.length) throw new MeasurementError([{ path: fileName, message: 'no header row: the file is empty' }]);
  const header = rows[0];
  const where = (line: number, col?: number) => (col === undefined ? `${fileName} line ${line}` : `${fileName} line ${line}, column ${col + 1} (${header.cells[col]})`);
  const columns = new Map<string, number>();
  const problems: Diagnostic[] = [];
  header.cells.forEach((name, c) => {
    const key = Object.keys(COLUMNS).find((k) => COLUMNS[k].includes(name.toLowerCase()));
    if (!key) problems.push({ path: where(header.line), message: `column ${c + 1} "${name}" is not one of: run, stream, component, value, unit, sd, rel, note` });
    else if (columns.has(key)) problems.push({ path: where(header.line), message: `column ${c + 1} "${name}" repeats the column "${header.cells[columns.get(key)!]}"` });
    else columns.set(key, c);
  });
  for (const required of ['stream', 'component', 'value', 'unit']) {
    if (!columns.has(required)) problems.push({ path: where(header.line), message: `the header has no "${required}" column (columns: run, stream, component, value, unit, sd or rel, note)` });
  }
  if (!columns.has('sd') && !columns.has('rel')) problems.push({ path: where(header.line), message: 'the header needs an "sd" (standard deviation) or a "rel" (relative error) column' });
  if (problems.length) throw new MeasurementError(problems);

  const index = variableIndex(plant);
  const measurements: Measurement[] = [];
  for (const { cells, line } of rows.slice(1)) {
    const get = (key: string) => (columns.has(key) ? (cells[columns.get(key)!] ?? '') : '');
    const col = (key: string) => columns.get(key);
    const before = problems.length;
    if (cells.length !== header.cells.length) {
      problems.push({ path: where(line), message: `${cells.length} fields where the header has ${header.cells.length}` });
      continue;
    }
    const stream = get('stream');
    const component = get('component');
    const unit = get('unit');
    const value = parseNumber(get('value'));
    if (!stream) problems.push({ path: where(line, col('stream')), message: 'the stream is empty' });
    if (!component) problems.push({ path: where(line, col('component')), message: 'the component is empty' });
    if (value === undefined) problems.push({ path: where(line, col('value')), message: `"${get('value')}" is not a number` });
    else if (value < 0) problems.push({ path: where(line, col('value')), message: `a measured flow or assay is never negative (${value})` });
    const sdText = get('sd');
    const relText = get('rel');
    let sd: number | undefined;
    if (sdText && relText) problems.push({ path: where(line), message: 'give a standard deviation (sd) or a relative error (rel), not both' });
    else if (sdText) {
      sd = parseNumber(sdText);
      if (sd === undefined || !(sd > 0)) problems.push({ path: where(line, col('sd')), message: `the standard deviation must be a number > 0, not "${sdText}"` });
    } else if (relText) {
      const percent = relText.endsWith('%');
      const rel = parseNumber(percent ? relText.slice(0, -1) : relText);
      if (rel === undefined || !(rel > 0)) problems.push({ path: where(line, col('rel')), message: `the relative error must be a number > 0 (0.02 or 2%), not "${relText}"` });
      else if (value !== undefined) {
        sd = (value * rel) / (percent ? 100 : 1);
        if (!(sd > 0)) problems.push({ path: where(line, col('rel')), message: 'a relative error of a zero value gives no standard deviation: give "sd" instead' });
      }
    } else problems.push({ path: where(line), message: 'give a standard deviation (sd) or a relative error (rel)' });
    if (problems.length > before || value === undefined || sd === undefined) continue;
    try {
      measurementModel(plant, index, { stream, component, unit });
    } catch (e) {
      if (!(e instanceof MeasurementMismatch)) throw e;
      problems.push({ path: where(line, col(e.column)), message: e.message });
      continue;
    }
    const run = get('run');
    const note = get('note');
    measurements.push({ stream, component, value, unit, sd, ...(run ? { run } : {}), ...(note ? { note } : {}), source: `${fileName} line ${line}` });
  }
  if (problems.length) throw new MeasurementError(problems);
  if (!measurements.length) throw new MeasurementError([{ path: fileName, message: 'no measurements: the file has a header and nothing else' }]);
  return measurements;
}

function parseNumber(text: string): number | undefined {
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text.trim())) return undefined;
  return Number(text);
}

/** The runs in a measurement set, in order of first appearance ('' when there is no run column). */
export function runsOf(measurements: readonly Measurement[]): string[] {
  return [...new Set(measurements.map((m) => m.run ?? ''))];
}

/** Measurements as CSV, in the format parseMeasurementsCsv reads. */
export function measurementsToCsv(measurements: readonly Measurement[]): string {
  const withRun = measurements.some((m) => m.run);
  const fields = [...(withRun ? ['run'] : []), 'stream', 'component', 'value', 'unit', 'sd', 'note'];
  const data = measurements.map((m) => [...(withRun ? [m.run ?? ''] : []), m.stream, m.component, fmtValue(m.value), m.unit, fmtValue(m.sd), m.note ?? '']);
  return Papa.unparse({ fields, data }, { newline: '\n' }) + '\n';
}

function fmtValue(x: number): string {
  return Number(x.toPrecision(6)).toString();
}
