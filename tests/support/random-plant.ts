/**
 * Random valid flowsheets for property tests: trains of leach (reactions, acid dosed to demand),
 * filter, liquor recycle with purge and, optionally, an extraction/stripping pair on a closed
 * organic circuit with make-up and bleed. Every species has a way out of every loop.
 */
import fc from 'fast-check';
import type { FlowsheetDoc } from '../../core';

const METALS = ['Cu', 'Zn', 'Ni', 'Co', 'Mn', 'Mg'] as const;

interface TrainSpec {
  conversions: number[]; // one per metal, 0 = no reaction
  excess: number;
  cakeSolids: number;
  entrainment: number;
  recycle: number;
  sx?: { metal: number; D: number; oa: number; stages: number; bleed: number };
}

export interface PlantSpec {
  feed: number[]; // kmol/h oxide per metal
  trains: TrainSpec[];
}

const train: fc.Arbitrary<TrainSpec> = fc.record({
  conversions: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.05, max: 1, noNaN: true })), { minLength: METALS.length, maxLength: METALS.length }),
  excess: fc.double({ min: 0, max: 0.5, noNaN: true }),
  cakeSolids: fc.double({ min: 0.5, max: 1, noNaN: true }),
  entrainment: fc.double({ min: 0, max: 0.2, noNaN: true }),
  recycle: fc.double({ min: 0, max: 0.95, noNaN: true }),
  sx: fc.option(
    fc.record({
      metal: fc.integer({ min: 0, max: METALS.length - 1 }),
      D: fc.double({ min: 0.1, max: 30, noNaN: true }),
      oa: fc.double({ min: 0.2, max: 3, noNaN: true }),
      stages: fc.integer({ min: 1, max: 5 }),
      bleed: fc.double({ min: 0.01, max: 0.5, noNaN: true }),
    }),
    { nil: undefined },
  ),
});

export const plantSpec: fc.Arbitrary<PlantSpec> = fc.record({
  feed: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 20, noNaN: true })), { minLength: METALS.length, maxLength: METALS.length }),
  trains: fc.array(train, { minLength: 1, maxLength: 4 }),
});

export function buildPlant(spec: PlantSpec): FlowsheetDoc {
  const species: FlowsheetDoc['species'] = { 'H2SO4(aq)': {}, 'H2O(l)': {}, 'SiO2(s)': {}, 'Kerosene(org)': { formula: 'C12H26' } };
  for (const m of METALS) {
    species[`${m}O(s)`] = {};
    species[`${m}SO4(aq)`] = {};
    species[`${m}SO4(org)`] = {};
  }
  const units: FlowsheetDoc['units'] = {};
  const streams: FlowsheetDoc['streams'] = {};
  const flows: Record<string, number> = { 'SiO2(s)': 5, 'H2O(l)': 500 };
  spec.feed.forEach((f, i) => (flows[`${METALS[i]}O(s)`] = f));
  units.ore = { type: 'feed', flows };
  units.residue = { type: 'product' };
  let upstream = 'ore.out';
  spec.trains.forEach((t, n) => {
    const id = (name: string) => `${name}${n}`;
    const reactions = t.conversions
      .map((c, i) => ({ c, m: METALS[i] }))
      .filter(({ c }) => c > 0)
      .map(({ c, m }) => ({ equation: `${m}O(s) + H2SO4(aq) -> ${m}SO4(aq) + H2O(l)`, key: `${m}O(s)`, conversion: c }));
    units[id('mix')] = { type: 'mixer' };
    units[id('leach')] = reactions.length
      ? { type: 'reactor', reactions, reagents: { 'H2SO4(aq)': { excess: t.excess } } }
      : { type: 'mixer' };
    units[id('filter')] = { type: 'separator', outlets: ['cake', 'liquor'], split: { cake: { 'phase:s': t.cakeSolids, '*': t.entrainment } } };
    units[id('split')] = { type: 'splitter', outlets: ['back', 'on'], fractions: { back: t.recycle, on: 1 - t.recycle } };
    streams[id('feed')] = { from: upstream, to: `${id('mix')}.in` };
    streams[id('toLeach')] = { from: `${id('mix')}.out`, to: `${id('leach')}.in` };
    streams[id('slurry')] = { from: `${id('leach')}.out`, to: `${id('filter')}.in` };
    streams[id('cake')] = { from: `${id('filter')}.cake`, to: 'residue.in' };
    streams[id('liquor')] = { from: `${id('filter')}.liquor`, to: `${id('split')}.in` };
    streams[id('recycle')] = { from: `${id('split')}.back`, to: `${id('mix')}.in` };
    upstream = `${id('split')}.on`;
    if (t.sx) {
      const x = METALS[t.sx.metal];
      units[id('ext')] = { type: 'sx', stages: t.sx.stages, oa: t.sx.oa, extract: { [`${x}SO4`]: t.sx.D } };
      units[id('strip')] = { type: 'sx', stages: 2, oa: 1, extract: { [`${x}SO4`]: 0.02 } };
      units[id('makeup')] = { type: 'feed', flows: { 'Kerosene(org)': 1 } };
      units[id('stripFeed')] = { type: 'feed', flows: { 'H2O(l)': 100, 'H2SO4(aq)': 5 } };
      units[id('orgMix')] = { type: 'mixer' };
      units[id('orgSplit')] = { type: 'splitter', outlets: ['back', 'bleed'], fractions: { back: 1 - t.sx.bleed, bleed: t.sx.bleed } };
      units[id('electrolyte')] = { type: 'product' };
      units[id('orgBleed')] = { type: 'product' };
      streams[id('toExt')] = { from: upstream, to: `${id('ext')}.aqIn` };
      streams[id('orgIn')] = { from: `${id('orgMix')}.out`, to: `${id('ext')}.orgIn` };
      streams[id('loaded')] = { from: `${id('ext')}.orgOut`, to: `${id('strip')}.orgIn` };
      streams[id('stripIn')] = { from: `${id('stripFeed')}.out`, to: `${id('strip')}.aqIn` };
      streams[id('stripOut')] = { from: `${id('strip')}.aqOut`, to: `${id('electrolyte')}.in` };
      streams[id('stripped')] = { from: `${id('strip')}.orgOut`, to: `${id('orgSplit')}.in` };
      streams[id('orgBack')] = { from: `${id('orgSplit')}.back`, to: `${id('orgMix')}.in` };
      streams[id('orgOut')] = { from: `${id('orgSplit')}.bleed`, to: `${id('orgBleed')}.in` };
      streams[id('makeupIn')] = { from: `${id('makeup')}.out`, to: `${id('orgMix')}.in` };
      upstream = `${id('ext')}.aqOut`;
    }
  });
  units.final = { type: 'product' };
  streams.finalLiquor = { from: upstream, to: 'final.in' };
  return { format: 'flexsheet/1', name: 'random plant', basis: 'kmol/h', species, units, streams };
}

/** The same plant with every unit and stream renamed and every section reordered. */
export function renamed(doc: FlowsheetDoc, order: number[]): { doc: FlowsheetDoc; unitName: (id: string) => string; streamName: (id: string) => string } {
  const unitName = (id: string) => `u_${id.split('').reverse().join('')}`;
  const streamName = (id: string) => `stream ${id.toUpperCase()}`;
  const shuffle = <T,>(xs: T[]) => xs.map((x, i) => ({ x, k: order[i % order.length] * 1000 + i })).sort((a, b) => a.k - b.k).map((e) => e.x);
  const rename = (ref: string) => {
    const dot = ref.lastIndexOf('.');
    return `${unitName(ref.slice(0, dot))}${ref.slice(dot)}`;
  };
  return {
    doc: {
      ...doc,
      species: Object.fromEntries(shuffle(Object.entries(doc.species))),
      units: Object.fromEntries(shuffle(Object.entries(doc.units)).map(([id, u]) => [unitName(id), u])),
      streams: Object.fromEntries(shuffle(Object.entries(doc.streams)).map(([id, s]) => [streamName(id), { from: rename(s.from), to: rename(s.to) }])),
    },
    unitName,
    streamName,
  };
}
