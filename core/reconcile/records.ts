/**
 * Tables keyed by ids from a file (units, streams, products, species): objects without a prototype,
 * so that an id such as `__proto__`, `constructor` or `toString` is a key like any other and can
 * neither vanish nor reach Object.prototype. JSON.stringify and structuredClone treat them as plain
 * objects.
 */
export function record<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** The entry under key, created by make() when absent (an own property, whatever the key). */
export function entry<T>(table: Record<string, T>, key: string, make: () => T): T {
  if (!Object.hasOwn(table, key)) table[key] = make();
  return table[key];
}
