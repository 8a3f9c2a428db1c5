import type { UnitType } from '../core/unit-type';
import { slurryModel, slurryParams, slurryPorts, type SlurryParams } from './composite';
import { solubilityReactionsParam } from './solubility-param';
import { unitTemperature } from './solubility';

/**
 * Precipitation tank(s) and their filter or thickener as one block: reactions with reagents dosed
 * to demand form solids, which leave as a cake carrying a share of the liquor (or the moisture the
 * cake holds). A reaction may give `solubility` instead of `conversion` (solubility.ts).
 */
export const precipitator: UnitType<SlurryParams> = {
  type: 'precipitator',
  title: 'Precipitator',
  description: 'Precipitation reactions with reagent dosing, then solid/liquid separation of the precipitate',
  params: {
    ...slurryParams('Precipitation reactions in series: equation, key species, fraction of the key precipitated (0..1)'),
    reactions: solubilityReactionsParam('Precipitation reactions in series: equation, key species, and the fraction of the key precipitated (conversion, 0..1) or its solubility (kg per 100 kg water left, or "table")'),
  },
  ports: (p) => slurryPorts(p, { name: 'solids', direction: 'out', phase: 's', description: 'Precipitate cake with entrained liquor' }),
  compile: (params, ctx) => slurryModel(params, ctx, 'solids', { solubilityAt: unitTemperature(params), unitType: 'precipitator' }),
};
