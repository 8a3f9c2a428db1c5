/**
 * The reconciliation report as a process engineer reads it: the verdict first, then the tests,
 * measured against reconciled values, gross errors, what the data do not determine, reconciled
 * streams, the metal-accounting statement, recoveries and fitted parameters; and the measured
 * against reconciled table as CSV (escaped against formula injection).
 */
import type { AccountingStatement } from './accounting';
import { tableCsv } from './csv';
import { formatOrDash, textTable } from '../format';
import { fmtChi, fmtValueSd } from './format';
import type { ReconciliationReport } from './report';

const pct = (v: number | null | undefined, sd?: number | null) => (v === null || v === undefined ? '?' : `${(v * 100).toFixed(2)}${sd ? ` ±${(sd * 100).toFixed(2)}` : ''} %`);

/** The report as text. */
export function formatReconciliationReport(r: ReconciliationReport, title?: string): string {
  const sections = [
    [title ?? `Reconciliation: ${r.plant}${r.mode ? ` (mode ${r.mode})` : ''}${r.run ? `, run ${r.run}` : ''}${r.hours !== undefined ? `, a period of ${formatOrDash(r.hours)} h` : ''}`],
    verdictSection(r),
    testsSection(r),
    measurementsSection(r),
    grossSection(r),
    unobservableSection(r),
    streamsSection(r),
    heldSection('Reagent doses (kg/h)', r.doses),
    heldSection('Stock changes over the period (kg/h, + when the inventory grows)', r.stocks),
    accountingSection(r.accounting),
    recoverySection(r),
    parametersSection(r),
    balancesSection(r),
    r.warnings.length ? ['Notes', ...r.warnings.map((w) => `- ${w}`)] : [],
  ];
  return sections
    .filter((s) => s.length)
    .map((s) => s.join('\n'))
    .join('\n\n');
}

function verdictSection(r: ReconciliationReport): string[] {
  return [`Verdict: ${r.verdict.headline}`, ...r.verdict.details.map((d) => `  ${d}`)];
}

function testsSection(r: ReconciliationReport): string[] {
  const g = r.global;
  const used = r.measurements.filter((m) => !(m.grossError && m.test === null)).length;
  const out = [`Balances: ${r.balances.level} level (see "Balances used"); ${r.measurements.length} measurements, ${used} used after gross-error elimination.`];
  if (g.critical === null) out.push(`Global test: no redundancy (χ² = ${fmtChi(g.chiSquare)} with 0 degrees of freedom): nothing can be checked.`);
  else out.push(`Global test: χ² = ${fmtChi(g.chiSquare)} with ${g.dof} degree${g.dof === 1 ? '' : 's'} of freedom; critical χ²(${1 - g.alpha}, ${g.dof}) = ${formatOrDash(g.critical)}: ${g.passed ? 'passed' : 'FAILED'}.`);
  if (g.chiSquareNonNegative > g.chiSquare * (1 + 1e-6) + 1e-9) {
    const nn = g.nonNegative;
    const against = nn.critical === null ? '' : `; with ${nn.bound} flow${nn.bound === 1 ? '' : 's'} held at zero the critical χ²(${1 - g.alpha}, ${nn.dof}) is ${formatOrDash(nn.critical)}: ${nn.passed ? 'passed' : 'FAILED'}`;
    out.push(`Keeping every flow at or above zero moves the values to χ² = ${fmtChi(g.chiSquareNonNegative)}${against} (the flows held at zero are listed under Notes).`);
  }
  if (g.measurementCritical !== null) out.push(`Measurement test: critical value ${formatOrDash(g.measurementCritical)} (α = ${g.alpha}, Šidák-corrected over ${g.redundant} redundant measurements).`);
  return out;
}

function measurementsSection(r: ReconciliationReport): string[] {
  return [
    'Measured against reconciled',
    textTable(
      ['stream', 'component', 'unit', 'measured', '± sd', 'reconciled', '± sd', 'adjust/sd', 'test', 'status'],
      r.measurements.map((m) => [
        m.stream,
        m.component,
        m.unit,
        formatOrDash(m.measured),
        formatOrDash(m.sd),
        m.reconciled === null ? '?' : formatOrDash(m.reconciled),
        m.reconciledSd === null ? '' : formatOrDash(m.reconciledSd),
        m.standardized === null ? '' : m.standardized.toFixed(2),
        m.test !== null ? m.test.toFixed(2) : m.grossError ? m.grossError.test.toFixed(2) : '',
        m.status === 'gross error' ? 'GROSS ERROR' : m.status === 'suspect' ? 'SUSPECT' : m.status,
      ]),
      ['l', 'l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
    ),
  ];
}

function grossSection(r: ReconciliationReport): string[] {
  const gross = r.measurements.filter((m) => m.grossError);
  if (!gross.length) return [];
  return [
    'Gross errors',
    ...gross.map((m) => {
      const e = m.grossError!;
      const where = `${m.component} ${m.unit} in ${m.stream}${m.source ? ` (${m.source})` : ''}`;
      const round = e.round ? `flagged in round ${e.round}` : 'flagged';
      const est = m.reconciled === null ? 'the other data do not determine it' : `the other data give ${formatOrDash(m.reconciled)} ± ${formatOrDash(m.reconciledSd)}, so the error is about ${formatOrDash(e.error)} ${m.unit}`;
      return `- ${where}: ${round}, test ${e.test.toFixed(2)} > ${e.critical.toFixed(2)}; measured ${formatOrDash(m.measured)}, ${est}.`;
    }),
  ];
}

function unobservableSection(r: ReconciliationReport): string[] {
  if (!r.unobservable.length) return [];
  const byStream = new Map<string, string[]>();
  for (const u of r.unobservable) {
    const key = u.stream !== undefined ? `stream ${u.stream}` : u.reagentOf !== undefined ? `dose into ${u.reagentOf}` : `stock of ${u.inventory}`;
    byStream.set(key, [...(byStream.get(key) ?? []), u.species]);
  }
  const lines = [...byStream].map(([key, list]) => {
    const id = key.slice(7);
    const s = key.startsWith('stream ') && Object.hasOwn(r.streams, id) ? r.streams[id] : undefined;
    return `- ${key}: ${s?.observable === 'none' ? `unobservable (${list.join(', ')})` : list.join(', ')}`;
  });
  return ['Not determined by the data (unobservable: no values are given for them)', ...lines];
}

function streamsSection(r: ReconciliationReport): string[] {
  const elements: string[] = [];
  for (const s of Object.values(r.streams)) for (const el of Object.keys(s.elements)) if (!elements.includes(el)) elements.push(el);
  return [
    'Reconciled streams (kg/h; ? = not determined by the data)',
    textTable(
      ['stream', 'total', ...elements],
      Object.entries(r.streams).map(([id, s]) => [
        id,
        s.total.value === null ? '?' : formatOrDash(s.total.value),
        ...elements.map((el) => (Object.hasOwn(s.elements, el) ? (s.elements[el].value === null ? '?' : formatOrDash(s.elements[el].value)) : '–')),
      ]),
    ),
  ];
}

function heldSection(title: string, held: ReconciliationReport['doses']): string[] {
  const rows = Object.entries(held).flatMap(([unit, m]) => Object.entries(m).map(([sp, d]) => [unit, sp, d.kgPerHour === null ? '?' : formatOrDash(d.kgPerHour), d.sd === null ? '' : formatOrDash(d.sd)]));
  return rows.length ? [title, textTable(['unit', 'species', 'kg/h', '± sd'], rows, ['l', 'l'])] : [];
}

function accountingSection(a: AccountingStatement): string[] {
  if (!a.elements.length) return [];
  const per = a.unit === 'kg' ? `kg over the period of ${formatOrDash(a.hours)} h` : 'kg/h';
  const v = (x: { value: number | null; sd?: number | null } | null | undefined) => (x ? fmtValueSd(x.value, x.sd) : '–');
  return [
    `Metal accounting (${per}; reconciled ± sd, and as measured where the data give every term of a sum)`,
    textTable(
      ['element', 'in', 'out', 'stock change', 'unaccounted', 'measured in', 'measured out', 'measured stock', 'measured unaccounted'],
      a.elements.map((e) => [
        e.element,
        v(e.reconciled.in),
        v(e.reconciled.out),
        e.inventories ? v(e.reconciled.stock) : '–',
        v(e.reconciled.unaccounted),
        v(e.measured.in),
        v(e.measured.out),
        e.inventories ? v(e.measured.stock) : '–',
        v(e.measured.unaccounted),
      ]),
    ),
  ];
}

function recoverySection(r: ReconciliationReport): string[] {
  const products = Object.keys(r.recovery);
  if (!products.length) return [];
  const els = [...new Set(products.flatMap((p) => Object.keys(r.recovery[p])))];
  const cell = (p: string, el: string) => (Object.hasOwn(r.recovery[p], el) ? pct(r.recovery[p][el].value, r.recovery[p][el].sd) : '–');
  return ['Recovery of feed elements to products, reconciled (± sd; ? = not determined)', textTable(['element', ...products], els.map((el) => [el, ...products.map((p) => cell(p, el))]))];
}

function parametersSection(r: ReconciliationReport): string[] {
  if (!r.parameters) return [];
  const rows = r.parameters
    .filter((u) => u.parameters.length)
    .flatMap((u) =>
      u.parameters.map((p) => [
        u.unit,
        p.parameter,
        formatOrDash(p.file),
        p.fitted === null ? '–' : formatOrDash(p.fitted),
        p.sd === null ? '' : formatOrDash(p.sd, 2),
        p.status === 'fitted' ? (p.reason ? `fitted (${p.reason})` : 'fitted') : p.status === 'at bound' ? 'fitted, at its bound' : `not identifiable: ${p.reason}`,
      ]),
    );
  return ['Unit parameters fitted to the reconciled flows', textTable(['unit', 'parameter', 'file', 'fitted', '± sd', 'status'], rows, ['l', 'l', 'r', 'r', 'r', 'l'])];
}

function balancesSection(r: ReconciliationReport): string[] {
  return ['Balances used', textTable(['unit', 'type', 'equations', 'what is held'], r.balances.units.map((u) => [u.unit, u.type, String(u.equations), u.description]), ['l', 'l', 'r', 'l'])];
}

/** Measured against reconciled as CSV (cells a spreadsheet would read as formulas are escaped). */
export function measurementsReportCsv(r: ReconciliationReport): string {
  const fmt = (x: number | null | undefined) => (x === null || x === undefined ? null : Number(x.toPrecision(8)));
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
  return tableCsv(fields, data);
}
