/**
 * Writes the example pilot data sets of this folder: true values from a solved flowsheet plus
 * Gaussian noise of a stated relative size, from a seeded generator, so they can be regenerated
 * exactly:
 *
 *   npx tsx flowsheets/pilot/generate.ts                       # every data set
 *   npx tsx flowsheets/pilot/generate.ts black-mass-plant-units.csv
 *
 * Each data set lists, per measurement, its relative standard deviation (the noise drawn is
 * N(0, sd²) with sd = rel × true value), and one run may carry a planted gross error, stated below.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileFlowsheet, solvePlant, type CompiledFlowsheet, type FlowsheetDoc } from '../../core';
import { measurementsToCsv, seededRng, synthesize, synthesizeFrom, variableIndex, withAccumulations, type PlanItem } from '../../core/reconcile';
import { registry } from '../../unit-ops';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

interface Run {
  run: string;
  mode?: string;
  /** A change to the flowsheet the run was made at. */
  patch?: (doc: FlowsheetDoc) => void;
  /** Seed of its noise. */
  seed: number;
  /** Planted gross errors: [plan index, size in sd]. */
  bias?: [number, number][];
  /** The period the run covers, h. */
  hours?: number;
  /** Inventories whose stock grows over the period: the share of what leaves the unit that stays in it instead. */
  inventories?: { unit: string; holds: number }[];
  /** Plan items for this run only (the stock changes it measures). */
  extra?: PlanItem[];
}

interface DataSet {
  flowsheet: string;
  out: string;
  header: string[];
  plan: PlanItem[];
  runs: Run[];
}

/** The leach–filter–SX test plant (tests/fixtures/reconcile-leach-sx.json). */
export const LEACH_SX_PLAN: PlanItem[] = [
  { stream: 'blackMass', component: 'total', unit: 'kg/h', rel: 0.01, note: 'belt weigher' },
  { stream: 'blackMass', component: 'Co', unit: 'wt%', rel: 0.02, note: 'composite assay' },
  { stream: 'acidFeed', component: 'H2SO4(aq)', unit: 'kg/h', rel: 0.02, note: 'acid flowmeter' },
  { stream: 'acidFeed', component: 'H2O(l)', unit: 'kg/h', rel: 0.02, note: 'water flowmeter' },
  { stream: 'reagent:leach', component: 'H2O2(aq)', unit: 'kg/h', rel: 0.03, note: 'peroxide dosing pump' },
  { stream: 'cake', component: 'total', unit: 'kg/h(s)', rel: 0.02, note: 'dry cake' },
  { stream: 'cake', component: 'Co', unit: 'wt%(s)', rel: 0.02, note: 'dry cake assay' },
  { stream: 'cake', component: 'H2O(l)', unit: 'wt%', rel: 0.03, note: 'moisture' },
  { stream: 'pls', component: 'total', unit: 'kg/h', rel: 0.02 },
  { stream: 'pls', component: 'Co', unit: 'g/kg(aq)', rel: 0.02 },
  { stream: 'pls', component: 'Li', unit: 'g/kg(aq)', rel: 0.02 },
  { stream: 'pls', component: 'H2SO4(aq)', unit: 'g/kg', rel: 0.03, note: 'free acid titration' },
  { stream: 'raff', component: 'total', unit: 'kg/h', rel: 0.02 },
  { stream: 'raff', component: 'Co', unit: 'g/kg', rel: 0.03 },
  { stream: 'raff', component: 'Li', unit: 'g/kg', rel: 0.02 },
  { stream: 'loaded', component: 'Co', unit: 'kg/h', rel: 0.03 },
  { stream: 'barrenOrganic', component: 'total', unit: 'kg/h', rel: 0.01 },
];

const assays = (stream: string, elements: string[], unit: string, rel: number, note?: string): PlanItem[] =>
  elements.map((component) => ({ stream, component, unit, rel, ...(note ? { note } : {}) }));

/**
 * One SX circuit of black-mass.json: organic make-up and barren organic flows, the loaded organic
 * assayed for the extracted metal (the first of `stripAssays`), strip water and strip liquor.
 */
const sxCircuit = (solvent: string, strip: string, stripAssays: string[]): PlanItem[] => [
  { stream: `${solvent}_makeup`, component: 'total', unit: 'kg/h', rel: 0.02 },
  { stream: `${solvent}_barren`, component: 'total', unit: 'kg/h', rel: 0.02, note: 'organic flowmeter' },
  { stream: `${solvent}_loaded`, component: stripAssays[0], unit: 'g/kg(org)', rel: 0.03, note: 'loaded organic, stripped and assayed' },
  { stream: `${strip}_strip_water`, component: 'total', unit: 'kg/h', rel: 0.01, note: 'flowmeter' },
  { stream: `${strip}_strip_liquor`, component: 'total', unit: 'kg/h', rel: 0.02 },
  ...assays(`${strip}_strip_liquor`, stripAssays, 'g/kg(aq)', 0.02, 'ICP'),
];

/**
 * A pilot campaign on flowsheets/black-mass.json: flowmeters on every water and reagent feed
 * (1–2 %), weighed solids (1–3 %), solution assays by ICP (2 %, minor elements 3–5 %), solids
 * assays (1–5 %), organic assays (3 %). The recycle streams inside the SX circuits and the
 * off-gases are not sampled, as on most pilots.
 */
export const BLACK_MASS_PLAN: PlanItem[] = [
  { stream: 'bm', component: 'total', unit: 'kg/h', rel: 0.01, note: 'loss-in-weight feeder' },
  ...assays('bm', ['Li', 'Ni', 'Co', 'Mn'], 'wt%', 0.02, 'composite, ICP after digestion'),
  ...assays('bm', ['Cu', 'Al'], 'wt%', 0.05, 'composite, ICP after digestion'),
  { stream: 'leach_water', component: 'total', unit: 'kg/h', rel: 0.01, note: 'flowmeter' },
  { stream: 'reagent:leach', component: 'H2SO4(aq)', unit: 'kg/h', rel: 0.02, note: 'acid dosing pump' },
  { stream: 'reagent:leach', component: 'H2O2(aq)', unit: 'kg/h', rel: 0.03, note: 'peroxide dosing pump' },
  { stream: 'pls', component: 'total', unit: 'kg/h', rel: 0.02 },
  ...assays('pls', ['Li', 'Ni', 'Co', 'Mn'], 'g/kg(aq)', 0.02, 'ICP'),
  ...assays('pls', ['Cu', 'Al'], 'g/kg(aq)', 0.03, 'ICP'),
  { stream: 'pls', component: 'H2SO4(aq)', unit: 'g/kg', rel: 0.03, note: 'free acid titration' },
  { stream: 'residue_wash_water', component: 'total', unit: 'kg/h', rel: 0.01, note: 'flowmeter' },
  { stream: 'wash_filtrate', component: 'total', unit: 'kg/h', rel: 0.02, note: 'filtrate returned to the leach' },
  ...assays('wash_filtrate', ['Li', 'Ni', 'Co', 'Mn', 'Cu'], 'g/kg(aq)', 0.03, 'ICP'),
  { stream: 'graphite_cake', component: 'total', unit: 'kg/h(s)', rel: 0.02, note: 'dry weight' },
  ...assays('graphite_cake', ['Li', 'Ni', 'Co', 'Mn'], 'wt%(s)', 0.05, 'residue assay'),
  { stream: 'graphite_cake', component: 'H2O(l)', unit: 'wt%', rel: 0.03, note: 'moisture' },
  { stream: 'reagent:purify', component: 'NaOH(aq)', unit: 'kg/h', rel: 0.02, note: 'caustic dosing pump' },
  { stream: 'purify_cake', component: 'total', unit: 'kg/h(s)', rel: 0.03 },
  ...assays('purify_cake', ['Al', 'Cu', 'Ni', 'Co'], 'wt%(s)', 0.03),
  { stream: 'purified', component: 'total', unit: 'kg/h', rel: 0.02 },
  ...assays('purified', ['Li', 'Ni', 'Co', 'Mn'], 'g/kg(aq)', 0.02, 'ICP'),
  ...sxCircuit('d2ehpa', 'mn', ['Mn', 'Co']),
  { stream: 'mn_raffinate', component: 'Mn', unit: 'g/kg(aq)', rel: 0.05, note: 'ICP, low level' },
  ...sxCircuit('cyanex', 'co', ['Co', 'Mn']),
  { stream: 'coso4_crystals', component: 'total', unit: 'kg/h', rel: 0.02, note: 'bagged product' },
  { stream: 'coso4_crystals', component: 'Co', unit: 'wt%', rel: 0.01 },
  { stream: 'co_cryst_vapour', component: 'total', unit: 'kg/h', rel: 0.03, note: 'condensate' },
  { stream: 'co_raffinate', component: 'total', unit: 'kg/h', rel: 0.02 },
  ...assays('co_raffinate', ['Li', 'Ni', 'Co'], 'g/kg(aq)', 0.02, 'ICP'),
  { stream: 'reagent:ni_precip', component: 'NaOH(aq)', unit: 'kg/h', rel: 0.02, note: 'caustic dosing pump' },
  { stream: 'ni_wash_water', component: 'total', unit: 'kg/h', rel: 0.01, note: 'flowmeter' },
  { stream: 'ni_product', component: 'total', unit: 'kg/h', rel: 0.02, note: 'wet cake, weighed' },
  ...assays('ni_product', ['Ni', 'Co', 'Mn'], 'wt%', 0.02, 'wet cake assay'),
  { stream: 'ni_product', component: 'H2O(l)', unit: 'wt%', rel: 0.03, note: 'moisture' },
  { stream: 'evap_vapour', component: 'total', unit: 'kg/h', rel: 0.03, note: 'condensate' },
  { stream: 'na2so4_crystals', component: 'total', unit: 'kg/h', rel: 0.03 },
  { stream: 'reagent:li_precip', component: 'Na2CO3(aq)', unit: 'kg/h', rel: 0.02, note: 'soda ash feeder' },
  { stream: 'li_wash_water', component: 'total', unit: 'kg/h', rel: 0.01, note: 'flowmeter' },
  { stream: 'li2co3_dry', component: 'total', unit: 'kg/h', rel: 0.02, note: 'bagged product' },
  { stream: 'li2co3_dry', component: 'Li', unit: 'wt%', rel: 0.01 },
  { stream: 'li_bleed', component: 'total', unit: 'kg/h', rel: 0.02 },
  ...assays('li_bleed', ['Li', 'Na'], 'g/kg(aq)', 0.03, 'ICP'),
  // The hydroxide cake's wash water and its filtrate, which the leach takes back with the residue
  // wash filtrate: without them the Cu the leach receives is not known, and its Cu conversion
  // cannot be told from the peroxide excess. Last in the plan, so the draws above are unchanged.
  { stream: 'purify_wash_water', component: 'total', unit: 'kg/h', rel: 0.01, note: 'flowmeter' },
  { stream: 'purify_wash_filtrate', component: 'total', unit: 'kg/h', rel: 0.02, note: 'filtrate returned to the leach' },
  ...assays('purify_wash_filtrate', ['Li', 'Ni', 'Co', 'Mn'], 'g/kg(aq)', 0.03, 'ICP'),
  { stream: 'purify_wash_filtrate', component: 'Cu', unit: 'g/kg(aq)', rel: 0.05, note: 'ICP, low level' },
];

/**
 * The black-mass pilot measured as the plant's instruments and laboratory report it (plant units):
 * magnetic flowmeters in m³/h (1 %), a densitometer on the leach liquor (SG ± 0.005), solution assays
 * by ICP in g/L (2 %; minor elements 3-5 %, low levels in mg/L), the feed weighed over the day in t
 * with dry-solids assays, cakes as dry tonnes, % solids and dry-solids assays (wt%(s), ppm(s)),
 * organic flows in m³/h and loaded-organic assays in g/L(org), reagent pumps in kg/h. Volumes and
 * densities come from the species table (the file's values, else core/properties).
 */
export const BLACK_MASS_PLANT_UNITS_PLAN: PlanItem[] = [
  { stream: 'bm', component: 'total', unit: 't', rel: 0.01, note: 'weighed over the day' },
  ...assays('bm', ['Li', 'Ni', 'Co', 'Mn'], 'wt%(s)', 0.02, 'dry solids, ICP after digestion'),
  ...assays('bm', ['Cu', 'Al'], 'wt%(s)', 0.05, 'dry solids, ICP after digestion'),
  { stream: 'leach_water', component: 'total', unit: 'm³/h', rel: 0.01, note: 'magnetic flowmeter' },
  { stream: 'reagent:leach', component: 'H2SO4(aq)', unit: 'kg/h', rel: 0.02, note: 'acid dosing pump' },
  { stream: 'reagent:leach', component: 'H2O2(aq)', unit: 'kg/h', rel: 0.03, note: 'peroxide dosing pump' },
  { stream: 'pls', component: 'total', unit: 'm³/h', rel: 0.01, note: 'magnetic flowmeter' },
  { stream: 'pls', component: 'total', unit: 'SG', sd: 0.005, note: 'densitometer' },
  ...assays('pls', ['Li', 'Ni', 'Co', 'Mn'], 'g/L', 0.02, 'ICP'),
  ...assays('pls', ['Cu', 'Al'], 'g/L', 0.03, 'ICP'),
  { stream: 'pls', component: 'H2SO4(aq)', unit: 'g/L', rel: 0.03, note: 'free acid titration' },
  { stream: 'residue_wash_water', component: 'total', unit: 'm³/h', rel: 0.01, note: 'flowmeter' },
  { stream: 'wash_filtrate', component: 'total', unit: 'L/min', rel: 0.02, note: 'filtrate returned to the leach' },
  ...assays('wash_filtrate', ['Li', 'Ni', 'Co', 'Mn'], 'g/L', 0.03, 'ICP'),
  { stream: 'graphite_cake', component: 'solids', unit: 't', rel: 0.02, note: 'dry weight over the day' },
  { stream: 'graphite_cake', component: 'solids', unit: '%', rel: 0.01, note: 'moisture balance' },
  ...assays('graphite_cake', ['Ni', 'Co', 'Mn'], 'ppm(s)', 0.05, 'residue assay'),
  { stream: 'reagent:purify', component: 'NaOH(aq)', unit: 'kg/h', rel: 0.02, note: 'caustic dosing pump' },
  { stream: 'purify_cake', component: 'total', unit: 'kg/h(s)', rel: 0.03, note: 'dry cake' },
  ...assays('purify_cake', ['Al', 'Cu', 'Ni', 'Co'], 'wt%(s)', 0.03),
  { stream: 'purified', component: 'total', unit: 'm³/h', rel: 0.01 },
  ...assays('purified', ['Li', 'Ni', 'Co', 'Mn'], 'g/L', 0.02, 'ICP'),
  { stream: 'd2ehpa_barren', component: 'total', unit: 'm³/h', rel: 0.02, note: 'organic flowmeter' },
  { stream: 'd2ehpa_loaded', component: 'Mn', unit: 'g/L(org)', rel: 0.03, note: 'loaded organic, stripped and assayed' },
  { stream: 'mn_strip_water', component: 'total', unit: 'm³/h', rel: 0.01 },
  { stream: 'mn_strip_liquor', component: 'total', unit: 'm³/h', rel: 0.02 },
  ...assays('mn_strip_liquor', ['Mn', 'Co'], 'g/L', 0.02, 'ICP'),
  { stream: 'mn_raffinate', component: 'Mn', unit: 'mg/L', rel: 0.05, note: 'ICP, low level' },
  { stream: 'cyanex_barren', component: 'total', unit: 'm³/h', rel: 0.02, note: 'organic flowmeter' },
  { stream: 'cyanex_loaded', component: 'Co', unit: 'g/L(org)', rel: 0.03, note: 'loaded organic, stripped and assayed' },
  { stream: 'co_strip_water', component: 'total', unit: 'm³/h', rel: 0.01 },
  { stream: 'co_strip_liquor', component: 'total', unit: 'm³/h', rel: 0.02 },
  ...assays('co_strip_liquor', ['Co', 'Mn'], 'g/L', 0.02, 'ICP'),
  { stream: 'coso4_crystals', component: 'total', unit: 't', rel: 0.02, note: 'bagged product over the day' },
  { stream: 'coso4_crystals', component: 'Co', unit: 'wt%', rel: 0.01 },
  { stream: 'co_raffinate', component: 'total', unit: 'm³/h', rel: 0.02 },
  ...assays('co_raffinate', ['Li', 'Ni', 'Co'], 'g/L', 0.02, 'ICP'),
  { stream: 'reagent:ni_precip', component: 'NaOH(aq)', unit: 'kg/h', rel: 0.02, note: 'caustic dosing pump' },
  { stream: 'ni_wash_water', component: 'total', unit: 'm³/h', rel: 0.01 },
  { stream: 'ni_product', component: 'solids', unit: 't', rel: 0.02, note: 'dry weight over the day' },
  { stream: 'ni_product', component: 'solids', unit: '%', rel: 0.01 },
  ...assays('ni_product', ['Ni', 'Co', 'Mn'], 'wt%(s)', 0.02, 'dry cake assay'),
  { stream: 'evap_vapour', component: 'total', unit: 'kg/h', rel: 0.03, note: 'condensate' },
  { stream: 'na2so4_crystals', component: 'total', unit: 't', rel: 0.03 },
  { stream: 'reagent:li_precip', component: 'Na2CO3(aq)', unit: 'kg/h', rel: 0.02, note: 'soda ash feeder' },
  { stream: 'li_wash_water', component: 'total', unit: 'm³/h', rel: 0.01 },
  { stream: 'li2co3_dry', component: 'total', unit: 't', rel: 0.02, note: 'bagged product over the day' },
  { stream: 'li2co3_dry', component: 'Li', unit: 'wt%', rel: 0.01 },
  { stream: 'li_bleed', component: 'total', unit: 'm³/h', rel: 0.02 },
  { stream: 'li_bleed', component: 'Li', unit: 'g/L', rel: 0.03, note: 'ICP' },
  { stream: 'li_bleed', component: 'Co', unit: 'mg/L', rel: 0.05, note: 'ICP, low level' },
];

/**
 * Stock changes of day D2: the Co SX feed tank (its level, and its metals as level × tank assay) and
 * the Cyanex organic tank (level, and the metals of the organic as level × organic assay).
 */
const PLANT_UNITS_STOCKS: PlanItem[] = [
  { stream: 'stock:co_mix', component: 'total', unit: 'm³', rel: 0.05, note: 'tank level, start to end of day' },
  ...assays('stock:co_mix', ['Li', 'Ni', 'Co', 'Mn'], 'kg', 0.08, 'level x tank assay'),
  { stream: 'stock:cyanex_mix', component: 'total', unit: 'm³', rel: 0.05, note: 'organic tank level' },
  ...assays('stock:cyanex_mix', ['Co', 'Mn', 'Cu'], 'kg', 0.1, 'level x organic assay'),
  { stream: 'stock:cyanex_mix', component: 'Ni', unit: 'kg', sd: 0.001, note: 'level x organic assay, at the detection limit' },
];

const sets: DataSet[] = [
  {
    flowsheet: 'tests/fixtures/reconcile-leach-sx.json',
    out: 'flowsheets/pilot/leach-sx-pilot.csv',
    header: [
      'Synthetic pilot data for tests/fixtures/reconcile-leach-sx.json, written by flowsheets/pilot/generate.ts.',
      'True values: run A = the base flowsheet, run B = mode "hot"; noise N(0, sd^2), sd as listed (1-3 % of the true value); seeds 11 and 12.',
      'Planted gross error: run B, Co in the loaded organic, +8 sd. Reconcile with: bin/flexsheet reconcile tests/fixtures/reconcile-leach-sx.json flowsheets/pilot/leach-sx-pilot.csv',
    ],
    plan: LEACH_SX_PLAN,
    runs: [
      { run: 'A', seed: 11 },
      { run: 'B', mode: 'hot', seed: 12, bias: [[LEACH_SX_PLAN.findIndex((p) => p.stream === 'loaded' && p.component === 'Co'), 8]] },
    ],
  },
  {
    flowsheet: 'flowsheets/black-mass.json',
    out: 'flowsheets/pilot/black-mass-pilot.csv',
    header: [
      'Synthetic pilot campaign on flowsheets/black-mass.json (NMC111 black mass), written by flowsheets/pilot/generate.ts (BLACK_MASS_PLAN).',
      'Noise: each value = true value + N(0, sd^2), sd as listed: 1 % flowmeters and weighed products, 2 % main assays and flows, 3-5 % minor and low-level assays.',
      'Run P1: the flowsheet as it is (seed 101). Run P2: a cooler leach, NMC111 conversion 0.985 and Cu 0.90 instead of 0.997 and 0.95 (seed 102).',
      'Run P3: as P1 (seed 103) with one planted gross error: the Co assay of the black mass reads 8 sd high.',
      'Reconcile with: bin/flexsheet reconcile flowsheets/black-mass.json flowsheets/pilot/black-mass-pilot.csv',
    ],
    plan: BLACK_MASS_PLAN,
    runs: [
      { run: 'P1', seed: 101 },
      {
        run: 'P2',
        seed: 102,
        patch: (doc) => {
          const reactions = (doc.units.leach as unknown as { reactions: { key: string; conversion: number }[] }).reactions;
          for (const r of reactions) {
            if (r.key === 'NMC111(s)') r.conversion = 0.985;
            if (r.key === 'Cu(s)') r.conversion = 0.9;
          }
        },
      },
      { run: 'P3', seed: 103, bias: [[BLACK_MASS_PLAN.findIndex((p) => p.stream === 'bm' && p.component === 'Co'), 8]] },
    ],
  },
  {
    flowsheet: 'flowsheets/black-mass.json',
    out: 'flowsheets/pilot/black-mass-plant-units.csv',
    header: [
      'Synthetic pilot days on flowsheets/black-mass.json in plant units (m3/h, SG, g/L, mg/L, % solids, t per day, stock changes), written by flowsheets/pilot/generate.ts (BLACK_MASS_PLANT_UNITS_PLAN).',
      'Noise: each value = true value + N(0, sd^2): 1 % flowmeters, SG +- 0.005, 2 % main assays, 3-5 % minor and low-level assays, 5-8 % stock surveys.',
      'Day D1: 24 h at steady state (seed 201). Day D2: 24 h (seed 202) in which the Co SX feed tank co_mix keeps 0.5 % of what it receives and the Cyanex organic tank cyanex_mix 0.05 % (more would starve the closed organic loop, whose make-up is fixed, of extractant): their stock changes are measured.',
      'Reconcile with: bin/flexsheet reconcile flowsheets/black-mass.json flowsheets/pilot/black-mass-plant-units.csv --run D2',
    ],
    plan: BLACK_MASS_PLANT_UNITS_PLAN,
    runs: [
      { run: 'D1', seed: 201, hours: 24 },
      { run: 'D2', seed: 202, hours: 24, inventories: [{ unit: 'co_mix', holds: 0.005 }, { unit: 'cyanex_mix', holds: 0.0005 }], extra: PLANT_UNITS_STOCKS },
    ],
  },
];

/**
 * The flowsheet with part of what leaves each inventory unit diverted to a product of its own, so
 * that a solve gives the flows of a period in which the inventory grows: the unit's outlet stream
 * keeps its id behind a splitter, whose other outlet is the stock change.
 */
function withInventories(doc: FlowsheetDoc, inventories: NonNullable<Run['inventories']>): FlowsheetDoc {
  const out = structuredClone(doc);
  for (const { unit, holds } of inventories) {
    const [id, stream] = Object.entries(out.streams).find(([, st]) => st.from.split('.')[0] === unit)!;
    const split = `${unit}__inventory`;
    out.units[split] = { type: 'splitter', outlets: ['on', 'held'], fractions: { on: 1 - holds, held: holds } } as never;
    out.units[`${unit}__stock`] = { type: 'product' } as never;
    out.streams[`${id}__to_inventory`] = { from: stream.from, to: `${split}.in` };
    out.streams[id] = { from: `${split}.on`, to: stream.to };
    out.streams[`${unit}__held`] = { from: `${split}.held`, to: `${unit}__stock.in` };
  }
  return out;
}

/** True values of the original plant's unknowns, stock changes included, from the solve with inventories. */
function truthWithStocks(plant: CompiledFlowsheet, patched: CompiledFlowsheet, x: Float64Array, inventories: NonNullable<Run['inventories']>) {
  const S = plant.species.list.length;
  const pairs = inventories.flatMap(({ unit }) => Array.from({ length: S }, (_, species) => ({ unitIndex: plant.units.findIndex((u) => u.id === unit), species })));
  const index = withAccumulations(variableIndex(plant), plant, pairs);
  const truth = new Float64Array(index.nVars);
  const streamOf = (p: CompiledFlowsheet, id: string) => p.streams.find((st) => st.id === id)!;
  plant.streams.forEach((st, s) => {
    const from = streamOf(patched, st.id);
    for (let k = 0; k < S; k++) truth[s * S + k] = x[from.offset + k];
  });
  for (const d of index.doses) {
    const unit = patched.units.find((u) => u.id === d.unit)!;
    truth[d.variable] = x[unit.internalOffset + d.internal];
  }
  index.accumulations.forEach((a) => (truth[a.variable] = x[streamOf(patched, `${a.unit}__held`).offset + a.species]));
  return { index, truth };
}

function runMeasurements(text: string, set: DataSet, r: Run, noise = true) {
  const doc = JSON.parse(text) as FlowsheetDoc;
  r.patch?.(doc);
  const plant = compileFlowsheet(doc, registry, { mode: r.mode });
  const options = { run: r.run, bias: new Map(r.bias ?? []), noise, ...(r.hours !== undefined ? { hours: r.hours } : {}) };
  const plan = [...set.plan, ...(r.extra ?? [])];
  if (!r.inventories?.length) return synthesize(plant, solvePlant(plant).x, plan, seededRng(r.seed), options);
  const patched = compileFlowsheet(withInventories(doc, r.inventories), registry, { mode: r.mode });
  const { index, truth } = truthWithStocks(plant, patched, solvePlant(patched).x, r.inventories);
  return synthesizeFrom(plant, index, truth, plan, seededRng(r.seed), options);
}

/** The measurements of one run of a shipped data set (by its file name), without noise when asked: the true values. */
export function runData(file: string, run: string, options: { noise?: boolean } = {}) {
  const set = sets.find((d) => d.out.endsWith(file))!;
  return runMeasurements(readFileSync(join(root, set.flowsheet), 'utf8'), set, set.runs.find((r) => r.run === run)!, options.noise ?? true);
}

export function writeDataSet(set: DataSet): string {
  const text = readFileSync(join(root, set.flowsheet), 'utf8');
  const measurements = set.runs.flatMap((r) => runMeasurements(text, set, r));
  const csv = set.header.map((h) => `# ${h}\n`).join('') + measurementsToCsv(measurements);
  writeFileSync(join(root, set.out), csv);
  return csv;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // npx tsx flowsheets/pilot/generate.ts [file ...]: the data sets named (by their file), or all.
  const only = process.argv.slice(2);
  for (const set of sets.filter((d) => !only.length || only.some((o) => d.out.endsWith(o)))) {
    if (!existsSync(join(root, set.flowsheet))) {
      process.stderr.write(`skipped ${set.out}: ${set.flowsheet} does not exist yet\n`);
      continue;
    }
    writeDataSet(set);
    process.stdout.write(`wrote ${set.out}\n`);
  }
}
