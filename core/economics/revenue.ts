/**
 * What leaves the plant: every sink (a unit streams enter and never leave) is a product (a
 * valuation in `prices.products`, or the unit's own `price`; a negative value is a disposal cost),
 * or a waste with a disposal or treatment cost (`prices.disposal`, per kg ≥ 0, 0 meaning "free, on
 * purpose"). A sink with neither is counted as 0 and named in one warning, so that effluents,
 * cakes, off-gas and bleeds are never disposed of for free without a word.
 */
import type { FlowsheetResults } from '../results';
import { sinkMaterials } from './flows';
import type { SpecCheck } from './grade';
import { valueMaterial, type PriceBook, type ValueLine } from './prices';

export interface ProductValue {
  unit: string;
  kgPerHour: number;
  kgPerTonneFeed: number;
  /** Value per kg of the product stream. */
  valuePerKg: number;
  valuePerHour: number;
  valuePerTonneFeed: number;
  priced: boolean;
  lines: ValueLine[];
  /** The product's specification checked against its grade, when it has one. */
  spec?: SpecCheck[];
}

export interface DisposalCost {
  unit: string;
  kgPerHour: number;
  /** Per kg. */
  price: number;
  source: string;
  costPerHour: number;
}

export interface SinkEconomics {
  products: ProductValue[];
  disposal: DisposalCost[];
  /** Sinks with neither a value nor a disposal cost. */
  unpriced: string[];
}

/** Products valued and wastes costed, from the grade (composition) of every sink. */
export function sinkEconomics(results: FlowsheetResults, prices: PriceBook, perT: (x: number) => number): SinkEconomics {
  const products: ProductValue[] = [];
  const disposal: DisposalCost[] = [];
  const unpriced: string[] = [];
  for (const [unit, flows] of sinkMaterials(results)) {
    const material: Record<string, number> = Object.create(null);
    let kg = 0;
    for (const [sp, m] of flows) {
      material[sp] = m;
      kg += m;
    }
    const v = prices.product(unit);
    const d = prices.disposal(unit);
    if (d) {
      disposal.push({ unit, kgPerHour: kg, price: d.value, source: d.source, costPerHour: kg * d.value });
      if (!v) continue;
    }
    if (!v && !d) unpriced.push(unit);
    const valued = v ? valueMaterial(v, material, prices.species) : { lines: [], value: 0 };
    products.push({
      unit,
      kgPerHour: kg,
      kgPerTonneFeed: perT(kg),
      valuePerKg: kg > 0 ? valued.value / kg : 0,
      valuePerHour: valued.value,
      valuePerTonneFeed: perT(valued.value),
      priced: v !== undefined,
      lines: valued.lines,
      ...('spec' in valued && valued.spec ? { spec: valued.spec } : {}),
    });
  }
  return { products, disposal, unpriced };
}

/** The warnings of the sinks: unpriced ones, and products below their specification. */
export function sinkWarnings(s: SinkEconomics): string[] {
  const out: string[] = [];
  if (s.unpriced.length) {
    out.push(
      `sinks with neither a value nor a disposal cost, counted as 0: ${s.unpriced.join(', ')} (give economics.prices.products for a product, economics.prices.disposal for a waste: cost per kg, 0 if free)`,
    );
  }
  for (const p of s.products) {
    const missed = (p.spec ?? []).filter((c) => !c.met);
    if (missed.length) out.push(`product "${p.unit}" is below its specification: ${missed.map((c) => `${c.what} ${(c.value * 100).toPrecision(4)} % (${c.bound} ${(c.limit * 100).toPrecision(4)} %)`).join(', ')}`);
  }
  return out;
}
