/**
 * Switchover of the plant from one mode to another: what happens to every unit, how long the plant
 * is down, and what it costs, itemised.
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
 * the composition of the material it discharged in the solved source mode, is flushed out.
 *
 * Downtime: the longest chain of work along the flow graph of the source mode (equipment.ts
 * `schedule`: cleaning flushes downstream, so a unit is cleaned after every unit upstream of it;
 * a recycle loop is one circuit), plus the plant-wide `economics.switchover.time`. Units started
 * for the target mode did not run in the source mode and have nothing to flush: their work runs in
 * parallel from the start. Cost items:
 * - changeover: Σ unit changeover costs, plus the plant-wide `switchover.cost`;
 * - cleaning: Σ cleaning agent kg × reagent price (source mode's prices);
 * - inventory: Σ flushed kg × value per kg (prices.ts `speciesValue`) × (1 − recovered), where
 *   recovered is the hold-up's own `recovered` or else `inventory.recovered` (default 0);
 * - disposal: Σ flushed kg × (1 − recovered) × inventory.disposalPerKg (what is kept is not disposed of);
 * - lost margin: downtime × max(0, margin per hour) of the target mode (or the source's, or none:
 *   `switchover.lostMargin`). It is what the switchover costs when the plant is short of capacity;
 *   the campaign planner does not add it but derives it from the capacity the downtime takes.
 * "direct" is the total without lost margin. Switching a mode to itself is no switchover: zero.
 */
import type { FlowsheetDoc } from '../document';
import type { ModeView } from '../modes';
import type { FlowsheetResults } from '../results';
import { changeoverOf, connections, deepEqual, dutyOf, equipmentOf, flowEdges, holdupOf, schedule, throughput, type Holdup } from './equipment';
import { economicsOf, modeNames, solverMode, unitPrices, viewOf, type ModeEconomics } from './margin';
import { PriceBook } from './prices';

export type UnitStatus = 'unchanged' | 'repurposed' | 'idle' | 'started' | 'standby';

export interface FlushedInventory extends Holdup {
  /** Value per kg of each species and the basis of that value. */
  value: number;
  /** Value lost: value × (1 − recovered). */
  lost: number;
  /** Disposal cost of what is not recovered. */
  disposal: number;
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
  /** kg flushed out of hold-ups. */
  flushedKg: number;
  items: SwitchoverItems;
  /** Everything but lost margin. */
  direct: number;
  total: number;
  /** Margin per hour used for the lost margin. */
  lostMarginRate: number;
  warnings: string[];
}

export interface SwitchoverInputs {
  /** Solved results of every mode involved, by mode name. */
  results: Readonly<Record<string, FlowsheetResults>>;
  /** Economics of every mode involved (for lost margin). */
  economics: Readonly<Record<string, ModeEconomics>>;
}

function why(a: ModeView, b: ModeView, unit: string): string[] {
  const ua = a.units[unit];
  const ub = b.units[unit];
  const reasons: string[] = [];
  if (ua.type !== ub.type) reasons.push(`type ${ua.type} → ${ub.type}`);
  else {
    const da = dutyOf(ua);
    const db = dutyOf(ub);
    const keys = [...new Set([...Object.keys(da), ...Object.keys(db)])].filter((k) => !deepEqual(da[k], db[k]));
    if (keys.length) reasons.push(`parameters differ: ${keys.join(', ')}`);
  }
  if (!deepEqual(connections(a, unit), connections(b, unit))) reasons.push('connections differ');
  return reasons;
}

const zeroItems = (): SwitchoverItems => ({ changeover: 0, cleaning: 0, inventory: 0, disposal: 0, lostMargin: 0 });

/** The switchover from mode `from` to mode `to`. */
export function switchover(doc: FlowsheetDoc, from: string, to: string, inputs: SwitchoverInputs): Switchover {
  const econ = economicsOf(doc);
  const a = viewOf(doc, from);
  const b = viewOf(doc, to);
  const same = from === to;
  const book = new PriceBook(doc, solverMode(from), unitPrices(a));
  const source = inputs.results[from];
  const recovered = econ.inventory?.recovered ?? 0;
  const disposalPerKg = econ.inventory?.disposalPerKg ?? 0;
  const warnings: string[] = [];

  const all = [...new Set([...Object.keys(a.units), ...Object.keys(b.units), ...a.idle, ...b.idle])];
  const units: UnitSwitch[] = [];
  const time = new Map<string, number>();
  for (const unit of all) {
    const inA = unit in a.units;
    const inB = unit in b.units;
    let status: UnitStatus;
    let reasons: string[] = [];
    if (inA && inB) {
      reasons = same ? [] : why(a, b, unit);
      status = reasons.length ? 'repurposed' : 'unchanged';
    } else if (inA) {
      status = 'idle';
      reasons = [`out of service in ${to}`];
    } else if (inB) {
      status = 'started';
      reasons = [`out of service in ${from}`];
    } else status = 'standby';
    const eqA = equipmentOf(a.units[unit]);
    const eqB = equipmentOf(b.units[unit]);
    const co = changeoverOf(eqA, eqB);
    const when = co.when ?? 'changed';
    const work = !same && when !== 'never' && (status === 'repurposed' || status === 'idle' || status === 'started' || (status === 'unchanged' && when === 'always'));
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
    };
    if (work) {
      for (const [agent, kg] of Object.entries(co.cleaning ?? {})) {
        const p = book.reagent(agent);
        if (!p && kg > 0) warnings.push(`cleaning agent ${agent} of unit "${unit}" has no price: counted as 0`);
        u.cleaning.push({ agent, kg, ...(p ? { price: p.value } : {}), cost: p ? kg * p.value : 0 });
      }
      u.cleaningCost = u.cleaning.reduce((s, c) => s + c.cost, 0);
      if (inA) {
        if (!source) throw new Error(`switchover ${from} → ${to}: the results of mode ${from} are needed`);
        const eq = Object.keys(eqA).length ? eqA : eqB;
        const h = holdupOf(eq, throughput(source, unit));
        if (h) {
          const kept = eq.holdup?.recovered ?? recovered;
          const lines = Object.entries(h.species).map(([species, kg]) => {
            const v = book.speciesValue(species);
            return { species, kg, pricePerKg: v.value, value: kg * v.value, basis: v.basis };
          });
          const value = lines.reduce((s, l) => s + l.value, 0);
          u.flushed = { ...h, value, lost: value * (1 - kept), disposal: h.kg * (1 - kept) * disposalPerKg, lines };
        }
      }
    }
    time.set(unit, u.time);
    units.push(u);
  }

  const anyWork = units.some((u) => u.work);
  // Precedence along the source mode's streams: they carry what is being flushed out. Units that
  // did not run in the source mode have no such edges: they are commissioned in parallel, from the start.
  const sched = schedule(all, flowEdges([a]), time);
  for (const u of units) {
    const t = sched.times.get(u.unit)!;
    u.start = t.start;
    u.finish = t.finish;
  }
  const plantTime = anyWork ? (econ.switchover?.time ?? 0) : 0;
  const plantCost = anyWork ? (econ.switchover?.cost ?? 0) : 0;
  const downtime = sched.length + plantTime;

  const basis = econ.switchover?.lostMargin ?? 'target';
  const rateOf = (m: string) => {
    const e = inputs.economics[m];
    if (!e) throw new Error(`switchover ${from} → ${to}: the economics of mode ${m} are needed`);
    return Math.max(0, e.perHour.margin);
  };
  const lostMarginRate = same || basis === 'none' ? 0 : rateOf(basis === 'source' ? from : to);

  const items = same
    ? zeroItems()
    : {
        changeover: units.reduce((s, u) => s + u.cost, 0) + plantCost,
        cleaning: units.reduce((s, u) => s + u.cleaningCost, 0),
        inventory: units.reduce((s, u) => s + (u.flushed?.lost ?? 0), 0),
        disposal: units.reduce((s, u) => s + (u.flushed?.disposal ?? 0), 0),
        lostMargin: downtime * lostMarginRate,
      };
  const direct = items.changeover + items.cleaning + items.inventory + items.disposal;
  return {
    from,
    to,
    currency: book.currency,
    units,
    downtime: same ? 0 : downtime,
    criticalPath: same ? [] : sched.critical,
    flushedKg: units.reduce((s, u) => s + (u.flushed?.kg ?? 0), 0),
    items,
    direct,
    total: direct + items.lostMargin,
    lostMarginRate,
    warnings,
  };
}

export interface SwitchoverMatrix {
  modes: string[];
  /** total[i][j]: switching from modes[i] to modes[j], lost margin included. */
  total: number[][];
  direct: number[][];
  downtime: number[][];
  detail: Switchover[][];
}

/** The switchover for every ordered pair of modes. */
export function switchoverMatrix(doc: FlowsheetDoc, inputs: SwitchoverInputs, modes: readonly string[] = modeNames(doc)): SwitchoverMatrix {
  const detail = modes.map((f) => modes.map((t) => switchover(doc, f, t, inputs)));
  return {
    modes: [...modes],
    total: detail.map((row) => row.map((s) => s.total)),
    direct: detail.map((row) => row.map((s) => s.direct)),
    downtime: detail.map((row) => row.map((s) => s.downtime)),
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
  for (const [m, v] of views) {
    for (const [id, decl] of Object.entries(v.units)) {
      const s = equipmentOf(decl).service;
      if (!Array.isArray(s) || !s.some((x) => modes.includes(x)) || seen.has(id)) continue;
      for (const mode of modes) {
        const runs = id in views.get(mode)!.units;
        if (runs !== s.includes(mode)) {
          out.push(`unit "${id}": equipment.service ${runs ? 'omits' : 'lists'} mode "${mode}", ${runs ? 'in which it runs' : 'in which it is out of service'}`);
        }
      }
      seen.add(id);
      void m;
    }
  }
  return out;
}
