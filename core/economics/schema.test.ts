import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { economicsStandaloneValidators } from './validators';
import type { FlowsheetDoc } from '../document';
import { DEFAULTS, defaultValue, toPerKg } from './defaults';
import { validateEconomics } from './schema';

const base = (): FlowsheetDoc => ({
  format: 'flexsheet/1',
  name: 'x',
  basis: 'kg/h',
  species: { 'H2O(l)': {}, 'CuSO4(aq)': {} },
  units: {
    f: { type: 'feed', flows: { 'H2O(l)': 1 } },
    p: { type: 'product' },
  },
  streams: { s: { from: 'f.out', to: 'p.in' } },
  modes: { a: { units: {} }, b: { units: { f: { flows: { 'H2O(l)': 2 } } } } },
});

const paths = (doc: FlowsheetDoc) => validateEconomics(doc).map((d) => `${d.path}: ${d.message}`);

describe('economics section and equipment: validation with JSON paths', () => {
  it('accepts a v1 file without economics or equipment, and every shipped flowsheet and fixture', () => {
    expect(paths(base())).toEqual([]);
    for (const f of ['flowsheets/black-mass.json', 'flowsheets/ndfeb-magnet.json', 'flowsheets/dual-feed.json', 'tests/fixtures/recycle-purge.json', 'tests/fixtures/economics-two-mode.json']) {
      let text: string;
      try {
        text = readFileSync(f, 'utf8');
      } catch {
        continue;
      }
      expect([f, paths(JSON.parse(text))]).toEqual([f, []]);
    }
  });

  it('accepts every form of price and valuation', () => {
    const doc = base();
    doc.economics = {
      currency: 'USD',
      hoursPerYear: 8000,
      prices: {
        reagents: { 'H2SO4(aq)': 0.128, NaOH: 'NaOH', HCl: { value: 250, unit: 'USD/t', year: 2019, source: 'PrOMMiS' } },
        utilities: { electricity: 'electricity', steam: { value: 0.02, unit: 'USD/kg' } },
        products: { p: { payable: { Cu: { price: 8, payability: 0.9 } }, species: { 'CuSO4(aq)': 'CoSO4' }, perKg: -0.01 } },
        feeds: { f: 2 },
      },
      fixedCosts: { perYear: 1e6 },
      modes: { a: { hours: 4000, availability: { tonnes: 1000 }, utilities: { electricity: { perTonneFeed: 100 } } }, b: { availability: { tonnes: 50, of: 'p' }, prices: { feeds: { f: { value: 3 } } } } },
      switchover: { time: 4, cost: 1000, lostMargin: 'source' },
      inventory: { recovered: 0.5, disposalPerKg: 0.1 },
      campaign: { carryingRate: 0.15, minCycle: 48, maxCycle: 4000, modes: ['a', 'b'] },
    };
    doc.units.f.equipment = { service: ['a', 'b'], material: '316L', holdup: { volume: 20, density: 1100 }, changeover: { time: 2, cost: 500, cleaning: { 'H2O(l)': 1000, NaOH: 10 }, when: 'always' }, vendor: 'kept' };
    (doc.modes!.b.units as Record<string, unknown>).g = { type: 'mixer', equipment: { holdup: { residenceTime: 1 } } };
    expect(paths(doc)).toEqual([]);
  });

  it('names the JSON path of every problem', () => {
    const doc = base();
    doc.economics = {
      currency: 'usd',
      prices: {
        reagents: { 'H2SO4(aq)': 'sulphuric', HCl: { value: 1, unit: 'dollars' } },
        products: { p: { payable: { Cu: { price: 8, payability: 1.2 } } }, q: 3 },
        feeds: { f: { perKg: true } },
      },
      modes: { c: { hours: -1 } },
      switchover: { lostMargin: 'sometimes' },
      campaign: { minCycle: 100, maxCycle: 50 },
      extra: 1,
    };
    doc.units.f.equipment = { holdup: { volume: 1, residenceTime: 2 }, changeover: { time: -1 } };
    (doc.modes!.b.units as Record<string, unknown>).p = { equipment: { service: 3 } };
    expect(paths(doc)).toEqual([
      'units.f.equipment.changeover.time: unit "f": must be ≥ 0 (is -1)',
      'modes.b.units.p.equipment.service: unit "p": must be a string or a list of strings',
      'economics: unknown property "extra"',
      'economics.currency: "usd" is not a currency code like "USD"',
      'economics.prices.reagents.HCl.unit: "dollars" is not a price unit like "USD/kg" or "USD/t"',
      'economics.prices.products.p.payable.Cu.payability: must be ≤ 1 (is 1.2)',
      'economics.prices.feeds.f.perKg: must be a number or a string (a price, or the key of a default price), or an object',
      'economics.modes.c.hours: must be ≥ 0 (is -1)',
      'economics.switchover.lostMargin: must be one of "target", "source", "none"',
    ]);
  });

  it('checks what the schema cannot: defaults, units, modes, species and hold-up forms', () => {
    const doc = base();
    doc.economics = {
      prices: { reagents: { 'H2SO4(aq)': 'sulphuric' }, products: { q: 3, p: { species: { 'Li2CO3(s)': 1 }, payable: { copper: { price: 1 } } } } },
      modes: { c: { hours: 1, availability: { tonnes: 1, of: 'nowhere' } } },
      campaign: { minCycle: 100, maxCycle: 50, modes: ['a', 'z'] },
    };
    doc.units.f.equipment = { holdup: { volume: 1, residenceTime: 2 }, changeover: { cleaning: { 'Unobtainium(s)': 1 } } };
    doc.units.p.equipment = { holdup: { mass: 1, density: 900 } };
    const got = paths(doc);
    expect(got).toEqual([
      'units.f.equipment.holdup: unit "f": give one of volume, residenceTime or mass, not volume and residenceTime',
      'units.f.equipment.changeover.cleaning["Unobtainium(s)"]: unit "f": cleaning agent "Unobtainium(s)" is neither a declared species nor a priced reagent',
      'units.p.equipment.holdup.density: unit "p": density applies to a hold-up given as a volume',
      expect.stringMatching(/^economics\.prices\.reagents\["H2SO4\(aq\)"\]: "sulphuric" is not the key of a default price \(keys: H2SO4, H2O2, /),
      'economics.prices.products.q: unit "q" does not exist',
      'economics.prices.products.p.species["Li2CO3(s)"]: species "Li2CO3(s)" is not declared in "species"',
      'economics.prices.products.p.payable.copper: "copper" is not an element symbol',
      'economics.modes.c: mode "c" does not exist (modes: a, b)',
      'economics.modes.c.availability.of: "nowhere" is neither "feed" nor a product unit',
      'economics.campaign.modes[1]: mode "z" does not exist (modes: a, b)',
      'economics.campaign.maxCycle: maxCycle (50 h) must be longer than minCycle (100 h)',
    ]);
  });

  it('a flowsheet without modes has one, "(base)"', () => {
    const doc = base();
    delete doc.modes;
    doc.economics = { modes: { '(base)': { hours: 8000 } } };
    expect(paths(doc)).toEqual([]);
    doc.economics = { modes: { a: { hours: 8000 } } };
    expect(paths(doc)).toEqual(['economics.modes.a: this flowsheet has no modes: its one way of running is called "(base)"']);
  });
});

describe('defaults table (REFERENCE-DATA.md §6)', () => {
  it('gives every entry a value, a unit, a year or basis and a source', () => {
    for (const d of DEFAULTS) {
      expect([d.key, Number.isFinite(d.value) && d.value > 0]).toEqual([d.key, true]);
      expect(d.unit).toMatch(/^(USD\/(kg|t|kWh|ft3|GJ)|h\/yr|1\/yr|h)$/);
      expect(d.year.length).toBeGreaterThan(0);
      expect(d.source.length).toBeGreaterThan(3);
    }
    expect(new Set(DEFAULTS.map((d) => d.key)).size).toBe(DEFAULTS.length);
  });

  it('is listed in docs/economics.md, key by key', () => {
    const doc = readFileSync('docs/economics.md', 'utf8');
    for (const d of DEFAULTS) expect([d.key, doc.includes(`\`${d.key}\``)]).toEqual([d.key, true]);
  });

  it('converts per-tonne prices to per kg, and derives kerosene per kg from $/gal', () => {
    // H2SO4 $128/t (2023, PrOMMiS) = 0.128 $/kg; CaCO3 $1030/t = 1.03 $/kg.
    expect(defaultValue('H2SO4')).toBeCloseTo(0.128, 15);
    expect(defaultValue('CaCO3')).toBeCloseTo(1.03, 15);
    expect(toPerKg(83.36, 'USD/t')).toBeCloseTo(0.08336, 15);
    // $2.699/gal ÷ (3.78541 L/gal × 0.80 kg/L) = 0.891261… $/kg
    expect(defaultValue('Kerosene')).toBeCloseTo(2.699 / 3.028328, 12);
    // Values read in the reference table.
    expect(defaultValue('electricity')).toBe(0.0804);
    expect(defaultValue('Dy2O3')).toBe(330);
    expect(defaultValue('Li2CO3')).toBeCloseTo(41.166, 12);
  });
});

describe('precompiled validators', () => {
  it('core/economics/validators.generated.ts holds the validators of these schemas (regenerate with `npx tsx cli/economics-validators.ts`)', () => {
    expect(readFileSync('core/economics/validators.generated.ts', 'utf8')).toBe(economicsStandaloneValidators());
  });
});
