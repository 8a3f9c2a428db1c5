/**
 * Economics of a multi-product plant: margins per mode, switchover costs between modes, and
 * campaign planning. Pure TypeScript over the core's documents and results; it never imports a
 * unit operation (the solver is passed in). See docs/economics.md.
 */
export * from './types';
export { DEFAULTS, defaultEntry, defaultValue, describeDefault, toPerKg, type DefaultEntry, type DefaultCategory } from './defaults';
export { economicsSchema, equipmentSchema, validateEconomics, BASE_MODE, stripPhase } from './schema';
export { PriceBook, resolvePrice, resolveValuation, valueMaterial, elementMasses, type ResolvedPrice, type ResolvedValuation, type ValueLine } from './prices';
export {
  modeEconomics,
  modeNames,
  solverMode,
  sourceUnits,
  yearSummary,
  type ModeEconomics,
  type MoneyBreakdown,
  type ProductValue,
  type ReagentCost,
  type FeedCost,
  type UtilityCost,
  type YearSummary,
} from './margin';
export { holdupOf, schedule, components, type Holdup, type Schedule } from './equipment';
export { switchover, switchoverMatrix, serviceWarnings, type Switchover, type SwitchoverMatrix, type UnitSwitch, type UnitStatus, type SwitchoverItems } from './switchover';
export { planCampaign, planAt, optimise, bestCycle, grid, rotations, SENSITIVITY_FACTORS, type CampaignModel, type CampaignMode, type CampaignPlan, type CampaignResult } from './campaign';
export { analyse, campaignModel, economicsByMode, readEconomicsDoc, solveModes, type EconomicsAnalysis, type SolveFn } from './analysis';
export { type DisposalCost } from './revenue';
export { CORRELATIONS, CEPCI_2023, TURTON_CEPCI, correlation, baseCost, itemCost, bareModuleFactor, vesselPressureFactor, type Correlation } from './correlations';
export { sizeUnit, type SizedItem } from './sizing';
export { capitalEstimate, sharingComparison, type CapitalEstimate, type CapitalItem, type UnitCapital, type SharingComparison } from './capital';
export { energyUse, estimateDuty, type EnergyLine } from './energy';
export { fixedCosts, type FixedCosts, type FixedCostLine } from './fixed-costs';
export { cashFlows, npv, irr, payback, type CashFlowYear } from './finance';
export { investmentPlans, investmentInputs, appraise, type InvestmentAnalysis, type InvestmentPlan, type InvestmentInputs } from './investment';
export { modeCompatibility, type Incompatibility } from './compatibility';
export { availabilityOf, capacityLimit } from './availability';
export { checkSpec, type SpecCheck } from './grade';
