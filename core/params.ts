/**
 * Paths to a unit's numeric parameters, as a re-solve (`plant.set`), a specification's `adjust`,
 * a sweep or a study names them: `["fractions", "bleed"]`, `["reactions", 0, "conversion"]`, or
 * written out, `fractions.bleed`, `reactions[0].conversion`, `flows["H2O(l)"]`. Bounds come from the
 * parameter's declaration through its JSON Schema fragment, the one home of a parameter kind.
 */
import { joinPath } from './diagnostics';
import { dictFrom, has } from './records';
import { COMMON_UNIT_PROPERTIES, paramSchema } from './schema';
import type { AnyUnitType } from './unit-type';

export type Segment = string | number;

/** The value at `path`, or undefined; only own properties are followed. */
export function getAt(obj: unknown, path: readonly Segment[]): unknown {
  let o = obj;
  for (const k of path) {
    if (o === null || typeof o !== 'object') return undefined;
    if (Array.isArray(o)) {
      if (typeof k !== 'number') return undefined;
      o = o[k];
    } else {
      if (typeof k !== 'string' || !has(o, k)) return undefined;
      o = (o as Record<string, unknown>)[k];
    }
  }
  return o;
}

/** A copy of `obj` with `value` at `path` (objects along the path are copied, the rest shared). */
export function withValueAt<T>(obj: T, path: readonly Segment[], value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  if (Array.isArray(obj) && typeof head === 'number') {
    const copy = obj.slice();
    copy[head] = withValueAt(copy[head], rest, value);
    return copy as T;
  }
  const copy = dictFrom((obj && typeof obj === 'object' ? obj : {}) as Record<string, unknown>);
  copy[String(head)] = withValueAt(has(copy, String(head)) ? copy[String(head)] : undefined, rest, value);
  return copy as T;
}

/** `reactions[0].conversion`, `flows["H2O(l)"]`. */
export function formatPath(path: readonly Segment[]): string {
  return path.reduce<string>((acc, k) => joinPath(acc, k), '');
}

/** Reads `split.cake["phase:s"]` or `reactions[0].conversion` back into segments. */
export function parsePath(text: string): Segment[] {
  const out: Segment[] = [];
  const re = /(?:^|\.)([^.[\]"]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = re.exec(text))) {
    if (m.index !== end) break;
    end = re.lastIndex;
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(JSON.parse(m[3]) as string);
  }
  if (end !== text.length || out.length === 0) throw new Error(`"${text}" is not a parameter path (write it like reactions[0].conversion or flows["H2O(l)"])`);
  return out;
}

export interface NumericLeaf {
  min: number;
  max: number;
  /** The lower bound itself is not allowed. */
  exclusiveMin: boolean;
  integer: boolean;
}

/**
 * The bounds of the number at `path` in a unit type's parameters, walked through the parameter's
 * schema fragment; undefined when the path does not lead to a number.
 */
export function numericLeaf(type: AnyUnitType, path: readonly Segment[]): NumericLeaf | undefined {
  const [name, ...rest] = path;
  if (typeof name !== 'string') return undefined;
  // `T` is a property of every unit, declared once with the others every unit may carry.
  const common = !has(type.params, name) && name === 'T' ? COMMON_UNIT_PROPERTIES.T : undefined;
  if (!common && !has(type.params, name)) return undefined;
  let schema: Record<string, unknown> | undefined = common ?? paramSchema(type.params[name]);
  for (const k of rest) schema = schema && childSchema(schema, k);
  if (!schema) return undefined;
  const leaf = numberSchema(schema);
  if (!leaf) return undefined;
  const lo = leaf.exclusiveMinimum ?? leaf.minimum;
  return {
    min: typeof lo === 'number' ? lo : -Infinity,
    max: typeof leaf.maximum === 'number' ? leaf.maximum : Infinity,
    exclusiveMin: typeof leaf.exclusiveMinimum === 'number',
    integer: leaf.type === 'integer',
  };
}

type Schema = Record<string, unknown>;

function childSchema(schema: Schema, key: Segment): Schema | undefined {
  const props = schema.properties as Record<string, Schema> | undefined;
  if (typeof key === 'string' && props && has(props, key)) return props[key];
  if (typeof key === 'number' && schema.items && typeof schema.items === 'object') return schema.items as Schema;
  if (typeof key === 'string' && schema.additionalProperties && typeof schema.additionalProperties === 'object') return schema.additionalProperties as Schema;
  for (const alt of (schema.anyOf ?? []) as Schema[]) {
    const c = childSchema(alt, key);
    if (c) return c;
  }
  return undefined;
}

function numberSchema(schema: Schema): Schema | undefined {
  if (schema.type === 'number' || schema.type === 'integer') return schema;
  for (const alt of (schema.anyOf ?? []) as Schema[]) {
    const n = numberSchema(alt);
    if (n) return n;
  }
  return undefined;
}

/** Why `value` is not allowed at a leaf, or undefined when it is. */
export function outOfBounds(leaf: NumericLeaf, value: number): string | undefined {
  if (!Number.isFinite(value)) return `must be a finite number (is ${value})`;
  if (leaf.integer && !Number.isInteger(value)) return `must be an integer (is ${value})`;
  if (leaf.exclusiveMin ? !(value > leaf.min) : value < leaf.min) return `must be ${leaf.exclusiveMin ? '>' : '≥'} ${leaf.min} (is ${value})`;
  if (value > leaf.max) return `must be ≤ ${leaf.max} (is ${value})`;
  return undefined;
}
