/**
 * The stream table as a process engineer reads it: per stream its ends (by label), total, the
 * properties the results carry (°C, pH, % solids, m³/h per phase, FORMAT.md "Results of the
 * additions"), species in the chosen quantity (kg/h, t/h, kmol/h, mass %, or g/L and mg/L of the
 * aqueous solution) and element assays (kg/h or mass %). Every column has its unit. The same
 * table is drawn with streams as rows or as columns, copied as tab-separated text, exported as CSV
 * without float noise (core/format), and printed.
 */
import type { FlowsheetResults, StreamResult, UnitDecl } from '../../core';
import type { SpeciesInfo } from '../../core/chemistry';
import { formatNumber, formatPercent, toCsv, toTsv, type Cell } from '../../core/format';
import { parseRef, unitLabel } from './doc';
import { own } from './own';
import { elementMassOf } from './recovery';

export type FlowUnit = 'kg/h' | 't/h' | 'kmol/h';
export const FLOW_UNITS: readonly FlowUnit[] = ['kg/h', 't/h', 'kmol/h'];

/** How species are shown: a flow, a mass fraction, or a concentration in the aqueous solution. */
export type SpeciesQuantity = FlowUnit | '%' | 'g/L' | 'mg/L';
export type ElementQuantity = 'kg/h' | '%' | 'none';

export interface StreamTableOptions {
  flow: FlowUnit;
  species: SpeciesQuantity;
  elements: ElementQuantity;
}

export const DEFAULT_TABLE_OPTIONS: StreamTableOptions = { flow: 'kg/h', species: 'kg/h', elements: 'none' };

/** Fields of the results added by the energy and volume work; present only when the results carry them. */
interface StreamExtras {
  T?: number;
  pH?: number;
  solidsFraction?: number;
  volumeFlow?: Partial<Record<'aq' | 'org' | 's' | 'l' | 'g', number>>;
  concentration?: Record<string, number>;
}

const extras = (s: StreamResult) => s as StreamResult & StreamExtras;

type ColumnGroup = 'stream' | 'property' | 'species' | 'element';

export interface Column {
  key: string;
  /** The header without its unit. */
  label: string;
  unit: string;
  group: ColumnGroup;
  numeric: boolean;
}

export interface TableRow {
  id: string;
  /** Raw values, for sorting, copying and CSV. */
  values: Cell[];
  /** The values as shown. */
  cells: string[];
  key: string;
}

export interface StreamTableModel {
  columns: Column[];
  rows: TableRow[];
}

/** Species that flow anywhere, in the order of the file's species. */
function flowingSpecies(results: FlowsheetResults, declared: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const id of Object.keys(results.streams)) for (const k of Object.keys(results.streams[id].massFlow)) seen.add(k);
  return [...declared.filter((id) => seen.has(id)), ...[...seen].filter((id) => !declared.includes(id))];
}

/** kg/h of each element in a stream. */
function streamElements(s: StreamResult, species: ReadonlyMap<string, SpeciesInfo>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const id of Object.keys(s.massFlow)) {
    const info = species.get(id);
    for (const el of Object.keys(info?.elements ?? {})) out[el] = (out[el] ?? 0) + elementMassOf(info, s.massFlow[id], el);
  }
  return out;
}

const PHASE_VOLUMES = [
  ['aq', 'aqueous volume'],
  ['org', 'organic volume'],
  ['s', 'solids volume'],
  ['l', 'liquid volume'],
  ['g', 'gas volume'],
] as const;

function flowOf(s: StreamResult, species: string, unit: FlowUnit): number {
  if (unit === 'kmol/h') return s.molarFlow[species] ?? 0;
  const kg = s.massFlow[species] ?? 0;
  return unit === 't/h' ? kg / 1000 : kg;
}

const totalOf = (s: StreamResult, unit: FlowUnit) => (unit === 'kmol/h' ? s.totals.molar : unit === 't/h' ? s.totals.mass / 1000 : s.totals.mass);

/** The element symbols present in the species that flow. */
function flowingElements(speciesIds: readonly string[], species: ReadonlyMap<string, SpeciesInfo>): string[] {
  const set = new Set<string>();
  for (const id of speciesIds) for (const el of Object.keys(species.get(id)?.elements ?? {})) set.add(el);
  return [...set];
}

export function streamTable(
  results: FlowsheetResults,
  units: Readonly<Record<string, UnitDecl>>,
  declaredSpecies: readonly string[],
  species: ReadonlyMap<string, SpeciesInfo>,
  options: StreamTableOptions,
): StreamTableModel {
  const ids = Object.keys(results.streams);
  const all = ids.map((id) => extras(results.streams[id]));
  const flowing = flowingSpecies(results, declaredSpecies);
  const concentration = options.species === 'g/L' || options.species === 'mg/L';
  const shownSpecies = concentration ? flowing.filter((sp) => sp.endsWith('(aq)')) : flowing;
  const columns: Column[] = [
    { key: 'from', label: 'from', unit: '', group: 'stream', numeric: false },
    { key: 'to', label: 'to', unit: '', group: 'stream', numeric: false },
    { key: 'total', label: 'total', unit: options.flow, group: 'stream', numeric: true },
  ];
  const has = (f: (s: StreamExtras) => unknown) => all.some((s) => f(s) !== undefined);
  if (has((s) => s.T)) columns.push({ key: 'T', label: 'T', unit: '°C', group: 'property', numeric: true });
  if (has((s) => s.pH)) columns.push({ key: 'pH', label: 'pH', unit: '', group: 'property', numeric: true });
  if (has((s) => s.solidsFraction)) columns.push({ key: 'solids', label: 'solids', unit: '% w/w', group: 'property', numeric: true });
  for (const [phase, label] of PHASE_VOLUMES) if (all.some((s) => (s.volumeFlow?.[phase] ?? 0) > 0)) columns.push({ key: `vol:${phase}`, label, unit: phase === 'g' ? 'Nm³/h' : 'm³/h', group: 'property', numeric: true });
  const speciesUnit = options.species === '%' ? '% w/w' : options.species;
  for (const sp of shownSpecies) columns.push({ key: `sp:${sp}`, label: sp, unit: speciesUnit, group: 'species', numeric: true });
  const elements = options.elements === 'none' ? [] : flowingElements(flowing, species);
  for (const el of elements) columns.push({ key: `el:${el}`, label: el, unit: options.elements === '%' ? '% w/w' : 'kg/h', group: 'element', numeric: true });

  const label = (ref: string) => {
    const u = parseRef(ref).unit;
    const decl = own(units, u);
    return decl ? unitLabel(u, decl) : u;
  };
  const rows: TableRow[] = ids.map((id, i) => {
    const s = all[i];
    const elementKg = elements.length ? streamElements(s, species) : {};
    const aqVolume = s.volumeFlow?.aq;
    const values: Cell[] = columns.map((c) => {
      switch (c.key) {
        case 'from':
          return label(s.from);
        case 'to':
          return label(s.to);
        case 'total':
          return totalOf(s, options.flow);
        case 'T':
          return s.T;
        case 'pH':
          return s.pH;
        case 'solids':
          return s.solidsFraction === undefined ? undefined : s.solidsFraction * 100;
      }
      if (c.key.startsWith('vol:')) return s.volumeFlow?.[c.key.slice(4) as 'aq'];
      if (c.group === 'species') {
        const sp = c.key.slice(3);
        if (options.species === '%') return s.totals.mass > 0 ? ((s.massFlow[sp] ?? 0) / s.totals.mass) * 100 : undefined;
        if (concentration) {
          // kg/m³ of the aqueous solution is g/L.
          const gL = s.concentration?.[sp] ?? (aqVolume ? (s.massFlow[sp] ?? 0) / aqVolume : undefined);
          return gL === undefined ? undefined : options.species === 'mg/L' ? gL * 1000 : gL;
        }
        return flowOf(s, sp, options.species as FlowUnit);
      }
      const el = c.key.slice(3);
      const kg = elementKg[el] ?? 0;
      return options.elements === '%' ? (s.totals.mass > 0 ? (kg / s.totals.mass) * 100 : undefined) : kg;
    });
    const cells = values.map((v, j) => {
      if (v === undefined || v === null) return '';
      if (typeof v === 'string') return v;
      if (v === 0 && columns[j].group !== 'stream') return '';
      return columns[j].unit.startsWith('%') ? formatPercent(v / 100).replace(' %', '') : formatNumber(v);
    });
    return { id, values, cells, key: `${id}|${cells.join('|')}` };
  });
  return { columns, rows };
}

export const header = (c: Column) => (c.unit ? `${c.label} [${c.unit}]` : c.label);

export interface SortKey {
  column: string;
  descending: boolean;
}

const collator = new Intl.Collator(undefined, { numeric: true });

export function sortRows(model: StreamTableModel, key: SortKey): TableRow[] {
  const j = model.columns.findIndex((c) => c.key === key.column);
  const value = (r: TableRow): string | number => (key.column === 'id' ? r.id : ((r.values[j] as string | number | undefined) ?? 0));
  const sign = key.descending ? -1 : 1;
  return [...model.rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
    return sign * c || collator.compare(a.id, b.id);
  });
}

/** The table as rows of cells, streams as rows or as columns, headers with units. */
export function tableCells(model: StreamTableModel, rows: readonly TableRow[], streamsAsColumns: boolean): Cell[][] {
  if (!streamsAsColumns) return [['stream', ...model.columns.map(header)], ...rows.map((r) => [r.id, ...r.values])];
  return [['', ...rows.map((r) => r.id)], ...model.columns.map((c, j) => [header(c), ...rows.map((r) => r.values[j])])];
}

export const streamTableCsv = (model: StreamTableModel, rows: readonly TableRow[], streamsAsColumns = false) => toCsv(tableCells(model, rows, streamsAsColumns));
export const streamTableTsv = (model: StreamTableModel, rows: readonly TableRow[], streamsAsColumns = false) => toTsv(tableCells(model, rows, streamsAsColumns));
