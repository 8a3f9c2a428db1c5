/**
 * Deterministic generator of realistic, valid, solvable hydrometallurgical plants (FORMAT.md,
 * flexsheet/1), for benchmarks and property tests:
 *
 *   import { generatePlant } from '../bench/generate';
 *   const doc = generatePlant({ units: 500, species: 40, seed: 7 });
 *
 * A plant is a number of independent trains plus two shared final products (tailings, effluent).
 * Each train:
 *
 *   ore + process water ─► leach tank 1 ─► … ─► leach tank t ─► filter ─cake─► tailings
 *        ▲  (MO(s) + H2SO4(aq) -> MSO4(aq) + H2O(l), acid dosed with excess)   │ filtrate
 *        │                                                                     ▼
 *        │                                   SX circuit 1 ─► … ─► SX circuit c (raffinate on)
 *        └──────── raffinate recycle ◄── raffinate splitter ◄─────────────────┘
 *                                              │ bleed
 *                                              ▼
 *                    neutralisation (CaO dosed: acid, Fe, Al precipitate) ─► thickener
 *                                       underflow ─► tailings, overflow ─► effluent
 *
 * Each SX circuit (14 units) extracts one metal (and co-extracts a little of another):
 *
 *   extraction sx ─loaded org─► strip sx ─stripped org─► org mixer (+ make-up diluent feed)
 *        ▲                                                  │
 *        └───────────── org splitter ◄──────────────────────┘   (small bleed ─► org bleed product)
 *   strip acid feed ─► strip mixer ─► strip sx ─rich─► electrowinning (MSO4 + H2O -> M + H2SO4 + ½O2)
 *        ▲                                                   ─► cell separator: cathode, O2 vent, spent
 *        └──── spent electrolyte recycle ◄── spent splitter ◄──┘  (bleed ─► electrolyte bleed product)
 *
 * Every loop (liquor recycle, organic circuit, strip liquor circuit) has a bleed for every species,
 * every reaction is keyed on a species it converts at a fraction ≤ 1 with its other reactants
 * either dosed as reagents or present in large excess (water), so a steady state exists with
 * non-negative flows. The same (units, species, seed) always gives the same document.
 */
import type { FlowsheetDoc, StreamDecl, UnitDecl } from '../core';

export interface GenerateOptions {
  /** Exact number of units in the plant, ≥ 9. */
  units: number;
  /** Exact number of declared species, 11 … 71 (20 … 40 is the realistic range). */
  species: number;
  /** Seed of the pseudo-random generator (any 32-bit integer). */
  seed: number;
}

import { mulberry32 as rng } from '../core/random';

export { rng };

/** Metals recovered by SX + electrowinning: MO(s), MSO4(aq), MSO4(org), M(s). */
const SX_METALS = ['Cu', 'Zn', 'Ni', 'Co', 'Mn', 'Cd'] as const;
/** Trivalent metals leached and precipitated as hydroxides at neutralisation: M2O3(s), M2(SO4)3(aq), M(OH)3(s). */
const HYDROXIDE_METALS = ['Fe', 'Al'] as const;
/** Metals that leach and report to the effluent: oxide and sulfate. */
const LEACH_METALS: ReadonlyArray<{ oxide: string; sulfate: string; acid: number; water: number }> = [
  { oxide: 'MgO(s)', sulfate: 'MgSO4(aq)', acid: 1, water: 1 },
  { oxide: 'La2O3(s)', sulfate: 'La2(SO4)3(aq)', acid: 3, water: 3 },
  { oxide: 'Li2O(s)', sulfate: 'Li2SO4(aq)', acid: 1, water: 1 },
  { oxide: 'Nd2O3(s)', sulfate: 'Nd2(SO4)3(aq)', acid: 3, water: 3 },
  { oxide: 'Ce2O3(s)', sulfate: 'Ce2(SO4)3(aq)', acid: 3, water: 3 },
  { oxide: 'Y2O3(s)', sulfate: 'Y2(SO4)3(aq)', acid: 3, water: 3 },
  { oxide: 'Pr2O3(s)', sulfate: 'Pr2(SO4)3(aq)', acid: 3, water: 3 },
  { oxide: 'Sm2O3(s)', sulfate: 'Sm2(SO4)3(aq)', acid: 3, water: 3 },
  { oxide: 'Gd2O3(s)', sulfate: 'Gd2(SO4)3(aq)', acid: 3, water: 3 },
  { oxide: 'Dy2O3(s)', sulfate: 'Dy2(SO4)3(aq)', acid: 3, water: 3 },
  { oxide: 'Sc2O3(s)', sulfate: 'Sc2(SO4)3(aq)', acid: 3, water: 3 },
  { oxide: 'BeO(s)', sulfate: 'BeSO4(aq)', acid: 1, water: 1 },
];
/** Gangue that does not react: one species each. */
const INERTS: ReadonlyArray<[string, { formula?: string }]> = [
  ['Graphite(s)', { formula: 'C' }],
  ['TiO2(s)', {}],
  ['ZrSiO4(s)', {}],
  ['KAlSi3O8(s)', {}],
  ['BaSO4(s)', {}],
  ['Fe3O4(s)', {}],
  ['Cr2O3(s)', {}],
  ['Mg3Si4O10(OH)2(s)', {}],
  ['Al2Si2O5(OH)4(s)', {}],
  ['CaF2(s)', {}],
];

const BASE_SPECIES = ['H2O(l)', 'H2SO4(aq)', 'O2(g)', 'SiO2(s)', 'CaO(s)', 'CaSO4(s)'];
const DILUENT = 'Kerosene(org)';
const MIN_SPECIES = BASE_SPECIES.length + 1 + 4;
const MAX_SPECIES = BASE_SPECIES.length + 1 + 4 * SX_METALS.length + 3 * HYDROXIDE_METALS.length + 2 * LEACH_METALS.length + INERTS.length;

/** Units of a train with t leach tanks and c SX circuits. */
const TRAIN_BASE = 6; // ore, water, filter, raffinate splitter, neutralisation, thickener
const SX_CIRCUIT = 14;
const MIN_TRAIN = TRAIN_BASE + 1;
const PLANT_UNITS = 2; // tailings, effluent
export const MIN_UNITS = PLANT_UNITS + MIN_TRAIN;
export { MIN_SPECIES, MAX_SPECIES };

interface Chemistry {
  species: FlowsheetDoc['species'];
  sxMetals: string[];
  hydroxideMetals: string[];
  leachMetals: typeof LEACH_METALS[number][];
  inerts: string[];
}

function chooseChemistry(nSpecies: number): Chemistry {
  const species: FlowsheetDoc['species'] = {};
  for (const id of BASE_SPECIES) species[id] = {};
  species[DILUENT] = { formula: 'C12H26' };
  let room = nSpecies - BASE_SPECIES.length - 1;
  // About one SX metal per ten species, at least one.
  const nSx = Math.max(1, Math.min(SX_METALS.length, Math.round((nSpecies - 7) / 10), Math.floor(room / 4)));
  const sxMetals = SX_METALS.slice(0, nSx) as string[];
  for (const m of sxMetals) {
    species[`${m}O(s)`] = {};
    species[`${m}SO4(aq)`] = {};
    species[`${m}SO4(org)`] = {};
    species[`${m}(s)`] = {};
  }
  room -= 4 * nSx;
  const hydroxideMetals: string[] = [];
  for (const m of HYDROXIDE_METALS) {
    if (room < 3 + 1) break;
    hydroxideMetals.push(m);
    species[`${m}2O3(s)`] = {};
    species[`${m}2(SO4)3(aq)`] = {};
    species[`${m}(OH)3(s)`] = {};
    room -= 3;
  }
  const leachMetals: Chemistry['leachMetals'] = [];
  for (const m of LEACH_METALS) {
    if (room < 2 + 1) break;
    leachMetals.push(m);
    species[m.oxide] = {};
    species[m.sulfate] = {};
    room -= 2;
  }
  // Fill the rest with gangue minerals, one species each.
  const inerts: string[] = [];
  for (const [id, decl] of INERTS) {
    if (room <= 0) break;
    inerts.push(id);
    species[id] = decl;
    room--;
  }
  if (room > 0) throw new RangeError(`generatePlant: cannot make ${nSpecies} species (at most ${MAX_SPECIES})`);
  return { species, sxMetals, hydroxideMetals, leachMetals, inerts };
}

/** A number with 4 significant figures, as a file written by hand would have. */
const sig = (x: number, digits = 4) => Number(x.toPrecision(digits));

export function generatePlant(options: GenerateOptions): FlowsheetDoc {
  const { units: nUnits, species: nSpecies, seed } = options;
  if (!Number.isInteger(nUnits) || nUnits < MIN_UNITS) throw new RangeError(`generatePlant: units must be an integer ≥ ${MIN_UNITS}`);
  if (!Number.isInteger(nSpecies) || nSpecies < MIN_SPECIES || nSpecies > MAX_SPECIES) {
    throw new RangeError(`generatePlant: species must be an integer in ${MIN_SPECIES} … ${MAX_SPECIES}`);
  }
  const random = rng(seed);
  const uniform = (lo: number, hi: number) => lo + (hi - lo) * random();
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const chance = (p: number) => random() < p;
  const shuffled = <T>(xs: readonly T[]): T[] => {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };

  const chem = chooseChemistry(nSpecies);
  const units: Record<string, UnitDecl> = {};
  const streams: Record<string, StreamDecl> = {};
  let streamCount = 0;
  const connect = (from: string, to: string) => {
    streams[`s${++streamCount}`] = { from, to };
  };

  units.tailings = { type: 'product', notes: 'Tailings storage facility: leach residue and neutralisation underflow' };
  units.effluent = { type: 'product', notes: 'Treated effluent to discharge' };

  // Train sizes: t leach tanks and c SX circuits, adding up to exactly nUnits.
  const plan: { tanks: number; circuits: number }[] = [];
  let remaining = nUnits - PLANT_UNITS;
  while (remaining > 0) {
    const maxC = Math.min(chem.sxMetals.length, 3, Math.floor((remaining - MIN_TRAIN) / SX_CIRCUIT));
    const circuits = maxC > 0 ? int(1, maxC) : 0;
    let tanks = Math.min(int(2, 4), remaining - TRAIN_BASE - SX_CIRCUIT * circuits);
    const rest = remaining - (TRAIN_BASE + tanks + SX_CIRCUIT * circuits);
    if (rest > 0 && rest < MIN_TRAIN) tanks += rest; // the last train takes the odd units as extra tanks
    plan.push({ tanks, circuits });
    remaining -= TRAIN_BASE + tanks + SX_CIRCUIT * circuits;
  }

  const width = String(plan.length).length;
  plan.forEach(({ tanks, circuits }, index) => {
    const p = `t${String(index + 1).padStart(width, '0')}_`;
    const id = (name: string) => p + name;

    // Ore: mostly silica; the metals this train recovers are always there.
    const circuitMetals = shuffled(chem.sxMetals).slice(0, circuits);
    const tph = uniform(40, 250); // t/h of ore
    const flows: Record<string, number> = {};
    const grade = (lo: number, hi: number) => sig(tph * 1000 * uniform(lo, hi));
    const leachable: { oxide: string; equation: string; conversion: number }[] = [];
    for (const m of chem.sxMetals) {
      if (!circuitMetals.includes(m) && !chance(0.5)) continue;
      flows[`${m}O(s)`] = grade(0.005, 0.04);
      leachable.push({ oxide: `${m}O(s)`, equation: `${m}O(s) + H2SO4(aq) -> ${m}SO4(aq) + H2O(l)`, conversion: sig(uniform(0.85, 0.97), 3) });
    }
    for (const m of chem.hydroxideMetals) {
      if (!chance(0.8)) continue;
      flows[`${m}2O3(s)`] = grade(0.01, 0.08);
      leachable.push({
        oxide: `${m}2O3(s)`,
        equation: `${m}2O3(s) + 3 H2SO4(aq) -> ${m}2(SO4)3(aq) + 3 H2O(l)`,
        conversion: sig(uniform(0.04, 0.25), 3),
      });
    }
    for (const m of chem.leachMetals) {
      if (!chance(0.6)) continue;
      flows[m.oxide] = grade(0.001, 0.02);
      const a = m.acid === 1 ? '' : `${m.acid} `;
      leachable.push({ oxide: m.oxide, equation: `${m.oxide} + ${a}H2SO4(aq) -> ${m.sulfate} + ${a}H2O(l)`, conversion: sig(uniform(0.5, 0.95), 3) });
    }
    if (chance(0.5)) {
      flows['CaO(s)'] = grade(0.005, 0.03);
      leachable.push({ oxide: 'CaO(s)', equation: 'CaO(s) + H2SO4(aq) -> CaSO4(s) + H2O(l)', conversion: 0.99 });
    }
    for (const inert of chem.inerts) if (chance(0.5)) flows[inert] = grade(0.005, 0.05);
    const other = Object.values(flows).reduce((a, b) => a + b, 0);
    flows['SiO2(s)'] = sig(tph * 1000 - other);
    flows['H2O(l)'] = sig(tph * 1000 * uniform(0.03, 0.1)); // ore moisture
    units[id('ore')] = { type: 'feed', label: `Ore, train ${index + 1}`, flows: orderedFlows(chem.species, flows) };
    units[id('water')] = { type: 'feed', label: 'Process water', flows: { 'H2O(l)': sig(tph * 1000 * uniform(1.2, 2.5)) } };

    // Leach tanks in series, acid dosed in each with some excess.
    const excess = sig(uniform(0.05, 0.3), 2);
    for (let k = 1; k <= tanks; k++) {
      units[id(`leach${k}`)] = {
        type: 'reactor',
        label: `Leach tank ${k}`,
        reactions: leachable.map((l) => ({ equation: l.equation, key: l.oxide, conversion: l.conversion })),
        ...(leachable.length ? { reagents: { 'H2SO4(aq)': { excess } } } : {}),
      };
      if (k > 1) connect(`${id(`leach${k - 1}`)}.out`, `${id(`leach${k}`)}.in`);
    }
    connect(`${id('ore')}.out`, `${id('leach1')}.in`);
    connect(`${id('water')}.out`, `${id('leach1')}.in`);

    const entrain = sig(uniform(0.05, 0.15), 2);
    units[id('filter')] = {
      type: 'separator',
      label: 'Residue filter',
      outlets: ['cake', 'filtrate'],
      split: { cake: { 'phase:s': sig(uniform(0.99, 0.999), 3), 'phase:aq': entrain, 'phase:l': entrain } },
    };
    connect(`${id(`leach${tanks}`)}.out`, `${id('filter')}.in`);
    connect(`${id('filter')}.cake`, 'tailings.in');

    // SX circuits in series on the liquor.
    let liquor = `${id('filter')}.filtrate`;
    circuitMetals.forEach((m, j) => {
      const c = (name: string) => id(`sx${j + 1}_${name}`);
      const others = chem.sxMetals.filter((x) => x !== m);
      const co = others.length ? others[int(0, others.length - 1)] : undefined;
      const extract: Record<string, number> = { [`${m}SO4`]: sig(uniform(5, 40), 3) };
      const strip: Record<string, number> = { [`${m}SO4`]: sig(uniform(0.01, 0.06), 2) };
      if (co) {
        extract[`${co}SO4`] = sig(uniform(0.02, 0.2), 2);
        strip[`${co}SO4`] = sig(uniform(0.05, 0.2), 2);
      }
      units[c('ext')] = { type: 'sx', label: `${m} extraction`, stages: int(2, 6), oa: sig(uniform(0.8, 2), 2), extract };
      units[c('strip')] = { type: 'sx', label: `${m} stripping`, stages: int(2, 4), oa: sig(uniform(2, 6), 2), extract: strip };
      units[c('orgMakeup')] = { type: 'feed', label: 'Diluent make-up', flows: { [DILUENT]: sig(uniform(20, 200)) } };
      units[c('orgMix')] = { type: 'mixer', label: 'Organic tank' };
      const bleed = sig(uniform(0.003, 0.03), 2);
      units[c('orgSplit')] = { type: 'splitter', label: 'Organic bleed', outlets: ['recycle', 'bleed'], fractions: { recycle: sig(1 - bleed, 6), bleed } };
      units[c('orgBleed')] = { type: 'product', label: 'Crud and organic bleed' };
      units[c('stripAcid')] = {
        type: 'feed',
        label: 'Strip acid make-up',
        flows: { 'H2SO4(aq)': sig(tph * uniform(10, 40)), 'H2O(l)': sig(tph * uniform(150, 400)) },
      };
      units[c('stripMix')] = { type: 'mixer', label: 'Spent electrolyte tank' };
      units[c('ew')] = {
        type: 'reactor',
        label: `${m} electrowinning`,
        reactions: [{ equation: `2 ${m}SO4(aq) + 2 H2O(l) -> 2 ${m}(s) + 2 H2SO4(aq) + O2(g)`, key: `${m}SO4(aq)`, conversion: sig(uniform(0.3, 0.6), 2) }],
      };
      const carry = sig(uniform(0.0005, 0.003), 2);
      units[c('cell')] = {
        type: 'separator',
        label: 'Cathode harvest',
        outlets: ['cathode', 'gas', 'spent'],
        split: { cathode: { 'phase:s': 1, 'phase:aq': carry, 'phase:l': carry }, gas: { 'phase:g': 1 } },
      };
      units[c('cathode')] = { type: 'product', label: `${m} cathode`, price: sig(uniform(2, 10), 3) };
      units[c('vent')] = { type: 'product', label: 'Cell house vent' };
      const spentBleed = sig(uniform(0.03, 0.15), 2);
      units[c('spentSplit')] = {
        type: 'splitter',
        label: 'Electrolyte bleed',
        outlets: ['recycle', 'bleed'],
        fractions: { recycle: sig(1 - spentBleed, 6), bleed: spentBleed },
      };
      units[c('eBleed')] = { type: 'product', label: 'Electrolyte bleed' };

      connect(liquor, `${c('ext')}.aqIn`);
      connect(`${c('orgSplit')}.recycle`, `${c('ext')}.orgIn`);
      connect(`${c('ext')}.orgOut`, `${c('strip')}.orgIn`);
      connect(`${c('strip')}.orgOut`, `${c('orgMix')}.in`);
      connect(`${c('orgMakeup')}.out`, `${c('orgMix')}.in`);
      connect(`${c('orgMix')}.out`, `${c('orgSplit')}.in`);
      connect(`${c('orgSplit')}.bleed`, `${c('orgBleed')}.in`);
      connect(`${c('stripAcid')}.out`, `${c('stripMix')}.in`);
      connect(`${c('stripMix')}.out`, `${c('strip')}.aqIn`);
      connect(`${c('strip')}.aqOut`, `${c('ew')}.in`);
      connect(`${c('ew')}.out`, `${c('cell')}.in`);
      connect(`${c('cell')}.cathode`, `${c('cathode')}.in`);
      connect(`${c('cell')}.gas`, `${c('vent')}.in`);
      connect(`${c('cell')}.spent`, `${c('spentSplit')}.in`);
      connect(`${c('spentSplit')}.recycle`, `${c('stripMix')}.in`);
      connect(`${c('spentSplit')}.bleed`, `${c('eBleed')}.in`);
      liquor = `${c('ext')}.aqOut`;
    });

    // Raffinate: most returns to the leach, the rest is neutralised.
    const recycle = sig(uniform(0.3, 0.75), 2);
    units[id('raffSplit')] = { type: 'splitter', label: 'Raffinate split', outlets: ['recycle', 'bleed'], fractions: { recycle, bleed: sig(1 - recycle, 6) } };
    connect(liquor, `${id('raffSplit')}.in`);
    connect(`${id('raffSplit')}.recycle`, `${id('leach1')}.in`);

    const neutReactions = [{ equation: 'H2SO4(aq) + CaO(s) -> CaSO4(s) + H2O(l)', key: 'H2SO4(aq)', conversion: sig(uniform(0.95, 0.995), 3) }];
    for (const m of chem.hydroxideMetals) {
      neutReactions.push({
        equation: `${m}2(SO4)3(aq) + 3 CaO(s) + 3 H2O(l) -> 2 ${m}(OH)3(s) + 3 CaSO4(s)`,
        key: `${m}2(SO4)3(aq)`,
        conversion: sig(uniform(0.95, 0.999), 3),
      });
    }
    units[id('neut')] = { type: 'reactor', label: 'Neutralisation', reactions: neutReactions, reagents: { 'CaO(s)': { excess: sig(uniform(0.05, 0.2), 2) } } };
    const underflow = sig(uniform(0.2, 0.35), 2);
    units[id('thickener')] = {
      type: 'separator',
      label: 'Neutralisation thickener',
      outlets: ['underflow', 'overflow'],
      split: { underflow: { 'phase:s': sig(uniform(0.97, 0.995), 3), 'phase:aq': underflow, 'phase:l': underflow } },
    };
    connect(`${id('raffSplit')}.bleed`, `${id('neut')}.in`);
    connect(`${id('neut')}.out`, `${id('thickener')}.in`);
    connect(`${id('thickener')}.underflow`, 'tailings.in');
    connect(`${id('thickener')}.overflow`, 'effluent.in');
  });

  const count = Object.keys(units).length;
  if (count !== nUnits) throw new Error(`generatePlant: made ${count} units instead of ${nUnits} (bug in the generator)`);
  return {
    format: 'flexsheet/1',
    name: `Generated plant: ${nUnits} units, ${nSpecies} species, seed ${seed}`,
    basis: 'kg/h',
    description: `${plan.length} leach/SX/EW trains generated by bench/generate.ts`,
    species: chem.species,
    units,
    streams,
  };
}

/** Flows listed in the order the species are declared, for readable files. */
function orderedFlows(species: FlowsheetDoc['species'], flows: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const id of Object.keys(species)) if (flows[id] !== undefined) out[id] = flows[id];
  return out;
}
