/** `flexsheet economics`, `switchover` and `campaign` on tests/fixtures/economics-two-mode.json, checked by hand. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FlexsheetError } from '../core';
import { parseArgs, type Command } from './args';
import { campaignCommand } from './commands/campaign';
import { economicsCommand, planSummary, toJson } from './commands/economics';
import { switchoverCommand } from './commands/switchover';

const root = join(import.meta.dirname, '..');
const FIXTURE = join(root, 'tests/fixtures/economics-two-mode.json');

function run(command: Command, ...argv: string[]): string {
  let text = '';
  const code = command.run(parseArgs(argv, command), (t) => (text += t));
  expect(code).toBe(0);
  return text;
}
const json = (command: Command, ...argv: string[]) => JSON.parse(run(command, ...argv, '--json'));

// IUPAC weights of the core: H 1.008, O 15.999, S 32.06, Si 28.085, Cu 63.546, Zn 65.38.
const M = { CuO: 63.546 + 15.999, ZnO: 65.38 + 15.999, SiO2: 28.085 + 2 * 15.999, H2O: 2 * 1.008 + 15.999, H2SO4: 2 * 1.008 + 32.06 + 4 * 15.999 };
const water = 50 * M.H2O; // 900.75 kg/h of leach water
const acid = M.H2SO4; // 1 kmol/h of H2SO4 dosed, 98.072 kg/h
const feed = { copper: M.CuO + M.SiO2, zinc: M.ZnO + M.SiO2 }; // 139.628 and 141.462 kg/h of solids

// Copper: liquor pays 90 % of Cu at 8 $/kg; ore costs 60 % of Cu at 8 $/kg; residue costs 0.01 $/kg;
// H2SO4 128 $/t; water 0.5 $/t; electricity 50 kWh/t feed at 0.0804 $/kWh (default).
const copper = {
  revenue: 63.546 * 8 * 0.9 - M.SiO2 * 0.01,
  reagents: acid * 0.128,
  feeds: 63.546 * 8 * 0.6 + water * 0.0005,
  utilities: (50 * feed.copper * 0.0804) / 1000,
};
const copperMargin = copper.revenue - copper.reagents - copper.feeds - copper.utilities;
// Zinc: 85 % of Zn at 2.5 $/kg paid, 50 % charged; electricity 10 kWh/h.
const zinc = {
  revenue: 65.38 * 2.5 * 0.85 - M.SiO2 * 0.01,
  reagents: acid * 0.128,
  feeds: 65.38 * 2.5 * 0.5 + water * 0.0005,
  utilities: 10 * 0.0804,
};
const zincMargin = zinc.revenue - zinc.reagents - zinc.feeds - zinc.utilities;

/**
 * Direct switchover cost: unit work (ore 200, leach 3000, filter 800, polish 400, zn_polish 600) +
 * plant 1000; cleaning 20 t water × 0.0005 + 100 kg NaOH × 0.45; half the flushed value lost;
 * 0.02 $/kg disposal of the half not recovered. Flushed value: metal at its liquor payable (Cu 7.2, Zn 2.125 $/kg), water
 * at 0.0005 $/kg. Hold-ups: leach 2 h × its outflow; filter 2400 kg at the leach outflow's
 * composition; polish (copper only) 1 h × the liquor. The ore bin's 1000 kg is run down into the
 * plant before the switchover (a feed bin is not flushed): no value lost, nothing disposed of.
 */
function direct(metal: number, pay: number, solids: number, polish: boolean): number {
  const leachOut = solids + water + acid; // kg/h leaving the leach
  const liquorValue = metal * pay + (water + M.H2O) * 0.0005; // $/h of metal and water leaving the leach
  const leach = 2 * liquorValue;
  const filter = (2400 / leachOut) * liquorValue;
  const tank = polish ? liquorValue : 0;
  const flushedKg = 2 * leachOut + 2400 + (polish ? leachOut - M.SiO2 : 0);
  return 6000 + 55 + 0.5 * (leach + filter + tank) + 0.5 * 0.02 * flushedKg;
}
const copperToZinc = direct(63.546, 7.2, feed.copper, true);
const zincToCopper = direct(65.38, 2.125, feed.zinc, false);

describe('flexsheet economics', () => {
  it('gives revenue, costs and margin per hour and per tonne of feed for each mode', () => {
    const out = json(economicsCommand, FIXTURE);
    const [cu, zn] = out.modes;
    expect(cu.feed.kgPerHour).toBeCloseTo(feed.copper, 9);
    expect(cu.perHour.revenue).toBeCloseTo(copper.revenue, 9);
    expect(cu.perHour.reagents).toBeCloseTo(copper.reagents, 9);
    expect(cu.perHour.feeds).toBeCloseTo(copper.feeds, 9);
    expect(cu.perHour.utilities).toBeCloseTo(copper.utilities, 9);
    expect(cu.perHour.margin).toBeCloseTo(copperMargin, 9); // 138.34 $/h
    expect(cu.perTonneFeed.margin).toBeCloseTo((copperMargin * 1000) / feed.copper, 6);
    expect(cu.reagentIntensity).toBeCloseTo((acid * 1000) / feed.copper, 9); // 702.4 kg H2SO4 per t
    expect(zn.perHour.margin).toBeCloseTo(zincMargin, 9); // 42.80 $/h
    // The year: 5000 h copper + 2500 h zinc − 100,000 fixed.
    expect(out.year.margin).toBeCloseTo(5000 * copperMargin + 2500 * zincMargin - 100000, 6);
    expect(out.warnings).toEqual(['no economics.operating: the fixed costs are economics.fixedCosts.perYear alone (give economics.operating to estimate labour, maintenance and overheads from the plant)']);
    // A file of the first economics format asks for no capital: none is estimated.
    expect(out.capital).toBeUndefined();
  });

  it('estimates capital and investment when the file asks (an economics.capital section)', () => {
    const doc = JSON.parse(readFileSync(FIXTURE, 'utf8'));
    doc.economics.capital = {};
    const file = join(mkdtempSync(join(tmpdir(), 'flexsheet-econ-')), 'capital.json');
    writeFileSync(file, JSON.stringify(doc));
    const out = json(economicsCommand, file);
    // 60.08 kg/h of residue ÷ 100 kg/(m²·h) = 0.6008 m², below Turton's 0.9 m².
    expect(out.warnings).toContain('unit "filter": filter, disc and drum of 0.601 m² is below the correlation\'s range (0.9–300 m²): costed at 0.9 m²');
    expect(out.capital.shared.units.map((u: { unit: string }) => u.unit)).toEqual(['leach', 'filter', 'polish']);
    expect(out.investment.plans.map((p: { modes: string[] }) => p.modes.join('+'))).toEqual(['copper+zinc', 'copper', 'zinc']);
    expect(run(economicsCommand, file)).toMatch(/fixed capital C_GR \(grassroots\)/);
  });

  it('prints the modes side by side', () => {
    const text = run(economicsCommand, FIXTURE);
    expect(text).toMatch(/margin, USD\/h\s+138\s+42\.80/);
    expect(text).toMatch(/reagent intensity, kg\/t feed\s+702\.4\s+693\.3/);
    expect(text).toMatch(/default "electricity": 0\.0804 USD\/kWh, 2023/);
  });

  it('one mode with --mode', () => {
    const out = json(economicsCommand, FIXTURE, '--mode', 'zinc');
    expect(out.modes.map((m: { mode: string }) => m.mode)).toEqual(['zinc']);
  });
});

describe('flexsheet switchover', () => {
  it('itemises copper → zinc', () => {
    const s = json(switchoverCommand, FIXTURE, '--from', 'copper', '--to', 'zinc');
    const status = Object.fromEntries(s.units.map((u: { unit: string; status: string }) => [u.unit, u.status]));
    expect(status).toEqual({ ore: 'repurposed', water: 'unchanged', leach: 'repurposed', filter: 'repurposed', polish: 'idle', residue: 'unchanged', liquor: 'repurposed', zn_polish: 'started' });
    // Along copper's streams: ore 1 h → leach 6 h → filter 3 h → polish 2 h (drained) = 12 h, then 2 h
    // plant-wide; zn_polish (4 h) is commissioned in parallel.
    expect(s.criticalPath).toEqual(['ore', 'leach', 'filter', 'polish']);
    expect(s.downtime).toBe(14);
    expect(s.items.changeover).toBe(6000);
    expect(s.items.cleaning).toBeCloseTo(55, 12);
    expect(s.direct).toBeCloseTo(copperToZinc, 6);
    // Feed-limited: copper needs ρ = 0.537 and zinc 0.265 of the year (Σ 0.80 < 1), so the 14 h are made up in idle hours.
    expect(s.items.lostMargin).toBe(0);
    expect(s.lostMarginBasis).toMatch(/^feed-limited/);
    expect(s.total).toBeCloseTo(copperToZinc, 6);
  });

  it('prints the matrix for every ordered pair without --from/--to', () => {
    const m = json(switchoverCommand, FIXTURE);
    expect(m.modes).toEqual(['copper', 'zinc']);
    expect(m.direct[0][0]).toBe(0);
    expect(m.direct[0][1]).toBeCloseTo(copperToZinc, 6);
    expect(m.direct[1][0]).toBeCloseTo(zincToCopper, 6);
    // zinc → copper along zinc's streams: ore 1 → leach 6 → filter 3 → zn_polish 4 (drained) = 14, + 2.
    expect(m.downtime).toEqual([[0, 14], [16, 0]]);
    expect(m.total[1][0]).toBeCloseTo(zincToCopper, 6); // feed-limited: no lost margin
    expect(run(switchoverCommand, FIXTURE)).toMatch(/from \\ to\s+copper\s+zinc/);
  });
});

describe('flexsheet campaign', () => {
  it('finds the cycle of the closed form: T* = sqrt(2·H·S / Σ k_i ρ_i (1 − ρ_i))', () => {
    const out = json(campaignCommand, FIXTURE);
    // Availability: 600 t/yr copper ore, 300 t/yr zinc ore, over 8000 h.
    const rho = [600 / ((feed.copper / 1000) * 8000), 300 / ((feed.zinc / 1000) * 8000)];
    // Holding: 20 %/yr of the ore's purchase cost, k = 0.2 × (feed cost per hour).
    const k = [0.2 * copper.feeds, 0.2 * zinc.feeds];
    const S = copperToZinc + zincToCopper;
    const T = Math.sqrt((2 * 8000 * S) / (k[0] * rho[0] * (1 - rho[0]) + k[1] * rho[1] * (1 - rho[1])));
    expect(T).toBeGreaterThan(30 / (1 - rho[0] - rho[1]));
    expect(out.optimum.cycle).toBeCloseTo(T, 6);
    expect(out.optimum.rotation).toEqual(['copper', 'zinc']);
    const margin = 8000 * (copperMargin * rho[0] + zincMargin * rho[1]) - (8000 * S) / T - (T / 2) * (k[0] * rho[0] * (1 - rho[0]) + k[1] * rho[1] * (1 - rho[1])) - 100000;
    expect(out.optimum.annual.margin).toBeCloseTo(margin, 4);
    // Every point of the curve is at most the optimum.
    for (const p of out.curve) expect(p.margin).toBeLessThanOrEqual(out.optimum.annual.margin + 1e-6);
    expect(out.sensitivity.map((s: { factor: number }) => s.factor)).toEqual([0, 0.25, 0.5, 1, 2, 4]);
  });

  it('prints the plan, the curve and the sensitivity', () => {
    const text = run(campaignCommand, FIXTURE);
    expect(text).toMatch(/Optimum: cycle T\* = 3,449 h/); // the closed form above: sqrt(2 × 8000 × 13,670 / 18.39)
    expect(text).toMatch(/Annual margin against cycle length/);
    expect(text).toMatch(/Sensitivity to switchover cost/);
  });
});

describe('errors', () => {
  it('refuses a bad economics section with its JSON path', () => {
    const doc = JSON.parse(readFileSync(FIXTURE, 'utf8'));
    doc.economics.prices.products.liquor.payable.Cu.payability = 1.5;
    doc.units.leach.equipment.holdup.mass = 3;
    const dir = mkdtempSync(join(tmpdir(), 'flexsheet-econ-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(doc));
    expect(() => run(economicsCommand, file)).toThrow(FlexsheetError);
    expect(() => run(economicsCommand, file)).toThrow(/economics\.prices\.products\.liquor\.payable\.Cu\.payability: must be ≤ 1 \(is 1\.5\)/);
    expect(() => run(economicsCommand, file)).toThrow(/units\.leach\.equipment\.holdup: unit "leach": give one of volume, residenceTime or mass/);
  });

  it('exits non-zero with a message, no stack trace, for an unknown mode', () => {
    const r = spawnSync(join(root, 'bin', 'flexsheet'), ['switchover', FIXTURE, '--from', 'copper', '--to', 'nickel'], { encoding: 'utf8', cwd: root });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--to: mode "nickel" does not exist \(modes: copper, zinc\)/);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});

/** The fixture's text with unit ids renamed in place (JSON.parse keeps "__proto__" as an own key). */
function renamed(pairs: [string, string][]): string {
  let text = readFileSync(FIXTURE, 'utf8');
  for (const [a, b] of pairs) {
    text = text.replaceAll(`"${a}": {`, `"${b}": {`).replaceAll(`"${a}": null`, `"${b}": null`).replaceAll(`"${a}.in"`, `"${b}.in"`).replaceAll(`"${a}.out"`, `"${b}.out"`);
  }
  return text;
}
const tempFile = (name: string, text: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'flexsheet-econ-')), name);
  writeFileSync(file, text);
  return file;
};

describe('ids that are names of Object.prototype', () => {
  // residue → __proto__ (a sink with a disposal cost), liquor → constructor (the paying product), polish → toString (idle in zinc).
  const pairs: [string, string][] = [
    ['residue', '__proto__'],
    ['liquor', 'constructor'],
    ['polish', 'toString'],
  ];
  const file = tempFile('proto.json', renamed(pairs));
  const back = (x: unknown) => JSON.parse(JSON.stringify(x).replaceAll('__proto__', 'residue').replaceAll('constructor', 'liquor').replaceAll('toString', 'polish'));

  it('economics: the __proto__ sink keeps its disposal cost and every figure is unchanged', () => {
    const out = json(economicsCommand, file);
    expect(out.modes[0].perHour.margin).toBeCloseTo(copperMargin, 9); // 138.34 $/h, residue at −0.01 $/kg included
    expect(out.modes[0].products.find((p: { unit: string }) => p.unit === '__proto__').valuePerHour).toBeCloseTo(-M.SiO2 * 0.01, 12);
    expect(back(out)).toEqual(json(economicsCommand, FIXTURE));
  });

  it('switchover and campaign: the same answers as with plain ids', () => {
    expect(back(json(switchoverCommand, file))).toEqual(json(switchoverCommand, FIXTURE));
    expect(back(json(campaignCommand, file))).toEqual(json(campaignCommand, FIXTURE));
    expect(json(switchoverCommand, file, '--from', 'copper', '--to', 'zinc').units.find((u: { unit: string }) => u.unit === 'toString').status).toBe('idle');
  });
});

describe('a unit written as null', () => {
  const doc = JSON.parse(readFileSync(FIXTURE, 'utf8'));
  doc.units.leach = null;
  const file = tempFile('null.json', JSON.stringify(doc));
  for (const command of [economicsCommand, switchoverCommand, campaignCommand]) {
    it(`${command.name}: a located refusal, not an internal error`, () => {
      expect(() => run(command, file)).toThrow(FlexsheetError);
      expect(() => run(command, file)).toThrow(/^units\.leach: unit "leach" must be an object with a "type" \(is null\)/);
    });
  }
  it('exit status 1 from the command line', () => {
    const r = spawnSync(join(root, 'bin', 'flexsheet'), ['campaign', file], { encoding: 'utf8', cwd: root });
    expect([r.status, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toMatch(/^error: units\.leach: /);
  });
});

describe('a quantity without bound in --json', () => {
  // recycle-purge.json has no availability: the share a mode may take is unlimited (docs/economics.md).
  it('is the string "Infinity", never null', () => {
    const text = run(campaignCommand, join(root, 'tests/fixtures/recycle-purge.json'), '--json');
    expect(text).not.toMatch(/\bnull\b/);
    const out = JSON.parse(text);
    expect(out.optimum.modes[0].availableShare).toBe('Infinity');
    expect(Number(out.optimum.modes[0].availableShare)).toBe(Infinity);
  });
});

describe('a plan that never pays back in --json', () => {
  it('has no payback and no irr field, never null (docs/economics.md)', () => {
    const plan = { modes: ['magnet'], plan: 'magnet', capital: { units: [] }, fixed: 0, ebitda: -1, npv: -10, cashFlows: [] } as unknown as Parameters<typeof planSummary>[0];
    const json = toJson(planSummary(plan));
    expect(json).not.toMatch(/null/);
    expect(JSON.parse(json)).not.toHaveProperty('payback');
    expect(JSON.parse(json)).not.toHaveProperty('irr');
  });
});
