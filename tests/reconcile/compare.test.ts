import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { FlowsheetDoc } from '../../core';
import { compareCases, comparisonToCsv, reconcile, seededRng, summarizeReconciliation, summarizeSolution, synthesize } from '../../core/reconcile';
import { LEACH_SX_PLAN } from '../../flowsheets/pilot/generate';
import { solveDoc } from '../support/solve';

const fixture: FlowsheetDoc = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/reconcile-leach-sx.json'), 'utf8'));

describe('recovery and grade side by side', () => {
  const base = solveDoc(fixture);
  const hot = solveDoc(fixture, 'hot');

  it('gives a simulated case the recovery and grade the solver tabulates (results.ts)', () => {
    const c = summarizeSolution('base', base.solution.plant, base.solution.x);
    for (const [product, rec] of Object.entries(base.results.recovery)) {
      for (const [el, v] of Object.entries(rec)) expect(c.recovery[product][el].value).toBeCloseTo(v, 12);
      for (const [el, v] of Object.entries(base.results.grade[product].elements)) expect(c.grade[product][el].value).toBeCloseTo(v, 12);
      expect(c.massFlow[product].value).toBeCloseTo(base.results.grade[product].massFlow, 9);
    }
    // Hand check: Co recovered to the residue = the 5 % of LiCoO2 not leached + 8 % of the leached Co entrained:
    // 0.05 + 0.95 × 0.08 = 0.126.
    expect(c.recovery.residue.Co.value).toBeCloseTo(0.126, 12);
  });

  it('gives perfect reconciled data the simulated recoveries, with standard deviations, and ? where the data are silent', () => {
    const { plant, x } = base.solution;
    const data = synthesize(plant, x, LEACH_SX_PLAN, seededRng(1), { noise: false });
    const r = summarizeReconciliation('pilot', reconcile(plant, x, data));
    const sim = summarizeSolution('sim', plant, x);
    for (const el of ['Li', 'Co', 'C', 'S']) {
      for (const product of ['residue', 'raffinate', 'loadedOrganic']) {
        expect(r.recovery[product][el].value).toBeCloseTo(sim.recovery[product][el].value!, 9);
        expect(r.recovery[product][el].sd).toBeGreaterThanOrEqual(0);
      }
    }
    // The O2 off-gas is unobservable at element level, so neither its O recovery nor its mass flow has a value.
    expect(r.recovery.offgas.O.value).toBeNull();
    expect(r.massFlow.offgas.value).toBeNull();
  });

  it('lines cases up by product and element and exports CSV', () => {
    const cases = [summarizeSolution('base', base.solution.plant, base.solution.x), summarizeSolution('hot', hot.solution.plant, hot.solution.x)];
    const c = compareCases(cases, ['Co', 'Li']);
    expect(c.cases).toEqual(['base', 'hot']);
    const residueCo = c.rows.find((r) => r.metric === 'recovery' && r.product === 'residue' && r.element === 'Co')!;
    // Hot mode: conversion 0.985, so 0.015 + 0.985 × 0.08 = 0.0938 of the Co stays in the residue.
    expect(residueCo.values.map((v) => v.value)).toEqual([expect.closeTo(0.126, 12), expect.closeTo(0.0938, 12)]);
    expect(c.rows.filter((r) => r.metric !== 'mass flow').every((r) => r.element === 'Co' || r.element === 'Li')).toBe(true);
    const csv = Papa.parse<string[]>(comparisonToCsv(c).trim()).data;
    expect(csv[0]).toEqual(['metric', 'product', 'element', 'unit', 'base', 'hot']);
    expect(csv).toContainEqual(['recovery', 'residue', 'Co', 'fraction', '0.126', '0.0938']);
    expect(csv.at(-1)![0]).toBe('mass flow');
  });
});
