/**
 * Ids are ids: `__proto__`, `constructor`, `toString`, `valueOf`, `hasOwnProperty` reconcile like any
 * other, nothing reaches Object.prototype, and spreadsheet formulas in ids are escaped in CSV output.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { FlexsheetError } from '../diagnostics';
import { parseMeasurementsCsv } from './csv';
import { fitParameters } from './fit';
import type { Measurement } from './measurements';
import { reconcile } from './reconcile';
import { reconciliationReport } from './report';
import { measurementsReportCsv } from './report-text';
import { solveTest, testDoc } from './test-support';

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty'] as const;

/** A feed, a peroxide doser named `doser`, a splitter and two products; ids renamed by `name`. */
function plantNamed(name: (id: string) => string) {
  const streams: Record<string, { from: string; to: string }> = {};
  const link = (id: string, from: string, to: string) => (streams[name(id)] = { from, to });
  link('s1', `${name('f')}.out`, `${name('doser')}.in`);
  link('s2', `${name('doser')}.out`, `${name('sp')}.in`);
  link('s3', `${name('sp')}.a`, `${name('pa')}.in`);
  link('s4', `${name('sp')}.b`, `${name('pb')}.in`);
  const units: Record<string, unknown> = {};
  const unit = (id: string, decl: unknown) => Object.defineProperty(units, name(id), { value: decl, enumerable: true, writable: true, configurable: true });
  unit('f', { type: 'feed', flows: { 'CoSO4(aq)': 2, 'H2O(l)': 100 } });
  unit('doser', { type: 'doser', reagent: 'H2O2(aq)', per: 'CoSO4(aq)', ratio: 0.5 });
  unit('sp', { type: 'splitter', outlets: ['a', 'b'], fractions: { a: 0.7, b: 0.3 } });
  unit('pa', { type: 'product' });
  unit('pb', { type: 'product' });
  return testDoc({ species: { 'CoSO4(aq)': {}, 'H2O(l)': {}, 'H2O2(aq)': {} }, units: units as never, streams: streams as never });
}

function data(name: (id: string) => string): Measurement[] {
  return [
    { stream: name('s1'), component: 'CoSO4(aq)', value: 2.02, unit: 'kmol/h', sd: 0.02 },
    { stream: `reagent:${name('doser')}`, component: 'H2O2(aq)', value: 0.99, unit: 'kmol/h', sd: 0.02 },
    { stream: name('s3'), component: 'total', value: 73, unit: 'kmol/h', sd: 1 },
    { stream: name('s4'), component: 'total', value: 31, unit: 'kmol/h', sd: 0.5 },
    { stream: name('s2'), component: 'CoSO4(aq)', value: 1.98, unit: 'kmol/h', sd: 0.02 },
  ];
}

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();

describe('ids named like Object.prototype members', () => {
  it('a reagent-dosing unit named __proto__ leaves Object.prototype alone, and a later solve works', () => {
    const before = prototypeKeys();
    const name = (id: string) => (id === 'doser' ? '__proto__' : id);
    const { plant, x } = solveTest(plantNamed(name));
    const r = reconcile(plant, x, data(name));
    const report = reconciliationReport(r, fitParameters(r));
    expect(prototypeKeys()).toEqual(before);
    expect(({} as Record<string, unknown>)['H2O2(aq)']).toBeUndefined();
    expect(Object.hasOwn(report.doses, '__proto__')).toBe(true);
    expect(report.doses['__proto__']['H2O2(aq)'].kgPerHour).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(report)).doses.__proto__['H2O2(aq)'].status).toBe('observable');
    // A clean plant still solves and reconciles.
    const clean = solveTest(plantNamed((id) => id));
    expect(reconcile(clean.plant, clean.x, data((id) => id)).global.dof).toBeGreaterThan(0);
  });

  it('renaming units and streams to Object.prototype names changes no number', () => {
    const base = solveTest(plantNamed((id) => id));
    const expected = reconcile(base.plant, base.x, data((id) => id)).measurements.map((m) => m.reconciled);
    const ids = ['f', 'doser', 'sp', 'pa', 'pb', 's1', 's2', 's3', 's4'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PROTOTYPE_NAMES), { minLength: ids.length, maxLength: ids.length }), fc.uniqueArray(fc.nat(ids.length - 1), { minLength: 1, maxLength: 5 }), (names, which) => {
        const renamed = new Map<string, string>();
        which.forEach((i, n) => renamed.set(ids[i], `${names[i]}${n === 0 ? '' : n}`));
        const name = (id: string) => renamed.get(id) ?? id;
        const { plant, x } = solveTest(plantNamed(name));
        const r = reconcile(plant, x, data(name));
        const report = reconciliationReport(r);
        expect(r.measurements.map((m) => m.reconciled)).toEqual(expected.map((v) => expect.closeTo(v!, 9)));
        for (const id of ['s1', 's2', 's3', 's4']) expect(Object.hasOwn(report.streams, name(id))).toBe(true);
        for (const id of ['pa', 'pb']) expect(Object.hasOwn(report.products, name(id))).toBe(true);
      }),
      { numRuns: 25, seed: 16 },
    );
  });

  it('a CSV unit "constructor" or "__proto__" is refused where it is written', () => {
    const { plant } = solveTest(plantNamed((id) => id));
    for (const unit of ['constructor', '__proto__', 'toString']) {
      try {
        parseMeasurementsCsv(`stream,component,value,unit,sd\ns1,CoSO4(aq),2,${unit},0.1\n`, plant, 'pilot.csv');
        throw new Error('accepted');
      } catch (e) {
        expect(e).toBeInstanceOf(FlexsheetError);
        expect((e as FlexsheetError).diagnostics[0]).toMatchObject({ path: 'pilot.csv line 2, column 4 (unit)', message: expect.stringMatching(new RegExp(`^unit "${unit}" is not known`)) });
      }
    }
    expect(() => parseMeasurementsCsv('stream,component,value,unit,sd\ns1,constructor,2,kg/h,0.1\n', plant, 'pilot.csv')).toThrow(/column 2 \(component\): "constructor" is neither a declared species nor an element/);
  });
});

describe('CSV output', () => {
  it('escapes cells a spreadsheet would run as formulas, and keeps negative numbers as numbers', () => {
    const evil = ['=HYPERLINK("http://x")', '+cmd', '-1+1', '@SUM(A1)'];
    const name = (id: string) => ({ s1: evil[0], s2: evil[1], s3: evil[2], s4: evil[3] })[id] ?? id;
    const { plant, x } = solveTest(plantNamed(name));
    const r = reconcile(plant, x, data(name));
    const text = measurementsReportCsv(reconciliationReport(r, undefined, { run: '=run' }));
    const rows = Papa.parse<string[]>(text.trim()).data;
    const streams = rows.slice(1).map((row) => row[1]);
    for (const id of evil) expect(streams).toContain(`'${id}`);
    expect(rows.slice(1).every((row) => row[0] === "'=run")).toBe(true);
    // Adjustments are signed numbers, written as such.
    const adjustments = rows.slice(1).map((row) => row[8]);
    expect(adjustments.some((a) => /^-\d/.test(a))).toBe(true);
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+@\t\r]/);
  });
});
