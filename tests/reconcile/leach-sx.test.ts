/** Reconciliation of the leach–filter–SX fixture (tests/fixtures/reconcile-leach-sx.json), with the shipped unit operations. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FlowsheetDoc } from '../../core';
import { formatReconciliationReport, reconcile, reconciliationReport, seededRng, streamVariable, synthesize, variableIndex, variablesFromSolution } from '../../core/reconcile';
import { LEACH_SX_PLAN } from '../../flowsheets/pilot/generate';
import { solveDoc } from '../support/solve';

const fixture: FlowsheetDoc = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/reconcile-leach-sx.json'), 'utf8'));

describe('the leach–filter–SX fixture', () => {
  const { solution } = solveDoc(fixture);
  const plant = solution.plant;
  const truth = variablesFromSolution(plant, solution.x);

  it('leaves a perfect data set unchanged, assays included, at both balance levels', () => {
    const perfect = synthesize(plant, solution.x, LEACH_SX_PLAN, seededRng(1), { noise: false });
    for (const balances of ['element', 'species'] as const) {
      const r = reconcile(plant, solution.x, perfect, { balances });
      expect(r.global.chiSquare).toBeLessThan(1e-16);
      expect(r.global.passed).toBe(true);
      for (const m of r.measurements) {
        expect(Math.abs(m.adjustment!)).toBeLessThanOrEqual(1e-9 * m.measurement.value);
        expect(m.status === 'ok' || m.status === 'not redundant').toBe(true);
      }
    }
  });

  it('leaves perfect data from a pilot run at another throughput unchanged too', () => {
    const scaled = structuredClone(fixture);
    scaled.units.bm.flows = { 'LiCoO2(s)': 150, 'Graphite(s)': 60 };
    scaled.units.acid.flows = { 'H2SO4(aq)': 270, 'H2O(l)': 2250 };
    scaled.units.organic.flows = { 'C10H22(org)': 1200 };
    const run = solveDoc(scaled).solution;
    const perfect = synthesize(run.plant, run.x, LEACH_SX_PLAN, seededRng(1), { noise: false });
    const r = reconcile(plant, solution.x, perfect);
    expect(r.throughputFactor).toBeCloseTo(1.5, 9);
    expect(r.global.chiSquare).toBeLessThan(1e-16);
    for (const m of r.measurements) expect(Math.abs(m.adjustment!)).toBeLessThanOrEqual(1e-9 * m.measurement.value);
  });

  it('reconciles data with 1–3 % Gaussian noise (seed 2024) to within that noise, and closer to the truth than the data', () => {
    // Noise: N(0, sd²) with sd = rel × true value, rel as in LEACH_SX_PLAN (1 %, 2 % or 3 %).
    const noisy = synthesize(plant, solution.x, LEACH_SX_PLAN, seededRng(2024));
    const clean = synthesize(plant, solution.x, LEACH_SX_PLAN, seededRng(2024), { noise: false });
    const r = reconcile(plant, solution.x, noisy);
    expect(r.global.passed).toBe(true);
    expect(r.measurements.every((m) => m.status === 'ok' || m.status === 'not redundant')).toBe(true);
    let before = 0;
    let after = 0;
    r.measurements.forEach((m, i) => {
      const t = clean[i].value;
      const sd = m.measurement.sd;
      expect(Math.abs(m.reconciled! - t)).toBeLessThanOrEqual(3 * sd);
      // A reconciled value is never less precise than the measurement.
      expect(m.reconciledSd!).toBeLessThanOrEqual(sd * (1 + 1e-9));
      before += ((m.measurement.value - t) / sd) ** 2;
      after += ((m.reconciled! - t) / sd) ** 2;
    });
    expect(after).toBeLessThan(before);
    // Unmeasured flows the data determine: within 4 of their standard deviations of the truth.
    let checked = 0;
    r.status.forEach((s, v) => {
      if (s !== 'observable') return;
      expect(Math.abs(r.x[v] - truth[v])).toBeLessThanOrEqual(4 * r.sd[v] + 1e-9 * Math.abs(truth[v]));
      checked++;
    });
    expect(checked).toBeGreaterThanOrEqual(20);
  });

  it('flags a planted gross error (+10 sd on the Co in the loaded organic) and no other measurement', () => {
    const planted = LEACH_SX_PLAN.findIndex((p) => p.stream === 'loaded' && p.component === 'Co');
    const data = synthesize(plant, solution.x, LEACH_SX_PLAN, seededRng(2024), { bias: new Map([[planted, 10]]) });
    const clean = synthesize(plant, solution.x, LEACH_SX_PLAN, seededRng(2024), { noise: false });
    const r = reconcile(plant, solution.x, data);
    const flagged = r.measurements.flatMap((m, i) => (m.status === 'gross error' || m.status === 'suspect' ? [i] : []));
    expect(flagged).toEqual([planted]);
    const g = r.measurements[planted];
    expect(g.grossError!.round).toBe(1);
    expect(g.grossError!.test).toBeGreaterThan(g.grossError!.critical);
    // Without it, the rest pass; the other data estimate the true value within their precision,
    // so the error found is the planted 10 sd give or take the noise.
    expect(r.global.passed).toBe(true);
    const sd = g.measurement.sd;
    expect(Math.abs(g.reconciled! - clean[planted].value)).toBeLessThanOrEqual(3 * g.reconciledSd!);
    expect(Math.abs(g.grossError!.error! - 10 * sd)).toBeLessThanOrEqual(3 * Math.hypot(sd, g.reconciledSd!));
    // Without elimination the same measurement has the largest test and is the one flagged.
    const kept = reconcile(plant, solution.x, data, { eliminate: false });
    const tests = kept.measurements.map((m) => m.test ?? 0);
    expect(tests.indexOf(Math.max(...tests))).toBe(planted);
    expect(kept.global.passed).toBe(false);
  });

  it('reports the off-gas as unobservable at element level, and observable when the stoichiometry is held', () => {
    const noisy = synthesize(plant, solution.x, LEACH_SX_PLAN, seededRng(2024));
    const vent = plant.streams.findIndex((s) => s.id === 'vent');
    const o2 = streamVariable(variableIndex(plant), vent, plant.species.index.get('O2(g)')!);
    // Element level: H2O2 → H2O + ½ O2 balances every element, and no measurement sees H2O2, H2O
    // or O2 on their own (only Co, Li, acid, solids and totals), so the O2 leaving is not fixed.
    const byElement = reconcile(plant, solution.x, noisy);
    expect(byElement.status[o2]).toBe('unobservable');
    const report = reconciliationReport(byElement);
    expect(report.streams.vent.observable).toBe('none');
    expect(report.streams.vent.total.value).toBeNull();
    expect(formatReconciliationReport(report)).toMatch(/- stream vent: unobservable \(O2\(g\)\)/);
    // Species level: the one declared reaction makes 1 O2 per 2 Co leached, and the Co is measured.
    const bySpecies = reconcile(plant, solution.x, noisy, { balances: 'species' });
    expect(bySpecies.status[o2]).toBe('observable');
    expect(Math.abs(bySpecies.x[o2] - truth[o2])).toBeLessThanOrEqual(4 * bySpecies.sd[o2]);
  });
});

describe('measurements the plant cannot take', () => {
  it('refuses an assay of a stream the simulation has empty, and compares a flow it has at zero with zero', () => {
    const { solution } = solveDoc(fixture);
    const plant = solution.plant;
    expect(() => reconcile(plant, solution.x, [{ stream: 'vent', component: 'Co', unit: 'wt%(s)', value: 1, sd: 0.1, source: 'data.csv line 2' }])).toThrow(
      /data\.csv line 2: Co wt%\(s\) in vent: the simulation has nothing in that phase of the stream/,
    );
    const r = reconcile(plant, solution.x, [
      { stream: 'vent', component: 'Co', unit: 'kg/h', value: 0.5, sd: 0.1, source: 'data.csv line 2' },
      { stream: 'blackMass', component: 'total', unit: 'kg/h', value: 140, sd: 1 },
    ]);
    expect(r.warnings[0]).toMatch(/data\.csv line 2: the simulation carries no Co in stream "vent", so this measurement is compared with zero/);
    // Nothing can move it: its standardized residual (0.5 − 0)/0.1 = 5 is its test, and it fails.
    expect(r.measurements[0].reconciled).toBe(0);
    expect(r.measurements[0].status).toBe('gross error');
    expect(r.measurements[0].grossError!.test).toBeCloseTo(5, 9);
  });
});
