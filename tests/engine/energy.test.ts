/** The energy balance (issue 12) against the steam tables, NIST heats of formation and hand calculations. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FlowsheetDoc } from '../../core';
import { buildPlant, plantSpec, renamed } from '../support/random-plant';
import { doc, solveDoc } from '../support/solve';

const M_WATER = 2 * 1.008 + 15.999;

/** 800 kg/h of water evaporated at 100 °C from water fed at 100 °C (an evaporator holding 100 °C). */
function evaporator(species: FlowsheetDoc['species']): FlowsheetDoc {
  return doc({
    basis: 'kg/h',
    species,
    units: {
      feed: { type: 'feed', flows: { 'H2O(l)': 1000 }, T: 100 },
      evap: { type: 'reactor', T: 100, reactions: [{ equation: 'H2O(l) -> H2O(g)', key: 'H2O(l)', conversion: 0.8 }] },
      out: { type: 'product' },
    },
    streams: { a: { from: 'feed.out', to: 'evap.in' }, b: { from: 'evap.out', to: 'out.in' } },
  });
}

describe('energy balance', () => {
  it('800 kg/h of water evaporated at 100 °C: 501.4 kW (steam tables, 2,256.4 kJ/kg), within 1 % with the built-in data', () => {
    const { results } = solveDoc(evaporator({ 'H2O(l)': {}, 'H2O(g)': {} }));
    // 800 kg/h × 2,256.4 kJ/kg = 1,805.1 MJ/h = 501.4 kW.
    const steamTables = (800 * 2256.4) / 3600;
    expect(steamTables).toBeCloseTo(501.4, 1);
    expect(Math.abs(results.duties!.evap / steamTables - 1)).toBeLessThanOrEqual(0.01);
  });

  it('… and exactly with the data written here: Hf and constant cp chosen to give 2,256.4 kJ/kg at 100 °C', () => {
    const cpL = 75.3;
    const cpG = 33.6;
    // h_g(100 °C) − h_l(100 °C) = (Hf_g − Hf_l) + (cp_g − cp_l)·75 K / 1000 = 2,256.4 kJ/kg × M/1000.
    const HfG = -285.83 + (2256.4 * M_WATER) / 1000 - ((cpG - cpL) * 75) / 1000;
    const { results } = solveDoc(evaporator({ 'H2O(l)': { Hf: -285.83, cp: cpL }, 'H2O(g)': { Hf: HfG, cp: cpG } }));
    expect(results.duties!.evap).toBeCloseTo((800 * 2256.4) / 3600, 9);
  });

  it('626 kg/h Fe to Fe2O3 at 25 °C with O2 dosed: −(626/55.845)/2 × 824.2 MJ/kmol = −4,619 MJ/h = −1,283 kW (NIST ΔfH°)', () => {
    const { results } = solveDoc(
      doc({
        basis: 'kg/h',
        species: { 'Fe(s)': {}, 'O2(g)': {}, 'Fe2O3(s)': {} },
        units: {
          scrap: { type: 'feed', flows: { 'Fe(s)': 626 } },
          roast: { type: 'reactor', T: 25, reactions: [{ equation: '4 Fe(s) + 3 O2(g) -> 2 Fe2O3(s)', key: 'Fe(s)', conversion: 1 }], reagents: { 'O2(g)': {} } },
          calcine: { type: 'product' },
        },
        streams: { a: { from: 'scrap.out', to: 'roast.in' }, b: { from: 'roast.out', to: 'calcine.in' } },
      }),
    );
    const expected = (-(626 / 55.845) / 2) * 824.2 / 3.6;
    expect(expected).toBeCloseTo(-1283, 0);
    expect(results.duties!.roast).toBeCloseTo(expected, 6);
    expect(results.heatBalance!.reactions).toBeCloseTo(-expected, 6);
  });

  it('adiabatic mixing of 1,000 kg/h of water at 80 °C with 3,000 kg/h at 20 °C: 35 °C (constant cp)', () => {
    const { results } = solveDoc(
      doc({
        basis: 'kg/h',
        species: { 'H2O(l)': { Hf: -285.83, cp: 75.3 } },
        units: {
          hot: { type: 'feed', flows: { 'H2O(l)': 1000 }, T: 80 },
          cold: { type: 'feed', flows: { 'H2O(l)': 3000 }, T: 20 },
          mix: { type: 'mixer' },
          out: { type: 'product' },
        },
        streams: { a: { from: 'hot.out', to: 'mix.in' }, b: { from: 'cold.out', to: 'mix.in' }, c: { from: 'mix.out', to: 'out.in' } },
      }),
    );
    // (1,000 × 80 + 3,000 × 20) / 4,000 = 35 °C.
    expect(results.streams.c.T).toBeCloseTo(35, 10);
  });

  it('an adiabatic slaker heats its water by the heat of reaction (hand calculation, constant cp)', () => {
    // CaO(s) + H2O(l) -> Ca(OH)2(s), ΔH = −986.09 − (−634.92 − 285.83) = −65.34 kJ/mol at 25 °C (NIST).
    // 1 kmol/h CaO in 50 kmol/h water at 25 °C, all slaked: 65.34 MJ/h heat 49 kmol/h water (75.3 J/(mol·K))
    // and 1 kmol/h Ca(OH)2 (87.5 J/(mol·K)): ΔT = 65,340 / (49 × 75.3 + 87.5) kJ/(kmol… ) = 17.29 K.
    const { results } = solveDoc(
      doc({
        species: { 'CaO(s)': { Hf: -634.92, cp: 42.0 }, 'H2O(l)': { Hf: -285.83, cp: 75.3 }, 'Ca(OH)2(s)': { Hf: -986.09, cp: 87.5 } },
        units: {
          lime: { type: 'feed', flows: { 'CaO(s)': 1 } },
          water: { type: 'feed', flows: { 'H2O(l)': 50 } },
          slaker: { type: 'reactor', reactions: [{ equation: 'CaO(s) + H2O(l) -> Ca(OH)2(s)', key: 'CaO(s)', conversion: 1 }] },
          out: { type: 'product' },
        },
        streams: { a: { from: 'lime.out', to: 'slaker.in' }, b: { from: 'water.out', to: 'slaker.in' }, c: { from: 'slaker.out', to: 'out.in' } },
      }),
    );
    const dT = 65.34e3 / (49 * 75.3 + 87.5);
    expect(results.streams.c.T).toBeCloseTo(25 + dT, 8);
  });

  it('leaves the energy out and names the species when one that flows has no enthalpy data; the mass balance still solves', () => {
    const { results } = solveDoc(
      doc({
        species: { 'H2O(l)': {}, 'Unobtainium(s)': { formula: 'U2Xe' } },
        units: { feed: { type: 'feed', flows: { 'H2O(l)': 10, 'Unobtainium(s)': 1 } }, mix: { type: 'mixer' }, out: { type: 'product' } },
        streams: { a: { from: 'feed.out', to: 'mix.in' }, b: { from: 'mix.out', to: 'out.in' } },
      }),
    );
    expect(results.energyMissing).toEqual(['Unobtainium(s)']);
    expect(results.duties).toBeUndefined();
    expect(results.streams.b.massFlow['H2O(l)']).toBeGreaterThan(0);
  });

  it('random plants with data: Σ duties + heat in = heat out to 1e-9, and duties do not change when ids are renamed', () => {
    fc.assert(
      fc.property(plantSpec, fc.array(fc.nat(1000), { minLength: 1, maxLength: 30 }), fc.double({ min: 30, max: 90, noNaN: true }), (spec, order, T) => {
        const plant = buildPlant(spec);
        (plant.units.leach0 as { T?: number }).T = T;
        const { results } = solveDoc(plant);
        const hb = results.heatBalance!;
        const scale = Math.abs(hb.feeds) + Math.abs(hb.reactions) + Math.abs(hb.duties) + Math.abs(hb.products) + 1e-9;
        expect(Math.abs(hb.feeds + hb.reactions + hb.duties - hb.products)).toBeLessThanOrEqual(1e-9 * scale);
        const other = renamed(plant, order);
        const moved = solveDoc(other.doc).results;
        for (const [u, q] of Object.entries(results.duties!)) expect(moved.duties![other.unitName(u)]).toBeCloseTo(q, 6);
      }),
      { numRuns: 25 },
    );
  });
});

describe('specifications on temperature and duty', () => {
  const water = { Hf: -285.83, cp: 75.3 };
  const steam = { Hf: -241.83, cp: 33.6 };

  it('the steam that holds a leach at 90 °C (hand calculation with constant cp)', () => {
    // Per kmol steam at 150 °C condensed to water at 90 °C: (−241.83 + 33.6 × 0.125) − (−285.83 + 75.3 × 0.065)
    // = 43.3055 MJ; 1,000 kg/h water from 25 to 90 °C: 1000/18.015 × 75.3 × 0.065 = 271.69 MJ/h → 6.2738 kmol/h.
    const perKmol = -241.83 + 33.6 * 0.125 - (-285.83 + 75.3 * 0.065);
    const needed = (1000 / M_WATER) * 75.3 * 0.065;
    const { results } = solveDoc(
      doc({
        basis: 'kg/h',
        species: { 'H2O(l)': water, 'H2O(g)': steam },
        units: {
          water: { type: 'feed', flows: { 'H2O(l)': 1000 } },
          steam: { type: 'feed', flows: { 'H2O(g)': 50 }, T: 150 },
          leach: { type: 'reactor', reactions: [{ equation: 'H2O(g) -> H2O(l)', key: 'H2O(g)', conversion: 1 }] },
          out: { type: 'product' },
        },
        streams: { a: { from: 'water.out', to: 'leach.in' }, b: { from: 'steam.out', to: 'leach.in' }, c: { from: 'leach.out', to: 'out.in' } },
        specs: { hot: { target: { stream: 'c', quantity: 'T', value: 90 }, adjust: { unit: 'steam', param: ['flows', 'H2O(g)'], min: 0, max: 1000 } } },
      }),
    );
    expect(results.streams.c.T).toBeCloseTo(90, 9);
    expect(results.specs!.hot.value).toBeCloseTo((needed / perKmol) * M_WATER, 6);
  });

  it("a unit's duty held by its feed: half the 501.4 kW evaporator takes 500 kg/h", () => {
    const cpL = 75.3;
    const cpG = 33.6;
    const HfG = -285.83 + (2256.4 * M_WATER) / 1000 - ((cpG - cpL) * 75) / 1000;
    const plant = evaporator({ 'H2O(l)': { Hf: -285.83, cp: cpL }, 'H2O(g)': { Hf: HfG, cp: cpG } });
    plant.specs = { half: { target: { unit: 'evap', quantity: 'duty', value: (0.8 * 500 * 2256.4) / 3600 }, adjust: { unit: 'feed', param: ['flows', 'H2O(l)'] } } };
    const { results } = solveDoc(plant);
    expect(results.specs!.half.value).toBeCloseTo(500, 8);
    expect(results.duties!.evap).toBeCloseTo((0.8 * 500 * 2256.4) / 3600, 8);
  });
});
