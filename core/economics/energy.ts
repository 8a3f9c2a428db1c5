/**
 * Utilities from energy duties. Each unit's duty Q (kW, > 0 when heat must be supplied) comes from
 * the energy balance (`results.duties`) or, when the results carry none, from an estimate on the
 * solved flows (said so in every line):
 *
 *   - evaporation: Q = (kg/h of H2O(g) leaving − entering) × 2256.4 kJ/kg ÷ 3600, the latent heat of
 *     water at 100 °C and 101.325 kPa (steam tables; the chemistry review's acceptance test);
 *   - heating to the unit's `T` (°C): Q = Σ_inlets kg/h × c_p × (T − T_in) ÷ 3600, with T_in the
 *     stream's `T` or 25 °C, c_p 4.18 kJ/(kg·K) for aq and l (water), 2.0 for org, 1.0 for s and g
 *     (Flexsheet assumptions).
 *
 * Heat is bought as `heating.utility` (default natural gas at 1.055 MJ/ft³, i.e. 1000 Btu/ft³,
 * burnt at 85 % efficiency in a boiler or burner — an assumption, the figure the chemistry review
 * uses), divided by the evaporator economy for evaporation duties (kg water per kg steam; default 1,
 * single effect). Heat removed (Q < 0) is bought as `cooling.utility` (default cooling water per GJ).
 */
import type { FlowsheetResults } from '../results';
import { unitFlows, resultDuty, hasDuties, type UnitFlows } from './flows';
import type { EnergyDecl, HeatSupplyDecl } from './types';

const LATENT_HEAT_WATER = 2256.4; // kJ/kg at 100 °C (steam tables)
const CP: Readonly<Record<string, number>> = { aq: 4.18, l: 4.18, org: 2.0, s: 1.0, g: 1.0 }; // kJ/(kg·K), assumptions
const T_REF = 25;

/** Default heat supply: natural gas, 1.055 MJ/ft³ (1000 Btu/ft³), 85 % efficiency, single effect. */
const DEFAULT_HEATING: Required<Omit<HeatSupplyDecl, 'notes'>> = { utility: 'naturalGas', energyPerUnit: 1.055, efficiency: 0.85, economy: 1 };
/** Default cooling: cooling water priced per GJ removed. */
const DEFAULT_COOLING = { utility: 'coolingWater', energyPerUnit: 1000 };

export interface DutyEstimate {
  kW: number;
  /** Of which evaporation, kW. */
  evaporation: number;
  basis: string;
}

/** Estimated duty of one unit from its flows and its `T` parameter (see the module comment). */
export function estimateDuty(flows: UnitFlows, T: number | undefined): DutyEstimate {
  const vap = (flows.outlet.species.get('H2O(g)') ?? 0) - (flows.inlet.species.get('H2O(g)') ?? 0);
  const evaporation = vap > 0 ? (vap * LATENT_HEAT_WATER) / 3600 : 0;
  let sensible = 0;
  if (T !== undefined) {
    const tin = flows.inlet.T ?? T_REF;
    for (const [ph, kg] of flows.inlet.byPhase) sensible += (kg * (CP[ph] ?? 1) * (T - tin)) / 3600;
  }
  const parts: string[] = [];
  if (evaporation > 0) parts.push(`${round(vap)} kg/h water evaporated × 2256.4 kJ/kg`);
  if (sensible !== 0) parts.push(`inlets heated to ${T} °C`);
  return { kW: evaporation + sensible, evaporation, basis: parts.length ? `estimate: ${parts.join(' + ')}` : 'estimate: no heating' };
}

const round = (x: number) => Number(x.toPrecision(4)).toLocaleString('en-US');

export interface EnergyLine {
  unit: string;
  /** kW, > 0 supplied, < 0 removed. */
  duty: number;
  basis: string;
  utility: string;
  /** Units of utility per operating hour. */
  amount: number;
}

export interface EnergyUse {
  lines: EnergyLine[];
  /** True when the duties came from the energy balance, false when estimated. */
  fromBalance: boolean;
}

function supplyFor(energy: EnergyDecl, unit: string): Required<Omit<HeatSupplyDecl, 'notes'>> {
  const u = energy.units && Object.prototype.hasOwnProperty.call(energy.units, unit) ? energy.units[unit] : undefined;
  return { ...DEFAULT_HEATING, ...stripUndefined(energy.heating ?? {}), ...stripUndefined(u ?? {}) } as Required<Omit<HeatSupplyDecl, 'notes'>>;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([k, v]) => v !== undefined && k !== 'notes')) as Partial<T>;
}

/** Utility bought per hour for one duty (MJ/h = kW × 3.6). */
function utilityAmount(duty: number, evaporation: number, supply: Required<Omit<HeatSupplyDecl, 'notes'>>, cooling: { energyPerUnit: number }): number {
  if (duty < 0) return (-duty * 3.6) / cooling.energyPerUnit;
  const evap = Math.min(duty, Math.max(0, evaporation));
  const mj = ((duty - evap) * 3.6 + (evap * 3.6) / supply.economy) / supply.efficiency;
  return mj / supply.energyPerUnit;
}

/** The energy lines of one solved mode: every unit with a duty (given or estimated). */
export function energyUse(results: FlowsheetResults, units: Readonly<Record<string, object>>, energy: EnergyDecl = {}): EnergyUse {
  const fromBalance = hasDuties(results);
  if (!fromBalance && energy.estimate === false) return { lines: [], fromBalance };
  const flows = unitFlows(results);
  const cooling = { ...DEFAULT_COOLING, ...stripUndefined(energy.cooling ?? {}) };
  const lines: EnergyLine[] = [];
  for (const [unit, decl] of Object.entries(units)) {
    const f = flows.get(unit);
    if (!f) continue;
    const t = (decl as { T?: unknown } | null)?.T;
    const T = typeof t === 'number' ? t : undefined;
    const est = estimateDuty(f, T);
    const given = resultDuty(results, unit);
    const duty = fromBalance ? (given ?? 0) : est.kW;
    if (duty === 0) continue;
    const supply = supplyFor(energy, unit);
    const evaporation = fromBalance ? Math.min(duty, est.evaporation) : est.evaporation;
    const utility = duty > 0 ? supply.utility : cooling.utility;
    lines.push({ unit, duty, basis: fromBalance ? 'energy balance' : est.basis, utility, amount: utilityAmount(duty, evaporation, supply, cooling) });
  }
  return { lines, fromBalance };
}
