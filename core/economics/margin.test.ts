import { describe, expect, it } from 'vitest';
import type { FlowsheetDoc } from '../document';
import { modeEconomics, yearSummary } from './margin';
import { PriceBook } from './prices';
import { fakeResults } from './test-helpers';

// IUPAC weights used by the core: Co 58.933194, S 32.06, O 15.999.
const M_CoSO4 = 58.933194 + 32.06 + 4 * 15.999; // 154.989194 kg/kmol

const species: FlowsheetDoc['species'] = {
  'LiCoO2(s)': {},
  'Graphite(s)': { formula: 'C' },
  'H2O(l)': {},
  'Li2CO3(s)': {},
  'CoSO4(aq)': {},
  'H2SO4(aq)': {},
  'NaOH(aq)': {},
  'Na2SO4(aq)': {},
};

function plant(): FlowsheetDoc {
  return {
    format: 'flexsheet/1',
    name: 'hand plant',
    basis: 'kg/h',
    species,
    units: {
      bm: { type: 'feed', flows: {} },
      water: { type: 'feed', flows: {} },
      plant: { type: 'black-box' },
      li2co3: { type: 'product' },
      coso4: { type: 'product' },
      residue: { type: 'product', price: 0.28 },
      effluent: { type: 'product' },
    },
    streams: {
      s1: { from: 'bm.out', to: 'plant.in' },
      s2: { from: 'water.out', to: 'plant.in' },
      s3: { from: 'plant.li', to: 'li2co3.in' },
      s4: { from: 'plant.co', to: 'coso4.in' },
      s5: { from: 'plant.res', to: 'residue.in' },
      s6: { from: 'plant.eff', to: 'effluent.in' },
    },
    economics: {
      prices: {
        reagents: { 'H2SO4(aq)': { value: 100, unit: 'USD/t' } },
        products: { li2co3: { species: { 'Li2CO3(s)': 'Li2CO3' } }, coso4: { payable: { Co: { price: 50, payability: 0.7 } } } },
        feeds: { bm: { perKg: 2 } },
      },
      modes: {
        '(base)': {
          hours: 6000,
          fixedCostPerHour: 50,
          utilities: { electricity: { perTonneFeed: 900 }, naturalGas: { perHour: 1000 }, steam: { perHour: 5 } },
        },
      },
      fixedCosts: { perYear: 100000 },
    },
  };
}

const results = () =>
  fakeResults(
    species,
    {
      s1: { from: 'bm.out', to: 'plant.in', kg: { 'LiCoO2(s)': 1000, 'Graphite(s)': 1000 } },
      s2: { from: 'water.out', to: 'plant.in', kg: { 'H2O(l)': 2000 } },
      s3: { from: 'plant.li', to: 'li2co3.in', kg: { 'Li2CO3(s)': 150, 'H2O(l)': 10 } },
      s4: { from: 'plant.co', to: 'coso4.in', kg: { 'CoSO4(aq)': 300, 'H2O(l)': 700 } },
      s5: { from: 'plant.res', to: 'residue.in', kg: { 'Graphite(s)': 500 } },
      s6: { from: 'plant.eff', to: 'effluent.in', kg: { 'Na2SO4(aq)': 400, 'H2O(l)': 3000 } },
    },
    { plant: { 'H2SO4(aq)': 800, 'NaOH(aq)': 200 } },
  );

describe('economics of one mode, by hand', () => {
  const e = modeEconomics(plant(), '(base)', results());

  it('takes the solid feed of the source units as the tonne of feed', () => {
    // bm carries 2000 kg/h of solids; water carries none.
    expect(e.feed).toEqual({ kgPerHour: 2000, tonnesPerHour: 2, what: 'solid feed', units: ['bm'] });
  });

  it('values every product: by species (default price), by payable element, by the unit’s own price, or not at all', () => {
    const by = Object.fromEntries(e.products.map((p) => [p.unit, p]));
    // Li2CO3: 150 kg/h × $41,166/t (2023, Benchmark) = 150 × 41.166 = 6174.9 $/h
    expect(by.li2co3.valuePerHour).toBeCloseTo(6174.9, 9);
    expect(by.li2co3.lines[0].source).toMatch(/Benchmark/);
    // CoSO4: Co = 300 × 58.933194 / 154.989194 kg/h, paid 50 $/kg × 0.7
    const co = (300 * 58.933194) / M_CoSO4;
    expect(by.coso4.valuePerHour).toBeCloseTo(co * 35, 9);
    expect(by.coso4.lines[0]).toMatchObject({ item: 'Co payable (70 %)', price: 35 });
    // Residue: the product unit's own price, 500 kg/h × 0.28
    expect(by.residue.valuePerHour).toBeCloseTo(140, 12);
    expect(by.effluent).toMatchObject({ priced: false, valuePerHour: 0 });
    // per tonne of feed: 2 t/h
    expect(by.li2co3.valuePerTonneFeed).toBeCloseTo(6174.9 / 2, 9);
    expect(by.li2co3.valuePerKg).toBeCloseTo(6174.9 / 160, 9);
  });

  it('costs reagents (file and default prices), feeds, utilities; margin per hour and per tonne', () => {
    // H2SO4 800 kg/h × 0.100 $/kg (file) + NaOH 200 × 0.45 (EverBatt 2023 default) = 80 + 90
    expect(e.perHour.reagents).toBeCloseTo(170, 12);
    expect(e.reagents.find((r) => r.species === 'NaOH(aq)')!.source).toMatch(/EverBatt 2023/);
    // Black mass bought at 2 $/kg × 2000 kg/h; water has no price.
    expect(e.perHour.feeds).toBeCloseTo(4000, 12);
    // Electricity 900 kWh/t × 2 t/h × 0.0804 + natural gas 1000 ft³/h × 4.53e-3; steam unpriced.
    expect(e.perHour.utilities).toBeCloseTo(1800 * 0.0804 + 4.53, 12);
    expect(e.warnings).toContain('utility "steam" has no price: counted as 0 (give economics.prices.utilities["steam"])');
    const revenue = 6174.9 + ((300 * 58.933194) / M_CoSO4) * 35 + 140;
    const margin = revenue - 170 - 4000 - (144.72 + 4.53) - 50;
    expect(e.perHour.revenue).toBeCloseTo(revenue, 9);
    expect(e.perHour.margin).toBeCloseTo(margin, 9);
    expect(e.perTonneFeed.margin).toBeCloseTo(margin / 2, 9);
    // Reagent intensity: (800 + 200) kg/h / 2 t/h
    expect(e.reagentIntensity).toBeCloseTo(500, 12);
    expect(e.reagentTotals.map((r) => [r.species, r.kgPerTonneFeed])).toEqual([
      ['H2SO4(aq)', 400],
      ['NaOH(aq)', 100],
    ]);
    // The year at 6000 planned hours, less 100,000 fixed.
    expect(e.annual!.margin).toBeCloseTo(6000 * margin, 6);
    const y = yearSummary(plant(), [e]);
    expect(y.margin).toBeCloseTo(6000 * margin - 100000, 6);
    expect(y.warnings).toEqual([]);
  });

  it('names every species bought without a price and every sink with neither a value nor a disposal cost', () => {
    // The water feed brings H2O(l), which has no price (the feed is not in prices.feeds); effluent is a sink with no price.
    expect(e.warnings).toContain('feed "water" brings H2O(l) with no price: counted as 0 (give economics.prices.reagents or economics.prices.feeds["water"])');
    expect(e.warnings.find((w) => w.startsWith('sinks with neither'))).toMatch(/counted as 0: effluent \(/);
    // Priced: the effluent's treatment at 2 $/t, water at 0.5 $/t; then no warning about either, and the cost is in the margin.
    const doc = plant();
    const econ = doc.economics as { prices: { disposal?: unknown; reagents: Record<string, unknown> } };
    econ.prices.disposal = { effluent: { value: 2, unit: 'USD/t' } };
    econ.prices.reagents['H2O(l)'] = { value: 0.5, unit: 'USD/t' };
    const priced = modeEconomics(doc, '(base)', results());
    expect(priced.warnings.filter((w) => /effluent|H2O/.test(w))).toEqual([]);
    // 3400 kg/h of effluent × 0.002 $/kg; 2000 kg/h of water × 0.0005 $/kg.
    expect(priced.perHour.disposal).toBeCloseTo(6.8, 12);
    expect(priced.perHour.feeds).toBeCloseTo(4000 + 1, 12);
    expect(priced.perHour.margin).toBeCloseTo(e.perHour.margin - 6.8 - 1, 9);
  });

  it('pays a mixed product at its realisation factor and charges a product below its spec', () => {
    const doc = plant();
    const products = (doc.economics as { prices: { products: Record<string, unknown> } }).prices.products;
    // Li2CO3 sold as a mixed product at 65 % of its priced value (PrOMMiS's realisation factor).
    products.li2co3 = { species: { 'Li2CO3(s)': 'Li2CO3' }, realisation: 0.65 };
    // CoSO4 liquor: spec Co ≥ 20.5 %, 10 % discount below it, and 5 $ per kg of Co short.
    products.coso4 = { payable: { Co: { price: 50, payability: 0.7 } }, spec: { min: { Co: 0.205 }, max: { 'H2O(l)': 0.9 }, discount: 0.1, penalties: { Co: 5 } } };
    const m = modeEconomics(doc, '(base)', results());
    const li = m.products.find((p) => p.unit === 'li2co3')!;
    expect(li.valuePerHour).toBeCloseTo(0.65 * 6174.9, 9);
    const co = m.products.find((p) => p.unit === 'coso4')!;
    // 1000 kg/h of liquor holding 300 kg/h CoSO4: Co = 300 × 58.933194 / 154.989194 = 114.07 kg/h, 11.41 %.
    const coKg = (300 * 58.933194) / M_CoSO4;
    const value = coKg * 35;
    const short = (0.205 - coKg / 1000) * 1000; // kg/h of Co short of 20.5 %
    expect(co.spec).toEqual([
      { what: 'Co', bound: 'min', limit: 0.205, value: coKg / 1000, met: false, kgOff: expect.closeTo(short, 9) },
      { what: 'H2O(l)', bound: 'max', limit: 0.9, value: 0.7, met: true, kgOff: 0 },
    ]);
    expect(co.valuePerHour).toBeCloseTo(value * 0.9 - 5 * short, 9);
    expect(m.warnings).toContain('product "coso4" is below its specification: Co 11.41 % (min 20.50 %)');
  });

  it('warns about reagents without a price and counts them as zero', () => {
    const r = results();
    r.reagents.plant['Cyanex272(org)'] = 5;
    const e2 = modeEconomics(plant(), '(base)', r);
    expect(e2.perHour.reagents).toBeCloseTo(170, 12);
    expect(e2.warnings[0]).toMatch(/reagent Cyanex272\(org\) has no price/);
  });

  it('costs unpriced feeds species by species at reagent prices (e.g. purchased acid)', () => {
    const doc = plant();
    const r = results();
    r.streams.s2.massFlow = { 'H2O(l)': 2000, 'H2SO4(aq)': 50 };
    const e2 = modeEconomics(doc, '(base)', r);
    const water = e2.feeds.find((f) => f.unit === 'water')!;
    expect(water.basis).toBe('reagent prices');
    expect(water.costPerHour).toBeCloseTo(50 * 0.1, 12);
  });

  it('merges a mode’s prices over the file’s (JSON merge patch)', () => {
    const doc = plant();
    doc.modes = { a: { units: {} }, b: { units: {} } };
    const econ = doc.economics as Record<string, any>;
    econ.modes = { b: { prices: { products: { li2co3: { species: { 'Li2CO3(s)': 'Li2CO3-crude' } } }, reagents: { 'H2SO4(aq)': 'H2SO4' } } } };
    const a = modeEconomics(doc, 'a', results());
    const b = modeEconomics(doc, 'b', results());
    expect(a.products[0].valuePerHour).toBeCloseTo(6174.9, 9);
    // crude recycled Li2CO3 8.57 $/kg (EverBatt 2023)
    expect(b.products[0].valuePerHour).toBeCloseTo(150 * 8.57, 9);
    // H2SO4 at the default, 128 $/t (2023, PrOMMiS)
    expect(b.reagents[0].costPerHour).toBeCloseTo(800 * 0.128, 9);
  });

  it('values a flushed species: product species price, else reagent price, else payable elements', () => {
    const book = new PriceBook(plant(), undefined, new Map([['residue', 0.28]]));
    expect(book.speciesValue('Li2CO3(s)').value).toBeCloseTo(41.166, 12);
    expect(book.speciesValue('H2SO4(aq)').value).toBeCloseTo(0.1, 12);
    // LiCoO2: Co payable 35 $/kg × Co mass fraction 58.933194 / (6.94 + 58.933194 + 2 × 15.999)
    expect(book.speciesValue('LiCoO2(s)').value).toBeCloseTo((35 * 58.933194) / (6.94 + 58.933194 + 31.998), 12);
    expect(book.speciesValue('H2O(l)')).toEqual({ value: 0, basis: 'no value' });
  });
});
