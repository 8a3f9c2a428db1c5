/**
 * Id-keyed tables (units, streams, species, modes, flows) read and written so that an id is only
 * ever an id: `__proto__`, `constructor`, `toString`, `valueOf` or `hasOwnProperty` behave like
 * "leach". `id in table` and `table[id]` would find Object.prototype's members, and
 * `table["__proto__"] = x` would replace the table's prototype instead of adding an entry.
 */
import { current, isDraft } from 'immer';
import { has, own } from '../../core/records';

type Table<T> = Readonly<Record<string, T>>;

/** Whether `key` is the table's own entry (core/records.ts). */
export const hasOwn = has;
/** The table's own entry, never an inherited member (core/records.ts). */
export { own };

/** Defines an own, enumerable entry (also for "__proto__") on a plain object that is not a draft. */
export function defineEntry<T>(obj: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

/** A copy of the table with one entry set (or removed, for undefined), in the same key order. */
export function withEntry<T>(table: Table<T>, key: string, value: T | undefined): Record<string, T> {
  const out: Record<string, T> = {};
  let placed = false;
  for (const k of Object.keys(table)) {
    if (k === key) {
      placed = true;
      if (value !== undefined) defineEntry(out, k, value);
    } else defineEntry(out, k, table[k]);
  }
  if (!placed && value !== undefined) defineEntry(out, key, value);
  return out;
}

/**
 * Sets `parent[field][key] = value` on an immer draft (or a plain object): directly when that is
 * safe, else by replacing the table with a copy that has the entry (only "__proto__" needs it:
 * assigning it would set the prototype).
 * The table is created when missing.
 */
export function setEntry<T>(parent: Record<string, unknown>, field: string, key: string, value: T): void {
  const table = parent[field] as Record<string, T> | undefined;
  // An immer draft turns `draft["__proto__"] = x` into setPrototypeOf even when the entry exists.
  if (table && key !== '__proto__') {
    table[key] = value;
    return;
  }
  const plain = table ? ((isDraft(table) ? current(table as never) : table) as Table<T>) : {};
  parent[field] = withEntry(plain, key, value);
}

/** Removes an own entry; returns whether there was one. */
export function deleteEntry(table: Record<string, unknown> | undefined, key: string): boolean {
  if (!hasOwn(table, key)) return false;
  delete table![key];
  return true;
}
