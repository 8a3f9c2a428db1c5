import { readDocument, type FlowsheetDoc } from '../../core';
import {
  analyse,
  economicsByMode,
  readEconomicsDoc,
  solveModes,
  yearSummary,
  type EconomicsAnalysis,
  type ModeEconomics,
} from '../../core/economics';
import { solve } from '../../index';
import { registry } from '../../unit-ops';
import { readTextFile, stringFlag, UsageError, type Args, type Command } from '../args';
import { num, table } from '../table';

/** A sum of money: whole units from 100 up, cents below; a dash for zero. */
export function money(x: number): string {
  if (x === 0 || !Number.isFinite(x)) return x === 0 ? '–' : String(x);
  const a = Math.abs(x);
  return x.toLocaleString('en-US', a >= 100 ? { maximumFractionDigits: 0 } : { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function hours(x: number): string {
  if (!Number.isFinite(x)) return '∞';
  return x === 0 ? '0' : Number(x.toPrecision(4)).toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** Reads FILE, checks its economics, solves the given modes (every mode when omitted). */
export function loadDoc(args: Args, command: string, modes?: readonly string[]): { doc: FlowsheetDoc; results: ReturnType<typeof solveModes> } {
  if (args.files.length !== 1) throw new UsageError(`${command} takes one FILE`);
  // The flowsheet is checked first, so that a unit written as null (or any other wrong type) is
  // refused with its place before the economics read the units.
  const doc = readEconomicsDoc(readDocument(readTextFile(args.files[0]), registry));
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
export function toJson(x: unknown): string {
  return JSON.stringify(x, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v instanceof Map ? Object.fromEntries(v) : v));
}

function sideBySide(modes: readonly ModeEconomics[], currency: string): string {
  const c = currency;
  const row = (label: string, f: (m: ModeEconomics) => string) => [label, ...modes.map(f)];
  return table(
    ['', ...modes.map((m) => m.mode)],
    [
      row(`feed, t/h (${modes[0]?.feed.what ?? 'feed'})`, (m) => num(m.feed.tonnesPerHour)),
      row(`revenue, ${c}/h`, (m) => money(m.perHour.revenue)),
      row(`reagents, ${c}/h`, (m) => money(m.perHour.reagents)),
      row(`purchased feeds, ${c}/h`, (m) => money(m.perHour.feeds)),
      row(`utilities, ${c}/h`, (m) => money(m.perHour.utilities)),
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
    table(
      ['product', 'kg/h', 'kg/t feed', `${c}/kg`, `${c}/h`, `${c}/t feed`, 'priced by'],
      m.products.map((p) => [p.unit, num(p.kgPerHour), num(p.kgPerTonneFeed), p.priced ? num(p.valuePerKg) : 'unpriced', money(p.valuePerHour), money(p.valuePerTonneFeed), p.lines.map((l) => `${l.item} @ ${num(l.price)}`).join('; ')]),
      ['l', 'r', 'r', 'r', 'r', 'r', 'l'],
    ),
    '',
  );
  if (m.reagents.length) {
    out.push(
      'Reagents',
      table(
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
      table(['feed', 'kg/h', `${c}/h`, 'costed by'], feeds.map((f) => [f.unit, num(f.kgPerHour), money(f.costPerHour), f.lines.map((l) => `${l.item} @ ${num(l.price)}`).join('; ')]), ['l', 'r', 'r', 'l']),
      '',
    );
  }
  if (m.utilities.length) {
    out.push('Utilities', table(['utility', 'amount/h', 'price', `${c}/h`, 'source'], m.utilities.map((u) => [u.name, num(u.amountPerHour), u.price === undefined ? 'unpriced' : `${num(u.price)} ${u.unit}`, money(u.costPerHour), u.source ?? '']), ['l', 'r', 'r', 'r', 'l']), '');
  }
  return out.join('\n');
}

function formatEconomics(name: string, currency: string, modes: readonly ModeEconomics[], year: ReturnType<typeof yearSummary> | undefined, warnings: readonly string[]): string {
  const out: string[] = [`Economics — ${name} (${currency}; per operating hour unless stated)`, '', sideBySide(modes, currency), ''];
  for (const m of modes) out.push(modeDetail(m));
  if (year) {
    out.push(
      `The year at the planned hours (${hours(year.plannedHours)} of ${hours(year.hoursPerYear)} h): margin ${money(year.variableMargin)} − fixed costs ${money(year.fixedPerYear)} = ${money(year.margin)} ${currency}/yr, before switchovers (see \`flexsheet campaign\`).`,
    );
  }
  out.push(...warningLines(warnings));
  return out.join('\n');
}

export const economicsCommand: Command = {
  name: 'economics',
  usage: 'economics FILE [--mode NAME] [--json]',
  summary: 'per mode: revenue, reagent, feed and utility costs, margin per hour and per tonne of feed, reagent intensity, value of every product',
  valueFlags: ['--mode'],
  booleanFlags: ['--json'],
  run(args, out) {
    const mode = stringFlag(args, '--mode');
    const { doc, results } = loadDoc(args, 'economics', mode === undefined ? undefined : [mode]);
    const economics = Object.values(economicsByMode(doc, results));
    const year = mode === undefined ? yearSummary(doc, economics) : undefined;
    const currency = economics[0]?.currency ?? 'USD';
    const warnings = [...economics.flatMap((m) => m.warnings.map((w) => `${m.mode}: ${w}`)), ...(year?.warnings ?? [])];
    if (args.flags.has('--json')) out(toJson({ name: doc.name, currency, modes: economics, ...(year ? { year } : {}), warnings }));
    else out(formatEconomics(doc.name, currency, economics, year, warnings));
    return 0;
  },
};
