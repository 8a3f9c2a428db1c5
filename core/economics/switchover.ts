/**
 * Switchover of the plant from one mode to another: what happens to every unit, whether the target
 * mode asks any unit for a duty outside its limits, how long the plant is down, and what it costs,
 * itemised.
 *
 * Units, comparing the two modes (applyMode):
 * - unchanged: runs in both with the same duty (parameters other than notes, label, position and
 *   equipment) and the same connections;
 * - repurposed: runs in both, but its parameters or its connections differ;
 * - idle: runs in the source mode and is out of service in the target;
 * - started: out of service in the source, runs in the target;
 * - standby: out of service in both.
 * A unit gets changeover work (its `equipment.changeover` time, cost and cleaning agents) when it
 * is repurposed, goes idle or is started — unless `when` is "never" — and also when unchanged if
 * `when` is "always". A unit with work that ran in the source mode is drained: its hold-up, with
 * the composition of the material it discharged in the solved source mode, is flushed out — except
 * a feed bin (a unit with no inlet), which is run down by feeding it to the plant before the
 * switchover: nothing is lost (`holdup.runDown` says otherwise for any unit).
 *
 * Compatibility (compatibility.ts): every unit running in the target mode is checked against its
 * `equipment.limits`; with `switchover.compatibility` "refuse" (the default) a switchover into a
 * mode that exceeds them is refused with the reasons, with "flag" it is costed and flagged, with
 * "duplicate" the unit is taken to be built twice (capital.ts) and the switchover is costed.
 *
 * Downtime: the longest chain of work along the flow graph of the source mode (equipment.ts
 * `schedule`), plus the plant-wide `economics.switchover.time`. Cost items:
 * - changeover: Σ unit changeover costs, plus the plant-wide `switchover.cost`;
 * - cleaning: Σ cleaning agent kg × reagent price (source mode's prices);
 * - inventory: Σ flushed kg × value per kg (prices.ts `speciesValue`) × (1 − recovered);
 * - disposal: Σ flushed kg × (1 − recovered) × inventory.disposalPerKg;
 * - lost margin: downtime × max(0, margin per hour) of the target mode (or the source's, or none:
 *   `switchover.lostMargin`) — only when the plant is capacity-limited in that mode
 *   (availability.ts). A feed-limited plant makes the downtime up in idle hours and loses no margin.
 * "direct" is the total without lost margin. Switching a mode to itself is no switchover: zero.
 */
import type { FlowsheetDoc } from '../document';
import { streamEndUnit, type ModeView } from '../modes';
import type { FlowsheetResults } from '../results';
import { capacityLimit } from './availability';
import { modeCompatibility, type Incompatibility } from './compatibility';
import { changeoverOf, connectionsByUnit, deepEqual, dutyOf, equipmentOf, flowEdges, holdupOf, schedule, throughputs, type Holdup } from './equipment';
import { economicsOf, modeNames, solverMode, unitPrices, viewOf, type ModeEconomics } from './margin';
import { hasOwn, own } from './own';
import { PriceBook } from './prices';

export type UnitStatus = 'unchanged' | 'repurposed' | 'idle' | 'started' | 'standby';

interface FlushedInventory extends Holdup {
  /** Value of what is held. */
  value: number;
  /** Value lost: value × (1 − recovered); 0 when run down. */
  lost: number;
  /** Disposal cost of what is not recovered. */
  disposal: number;
  /** Run down into the plant before the switchover (a feed bin) rather than flushed. */
  runDown: boolean;
  lines: { species: string; kg: number; pricePerKg: number; value: number; basis: string }[];
}

export interface UnitSwitch {
  unit: string;
  status: UnitStatus;
  /** Why: the parameters or connections that differ. */
  reasons: string[];
  work: boolean;
  time: number;
  cost: number;
  cleaning: { agent: string; kg: number; price?: number; cost: number }[];
  cleaningCost: number;
  flushed?: FlushedInventory;
  start: number;
  finish: number;
  material?: string;
  service?: string | string[];
  /** The target mode asks this unit for a duty outside its limits. */
  incompatible?: string[];
}

export interface SwitchoverItems {
  changeover: number;
  cleaning: number;
  inventory: number;
  disposal: number;
  lostMargin: number;
}

export interface Switchover {
  from: string;
  to: string;
  currency: string;
  units: UnitSwitch[];
  /** Hours the plant produces nothing. */
  downtime: number;
  /** The chain of unit work that sets the downtime (plant-wide time comes after it). */
  criticalPath: string[];
  /** kg flushed out of hold-ups (run-down bins not included). */
  flushedKg: number;
  items: SwitchoverItems;
  /** Everything but lost margin. */
  direct: number;
  total: number;
  /** Margin per hour used for the lost margin (0 when feed-limited). */
  lostMarginRate: number;
  /** Why the downtime does or does not lose margin. */
  lostMarginBasis: string;
  /** Units the target mode asks for a duty outside their limits, with the reasons. */
  incompatible: Incompatibility[];
  /** False when the switchover is refused for incompatible equipment (policy "refuse"). */
  feasible: boolean;
  warnings: string[];
}

export interface SwitchoverInputs {
  /** Solved results of every mode involved, by mode name. */
  results: Readonly<Record<string, FlowsheetResults>>;
  /** Economics of every mode involved (for lost margin). */
  economics: Readonly<Record<string, ModeEconomics>>;
  /** Compatibility problems per mode, when already computed. */
  compatibility?: ReadonlyMap<string, readonly Incompatibility[]>;
  /** The modes the plant runs (for whether it is capacity-limited); default: every mode of the inputs. */
  modes?: readonly string[];
  /** Switchover plans by "from\u0000to", kept between calls (a study reuses them while the plant is not re-solved). */
  plans?: Map<string, SwitchoverPlan>;
  /** Totals only: no per-species lines of flushed inventory (a study's samples). */
  lean?: boolean;
}

function why(a: ModeView, b: ModeView, unit: string, ca: Map<string, string[]>, cb: Map<string, string[]>): string[] {
  const ua = a.units[unit];
  const ub = b.units[unit];
  const reasons: string[] = [];
  if (ua.type !== ub.type) reasons.push(`type ${ua.type} → ${ub.type}`);
  else {
    const da = dutyOf(ua);
    const db = dutyOf(ub);
    const keys = [...new Set([...Object.keys(da), ...Object.keys(db)])].filter((k) => !deepEqual(own(da, k), own(db, k)));
    if (keys.length) reasons.push(`parameters differ: ${keys.join(', ')}`);
  }
  if (!deepEqual(ca.get(unit) ?? [], cb.get(unit) ?? [])) reasons.push('connections differ');
  return reasons;
}

function statusOf(a: ModeView, b: ModeView, unit: string, same: boolean, names: { from: string; to: string }, conn: [Map<string, string[]>, Map<string, string[]>]): { status: UnitStatus; reasons: string[] } {
  const inA = hasOwn(a.units, unit);
  const inB = hasOwn(b.units, unit);
  if (inA && inB) {
    const reasons = same ? [] : why(a, b, unit, conn[0], conn[1]);
    return { status: reasons.length ? 'repurposed' : 'unchanged', reasons };
  }
  if (inA) return { status: 'idle', reasons: [`out of service in ${names.to}`] };
  if (inB) return { status: 'started', reasons: [`out of service in ${names.from}`] };
  return { status: 'standby', reasons: [] };
}

/** What is drained from a unit (no prices yet): its hold-up, whether it is run down, the share kept. */
interface Drain {
  holdup: Holdup;
  runDown: boolean;
  kept?: number;
}

/** The hold-up drained from a unit, valued at the source mode's prices. */
function flushedOf(d: Drain, book: PriceBook, recovered: number, disposalPerKg: number): FlushedInventory {
  const h = d.holdup;
  const kept = d.kept ?? recovered;
  let value = 0;
  const lines: FlushedInventory['lines'] = [];
  for (const species in h.species) {
    const kg = h.species[species];
    const v = book.speciesValue(species);
    value += kg * v.value;
    lines.push({ species, kg, pricePerKg: v.value, value: kg * v.value, basis: v.basis });
  }
  if (d.runDown) return { ...h, basis: `${h.basis}, run down before the switchover`, value, lost: 0, disposal: 0, runDown: true, lines };
  return { ...h, value, lost: value * (1 - kept), disposal: h.kg * (1 - kept) * disposalPerKg, runDown: false, lines };
}

function cleaningOf(cleaning: Record<string, number>, book: PriceBook, unit: string, warnings: string[]): UnitSwitch['cleaning'] {
  return Object.entries(cleaning).map(([agent, kg]) => {
    const p = book.reagent(agent);
    if (!p && kg > 0) warnings.push(`cleaning agent ${agent} of unit "${unit}" has no price: counted as 0`);
    return { agent, kg, ...(p ? { price: p.value } : {}), cost: p ? kg * p.value : 0 };
  });
}

const zeroItems = (): SwitchoverItems => ({ changeover: 0, cleaning: 0, inventory: 0, disposal: 0, lostMargin: 0 });

function lostMarginOf(doc: FlowsheetDoc, from: string, to: string, inputs: SwitchoverInputs): { rate: number; basis: string } {
  const basis = economicsOf(doc).switchover?.lostMargin ?? 'target';
  if (from === to) return { rate: 0, basis: 'no switchover' };
  if (basis === 'none') return { rate: 0, basis: 'none (switchover.lostMargin)' };
  const m = basis === 'source' ? from : to;
  const e = own(inputs.economics, m);
  if (!e) throw new Error(`switchover ${from} → ${to}: the economics of mode ${m} are needed`);
  const limit = capacityLimit(doc, m, inputs.economics, inputs.modes ?? Object.keys(inputs.economics));
  return { rate: limit.limited ? Math.max(0, e.perHour.margin) : 0, basis: limit.reason };
}

/** The work of a switchover, before any price: unit status, work, hold-ups, schedule, compatibility. */
export interface SwitchoverPlan {
  from: string;
  to: string;
  units: { unit: UnitSwitch; cleaning: Record<string, number>; drain?: Drain }[];
  /** Longest chain of unit work (the plant-wide time comes on top). */
  chain: number;
  critical: string[];
  anyWork: boolean;
  incompatible: Incompatibility[];
  /** For totals without per-unit lines: kg of each species flushed (not run down), split by whose recovered share applies. */
  lost: { byDefault: Map<string, number>; byOwn: Map<string, number>; kgDefault: number; kgOwn: number };
}

/** Σ over flushed hold-ups of kg per species: those at the default recovered share, and those at their own (already × (1 − kept)). */
function lostKg(units: SwitchoverPlan['units']): SwitchoverPlan['lost'] {
  const lost = { byDefault: new Map<string, number>(), byOwn: new Map<string, number>(), kgDefault: 0, kgOwn: 0 };
  for (const { drain } of units) {
    if (!drain || drain.runDown) continue;
    const own = drain.kept !== undefined;
    const w = own ? 1 - drain.kept! : 1;
    const into = own ? lost.byOwn : lost.byDefault;
    for (const sp in drain.holdup.species) into.set(sp, (into.get(sp) ?? 0) + w * drain.holdup.species[sp]);
    if (own) lost.kgOwn += w * drain.holdup.kg;
    else lost.kgDefault += drain.holdup.kg;
  }
  return lost;
}

/** Every unit's part in the switchover from `from` to `to` (no prices: they come in priceSwitchover). */
function planSwitchover(doc: FlowsheetDoc, from: string, to: string, inputs: Pick<SwitchoverInputs, 'results' | 'compatibility'>): SwitchoverPlan {
  const a = viewOf(doc, from);
  const b = viewOf(doc, to);
  const same = from === to;
  const source = own(inputs.results, from);
  const incompatible = same ? [] : [...(inputs.compatibility?.get(to) ?? modeCompatibility(doc, to, own(inputs.results, to)))];
  const fed = new Set(Object.values(a.streams).map((s) => streamEndUnit(s.to)));
  const conn: [Map<string, string[]>, Map<string, string[]>] = [connectionsByUnit(a), connectionsByUnit(b)];
  const flows = source ? throughputs(source) : new Map<string, Record<string, number>>();
  const all = [...new Set([...Object.keys(a.units), ...Object.keys(b.units), ...a.idle, ...b.idle])];
  const units: SwitchoverPlan['units'] = [];
  const time = new Map<string, number>();
  for (const unit of all) {
    const { status, reasons } = statusOf(a, b, unit, same, { from, to }, conn);
    const eqA = equipmentOf(own(a.units, unit));
    const eqB = equipmentOf(own(b.units, unit));
    const co = changeoverOf(eqA, eqB);
    const when = co.when ?? 'changed';
    const work = !same && when !== 'never' && (status === 'repurposed' || status === 'idle' || status === 'started' || (status === 'unchanged' && when === 'always'));
    const bad = incompatible.filter((p) => p.unit === unit).map((p) => p.reason);
    const u: UnitSwitch = {
      unit,
      status,
      reasons,
      work,
      time: work ? (co.time ?? 0) : 0,
      cost: work ? (co.cost ?? 0) : 0,
      cleaning: [],
      cleaningCost: 0,
      start: 0,
      finish: 0,
      ...((eqA.material ?? eqB.material) !== undefined ? { material: eqA.material ?? eqB.material } : {}),
      ...((eqA.service ?? eqB.service) !== undefined ? { service: eqA.service ?? eqB.service } : {}),
      ...(bad.length ? { incompatible: bad } : {}),
    };
    let drain: Drain | undefined;
    if (work && hasOwn(a.units, unit)) {
      if (!source) throw new Error(`switchover ${from} → ${to}: the results of mode ${from} are needed`);
      const eq = Object.keys(eqA).length ? eqA : eqB;
      const holdup = holdupOf(eq, flows.get(unit) ?? {});
      if (holdup) drain = { holdup, runDown: eq.holdup?.runDown ?? !fed.has(unit), ...(eq.holdup?.recovered !== undefined ? { kept: eq.holdup.recovered } : {}) };
    }
    time.set(unit, u.time);
    units.push({ unit: u, cleaning: work ? (co.cleaning ?? {}) : {}, ...(drain ? { drain } : {}) });
  }
  // Precedence along the source mode's streams: they carry what is being flushed out. Units that
  // did not run in the source mode have no such edges: they are commissioned in parallel, from the start.
  const sched = schedule(all, flowEdges([a]), time);
  for (const { unit: u } of units) Object.assign(u, sched.times.get(u.unit)!);
  return { from, to, units, chain: sched.length, critical: same ? [] : sched.critical, anyWork: units.some((x) => x.unit.work), incompatible, lost: lostKg(units) };
}

/** The switchover of a plan at the source mode's prices, with its downtime and lost margin. */
function priceSwitchover(doc: FlowsheetDoc, plan: SwitchoverPlan, inputs: SwitchoverInputs): Switchover {
  const { from, to } = plan;
  const econ = economicsOf(doc);
  const same = from === to;
  const book = new PriceBook(doc, solverMode(from), unitPrices(viewOf(doc, from)));
  const warnings: string[] = [];
  const recovered = econ.inventory?.recovered ?? 0;
  const disposalPerKg = econ.inventory?.disposalPerKg ?? 0;
  const lean = inputs.lean === true;
  const units = plan.units.map(({ unit, cleaning, drain }) => {
    const u: UnitSwitch = { ...unit, cleaning: cleaningOf(cleaning, book, unit.unit, warnings) };
    u.cleaningCost = u.cleaning.reduce((s, c) => s + c.cost, 0);
    if (drain && !lean) u.flushed = flushedOf(drain, book, recovered, disposalPerKg);
    return u;
  });
  const worth = (m: Map<string, number>) => {
    let v = 0;
    for (const [sp, kg] of m) v += kg * book.speciesValue(sp).value;
    return v;
  };
  const inventory = lean ? worth(plan.lost.byOwn) + (1 - recovered) * worth(plan.lost.byDefault) : units.reduce((s, u) => s + (u.flushed?.lost ?? 0), 0);
  const disposal = lean ? (plan.lost.kgOwn + (1 - recovered) * plan.lost.kgDefault) * disposalPerKg : units.reduce((s, u) => s + (u.flushed?.disposal ?? 0), 0);
  const downtime = same ? 0 : plan.chain + (plan.anyWork ? (econ.switchover?.time ?? 0) : 0);
  const lost = lostMarginOf(doc, from, to, inputs);
  const items = same
    ? zeroItems()
    : {
        changeover: units.reduce((s, u) => s + u.cost, 0) + (plan.anyWork ? (econ.switchover?.cost ?? 0) : 0),
        cleaning: units.reduce((s, u) => s + u.cleaningCost, 0),
        inventory,
        disposal,
        lostMargin: downtime * lost.rate,
      };
  const direct = items.changeover + items.cleaning + items.inventory + items.disposal;
  const policy = econ.switchover?.compatibility ?? 'refuse';
  if (plan.incompatible.length && policy !== 'refuse') warnings.push(...plan.incompatible.map((p) => `${p.reason} (${policy === 'duplicate' ? 'a second unit is costed in the capital' : 'flagged, costed anyway'})`));
  return {
    from,
    to,
    currency: book.currency,
    units,
    downtime,
    criticalPath: plan.critical,
    flushedKg: units.reduce((s, u) => s + (u.flushed && !u.flushed.runDown ? u.flushed.kg : 0), 0),
    items,
    direct,
    total: direct + items.lostMargin,
    lostMarginRate: lost.rate,
    lostMarginBasis: lost.basis,
    incompatible: plan.incompatible,
    feasible: policy !== 'refuse' || plan.incompatible.length === 0,
    warnings,
  };
}

/** The switchover from mode `from` to mode `to`. */
export function switchover(doc: FlowsheetDoc, from: string, to: string, inputs: SwitchoverInputs): Switchover {
  const key = `${from}\u0000${to}`;
  let plan = inputs.plans?.get(key);
  if (!plan) {
    plan = planSwitchover(doc, from, to, inputs);
    inputs.plans?.set(key, plan);
  }
  return priceSwitchover(doc, plan, inputs);
}

export interface SwitchoverMatrix {
  modes: string[];
  /** total[i][j]: switching from modes[i] to modes[j], lost margin included. */
  total: number[][];
  direct: number[][];
  downtime: number[][];
  /** feasible[i][j]: false when the switchover is refused for incompatible equipment. */
  feasible: boolean[][];
  detail: Switchover[][];
}

/** The switchover for every ordered pair of modes. */
export function switchoverMatrix(doc: FlowsheetDoc, inputs: SwitchoverInputs, modes: readonly string[] = modeNames(doc)): SwitchoverMatrix {
  const compatibility = inputs.compatibility ?? new Map(modes.map((m) => [m, modeCompatibility(doc, m, own(inputs.results, m))]));
  const all = { ...inputs, compatibility, modes: inputs.modes ?? modes };
  const detail = modes.map((f) => modes.map((t) => switchover(doc, f, t, all)));
  return {
    modes: [...modes],
    total: detail.map((row) => row.map((s) => s.total)),
    direct: detail.map((row) => row.map((s) => s.direct)),
    downtime: detail.map((row) => row.map((s) => s.downtime)),
    feasible: detail.map((row) => row.map((s) => s.feasible)),
    detail,
  };
}

/**
 * Units whose `equipment.service` lists mode names that disagree with the modes they run in.
 * Service entries that are not mode names are duty labels and are not checked.
 */
export function serviceWarnings(doc: FlowsheetDoc): string[] {
  const modes = modeNames(doc);
  const views = new Map(modes.map((m) => [m, viewOf(doc, m)]));
  const out: string[] = [];
  const seen = new Set<string>();
  for (const v of views.values()) {
    for (const [id, decl] of Object.entries(v.units)) {
      const s = equipmentOf(decl).service;
      if (!Array.isArray(s) || !s.some((x) => modes.includes(x)) || seen.has(id)) continue;
      for (const mode of modes) {
        const runs = hasOwn(views.get(mode)!.units, id);
        if (runs !== s.includes(mode)) {
          out.push(`unit "${id}": equipment.service ${runs ? 'omits' : 'lists'} mode "${mode}", ${runs ? 'in which it runs' : 'in which it is out of service'}`);
        }
      }
      seen.add(id);
    }
  }
  return out;
}
