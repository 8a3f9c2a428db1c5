/**
 * The whole economics of a flowsheet from its solved modes: per-mode economics, the year at the
 * planned hours, the switchover matrix and the campaign plan. The solver is passed in, so this
 * module stays free of unit operations.
 */
import { parseJsonText } from '../compile';
import { FlexsheetError } from '../diagnostics';
import type { FlowsheetDoc } from '../document';
import type { FlowsheetResults } from '../results';
import { planCampaign, type CampaignMode, type CampaignModel, type CampaignResult } from './campaign';
import { defaultValue } from './defaults';
import { economicsOf, modeDecl, modeEconomics, modeNames, solverMode, yearSummary, type ModeEconomics, type YearSummary } from './margin';
import { validateEconomics } from './schema';
import { serviceWarnings, switchoverMatrix, type SwitchoverMatrix } from './switchover';

/** Parses a flowsheet (text or object) and checks its economics section and equipment; throws FlexsheetError with located messages. */
export function readEconomicsDoc(input: unknown): FlowsheetDoc {
  const doc = typeof input === 'string' ? parseJsonText(input) : input;
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new FlexsheetError([{ path: '(file)', message: 'a flowsheet file is a JSON object' }]);
  const problems = validateEconomics(doc as FlowsheetDoc);
  if (problems.length) throw new FlexsheetError(problems);
  return doc as FlowsheetDoc;
}

export type SolveFn = (doc: FlowsheetDoc, mode: string | undefined) => FlowsheetResults;

/** Solves every mode of the file (or the base flowsheet when it has none). */
export function solveModes(doc: FlowsheetDoc, solve: SolveFn, modes: readonly string[] = modeNames(doc)): Record<string, FlowsheetResults> {
  return Object.fromEntries(modes.map((m) => [m, solve(doc, solverMode(m))]));
}

export function economicsByMode(doc: FlowsheetDoc, results: Readonly<Record<string, FlowsheetResults>>): Record<string, ModeEconomics> {
  return Object.fromEntries(Object.entries(results).map(([m, r]) => [m, modeEconomics(doc, m, r)]));
}

/**
 * The campaign model of the file: margin per hour of each mode, its availability as a share of
 * the year (availability tonnes / (rate × hoursPerYear); else planned hours / hoursPerYear; else
 * unlimited), its holding cost (holdingCost, else carryingRate × value per kg of its stock: the
 * feed's purchase price per kg when the feed is priced, else the revenue per kg of feed; for a
 * product-demand basis, the product's value per kg), and the direct switchover costs and downtimes.
 */
export function campaignModel(doc: FlowsheetDoc, economics: Readonly<Record<string, ModeEconomics>>, matrix: SwitchoverMatrix): CampaignModel {
  const econ = economicsOf(doc);
  const H = econ.hoursPerYear ?? defaultValue('hoursPerYear')!;
  const carrying = econ.campaign?.carryingRate ?? defaultValue('carryingRate')!;
  const allowed = econ.campaign?.modes ?? matrix.modes;
  const idx = allowed.map((m) => matrix.modes.indexOf(m)).filter((i) => i >= 0);
  const modes: CampaignMode[] = idx.map((i) => {
    const name = matrix.modes[i];
    const e = economics[name];
    const decl = modeDecl(doc, name);
    const of = decl.availability?.of ?? 'feed';
    let rate: number;
    let valuePerKg: number;
    let stock: string;
    if (of === 'feed') {
      rate = e.feed.kgPerHour;
      const bought = e.perHour.feeds;
      valuePerKg = rate > 0 ? (bought > 0 ? bought : e.perHour.revenue) / rate : 0;
      stock = `feed (${e.feed.what})`;
    } else {
      const p = e.products.find((x) => x.unit === of);
      rate = p?.kgPerHour ?? 0;
      valuePerKg = p?.valuePerKg ?? 0;
      stock = `product "${of}"`;
    }
    let share: number;
    if (decl.availability) share = rate > 0 ? (decl.availability.tonnes * 1000) / (rate * H) : 0;
    else if (decl.hours !== undefined) share = decl.hours / H;
    else share = Infinity;
    const h = decl.holdingCost ?? carrying * Math.max(0, valuePerKg);
    return { name, marginPerHour: e.perHour.margin, share, holding: h * rate, rate, holdingPerKgYear: h, stock };
  });
  const pick = (m: number[][]) => idx.map((i) => idx.map((j) => m[i][j]));
  return {
    hoursPerYear: H,
    fixedPerYear: econ.fixedCosts?.perYear ?? 0,
    modes,
    switchCost: pick(matrix.direct),
    downtime: pick(matrix.downtime),
    minCycle: econ.campaign?.minCycle ?? defaultValue('minCycle')!,
    maxCycle: econ.campaign?.maxCycle ?? H,
  };
}

export interface EconomicsAnalysis {
  name: string;
  currency: string;
  modes: ModeEconomics[];
  year: YearSummary;
  matrix: SwitchoverMatrix;
  campaign: CampaignResult;
  warnings: string[];
}

/** Everything, from the solved results of every mode. */
export function analyse(doc: FlowsheetDoc, results: Readonly<Record<string, FlowsheetResults>>): EconomicsAnalysis {
  const economics = economicsByMode(doc, results);
  const modes = Object.values(economics);
  const matrix = switchoverMatrix(doc, { results, economics }, Object.keys(results));
  const campaign = planCampaign(campaignModel(doc, economics, matrix));
  const year = yearSummary(doc, modes);
  const warnings = [...new Set([...modes.flatMap((m) => m.warnings.map((w) => `${m.mode}: ${w}`)), ...year.warnings, ...serviceWarnings(doc), ...matrix.detail.flat().flatMap((s) => s.warnings)])];
  return { name: doc.name, currency: economicsOf(doc).currency ?? 'USD', modes, year, matrix, campaign, warnings };
}
