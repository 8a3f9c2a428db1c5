/**
 * Id-keyed tables of economics, through the core's id-safe records (core/records.ts): `own(table,
 * id)` is the table's own entry or undefined, so ids such as `__proto__`, `constructor`,
 * `toString`, `valueOf` or `hasOwnProperty` behave like any other id; `table(entries)` builds a
 * table without a prototype.
 */
import { dict } from '../records';

export { has as hasOwn, own } from '../records';

/** A table with no prototype: every key is data. */
export function table<T>(entries: Iterable<readonly [string, T]> = []): Record<string, T> {
  const out = dict<T>();
  for (const [k, v] of entries) out[k] = v;
  return out;
}
