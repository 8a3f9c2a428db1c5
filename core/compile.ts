/**
 * Reads a flowsheet file and turns it into a compiled plant: species indexed, units checked and
 * compiled to their linear models, streams connected to ports, unknowns laid out. Every problem
 * found is collected with its location; if there is any, nothing is returned.
 */
import { parse as parseJsonc, printParseErrorCode, type ParseError, type ParseErrorCode } from 'jsonc-parser';
import { ChemistryError, checkBalance, describeImbalance, parseEquation, stoichiometry } from './chemistry';
import { FlexsheetError, joinPath, type Diagnostic } from './diagnostics';
import { FORMAT_ID, type FlowBasis, type FlowsheetDoc, type UnitDecl } from './document';
import { toKmolPerHour } from './basis';
import { validateEconomics } from './economics/schema';
import { applyMode } from './modes';
import { validateEnvelope, validateUnitParams } from './schema';
import { buildSpeciesTable, type SpeciesTable } from './species';
import type { AnyUnitType, CompileContext, CompiledReaction, PortDecl, UnitModel, UnitRegistry } from './unit-type';

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
  species: SpeciesTable;
  units: CompiledUnit[];
  streams: CompiledStream[];
  /** Units the mode takes out of service. */
  idle: string[];
  nUnknowns: number;
}

export interface CompileOptions {
  mode?: string;
}

/** Parses JSON text, reporting the first syntax error by line and column. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const errors: ParseError[] = [];
    parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    let where = '';
    if (first) {
      const before = text.slice(0, first.offset);
      const line = before.split('\n').length;
      const column = first.offset - before.lastIndexOf('\n');
      where = ` at line ${line}, column ${column}: ${describeJsonError(first.error)}`;
    }
    throw new FlexsheetError([{ path: '(file)', message: `the file is not valid JSON${where}` }]);
  }
}

function describeJsonError(code: ParseErrorCode): string {
  const name = printParseErrorCode(code);
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function splitRef(ref: string): { unit: string; port: string } {
  const dot = ref.lastIndexOf('.');
  return { unit: ref.slice(0, dot), port: ref.slice(dot + 1) };
}

export function compileFlowsheet(input: unknown, registry: UnitRegistry, options: CompileOptions = {}): CompiledFlowsheet {
  const doc = typeof input === 'string' ? parseJsonText(input) : input;
  const diagnostics: Diagnostic[] = [];
  const fail = () => new FlexsheetError(diagnostics);

  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new FlexsheetError([{ path: '(file)', message: 'a flowsheet file is a JSON object' }]);
  }
  const format = (doc as { format?: unknown }).format;
  if (format !== FORMAT_ID) {
    throw new FlexsheetError([
      {
        path: 'format',
        message:
          format === undefined
            ? `missing "format": a flowsheet file starts with "format": "${FORMAT_ID}"`
            : `format ${JSON.stringify(format)} is not supported: Flexsheet reads "${FORMAT_ID}"`,
      },
    ]);
  }
  diagnostics.push(...validateEnvelope(doc, registry));
  if (diagnostics.length) throw fail();
  const file = doc as FlowsheetDoc;
  diagnostics.push(...validateEconomics(file));

  const view = applyMode(file, options.mode, diagnostics);
  if (!view) throw fail();
  const species = buildSpeciesTable(file.species, diagnostics);

  // Units: type, parameters, ports.
  const units: CompiledUnit[] = [];
  const unitIndex = new Map<string, number>();
  for (const [id, decl] of Object.entries(view.units)) {
    const problems = validateUnitParams(id, decl, registry);
    if (problems.length) {
      diagnostics.push(...problems);
      unitIndex.set(id, -1);
      continue;
    }
    const type = registry.get(decl.type)!;
    const unit: CompiledUnit = {
      id,
      type,
      params: decl,
      ports: type.ports(decl),
      model: { equations: () => {} },
      inlets: new Map(),
      outlets: new Map(),
      internalOffset: 0,
      internals: 0,
    };
    unitIndex.set(id, units.length);
    units.push(unit);
  }

  // Streams: both ends must name an existing port of the right direction.
  const streams: CompiledStream[] = [];
  const streamsPath = options.mode !== undefined && file.modes?.[options.mode]?.streams ? joinPath(joinPath('modes', options.mode), 'streams') : 'streams';
  for (const [id, s] of Object.entries(view.streams)) {
    const path = joinPath(streamsPath, id);
    const from = splitRef(s.from);
    const to = splitRef(s.to);
    const ends: [typeof from, 'from' | 'to', 'in' | 'out'][] = [
      [from, 'from', 'out'],
      [to, 'to', 'in'],
    ];
    let ok = true;
    for (const [end, key, direction] of ends) {
      const ui = unitIndex.get(end.unit);
      if (ui === undefined) {
        const idle = view.idle.includes(end.unit);
        diagnostics.push({
          path: joinPath(path, key),
          message: idle
            ? `stream "${id}" ${key === 'from' ? 'leaves' : 'enters'} unit "${end.unit}", which mode "${options.mode}" takes out of service`
            : `stream "${id}" ${key === 'from' ? 'leaves' : 'enters'} unit "${end.unit}", which does not exist`,
          stream: id,
          unit: end.unit,
        });
        ok = false;
        continue;
      }
      if (ui < 0) {
        ok = false;
        continue;
      }
      const unit = units[ui];
      const port = unit.ports.find((p) => p.name === end.port);
      if (!port || port.direction !== direction) {
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
        ok = false;
      }
    }
    if (!ok) continue;
    const fromUnit = units[unitIndex.get(from.unit)!];
    const toUnit = units[unitIndex.get(to.unit)!];
    const index = streams.length;
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
    fromUnit.outlets.set(from.port, index);
    const list = toUnit.inlets.get(to.port) ?? [];
    list.push(index);
    toUnit.inlets.set(to.port, list);
    streams.push({
      id,
      fromUnit: unitIndex.get(from.unit)!,
      fromPort: from.port,
      toUnit: unitIndex.get(to.unit)!,
      toPort: to.port,
      offset: 0,
    });
  }

  // Every port connected; single inlets take one stream.
  for (const unit of units) {
    for (const port of unit.ports) {
      const path = joinPath(joinPath('units', unit.id), port.name);
      if (port.direction === 'out' && !unit.outlets.has(port.name)) {
        diagnostics.push({ path: 'streams', message: `unit "${unit.id}": outlet "${port.name}" is not connected`, unit: unit.id, port: port.name });
      }
      if (port.direction === 'in') {
        const n = unit.inlets.get(port.name)?.length ?? 0;
        if (n === 0 && !port.optional) {
          diagnostics.push({ path: 'streams', message: `unit "${unit.id}": inlet "${port.name}" is not connected`, unit: unit.id, port: port.name });
        }
        if (n > 1 && !port.multiple) {
          const ids = unit.inlets.get(port.name)!.map((i) => streams[i].id);
          diagnostics.push({
            path,
            message: `unit "${unit.id}": inlet "${port.name}" takes one stream but ${n} enter it (${ids.join(', ')}); mix them first`,
            unit: unit.id,
            port: port.name,
          });
        }
      }
    }
  }

  // Unit models. Plants repeat the same reactions in many units: parse and check each once.
  const reactionCache = new Map<string, ReactionCheck>();
  for (const unit of units) {
    const path = joinPath('units', unit.id);
    const ctx = makeContext(unit, path, species, file.basis, diagnostics, reactionCache);
    const before = diagnostics.length;
    const model = unit.type.compile(unit.params, ctx);
    if (model) unit.model = model;
    else if (diagnostics.length === before) diagnostics.push({ path, message: `unit "${unit.id}" could not be compiled`, unit: unit.id });
  }
  if (diagnostics.length) throw fail();

  // Unknowns: every stream's species flows, then every unit's internals.
  const nSpecies = species.list.length;
  let offset = 0;
  for (const s of streams) {
    s.offset = offset;
    offset += nSpecies;
  }
  for (const unit of units) {
    unit.internalOffset = offset;
    unit.internals = unit.model.internals ?? 0;
    offset += unit.internals;
  }
  return { name: file.name, basis: file.basis, mode: options.mode, doc: file, species, units, streams, idle: view.idle, nUnknowns: offset };
}

type ReactionCheck = { ok: true; reaction: CompiledReaction } | { ok: false; problems: { message: string; species?: string }[] };

function checkReaction(equation: string, species: SpeciesTable): ReactionCheck {
  let parsed;
  try {
    parsed = parseEquation(equation);
  } catch (e) {
    if (!(e instanceof ChemistryError)) throw e;
    return { ok: false, problems: [{ message: `reaction "${equation}": ${e.message}` }] };
  }
  const lookup = (id: string) => {
    const k = species.index.get(id);
    return k === undefined ? undefined : species.list[k];
  };
  const imbalances = checkBalance(parsed, lookup);
  if (imbalances.length) {
    return {
      ok: false,
      problems: imbalances.map((p) => ({ message: `reaction "${equation}": ${describeImbalance(p)}`, species: p.kind === 'unknown-species' ? p.symbol : undefined })),
    };
  }
  const terms = [...stoichiometry(parsed)].filter(([, nu]) => nu !== 0).map(([id, nu]) => ({ k: species.index.get(id)!, nu }));
  return { ok: true, reaction: { equation, terms } };
}

/**
 * The context a unit compiles in. Exported so that a unit can be compiled again with other
 * parameters (parameter fitting); `reactionCache` may be shared across units of one plant.
 */
export function makeContext(
  unit: CompiledUnit,
  path: string,
  species: SpeciesTable,
  basis: FlowBasis,
  diagnostics: Diagnostic[],
  reactionCache: Map<string, ReactionCheck> = new Map(),
): CompileContext {
  const error: CompileContext['error'] = (relativePath, message, extra) => {
    const relative = relativePath.replace(/\["([A-Za-z_$][\w$]*)"\]/g, '.$1').replace(/^\./, '');
    diagnostics.push({ path: relative ? `${path}.${relative}` : path, message: `unit "${unit.id}": ${message}`, unit: unit.id, ...extra });
  };
  return {
    unitId: unit.id,
    path,
    species,
    toKmolPerHour: (k, amount) => toKmolPerHour(basis, amount, species.list[k].molarMass),
    error,
    speciesIndex(id, relativePath) {
      const k = species.index.get(id);
      if (k === undefined) error(relativePath, `species "${id}" is not declared in "species"`, { species: id });
      return k;
    },
    reaction(equation, relativePath): CompiledReaction | undefined {
      let check = reactionCache.get(equation);
      if (!check) {
        check = checkReaction(equation, species);
        reactionCache.set(equation, check);
      }
      if (check.ok) return check.reaction;
      for (const p of check.problems) error(relativePath, p.message, p.species ? { species: p.species } : undefined);
      return undefined;
    },
  };
}
