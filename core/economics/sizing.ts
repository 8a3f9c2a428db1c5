/**
 * Sizing one unit in one solved mode: the equipment items it is costed as (design-defaults.ts
 * `DEFAULT_KINDS` by unit type, or `equipment.sizing.kind`) and the size of each, from the flows:
 *
 * - tanks, reactors, autoclaves, crystallisers: vessel volume = working volume ÷ fill; working
 *   volume = `sizing.volume`, else `holdup.volume`, else residence time × the volume flow the unit
 *   discharges (τ from `sizing.residenceTime`, `holdup.residenceTime`, or the default), else a
 *   hold-up mass ÷ its density;
 * - mixer-settlers: the cascade's working volume (as above, τ default 0.15 h × stages) in `stages`
 *   equal stages;
 * - filters: area = dry solids discharged (kg/h) ÷ filtration rate (× stages for a washer);
 * - evaporators: area = evaporation duty ÷ (U·ΔT);
 * - kilns: shell area π·D·L of a drum with L = 10·D holding the solids' residence volume at 12 % fill.
 */
import type { UnitDecl } from '../document';
import { correlation, type SizeUnit } from './correlations';
import { DEFAULT_KINDS, EVAPORATOR_DT, EVAPORATOR_U, FILL, FILTER_FLUX, KILN_LD, RESIDENCE_TIME } from './design-defaults';
import { estimateDuty } from './energy';
import { equipmentOf } from './equipment';
import type { UnitFlows } from './flows';
import type { EquipmentDecl } from './types';

export interface SizedItem {
  /** Key of the correlation. */
  kind: string;
  /** Size (all items together) in the correlation's unit. */
  size: number;
  unit: SizeUnit;
  /** Least number of items (stages of a cascade). */
  count: number;
  /** How the size was obtained. */
  basis: string;
  /** A volume from densities or a duty estimated, not from the results. */
  estimated: boolean;
}

export interface UnitSizing {
  items: SizedItem[];
  warnings: string[];
}

const fmt = (x: number) => Number(x.toPrecision(3)).toLocaleString('en-US');

/** The item kinds of a unit: `equipment.sizing.kind`, else by type; a trailing "?" means "only when a volume is given". */
function kindsOf(decl: UnitDecl): { kinds: string[]; declared: boolean } {
  const k = equipmentOf(decl).sizing?.kind;
  if (k === 'none') return { kinds: [], declared: true };
  if (k !== undefined) return { kinds: Array.isArray(k) ? [...k] : [k], declared: true };
  const byType = Object.prototype.hasOwnProperty.call(DEFAULT_KINDS, decl.type) ? DEFAULT_KINDS[decl.type] : undefined;
  return { kinds: byType ? [...byType] : [], declared: byType !== undefined };
}

interface Ctx {
  eq: EquipmentDecl;
  flows: UnitFlows;
  decl: UnitDecl;
  duty?: number;
}

/** Working volume, m³, with its basis; undefined when nothing gives one and `optional`. */
function workingVolume(kind: string, c: Ctx, optional: boolean): { m3: number; basis: string; fromFlow: boolean } | undefined {
  const s = c.eq.sizing ?? {};
  const h = c.eq.holdup ?? {};
  const q = c.flows.discharge.volume;
  const byFlow = (tau: number, what: string) => ({ m3: tau * q, basis: `${what} × ${fmt(q)} m³/h`, fromFlow: true });
  if (s.volume !== undefined) return { m3: s.volume, basis: `${fmt(s.volume)} m³ given`, fromFlow: false };
  if (s.residenceTime !== undefined) return byFlow(s.residenceTime, `${s.residenceTime} h`);
  if (h.volume !== undefined) return { m3: h.volume, basis: `hold-up ${fmt(h.volume)} m³`, fromFlow: false };
  if (h.residenceTime !== undefined) return byFlow(h.residenceTime, `${h.residenceTime} h`);
  if (h.mass !== undefined) return { m3: h.mass / (h.density ?? 1000), basis: `hold-up ${fmt(h.mass)} kg ÷ ${h.density ?? 1000} kg/m³`, fromFlow: false };
  if (optional) return undefined;
  const stages = kind === 'mixer-settler' ? stagesOf(c.decl) : 1;
  const tau = RESIDENCE_TIME[kind].value * stages;
  return byFlow(tau, `${fmt(tau)} h (default)`);
}

function stagesOf(decl: UnitDecl): number {
  const n = decl.stages;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 ? n : 1;
}

function fillOf(kind: string, eq: EquipmentDecl): number {
  return eq.sizing?.fill ?? (FILL[kind] ?? FILL.default).value;
}

function vessel(kind: string, c: Ctx, optional: boolean): SizedItem | undefined {
  const w = workingVolume(kind, c, optional);
  if (!w) return undefined;
  const fill = fillOf(kind, c.eq);
  const count = kind === 'mixer-settler' ? stagesOf(c.decl) : 1;
  const size = w.m3 / fill;
  const basis = `${w.basis}${fill !== 1 ? ` ÷ ${fill} fill` : ''}${count > 1 ? ` in ${count} stages` : ''}`;
  return { kind, size, unit: 'm³', count, basis, estimated: w.fromFlow && c.flows.discharge.volumeEstimated };
}

function filter(c: Ctx): SizedItem | undefined {
  const s = c.eq.sizing ?? {};
  const stages = c.decl.type === 'washer' ? stagesOf(c.decl) : 1;
  if (s.area !== undefined) return { kind: 'filter', size: s.area, unit: 'm²', count: 1, basis: `${fmt(s.area)} m² given`, estimated: false };
  const solids = c.flows.outlet.byPhase.get('s') ?? 0;
  if (solids <= 0) return undefined;
  const flux = s.flux ?? FILTER_FLUX.value;
  const size = (solids / flux) * stages;
  return { kind: 'filter', size, unit: 'm²', count: 1, basis: `${fmt(solids)} kg/h solids ÷ ${flux} kg/(m²·h)${stages > 1 ? ` × ${stages} stages` : ''}`, estimated: false };
}

function evaporator(c: Ctx): SizedItem | undefined {
  // An evaporator only where water is boiled off; it transfers the unit's whole duty when the energy balance gives one.
  const est = estimateDuty(c.flows, undefined);
  if (!(est.evaporation > 0)) return undefined;
  const kW = Math.max(c.duty ?? est.evaporation, 0);
  if (!(kW > 0)) return undefined;
  const s = c.eq.sizing ?? {};
  if (s.area !== undefined) return { kind: 'evaporator', size: s.area, unit: 'm²', count: 1, basis: `${fmt(s.area)} m² given`, estimated: false };
  const size = kW / (EVAPORATOR_U.value * EVAPORATOR_DT.value);
  return { kind: 'evaporator', size, unit: 'm²', count: 1, basis: `${fmt(kW)} kW ÷ (${EVAPORATOR_U.value} kW/(m²·K) × ${EVAPORATOR_DT.value} K)`, estimated: c.duty === undefined };
}

function kiln(c: Ctx): SizedItem | undefined {
  const s = c.eq.sizing ?? {};
  if (s.area !== undefined) return { kind: 'kiln', size: s.area, unit: 'm²', count: 1, basis: `${fmt(s.area)} m² shell given`, estimated: false };
  const solids = c.flows.discharge.volumeByPhase.get('s') || c.flows.inlet.volumeByPhase.get('s') || 0;
  if (solids <= 0) return undefined;
  const tau = s.residenceTime ?? RESIDENCE_TIME.kiln.value;
  const fill = fillOf('kiln', c.eq);
  const V = (solids * tau) / fill;
  const D = Math.cbrt((4 * V) / (Math.PI * KILN_LD.value));
  const size = Math.PI * D * KILN_LD.value * D;
  return { kind: 'kiln', size, unit: 'm²', count: 1, basis: `${fmt(solids)} m³/h solids × ${tau} h ÷ ${fill} fill = ${fmt(V)} m³, D ${fmt(D)} m × L ${fmt(KILN_LD.value * D)} m`, estimated: c.flows.discharge.volumeEstimated };
}

function itemFor(kind: string, c: Ctx): SizedItem | undefined {
  const optional = kind.endsWith('?');
  const k = optional ? kind.slice(0, -1) : kind;
  if (k === 'filter') return filter(c);
  if (k === 'evaporator') return evaporator(c);
  if (k === 'kiln') return kiln(c);
  return vessel(k, c, optional);
}

/** The sized items of one unit in one solved mode; `duty` is its energy-balance duty when the results carry one. */
export function sizeUnit(id: string, decl: UnitDecl, flows: UnitFlows | undefined, duty?: number): UnitSizing {
  const { kinds, declared } = kindsOf(decl);
  const warnings: string[] = [];
  if (!declared) warnings.push(`unit "${id}" (type ${decl.type}) is not sized: give equipment.sizing.kind (or "none")`);
  if (!flows || !kinds.length) return { items: [], warnings };
  const c: Ctx = { eq: equipmentOf(decl), flows, decl, ...(duty !== undefined ? { duty } : {}) };
  const items: SizedItem[] = [];
  for (const kind of kinds) {
    const key = kind.replace(/\?$/, '');
    if (!correlation(key)) {
      warnings.push(`unit "${id}": equipment.sizing.kind "${key}" is not a correlation of core/economics/correlations.ts`);
      continue;
    }
    const item = itemFor(kind, c);
    if (item && item.size > 0) items.push(item);
  }
  return { items, warnings };
}
