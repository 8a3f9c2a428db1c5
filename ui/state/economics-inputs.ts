/**
 * Editing the economics inputs of the file (docs/economics.md; core/economics/types.ts): prices,
 * hours, availability, fixed costs, switchover and campaign settings in `economics`, and the
 * equipment data of each unit (`equipment`, edited as a unit parameter so that a mode can
 * override it). Values are set by path; a value removed takes its empty parents with it. The
 * prices the economics actually use, the file's and the defaults', are listed with their sources.
 */
import type { FlowsheetDoc, FlowsheetResults } from '../../core';
import { cloneDeep } from './deep';
import { PriceBook, type ResolvedPrice } from '../../core/economics';
import type { Command } from './commands';
import { plain } from './doc';
import { own, withEntry } from './own';

export type Path = readonly string[];

export function valueAtPath(root: unknown, path: Path): unknown {
  let v = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    v = own(v as Record<string, unknown>, k);
  }
  return v;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A copy of a plain object with `value` at `path` (undefined removes it, with parents left empty); any key is an entry. */
function updated(obj: unknown, path: Path, value: unknown): Record<string, unknown> | undefined {
  const base = isObject(obj) ? obj : {};
  const [head, ...rest] = path;
  const next = rest.length === 0 ? value : updated(own(base, head), rest, value);
  const out = withEntry<unknown>(base, head, next);
  return Object.keys(out).length ? out : undefined;
}

/** Sets a value in the file's economics section by path; undefined removes it. */
export function setEconomics(path: Path, value: unknown): Command {
  return {
    label: `economics ${path.join('.')}`,
    coalesce: `economics:${path.join('.')}`,
    run(draft) {
      // The section is small: it is replaced whole, which keeps every key an own entry.
      const next = updated(plain(draft.economics), path, value === undefined ? undefined : cloneDeep(value));
      if (next) draft.economics = next;
      else delete draft.economics;
    },
  };
}

/** A value of a unit's `equipment` with one field set by path (undefined removes it). */
export function withEquipment(equipment: unknown, path: Path, value: unknown): Record<string, unknown> | undefined {
  return updated(equipment, path, value);
}

export interface PriceInUse {
  species: string;
  price?: ResolvedPrice;
  /** The price comes from the defaults table, not the file. */
  fromDefaults: boolean;
}

/** The reagents the plant doses, each with the price the economics use and where it comes from. */
export function reagentPrices(doc: FlowsheetDoc, mode: string | undefined, results: FlowsheetResults | undefined): PriceInUse[] {
  if (!results) return [];
  let book: PriceBook;
  try {
    book = new PriceBook(doc, mode);
  } catch {
    return [];
  }
  const dosed = new Set<string>();
  for (const unit of Object.keys(results.reagents)) for (const sp of Object.keys(results.reagents[unit])) if (results.reagents[unit][sp] > 0) dosed.add(sp);
  return [...dosed].map((species) => {
    let price: ResolvedPrice | undefined;
    try {
      price = book.reagent(species);
    } catch {
      price = undefined;
    }
    return { species, price, fromDefaults: !!price && price.source.startsWith('default') && !own(book.prices.reagents, species) };
  });
}
