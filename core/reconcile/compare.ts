/**
 * Recovery and grade of every product, per element, for several cases side by side: simulated
 * runs (files, modes) and reconciled pilot runs. The definitions are those of results.ts:
 * recovery = element leaving through the product / element entering in the feeds (reagents not
 * counted); grade = element mass / product mass. A reconciled case leaves a value out (null)
 * where the data do not determine it, and gives its standard deviation where they do.
 */
import { ATOMIC_WEIGHTS } from '../chemistry';
import type { CompiledFlowsheet } from '../compile';
import { tableCsv } from './csv';
import type { Estimate } from './estimates';
import type { Reconciliation } from './reconcile';
import { dict, own } from '../records';
import { plantUnknown, streamVariable } from './variables';

export interface Value {
  value: number | null;
  sd?: number | null;
}

export interface CaseSummary {
  label: string;
  /** recovery[product][element], fraction */
  recovery: Record<string, Record<string, Value>>;
  /** grade[product][element], mass fraction */
  grade: Record<string, Record<string, Value>>;
  /** product mass flow, kg/h */
  massFlow: Record<string, Value>;
}

interface Estimator {
  linear(coefs: ReadonlyMap<number, number>): Estimate;
  ratio(num: ReadonlyMap<number, number>, den: ReadonlyMap<number, number>): Estimate;
}

/** Coefficients of an element's mass (kg/h) and of the total mass in a set of streams, over some layout of unknowns. */
function streamCoefficients(plant: CompiledFlowsheet, unknown: (s: number, k: number) => number) {
  const species = plant.species;
  const S = species.list.length;
  return {
    element(streams: readonly number[], e: number): Map<number, number> {
      const m = new Map<number, number>();
      const aw = ATOMIC_WEIGHTS[species.elements[e]];
      for (const s of streams) {
        for (let k = 0; k < S; k++) {
          const a = species.elementMatrix[e * S + k];
          if (a) m.set(unknown(s, k), a * aw);
        }
      }
      return m;
    },
    mass(streams: readonly number[]): Map<number, number> {
      const m = new Map<number, number>();
      for (const s of streams) for (let k = 0; k < S; k++) m.set(unknown(s, k), species.list[k].molarMass);
      return m;
    },
  };
}

function summarize(label: string, plant: CompiledFlowsheet, est: Estimator, unknown: (s: number, k: number) => number): CaseSummary {
  const species = plant.species;
  const coefs = streamCoefficients(plant, unknown);
  const elementCoefs = coefs.element;
  const massCoefs = coefs.mass;
  const feedStreams = plant.units.filter((u) => u.type.role === 'source').flatMap((u) => [...u.outlets.values()]);
  const recovery: CaseSummary['recovery'] = dict();
  const grade: CaseSummary['grade'] = dict();
  const massFlow: CaseSummary['massFlow'] = dict();
  const feedElement = species.elements.map((_, e) => elementCoefs(feedStreams, e));
  const feedAmount = feedElement.map((c) => est.linear(c));
  for (const unit of plant.units) {
    if (unit.type.role !== 'sink') continue;
    const streams = [...unit.inlets.values()].flat();
    const mass = massCoefs(streams);
    const total = est.linear(mass);
    massFlow[unit.id] = { value: total.value, sd: total.sd };
    const rec = (recovery[unit.id] = dict<Value>());
    const gr = (grade[unit.id] = dict<Value>());
    species.elements.forEach((el, e) => {
      const coefs = elementCoefs(streams, e);
      const amount = est.linear(coefs);
      const fed = feedAmount[e];
      if (fed.value === null || fed.value > 0) {
        const r = est.ratio(coefs, feedElement[e]);
        rec[el] = { value: r.value, sd: r.sd };
      }
      if (amount.value === null || amount.value > 0) {
        const g = est.ratio(coefs, mass);
        gr[el] = { value: g.value, sd: g.sd };
      }
    });
  }
  return { label, recovery, grade, massFlow };
}

/** A simulated case: x is solvePlant(plant).x. */
export function summarizeSolution(label: string, plant: CompiledFlowsheet, x: Float64Array): CaseSummary {
  const dotx = (m: ReadonlyMap<number, number>) => {
    let s = 0;
    for (const [v, c] of m) s += c * x[v];
    return s;
  };
  return summarize(
    label,
    plant,
    {
      linear: (m) => ({ value: dotx(m), sd: null, observable: true }),
      ratio: (a, b) => {
        const d = dotx(b);
        return { value: d > 0 ? dotx(a) / d : null, sd: null, observable: true };
      },
    },
    (s, k) => plantUnknown(plant, s, k),
  );
}

/** A reconciled case. */
export function summarizeReconciliation(label: string, rec: Reconciliation): CaseSummary {
  return summarize(label, rec.plant, { linear: rec.estimate, ratio: rec.ratio }, (s, k) => streamVariable(rec.index, s, k));
}

/** A reconciled case from its plain report (as it crosses from a worker). */
export function caseFromReport(label: string, report: { recovery: CaseSummary['recovery']; grade: CaseSummary['grade']; products: CaseSummary['massFlow'] }): CaseSummary {
  return { label, recovery: report.recovery, grade: report.grade, massFlow: report.products };
}

export interface ComparisonRow {
  metric: 'recovery' | 'grade' | 'mass flow';
  product: string;
  /** '' for mass flow */
  element: string;
  values: Value[];
}

export interface Comparison {
  cases: string[];
  rows: ComparisonRow[];
}

/**
 * Lines up cases: every product and element that any case has, recovery first, then grade, then
 * product mass flow. `elements` restricts the elements shown.
 */
export function compareCases(cases: readonly CaseSummary[], elements?: readonly string[]): Comparison {
  const products: string[] = [];
  for (const c of cases) for (const p of Object.keys(c.massFlow)) if (!products.includes(p)) products.push(p);
  const rows: ComparisonRow[] = [];
  const keep = (el: string) => !elements || elements.includes(el);
  for (const metric of ['recovery', 'grade'] as const) {
    for (const product of products) {
      const els: string[] = [];
      for (const c of cases) for (const el of Object.keys(own(c[metric], product) ?? {})) if (!els.includes(el) && keep(el)) els.push(el);
      if (elements) els.sort((a, b) => elements.indexOf(a) - elements.indexOf(b));
      for (const element of els) rows.push({ metric, product, element, values: cases.map((c) => own(own(c[metric], product) ?? {}, element) ?? { value: null }) });
    }
  }
  for (const product of products) rows.push({ metric: 'mass flow', product, element: '', values: cases.map((c) => own(c.massFlow, product) ?? { value: null }) });
  return { cases: cases.map((c) => c.label), rows };
}

/** The comparison as CSV: one row per metric, product and element; per case a value and, where known, its sd. */
export function comparisonToCsv(c: Comparison): string {
  const withSd = c.rows.some((r) => r.values.some((v) => v.sd !== undefined && v.sd !== null));
  const fields = ['metric', 'product', 'element', 'unit', ...c.cases.flatMap((name) => (withSd ? [name, `${name} sd`] : [name]))];
  const fmt = (x: number | null | undefined) => (x === null || x === undefined ? null : Number(x.toPrecision(8)));
  const data = c.rows.map((r) => [
    r.metric,
    r.product,
    r.element,
    r.metric === 'mass flow' ? 'kg/h' : 'fraction',
    ...r.values.flatMap((v) => (withSd ? [fmt(v.value), fmt(v.sd)] : [fmt(v.value)])),
  ]);
  return tableCsv(fields, data);
}

