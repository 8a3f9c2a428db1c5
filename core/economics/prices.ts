/**
 * Prices as the economics of one mode sees them: the file's `economics.prices`, the mode's own
 * `prices` merged over them, then the defaults table. Also the valuation of a material (a stream, a
 * product, a hold-up) from its species and element contents.
 */
import { ATOMIC_WEIGHTS } from '../chemistry';
import type { FlowsheetDoc } from '../document';
import { buildSpeciesTable, type SpeciesTable } from '../species';
import { defaultEntry, describeDefault, toPerKg } from './defaults';
import { checkSpec, gradeLines, type ResolvedSpec, type SpecCheck } from './grade';
import { mergePatch } from '../modes';
import { own } from './own';
import { stripPhase } from './schema';
import type { EconomicsDecl, PriceValue, PricesDecl, ProductSpec, Valuation, ValuationObject } from './types';

export interface ResolvedPrice {
  /** Per kg for mass prices, per the utility's unit otherwise. */
  value: number;
  /** Unit of `value`, e.g. USD/kg, USD/kWh. */
  unit: string;
  /** Where the number comes from: "file" with year and source when given, or the default's provenance. */
  source: string;
}

export interface ResolvedValuation {
  perKg?: ResolvedPrice;
  species: Record<string, ResolvedPrice>;
  payable: Record<string, { price: ResolvedPrice; payability: number }>;
  /** Share of the value realised (mixed products), 1 when not given. */
  realisation: number;
  spec?: ResolvedSpec;
  /** `economics` (the file's economics section) or `unit price` (the product unit's own `price`). */
  from: 'economics' | 'unit price';
}

export interface ValueLine {
  /** "stream", a species id, or "Co payable (90 %)". */
  item: string;
  /** kg (or kg/h) the price applies to. */
  kg: number;
  /** Per kg, payability included. */
  price: number;
  value: number;
  source: string;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/** Resolves a price of the file (number, default key, or object) to a number with its provenance. */
export function resolvePrice(v: PriceValue, currency = 'USD', massPrice = true): ResolvedPrice {
  if (typeof v === 'number') return { value: v, unit: massPrice ? `${currency}/kg` : currency, source: 'file' };
  if (typeof v === 'string') {
    const d = defaultEntry(v);
    if (!d) throw new Error(`no default price "${v}"`);
    const mass = /\/(kg|t)$/.test(d.unit);
    return { value: toPerKg(d.value, d.unit), unit: mass ? d.unit.replace(/\/t$/, '/kg') : d.unit, source: `default "${d.key}": ${describeDefault(d)}` };
  }
  const unit = v.unit ?? `${currency}/kg`;
  const mass = /\/(kg|t)$/.test(unit);
  const where = [v.year !== undefined ? String(v.year) : '', v.source ?? ''].filter(Boolean).join(', ');
  return { value: toPerKg(v.value, unit), unit: mass ? unit.replace(/\/t$/, '/kg') : unit, source: where ? `file: ${where}` : 'file' };
}

function resolveSpec(s: ProductSpec, currency: string): ResolvedSpec {
  return {
    min: new Map(Object.entries(s.min ?? {})),
    max: new Map(Object.entries(s.max ?? {})),
    discount: s.discount ?? 0,
    penalties: new Map(Object.entries(s.penalties ?? {}).map(([k, p]) => [k, resolvePrice(p, currency)])),
  };
}

export function resolveValuation(v: Valuation, currency = 'USD'): ResolvedValuation {
  if (!isObject(v) || 'value' in v) return { perKg: resolvePrice(v as PriceValue, currency), species: {}, payable: {}, realisation: 1, from: 'economics' };
  const o = v as ValuationObject;
  const species: ResolvedValuation['species'] = Object.create(null);
  for (const [sp, p] of Object.entries(o.species ?? {})) species[sp] = resolvePrice(p, currency);
  const payable: ResolvedValuation['payable'] = Object.create(null);
  for (const [el, p] of Object.entries(o.payable ?? {})) payable[el] = { price: resolvePrice(p.price, currency), payability: p.payability ?? 1 };
  return {
    ...(o.perKg !== undefined ? { perKg: resolvePrice(o.perKg, currency) } : {}),
    species,
    payable,
    realisation: o.realisation ?? 1,
    ...(o.spec ? { spec: resolveSpec(o.spec, currency) } : {}),
    from: 'economics',
  };
}

/** A material: kg (or kg/h) of each species. */
export type Material = Readonly<Record<string, number>>;

/** Element kg in a material, from the species' formulas. */
export function elementMasses(material: Material, table: SpeciesTable): Record<string, number> {
  const out: Record<string, number> = Object.create(null);
  for (const [id, kg] of Object.entries(material)) {
    const k = table.index.get(id);
    if (k === undefined || kg === 0) continue;
    const sp = table.list[k];
    for (const [el, n] of Object.entries(sp.elements)) out[el] = (out[el] ?? 0) + (kg * n * ATOMIC_WEIGHTS[el]) / sp.molarMass;
  }
  return out;
}

/** The value of a material under a valuation: the sum of its lines, after realisation and spec (grade.ts). */
export function valueMaterial(v: ResolvedValuation, material: Material, table: SpeciesTable): { lines: ValueLine[]; value: number; spec?: SpecCheck[] } {
  const lines = baseLines(v, material, table);
  const value = lines.reduce((a, l) => a + l.value, 0);
  const checks = v.spec ? checkSpec(v.spec, new Map(Object.entries(material)), table) : undefined;
  lines.push(...gradeLines(value, v.realisation ?? 1, v.spec, checks ?? []));
  return { lines, value: lines.reduce((a, l) => a + l.value, 0), ...(checks ? { spec: checks } : {}) };
}

function baseLines(v: ResolvedValuation, material: Material, table: SpeciesTable): ValueLine[] {
  const lines: ValueLine[] = [];
  const total = Object.values(material).reduce((a, b) => a + b, 0);
  if (v.perKg) lines.push({ item: 'stream', kg: total, price: v.perKg.value, value: total * v.perKg.value, source: v.perKg.source });
  for (const [sp, p] of Object.entries(v.species)) {
    const kg = own(material, sp) ?? 0;
    lines.push({ item: sp, kg, price: p.value, value: kg * p.value, source: p.source });
  }
  if (Object.keys(v.payable).length) {
    const el = elementMasses(material, table);
    for (const [symbol, { price, payability }] of Object.entries(v.payable)) {
      const kg = el[symbol] ?? 0;
      const label = payability === 1 ? `${symbol} payable` : `${symbol} payable (${+(payability * 100).toFixed(4)} %)`;
      lines.push({ item: label, kg, price: price.value * payability, value: kg * price.value * payability, source: price.source });
    }
  }
  return lines;
}

/** The prices one mode sees. `mode` is a mode name of the file, or undefined for the base flowsheet. */
export class PriceBook {
  readonly currency: string;
  readonly prices: PricesDecl;
  readonly species: SpeciesTable;
  private readonly unitPrices: ReadonlyMap<string, number>;
  /** Memos: a study evaluates the same book's prices many times. */
  private readonly memo = new Map<string, unknown>();

  constructor(doc: FlowsheetDoc, mode: string | undefined, unitPrices: ReadonlyMap<string, number> = new Map(), species?: SpeciesTable) {
    const econ = (isObject(doc.economics) ? doc.economics : {}) as EconomicsDecl;
    this.currency = econ.currency ?? 'USD';
    const modePrices = mode !== undefined ? own(econ.modes, mode)?.prices : undefined;
    this.prices = (modePrices ? mergePatch(econ.prices ?? {}, modePrices) : (econ.prices ?? {})) as PricesDecl;
    this.species = species ?? speciesTableOf(doc);
    this.unitPrices = unitPrices;
  }

  /** A reagent's (or cleaning agent's) price: by species id, by its name without phase, then the defaults' reagents. */
  private cached<T>(key: string, f: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const v = f();
    this.memo.set(key, v);
    return v;
  }

  reagent(id: string): ResolvedPrice | undefined {
    return this.cached(`r\u0000${id}`, () => this.reagentUncached(id));
  }

  private reagentUncached(id: string): ResolvedPrice | undefined {
    const r = this.prices.reagents;
    const name = stripPhase(id);
    const given = own(r, id) ?? own(r, name);
    if (given !== undefined) return resolvePrice(given, this.currency);
    const d = defaultEntry(name);
    if (d && d.category === 'reagent') return resolvePrice(d.key, this.currency);
    return undefined;
  }

  /** A utility's price per its unit: the file, then the defaults' utilities. */
  utility(name: string): ResolvedPrice | undefined {
    const given = own(this.prices.utilities, name);
    if (given !== undefined) return resolvePrice(given, this.currency, false);
    const d = defaultEntry(name);
    if (d && d.category === 'utility') return resolvePrice(d.key, this.currency, false);
    return undefined;
  }

  /** A product's valuation: the economics section, else the product unit's own `price` (per kg of stream). */
  product(unitId: string): ResolvedValuation | undefined {
    return this.cached(`p\u0000${unitId}`, () => this.productUncached(unitId));
  }

  private productUncached(unitId: string): ResolvedValuation | undefined {
    const v = own(this.prices.products, unitId);
    if (v !== undefined) return resolveValuation(v, this.currency);
    const p = this.unitPrices.get(unitId);
    if (typeof p === 'number') return { perKg: { value: p, unit: `${this.currency}/kg`, source: `unit "${unitId}" price` }, species: {}, payable: {}, realisation: 1, from: 'unit price' };
    return undefined;
  }

  /** A feed unit's purchase valuation, when the file gives one. */
  feed(unitId: string): ResolvedValuation | undefined {
    const v = own(this.prices.feeds, unitId);
    return v === undefined ? undefined : resolveValuation(v, this.currency);
  }

  /** A sink's disposal or treatment cost per kg (≥ 0), when the file gives one. */
  disposal(unitId: string): ResolvedPrice | undefined {
    const v = own(this.prices.disposal, unitId);
    return v === undefined ? undefined : resolvePrice(v, this.currency);
  }

  /**
   * What one kg of a species is worth when it is flushed out of a hold-up, ≥ 0: its price in a
   * product valuation (the highest), else its reagent price, else the payable value of its
   * elements (the highest price × payability among the product valuations), else 0.
   */
  speciesValue(id: string): { value: number; basis: string } {
    return this.cached(`s\u0000${id}`, () => this.speciesValueUncached(id));
  }

  /** Every product valuation this book knows, by unit. */
  private valuations(): (readonly [string, ResolvedValuation])[] {
    return this.cached('valuations', () => {
      const products = Object.keys(this.prices.products ?? {}).concat([...this.unitPrices.keys()]);
      return products.map((p) => [p, this.product(p)] as const).filter((x): x is readonly [string, ResolvedValuation] => x[1] !== undefined);
    });
  }

  private speciesValueUncached(id: string): { value: number; basis: string } {
    let best: { value: number; basis: string } | undefined;
    const valuations = this.valuations();
    for (const [p, v] of valuations) {
      const s = own(v.species, id);
      if (s && (!best || s.value > best.value)) best = { value: s.value, basis: `price of ${id} in product "${p}"` };
    }
    if (!best) {
      const r = this.reagent(id);
      if (r) best = { value: r.value, basis: `reagent price (${r.source})` };
    }
    if (!best) {
      const k = this.species.index.get(id);
      if (k !== undefined) {
        const sp = this.species.list[k];
        let value = 0;
        const parts: string[] = [];
        for (const [el, n] of Object.entries(sp.elements)) {
          let top = 0;
          for (const [, v] of valuations) {
            const pay = own(v.payable, el);
            if (pay) top = Math.max(top, pay.price.value * pay.payability);
          }
          if (top > 0) {
            value += (top * n * ATOMIC_WEIGHTS[el]) / sp.molarMass;
            parts.push(el);
          }
        }
        if (parts.length) best = { value, basis: `payable ${parts.join(', ')}` };
      }
    }
    if (!best) return { value: 0, basis: 'no value' };
    return { value: Math.max(0, best.value), basis: best.basis };
  }
}

const speciesTables = new WeakMap<object, SpeciesTable>();

/** The species table of a document, built once per `species` object (a study's samples share it). */
export function speciesTableOf(doc: FlowsheetDoc): SpeciesTable {
  const key = (doc.species ?? {}) as object;
  let t = speciesTables.get(key);
  if (!t) speciesTables.set(key, (t = buildSpeciesTable(doc.species ?? {}, [])));
  return t;
}
