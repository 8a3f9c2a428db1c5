/**
 * Investment figures per campaign plan, and the campaign optimum re-derived on them. A plan is a
 * set of modes the plant is built for: its capital (capital.ts, every unit sized for the largest
 * duty over those modes; units the other modes alone need are not bought), its fixed operating
 * costs (fixed-costs.ts, maintenance and insurance following that capital), its campaign optimum
 * (campaign.ts, restricted to those modes, with those fixed costs), and from the optimum's annual
 * margin — the EBITDA — the cash flows, NPV, IRR and payback (finance.ts). With the capital fixed
 * once built and tax a function of EBITDA alone, the NPV of a plan rises with its annual margin,
 * so the campaign optimum of each plan is also its NPV optimum; the best plan is the one with the
 * highest NPV, which may build fewer modes than the margin-only optimum when a mode does not earn
 * back the equipment it needs.
 */
import type { FlowsheetDoc } from '../document';
import type { FlowsheetResults } from '../results';
import { capitalEstimate, type CapitalEstimate } from './capital';
import { optimise, type CampaignModel, type CampaignPlan } from './campaign';
import { INVESTMENT_DEFAULTS } from './design-defaults';
import { cashFlows, irr, npv, payback, type CashFlowYear } from './finance';
import { fixedCosts, type FixedCosts } from './fixed-costs';
import { economicsOf } from './margin';

export interface InvestmentInputs {
  life: number;
  discountRate: number;
  taxRate: number;
  depreciationYears: number;
  capitalSchedule: number[];
  workingCapital: number;
  salvage: number;
}

export interface InvestmentPlan {
  /** The modes the plant is built for. */
  modes: string[];
  plan: CampaignPlan;
  capital: CapitalEstimate;
  fixed: FixedCosts;
  /** Annual margin of the plan's campaign optimum, fixed costs included: the EBITDA. */
  ebitda: number;
  cashFlows: CashFlowYear[];
  npv: number;
  irr?: number;
  payback?: number;
}

export interface InvestmentAnalysis {
  inputs: InvestmentInputs;
  plans: InvestmentPlan[];
  /** The plan with the highest NPV. */
  best?: InvestmentPlan;
}

export function investmentInputs(doc: FlowsheetDoc): InvestmentInputs {
  const i = economicsOf(doc).investment ?? {};
  return {
    life: i.life ?? INVESTMENT_DEFAULTS.life.value,
    discountRate: i.discountRate ?? INVESTMENT_DEFAULTS.discountRate.value,
    taxRate: i.taxRate ?? INVESTMENT_DEFAULTS.taxRate.value,
    depreciationYears: i.depreciationYears ?? INVESTMENT_DEFAULTS.depreciationYears.value,
    capitalSchedule: i.capitalSchedule ?? [1],
    workingCapital: i.workingCapital ?? 0,
    salvage: i.salvage ?? 0,
  };
}

/** The campaign model restricted to some of its modes, with its own fixed costs. */
function restrictModel(model: CampaignModel, names: readonly string[], fixedPerYear: number): CampaignModel {
  const idx = names.map((n) => model.modes.findIndex((m) => m.name === n)).filter((i) => i >= 0);
  const pick = <T>(m: T[][]) => idx.map((i) => idx.map((j) => m[i][j]));
  return {
    ...model,
    fixedPerYear,
    modes: idx.map((i) => model.modes[i]),
    switchCost: pick(model.switchCost),
    downtime: pick(model.downtime),
    ...(model.allowed ? { allowed: pick(model.allowed) } : {}),
  };
}

/** NPV, IRR and payback of a plant with this capital earning `ebitda` a year. */
export function appraise(inputs: InvestmentInputs, fixedCapital: number, ebitda: number): Pick<InvestmentPlan, 'cashFlows' | 'npv' | 'irr' | 'payback'> {
  const flows = cashFlows({ ...inputs, fixedCapital, annual: ebitda });
  const r = irr(flows);
  const p = payback(flows);
  return { cashFlows: flows, npv: npv(inputs.discountRate, flows), ...(r !== undefined ? { irr: r } : {}), ...(p !== undefined ? { payback: p } : {}) };
}

function subsets(names: readonly string[]): string[][] {
  const out: string[][] = [];
  const n = Math.min(names.length, 8);
  for (let mask = 1; mask < 1 << n; mask++) out.push(names.filter((_, i) => i < n && mask & (1 << i)));
  return out;
}

/** Every plan (each set of runnable modes, up to 8 modes), its figures, and the best by NPV. */
export function investmentPlans(
  doc: FlowsheetDoc,
  results: Readonly<Record<string, FlowsheetResults>>,
  model: CampaignModel,
  duplicates?: ReadonlyMap<string, ReadonlySet<string>>,
  /** Capital estimates already made, by the modes they are built for (joined with "\u0000"). */
  known: ReadonlyMap<string, CapitalEstimate> = new Map(),
): InvestmentAnalysis {
  const inputs = investmentInputs(doc);
  const runnable = model.modes.filter((m) => m.runnable !== false).map((m) => m.name);
  const plans: InvestmentPlan[] = [];
  for (const modes of subsets(runnable)) {
    const capital = known.get(modes.join('\u0000')) ?? capitalEstimate(doc, results, { modes, ...(duplicates ? { duplicates } : {}) });
    const fixed = fixedCosts(doc, capital);
    const plan = optimise(restrictModel(model, modes, fixed.perYear));
    if (plan.regime === 'idle') continue;
    const ebitda = plan.annual.margin;
    plans.push({ modes, plan, capital, fixed, ebitda, ...appraise(inputs, capital.fixedCapital, ebitda) });
  }
  plans.sort((a, b) => b.npv - a.npv);
  return { inputs, plans, ...(plans.length ? { best: plans[0] } : {}) };
}
