/**
 * The black-mass pilot days in plant units (black-mass-plant-units.csv, written by generate.ts):
 * m³/h, SG, g/L and mg/L, % solids, tonnes per day, and on day D2 the stock changes of two tanks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFlowsheet, solvePlant } from '../../core';
import { createReconciler, parseMeasurementsCsv, reconcileData, reconcileWith, runsOf } from '../../core/reconcile';
import { registry } from '../../unit-ops';
import { runData } from './generate';

const here = import.meta.dirname;
const plant = compileFlowsheet(readFileSync(join(here, '..', 'black-mass.json'), 'utf8'), registry);
const nominal = solvePlant(plant).x;
const reconciler = createReconciler(plant, nominal);
const data = parseMeasurementsCsv(readFileSync(join(here, 'black-mass-plant-units.csv'), 'utf8'), plant, 'black-mass-plant-units.csv');

describe('black-mass pilot days in plant units', () => {
  it('has two 24 h days in m³/h, SG, g/L, mg/L, % solids and t, D2 with stock changes', () => {
    expect(runsOf(data)).toEqual(['D1', 'D2']);
    expect(data.every((m) => m.hours === 24)).toBe(true);
    const units = new Set(data.map((m) => m.unit));
    for (const u of ['m³/h', 'SG', 'g/L', 'mg/L', '%', 't', 'wt%(s)', 'ppm(s)', 'g/L(org)', 'L/min', 'm³', 'kg']) expect(units).toContain(u);
    expect(data.filter((m) => m.stream.startsWith('stock:')).every((m) => m.run === 'D2')).toBe(true);
  });

  it('reconciles both days: every test passes and the verdict says so', () => {
    for (const run of ['D1', 'D2']) {
      const [r] = reconcileData(plant, nominal, data, { run, fit: false }, reconciler);
      expect(r.report.global.passed).toBe(true);
      expect(r.report.measurements.filter((m) => m.status === 'gross error' || m.status === 'suspect')).toEqual([]);
      expect(r.report.verdict.status).toBe('consistent');
    }
  });

  it('closes day D2 exactly on its true values, stock changes included; without them it does not', () => {
    // The true values of D2 (generate.ts without noise): the tanks co_mix and cyanex_mix keep 0.5 %
    // and 0.05 % of what they receive, so in − out − Δstock = 0 for every species.
    const truth = runData('black-mass-plant-units.csv', 'D2', { noise: false });
    const closed = reconcileWith(reconciler, truth);
    expect(closed.global.chiSquare).toBeLessThan(1e-12);
    for (const m of closed.measurements) expect(Math.abs(m.adjustment!)).toBeLessThanOrEqual(1e-7 * Math.abs(m.measurement.value) + 1e-12);
    // Without the stock lines the same true values miss the steady balances (a 0.5 % stock is well
    // inside the 1-2 % noise of the meters, so only the survey shows it).
    const steady = reconcileWith(reconciler, truth.filter((m) => !m.stream.startsWith('stock:')), { eliminate: false });
    expect(steady.global.chiSquare).toBeGreaterThan(1e-4);
  });

  it('gives day D2 a metal-accounting statement: in = out + stock change, the stocks as measured', () => {
    const [d2] = reconcileData(plant, nominal, data, { run: 'D2', fit: false }, reconciler);
    const statement = d2.report.accounting;
    expect(statement.unit).toBe('kg');
    for (const el of ['Li', 'Ni', 'Co', 'Mn']) {
      const e = statement.elements.find((x) => x.element === el)!;
      expect(e.inventories).toBe(true);
      const { in: fed, out, stock, unaccounted } = e.reconciled;
      expect(fed.value! - out.value! - stock.value!).toBeCloseTo(0, 6);
      expect(unaccounted.value).toBe(0);
      expect(stock.sd).toBeGreaterThan(0);
      // The measured stock is the sum of the tanks' assays; the reconciled one is within 3 sd of it.
      expect(Math.abs(stock.value! - e.measured.stock!.value!)).toBeLessThan(3 * e.measured.stock!.sd!);
    }
  });
});
