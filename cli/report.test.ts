import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FlowsheetResults } from '../core';
import { compile, solvePlant, tabulate } from '../index';
import { reportCommand } from './commands/report';
import { buildReport, formatReport } from './report';

const stream = (from: string, to: string, massFlow: Record<string, number>, byPhase: Record<string, number>) => ({
  from,
  to,
  massFlow,
  molarFlow: {},
  totals: { mass: Object.values(massFlow).reduce((a, b) => a + b, 0), molar: 0, byPhase },
});

/** A hand-made result: 500 kg/h ore (400 solid, 100 water) + 2000 kg/h water; 30 kg/h acid dosed. */
const results: FlowsheetResults = {
  name: 'toy',
  streams: {
    ore: stream('ore.out', 'leach.in', { 'CuO(s)': 400, 'H2O(l)': 100 }, { s: 400, l: 100 }),
    water: stream('water.out', 'leach.in', { 'H2O(l)': 2000 }, { l: 2000 }),
    cathode: stream('leach.liquor', 'copper.in', { 'CuSO4(aq)': 700 }, { aq: 700 }),
  },
  reagents: { leach: { 'H2SO4(aq)': 30 }, polish: { 'H2SO4(aq)': 10, 'NaOH(aq)': 4 } },
  elements: { Cu: { in: 319.5, out: 319.4 } },
  recovery: { copper: { Cu: 0.95, O: 0.5, H: 0.1 }, tails: { Cu: 0.05, O: 0.5, H: 0.9 } },
  grade: {
    copper: { massFlow: 700, species: { 'CuSO4(aq)': 0.6, 'H2O(l)': 0.4 }, elements: { Cu: 0.24 } },
    tails: { massFlow: 200, species: { 'H2O(l)': 1 }, elements: { H: 0.11 } },
  },
  idle: [],
  solver: { unknowns: 0, nonzeros: 0, blocks: 0, largestBlock: 0, relativeResidual: 0, assembleMs: 0, solveMs: 0 },
};
const speciesElements = { 'CuO(s)': { Cu: 1, O: 1 }, 'H2O(l)': { H: 2, O: 1 }, 'CuSO4(aq)': { Cu: 1, S: 1, O: 4 } };

describe('buildReport', () => {
  const rep = buildReport(results, { sources: ['ore', 'water'], speciesElements });

  it('takes the solid feed as the basis and gives every other figure per tonne of it', () => {
    expect(rep.basis).toEqual({ massFlow: 400, what: 'solid feed', sources: ['ore'] });
    // 30 kg/h acid on 0.4 t/h = 75 kg/t; the plant total adds the 10 kg/h of the polish step: 100 kg/t
    expect(rep.reagents.find((g) => g.unit === 'leach')!.perTonne).toBeCloseTo(75, 12);
    expect(rep.reagentTotals.find((g) => g.species === 'H2SO4(aq)')!.perTonne).toBeCloseTo(100, 12);
    expect(rep.reagentTotals.find((g) => g.species === 'NaOH(aq)')!.perTonne).toBeCloseTo(10, 12);
    // products and inputs per tonne of the 0.4 t/h basis: copper 700/0.4 = 1750, water 2000/0.4 = 5000
    expect(rep.products.find((p) => p.id === 'copper')!.perTonne).toBeCloseTo(1750, 12);
    expect(rep.inputs.find((i) => i.source === 'water')).toEqual({ source: 'water', massFlow: 2000, perTonne: 5000, feedstock: 0 });
  });

  it('lists recoveries for the feedstock elements only, H and O aside, and species by grade', () => {
    const copper = rep.products.find((p) => p.id === 'copper')!;
    expect(copper.recovery).toEqual({ Cu: 0.95 });
    expect(copper.speciesGrade[0]).toEqual({ species: 'CuSO4(aq)', fraction: 0.6 });
    expect(rep.worstImbalance).toBeCloseTo(0.1 / 319.5, 12); // |319.4 − 319.5| / 319.5
  });

  it('falls back to the total feed when no source carries solids', () => {
    const r2 = buildReport(results, { sources: ['water'], speciesElements });
    expect(r2.basis).toEqual({ massFlow: 2000, what: 'total feed', sources: ['water'] });
  });

  it('formats as text tables', () => {
    const text = formatReport(rep);
    expect(text).toMatch(/Basis: 400 kg\/h of solid feed \(ore\)/);
    expect(text).toMatch(/H2SO4\(aq\)\s+40\s+100/); // 30 + 10 kg/h, 100 kg/t as above
    expect(text).toMatch(/copper\s+700\s+1,750\s+CuSO4\(aq\) 60\.0 %/);
  });
});

describe('flexsheet report', () => {
  const doc = {
    format: 'flexsheet/1',
    name: 'Li2CO3 from a solution and a solid',
    basis: 'kg/h',
    species: { 'Li2SO4(aq)': {}, 'Li2CO3(s)': {}, 'Na2CO3(aq)': {}, 'Na2SO4(aq)': {}, 'H2O(l)': {}, 'Graphite(s)': { formula: 'C' } },
    units: {
      // 109.94 kg/h Li2SO4 = 1 kmol/h (M = 2·6.94 + 32.06 + 4·15.999 = 109.94)
      brine: { type: 'feed', flows: { 'Li2SO4(aq)': 109.94, 'H2O(l)': 1000, 'Graphite(s)': 100 } },
      precip: {
        type: 'precipitator',
        reactions: [{ equation: 'Li2SO4(aq) + Na2CO3(aq) -> Li2CO3(s) + Na2SO4(aq)', key: 'Li2SO4(aq)', conversion: 0.9 }],
        reagents: { 'Na2CO3(aq)': { excess: 0 } },
      },
      cake: { type: 'product' },
      ml: { type: 'product' },
    },
    streams: {
      s1: { from: 'brine.out', to: 'precip.in' },
      s2: { from: 'precip.solids', to: 'cake.in' },
      s3: { from: 'precip.liquor', to: 'ml.in' },
    },
  };

  it('matches a hand calculation on a solved plant: 0.9 kmol/h Li2CO3 on 100 kg/h of solid feed', () => {
    const plant = compile(doc);
    const rep = buildReport(tabulate(solvePlant(plant)), {
      sources: ['brine'],
      speciesElements: Object.fromEntries(plant.species.list.map((s) => [s.id, s.elements])),
    });
    expect(rep.basis.massFlow).toBeCloseTo(100, 9);
    // Na2CO3: 0.9 kmol/h × 105.988 kg/kmol (2·22.98977 + 12.011 + 3·15.999) = 95.39 kg/h → 953.9 kg/t
    expect(rep.reagentTotals[0].perTonne).toBeCloseTo(0.9 * 105.988 * 10, 1);
    const cake = rep.products.find((p) => p.id === 'cake')!;
    // cake: graphite 100 + Li2CO3 0.9 × 73.891 (2·6.94 + 12.011 + 3·15.999 = 73.888; 1 decimal of
    // kg/t tolerates the last digit) = 166.50 kg/h
    expect(cake.perTonne).toBeCloseTo((100 + 0.9 * 73.891) * 10, 1);
    expect(cake.recovery.Li).toBeCloseTo(0.9, 12);
    // C: recovery counts feeds only, so the carbonate C brought by the reagent shows above 100 %:
    // (100/12.011 + 0.9)/(100/12.011) = 1.1081
    expect(cake.recovery.C).toBeCloseTo((100 / 12.011 + 0.9) / (100 / 12.011), 4);
    expect(Object.keys(cake.recovery).sort()).toEqual(['C', 'Li', 'S']);
  });

  it('prints text and JSON', () => {
    const lines: string[] = [];
    const path = `${process.env.TMPDIR ?? '/tmp'}/flexsheet-report-test.json`;
    writeFileSync(path, JSON.stringify(doc));
    expect(reportCommand.run({ files: [path], flags: new Map() }, (t) => lines.push(t))).toBe(0);
    expect(lines.join('\n')).toMatch(/Recovery of each element of the feedstock/);
    lines.length = 0;
    expect(reportCommand.run({ files: [path], flags: new Map([['--json', true]]) }, (t) => lines.push(t))).toBe(0);
    expect(JSON.parse(lines[0]).basis.what).toBe('solid feed');
  });
});
