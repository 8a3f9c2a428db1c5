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
