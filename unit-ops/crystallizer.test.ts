import { describe, expect, it } from 'vitest';
import { run, worstImbalance } from './composite.test-helpers';
import type { FlowsheetDoc } from '../core';
import { doc } from '../tests/support/solve';
import { parseSpeciesId } from '../core/chemistry';

/** A crystallizer on one feed; its crystals, mother liquor and vapour leave as products (streams xs, ml, vap). */
function onFeed(species: FlowsheetDoc['species'], flows: Record<string, number>, cryst: Record<string, unknown>, basis: FlowsheetDoc['basis'] = 'kmol/h') {
  return doc({
    basis,
    species,
    units: { feed: { type: 'feed', flows }, cryst: { type: 'crystallizer', ...cryst }, salt: { type: 'product' }, ml: { type: 'product' }, steam: { type: 'product' } },
    streams: {
      s1: { from: 'feed.out', to: 'cryst.in' },
      xs: { from: 'cryst.crystals', to: 'salt.in' },
      ml: { from: 'cryst.motherLiquor', to: 'ml.in' },
      vap: { from: 'cryst.vapour', to: 'steam.in' },
    },
  });
}

describe('crystallizer', () => {
  it('crystallises the hexahydrate, evaporates water and splits crystals, mother liquor and vapour (hand calculation)', () => {
    const { r, n } = run(
      onFeed(
        { 'NiSO4(aq)': {}, 'H2O(l)': {}, 'H2O(g)': {}, 'NiSO4·6H2O(s)': {} },
        { 'NiSO4(aq)': 10, 'H2O(l)': 500 },
        {
          reactions: [
            { equation: 'NiSO4(aq) + 6 H2O(l) -> NiSO4·6H2O(s)', key: 'NiSO4(aq)', conversion: 0.7 },
            { equation: 'H2O(l) -> H2O(g)', key: 'H2O(l)', conversion: 0.5 },
          ],
          entrainment: 0.02,
        },
      ),
    );
    // 7 kmol/h hydrate uses 42 water; 458 left, half evaporates: 229 vapour, 229 liquor
    expect(n('xs', 'NiSO4·6H2O(s)')).toBeCloseTo(7, 10);
    expect(n('vap', 'H2O(g)')).toBeCloseTo(229, 9);
    expect(n('xs', 'H2O(l)')).toBeCloseTo(0.02 * 229, 9);
    expect(n('ml', 'H2O(l)')).toBeCloseTo(0.98 * 229, 9);
    expect(n('ml', 'NiSO4(aq)')).toBeCloseTo(0.98 * 3, 10);
    expect(worstImbalance(r)).toBeLessThan(1e-12);
  });
});

/**
 * The CoSO4·7H2O crystalliser of the chemistry review (§5 item 5): CoSO4 in water, half the water
 * evaporated first, then crystallisation limited by the solubility s (g CoSO4 per 100 g water).
 */
function coso4(kgCoSO4: number, kgWater: number, crystallise: Record<string, number | string>) {
  return onFeed(
    { 'CoSO4(aq)': {}, 'H2O(l)': {}, 'H2O(g)': {}, 'CoSO4·7H2O(s)': {} },
    { 'CoSO4(aq)': kgCoSO4, 'H2O(l)': kgWater },
    {
      // Held at 25 °C (vacuum evaporation): the table's temperature, and its duty is reported.
      T: 25,
      reactions: [
        { equation: 'H2O(l) -> H2O(g)', key: 'H2O(l)', conversion: 0.5 },
        { equation: 'CoSO4(aq) + 7 H2O(l) -> CoSO4·7H2O(s)', key: 'CoSO4(aq)', ...crystallise },
      ],
    },
    'kg/h',
  );
}

describe('crystallizer: solubility instead of conversion', () => {
  // IUPAC molar masses (154.996 and 18.015 kg/kmol), as the species table computes them.
  const M = { CoSO4: parseSpeciesId('CoSO4(aq)').molarMass, H2O: parseSpeciesId('H2O(l)').molarMass };

  it('crystallises 206.06 kg/h of the 528.3 kg/h CoSO4 (39.0 %) and leaves the mother liquor saturated (hand calculation)', () => {
    // x kg/h CoSO4 crystallise and bind 7·18.015/154.996 = 0.81361 kg water per kg; 1,009 kg water is
    // left after the evaporation. Saturation: (528.3 − x) = 0.383·(1,009 − 0.81361·x), so
    // x = (528.3 − 0.383·1,009) / (1 − 0.383·0.81361) = 141.853 / 0.68839 = 206.07 kg/h (206.06 in the
    // review, which rounds the bound water to 0.81360).
    const { r } = run(coso4(528.3, 2018, { solubility: 38.3 }));
    const bound = (7 * M.H2O) / M.CoSO4;
    const x = (528.3 - 0.383 * 1009) / (1 - 0.383 * bound);
    expect(x).toBeCloseTo(206.06, 1);
    const crystals = r.streams.xs.massFlow['CoSO4·7H2O(s)'];
    const crystallised = (crystals / (M.CoSO4 + 7 * M.H2O)) * M.CoSO4;
    expect(crystallised).toBeCloseTo(x, 1);
    expect(crystallised / 528.3).toBeCloseTo(0.39, 2);
    // The mother liquor holds 38.3 g per 100 g water: saturated.
    const ml = r.streams.ml.massFlow;
    expect((100 * ml['CoSO4(aq)']) / ml['H2O(l)']).toBeCloseTo(38.3, 8);
    expect(ml['CoSO4(aq)']).toBeCloseTo(528.3 - crystallised, 8);
    expect(worstImbalance(r)).toBeLessThan(1e-12);
  });

  it('crystallises nothing from 144.7 kg/h CoSO4 in 2,252 kg/h water (capacity 0.383 × 1,126 = 431 kg/h)', () => {
    const { r } = run(coso4(144.7, 2252, { solubility: 38.3 }));
    expect(r.streams.xs.massFlow['CoSO4·7H2O(s)'] ?? 0).toBe(0);
    expect(r.streams.ml.massFlow['CoSO4(aq)']).toBeCloseTo(144.7, 9);
    expect(r.streams.ml.massFlow['H2O(l)']).toBeCloseTo(1126, 9);
  });

  it('takes s from the built-in table at the unit\'s T with "solubility": "table" (38.3 g/100 g at 25 °C)', () => {
    const table = run(coso4(528.3, 2018, { solubility: 'table' })).r;
    const given = run(coso4(528.3, 2018, { solubility: 38.3 })).r;
    expect(table.streams.xs.massFlow['CoSO4·7H2O(s)']).toBeCloseTo(given.streams.xs.massFlow['CoSO4·7H2O(s)'], 9);
  });

  it('warns when a fixed conversion leaves the mother liquor undersaturated (60 % crystallised: 28.1 g/100 g against 38.3)', () => {
    // Hand calculation: 0.6·528.3 = 316.98 kg crystallise and bind 0.81361·316.98 = 257.9 kg water;
    // the mother liquor holds 211.32 kg CoSO4 in 1,009 − 257.9 = 751.1 kg water: 28.1 g/100 g.
    const { r } = run(coso4(528.3, 2018, { conversion: 0.6 }));
    const held = r.unitFigures!.cryst['CoSO4(aq) in mother liquor'].value;
    expect(held).toBeCloseTo((100 * 0.4 * 528.3) / (1009 - ((7 * M.H2O) / M.CoSO4) * 0.6 * 528.3), 6);
    expect(held).toBeCloseTo(28.1, 1);
    const w = r.warnings!.find((d) => d.unit === 'cryst');
    expect(w?.path).toBe('units.cryst.reactions[1].conversion');
    expect(w?.message).toMatch(/below its solubility of 38\.3 at 25 °C/);
    // Below the saturation yield of 39.0 % the liquor stays supersaturated: nothing to say.
    expect(run(coso4(528.3, 2018, { conversion: 0.385 })).r.warnings!.some((d) => d.unit === 'cryst')).toBe(false);
  });
});

describe('crystallizer: solubility inside a recycle', () => {
  it('crystallises F − (1 − r)·σ·(1 − e)·W/(1 − r(1 − e)) with the mother liquor recycled (closed form)', () => {
    // Fresh 1,000 kg/h NaCl in W = 5,000 kg/h water; half the water (e) evaporates; r = 0.8 of the
    // saturated mother liquor (σ = 0.36 kg/kg at 25 °C) returns. Water into the crystalliser
    // W/(1 − r(1 − e)) = 8,333.3 kg/h, mother liquor water 4,166.7 kg/h holding 1,500 kg/h NaCl,
    // bleed 0.2 of it: 300 kg/h; crystals 1,000 − 300 = 700 kg/h.
    const plant = doc({
      basis: 'kg/h',
      species: { 'NaCl(aq)': {}, 'NaCl(s)': {}, 'H2O(l)': {}, 'H2O(g)': {} },
      units: {
        feed: { type: 'feed', flows: { 'NaCl(aq)': 1000, 'H2O(l)': 5000 } },
        mix: { type: 'mixer' },
        cryst: {
          type: 'crystallizer',
          T: 25,
          reactions: [
            { equation: 'H2O(l) -> H2O(g)', key: 'H2O(l)', conversion: 0.5 },
            { equation: 'NaCl(aq) -> NaCl(s)', key: 'NaCl(aq)', solubility: 'table' },
          ],
        },
        tee: { type: 'splitter', outlets: ['back', 'bleed'], fractions: { back: 0.8, bleed: 0.2 } },
        salt: { type: 'product' },
        bleed: { type: 'product' },
        steam: { type: 'product' },
      },
      streams: {
        f: { from: 'feed.out', to: 'mix.in' },
        m: { from: 'mix.out', to: 'cryst.in' },
        xs: { from: 'cryst.crystals', to: 'salt.in' },
        ml: { from: 'cryst.motherLiquor', to: 'tee.in' },
        back: { from: 'tee.back', to: 'mix.in' },
        b: { from: 'tee.bleed', to: 'bleed.in' },
        v: { from: 'cryst.vapour', to: 'steam.in' },
      },
    });
    const { r } = run(plant);
    expect(r.streams.m.massFlow['H2O(l)']).toBeCloseTo(5000 / 0.6, 8);
    expect(r.streams.b.massFlow['NaCl(aq)']).toBeCloseTo(300, 8);
    expect(r.streams.xs.massFlow['NaCl(s)']).toBeCloseTo(700, 8);
    expect(worstImbalance(r)).toBeLessThan(1e-12);
  });
});
