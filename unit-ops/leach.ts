import type { UnitType } from '../core/unit-type';
import { slurryModel, slurryParams, slurryPorts, type SlurryParams } from './composite';

/**
 * Leach tank(s) and their filter as one block: the reactions dissolve the feed in series (reagents
 * dosed to demand), then the residue takes the undissolved solids and a share of the liquor
 * (entrainment); the rest is the pregnant leach solution.
 */
export const leach: UnitType<SlurryParams> = {
  type: 'leach',
  title: 'Leach',
  description: 'Leaching reactions with reagent dosing, then solid/liquid separation with liquor entrained in the residue',
  params: slurryParams('Dissolution reactions in series: equation, key species, fraction of the key leached (0..1)'),
  ports: (p) => slurryPorts(p, { name: 'residue', direction: 'out', phase: 's', description: 'Leach residue: undissolved solids and entrained liquor' }),
  compile: (params, ctx) => slurryModel(params, ctx, 'residue', { unitType: 'leach' }),
};
