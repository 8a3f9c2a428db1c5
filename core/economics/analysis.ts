/**
 * The whole economics of a flowsheet from its solved modes: per-mode economics, equipment
 * compatibility, capital (shared plant against dedicated ones), fixed operating costs, the year at
 * the planned hours, the switchover matrix, the campaign plan, and NPV and IRR per campaign plan.
 * The solver is passed in, so this module stays free of unit operations.
 */
import { parseJsonText } from '../compile';
import { FlexsheetError } from '../diagnostics';
import type { FlowsheetDoc } from '../document';
import type { FlowsheetResults } from '../results';
import { availabilityOf } from './availability';
import { sharingComparison, type SharingComparison } from './capital';
import { planCampaign, type CampaignMode, type CampaignModel, type CampaignResult } from './campaign';
import { incompatibleModes, modeCompatibility, type Incompatibility } from './compatibility';
import { defaultValue } from './defaults';
import { fixedCosts, type FixedCosts } from './fixed-costs';
import { investmentPlans, type InvestmentAnalysis } from './investment';
import { economicsOf, modeDecl, modeEconomics, modeNames, solverMode, yearSummary, type ModeEconomics, type YearSummary } from './margin';
import { own, table } from './own';
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
  return table(modes.map((m) => [m, solve(doc, solverMode(m))] as const));
}

export function economicsByMode(doc: FlowsheetDoc, results: Readonly<Record<string, FlowsheetResults>>): Record<string, ModeEconomics> {
  return table(Object.entries(results).map(([m, r]) => [m, modeEconomics(doc, m, r)] as const));
}

/**
 * The campaign model of the file: margin per hour of each mode, its availability as a share of
 * the year (availability.ts), its holding cost (holdingCost, else carryingRate × value per kg of
 * its stock), the direct switchover costs and downtimes, which switchovers are refused and which
 * modes cannot run (incompatible equipment under the "refuse" policy), and the fixed costs a year.
 */
export function campaignModel(doc: FlowsheetDoc, economics: Readonly<Record<string, ModeEconomics>>, matrix: SwitchoverMatrix, fixedPerYear?: number, refused: ReadonlySet<string> = new Set()): CampaignModel {
  const econ = economicsOf(doc);
  const H = econ.hoursPerYear ?? defaultValue('hoursPerYear')!;
  const carrying = econ.campaign?.carryingRate ?? defaultValue('carryingRate')!;
  const listed = econ.campaign?.modes ?? matrix.modes;
  const idx = listed.map((m) => matrix.modes.indexOf(m)).filter((i) => i >= 0);
  const modes: CampaignMode[] = idx.map((i) => {
    const name = matrix.modes[i];
    const e = own(economics, name)!;
    const a = availabilityOf(doc, name, e);
    const h = modeDecl(doc, name).holdingCost ?? carrying * Math.max(0, a.valuePerKg);
    const runnable = !refused.has(name);
    return { name, marginPerHour: e.perHour.margin, share: a.share, holding: h * a.rate, rate: a.rate, holdingPerKgYear: h, stock: a.stock, runnable };
  });
  const pick = <T>(m: T[][]) => idx.map((i) => idx.map((j) => m[i][j]));
  return {
    hoursPerYear: H,
    fixedPerYear: fixedPerYear ?? econ.fixedCosts?.perYear ?? 0,
    modes,
    switchCost: pick(matrix.direct),
    downtime: pick(matrix.downtime),
    allowed: pick(matrix.feasible),
    minCycle: econ.campaign?.minCycle ?? defaultValue('minCycle')!,
    maxCycle: econ.campaign?.maxCycle ?? H,
  };
}

export interface EconomicsAnalysis {
  name: string;
  currency: string;
  modes: ModeEconomics[];
  /** Units some mode asks for a duty outside their limits. */
  compatibility: Incompatibility[];
  /** Capital and investment figures: when the file asks for them (an economics.capital, operating or investment section). */
  capital?: SharingComparison;
  fixed: FixedCosts;
  year: YearSummary;
  matrix: SwitchoverMatrix;
  campaign: CampaignResult;
  investment?: InvestmentAnalysis;
  warnings: string[];
}

/** Whether the file asks for capital and investment figures (they cost more than the margins: a file of the first economics format has none of these sections). */
function wantsCapital(doc: FlowsheetDoc): boolean {
  const e = economicsOf(doc);
  return e.capital !== undefined || e.operating !== undefined || e.investment !== undefined;
}

/** Everything, from the solved results of every mode. */
export function analyse(doc: FlowsheetDoc, results: Readonly<Record<string, FlowsheetResults>>): EconomicsAnalysis {
  const economics = economicsByMode(doc, results);
  const modes = Object.values(economics);
  const names = Object.keys(results);
  const problems = new Map(names.map((m) => [m, modeCompatibility(doc, m, own(results, m))]));
  const compatibility = [...problems.values()].flat();
  const policy = economicsOf(doc).switchover?.compatibility ?? 'refuse';
  const duplicates = policy === 'duplicate' ? incompatibleModes(compatibility) : undefined;
  const capital = wantsCapital(doc) ? sharingComparison(doc, results, duplicates ? { duplicates } : {}) : undefined;
  const fixed = fixedCosts(doc, capital?.shared ?? { installed: 0, fixedCapital: 0 });
  const matrix = switchoverMatrix(doc, { results, economics, compatibility: problems }, names);
  // Under "refuse", a mode that asks its units for duties outside their limits cannot run at all.
  const refused = new Set(policy === 'refuse' ? compatibility.map((p) => p.mode) : []);
  const model = campaignModel(doc, economics, matrix, fixed.perYear, refused);
  const campaign = planCampaign(model);
  // The shared plant and the dedicated ones are plans too (a one-mode plant needs no second unit).
  const known = capital ? new Map([[capital.shared.modes.join('\u0000'), capital.shared], ...Object.entries(capital.dedicated).map(([m, c]) => [m, c] as const)]) : undefined;
  const investment = capital ? investmentPlans(doc, results, model, duplicates, known) : undefined;
  const year = yearSummary(doc, modes, fixed.perYear);
  const warnings = [
    ...new Set([
      ...modes.flatMap((m) => m.warnings.map((w) => `${m.mode}: ${w}`)),
      ...year.warnings,
      ...serviceWarnings(doc),
      ...(capital?.shared.warnings ?? []),
      ...fixed.warnings,
      ...matrix.detail.flat().flatMap((s) => s.warnings),
      ...(policy === 'refuse' ? compatibility.map((p) => `${p.reason}: switchovers into ${p.mode} are refused (${p.path})`) : []),
    ]),
  ];
  return { name: doc.name, currency: economicsOf(doc).currency ?? 'USD', modes, compatibility, capital, fixed, year, matrix, campaign, investment, warnings };
}
