import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FlexsheetError } from '../../core';
import { ATOMIC_WEIGHTS } from '../../core/chemistry';
import { parseMeasurementsCsv, parseMeasurementUnit, trueValue, variablesFromSolution } from '../../core/reconcile';
import { solveDoc } from '../support/solve';

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/reconcile-leach-sx.json'), 'utf8'));
const { solution } = solveDoc(fixture);
const plant = solution.plant;

function problems(csv: string): string[] {
  try {
    parseMeasurementsCsv(csv, plant, 'data.csv');
  } catch (e) {
    if (e instanceof FlexsheetError) return e.diagnostics.map((d) => `${d.path}: ${d.message}`);
    throw e;
  }
  throw new Error('accepted');
}

describe('reading measurements from CSV', () => {
  it('reads runs, notes, comments, blank lines, sd and rel (fraction or %), with case-insensitive headers', () => {
    const csv = [
      '\uFEFFRun,Stream,Component,Value,Unit,SD,Rel,Note',
      '# a comment line',
      'A,blackMass,total,140,kg/h,1.4,,weigher',
      '',
      'A,pls,Co,32.5,g/kg(aq),,2%,',
      'B,reagent:leach,H2O2(aq),20,kg/h,,0.03,',
    ].join('\n');
    const ms = parseMeasurementsCsv(csv, plant, 'data.csv');
    expect(ms).toHaveLength(3);
    expect(ms[0]).toMatchObject({ run: 'A', stream: 'blackMass', component: 'total', value: 140, unit: 'kg/h', sd: 1.4, note: 'weigher', source: 'data.csv line 3' });
    expect(ms[1].sd).toBeCloseTo(0.65, 12); // 2 % of 32.5
    expect(ms[1].source).toBe('data.csv line 5');
    expect(ms[2].sd).toBeCloseTo(0.6, 12); // 0.03 × 20
  });

  it('names the line and column of an unknown stream, species, element or unit', () => {
    const csv = [
      'stream,component,value,unit,sd',
      'pls2,Co,1,kg/h,0.1',
      'pls,Cx,1,kg/h,0.1',
      'pls,Co,1,kg/hr,0.1',
      'pls,LiCoO2(s),1,kg/h(aq),0.1',
      'reagent:filter,H2O2(aq),1,kg/h,0.1',
      'reagent:leach,H2SO4(aq),1,kg/h,0.1',
    ].join('\n');
    const p = problems(csv);
    expect(p).toHaveLength(6);
    expect(p[0]).toMatch(/^data\.csv line 2, column 1 \(stream\): stream "pls2" is not in the flowsheet \(streams: blackMass, acidFeed, slurry/);
    expect(p[1]).toMatch(/^data\.csv line 3, column 2 \(component\): "Cx" is neither a declared species nor an element of this flowsheet, nor "total"/);
    expect(p[2]).toMatch(/^data\.csv line 4, column 4 \(unit\): unit "kg\/hr" is not known: use a flow \(kg\/h, t\/h/);
    expect(p[3]).toMatch(/^data\.csv line 5, column 4 \(unit\): species LiCoO2\(s\) is not in the phase of unit "kg\/h\(aq\)"/);
    expect(p[4]).toMatch(/^data\.csv line 6, column 1 \(stream\): unit "filter" doses no reagent/);
    expect(p[5]).toMatch(/^data\.csv line 7, column 2 \(component\): H2SO4\(aq\) is not a reagent of unit "leach"/);
  });

  it('refuses bad numbers, a missing or double error, and short lines, each where it is', () => {
    const csv = [
      'stream,component,value,unit,sd,rel',
      'pls,Co,abc,kg/h,0.1,',
      'pls,Co,1,kg/h,,',
      'pls,Co,1,kg/h,0.1,0.02',
      'pls,Co,1,kg/h,-1,',
      'pls,Co,0,kg/h,,5%',
      'pls,Co,1',
      'pls,Co,-2,kg/h,0.1,',
      'pls,Co,31.4,kg/h,5e-324,',
      'pls,Co,31.4,kg/h,,1e-12',
    ].join('\n');
    const p = problems(csv);
    expect(p).toEqual([
      'data.csv line 2, column 3 (value): "abc" is not a number',
      'data.csv line 3: give a standard deviation (sd) or a relative error (rel)',
      'data.csv line 4: give a standard deviation (sd) or a relative error (rel), not both',
      'data.csv line 5, column 5 (sd): the standard deviation must be a number > 0, not "-1"',
      'data.csv line 6, column 6 (rel): a relative error of a zero value gives no standard deviation: give "sd" instead',
      'data.csv line 7: 3 fields where the header has 6',
      'data.csv line 8, column 3 (value): a measured flow or assay is never negative (-2)',
      // A weight 1/sd² that overflows or swamps every other (fuzz mut-01471 printed Infinity).
      'data.csv line 9, column 5 (sd): the standard deviation 5e-324 is below 1e-100: no measurement is that precise',
      'data.csv line 10, column 6 (rel): the standard deviation 3.14e-11 is below 1e-9 of the value 31.4: no measurement is that precise',
    ]);
  });

  it('checks the header', () => {
    expect(problems('stream,component,value,sd\n')).toEqual(['data.csv line 1: the header has no "unit" column (columns: run, stream, component, value, unit, sd or rel, note)']);
    expect(problems('stream,component,value,unit\n')).toEqual(['data.csv line 1: the header needs an "sd" (standard deviation) or a "rel" (relative error) column']);
    expect(problems('stream,component,value,unit,sd,flux\n')[0]).toBe('data.csv line 1: column 6 "flux" is not one of: run, stream, component, value, unit, sd, rel, note');
    expect(problems('')).toEqual(['data.csv: no header row: the file is empty']);
    expect(problems('stream,component,value,unit,sd\n')).toEqual(['data.csv: no measurements: the file has a header and nothing else']);
  });
});

describe('what a measurement measures', () => {
  it('reads units with a phase basis', () => {
    expect(parseMeasurementUnit('wt%(s)')).toEqual({ kind: 'fraction', factor: 100, phases: ['s'] });
    expect(parseMeasurementUnit('g/kg (aq)')).toEqual({ kind: 'fraction', factor: 1000, phases: ['aq', 'l'] });
    expect(parseMeasurementUnit('t/d')).toEqual({ kind: 'mass', factor: 1000 / 24, phases: undefined });
    expect(parseMeasurementUnit('mol/s')).toEqual({ kind: 'molar', factor: 3.6, phases: undefined });
    expect(parseMeasurementUnit('furlongs')).toBeUndefined();
  });

  it('gives the fixture values a hand calculation gives', () => {
    const x = variablesFromSolution(plant, solution.x);
    const M = (f: Record<string, number>) => Object.entries(f).reduce((a, [el, n]) => a + n * ATOMIC_WEIGHTS[el], 0);
    const mLiCoO2 = M({ Li: 1, Co: 1, O: 2 });
    // Black mass: 100 kg/h LiCoO2 + 40 kg/h graphite; Co wt% = 100·(100·M_Co/M_LiCoO2)/140.
    expect(trueValue(plant, x, { stream: 'blackMass', component: 'Co', unit: 'wt%' })).toBeCloseTo((100 * ((100 * ATOMIC_WEIGHTS.Co) / mLiCoO2)) / 140, 10);
    expect(trueValue(plant, x, { stream: 'blackMass', component: 'total', unit: 't/h' })).toBeCloseTo(0.14, 12);
    expect(trueValue(plant, x, { stream: 'blackMass', component: 'LiCoO2(s)', unit: 'kmol/h' })).toBeCloseTo(100 / mLiCoO2, 12);
    expect(trueValue(plant, x, { stream: 'blackMass', component: 'Li', unit: 'mol/s' })).toBeCloseTo(100 / mLiCoO2 / 3.6, 12);
    // Cake: 5 % of the LiCoO2 left unleached (conversion 0.95), all graphite; dry-solids Co assay.
    expect(trueValue(plant, x, { stream: 'cake', component: 'Co', unit: 'wt%(s)' })).toBeCloseTo((100 * ((5 * ATOMIC_WEIGHTS.Co) / mLiCoO2)) / 45, 9);
    expect(trueValue(plant, x, { stream: 'cake', component: 'total', unit: 'kg/h(s)' })).toBeCloseTo(45, 9);
  });
});
