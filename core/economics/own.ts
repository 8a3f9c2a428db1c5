/**
 * Id-keyed tables of the file read as data, never through the prototype: `own(table, id)` is the
 * table's own entry or undefined, so ids such as `__proto__`, `constructor`, `toString`, `valueOf`
 * or `hasOwnProperty` behave like any other id. Tables economics builds itself are Maps or
 * null-prototype objects (`table()`); `mergeOwn` is a JSON merge patch (RFC 7386) that writes with
 * defineProperty, so a key `__proto__` is a key.
 */

export function hasOwn(obj: unknown, key: string): boolean {
  return obj !== null && typeof obj === 'object' && Object.prototype.hasOwnProperty.call(obj, key);
}

/** The object's own entry for `key`, or undefined. */
export function own<T>(obj: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return obj && hasOwn(obj, key) ? obj[key] : undefined;
}

/** A table with no prototype: every key is data. */
export function table<T>(entries: Iterable<readonly [string, T]> = []): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const [k, v] of entries) define(out, k, v);
  return out;
}

function define(obj: object, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

const isPlain = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

/** JSON merge patch of `patch` over `target` (null deletes a key), safe for every key. */
export function mergeOwn(target: unknown, patch: unknown): unknown {
  if (!isPlain(patch)) return patch;
  const base: Record<string, unknown> = {};
  if (isPlain(target)) for (const k of Object.keys(target)) define(base, k, target[k]);
  for (const k of Object.keys(patch)) {
    const v = patch[k];
    if (v === null) delete base[k];
    else define(base, k, mergeOwn(hasOwn(base, k) ? base[k] : undefined, v));
  }
  return base;
}
