/**
 * The reconciliation as plain data — what the command line prints as JSON and what crosses from
 * the editor's worker (structured-cloneable: no Maps, functions or typed arrays; tables keyed by ids
 * have no prototype, records.ts). Its shape is described in README.md ("The result").
 */
import { ATOMIC_WEIGHTS } from '../chemistry';
import { accountingStatement, type AccountingStatement } from './accounting';
import type { EliminationRound } from './gross-errors';
import { summarizeReconciliation, type CaseSummary, type Value } from './compare';
import type { UnitFit } from './fit';
import type { GlobalTest, Reconciliation, VariableStatus } from './reconcile';
import { dict, own } from '../records';
import { describeVariable, streamVariable } from './variables';
import { verdictOf, type Verdict } from './verdict';

export interface StreamReport {
  from: string;
  to: string;
  /** 'all': every flow it carries is determined; 'partly'; 'none'. */
  observable: 'all' | 'partly' | 'none';
  /** kg/h */
  total: Value;
  /** kg/h of each element */
  elements: Record<string, Value>;
  /** Every species the stream may carry: kg/h, sd, status. */
  species: Record<string, SpeciesFlow>;
}

export interface SpeciesFlow {
  kgPerHour: number | null;
  sd: number | null;
  status: VariableStatus;
}

export interface MeasurementReport {
  stream: string;
  component: string;
  unit: string;
  measured: number;
  sd: number;
  reconciled: number | null;
  reconciledSd: number | null;
  adjustment: number | null;
  standardized: number | null;
  test: number | null;
  status: 'ok' | 'gross error' | 'suspect' | 'not redundant';
  source?: string;
  grossError?: { test: number; critical: number; round: number; error: number | null };
}

/** A gross-error round as reported: the measurement named instead of numbered. */
export interface EliminationReport extends Pick<EliminationRound, 'test' | 'critical' | 'before' | 'after' | 'reconciledWith' | 'reconciledWithout'> {
  round: number;
  stream: string;
  component: string;
  unit: string;
  source?: string;
}

export interface ReconciliationReport {
  plant: string;
  mode?: string;
  run?: string;
  /** Duration of the period, h, when the data give it. */
  hours?: number;
  /** The statement that agrees with every test below. */
  verdict: Verdict;
  balances: { level: string; units: Reconciliation['balances']['units'] };
  global: GlobalTest & { alpha: number };
  eliminated: EliminationReport[];
  measurements: MeasurementReport[];
  streams: Record<string, StreamReport>;
  doses: Record<string, Record<string, SpeciesFlow>>;
  /** Stock change of each inventory a period measures: kg/h averaged over the period. */
  stocks: Record<string, Record<string, SpeciesFlow>>;
  unobservable: { stream?: string; reagentOf?: string; inventory?: string; species: string }[];
  recovery: CaseSummary['recovery'];
  grade: CaseSummary['grade'];
  /** Mass flow of every product, kg/h. */
  products: CaseSummary['massFlow'];
  accounting: AccountingStatement;
  parameters?: UnitFit[];
  warnings: string[];
}

export function reconciliationReport(rec: Reconciliation, fits?: readonly UnitFit[], context: { run?: string } = {}): ReconciliationReport {
  const { plant } = rec;
  const summary = summarizeReconciliation('', rec);
  return {
    plant: plant.name,
    ...(plant.mode !== undefined ? { mode: plant.mode } : {}),
    ...(context.run ? { run: context.run } : {}),
    ...(rec.hours !== undefined ? { hours: rec.hours } : {}),
    verdict: verdictOf(rec),
    balances: { level: rec.balances.level, units: rec.balances.units.map((u) => ({ ...u })) },
    global: { ...rec.global, alpha: rec.options.alpha },
    eliminated: eliminated(rec),
    measurements: rec.measurements.map((m) => ({
      stream: m.measurement.stream,
      component: m.measurement.component,
      unit: m.measurement.unit,
      measured: m.measurement.value,
      sd: m.measurement.sd,
      reconciled: m.reconciled,
      reconciledSd: m.reconciledSd,
      adjustment: m.adjustment,
      standardized: m.standardized,
      test: m.test,
      status: m.status,
      ...(m.measurement.source ? { source: m.measurement.source } : {}),
      ...(m.grossError ? { grossError: { ...m.grossError } } : {}),
    })),
    streams: streamReports(rec),
    doses: heldFlows(rec, rec.index.doses),
    stocks: heldFlows(rec, rec.index.accumulations),
    unobservable: unobservable(rec),
    recovery: summary.recovery,
    grade: summary.grade,
    products: summary.massFlow,
    accounting: accountingStatement(rec),
    ...(fits ? { parameters: fits.map((f) => structuredClone(f)) } : {}),
    warnings: [...rec.warnings],
  };
}

function eliminated(rec: Reconciliation): EliminationReport[] {
  return rec.rounds.map((r, n) => {
    const m = rec.measurements[r.measurement].measurement;
    return {
      round: n + 1,
      stream: m.stream,
      component: m.component,
      unit: m.unit,
      ...(m.source ? { source: m.source } : {}),
      test: r.test,
      critical: r.critical,
      before: { ...r.before },
      after: { ...r.after },
      reconciledWith: r.reconciledWith,
      reconciledWithout: r.reconciledWithout,
    };
  });
}

function streamReports(rec: Reconciliation): Record<string, StreamReport> {
  const { plant, index } = rec;
  const species = plant.species;
  const S = species.list.length;
  const streams = dict<StreamReport>();
  plant.streams.forEach((s, si) => {
    const sp = dict<SpeciesFlow>();
    let determined = 0;
    let open = 0;
    const mass = new Map<number, number>();
    for (let k = 0; k < S; k++) {
      const v = streamVariable(index, si, k);
      mass.set(v, species.list[k].molarMass);
      const st = rec.status[v];
      if (st === 'zero') continue;
      const M = species.list[k].molarMass;
      const known = st !== 'unobservable';
      if (known) determined++;
      else open++;
      sp[species.list[k].id] = { kgPerHour: known ? rec.x[v] * M : null, sd: known ? rec.sd[v] * M || 0 : null, status: st };
    }
    const total = rec.estimate(mass);
    const elements = dict<Value>();
    species.elements.forEach((el, e) => {
      const coefs = new Map<number, number>();
      for (let k = 0; k < S; k++) {
        const a = species.elementMatrix[e * S + k];
        const v = streamVariable(index, si, k);
        if (a && rec.status[v] !== 'zero') coefs.set(v, a * ATOMIC_WEIGHTS[el]);
      }
      if (!coefs.size) return;
      const est = rec.estimate(coefs);
      if (est.value === null || est.value > 0) elements[el] = { value: est.value, sd: est.sd };
    });
    streams[s.id] = {
      from: `${plant.units[s.fromUnit].id}.${s.fromPort}`,
      to: `${plant.units[s.toUnit].id}.${s.toPort}`,
      observable: open === 0 ? 'all' : determined === 0 ? 'none' : 'partly',
      total: { value: total.value, sd: total.sd },
      elements,
      species: sp,
    };
  });
  return streams;
}

/** Doses or stock changes, by unit and species, kg/h. */
function heldFlows(rec: Reconciliation, list: readonly { unit: string; species: number; variable: number }[]): Record<string, Record<string, SpeciesFlow>> {
  const out = dict<Record<string, SpeciesFlow>>();
  const species = rec.plant.species;
  for (const d of list) {
    const st = rec.status[d.variable];
    const M = species.list[d.species].molarMass;
    const known = st !== 'unobservable';
    const table = own(out, d.unit) ?? (out[d.unit] = dict<SpeciesFlow>());
    table[species.list[d.species].id] = { kgPerHour: known ? rec.x[d.variable] * M : null, sd: known ? rec.sd[d.variable] * M || 0 : null, status: st };
  }
  return out;
}

function unobservable(rec: Reconciliation): ReconciliationReport['unobservable'] {
  const out: ReconciliationReport['unobservable'] = [];
  rec.status.forEach((st, v) => {
    if (st !== 'unobservable') return;
    const d = describeVariable(rec.plant, rec.index, v);
    out.push({ ...(d.stream ? { stream: d.stream } : d.reagentOf ? { reagentOf: d.reagentOf } : { inventory: d.inventory }), species: d.species });
  });
  return out;
}
