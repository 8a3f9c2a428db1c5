/**
 * The editor's document is exactly the FORMAT.md flowsheet (core/document.ts). This module reads
 * it the way the editor needs: ports of a unit from the registry, stream ends, fresh ids and the
 * initial parameters of a new unit, generated from the unit type's declarations.
 */
import type { AnyUnitType, FlowsheetDoc, ParamDecl, PortDecl, UnitDecl, UnitRegistry } from '../../core';

export type { FlowsheetDoc, UnitDecl, StreamDecl } from '../../core';

export interface Position {
  x: number;
  y: number;
}

export interface PortRef {
  unit: string;
  port: string;
}

/** "<unitId>.<port>": the unit id may itself contain dots, the port never does. */
export function parseRef(ref: string): PortRef {
  const dot = ref.lastIndexOf('.');
  return dot < 0 ? { unit: ref, port: '' } : { unit: ref.slice(0, dot), port: ref.slice(dot + 1) };
}

export const formatRef = (r: PortRef) => `${r.unit}.${r.port}`;

/** The ports a unit declares for its current parameters; [] for an unknown type or broken params. */
export function unitPorts(unit: UnitDecl | undefined, registry: UnitRegistry): PortDecl[] {
  if (!unit) return [];
  const type = registry.get(unit.type);
  if (!type) return [];
  try {
    return type.ports(unit);
  } catch {
    return [];
  }
}

export function unitPosition(unit: UnitDecl): Position | undefined {
  const p = unit.position as Position | undefined;
  return p && typeof p.x === 'number' && typeof p.y === 'number' ? p : undefined;
}

export function unitLabel(id: string, unit: UnitDecl): string {
  return typeof unit.label === 'string' && unit.label.trim() ? unit.label : id;
}

/** A unit id not yet used: `leach`, `leach2`, `leach3`, ... */
export function freshId(taken: Iterable<string>, base: string): string {
  const used = new Set(taken);
  const stem = base.replace(/[^\w-]+/g, '_') || 'unit';
  if (!used.has(stem)) return stem;
  for (let i = 2; ; i++) if (!used.has(`${stem}${i}`)) return `${stem}${i}`;
}

/** Checks a new unit id: not empty, no dot (it would break "<unitId>.<port>"), not taken. */
export function checkUnitId(doc: FlowsheetDoc, id: string, current?: string): string | undefined {
  if (!id.trim()) return 'a unit id cannot be empty';
  if (id !== id.trim()) return 'a unit id cannot start or end with a space';
  if (id.includes('.')) return 'a unit id cannot contain "." (streams are written "<unitId>.<port>")';
  if (id !== current && id in doc.units) return `unit "${id}" already exists`;
  return undefined;
}

export function checkStreamId(doc: FlowsheetDoc, id: string, current?: string): string | undefined {
  if (!id.trim()) return 'a stream id cannot be empty';
  if (id !== current && id in doc.streams) return `stream "${id}" already exists`;
  return undefined;
}

/** A starting value for a parameter that the unit type requires, from its declaration. */
export function initialValue(decl: ParamDecl, siblings: Record<string, unknown>): unknown {
  if (decl.default !== undefined) return structuredClone(decl.default);
  switch (decl.kind) {
    case 'number':
    case 'integer':
      return decl.min !== undefined ? (decl.exclusiveMin ? decl.min + 1 : decl.min) : 0;
    case 'text':
      return '';
    case 'names':
      return ['a', 'b'];
    case 'fractions': {
      const outlets = Array.isArray(siblings.outlets) ? (siblings.outlets as string[]) : [];
      return Object.fromEntries(outlets.map((o) => [o, 1 / outlets.length]));
    }
    case 'reactions':
      return [];
    default:
      return {};
  }
}

/** The parameters of a freshly added unit: every required parameter, from its declaration. */
export function initialParams(type: AnyUnitType): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  // `names` first: fractions are initialised over the outlets.
  const entries = Object.entries(type.params).sort(([, a], [, b]) => Number(b.kind === 'names') - Number(a.kind === 'names'));
  for (const [name, decl] of entries) if (decl.required) params[name] = initialValue(decl, params);
  return params;
}

/** Streams touching a unit. */
export function streamsOf(doc: FlowsheetDoc, unitId: string): string[] {
  return Object.entries(doc.streams)
    .filter(([, s]) => parseRef(s.from).unit === unitId || parseRef(s.to).unit === unitId)
    .map(([id]) => id);
}

/** An empty plant, for "New". */
export function emptyDoc(name = 'New plant'): FlowsheetDoc {
  return { format: 'flexsheet/1', name, basis: 'kg/h', species: {}, units: {}, streams: {} };
}

/** Unit properties that only draw the diagram: changing them cannot change a solve. */
const LAYOUT_KEYS = new Set(['position', 'label']);

function sameUnitForSolver(a: UnitDecl, b: UnitDecl): boolean {
  if (a === b) return true;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (LAYOUT_KEYS.has(k)) continue;
    if (a[k] !== b[k] && JSON.stringify(a[k]) !== JSON.stringify(b[k])) return false;
  }
  return true;
}

/**
 * True when two versions of a document solve the same: they differ at most in layout (positions,
 * labels). Cheap on immer documents, whose unchanged parts keep their identity.
 */
export function sameForSolver(a: FlowsheetDoc, b: FlowsheetDoc): boolean {
  if (a === b) return true;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (k === 'units') continue;
    if (a[k] !== b[k] && JSON.stringify(a[k]) !== JSON.stringify(b[k])) return false;
  }
  const ua = Object.keys(a.units);
  const ub = Object.keys(b.units);
  if (ua.length !== ub.length || ua.some((id, i) => id !== ub[i])) return false;
  return ua.every((id) => sameUnitForSolver(a.units[id], b.units[id]));
}
