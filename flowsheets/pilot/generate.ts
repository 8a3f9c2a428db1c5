/**
 * Writes the example pilot data sets of this folder: true values from a solved flowsheet plus
 * Gaussian noise of a stated relative size, from a seeded generator, so they can be regenerated
 * exactly:
 *
 *   npx tsx flowsheets/pilot/generate.ts
 *
 * Each data set lists, per measurement, its relative standard deviation (the noise drawn is
 * N(0, sd²) with sd = rel × true value), and one run may carry a planted gross error, stated below.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileFlowsheet, solvePlant, type FlowsheetDoc } from '../../core';
import { measurementsToCsv, seededRng, synthesize, type PlanItem } from '../../core/reconcile';
import { registry } from '../../unit-ops';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

interface DataSet {
  flowsheet: string;
  out: string;
  header: string[];
  plan: PlanItem[];
  /** Each run: the mode or the change to the flowsheet it was run at, the seed of its noise, and planted gross errors [plan index, size in sd]. */
  runs: { run: string; mode?: string; patch?: (doc: FlowsheetDoc) => void; seed: number; bias?: [number, number][] }[];
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
];

export function writeDataSet(set: DataSet): string {
  const text = readFileSync(join(root, set.flowsheet), 'utf8');
  const measurements = set.runs.flatMap((r) => {
    const doc = JSON.parse(text) as FlowsheetDoc;
    r.patch?.(doc);
    const plant = compileFlowsheet(doc, registry, { mode: r.mode });
    return synthesize(plant, solvePlant(plant).x, set.plan, seededRng(r.seed), { run: r.run, bias: new Map(r.bias ?? []) });
  });
  const csv = set.header.map((h) => `# ${h}\n`).join('') + measurementsToCsv(measurements);
  writeFileSync(join(root, set.out), csv);
  return csv;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const set of sets) {
    if (!existsSync(join(root, set.flowsheet))) {
      process.stderr.write(`skipped ${set.out}: ${set.flowsheet} does not exist yet\n`);
      continue;
    }
    writeDataSet(set);
    process.stdout.write(`wrote ${set.out}\n`);
  }
}
