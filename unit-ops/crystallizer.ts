import type { UnitType } from '../core/unit-type';
import { checkFractionMap, ENTRAINMENT_PARAM, fractionOf, INLET, isLiquor, REAGENTS_PARAM, reactionsParam, reactSplitModel, SOLIDS_PARAM, type SlurryParams } from './composite';

type CrystallizerParams = Omit<SlurryParams, 'gas'>;

/**
 * Evaporative or cooling crystallizer with its centrifuge: crystallisation (e.g.
 * `NiSO4(aq) + 6 H2O(l) -> NiSO4·6H2O(s)`) and evaporation (`H2O(l) -> H2O(g)`) as reactions in
 * series, then crystals (with entrained mother liquor), mother liquor and vapour.
 */
export const crystallizer: UnitType<CrystallizerParams> = {
  type: 'crystallizer',
  title: 'Crystallizer',
  description: 'Crystallisation and evaporation as reactions, then crystals, mother liquor and vapour',
  params: {
    reactions: reactionsParam('Crystallisation and evaporation reactions in series: equation, key species, fraction of the key converted (0..1)'),
    reagents: REAGENTS_PARAM,
    solids: { ...SOLIDS_PARAM, description: 'Share of each solid species recovered by the centrifuge, by selector (default: all)' },
    entrainment: { ...ENTRAINMENT_PARAM, description: 'Share of the mother liquor that leaves with the crystals' },
  },
  ports: () => [
    INLET,
    { name: 'crystals', direction: 'out', phase: 's', description: 'Crystals with entrained mother liquor' },
    { name: 'motherLiquor', direction: 'out', phase: 'aq', description: 'Mother liquor' },
    { name: 'vapour', direction: 'out', phase: 'g', description: 'Vapour: every gas-phase species' },
  ],
  compile(params, ctx) {
    if (!checkFractionMap(params.solids, ctx, 'solids')) return undefined;
    const e = params.entrainment ?? 0;
    return reactSplitModel(params, ctx, ['crystals', 'motherLiquor', 'vapour'], (k) => {
      const phase = ctx.species.list[k].phase;
      if (phase === 'g') return [0, 0, 1];
      const f = phase === 's' ? fractionOf(params.solids, ctx, k, 1) : isLiquor(phase) ? e : 0;
      return [f, 1 - f, 0];
    });
  },
};
