/**
 * Pilot data as CSV (papaparse): one measurement per line after a header row, `#` comment lines,
 * every problem reported with its line and column (`data.csv line 7, column 2 (component)`), all at
 * once. A line `RUN,period,duration,24,h` gives the length of a run's period, which amounts over
 * the period (kg, t, m³) need. The format is documented in flowsheets/pilot/README.md.
 *
 * Tables written for people (the reconciled measurements, comparisons) escape a text cell a
 * spreadsheet would run as a formula (core/csv.ts); the measurements file itself is data to read
 * back and keeps its ids as they are.
 */
import Papa from 'papaparse';
import type { CompiledFlowsheet } from '../compile';
import { csvLine } from '../csv';
import { FlexsheetError, type Diagnostic } from '../diagnostics';
import { isStock, MeasurementMismatch, measurementModel, sdProblem, stockTarget, type Measurement } from './measurements';
import { hoursPer } from './units';
import { variableIndex, withAccumulations, type VariableIndex } from './variables';
import { plantVolumes, type VolumeData } from './volumes';

export class MeasurementError extends FlexsheetError {}

interface Row {
  cells: string[];
  line: number;
}

const COLUMNS: ReadonlyMap<string, readonly string[]> = new Map([
  ['run', ['run', 'case', 'campaign', 'period']],
  ['stream', ['stream']],
  ['component', ['component', 'species', 'element', 'quantity']],
  ['value', ['value', 'measured']],
  ['unit', ['unit', 'units']],
  ['sd', ['sd', 'std', 'stdev', 'std_dev', 'sigma', 'standard deviation']],
  ['rel', ['rel', 'rel_error', 'relative_error', 'relative error', 'rsd']],
  ['note', ['note', 'notes', 'comment']],
]);

/** Rows of the file with their line numbers; blank and comment lines left out. */
function readRows(text: string, fileName: string): Row[] {
  const rows: Row[] = [];
  let lastCursor = 0;
  let lineAtCursor = 1;
  const problems: Diagnostic[] = [];
  const src = text.replace(/^\uFEFF/, '');
  Papa.parse<string[]>(src, {
    skipEmptyLines: false,
    step(result) {
      const line = lineAtCursor;
      const cursor = result.meta.cursor;
      for (let i = lastCursor; i < cursor && i < src.length; i++) if (src.charCodeAt(i) === 10) lineAtCursor++;
      lastCursor = cursor;
      for (const e of result.errors) problems.push({ path: `${fileName} line ${line}`, message: `CSV: ${e.message}` });
      const cells = result.data.map((c) => c.trim());
      if (cells.every((c) => c === '') || cells[0].startsWith('#')) return;
      rows.push({ cells, line });
    },
  });
  if (problems.length) throw new MeasurementError(problems);
  if (!rows.length) throw new MeasurementError([{ path: fileName, message: 'no header row: the file is empty' }]);
  return rows;
}

interface Header {
  columns: Map<string, number>;
  where: (line: number, col?: number) => string;
}

function readHeader(header: Row, fileName: string): Header {
  const where = (line: number, col?: number) => (col === undefined ? `${fileName} line ${line}` : `${fileName} line ${line}, column ${col + 1} (${header.cells[col]})`);
  const columns = new Map<string, number>();
  const problems: Diagnostic[] = [];
  header.cells.forEach((name, c) => {
    const key = [...COLUMNS].find(([, names]) => names.includes(name.toLowerCase()))?.[0];
    if (!key) problems.push({ path: where(header.line), message: `column ${c + 1} "${name}" is not one of: run, stream, component, value, unit, sd, rel, note` });
    else if (columns.has(key)) problems.push({ path: where(header.line), message: `column ${c + 1} "${name}" repeats the column "${header.cells[columns.get(key)!]}"` });
    else columns.set(key, c);
  });
  for (const required of ['stream', 'component', 'value', 'unit']) {
    if (!columns.has(required)) problems.push({ path: where(header.line), message: `the header has no "${required}" column (columns: run, stream, component, value, unit, sd or rel, note)` });
  }
  if (!columns.has('sd') && !columns.has('rel')) problems.push({ path: where(header.line), message: 'the header needs an "sd" (standard deviation) or a "rel" (relative error) column' });
  if (problems.length) throw new MeasurementError(problems);
  return { columns, where };
}

/** One data line read as a measurement (value and sd checked), or its problems. */
function readLine(row: Row, h: Header, ncols: number, problems: Diagnostic[]): Omit<Measurement, 'hours'> | undefined {
  const { cells, line } = row;
  const get = (key: string) => (h.columns.has(key) ? (cells[h.columns.get(key)!] ?? '') : '');
  const at = (key: string) => h.where(line, h.columns.get(key));
  const before = problems.length;
  if (cells.length !== ncols) {
    problems.push({ path: h.where(line), message: `${cells.length} fields where the header has ${ncols}` });
    return undefined;
  }
  const stream = get('stream');
  const component = get('component');
  const unit = get('unit');
  const value = parseNumber(get('value'));
  if (!stream) problems.push({ path: at('stream'), message: 'the stream is empty' });
  if (!component) problems.push({ path: at('component'), message: 'the component is empty' });
  if (value === undefined) problems.push({ path: at('value'), message: `"${get('value')}" is not a number` });
  else if (value < 0 && !isStock({ stream })) problems.push({ path: at('value'), message: `a measured flow or assay is never negative (${value})` });
  const sd = readSd(get('sd'), get('rel'), value, (key, message) => problems.push({ path: key ? at(key) : h.where(line), message }));
  if (problems.length > before || value === undefined || sd === undefined) return undefined;
  const run = get('run');
  const note = get('note');
  return { stream, component, value, unit, sd, ...(run ? { run } : {}), ...(note ? { note } : {}) };
}

function readSd(sdText: string, relText: string, value: number | undefined, problem: (key: string | undefined, message: string) => void): number | undefined {
  if (sdText && relText) return problem(undefined, 'give a standard deviation (sd) or a relative error (rel), not both'), undefined;
  if (sdText) {
    const sd = parseNumber(sdText);
    if (sd === undefined || !(sd > 0)) return problem('sd', `the standard deviation must be a number > 0, not "${sdText}"`), undefined;
    const precise = sdProblem(sd, value, sdText);
    if (precise) return problem('sd', precise), undefined;
    return sd;
  }
  if (relText) {
    const percent = relText.endsWith('%');
    const rel = parseNumber(percent ? relText.slice(0, -1) : relText);
    if (rel === undefined || !(rel > 0)) return problem('rel', `the relative error must be a number > 0 (0.02 or 2%), not "${relText}"`), undefined;
    if (value === undefined) return undefined;
    const sd = (Math.abs(value) * rel) / (percent ? 100 : 1);
    if (!(sd > 0)) return problem('rel', 'a relative error of a zero value gives no standard deviation: give "sd" instead'), undefined;
    const precise = sdProblem(sd, value);
    if (precise) return problem('rel', precise), undefined;
    return sd;
  }
  problem(undefined, 'give a standard deviation (sd) or a relative error (rel)');
  return undefined;
}

const PERIOD = 'period';

/** A `period` line: the duration of its run, hours. */
function readPeriod(row: Row, h: Header, periods: Map<string, number>, problems: Diagnostic[]): void {
  const get = (key: string) => (h.columns.has(key) ? (row.cells[h.columns.get(key)!] ?? '') : '');
  const at = (key: string) => h.where(row.line, h.columns.get(key));
  const run = get('run');
  const component = get('component').toLowerCase();
  if (component !== 'duration' && component !== 'hours') return void problems.push({ path: at('component'), message: `a "period" line gives the run's duration: its component is "duration", not "${get('component')}"` });
  const value = parseNumber(get('value'));
  const per = hoursPer(get('unit'));
  if (value === undefined || !(value > 0)) return void problems.push({ path: at('value'), message: `the duration of a period is a number > 0, not "${get('value')}"` });
  if (per === undefined) return void problems.push({ path: at('unit'), message: `the duration's unit is h, min, d or week, not "${get('unit')}"` });
  if (periods.has(run)) return void problems.push({ path: h.where(row.line), message: `run "${run || '(no name)'}" has its duration already` });
  periods.set(run, value * per);
}

/**
 * Reads measurements from CSV text and checks each against the plant. Every problem is reported
 * with its line and column, all at once.
 */
export function parseMeasurementsCsv(text: string, plant: CompiledFlowsheet, fileName = 'data', volumes: VolumeData = plantVolumes(plant)): Measurement[] {
  const rows = readRows(text, fileName);
  const h = readHeader(rows[0], fileName);
  const ncols = rows[0].cells.length;
  const problems: Diagnostic[] = [];
  const periods = new Map<string, number>();
  const read: { m: Omit<Measurement, 'hours'>; row: Row }[] = [];
  for (const row of rows.slice(1)) {
    const stream = h.columns.has('stream') ? row.cells[h.columns.get('stream')!] : '';
    if (stream?.toLowerCase() === PERIOD && row.cells.length === ncols) readPeriod(row, h, periods, problems);
    else {
      const m = readLine(row, h, ncols, problems);
      if (m) read.push({ m, row });
    }
  }
  const index = validationIndex(plant);
  const measurements: Measurement[] = [];
  for (const { m, row } of read) {
    const hours = periods.get(m.run ?? '');
    const full: Measurement = { ...m, ...(hours !== undefined ? { hours } : {}), source: `${fileName} line ${row.line}` };
    try {
      measurementModel(plant, index, full, volumes);
      stockTarget(plant, full, volumes);
    } catch (e) {
      if (!(e instanceof MeasurementMismatch)) throw e;
      problems.push({ path: h.where(row.line, h.columns.get(e.column)), message: e.message });
      continue;
    }
    measurements.push(full);
  }
  if (problems.length) throw new MeasurementError(problems);
  if (!measurements.length) throw new MeasurementError([{ path: fileName, message: 'no measurements: the file has a header and nothing else' }]);
  return measurements;
}

/** An index with a stock unknown for every species of every unit, to check stock measurements against. */
function validationIndex(plant: CompiledFlowsheet): VariableIndex {
  const S = plant.species.list.length;
  const pairs = plant.units.flatMap((u, unitIndex) => (u.type.role ? [] : Array.from({ length: S }, (_, species) => ({ unitIndex, species }))));
  return withAccumulations(variableIndex(plant), plant, pairs);
}

function parseNumber(text: string): number | undefined {
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text.trim())) return undefined;
  return Number(text);
}

/** The runs in a measurement set, in order of first appearance ('' when there is no run column). */
export function runsOf(measurements: readonly Measurement[]): string[] {
  return [...new Set(measurements.map((m) => m.run ?? ''))];
}

/** Measurements as CSV, in the format parseMeasurementsCsv reads (with the period lines of the runs that have one). */
export function measurementsToCsv(measurements: readonly Measurement[]): string {
  const withRun = measurements.some((m) => m.run);
  const fields = [...(withRun ? ['run'] : []), 'stream', 'component', 'value', 'unit', 'sd', 'note'];
  const data: string[][] = [];
  const periods = new Set<string>();
  for (const m of measurements) {
    const run = m.run ?? '';
    if (m.hours !== undefined && !periods.has(run)) {
      periods.add(run);
      data.push([...(withRun ? [run] : []), PERIOD, 'duration', fmtValue(m.hours), 'h', '', '']);
    }
    data.push([...(withRun ? [run] : []), m.stream, m.component, fmtValue(m.value), m.unit, fmtValue(m.sd), m.note ?? '']);
  }
  return Papa.unparse({ fields, data }, { newline: '\n' }) + '\n';
}

function fmtValue(x: number): string {
  return Number(x.toPrecision(6)).toString();
}

/** CSV text of a table: text cells escaped against formula injection (core/csv.ts), numbers as numbers. */
export function tableCsv(fields: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return [fields, ...rows].map((r) => csvLine(r)).join('\n') + '\n';
}
