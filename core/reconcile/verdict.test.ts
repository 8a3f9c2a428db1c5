/** The verdict agrees with every test it shows, and names the suspect and what taking it out changes. */
import { describe, expect, it } from 'vitest';
import type { Measurement } from './measurements';
import { reconcile } from './reconcile';
import { reconciliationReport } from './report';
import { solveTest, testDoc } from './test-support';
import { verdictOf } from './verdict';

/** s1 → sp1 → (s2 → sp2 → s4, s5; s3): two balances sharing s2, kmol/h of NaCl. */
const tree = testDoc({
  species: { 'NaCl(aq)': {} },
  units: {
    f: { type: 'feed', flows: { 'NaCl(aq)': 100 } },
    sp1: { type: 'splitter', outlets: ['a', 'b'], fractions: { a: 0.6, b: 0.4 } },
    sp2: { type: 'splitter', outlets: ['a', 'b'], fractions: { a: 0.6, b: 0.4 } },
    p1: { type: 'product' },
    p2: { type: 'product' },
    p3: { type: 'product' },
  },
  streams: {
    s1: { from: 'f.out', to: 'sp1.in' },
    s2: { from: 'sp1.a', to: 'sp2.in' },
    s3: { from: 'sp1.b', to: 'p1.in' },
    s4: { from: 'sp2.a', to: 'p2.in' },
    s5: { from: 'sp2.b', to: 'p3.in' },
  },
});
const flows = (values: Record<string, number>): Measurement[] =>
  Object.entries(values).map(([stream, value], i) => ({ stream, component: 'NaCl(aq)', value, unit: 'kmol/h', sd: 1, source: `data.csv line ${i + 2}` }));

describe('the verdict', () => {
  const { plant, x } = solveTest(tree);

  it('names the gross error, with the χ² before and after and what the others say it should read', () => {
    // s2 reads 70 instead of 60 (10 sd high). Balance residuals r = (100 − 70 − 40, 70 − 36 − 24)
    // = (−10, 10); A·Aᵀ = [[3, −1], [−1, 3]], so χ² = rᵀ(AAᵀ)⁻¹r = (3·100 − 2·100 + 3·100)/8 = 50 on
    // 2 degrees of freedom. Without it the rest agree exactly (χ² = 0 on 1): s1 − s3 = s4 + s5 = 60,
    // two estimates of variance 2 each, so the others give 60 ± 1.
    const r = reconcile(plant, x, flows({ s1: 100, s2: 70, s3: 40, s4: 36, s5: 24 }));
    const v = verdictOf(r);
    expect(r.global.initial.chiSquare).toBeCloseTo(50, 9);
    expect(r.global.chiSquare).toBeCloseTo(0, 9);
    expect(v.status).toBe('gross errors');
    expect(v.suspects.map((s) => s.stream)).toEqual(['s2']);
    expect(v.suspects[0].reconciled).toBeCloseTo(60, 9);
    expect(v.suspects[0].reconciledSd).toBeCloseTo(1, 9);
    expect(v.headline).toMatch(/^One measurement is in error: NaCl\(aq\) kmol\/h in stream s2 \(data\.csv line 3\), measured 70 where the other data give 60 ± 1 \(test [\d.]+ > [\d.]+\)\. Without it the data are consistent with the balances: χ² = 0 with 1 degree of freedom/);
    expect(v.details[0]).toMatch(/With every measurement in, χ² = 50 with 2 degrees of freedom \(critical 5\.991\) fails the global test/);
    expect(v.details[1]).toMatch(/Taking out NaCl\(aq\) kmol\/h in stream s2 .* brings χ² from 50 to 0/);
    // Every status agrees: the one taken out is the one gross error, the rest pass.
    expect(r.measurements.map((m) => m.status)).toEqual(['ok', 'gross error', 'ok', 'ok', 'ok']);
  });

  it('says the data are consistent only when every test passes', () => {
    const v = verdictOf(reconcile(plant, x, flows({ s1: 100.5, s2: 60, s3: 40, s4: 35.7, s5: 24 })));
    expect(v.status).toBe('consistent');
    expect(v.headline).toMatch(/^The data are consistent with the balances: χ² = [\d.]+ with 2 degrees of freedom \(critical 5\.991\) passes/);
    expect(v.suspects).toEqual([]);
  });

  it('says when the data cannot tell which measurement is wrong', () => {
    // s1 is 10 high: s1 and s3 enter the same balance alike, so their tests are equal.
    const r = reconcile(plant, x, flows({ s1: 110, s2: 60, s3: 40, s4: 36, s5: 24 }));
    const v = verdictOf(r);
    expect(v.status).toBe('inconsistent');
    expect(v.headline).toMatch(/fails the global test/);
    expect(v.details[0]).toMatch(/shared by NaCl\(aq\) kmol\/h in stream s1 \(data\.csv line 2\); NaCl\(aq\) kmol\/h in stream s3 \(data\.csv line 4\): one of them is likely in error/);
    expect(r.measurements.filter((m) => m.status === 'suspect').map((m) => m.measurement.stream)).toEqual(expect.arrayContaining(['s1', 's3']));
    expect(r.measurements.some((m) => m.status === 'gross error')).toBe(false);
  });

  it('flags without taking out when elimination is off, and says so', () => {
    const v = verdictOf(reconcile(plant, x, flows({ s1: 100, s2: 70, s3: 40, s4: 36, s5: 24 }), { eliminate: false }));
    expect(v.status).toBe('inconsistent');
    expect(v.details[0]).toMatch(/stream s2 \(data\.csv line 3\) \(test 7\.07\).* measurement test \(kept: elimination is off\)/);
  });

  it('agrees with the non-negativity test when nothing else can be checked', () => {
    // Only s1 and s2 measured, s2 above s1: the balance alone fits them with s3 = −10, no redundancy;
    // kept at or above zero s3 = 0 and s1 = s2 = 105, χ² = 50 against χ²(0.95, 1) = 3.841.
    const r = reconcile(plant, x, flows({ s1: 100, s2: 110 }), { eliminate: false });
    const report = reconciliationReport(r);
    expect(report.global.nonNegative).toEqual({ bound: 1, dof: 1, critical: expect.closeTo(3.841, 3), passed: false });
    expect(report.verdict.status).toBe('inconsistent');
    expect(report.verdict.headline).toMatch(/no redundancy, yet they would make 1 flow negative: kept at or above zero, the values miss the data by χ² = 50, above χ²\(0\.95, 1\) = 3\.841/);
    expect(verdictOf(reconcile(plant, x, flows({ s1: 100, s2: 60 }))).status).toBe('unchecked');
  });
});
