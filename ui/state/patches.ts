/**
 * Applies immer patches to a document without immer's applyPatches, which refuses any path
 * through "__proto__" or "constructor" (its guard against prototype pollution): here every key
 * is written as an own property, so an id of that name is undone and redone like any other.
 * Copy on write: each object on a patched path is copied once per call, the rest is shared.
 */
import type { Patch } from 'immer';
import { defineEntry, hasOwn } from './own';

type Node = Record<string, unknown> | unknown[];

const isObject = (v: unknown): v is Node => v !== null && typeof v === 'object';

function shallowCopy(v: Node): Node {
  if (Array.isArray(v)) return v.slice();
  const out: Record<string, unknown> = Object.create(Object.getPrototypeOf(v));
  for (const k of Object.keys(v)) defineEntry(out, k, v[k]);
  return out;
}

export function applyPatchesSafe<T>(base: T, patches: readonly Patch[]): T {
  let root: unknown = base;
  const copies = new Set<unknown>();
  const writable = (v: Node): Node => {
    if (copies.has(v)) return v;
    const c = shallowCopy(v);
    copies.add(c);
    return c;
  };
  for (const p of patches) {
    if (p.path.length === 0) {
      root = p.value;
      continue;
    }
    if (!isObject(root)) throw new Error('cannot patch a document that is not an object');
    root = writable(root);
    let node = root as Node;
    for (let i = 0; i < p.path.length - 1; i++) {
      const key = p.path[i];
      const child = Array.isArray(node) ? node[key as number] : hasOwn(node, String(key)) ? node[String(key)] : undefined;
      if (!isObject(child)) throw new Error(`patch path ${p.path.join('.')} does not exist`);
      const c = writable(child);
      if (Array.isArray(node)) node[key as number] = c;
      else defineEntry(node, String(key), c);
      node = c;
    }
    const last = p.path[p.path.length - 1];
    if (Array.isArray(node)) {
      const i = last === '-' ? node.length : Number(last);
      if (p.op === 'add') node.splice(i, 0, p.value);
      else if (p.op === 'replace') {
        if (last === 'length') node.length = p.value as number;
        else node[i] = p.value;
      } else node.splice(i, 1);
    } else if (p.op === 'remove') delete node[String(last)];
    else defineEntry(node, String(last), p.value);
  }
  return root as T;
}
