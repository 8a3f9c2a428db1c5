/**
 * Random plants with exchange SX for the property tests: an aqueous sulfate feed of divalent metals
 * and acid, extracted by D2EHPA (as HA, or saponified as NaA) over N stages (D fixed or from the
 * computed pH, O/A given or from the flows, entrainment or not), then stripped with acid; the
 * stripped organic partly recycled with a bleed and make-up. Every species carries a volume the
 * generator chooses, so a stream's phase volumes can be checked against its species.
 */
import fc from 'fast-check';
import type { FlowsheetDoc } from '../../core';
import { WATER_PER_M3 } from './exchange-helpers';

const METALS = ['Mn', 'Co', 'Ni'] as const;

type Dist = number | { pH50: number; slope: number };

export interface ExchangePlantSpec {
  metals: number[]; // kmol/h per metal, 0 = absent
  acid: number; // kmol/h H⁺ in the feed
  saponified: boolean;
  extractant: number; // times the stoichiometric need
  diluentM3: number;
  stages: number;
  D: Dist[];
  oa: number | undefined;
  aqInOrg: number;
  orgInAq: number;
  recycle: number; // share of the stripped organic sent back
  ionVolume: number; // m³/kmol of each ion
}

const dist: fc.Arbitrary<Dist> = fc.oneof(
  fc.double({ min: 0.2, max: 20, noNaN: true }),
  fc.record({ pH50: fc.double({ min: 0.5, max: 3, noNaN: true }), slope: fc.double({ min: 0.5, max: 2.5, noNaN: true }) }),
);

export const exchangePlantSpec: fc.Arbitrary<ExchangePlantSpec> = fc.record({
  metals: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 0.5, noNaN: true })), { minLength: 3, maxLength: 3 }).filter((m) => m.some((x) => x > 0)),
  acid: fc.double({ min: 0.001, max: 0.05, noNaN: true }),
  saponified: fc.boolean(),
  extractant: fc.double({ min: 1.5, max: 4, noNaN: true }),
  diluentM3: fc.double({ min: 0.5, max: 3, noNaN: true }),
  stages: fc.integer({ min: 1, max: 4 }),
  D: fc.array(dist, { minLength: 3, maxLength: 3 }),
  oa: fc.option(fc.double({ min: 0.5, max: 3, noNaN: true }), { nil: undefined }),
  aqInOrg: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.02, noNaN: true })),
  orgInAq: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.02, noNaN: true })),
  recycle: fc.oneof(fc.constant(0), fc.double({ min: 0.1, max: 0.9, noNaN: true })),
  ionVolume: fc.double({ min: -0.01, max: 0.03, noNaN: true }),
});

export function buildExchangePlant(p: ExchangePlantSpec): FlowsheetDoc {
  const ion = { molarVolume: p.ionVolume };
  const species: FlowsheetDoc['species'] = {
    'H2O(l)': {},
    'H[+](aq)': { molarVolume: 0 },
    'Na[+](aq)': ion,
    'SO4[2-](aq)': { molarVolume: 0.014 },
    'HA(org)': { formula: 'C16H35O4P', density: 975 },
    'NaA(org)': { formula: 'NaC16H34O4P', density: 1050 },
    'Diluent(org)': { formula: 'C12H26', density: 800 },
  };
  const present = METALS.filter((_, i) => p.metals[i] > 0);
  const total = p.metals.reduce((a, b) => a + b, 0);
  const extract: Record<string, { equation: string; D: Dist }> = {};
  const strip: Record<string, { equation: string; D: Dist }> = {};
  const reagent = p.saponified ? 'NaA' : 'HA';
  const released = p.saponified ? 'Na[+](aq)' : 'H[+](aq)';
  for (const m of present) {
    species[`${m}[2+](aq)`] = ion;
    species[`${m}A2(org)`] = { formula: `${m}(C16H34O4P)2`, density: 1000 };
    extract[m] = { equation: `${m}[2+](aq) + 2 ${reagent}(org) -> ${m}A2(org) + 2 ${released}`, D: p.D[METALS.indexOf(m)] };
    strip[m] = { equation: `${m}[2+](aq) + 2 HA(org) -> ${m}A2(org) + 2 H[+](aq)`, D: 0.01 };
  }
  const feedFlows: Record<string, number> = { 'H2O(l)': WATER_PER_M3, 'H[+](aq)': p.acid, 'SO4[2-](aq)': total + p.acid / 2 };
  present.forEach((m) => (feedFlows[`${m}[2+](aq)`] = p.metals[METALS.indexOf(m)]));
  // A saponified organic keeps a quarter of its extractant as HA (the Na exchange leaves it be), so
  // that the HA-only strip never runs dry at the loaded end, where entrained raffinate brings metal.
  const need = 2 * total * p.extractant;
  const organic: Record<string, number> = p.saponified
    ? { 'NaA(org)': need, 'HA(org)': need / 4, 'Diluent(org)': (800 * p.diluentM3) / 170.34 }
    : { 'HA(org)': need, 'Diluent(org)': (800 * p.diluentM3) / 170.34 };
  // The strip returns HA: recycled organic brings back HA but no NaA, so a saponified circuit's
  // NaA all comes with the make-up (else the extractant is overloaded, and refused).
  const makeup = Object.fromEntries(Object.entries(organic).map(([k, v]) => [k, k === 'NaA(org)' ? v : v * (1 - p.recycle)]));
  const acid = 3 * 2 * total * p.extractant;
  const units: FlowsheetDoc['units'] = {
    liquor: { type: 'feed', flows: feedFlows },
    makeup: { type: 'feed', flows: makeup },
    orgMix: { type: 'mixer' },
    ext: { type: 'sx', stages: p.stages, ...(p.oa ? { oa: p.oa } : {}), extract, entrainment: { aqInOrg: p.aqInOrg, orgInAq: p.orgInAq } },
    stripAcid: { type: 'feed', flows: { 'H2O(l)': WATER_PER_M3, 'H[+](aq)': acid, 'SO4[2-](aq)': acid / 2 } },
    strip: { type: 'sx', stages: 2, extract: strip },
    split: { type: 'splitter', outlets: ['back', 'bleed'], fractions: { back: p.recycle, bleed: 1 - p.recycle } },
    raffinate: { type: 'product' },
    electrolyte: { type: 'product' },
    orgBleed: { type: 'product' },
  };
  const streams: FlowsheetDoc['streams'] = {
    a: { from: 'liquor.out', to: 'ext.aqIn' },
    mk: { from: 'makeup.out', to: 'orgMix.in' },
    o: { from: 'orgMix.out', to: 'ext.orgIn' },
    r: { from: 'ext.aqOut', to: 'raffinate.in' },
    loaded: { from: 'ext.orgOut', to: 'strip.orgIn' },
    sa: { from: 'stripAcid.out', to: 'strip.aqIn' },
    sl: { from: 'strip.aqOut', to: 'electrolyte.in' },
    stripped: { from: 'strip.orgOut', to: 'split.in' },
    back: { from: 'split.back', to: 'orgMix.in' },
    bl: { from: 'split.bleed', to: 'orgBleed.in' },
  };
  return { format: 'flexsheet/1', name: 'random exchange plant', basis: 'kmol/h', species, units, streams };
}
