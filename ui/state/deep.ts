/**
 * Documents can nest values deeply (an extension another program wrote): everything the editor
 * does to a whole document — measure, copy, freeze — is done here without recursion, so a file
 * 3,000 levels deep opens, edits and undoes like any other. Deeper than MAX_DEPTH is refused with
 * a message that says so (the browser's own copying between the page, its worker and its storage
 * stops somewhere beyond).
 */
import { defineEntry } from './own';

export const MAX_DEPTH = 4000;

/** How deep a JSON text nests arrays and objects, read without parsing (strings skipped). */
export function textDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) max = depth;
    } else if (c === 93 || c === 125) depth--;
  }
  return max;
}

const isObject = (v: unknown): v is object => v !== null && typeof v === 'object';

/** How deep a value nests arrays and objects. */
export function valueDepth(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (!isObject(v)) continue;
    if (d > max) max = d;
    for (const k of Object.keys(v)) stack.push([(v as Record<string, unknown>)[k], d + 1]);
  }
  return max;
}

/** A deep copy of plain JSON data (objects, arrays, primitives); every key an own entry. */
export function cloneDeep<T>(value: T): T {
  if (!isObject(value)) return value;
  const root: unknown = Array.isArray(value) ? [] : {};
  const stack: [object, object][] = [[value, root as object]];
  while (stack.length) {
    const [from, to] = stack.pop()!;
    for (const k of Object.keys(from)) {
      const v = (from as Record<string, unknown>)[k];
      let copy = v;
      if (isObject(v)) {
        copy = Array.isArray(v) ? [] : {};
        stack.push([v, copy as object]);
      }
      if (Array.isArray(to)) to[Number(k)] = copy;
      else defineEntry(to as Record<string, unknown>, k, copy);
    }
  }
  return root as T;
}

/** Freezes a value and everything in it, so that immer never walks into it. */
export function freezeDeep<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (!isObject(v) || Object.isFrozen(v)) continue;
    Object.freeze(v);
    for (const k of Object.keys(v)) stack.push((v as Record<string, unknown>)[k]);
  }
  return value;
}
