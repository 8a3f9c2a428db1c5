import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FlowsheetDoc } from '../../core';
import { applyFit, fitParameters, parsePath, reconcile, seededRng, synthesize, type FittedParameter, type PlanItem } from '../../core/reconcile';
import { LEACH_SX_PLAN } from '../../flowsheets/pilot/generate';
import { doc, solveDoc } from '../support/solve';

const fixture: FlowsheetDoc = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/reconcile-leach-sx.json'), 'utf8'));

/** The fixture with other parameters than the ones the data come from. */
function offDesign(): FlowsheetDoc {
  const d = structuredClone(fixture) as FlowsheetDoc & { units: Record<string, any> };
  d.units.leach.reactions[0].conversion = 0.9;
  d.units.leach.reagents['H2O2(aq)'].excess = 0.1;
  d.units.filter.split.cake['*'] = 0.05;
  d.units.sx.extract.CoSO4 = 2;
  return d;
}

/** The parameters the fixture's data are generated with. */
const TRUE: Record<string, number> = {
  'units.leach.reactions[0].conversion': 0.95,
  'units.leach.reagents["H2O2(aq)"].excess': 0.2,
  'units.filter.split.cake["*"]': 0.08,
  'units.sx.extract.CoSO4': 4,
};

const byPath = (fits: ReturnType<typeof fitParameters>) => new Map<string, FittedParameter>(fits.flatMap((f) => f.parameters.map((p) => [p.path, p] as const)));

describe('fitting unit parameters to reconciled flows', () => {
  it('gives a splitter fraction as outlet / inlet, the last outlet taking the rest', () => {
    const make = (a: number) =>
      doc({
        species: { 'NaCl(aq)': {}, 'H2O(l)': {} },
        units: {
          f: { type: 'feed', flows: { 'NaCl(aq)': 10, 'H2O(l)': 90 } },
          sp: { type: 'splitter', outlets: ['a', 'b'], fractions: { a, b: 1 - a } },
          pa: { type: 'product' },
          pb: { type: 'product' },
        },
        streams: { s1: { from: 'f.out', to: 'sp.in' }, s2: { from: 'sp.a', to: 'pa.in' }, s3: { from: 'sp.b', to: 'pb.in' } },
      });
    const truth = solveDoc(make(0.6)).solution;
    const plan: PlanItem[] = ['s1', 's2', 's3'].flatMap((stream) => ['NaCl(aq)', 'H2O(l)'].map((component) => ({ stream, component, unit: 'kmol/h', rel: 0.01 })));
    const data = synthesize(truth.plant, truth.x, plan, seededRng(1), { noise: false });
    const file = solveDoc(make(0.5)).solution;
    const fits = byPath(fitParameters(reconcile(file.plant, file.x, data)));
    expect(fits.get('units.sp.fractions.a')!.fitted).toBeCloseTo(0.6, 9);
    expect(fits.get('units.sp.fractions.b')!.fitted).toBeCloseTo(0.4, 9);
    expect(fits.get('units.sp.fractions.b')!.reason).toBe('1 minus the others');
  });

  it('recovers the parameters a perfect data set was made with, and applying them reproduces the data', () => {
    const truth = solveDoc(fixture).solution;
    const data = synthesize(truth.plant, truth.x, LEACH_SX_PLAN, seededRng(1), { noise: false });
    const file = offDesign();
    const { solution } = solveDoc(file);
    const fits = fitParameters(reconcile(solution.plant, solution.x, data));
    const got = byPath(fits);
    for (const [path, value] of Object.entries(TRUE)) expect(got.get(path)!.fitted!).toBeCloseTo(value, 6);
    const patched = solveDoc(applyFit(file, fits)).results;
    const expected = solveDoc(fixture).results;
    for (const s of ['cake', 'pls', 'raff', 'loaded']) {
      for (const [sp, m] of Object.entries(expected.streams[s].massFlow)) expect(patched.streams[s].massFlow[sp]).toBeCloseTo(m, 4);
    }
  });

  it('recovers them from data with 1–3 % noise (seed 2024) within 3 standard deviations, and says which are not identifiable', () => {
    const truth = solveDoc(fixture).solution;
    const data = synthesize(truth.plant, truth.x, LEACH_SX_PLAN, seededRng(2024));
    const { solution } = solveDoc(offDesign());
    const got = byPath(fitParameters(reconcile(solution.plant, solution.x, data)));
    for (const [path, value] of Object.entries(TRUE)) {
      const p = got.get(path)!;
      expect(p.status).toBe('fitted');
      expect(Math.abs(p.fitted! - value)).toBeLessThanOrEqual(3 * p.sd!);
    }
    // Precision the noise allows: conversion to ±0.005, entrainment ±0.02, excess ±0.06 (the
    // peroxide dose is measured to 3 %), D to ±5 %.
    expect(got.get('units.leach.reactions[0].conversion')!.sd!).toBeLessThan(0.005);
    expect(got.get('units.filter.split.cake["*"]')!.sd!).toBeLessThan(0.02);
    expect(got.get('units.leach.reagents["H2O2(aq)"].excess')!.sd!).toBeLessThan(0.06);
    expect(got.get('units.sx.extract.CoSO4')!.sd!).toBeLessThan(0.2);
    // The gas splits act only on O2, which these data do not determine at element level.
    for (const path of ['units.filter.split.vent["phase:g"]', 'units.filter.split.cake["phase:g"]']) {
      expect(got.get(path)).toMatchObject({ status: 'not identifiable', fitted: null, reason: 'no observable outlet flow depends on it' });
    }
  });

  it('reports standard deviations that match the scatter over 30 seeded data sets', () => {
    // If the sds are right, (estimate − truth)/sd has unit variance: the rms of 30 such values has
    // a sampling sd of about 1/√60 = 0.13, so [0.7, 1.3] is ±2.3 of those. The mean χ² over 30
    // runs is 4 (the redundancy) with sd √(2·4/30) = 0.52. Over all redundant measurements (n ≈ 350)
    // the rms of (reconciled − true)/reconciled sd has a sampling sd of about 0.04.
    const truth = solveDoc(fixture).solution;
    const { plant, x } = truth;
    const clean = synthesize(plant, x, LEACH_SX_PLAN, seededRng(1), { noise: false });
    const z: Record<string, number[]> = {};
    const zm: number[] = [];
    let chi = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const r = reconcile(plant, x, synthesize(plant, x, LEACH_SX_PLAN, seededRng(seed)));
      chi += r.global.chiSquare / 30;
      r.measurements.forEach((m, i) => {
        if (m.redundant && m.reconciledSd) zm.push((m.reconciled! - clean[i].value) / m.reconciledSd);
      });
      for (const [path, p] of byPath(fitParameters(r))) if (path in TRUE) (z[path] ??= []).push((p.fitted! - TRUE[path]) / p.sd!);
    }
    const rms = (a: number[]) => Math.sqrt(a.reduce((t, v) => t + v * v, 0) / a.length);
    for (const path of Object.keys(TRUE)) {
      expect(z[path]).toHaveLength(30);
      expect(rms(z[path])).toBeGreaterThan(0.7);
      expect(rms(z[path])).toBeLessThan(1.3);
    }
    expect(rms(zm)).toBeGreaterThan(0.88);
    expect(rms(zm)).toBeLessThan(1.12);
    expect(chi).toBeGreaterThan(4 - 3 * 0.52);
    expect(chi).toBeLessThan(4 + 3 * 0.52);
  });

  it('says when only a combination of parameters is determined', () => {
    // Two reactions in series on the same key: only 1 − (1 − c1)(1 − c2) shows in the flows.
    const make = (c1: number, c2: number) =>
      doc({
        species: { 'H2O2(aq)': {}, 'H2O(l)': {}, 'O2(g)': {} },
        units: {
          f: { type: 'feed', flows: { 'H2O2(aq)': 10, 'H2O(l)': 100 } },
          r: {
            type: 'reactor',
            reactions: [
              { equation: '2 H2O2(aq) -> 2 H2O(l) + O2(g)', key: 'H2O2(aq)', conversion: c1 },
              { equation: '2 H2O2(aq) -> 2 H2O(l) + O2(g)', key: 'H2O2(aq)', conversion: c2 },
            ],
          },
          p: { type: 'product' },
        },
        streams: { s1: { from: 'f.out', to: 'r.in' }, s2: { from: 'r.out', to: 'p.in' } },
      });
    const truth = solveDoc(make(0.3, 0.5)).solution;
    const plan: PlanItem[] = ['s1', 's2'].flatMap((stream) => ['H2O2(aq)', 'H2O(l)', 'O2(g)'].map((component) => ({ stream, component, unit: 'kmol/h', sd: 0.01 })));
    const data = synthesize(truth.plant, truth.x, plan.filter((p) => !(p.stream === 's1' && p.component === 'O2(g)')), seededRng(3), { noise: false });
    const file = solveDoc(make(0.2, 0.2)).solution;
    const [fit] = fitParameters(reconcile(file.plant, file.x, data));
    for (const p of fit.parameters) {
      expect(p.status).toBe('not identifiable');
      expect(p.reason).toBe('only a combination of reactions[0].conversion, reactions[1].conversion is determined');
    }
  });

  it('reads parameter paths back', () => {
    expect(parsePath('split.cake["phase:s"]')).toEqual(['split', 'cake', 'phase:s']);
    expect(parsePath('reactions[0].conversion')).toEqual(['reactions', 0, 'conversion']);
    expect(parsePath('reagents["H2O2(aq)"].excess')).toEqual(['reagents', 'H2O2(aq)', 'excess']);
  });
});
