/**
 * Economics of one mode, from its solved results: revenue from every product, the cost of the
 * reagents dosed, of purchased feeds and of utilities, and the margin per operating hour and per
 * tonne of feed; reagent intensity in kg per tonne of feed.
 *
 * Feed basis (the "tonne of feed"): the solid-phase mass of the streams that leave the mode's
 * source units — units with outgoing and no incoming streams, e.g. `feed` units — or of the units
 * listed in the mode's `feedBasis`. When none of them carries solids, their total mass.
 *
 * Variable margin per hour = revenue − reagents − feeds − utilities − the mode's fixed cost per hour.
 * Feeds not priced in `prices.feeds` are costed species by species at reagent prices (organic
 * make-up, purchased solutions); species without a price, and water, cost nothing.
 */
import { FlexsheetError, type Diagnostic } from '../diagnostics';
import type { FlowsheetDoc } from '../document';
import { applyMode, streamEndUnit, type ModeView } from '../modes';
import type { FlowsheetResults } from '../results';
import { PriceBook, valueMaterial, type ValueLine } from './prices';
import { BASE_MODE } from './schema';
import type { EconomicsDecl, ModeEconomicsDecl } from './types';

export interface MoneyBreakdown {
  revenue: number;
  reagents: number;
  feeds: number;
  utilities: number;
  fixed: number;
  margin: number;
}

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
}

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
}

export interface UtilityCost {
  name: string;
  amountPerHour: number;
  price?: number;
  unit?: string;
  source?: string;
  costPerHour: number;
}

export interface ModeEconomics {
  mode: string;
  currency: string;
  /** The tonne of feed: kg/h, and the units that bring it (those carrying solids, for a solid basis). */
  feed: { kgPerHour: number; tonnesPerHour: number; what: 'solid feed' | 'total feed'; units: string[] };
  products: ProductValue[];
  reagents: ReagentCost[];
  reagentTotals: { species: string; kgPerHour: number; kgPerTonneFeed: number; costPerHour: number }[];
  feeds: FeedCost[];
  utilities: UtilityCost[];
  perHour: MoneyBreakdown;
  perTonneFeed: MoneyBreakdown;
  /** kg of reagents dosed per tonne of feed. */
  reagentIntensity: number;
  /** Planned operating hours per year, when the file gives them, and the year's figures at those hours. */
  hours?: number;
  annual?: MoneyBreakdown;
  /** Prices that are missing (counted as zero). */
  warnings: string[];
}

/** The declared modes of the file, or [BASE_MODE] when it declares none. */
export function modeNames(doc: FlowsheetDoc): string[] {
  const modes = Object.keys(doc.modes ?? {});
  return modes.length ? modes : [BASE_MODE];
}

/** The mode name to pass to the solver: undefined for BASE_MODE. */
export function solverMode(mode: string): string | undefined {
  return mode === BASE_MODE ? undefined : mode;
}

export function economicsOf(doc: FlowsheetDoc): EconomicsDecl {
  const e = doc.economics;
  return (e !== null && typeof e === 'object' && !Array.isArray(e) ? e : {}) as EconomicsDecl;
}

export function modeDecl(doc: FlowsheetDoc, mode: string): ModeEconomicsDecl {
  return economicsOf(doc).modes?.[mode] ?? {};
}

/** The units and streams of a mode (applyMode), or a located error. */
export function viewOf(doc: FlowsheetDoc, mode: string): ModeView {
  const diagnostics: Diagnostic[] = [];
  const view = applyMode(doc, solverMode(mode), diagnostics);
  if (!view || diagnostics.length) throw new FlexsheetError(diagnostics);
  return view;
}

/** Units with outgoing and no incoming streams in a mode. */
export function sourceUnits(view: ModeView): string[] {
  const into = new Set<string>();
  const outOf = new Set<string>();
  for (const s of Object.values(view.streams)) {
    into.add(streamEndUnit(s.to));
    outOf.add(streamEndUnit(s.from));
  }
  return Object.keys(view.units).filter((u) => outOf.has(u) && !into.has(u));
}

/** The `price` parameter of every unit that has one (product units), for the fallback valuation. */
export function unitPrices(view: ModeView): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [id, u] of Object.entries(view.units)) if (typeof u.price === 'number') out[id] = u.price;
  return out;
}

/** Species kg/h leaving a unit through all its outlet streams. */
function outflow(results: FlowsheetResults, unit: string): Record<string, number> {
  const m: Record<string, number> = {};
  for (const s of Object.values(results.streams)) {
    if (streamEndUnit(s.from) !== unit) continue;
    for (const [sp, kg] of Object.entries(s.massFlow)) m[sp] = (m[sp] ?? 0) + kg;
  }
  return m;
}

const scale = (b: MoneyBreakdown, f: number): MoneyBreakdown => ({
  revenue: b.revenue * f,
  reagents: b.reagents * f,
  feeds: b.feeds * f,
  utilities: b.utilities * f,
  fixed: b.fixed * f,
  margin: b.margin * f,
});

/** The economics of `mode`, from that mode's solved results. */
export function modeEconomics(doc: FlowsheetDoc, mode: string, results: FlowsheetResults, book?: PriceBook): ModeEconomics {
  const view = viewOf(doc, mode);
  const prices = book ?? new PriceBook(doc, solverMode(mode), unitPrices(view));
  const decl = modeDecl(doc, mode);
  const warnings: string[] = [];

  // Feed basis.
  const basisUnits = decl.feedBasis ?? sourceUnits(view);
  const basisSet = new Set(basisUnits);
  let solid = 0;
  let total = 0;
  const withSolids = new Set<string>();
  for (const s of Object.values(results.streams)) {
    const from = streamEndUnit(s.from);
    if (!basisSet.has(from)) continue;
    solid += s.totals.byPhase.s ?? 0;
    total += s.totals.mass;
    if ((s.totals.byPhase.s ?? 0) > 0) withSolids.add(from);
  }
  const what = solid > 0 ? ('solid feed' as const) : ('total feed' as const);
  const feedKg = solid > 0 ? solid : total;
  const perT = (x: number) => (feedKg > 0 ? (x * 1000) / feedKg : 0);

  // Products.
  const products: ProductValue[] = [];
  for (const [unit, g] of Object.entries(results.grade)) {
    const material: Record<string, number> = {};
    for (const [sp, f] of Object.entries(g.species)) material[sp] = f * g.massFlow;
    const v = prices.product(unit);
    const valued = v ? valueMaterial(v, material, prices.species) : { lines: [], value: 0 };
    products.push({
      unit,
      kgPerHour: g.massFlow,
      kgPerTonneFeed: perT(g.massFlow),
      valuePerKg: g.massFlow > 0 ? valued.value / g.massFlow : 0,
      valuePerHour: valued.value,
      valuePerTonneFeed: perT(valued.value),
      priced: v !== undefined,
      lines: valued.lines,
    });
  }

  // Reagents.
  const reagents: ReagentCost[] = [];
  const totals = new Map<string, { kg: number; cost: number }>();
  const unpricedReagents = new Set<string>();
  for (const [unit, doses] of Object.entries(results.reagents)) {
    for (const [species, kg] of Object.entries(doses)) {
      const p = prices.reagent(species);
      if (!p && kg > 0) unpricedReagents.add(species);
      const cost = p ? kg * p.value : 0;
      reagents.push({ unit, species, kgPerHour: kg, kgPerTonneFeed: perT(kg), ...(p ? { price: p.value, source: p.source } : {}), costPerHour: cost });
      const t = totals.get(species) ?? { kg: 0, cost: 0 };
      t.kg += kg;
      t.cost += cost;
      totals.set(species, t);
    }
  }
  for (const sp of unpricedReagents) warnings.push(`reagent ${sp} has no price: counted as 0 (give economics.prices.reagents["${sp}"])`);
  const reagentTotals = [...totals.entries()].map(([species, t]) => ({ species, kgPerHour: t.kg, kgPerTonneFeed: perT(t.kg), costPerHour: t.cost }));

  // Feeds.
  const feeds: FeedCost[] = [];
  for (const unit of sourceUnits(view)) {
    const material = outflow(results, unit);
    const kg = Object.values(material).reduce((a, b) => a + b, 0);
    const v = prices.feed(unit);
    if (v) {
      const valued = valueMaterial(v, material, prices.species);
      feeds.push({ unit, kgPerHour: kg, costPerHour: valued.value, basis: 'priced', lines: valued.lines });
      continue;
    }
    const lines: ValueLine[] = [];
    for (const [sp, m] of Object.entries(material)) {
      const p = prices.reagent(sp);
      if (p) lines.push({ item: sp, kg: m, price: p.value, value: m * p.value, source: p.source });
    }
    feeds.push({ unit, kgPerHour: kg, costPerHour: lines.reduce((a, l) => a + l.value, 0), basis: lines.length ? 'reagent prices' : 'unpriced', lines });
  }

  // Utilities.
  const utilities: UtilityCost[] = [];
  for (const [name, use] of Object.entries(decl.utilities ?? {})) {
    const amount = (use.perHour ?? 0) + ((use.perTonneFeed ?? 0) * feedKg) / 1000;
    const p = prices.utility(name);
    if (!p) warnings.push(`utility "${name}" has no price: counted as 0 (give economics.prices.utilities["${name}"])`);
    utilities.push({ name, amountPerHour: amount, ...(p ? { price: p.value, unit: p.unit, source: p.source } : {}), costPerHour: p ? amount * p.value : 0 });
  }

  const revenue = products.reduce((a, p) => a + p.valuePerHour, 0);
  const reagentCost = reagents.reduce((a, r) => a + r.costPerHour, 0);
  const feedCost = feeds.reduce((a, f) => a + f.costPerHour, 0);
  const utilityCost = utilities.reduce((a, u) => a + u.costPerHour, 0);
  const fixed = decl.fixedCostPerHour ?? 0;
  const perHour: MoneyBreakdown = {
    revenue,
    reagents: reagentCost,
    feeds: feedCost,
    utilities: utilityCost,
    fixed,
    margin: revenue - reagentCost - feedCost - utilityCost - fixed,
  };
  const reagentKg = reagentTotals.reduce((a, r) => a + r.kgPerHour, 0);
  if (!products.some((p) => p.priced)) warnings.push('no product has a price: revenue is 0 (give economics.prices.products)');

  return {
    mode,
    currency: prices.currency,
    feed: { kgPerHour: feedKg, tonnesPerHour: feedKg / 1000, what, units: what === 'solid feed' ? basisUnits.filter((u) => withSolids.has(u)) : basisUnits },
    products,
    reagents,
    reagentTotals,
    feeds,
    utilities,
    perHour,
    perTonneFeed: scale(perHour, feedKg > 0 ? 1000 / feedKg : 0),
    reagentIntensity: perT(reagentKg),
    ...(decl.hours !== undefined ? { hours: decl.hours, annual: scale(perHour, decl.hours) } : {}),
    warnings,
  };
}

export interface YearSummary {
  hoursPerYear: number;
  /** Sum of the modes' planned hours. */
  plannedHours: number;
  /** Sum over modes of planned hours × margin per hour. */
  variableMargin: number;
  fixedPerYear: number;
  /** variableMargin − fixedPerYear (switchovers not included: see the campaign plan). */
  margin: number;
  warnings: string[];
}

/** The year at the planned hours of each mode. */
export function yearSummary(doc: FlowsheetDoc, modes: readonly ModeEconomics[]): YearSummary {
  const econ = economicsOf(doc);
  const hoursPerYear = econ.hoursPerYear ?? 8000;
  const plannedHours = modes.reduce((a, m) => a + (m.hours ?? 0), 0);
  const variableMargin = modes.reduce((a, m) => a + (m.annual?.margin ?? 0), 0);
  const fixedPerYear = econ.fixedCosts?.perYear ?? 0;
  const warnings: string[] = [];
  if (plannedHours > hoursPerYear) warnings.push(`the modes' planned hours (${plannedHours} h) exceed the operating year (${hoursPerYear} h)`);
  return { hoursPerYear, plannedHours, variableMargin, fixedPerYear, margin: variableMargin - fixedPerYear, warnings };
}
