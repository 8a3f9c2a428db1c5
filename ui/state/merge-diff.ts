/**
 * The JSON merge patch (RFC 7386, what a mode's `units` entries are) that turns one value into
 * another: the smallest patch p with mergePatch(base, p) deep-equal to target. Objects are
 * patched key by key (a key the target lacks becomes null), anything else is replaced whole.
 */
import { defineEntry, hasOwn } from './own';
import { cloneDeep } from './deep';

/** Returned when the two values are equal: no patch needed. */
export const SAME: unique symbol = Symbol('same');

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const y = b as unknown[];
    return a.length === y.length && a.every((v, i) => deepEqual(v, y[i]));
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const kx = Object.keys(x);
  if (kx.length !== Object.keys(y).length) return false;
  return kx.every((k) => hasOwn(y, k) && deepEqual(x[k], y[k]));
}

export function diffPatch(base: unknown, target: unknown): unknown {
  if (deepEqual(base, target)) return SAME;
  if (!isPlainObject(base) || !isPlainObject(target)) return cloneDeep(target);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(base)) if (!hasOwn(target, k)) defineEntry(out, k, null);
  for (const k of Object.keys(target)) {
    const d = diffPatch(hasOwn(base, k) ? base[k] : undefined, target[k]);
    if (d !== SAME) defineEntry(out, k, d);
  }
  return out;
}
