import { textTable } from '../../core/format';
import type { FlowsheetDoc } from '../../core';
import {
  analyse,
  readEconomicsDoc,
  solveModes,
  yearSummary,
  type EconomicsAnalysis,
  type ModeEconomics,
} from '../../core/economics';
import { solve } from '../../index';
import { readTextFile, stringFlag, UsageError, type Args, type Command } from '../args';
import { formatCapital, formatDuties, formatFixed, formatInvestment, formatSharing, hours, money } from '../economics-format';
import { num } from '../table';

export { hours, money };

/** Reads FILE, checks its economics, solves the given modes (every mode when omitted). */
export function loadDoc(args: Args, command: string, modes?: readonly string[]): { doc: FlowsheetDoc; results: ReturnType<typeof solveModes> } {
  if (args.files.length !== 1) throw new UsageError(`${command} takes one FILE`);
  const doc = readEconomicsDoc(readTextFile(args.files[0]));
  const results = solveModes(doc, (d, mode) => solve(d, { mode }), modes);
  return { doc, results };
}

/** The closing "Warnings" block of a text report, or nothing. */
export function warningLines(warnings: readonly string[]): string[] {
  return warnings.length ? ['', 'Warnings', ...warnings.map((w) => `  ${w}`)] : [];
}

export function loadAnalysis(args: Args, command: string): { doc: FlowsheetDoc; analysis: EconomicsAnalysis } {
  const { doc, results } = loadDoc(args, command);
  return { doc, analysis: analyse(doc, results) };
}

/** JSON with Infinity written as null. */
/** JSON for the economics commands: a quantity without bound is the string "Infinity" (docs/economics.md). */
export function toJson(x: unknown): string {
  return JSON.stringify(x, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? unbounded(v) : v instanceof Map ? Object.fromEntries(v) : v));
}

function unbounded(v: number): string {
  if (Number.isNaN(v)) throw new Error('economics: a figure is NaN');
  return v > 0 ? 'Infinity' : '-Infinity';
}

function sideBySide(modes: readonly ModeEconomics[], currency: string): string {
  const c = currency;
  const row = (label: string, f: (m: ModeEconomics) => string) => [label, ...modes.map(f)];
  return textTable(
    ['', ...modes.map((m) => m.mode)],
    [
      row(`feed, t/h (${modes[0]?.feed.what ?? 'feed'})`, (m) => num(m.feed.tonnesPerHour)),
      row(`revenue, ${c}/h`, (m) => money(m.perHour.revenue)),
      row(`reagents, ${c}/h`, (m) => money(m.perHour.reagents)),
      row(`purchased feeds, ${c}/h`, (m) => money(m.perHour.feeds)),
      row(`utilities, ${c}/h`, (m) => money(m.perHour.utilities)),
      row(`waste disposal, ${c}/h`, (m) => money(m.perHour.disposal)),
      row(`mode fixed cost, ${c}/h`, (m) => money(m.perHour.fixed)),
      row(`margin, ${c}/h`, (m) => money(m.perHour.margin)),
      row(`margin, ${c}/t feed`, (m) => money(m.perTonneFeed.margin)),
      row(`revenue, ${c}/t feed`, (m) => money(m.perTonneFeed.revenue)),
      row(`reagents, ${c}/t feed`, (m) => money(m.perTonneFeed.reagents)),
      row('reagent intensity, kg/t feed', (m) => num(m.reagentIntensity)),
      row('planned hours, h/yr', (m) => (m.hours === undefined ? '–' : hours(m.hours))),
      row(`margin at planned hours, ${c}/yr`, (m) => (m.annual ? money(m.annual.margin) : '–')),
    ],
  );
}

function modeDetail(m: ModeEconomics): string {
  const c = m.currency;
  const out: string[] = [`Mode ${m.mode}: feed ${num(m.feed.kgPerHour)} kg/h of ${m.feed.what} (${m.feed.units.join(', ')})`, ''];
  out.push(
    'Products',
    textTable(
      ['product', 'kg/h', 'kg/t feed', `${c}/kg`, `${c}/h`, `${c}/t feed`, 'priced by'],
      m.products.map((p) => [p.unit, num(p.kgPerHour), num(p.kgPerTonneFeed), p.priced ? num(p.valuePerKg) : 'unpriced', money(p.valuePerHour), money(p.valuePerTonneFeed), p.lines.map((l) => `${l.item} @ ${num(l.price)}`).join('; ')]),
      ['l', 'r', 'r', 'r', 'r', 'r', 'l'],
    ),
    '',
  );
  if (m.reagents.length) {
    out.push(
      'Reagents',
      textTable(
        ['unit', 'species', 'kg/h', 'kg/t feed', `${c}/kg`, `${c}/h`, 'price source'],
        m.reagents.map((r) => [r.unit, r.species, num(r.kgPerHour), num(r.kgPerTonneFeed), r.price === undefined ? 'unpriced' : num(r.price), money(r.costPerHour), r.source ?? '']),
        ['l', 'l', 'r', 'r', 'r', 'r', 'l'],
      ),
      '',
    );
  }
  const feeds = m.feeds.filter((f) => f.costPerHour !== 0);
  if (feeds.length) {
    out.push(
      'Purchased feeds and consumables',
      textTable(['feed', 'kg/h', `${c}/h`, 'costed by'], feeds.map((f) => [f.unit, num(f.kgPerHour), money(f.costPerHour), f.lines.map((l) => `${l.item} @ ${num(l.price)}`).join('; ')]), ['l', 'r', 'r', 'l']),
      '',
    );
  }
  if (m.utilities.length) {
    out.push('Utilities', textTable(['utility', 'for', 'amount/h', 'price', `${c}/h`, 'source'], m.utilities.map((u) => [u.name, u.from, num(u.amountPerHour), u.price === undefined ? 'unpriced' : `${num(u.price)} ${u.unit}`, money(u.costPerHour), u.source ?? '']), ['l', 'l', 'r', 'r', 'r', 'l']), '');
    for (const u of m.utilities) if (u.duties?.length) out.push(formatDuties(u), '');
  }
  if (m.disposal.length) {
    out.push('Waste disposal and treatment', textTable(['sink', 'kg/h', `${c}/kg`, `${c}/h`, 'source'], m.disposal.map((d) => [d.unit, num(d.kgPerHour), num(d.price), money(d.costPerHour), d.source]), ['l', 'r', 'r', 'r', 'l']), '');
  }
  return out.join('\n');
}

function formatEconomics(name: string, currency: string, modes: readonly ModeEconomics[], year: ReturnType<typeof yearSummary> | undefined, warnings: readonly string[], analysis?: EconomicsAnalysis): string {
  const out: string[] = [`Economics — ${name} (${currency}; per operating hour unless stated)`, '', sideBySide(modes, currency), ''];
  for (const m of modes) out.push(modeDetail(m));
  if (analysis?.capital && analysis.investment) {
    out.push(formatCapital(analysis.capital.shared), '');
    const sharing = formatSharing(analysis.capital);
    if (sharing) out.push(sharing, '');
    out.push(formatFixed(analysis.fixed, currency), '', formatInvestment(analysis.investment, currency), '');
  } else if (analysis) out.push('Capital, operating cost and investment: not estimated (add an economics.capital, operating or investment section; docs/economics.md).', '');
  if (year) {
    out.push(
      `The year at the planned hours (${hours(year.plannedHours)} of ${hours(year.hoursPerYear)} h): margin ${money(year.variableMargin)} − fixed costs ${money(year.fixedPerYear)} = ${money(year.margin)} ${currency}/yr, before switchovers (see \`flexsheet campaign\`).`,
    );
  }
  out.push(...warningLines(warnings));
  return out.join('\n');
}

/** An investment plan without its campaign curve: modes, plan, capital totals, fixed costs, cash flows and figures. */
export function planSummary(p: NonNullable<EconomicsAnalysis['investment']>['plans'][number]) {
  const { units: _u, ...capital } = p.capital;
  void _u;
  return { modes: p.modes, plan: p.plan, capital, fixed: p.fixed, ebitda: p.ebitda, npv: p.npv, ...(p.irr !== undefined ? { irr: p.irr } : {}), ...(p.payback !== undefined ? { payback: p.payback } : {}), cashFlows: p.cashFlows };
}

export const economicsCommand: Command = {
  name: 'economics',
  usage: 'economics FILE [--mode NAME] [--json]',
  summary: 'per mode: revenue, reagent, feed, utility and disposal costs, margin per hour and per tonne of feed; capital per unit (shared plant against dedicated ones), fixed operating costs, NPV and IRR per campaign plan',
  valueFlags: ['--mode'],
  booleanFlags: ['--json'],
  run(args, out) {
    const mode = stringFlag(args, '--mode');
    const { doc, results } = loadDoc(args, 'economics', mode === undefined ? undefined : [mode]);
    const analysis = analyse(doc, results);
    const economics = analysis.modes;
    const year = mode === undefined ? analysis.year : undefined;
    const currency = analysis.currency;
    const warnings = analysis.warnings;
    const { capital, fixed, investment, compatibility } = analysis;
    const inv = investment ? { investment: { inputs: investment.inputs, plans: investment.plans.map(planSummary), best: investment.best?.modes } } : {};
    if (args.flags.has('--json')) out(toJson({ name: doc.name, currency, modes: economics, ...(year ? { year } : {}), ...(capital ? { capital } : {}), fixed, ...inv, compatibility, warnings }));
    else out(formatEconomics(doc.name, currency, economics, year, warnings, analysis));
    return 0;
  },
};
