import { describe, expect, it } from 'vitest';
import { ATOMIC_WEIGHTS } from '../chemistry';
import type { Measurement } from './measurements';
import { reconcile } from './reconcile';
import { reconciliationReport } from './report';
import { formatReconciliationReport } from './report-text';
import { solveTest, testDoc as doc } from './test-support';
import { streamVariable, variableIndex } from './variables';

const solveDoc = (d: unknown) => ({ solution: solveTest(d) });

/** One feed split into two products: s1 = s2 + s3 for NaCl. */
const node = doc({
  species: { 'NaCl(aq)': {} },
  units: {
    f: { type: 'feed', flows: { 'NaCl(aq)': 100 } },
    sp: { type: 'splitter', outlets: ['a', 'b'], fractions: { a: 0.6, b: 0.4 } },
    pa: { type: 'product' },
    pb: { type: 'product' },
  },
  streams: { s1: { from: 'f.out', to: 'sp.in' }, s2: { from: 'sp.a', to: 'pa.in' }, s3: { from: 'sp.b', to: 'pb.in' } },
});
const flow = (stream: string, value: number, sd = 1): Measurement => ({ stream, component: 'NaCl(aq)', value, unit: 'kmol/h', sd });

describe('weighted least squares against hand calculations', () => {
  it('adjusts one balance s1 = s2 + s3 by the textbook projection', () => {
    // min Σ (x_i − y_i)² subject to a·x = 0, a = (1, −1, −1): x = y − (a·y / a·a)·a.
    // a·y = 100 − 60 − 35 = 5, so every flow moves by 5/3; cov(x) = I − aaᵀ/3, so sd = √(2/3);
    // χ² = (a·y)²/a·a = 25/3 with 1 degree of freedom; each standardized residual 5/3 with
    // variance 1/3, so every measurement test is (5/3)/√(1/3) = 2.887: they cannot be told apart.
    const { solution } = solveDoc(node);
    const r = reconcile(solution.plant, solution.x, [flow('s1', 100), flow('s2', 60), flow('s3', 35)]);
    const [a, b, c] = r.measurements;
    expect(a.reconciled).toBeCloseTo(100 - 5 / 3, 10);
    expect(b.reconciled).toBeCloseTo(60 + 5 / 3, 10);
    expect(c.reconciled).toBeCloseTo(35 + 5 / 3, 10);
    for (const m of r.measurements) {
      expect(m.reconciledSd).toBeCloseTo(Math.sqrt(2 / 3), 10);
      expect(m.test).toBeCloseTo(5 / 3 / Math.sqrt(1 / 3), 9);
      expect(m.status).toBe('suspect');
    }
    expect(r.global.chiSquare).toBeCloseTo(25 / 3, 10);
    expect(r.global.dof).toBe(1);
    expect(r.global.critical).toBeCloseTo(3.841, 3);
    expect(r.global.passed).toBe(false);
    expect(r.warnings.join('\n')).toMatch(/the data cannot tell which of them is in error/);
  });

  it('weights by 1/σ²: a flow measured 10 times more precisely hardly moves', () => {
    // With σ = (1, 1, 0.1): x = y − (a·y / Σ a_i² σ_i²)·Σa; Σ a_i²σ_i² = 2.01.
    const { solution } = solveDoc(node);
    const r = reconcile(solution.plant, solution.x, [flow('s1', 100), flow('s2', 60), flow('s3', 35, 0.1)], { eliminate: false });
    const k = 5 / 2.01;
    expect(r.measurements[0].reconciled).toBeCloseTo(100 - k, 10);
    expect(r.measurements[1].reconciled).toBeCloseTo(60 + k, 10);
    expect(r.measurements[2].reconciled).toBeCloseTo(35 + 0.01 * k, 10);
  });

  it('estimates an unmeasured flow from the balance and keeps flows non-negative', () => {
    const { solution } = solveDoc(node);
    // s3 unmeasured: s3 = s1 − s2 = 40, no redundancy.
    const free = reconcile(solution.plant, solution.x, [flow('s1', 100), flow('s2', 60)]);
    expect(free.global.dof).toBe(0);
    const s3 = streamVariable(variableIndex(solution.plant), 2, 0);
    expect(free.x[s3]).toBeCloseTo(40, 10);
    expect(free.status[s3]).toBe('observable');
    // s2 measured above s1: s3 would be −10. Bound at 0, s1 = s2, and the nearest such pair to
    // (100, 110) with equal weights is (105, 105): χ² = 5² + 5² = 50. The balances alone fit the
    // data exactly (s3 = −10, no redundancy), so the tests see χ² = 0 with 0 degrees of freedom.
    const bound = reconcile(solution.plant, solution.x, [flow('s1', 100), flow('s2', 110)], { eliminate: false });
    expect(bound.status[s3]).toBe('bound');
    expect(bound.measurements[0].reconciled).toBeCloseTo(105, 9);
    expect(bound.measurements[1].reconciled).toBeCloseTo(105, 9);
    expect(bound.global.chiSquareNonNegative).toBeCloseTo(50, 8);
    expect(bound.global.chiSquare).toBeCloseTo(0, 9);
    expect(bound.global.dof).toBe(0);
    expect(bound.warnings.join('\n')).toMatch(/NaCl\(aq\) in stream "s3" is held at zero/);
  });

  it('reports flows the data do not determine as unobservable, and never gives them a value', () => {
    // Two feeds mixed; only the mixture is measured: its flow is known, the split between the feeds is not.
    const mix = doc({
      species: { 'NaCl(aq)': {} },
      units: {
        f1: { type: 'feed', flows: { 'NaCl(aq)': 30 } },
        f2: { type: 'feed', flows: { 'NaCl(aq)': 70 } },
        m: { type: 'mixer' },
        p: { type: 'product' },
      },
      streams: { a: { from: 'f1.out', to: 'm.in' }, b: { from: 'f2.out', to: 'm.in' }, c: { from: 'm.out', to: 'p.in' } },
    });
    const { solution } = solveDoc(mix);
    const r = reconcile(solution.plant, solution.x, [flow('c', 120, 2)]);
    expect(r.status.slice(0, 3)).toEqual(['unobservable', 'unobservable', 'observable']);
    const report = reconciliationReport(r);
    expect(report.streams.a.observable).toBe('none');
    expect(report.streams.a.total.value).toBeNull();
    expect(report.streams.a.species['NaCl(aq)'].kgPerHour).toBeNull();
    expect(report.streams.c.total.value).toBeCloseTo(120 * (ATOMIC_WEIGHTS.Na + ATOMIC_WEIGHTS.Cl), 9);
    expect(report.unobservable).toEqual([
      { stream: 'a', species: 'NaCl(aq)' },
      { stream: 'b', species: 'NaCl(aq)' },
    ]);
    expect(formatReconciliationReport(report)).toMatch(/- stream a: unobservable \(NaCl\(aq\)\)\n- stream b: unobservable/);
  });
});

