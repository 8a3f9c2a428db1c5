/**
 * What the plant buys in one mode: reagents dosed by units, purchased feeds, and utilities — the
 * ones the file declares per hour or per tonne of feed, and those that buy the energy duties
 * (energy.ts). Every species bought without a price is named in a warning: a feed unit not priced
 * in `prices.feeds` is costed species by species at reagent prices, and a species without one is
 * counted as 0 and named (organic make-up, purchased solutions).
 */
import { streamEndUnit } from '../modes';
import type { FlowsheetResults } from '../results';
import { energyUse, type EnergyLine } from './energy';
import { memoOnResults } from './flows';
import type { PriceBook, ValueLine } from './prices';
import { valueMaterial } from './prices';
import type { EnergyDecl, ModeEconomicsDecl } from './types';

export interface ReagentCost {
  unit: string;
  species: string;
  kgPerHour: number;
  kgPerTonneFeed: number;
  /** Per kg; undefined when the reagent has no price. */
  price?: number;
  source?: string;
  costPerHour: number;
}

export interface FeedCost {
  unit: string;
  kgPerHour: number;
  costPerHour: number;
  /** `priced`: prices.feeds; `reagent prices`: species by species; `unpriced`. */
  basis: 'priced' | 'reagent prices' | 'unpriced';
  lines: ValueLine[];
  /** Species it brings that have no price (reagent-price basis only). */
  unpriced: string[];
}

export interface UtilityCost {
  name: string;
  amountPerHour: number;
  price?: number;
  unit?: string;
  source?: string;
  costPerHour: number;
  /** `declared` per hour or per tonne in the file, or `duties` from the energy balance (or its estimate). */
  from: 'declared' | 'duties';
  /** For utilities bought for duties: the units and their duties. */
  duties?: EnergyLine[];
}

/** Reagents dosed, with the species that have no price. */
export function reagentCosts(results: FlowsheetResults, prices: PriceBook, perT: (x: number) => number): { reagents: ReagentCost[]; unpriced: Set<string> } {
  const reagents: ReagentCost[] = [];
  const unpriced = new Set<string>();
  for (const [unit, doses] of Object.entries(results.reagents)) {
    for (const [species, kg] of Object.entries(doses)) {
      const p = prices.reagent(species);
      if (!p && kg > 0) unpriced.add(species);
      reagents.push({ unit, species, kgPerHour: kg, kgPerTonneFeed: perT(kg), ...(p ? { price: p.value, source: p.source } : {}), costPerHour: p ? kg * p.value : 0 });
    }
  }
  return { reagents, unpriced };
}

/** Species kg/h leaving every unit through its outlet streams (one pass; shared between calls). */
const outflows = memoOnResults((results) => {
  const out = new Map<string, Record<string, number>>();
  for (const s of Object.values(results.streams)) {
    const u = streamEndUnit(s.from);
    let m = out.get(u);
    if (!m) out.set(u, (m = Object.create(null) as Record<string, number>));
    for (const [sp, kg] of Object.entries(s.massFlow)) m[sp] = (m[sp] ?? 0) + kg;
  }
  return out;
});

const outflow = (results: FlowsheetResults, unit: string): Record<string, number> => outflows(results).get(unit) ?? {};

/** Every source unit's purchase: its valuation in prices.feeds, else its species at reagent prices. */
export function feedCosts(results: FlowsheetResults, prices: PriceBook, sources: readonly string[]): FeedCost[] {
  const feeds: FeedCost[] = [];
  for (const unit of sources) {
    const material = outflow(results, unit);
    const kg = Object.values(material).reduce((a, b) => a + b, 0);
    const v = prices.feed(unit);
    if (v) {
      const valued = valueMaterial(v, material, prices.species);
      feeds.push({ unit, kgPerHour: kg, costPerHour: valued.value, basis: 'priced', lines: valued.lines, unpriced: [] });
      continue;
    }
    const lines: ValueLine[] = [];
    const unpriced: string[] = [];
    for (const [sp, m] of Object.entries(material)) {
      const p = prices.reagent(sp);
      if (p) lines.push({ item: sp, kg: m, price: p.value, value: m * p.value, source: p.source });
      else if (m > 0) unpriced.push(sp);
    }
    feeds.push({ unit, kgPerHour: kg, costPerHour: lines.reduce((a, l) => a + l.value, 0), basis: lines.length ? 'reagent prices' : 'unpriced', lines, unpriced });
  }
  return feeds;
}

/** The utilities the mode declares, plus those bought for its energy duties. */
export function utilityCosts(
  results: FlowsheetResults,
  prices: PriceBook,
  decl: ModeEconomicsDecl,
  units: Readonly<Record<string, object>>,
  energy: EnergyDecl | undefined,
  feedKg: number,
): { utilities: UtilityCost[]; warnings: string[]; fromBalance: boolean } {
  const utilities: UtilityCost[] = [];
  const warnings: string[] = [];
  const price = (name: string) => {
    const p = prices.utility(name);
    if (!p) warnings.push(`utility "${name}" has no price: counted as 0 (give economics.prices.utilities["${name}"])`);
    return p;
  };
  for (const [name, use] of Object.entries(decl.utilities ?? {})) {
    const amount = (use.perHour ?? 0) + ((use.perTonneFeed ?? 0) * feedKg) / 1000;
    const p = price(name);
    utilities.push({ name, amountPerHour: amount, ...(p ? { price: p.value, unit: p.unit, source: p.source } : {}), costPerHour: p ? amount * p.value : 0, from: 'declared' });
  }
  const use = energyUse(results, units, energy);
  const byUtility = new Map<string, EnergyLine[]>();
  for (const line of use.lines) byUtility.set(line.utility, [...(byUtility.get(line.utility) ?? []), line]);
  for (const [name, lines] of byUtility) {
    const amount = lines.reduce((a, l) => a + l.amount, 0);
    const p = price(name);
    if (utilities.some((u) => u.name === name)) warnings.push(`utility "${name}" is declared per hour or per tonne and also bought for the energy duties: both are counted`);
    utilities.push({ name, amountPerHour: amount, ...(p ? { price: p.value, unit: p.unit, source: p.source } : {}), costPerHour: p ? amount * p.value : 0, from: 'duties', duties: lines });
  }
  if (use.lines.length && !use.fromBalance) warnings.push('energy duties estimated from the flows (the results carry no energy balance): evaporation latent heat and heating to each unit’s T');
  return { utilities, warnings, fromBalance: use.fromBalance };
}
