/**
 * Copying and freezing whole documents without recursion: how deep a file may nest is the core's
 * read stage's limit (core/json.ts), and whatever passes it is copied and frozen here in loops, so
 * the editor never depends on the call stack for the size of a document.
 */
import { defineEntry } from './own';

const isObject = (v: unknown): v is object => v !== null && typeof v === 'object';

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
