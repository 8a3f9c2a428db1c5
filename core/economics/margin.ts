/**
 * Economics of one mode, from its solved results: revenue from every product, the cost of the
 * reagents dosed, of purchased feeds, of utilities (declared, and bought for the energy duties) and
 * of waste disposal, and the margin per operating hour and per tonne of feed; reagent intensity in
 * kg per tonne of feed.
 *
 * Feed basis (the "tonne of feed"): the solid-phase mass of the streams that leave the mode's
 * source units — units with outgoing and no incoming streams, e.g. `feed` units — or of the units
 * listed in the mode's `feedBasis`. When none of them carries solids, their total mass.
 *
 * Variable margin per hour = revenue − reagents − feeds − utilities − disposal − the mode's fixed
 * cost per hour. Every species bought without a price and every sink without a value or a disposal
 * cost is named in a warning (purchases.ts, revenue.ts).
 */
import { FlexsheetError, type Diagnostic } from '../diagnostics';
import type { FlowsheetDoc } from '../document';
import { applyMode, streamEndUnit, type ModeView } from '../modes';
import type { FlowsheetResults } from '../results';
import { own } from './own';
import { PriceBook } from './prices';
import { feedCosts, reagentCosts, utilityCosts, type FeedCost, type ReagentCost, type UtilityCost } from './purchases';
import { sinkEconomics, sinkWarnings, type DisposalCost, type ProductValue } from './revenue';
import { BASE_MODE } from './schema';
import type { EconomicsDecl, ModeEconomicsDecl } from './types';

export type { FeedCost, ProductValue, ReagentCost, UtilityCost };
export interface MoneyBreakdown {
  revenue: number;
  reagents: number;
  feeds: number;
  utilities: number;
  disposal: number;
  fixed: number;
  margin: number;
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
  disposal: DisposalCost[];
  /** Whether the energy duties came from the energy balance (false: estimated, or none). */
  dutiesFromBalance: boolean;
  perHour: MoneyBreakdown;
  perTonneFeed: MoneyBreakdown;
  /** kg of reagents dosed per tonne of feed. */
  reagentIntensity: number;
  /** Planned operating hours per year, when the file gives them, and the year's figures at those hours. */
  hours?: number;
  annual?: MoneyBreakdown;
  /** Prices that are missing (counted as zero), products below spec, estimates made. */
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
  return own(economicsOf(doc).modes, mode) ?? {};
}

const views = new WeakMap<object, WeakMap<object, Map<string, { view: ModeView; streamsOf: unknown }>>>();

/**
 * The units and streams of a mode (applyMode), or a located error. Memoised on the document's
 * `units`, `streams` and `modes` objects (documents that share them, such as a study's samples
 * with different prices, share their views); a view is read, never changed.
 */
export function viewOf(doc: FlowsheetDoc, mode: string): ModeView {
  const a = (doc.units ?? {}) as object;
  const b = (doc.modes ?? doc.streams ?? {}) as object;
  let inner = views.get(a);
  if (!inner) views.set(a, (inner = new WeakMap()));
  let byMode = inner.get(b);
  if (!byMode) inner.set(b, (byMode = new Map()));
  const key = `${mode}`;
  const hit = byMode.get(key);
  if (hit && hit.streamsOf === doc.streams) return hit.view;
  const diagnostics: Diagnostic[] = [];
  const view = applyMode(doc, solverMode(mode), diagnostics);
  if (!view || diagnostics.length) throw new FlexsheetError(diagnostics);
  byMode.set(key, { view, streamsOf: doc.streams });
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
export function unitPrices(view: ModeView): Map<string, number> {
  const out = new Map<string, number>();
  for (const [id, u] of Object.entries(view.units)) if (u && typeof u.price === 'number') out.set(id, u.price);
  return out;
}

const scale = (b: MoneyBreakdown, f: number): MoneyBreakdown => ({
  revenue: b.revenue * f,
  reagents: b.reagents * f,
  feeds: b.feeds * f,
  utilities: b.utilities * f,
  disposal: b.disposal * f,
  fixed: b.fixed * f,
  margin: b.margin * f,
});

/** The tonne of feed of a mode (see the module comment). */
function feedBasis(results: FlowsheetResults, basisUnits: readonly string[]): ModeEconomics['feed'] {
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
  const kg = solid > 0 ? solid : total;
  return { kgPerHour: kg, tonnesPerHour: kg / 1000, what, units: what === 'solid feed' ? basisUnits.filter((u) => withSolids.has(u)) : [...basisUnits] };
}

function reagentTotals(reagents: readonly ReagentCost[], perT: (x: number) => number): ModeEconomics['reagentTotals'] {
  const totals = new Map<string, { kg: number; cost: number }>();
  for (const r of reagents) {
    const t = totals.get(r.species) ?? { kg: 0, cost: 0 };
    t.kg += r.kgPerHour;
    t.cost += r.costPerHour;
    totals.set(r.species, t);
  }
  return [...totals.entries()].map(([species, t]) => ({ species, kgPerHour: t.kg, kgPerTonneFeed: perT(t.kg), costPerHour: t.cost }));
}

const total = <T>(xs: readonly T[], f: (x: T) => number) => xs.reduce((a, x) => a + f(x), 0);

/** The economics of `mode`, from that mode's solved results. */
export function modeEconomics(doc: FlowsheetDoc, mode: string, results: FlowsheetResults, book?: PriceBook): ModeEconomics {
  const view = viewOf(doc, mode);
  const prices = book ?? new PriceBook(doc, solverMode(mode), unitPrices(view));
  const decl = modeDecl(doc, mode);
  const sources = sourceUnits(view);
  const feed = feedBasis(results, decl.feedBasis ?? sources);
  const perT = (x: number) => (feed.kgPerHour > 0 ? (x * 1000) / feed.kgPerHour : 0);

  const sinks = sinkEconomics(results, prices, perT);
  const { reagents, unpriced } = reagentCosts(results, prices, perT);
  const feeds = feedCosts(results, prices, sources);
  const util = utilityCosts(results, prices, decl, view.units, economicsOf(doc).energy, feed.kgPerHour);
  const warnings = [...[...unpriced].map((sp) => `reagent ${sp} has no price: counted as 0 (give economics.prices.reagents["${sp}"])`)];
  for (const f of feeds) if (f.unpriced.length) warnings.push(`feed "${f.unit}" brings ${f.unpriced.join(', ')} with no price: counted as 0 (give economics.prices.reagents or economics.prices.feeds["${f.unit}"])`);
  warnings.push(...util.warnings, ...sinkWarnings(sinks));
  if (!sinks.products.some((p) => p.priced && p.valuePerHour > 0)) warnings.push('no product has a price: revenue is 0 (give economics.prices.products)');

  const perHour: MoneyBreakdown = {
    revenue: total(sinks.products, (p) => p.valuePerHour),
    reagents: total(reagents, (r) => r.costPerHour),
    feeds: total(feeds, (f) => f.costPerHour),
    utilities: total(util.utilities, (u) => u.costPerHour),
    disposal: total(sinks.disposal, (d) => d.costPerHour),
    fixed: decl.fixedCostPerHour ?? 0,
    margin: 0,
  };
  perHour.margin = perHour.revenue - perHour.reagents - perHour.feeds - perHour.utilities - perHour.disposal - perHour.fixed;
  const totals = reagentTotals(reagents, perT);
  return {
    mode,
    currency: prices.currency,
    feed,
    products: sinks.products,
    reagents,
    reagentTotals: totals,
    feeds,
    utilities: util.utilities,
    disposal: sinks.disposal,
    dutiesFromBalance: util.fromBalance,
    perHour,
    perTonneFeed: scale(perHour, feed.kgPerHour > 0 ? 1000 / feed.kgPerHour : 0),
    reagentIntensity: perT(total(totals, (r) => r.kgPerHour)),
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

/** The year at the planned hours of each mode; fixed costs a year from the operating-cost estimate when given, else economics.fixedCosts. */
export function yearSummary(doc: FlowsheetDoc, modes: readonly ModeEconomics[], fixed?: number): YearSummary {
  const econ = economicsOf(doc);
  const hoursPerYear = econ.hoursPerYear ?? 8000;
  const plannedHours = modes.reduce((a, m) => a + (m.hours ?? 0), 0);
  const variableMargin = modes.reduce((a, m) => a + (m.annual?.margin ?? 0), 0);
  const fixedPerYear = fixed ?? econ.fixedCosts?.perYear ?? 0;
  const warnings: string[] = [];
  if (plannedHours > hoursPerYear) warnings.push(`the modes' planned hours (${plannedHours} h) exceed the operating year (${hoursPerYear} h)`);
  return { hoursPerYear, plannedHours, variableMargin, fixedPerYear, margin: variableMargin - fixedPerYear, warnings };
}
