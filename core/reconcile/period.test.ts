/** Measurements over a period with the stock change of an inventory, and the metal-accounting statement. */
import { describe, expect, it } from 'vitest';
import { compileFlowsheet } from '../compile';
import { FlexsheetError } from '../diagnostics';
import { parseMeasurementsCsv } from './csv';
import { reconcile } from './reconcile';
import { reconciliationReport } from './report';
import { formatReconciliationReport } from './report-text';
import { createPilotSession, reconcileRuns } from './index';
import { solveTest, testDoc, testRegistry } from './test-support';

/** A salt solution fed to a surge tank (a mixer) and pumped out: steady state in the simulation. */
const tank = testDoc({
  basis: 'kg/h',
  species: { 'NaCl(aq)': {}, 'H2O(l)': {} },
  units: {
    f: { type: 'feed', flows: { 'NaCl(aq)': 10, 'H2O(l)': 90 } },
    tank: { type: 'mixer' },
    out: { type: 'product' },
  },
  streams: { feed: { from: 'f.out', to: 'tank.in' }, discharge: { from: 'tank.out', to: 'out.in' } },
});

const csv = (stock: number) =>
  [
    'run,stream,component,value,unit,sd',
    'day1,period,duration,24,h,',
    'day1,feed,total,2.4,t,0.024',
    'day1,feed,Na,3.9336,wt%,0.04',
    'day1,discharge,total,2300,kg,23',
    'day1,discharge,Na,3.9336,wt%,0.04',
    `day1,stock:tank,total,${stock},kg,5`,
  ].join('\n');

describe('a period with a stock change', () => {
  const { plant, x } = solveTest(tank);

  it('closes: 2.4 t in = 2,300 kg out + 100 kg more in the tank, nothing adjusted', () => {
    // Over 24 h: feed 2,400 kg, discharge 2,300 kg, the tank holds 100 kg more: in − out − Δstock = 0.
    const data = parseMeasurementsCsv(csv(100), plant, 'day.csv');
    expect(data.every((m) => m.hours === 24)).toBe(true);
    const r = reconcile(plant, x, data);
    expect(r.hours).toBe(24);
    expect(r.global.chiSquare).toBeLessThan(1e-14);
    for (const m of r.measurements) expect(Math.abs(m.adjustment!)).toBeLessThan(1e-7 * Math.abs(m.measurement.value));
    const report = reconciliationReport(r);
    expect(report.verdict.status).toBe('consistent');
    // The accounting statement, in kg over the period: Na in 2,400 × 3.9336 % = 94.406 kg, out
    // 2,300 × 3.9336 % = 90.473 kg; the tank's Na is not measured, so only the balance gives it:
    // 3.934 kg, the unaccounted loss 0.
    const na = report.accounting.elements.find((e) => e.element === 'Na')!;
    expect(report.accounting.unit).toBe('kg');
    expect(na.reconciled.in.value).toBeCloseTo(94.406, 2);
    expect(na.reconciled.out.value).toBeCloseTo(90.473, 2);
    expect(na.reconciled.stock.value).toBeCloseTo(94.406 - 90.473, 2);
    expect(Math.abs(na.reconciled.unaccounted.value!)).toBeLessThan(1e-9);
    expect(na.measured.in!.value).toBeCloseTo(94.406, 2);
    expect(na.measured.stock).toBeNull();
    expect(na.measured.unaccounted).toBeNull();
    expect(formatReconciliationReport(report)).toMatch(/Metal accounting \(kg over the period of 24 h/);
  });

  it('without the stock change the same flows fail the global test', () => {
    const data = parseMeasurementsCsv(csv(100), plant, 'day.csv').filter((m) => !m.stream.startsWith('stock:'));
    const r = reconcile(plant, x, data, { eliminate: false });
    // 2,400 against 2,300 kg with sd 24 and 23: χ² ≈ 100²/(24² + 23²) = 9.05 on 1 + (assays) dof.
    expect(r.global.passed).toBe(false);
    expect(r.global.chiSquare).toBeGreaterThan(9);
  });

  it('a stock change that does not close is spread over the data, and the statement says how much was unaccounted', () => {
    // 2,400 − 2,300 − 60 = 40 kg unaccounted, sd √(24² + 23² + 5²) = 33.6 kg (total mass, measured basis).
    const r = reconcile(plant, x, parseMeasurementsCsv(csv(60), plant, 'day.csv'));
    expect(r.global.chiSquare).toBeGreaterThan(1);
    expect(r.global.passed).toBe(true);
    const report = reconciliationReport(r);
    const h = report.accounting.elements.find((e) => e.element === 'H')!;
    expect(Math.abs(h.reconciled.unaccounted.value!)).toBeLessThan(1e-9);
    const stock = report.stocks.tank;
    const total = Object.values(stock).reduce((a, s) => a + s.kgPerHour!, 0) * 24;
    expect(total).toBeGreaterThan(60);
    expect(total).toBeLessThan(100);
  });

  it('reads measured element flows, assays and stock changes into the measured column', () => {
    const lines = [
      'run,stream,component,value,unit,sd',
      'd,period,duration,1,d,',
      'd,feed,total,2400,kg,24',
      'd,feed,Na,3.9336,wt%,0.04',
      'd,discharge,Na,88,kg,2',
      'd,stock:tank,Na,4,kg,0.5',
    ].join('\n');
    const r = reconcile(plant, x, parseMeasurementsCsv(lines, plant, 'na.csv'));
    const na = reconciliationReport(r).accounting.elements.find((e) => e.element === 'Na')!;
    // Measured: in 2,400 × 0.039336 = 94.406 ± √((24·0.039336)² + (2400·0.0004)²) = 94.406 ± 1.348;
    // out 88 ± 2; stock 4 ± 0.5; unaccounted 2.406 ± √(1.348² + 2² + 0.5²) = 2.46.
    expect(na.measured.in!.value).toBeCloseTo(94.406, 2);
    expect(na.measured.in!.sd).toBeCloseTo(1.348, 2);
    expect(na.measured.unaccounted!.value).toBeCloseTo(2.406, 2);
    expect(na.measured.unaccounted!.sd).toBeCloseTo(2.463, 2);
    expect(Math.abs(na.reconciled.unaccounted.value!)).toBeLessThan(1e-9);
  });

  it('refuses an amount over a period without the period, and a stock on a feed', () => {
    expect(() => parseMeasurementsCsv('stream,component,value,unit,sd\nfeed,total,2400,kg,24\n', plant, 'p.csv')).toThrow(/p\.csv line 2, column 4 \(unit\): "kg" is an amount over the period, and this run has no duration/);
    expect(() => parseMeasurementsCsv('stream,component,value,unit,sd\nstock:f,total,1,kg/h,1\n', plant, 'p.csv')).toThrow(/unit "f" is a feed: its flows are free/);
    expect(() => parseMeasurementsCsv('run,stream,component,value,unit,sd\nA,period,duration,-3,h,\nA,feed,total,1,kg/h,1\n', plant, 'p.csv')).toThrow(/the duration of a period is a number > 0/);
  });
});

describe('a pilot session', () => {
  it('compiles the plant once per document and mode, and gives the same answer as a fresh reconciliation', () => {
    const session = createPilotSession(testRegistry);
    const first = session.reconcile(tank, csv(100), { fit: false });
    const again = session.reconcile(structuredClone(tank), csv(60), { fit: false });
    const fresh = reconcileRuns(tank, testRegistry, csv(60), { fit: false });
    expect(first[0].report.global.chiSquare).toBeLessThan(1e-14);
    expect(again[0].report.measurements.map((m) => m.reconciled)).toEqual(fresh[0].report.measurements.map((m) => expect.closeTo(m.reconciled!, 10)));
  });
});

describe('the significance level', () => {
  it('below 1e-9 (1 − α/n rounds to 1) is refused with its place, not an internal error', () => {
    expect(() => reconcileRuns(tank, testRegistry, csv(100), { fit: false, alpha: 1e-15 })).toThrow(FlexsheetError);
    expect(() => reconcileRuns(tank, testRegistry, csv(100), { fit: false, alpha: 1e-15 })).toThrow(/^options\.alpha: alpha is a significance level from 1e-9 to 0\.5/);
    expect(reconcileRuns(tank, testRegistry, csv(100), { fit: false, alpha: 1e-9 })[0].report.global.chiSquare).toBeLessThan(1e-14);
  });
});

describe('measurements given as data', () => {
  it('are refused with their place when a standard deviation cannot weigh them (0, or 5e-324 that overflows 1/sd²)', () => {
    const plant = compileFlowsheet(tank, testRegistry);
    const data = parseMeasurementsCsv(csv(100), plant, 'p.csv');
    for (const sd of [0, 5e-324]) {
      const bad = data.map((m, i) => (i === 0 ? { ...m, sd } : m));
      expect(() => reconcileRuns(tank, testRegistry, bad, { fit: false })).toThrow(FlexsheetError);
      expect(() => reconcileRuns(tank, testRegistry, bad, { fit: false })).toThrow(/^measurements\[0\]\.sd: .* in stream .*: the standard deviation (must be a number > 0|4.941e-324 is below 1e-100)/);
    }
  });
});
