/**
 * The editor's document is exactly the FORMAT.md flowsheet (core/document.ts). This module reads
 * it the way the editor needs: ports of a unit from the registry, stream ends, fresh ids and the
 * initial parameters of a new unit, generated from the unit type's declarations.
 */
import { formatNumber } from '../../core/format';
import { current, isDraft } from 'immer';
import type { AnyUnitType, FlowsheetDoc, ParamDecl, PortDecl, StreamDecl, UnitDecl, UnitRegistry } from '../../core';
import { cloneDeep } from './deep';
import { hasOwn } from './own';
import { allStreamIds, allUnitIds } from './plant';

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
  if (id !== current && allUnitIds(doc).includes(id)) return `unit "${id}" already exists`;
  return undefined;
}

export function checkStreamId(doc: FlowsheetDoc, id: string, current?: string): string | undefined {
  if (!id.trim()) return 'a stream id cannot be empty';
  if (id !== current && allStreamIds(doc).includes(id)) return `stream "${id}" already exists`;
  return undefined;
}

/** A starting value for a parameter that the unit type requires, from its declaration. */
function initialValue(decl: ParamDecl, siblings: Record<string, unknown>): unknown {
  if (decl.default !== undefined) return cloneDeep(decl.default);
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
      // Empty in the file (an empty equation would not be a valid file); the inspector shows a
      // reaction to fill in and the diagram warns that nothing reacts yet (lint.ts).
      return [];
    case 'selectorSplits': {
      // Solids to the first outlet (a new separator's "solid"), the rest to the last.
      const outlets = Array.isArray(siblings.outlets) ? (siblings.outlets as string[]) : [];
      return outlets.length > 1 ? { [outlets[0]]: { 'phase:s': 1 } } : {};
    }
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

/** An empty plant, for "New". */
export function emptyDoc(name = 'New plant'): FlowsheetDoc {
  return { format: 'flexsheet/1', name, basis: 'kg/h', species: {}, units: {}, streams: {} };
}

/** Unit properties that only draw the diagram: changing them cannot change a solve. */
const LAYOUT_KEYS = new Set(['position', 'label']);

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** Two units (or two mode patches of a unit) that differ at most in layout. */
function sameUnitForSolver(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isObject(a) || !isObject(b)) return sameJson(a, b);
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (LAYOUT_KEYS.has(k)) continue;
    if (!sameJson(hasOwn(a, k) ? a[k] : undefined, hasOwn(b, k) ? b[k] : undefined)) return false;
  }
  return true;
}

function sameUnits(a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined): boolean {
  if (a === b) return true;
  const ua = Object.keys(a ?? {});
  const ub = Object.keys(b ?? {});
  if (ua.length !== ub.length || ua.some((id, i) => id !== ub[i])) return false;
  return ua.every((id) => sameUnitForSolver(a![id], b![id]));
}

function sameModes(a: FlowsheetDoc['modes'], b: FlowsheetDoc['modes']): boolean {
  if (a === b) return true;
  const ma = Object.keys(a ?? {});
  const mb = Object.keys(b ?? {});
  if (ma.length !== mb.length || ma.some((m, i) => m !== mb[i])) return false;
  return ma.every((m) => {
    const x = a![m];
    const y = b![m];
    if (x === y) return true;
    const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
    for (const k of keys) {
      if (k === 'units') {
        if (!sameUnits(x.units ?? undefined, y.units ?? undefined)) return false;
      } else if (!sameJson(x[k], y[k])) return false;
    }
    return true;
  });
}

/**
 * True when two versions of a document solve the same: they differ at most in layout (positions,
 * labels, also in modes) and in the top-level keys listed in `ignore` (e.g. the economics
 * section, which a plain solve never reads). Cheap on immer documents, whose unchanged parts keep
 * their identity.
 */
export function sameForSolver(a: FlowsheetDoc, b: FlowsheetDoc, ignore: readonly string[] = []): boolean {
  if (a === b) return true;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (k === 'units' || k === 'modes' || ignore.includes(k)) continue;
    if (!sameJson(a[k], b[k])) return false;
  }
  return sameUnits(a.units, b.units) && sameModes(a.modes, b.modes);
}

/** A plain copy of a draft's value (or of a plain value). */
export const plain = <T>(value: T): T => cloneDeep(isDraft(value) ? (current(value as never) as T) : value);

/** A stream id not used anywhere in the file: s1, s2, ... */
export function freshStreamId(doc: FlowsheetDoc): string {
  const used = new Set(allStreamIds(doc));
  for (let i = used.size + 1; ; i++) if (!used.has(`s${i}`)) return `s${i}`;
}

/** A unit id not used anywhere in the file (base or any mode). */
export const freshUnitId = (doc: FlowsheetDoc, base: string) => freshId(allUnitIds(doc), base);

export function touches(s: StreamDecl, unit: string): boolean {
  return parseRef(s.from).unit === unit || parseRef(s.to).unit === unit;
}


/** A parameter value in a few words, for "base: …" beside a mode's override. */
export function summarize(v: unknown, max = 60): string {
  let text: string;
  if (v === undefined) text = '(not set)';
  else if (typeof v === 'number') text = formatNumber(v, 6);
  else if (typeof v === 'string') text = v === '' ? '""' : v;
  else if (Array.isArray(v)) text = v.every((x) => typeof x !== 'object') ? v.join(', ') : v.map((x) => (x && typeof x === 'object' && 'equation' in x ? String((x as { equation: unknown }).equation) : JSON.stringify(x))).join('; ');
  else if (v && typeof v === 'object') {
    text = Object.keys(v)
      .map((k) => `${k} ${summarize((v as Record<string, unknown>)[k], 24)}`)
      .join(', ');
  } else text = String(v);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A place near `at` where a new unit does not cover another (click-to-add in the middle of the view). */
export function freeSpot(plant: { units: Readonly<Record<string, UnitDecl>> }, at: Position, size = { w: 200, h: 110 }): Position {
  const taken = Object.keys(plant.units)
    .map((id) => unitPosition(plant.units[id]))
    .filter((p): p is Position => !!p);
  const clear = (p: Position) => taken.every((q) => Math.abs(q.x - p.x) >= size.w || Math.abs(q.y - p.y) >= size.h);
  for (let ring = 0; ring < 12; ring++) {
    for (let k = 0; k < Math.max(1, ring * 8); k++) {
      const a = (2 * Math.PI * k) / Math.max(1, ring * 8);
      const p = { x: Math.round(at.x + Math.cos(a) * ring * size.w * 0.6), y: Math.round(at.y + Math.sin(a) * ring * size.h * 0.6) };
      if (clear(p)) return p;
    }
  }
  return at;
}
