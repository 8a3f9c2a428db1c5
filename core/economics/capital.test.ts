import { describe, expect, it } from 'vitest';
import type { FlowsheetDoc } from '../document';
import { capitalEstimate, sharingComparison } from './capital';
import { baseCost, correlation, itemCost, vesselPressureFactor } from './correlations';
import { fakeResults } from './test-helpers';

const species: FlowsheetDoc['species'] = { 'H2O(l)': {}, 'SiO2(s)': {}, 'CuSO4(aq)': {}, 'H2O(g)': {} };

/** A feed, a leach tank (2 h hold-up) with its filter, a crystalliser that boils water off, two products. */
function plant(): FlowsheetDoc {
  return {
    format: 'flexsheet/1',
    name: 'sizing fixture',
    basis: 'kg/h',
    species,
    units: {
      ore: { type: 'feed', flows: {} },
      leach: { type: 'leach', reactions: [], equipment: { holdup: { residenceTime: 2 } } },
      cryst: { type: 'crystallizer', reactions: [], equipment: { sizing: { residenceTime: 3 } } },
      residue: { type: 'product' },
      crystals: { type: 'product' },
      vapour: { type: 'product' },
    },
    streams: {},
    modes: { a: { units: {} }, b: { units: {} } },
    economics: { capital: { cepci: 797.9 } },
  };
}

/** Leach discharges `water` kg/h of liquor and `solids` kg/h of residue; the crystalliser evaporates `steam` kg/h. */
function results(water: number, solids: number, steam: number) {
  return fakeResults(species, {
    s1: { from: 'ore.out', to: 'leach.in', kg: { 'SiO2(s)': solids, 'H2O(l)': water } },
    s2: { from: 'leach.residue', to: 'residue.in', kg: { 'SiO2(s)': solids } },
    s3: { from: 'leach.liquor', to: 'cryst.in', kg: { 'H2O(l)': water } },
    s4: { from: 'cryst.motherLiquor', to: 'crystals.in', kg: { 'H2O(l)': water - steam } },
    s5: { from: 'cryst.vapour', to: 'vapour.in', kg: { 'H2O(g)': steam } },
  });
}

const idx = 797.9 / 397;

describe('equipment costed by Turton correlations, by hand', () => {
  it('sizes the leach tank from its residence time and costs it as a jacketed agitated reactor', () => {
    // Liquor 10,000 kg/h + residue 500 kg/h leave the leach: 10 m³/h at 1000 kg/m³ + 0.2 m³/h at 2500 kg/m³.
    // Working volume 2 h × 10.2 m³/h = 20.4 m³; vessel 20.4 / 0.8 fill = 25.5 m³ (within 0.1–35 m³).
    const cap = capitalEstimate(plant(), { a: results(10000, 500, 0) }, { modes: ['a'] });
    const tank = cap.units.find((u) => u.unit === 'leach')!.items.find((i) => i.kind === 'agitated-tank')!;
    expect(tank.size).toBeCloseTo(25.5, 10);
    // log10 Cp° = 4.1052 + 0.5320·log10 25.5 − 0.0005·(log10 25.5)², at CEPCI 397; × 797.9/397; F_BM 4.0.
    const l = Math.log10(25.5);
    const cp = 10 ** (4.1052 + 0.532 * l - 0.0005 * l * l) * idx;
    expect(tank.purchased).toBeCloseTo(cp, 6);
    expect(tank.purchased).toBeGreaterThan(140000);
    expect(tank.purchased).toBeLessThan(150000);
    expect(tank.installed).toBeCloseTo(4 * cp, 6);
    expect(tank.estimated).toBe(true); // volumes from densities: the fake results carry no volume flows
  });

  it('sizes the filter from the solids and the filtration rate', () => {
    // 500 kg/h of residue ÷ 100 kg/(m²·h) = 5 m² disc-and-drum filter; F_BM 1.65.
    const cap = capitalEstimate(plant(), { a: results(10000, 500, 0) }, { modes: ['a'] });
    const f = cap.units.find((u) => u.unit === 'leach')!.items.find((i) => i.kind === 'filter')!;
    expect(f.size).toBeCloseTo(5, 12);
    const l = Math.log10(5);
    const cp = 10 ** (4.8123 + 0.2858 * l + 0.042 * l * l) * idx;
    expect(f.purchased).toBeCloseTo(cp, 6);
    expect(f.installed).toBeCloseTo(1.65 * cp, 6);
  });

  it('sizes the evaporator from the latent heat when the results carry no duties', () => {
    // 8,000 kg/h boiled off × 2256.4 kJ/kg ÷ 3600 = 5014.2 kW; ÷ (2 kW/(m²·K) × 20 K) = 125.36 m².
    const cap = capitalEstimate(plant(), { a: results(10000, 500, 8000) }, { modes: ['a'] });
    const ev = cap.units.find((u) => u.unit === 'cryst')!.items.find((i) => i.kind === 'evaporator')!;
    expect(ev.size).toBeCloseTo((8000 * 2256.4) / 3600 / 40, 9);
    const l = Math.log10(ev.size);
    expect(ev.installed).toBeCloseTo(2.93 * 10 ** (5.0238 + 0.3475 * l + 0.0703 * l * l) * idx, 4);
  });

  it('adds up installed costs, contingency and fee, and auxiliary facilities (Turton grassroots)', () => {
    const cap = capitalEstimate(plant(), { a: results(10000, 500, 8000) }, { modes: ['a'] });
    const cbm = cap.units.reduce((s, u) => s + u.items.reduce((t, i) => t + i.installed, 0), 0);
    expect(cap.installed).toBeCloseTo(cbm, 6);
    expect(cap.totalModule).toBeCloseTo(1.18 * cbm, 6);
    // Every item is carbon steel at atmospheric pressure: C°_BM = C_BM.
    expect(cap.fixedCapital).toBeCloseTo(1.18 * cbm + 0.5 * cbm, 6);
  });

  it('builds a shared unit for the largest duty over its modes, and compares with dedicated plants', () => {
    // Mode a: 10 m³/h of liquor; mode b: 20 m³/h. The shared tank is sized by b.
    const res = { a: results(10000, 500, 0), b: results(20000, 200, 0) };
    const shared = capitalEstimate(plant(), res);
    const tank = shared.units.find((u) => u.unit === 'leach')!.items.find((i) => i.kind === 'agitated-tank')!;
    expect(tank.sizedBy).toBe('b');
    expect(tank.size).toBeCloseTo((2 * (20 + 0.08)) / 0.8, 10);
    // The filter is sized by a (more solids).
    expect(shared.units.find((u) => u.unit === 'leach')!.items.find((i) => i.kind === 'filter')!.sizedBy).toBe('a');
    const cmp = sharingComparison(plant(), res);
    expect(cmp.saving).toBeCloseTo(cmp.dedicated.a.fixedCapital + cmp.dedicated.b.fixedCapital - shared.fixedCapital, 6);
    expect(cmp.saving).toBeGreaterThan(0);
  });

  it('takes volume flows and duties from the results when they carry them (FORMAT.md results of the additions)', () => {
    const r = results(10000, 500, 8000);
    // The energy and volume additions: the leach liquor is 9.2 m³/h (a brine denser than water), the residue 0.18 m³/h; the crystalliser's duty 6000 kW.
    (r.streams.s2 as { volumeFlow?: object }).volumeFlow = { s: 0.18 };
    (r.streams.s3 as { volumeFlow?: object }).volumeFlow = { aq: 9.2 };
    const withDuties = { ...r, duties: { cryst: 6000 } };
    const cap = capitalEstimate(plant(), { a: withDuties }, { modes: ['a'] });
    const tank = cap.units.find((u) => u.unit === 'leach')!.items.find((i) => i.kind === 'agitated-tank')!;
    expect(tank.size).toBeCloseTo((2 * (9.2 + 0.18)) / 0.8, 12);
    expect(tank.estimated).toBe(false);
    const ev = cap.units.find((u) => u.unit === 'cryst')!.items.find((i) => i.kind === 'evaporator')!;
    expect(ev.size).toBeCloseTo(6000 / 40, 12);
    expect(ev.estimated).toBe(false);
  });

  it('splits a size above the range into parallel items and costs a small one at the range minimum', () => {
    const c = correlation('agitated-tank')!;
    const big = itemCost(c, 80, idx * 397, 4);
    expect(big.count).toBe(3); // ⌈80 / 35⌉
    expect(big.purchased).toBeCloseTo(3 * baseCost(c, 80 / 3) * idx, 6);
    const small = itemCost(c, 0.01, idx * 397, 4);
    expect(small.belowRange).toBe(true);
    expect(small.purchased).toBeCloseTo(baseCost(c, 0.1) * idx, 9);
  });

  it("applies Turton's ASME pressure factor to vessels", () => {
    // 10 barg, D = 2 m: t = 11 × 2 / (2 × (850 − 6.6)) + 0.00315 = 0.016192 m; F_P = t / 0.0063 = 2.5702.
    expect(vesselPressureFactor(10, 2)).toBeCloseTo((11 * 2) / (2 * (850 - 0.6 * 11)) / 0.0063 + 0.5, 9);
    expect(vesselPressureFactor(0, 1)).toBe(1);
    expect(vesselPressureFactor(-0.9, 1)).toBe(1.25);
  });
});
