/**
 * The reconciliation as data (JSON for the command line and the editor) and as a plain-text
 * report a process engineer reads: the tests, measured against reconciled values, gross errors,
 * what the data do not determine, reconciled streams, recoveries and fitted parameters.
 */
import Papa from 'papaparse';
import { ATOMIC_WEIGHTS } from '../chemistry';
import { summarizeReconciliation, type CaseSummary, type Value } from './compare';
import type { UnitFit } from './fit';
import { describeVariable } from './measurements';
import { describeMeasurement, type Reconciliation, type VariableStatus } from './reconcile';

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
  species: Record<string, { kgPerHour: number | null; sd: number | null; status: VariableStatus }>;
}

export interface ReconciliationReport {
  plant: string;
  mode?: string;
  run?: string;
  balances: { level: string; units: Reconciliation['balances']['units'] };
  global: Reconciliation['global'] & { alpha: number };
  measurements: {
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
    status: string;
    source?: string;
    grossError?: { test: number; critical: number; round: number; error: number | null };
  }[];
  streams: Record<string, StreamReport>;
  doses: Record<string, Record<string, { kgPerHour: number | null; sd: number | null; status: VariableStatus }>>;
  unobservable: { stream?: string; reagentOf?: string; species: string }[];
  recovery: CaseSummary['recovery'];
  grade: CaseSummary['grade'];
  parameters?: UnitFit[];
  warnings: string[];
}

export function reconciliationReport(rec: Reconciliation, fits?: readonly UnitFit[], context: { run?: string } = {}): ReconciliationReport {
  const { plant, index } = rec;
  const species = plant.species;
  const S = species.list.length;
  const streams: Record<string, StreamReport> = {};
  plant.streams.forEach((s) => {
    const sp: StreamReport['species'] = {};
    let determined = 0;
    let open = 0;
    for (let k = 0; k < S; k++) {
      const v = s.offset + k;
      const st = rec.status[v];
      if (st === 'zero') continue;
      const M = species.list[k].molarMass;
      const known = st !== 'unobservable';
      if (known) determined++;
      else open++;
      sp[species.list[k].id] = { kgPerHour: known ? rec.x[v] * M : null, sd: known ? rec.sd[v] * M || 0 : null, status: st };
    }
    const mass = new Map<number, number>();
    for (let k = 0; k < S; k++) mass.set(s.offset + k, species.list[k].molarMass);
    const total = rec.estimate(mass);
    const elements: Record<string, Value> = {};
    species.elements.forEach((el, e) => {
      const coefs = new Map<number, number>();
      for (let k = 0; k < S; k++) {
        const a = species.elementMatrix[e * S + k];
        if (a && rec.status[s.offset + k] !== 'zero') coefs.set(s.offset + k, a * ATOMIC_WEIGHTS[el]);
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
  const doses: ReconciliationReport['doses'] = {};
  for (const d of index.doses) {
    const st = rec.status[d.variable];
    const M = species.list[d.species].molarMass;
    const known = st !== 'unobservable';
    (doses[d.unit] ??= {})[species.list[d.species].id] = { kgPerHour: known ? rec.x[d.variable] * M : null, sd: known ? rec.sd[d.variable] * M || 0 : null, status: st };
  }
  const unobservable: ReconciliationReport['unobservable'] = [];
  rec.status.forEach((st, v) => {
    if (st !== 'unobservable') return;
    const d = describeVariable(plant, index, v);
    unobservable.push({ ...(d.stream ? { stream: d.stream } : { reagentOf: d.reagentOf }), species: d.species });
  });
  const summary = summarizeReconciliation('', rec);
  return {
    plant: plant.name,
    ...(plant.mode !== undefined ? { mode: plant.mode } : {}),
    ...(context.run ? { run: context.run } : {}),
    balances: { level: rec.balances.level, units: rec.balances.units },
    global: { ...rec.global, alpha: rec.options.alpha },
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
      ...(m.grossError ? { grossError: m.grossError } : {}),
    })),
    streams,
    doses,
    unobservable,
    recovery: summary.recovery,
    grade: summary.grade,
    ...(fits ? { parameters: [...fits] } : {}),
    warnings: rec.warnings,
  };
}

/** Numbers with 4 significant figures; '–' for none. */
export function fmtNumber(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e6 || a < 1e-3) return x.toExponential(digits - 1);
  return Number(x.toPrecision(digits)).toString();
}

const pct = (v: number | null | undefined, sd?: number | null) =>
  v === null || v === undefined ? '?' : `${(v * 100).toFixed(2)}${sd ? ` ±${(sd * 100).toFixed(2)}` : ''} %`;

/** Plain-text table, columns separated by two spaces; first column left-aligned. */
export function textTable(header: string[], rows: string[][], left: number[] = [0]): string {
  const cells = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((cell, c) => (left.includes(c) ? (cell ?? '').padEnd(widths[c]) : (cell ?? '').padStart(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The report as text. */
export function formatReconciliationReport(r: ReconciliationReport, title?: string): string {
  const out: string[] = [];
  out.push(title ?? `Reconciliation: ${r.plant}${r.mode ? ` (mode ${r.mode})` : ''}${r.run ? `, run ${r.run}` : ''}`);
  out.push('');
  const g = r.global;
  const used = r.measurements.filter((m) => !(m.grossError && m.test === null)).length;
  out.push(`Balances: ${r.balances.level} level (see "Balances used"); ${r.measurements.length} measurements, ${used} used after gross-error elimination.`);
  if (g.critical === null) out.push(`Global test: no redundancy (χ² = ${fmtNumber(g.chiSquare)} with 0 degrees of freedom): nothing can be checked.`);
  else
    out.push(
      `Global test: χ² = ${fmtNumber(g.chiSquare)} with ${g.dof} degrees of freedom; critical χ²(${1 - g.alpha}, ${g.dof}) = ${fmtNumber(g.critical)}: ${g.passed ? 'passed' : 'FAILED'}.`,
    );
  if (g.chiSquareNonNegative > g.chiSquare * (1 + 1e-6) + 1e-9)
    out.push(`Keeping every flow at or above zero moves the values to χ² = ${fmtNumber(g.chiSquareNonNegative)} (the flows held at zero are listed under Notes).`);
  if (g.measurementCritical !== null) out.push(`Measurement test: critical value ${fmtNumber(g.measurementCritical)} (α = ${g.alpha}, Šidák-corrected over ${g.redundant} redundant measurements).`);
  out.push('');
  out.push('Measured against reconciled');
  out.push(
    textTable(
      ['stream', 'component', 'unit', 'measured', '± sd', 'reconciled', '± sd', 'adjust/sd', 'test', 'status'],
      r.measurements.map((m) => [
        m.stream,
        m.component,
        m.unit,
        fmtNumber(m.measured),
        fmtNumber(m.sd),
        m.reconciled === null ? '?' : fmtNumber(m.reconciled),
        m.reconciledSd === null ? '' : fmtNumber(m.reconciledSd),
        m.standardized === null ? '' : m.standardized.toFixed(2),
        m.test !== null ? m.test.toFixed(2) : m.grossError ? m.grossError.test.toFixed(2) : '',
        m.status === 'gross error' ? 'GROSS ERROR' : m.status === 'suspect' ? 'SUSPECT' : m.status,
      ]),
      [0, 1, 2, 9],
    ),
  );
  const gross = r.measurements.filter((m) => m.grossError);
  if (gross.length) {
    out.push('');
    out.push('Gross errors');
    for (const m of gross) {
      const e = m.grossError!;
      const where = `${m.component} ${m.unit} in ${m.stream}${m.source ? ` (${m.source})` : ''}`;
      const round = e.round ? `flagged in round ${e.round}` : 'flagged';
      const est = m.reconciled === null ? 'the other data do not determine it' : `the other data give ${fmtNumber(m.reconciled)} ± ${fmtNumber(m.reconciledSd)}, so the error is about ${fmtNumber(e.error)} ${m.unit}`;
      out.push(`- ${where}: ${round}, test ${e.test.toFixed(2)} > ${e.critical.toFixed(2)}; measured ${fmtNumber(m.measured)}, ${est}.`);
    }
  }
  if (r.unobservable.length) {
    out.push('');
    out.push('Not determined by the data (unobservable: no values are given for them)');
    const byStream = new Map<string, string[]>();
    for (const u of r.unobservable) {
      const key = u.stream ? `stream ${u.stream}` : `dose into ${u.reagentOf}`;
      byStream.set(key, [...(byStream.get(key) ?? []), u.species]);
    }
    for (const [key, list] of byStream) {
      const s = key.startsWith('stream ') ? r.streams[key.slice(7)] : undefined;
      out.push(`- ${key}: ${s?.observable === 'none' ? 'unobservable' : list.join(', ')}${s?.observable === 'none' ? ` (${list.join(', ')})` : ''}`);
    }
  }
  out.push('');
  out.push('Reconciled streams (kg/h; ? = not determined by the data)');
  const elements: string[] = [];
  for (const s of Object.values(r.streams)) for (const el of Object.keys(s.elements)) if (!elements.includes(el)) elements.push(el);
  out.push(
    textTable(
      ['stream', 'total', ...elements],
      Object.entries(r.streams).map(([id, s]) => [
        id,
        s.total.value === null ? '?' : fmtNumber(s.total.value),
        ...elements.map((el) => (s.elements[el] ? (s.elements[el].value === null ? '?' : fmtNumber(s.elements[el].value)) : '–')),
      ]),
    ),
  );
  const doseRows = Object.entries(r.doses).flatMap(([unit, m]) => Object.entries(m).map(([sp, d]) => [unit, sp, d.kgPerHour === null ? '?' : fmtNumber(d.kgPerHour), d.sd === null ? '' : fmtNumber(d.sd)]));
  if (doseRows.length) {
    out.push('');
    out.push('Reagent doses (kg/h)');
    out.push(textTable(['unit', 'species', 'kg/h', '± sd'], doseRows, [0, 1]));
  }
  const products = Object.keys(r.recovery);
  if (products.length) {
    out.push('');
    out.push('Recovery of feed elements to products, reconciled (± sd; ? = not determined)');
    const els = [...new Set(products.flatMap((p) => Object.keys(r.recovery[p])))];
    out.push(textTable(['element', ...products], els.map((el) => [el, ...products.map((p) => (r.recovery[p][el] ? pct(r.recovery[p][el].value, r.recovery[p][el].sd) : '–'))])));
  }
  if (r.parameters) {
    out.push('');
    out.push('Unit parameters fitted to the reconciled flows');
    const rows = r.parameters.filter((u) => u.parameters.length).flatMap((u) =>
      u.parameters.length
        ? u.parameters.map((p) => [
            u.unit,
            p.parameter,
            fmtNumber(p.file),
            p.fitted === null ? '–' : fmtNumber(p.fitted),
            p.sd === null ? '' : fmtNumber(p.sd, 2),
            p.status === 'fitted' ? (p.reason ? `fitted (${p.reason})` : 'fitted') : p.status === 'at bound' ? 'fitted, at its bound' : `not identifiable: ${p.reason}`,
          ])
        : [[u.unit, '–', '', '', '', u.note ?? '']],
    );
    out.push(textTable(['unit', 'parameter', 'file', 'fitted', '± sd', 'status'], rows, [0, 1, 5]));
  }
  out.push('');
  out.push('Balances used');
  out.push(textTable(['unit', 'type', 'equations', 'what is held'], r.balances.units.map((u) => [u.unit, u.type, String(u.equations), u.description]), [0, 1, 3]));
  if (r.warnings.length) {
    out.push('');
    out.push('Notes');
    for (const w of r.warnings) out.push(`- ${w}`);
  }
  return out.join('\n');
}

/** Measured against reconciled as CSV. */
export function measurementsReportCsv(r: ReconciliationReport): string {
  const fmt = (x: number | null | undefined) => (x === null || x === undefined ? '' : Number(x.toPrecision(8)).toString());
  const fields = ['run', 'stream', 'component', 'unit', 'measured', 'sd', 'reconciled', 'reconciled sd', 'adjustment', 'adjustment/sd', 'test', 'status', 'source'];
  const data = r.measurements.map((m) => [
    r.run ?? '',
    m.stream,
    m.component,
    m.unit,
    fmt(m.measured),
    fmt(m.sd),
    fmt(m.reconciled),
    fmt(m.reconciledSd),
    fmt(m.adjustment),
    fmt(m.standardized),
    fmt(m.test),
    m.status,
    m.source ?? '',
  ]);
  return Papa.unparse({ fields, data }, { newline: '\n' }) + '\n';
}

export { describeMeasurement };
