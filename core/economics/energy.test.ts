import { describe, expect, it } from 'vitest';
import type { FlowsheetDoc } from '../document';
import { modeEconomics } from './margin';
import { fakeResults } from './test-helpers';

const species: FlowsheetDoc['species'] = { 'H2O(l)': {}, 'H2O(g)': {}, 'NaCl(aq)': {} };

function plant(energy?: object): FlowsheetDoc {
  return {
    format: 'flexsheet/1',
    name: 'evaporator',
    basis: 'kg/h',
    species,
    units: { brine: { type: 'feed', flows: {} }, evap: { type: 'crystallizer', reactions: [] }, cooler: { type: 'mixer', T: 30 }, salt: { type: 'product' }, vapour: { type: 'product' } },
    streams: {},
    economics: { prices: { products: { salt: 1 }, disposal: { vapour: 0 }, reagents: { 'H2O(l)': 0, 'NaCl(aq)': 0 } }, ...(energy ? { energy } : {}) },
  };
}

/** 1000 kg/h of brine; the evaporator boils 800 kg/h of water off; the rest is cooled and sold. */
function results(duties?: Record<string, number>) {
  const r = fakeResults(species, {
    s1: { from: 'brine.out', to: 'evap.in', kg: { 'H2O(l)': 900, 'NaCl(aq)': 100 } },
    s2: { from: 'evap.vapour', to: 'vapour.in', kg: { 'H2O(g)': 800 } },
    s3: { from: 'evap.liquor', to: 'cooler.in', kg: { 'H2O(l)': 100, 'NaCl(aq)': 100 } },
    s4: { from: 'cooler.out', to: 'salt.in', kg: { 'H2O(l)': 100, 'NaCl(aq)': 100 } },
  });
  return duties ? { ...r, duties } : r;
}

const gas = (u: { utilities: { name: string; amountPerHour: number; costPerHour: number }[] }, name: string) => u.utilities.find((x) => x.name === name)!;

describe('utilities from energy duties', () => {
  it('buys the energy balance’s duties: heat as natural gas through the boiler, heat removed as cooling water', () => {
    const e = modeEconomics(plant(), '(base)', results({ evap: 1000, cooler: -500 }));
    // 1000 kW × 3.6 MJ/kWh ÷ 0.85 ÷ 1.055 MJ/ft³ = 4014.5 ft³/h at 0.00453 $/ft³.
    expect(gas(e, 'naturalGas').amountPerHour).toBeCloseTo((1000 * 3.6) / 0.85 / 1.055, 9);
    expect(gas(e, 'naturalGas').costPerHour).toBeCloseTo(((1000 * 3.6) / 0.85 / 1.055) * 0.00453, 9);
    // 500 kW removed: 1.8 GJ/h × 0.378 $/GJ (Turton 5th ed.).
    expect(gas(e, 'coolingWater').amountPerHour).toBeCloseTo(1.8, 12);
    expect(gas(e, 'coolingWater').costPerHour).toBeCloseTo(1.8 * 0.378, 12);
    expect(e.dutiesFromBalance).toBe(true);
    expect(e.warnings.some((w) => w.startsWith('energy duties estimated'))).toBe(false);
  });

  it('estimates the evaporation duty from the latent heat when the results carry no energy balance, and says so', () => {
    const e = modeEconomics(plant(), '(base)', results());
    // 800 kg/h × 2256.4 kJ/kg ÷ 3600 = 501.42 kW (the chemistry review's acceptance test);
    // the cooler's T of 30 °C asks 200 kg/h × 4.18 kJ/(kg·K) × (30 − 25) ÷ 3600 = 1.161 kW more.
    const line = gas(e, 'naturalGas') as unknown as { duties: { unit: string; duty: number }[] };
    expect(line.duties.find((d) => d.unit === 'evap')!.duty).toBeCloseTo((800 * 2256.4) / 3600, 9);
    expect(line.duties.find((d) => d.unit === 'cooler')!.duty).toBeCloseTo((200 * 4.18 * 5) / 3600, 9);
    expect(e.dutiesFromBalance).toBe(false);
    expect(e.warnings).toContain('energy duties estimated from the flows (the results carry no energy balance): evaporation latent heat and heating to each unit’s T');
  });

  it('divides evaporation by the evaporator economy of a multi-effect or MVR design', () => {
    const single = gas(modeEconomics(plant(), '(base)', results()), 'naturalGas');
    const triple = modeEconomics(plant({ units: { evap: { economy: 3 } } }), '(base)', results());
    const evap = (800 * 2256.4) / 3600;
    expect(gas(triple, 'naturalGas').amountPerHour).toBeCloseTo(single.amountPerHour - ((evap * 3.6) / 0.85 / 1.055) * (2 / 3), 9);
  });
});
