/**
 * The compile stage: a read document (read.ts), in one mode, to a compiled plant: species indexed,
 * units checked and compiled to their models, streams connected to ports, specifications resolved
 * and the unknowns laid out. Every problem found is collected with its location; if there is any,
 * nothing is returned.
 *
 * Unknowns: every stream's species flows (kmol/h; species k of stream s at s.offset + k), then every
 * unit's internals, then every stream's temperature (K; stream i at temperatureOffset + i), then one
 * unknown per specification (the adjusted parameter).
 */
import { FlexsheetError, joinPath, type Diagnostic } from './diagnostics';
import type { FlowBasis, FlowsheetDoc, UnitDecl } from './document';
import { makeContext, type ReactionCheck } from './context';
import { applyMode, type ModeView } from './modes';
import { readDocument } from './read';
import { validateUnitParams } from './validate';
import { buildSpeciesTable, type SpeciesTable } from './species';
import { compileSpecs, type CompiledSpec } from './specs';
import type { AnyUnitType, PortDecl, UnitModel, UnitRegistry } from './unit-type';

export { makeContext } from './context';
export { parseJsonText } from './json';

export interface CompiledStream {
  id: string;
  fromUnit: number;
  fromPort: string;
  toUnit: number;
  toPort: string;
  /** The unknown of species k in this stream is offset + k. */
  offset: number;
}

export interface CompiledUnit {
  id: string;
  type: AnyUnitType;
  params: UnitDecl;
  ports: PortDecl[];
  model: UnitModel;
  /** Stream indices entering each inlet port. */
  inlets: Map<string, number[]>;
  /** Stream index leaving each outlet port. */
  outlets: Map<string, number>;
  internalOffset: number;
  internals: number;
}

export interface CompiledFlowsheet {
  name: string;
  basis: FlowBasis;
  mode: string | undefined;
  doc: FlowsheetDoc;
  registry: UnitRegistry;
  species: SpeciesTable;
  units: CompiledUnit[];
  streams: CompiledStream[];
  specs: CompiledSpec[];
  /** The temperature of stream i is unknown temperatureOffset + i. */
  temperatureOffset: number;
  /** Units the mode takes out of service. */
  idle: string[];
  /** Things the user should know that do not stop the solve (a fraction normalised). */
  warnings: Diagnostic[];
  nUnknowns: number;
  /** Shared by every unit: each equation is parsed and checked once. */
  reactionCache: Map<string, ReactionCheck>;
}

export interface CompileOptions {
  mode?: string;
}

/** Reads (unless `input` is already a read document) and compiles a flowsheet in one mode. */
export function compileFlowsheet(input: unknown, registry: UnitRegistry, options: CompileOptions = {}): CompiledFlowsheet {
  const file = readDocument(input, registry);
  const diagnostics: Diagnostic[] = [];
  const view = applyMode(file, options.mode, diagnostics);
  if (!view) throw new FlexsheetError(diagnostics);
  for (const id of view.changed) diagnostics.push(...validateUnitParams(id, view.units[id], registry));
  if (diagnostics.length) throw new FlexsheetError(diagnostics);

  const species = buildSpeciesTable(file.species, diagnostics);
  const units = declareUnits(view, registry);
  const streams = connectStreams(file, view, units, options.mode, diagnostics);
  checkPorts(units, streams, diagnostics);
  const warnings: Diagnostic[] = [];
  const reactionCache = new Map<string, ReactionCheck>();
  for (const unit of units) compileUnit(unit, species, file.basis, { errors: diagnostics, warnings, reactionCache });
  if (diagnostics.length) throw new FlexsheetError(diagnostics);

  const S = species.list.length;
  let offset = 0;
  for (const s of streams) {
    s.offset = offset;
    offset += S;
  }
  for (const unit of units) {
    unit.internalOffset = offset;
    unit.internals = unit.model.internals ?? 0;
    offset += unit.internals;
  }
  const temperatureOffset = offset;
  offset += streams.length;
  const plant: CompiledFlowsheet = {
    name: file.name,
    basis: file.basis,
    mode: options.mode,
    doc: file,
    registry,
    species,
    units,
    streams,
    specs: [],
    temperatureOffset,
    idle: view.idle,
    warnings,
    nUnknowns: offset,
    reactionCache,
  };
  plant.specs = compileSpecs(plant, view.specs, options.mode, diagnostics);
  if (diagnostics.length) throw new FlexsheetError(diagnostics);
  plant.nUnknowns += plant.specs.length;
  return plant;
}

function declareUnits(view: ModeView, registry: UnitRegistry): CompiledUnit[] {
  return Object.entries(view.units).map(([id, decl]) => {
    const type = registry.get(decl.type)!;
    return { id, type, params: decl, ports: type.ports(decl), model: { equations: () => {} }, inlets: new Map(), outlets: new Map(), internalOffset: 0, internals: 0 };
  });
}

function splitRef(ref: string): { unit: string; port: string } {
  const dot = ref.lastIndexOf('.');
  return { unit: ref.slice(0, dot), port: ref.slice(dot + 1) };
}

/** Streams: both ends must name an existing port of the right direction; an outlet carries one. */
function connectStreams(file: FlowsheetDoc, view: ModeView, units: CompiledUnit[], mode: string | undefined, diagnostics: Diagnostic[]): CompiledStream[] {
  const unitIndex = new Map(units.map((u, i) => [u.id, i]));
  const streams: CompiledStream[] = [];
  const routed = mode !== undefined && file.modes && Object.prototype.hasOwnProperty.call(file.modes, mode) && file.modes[mode].streams;
  const streamsPath = routed ? joinPath(joinPath('modes', mode!), 'streams') : 'streams';
  for (const [id, s] of Object.entries(view.streams)) {
    const path = joinPath(streamsPath, id);
    const from = splitRef(s.from);
    const to = splitRef(s.to);
    const fromOk = checkEnd(id, path, from, 'from', units, unitIndex, view, mode, diagnostics);
    const toOk = checkEnd(id, path, to, 'to', units, unitIndex, view, mode, diagnostics);
    if (!fromOk || !toOk) continue;
    const fromUnit = units[unitIndex.get(from.unit)!];
    const toUnit = units[unitIndex.get(to.unit)!];
    if (fromUnit.outlets.has(from.port)) {
      const other = streams[fromUnit.outlets.get(from.port)!].id;
      diagnostics.push({
        path: joinPath(path, 'from'),
        message: `outlet "${from.port}" of unit "${from.unit}" already carries stream "${other}": an outlet carries one stream (add a splitter)`,
        stream: id,
        unit: from.unit,
        port: from.port,
      });
      continue;
    }
    fromUnit.outlets.set(from.port, streams.length);
    const list = toUnit.inlets.get(to.port) ?? [];
    list.push(streams.length);
    toUnit.inlets.set(to.port, list);
    streams.push({ id, fromUnit: unitIndex.get(from.unit)!, fromPort: from.port, toUnit: unitIndex.get(to.unit)!, toPort: to.port, offset: 0 });
  }
  return streams;
}

function checkEnd(
  id: string,
  path: string,
  end: { unit: string; port: string },
  key: 'from' | 'to',
  units: CompiledUnit[],
  unitIndex: Map<string, number>,
  view: ModeView,
  mode: string | undefined,
  diagnostics: Diagnostic[],
): boolean {
  const verb = key === 'from' ? 'leaves' : 'enters';
  const ui = unitIndex.get(end.unit);
  if (ui === undefined) {
    const idle = view.idle.includes(end.unit);
    diagnostics.push({
      path: joinPath(path, key),
      message: idle ? `stream "${id}" ${verb} unit "${end.unit}", which mode "${mode}" takes out of service` : `stream "${id}" ${verb} unit "${end.unit}", which does not exist`,
      stream: id,
      unit: end.unit,
    });
    return false;
  }
  const unit = units[ui];
  const direction = key === 'from' ? 'out' : 'in';
  const port = unit.ports.find((p) => p.name === end.port);
  if (port && port.direction === direction) return true;
  const names = unit.ports.filter((p) => p.direction === direction).map((p) => p.name);
  const what = direction === 'out' ? 'outlet' : 'inlet';
  diagnostics.push({
    path: joinPath(path, key),
    message: port
      ? `stream "${id}": port "${end.port}" of unit "${end.unit}" is an ${port.direction === 'in' ? 'inlet' : 'outlet'}, not an ${what}`
      : `stream "${id}": unit "${end.unit}" (${unit.type.type}) has no ${what} "${end.port}" (${what}s: ${names.join(', ') || 'none'})`,
    stream: id,
    unit: end.unit,
    port: end.port,
  });
  return false;
}

/** Every port connected; single inlets take one stream. */
function checkPorts(units: CompiledUnit[], streams: CompiledStream[], diagnostics: Diagnostic[]): void {
  for (const unit of units) {
    for (const port of unit.ports) {
      if (port.direction === 'out' && !unit.outlets.has(port.name)) {
        diagnostics.push({ path: 'streams', message: `unit "${unit.id}": outlet "${port.name}" is not connected`, unit: unit.id, port: port.name });
      }
      if (port.direction !== 'in') continue;
      const n = unit.inlets.get(port.name)?.length ?? 0;
      if (n === 0 && !port.optional) diagnostics.push({ path: 'streams', message: `unit "${unit.id}": inlet "${port.name}" is not connected`, unit: unit.id, port: port.name });
      if (n > 1 && !port.multiple) {
        const ids = unit.inlets.get(port.name)!.map((i) => streams[i].id);
        diagnostics.push({
          path: joinPath(joinPath('units', unit.id), port.name),
          message: `unit "${unit.id}": inlet "${port.name}" takes one stream but ${n} enter it (${ids.join(', ')}); mix them first`,
          unit: unit.id,
          port: port.name,
        });
      }
    }
  }
}

/** Compiles one unit's model from its parameters; false (with a located error) when it cannot. */
export function compileUnit(
  unit: CompiledUnit,
  species: SpeciesTable,
  basis: FlowBasis,
  sinks: { errors: Diagnostic[]; warnings?: Diagnostic[]; reactionCache?: Map<string, ReactionCheck> },
): boolean {
  const path = joinPath('units', unit.id);
  const before = sinks.errors.length;
  const model = unit.type.compile(unit.params, makeContext(unit, path, species, basis, sinks));
  if (model) {
    unit.model = model;
    return true;
  }
  if (sinks.errors.length === before) sinks.errors.push({ path, message: `unit "${unit.id}" could not be compiled`, unit: unit.id });
  return false;
}
