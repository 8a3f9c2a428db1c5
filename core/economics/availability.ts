/**
 * How much of the year a mode's material can keep the plant busy, and whether the plant is then
 * capacity-limited. A mode's share ρ = tonnes available per year ÷ (processing rate × operating
 * hours per year), from its `availability` (of feed, or demand for a product); else its planned
 * `hours` ÷ the operating year; else unlimited. The plant is capacity-limited in a mode when that
 * mode alone could fill the year (ρ ≥ 1) or all modes together could (Σ ρ ≥ 1): then every hour of
 * downtime loses an hour of that mode's margin. Otherwise it is feed-limited: the material waits and
 * is processed in the idle hours, and a switchover's downtime loses no margin (only holding costs,
 * which the campaign plan counts).
 */
import type { FlowsheetDoc } from '../document';
import { defaultValue } from './defaults';
import { economicsOf, modeDecl, type ModeEconomics } from './margin';

export interface Availability {
  /** ρ, ≥ 0 (Infinity: unlimited). */
  share: number;
  /** kg/h of the stocked material (feed, or the product of `availability.of`). */
  rate: number;
  /** Value per kg of that stock (purchase price of the feed, else revenue per kg of feed; the product's value). */
  valuePerKg: number;
  stock: string;
}

export function availabilityOf(doc: FlowsheetDoc, mode: string, e: ModeEconomics): Availability {
  const H = economicsOf(doc).hoursPerYear ?? defaultValue('hoursPerYear')!;
  const decl = modeDecl(doc, mode);
  const of = decl.availability?.of ?? 'feed';
  let rate: number;
  let valuePerKg: number;
  let stock: string;
  if (of === 'feed') {
    rate = e.feed.kgPerHour;
    const bought = e.perHour.feeds;
    valuePerKg = rate > 0 ? (bought > 0 ? bought : e.perHour.revenue) / rate : 0;
    stock = `feed (${e.feed.what})`;
  } else {
    const p = e.products.find((x) => x.unit === of);
    rate = p?.kgPerHour ?? 0;
    valuePerKg = p?.valuePerKg ?? 0;
    stock = `product "${of}"`;
  }
  let share: number;
  if (decl.availability) share = rate > 0 ? (decl.availability.tonnes * 1000) / (rate * H) : 0;
  else if (decl.hours !== undefined) share = decl.hours / H;
  else share = Infinity;
  return { share, rate, valuePerKg, stock };
}

export interface CapacityLimit {
  limited: boolean;
  reason: string;
}

/** Whether downtime in `mode` loses margin (see the module comment), over the modes `all`. */
export function capacityLimit(doc: FlowsheetDoc, mode: string, economics: Readonly<Record<string, ModeEconomics>>, all: readonly string[]): CapacityLimit {
  const share = (m: string) => (Object.prototype.hasOwnProperty.call(economics, m) ? availabilityOf(doc, m, economics[m]).share : Infinity);
  const own = share(mode);
  const total = all.reduce((s, m) => s + share(m), 0);
  const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)} %` : 'unlimited');
  if (own >= 1) return { limited: true, reason: `capacity-limited: ${mode}'s material could fill the year (${pct(own)} of the operating hours)` };
  if (total >= 1) return { limited: true, reason: `capacity-limited: the modes' material together needs ${pct(total)} of the operating hours` };
  return { limited: false, reason: `feed-limited: ${mode}'s material needs ${pct(own)} and all modes' ${pct(total)} of the operating hours, so downtime is made up in idle hours` };
}
