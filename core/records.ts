/**
 * Id-keyed tables that treat every id alike. A plain object literal inherits from Object.prototype,
 * so an id such as `__proto__`, `constructor` or `toString` would read an inherited member or, on
 * assignment, replace the prototype. Every table keyed by a user's ids is made with `dict()` (no
 * prototype) and read with `own()`.
 */

/** An empty object without a prototype: any string is an ordinary key. */
export function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** A copy of `source` without a prototype. */
export function dictFrom<T>(source: Readonly<Record<string, T>> | undefined): Record<string, T> {
  const out = dict<T>();
  if (source) for (const [k, v] of Object.entries(source)) out[k] = v;
  return out;
}

/** source[key] if `key` is the object's own property, otherwise undefined. */
export function own<T>(source: Readonly<Record<string, T>> | undefined | null, key: string): T | undefined {
  return source != null && Object.prototype.hasOwnProperty.call(source, key) ? source[key] : undefined;
}

/** Whether `key` is the object's own property. */
export function has(source: object | undefined | null, key: string): boolean {
  return source != null && Object.prototype.hasOwnProperty.call(source, key);
}
