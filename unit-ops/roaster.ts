import type { UnitType } from '../core/unit-type';
import { checkFractionMap, fractionOf, INLET, REAGENTS_PARAM, reactionsParam, reactSplitModel } from './composite';
import type { ReactionSpec, ReagentSpec } from './reactions';

export interface KilnParams {
  reactions: ReactionSpec[];
  reagents?: Record<string, ReagentSpec>;
  dust?: Record<string, number>;
}

/** A kiln or furnace: solid-phase reactions (air dosed as an O2(g) reagent), calcine and off-gas. */
function kiln(type: string, title: string, description: string, what: string): UnitType<KilnParams> {
  return {
    type,
    title,
    description,
    params: {
      reactions: reactionsParam(`${what} in series: equation, key species, fraction of the key converted (0..1)`),
      reagents: { ...REAGENTS_PARAM, description: 'Species dosed at (1 + excess) × what the reactions consume, e.g. O2(g) of the air' },
      dust: {
        kind: 'selectorFractions',
        unit: 'fraction',
        description: 'Share of each solid species carried into the off-gas as dust, by selector (default none)',
      },
    },
    ports: () => [
      INLET,
      { name: 'calcine', direction: 'out', phase: 's', description: 'The solid product, with any condensed phase left' },
      { name: 'offgas', direction: 'out', phase: 'g', description: 'Every gas-phase species, and the dust' },
    ],
    compile(params, ctx) {
      if (!checkFractionMap(params.dust, ctx, 'dust')) return undefined;
      const routing = (k: number) => {
        const phase = ctx.species.list[k].phase;
        if (phase === 'g') return [0, 1];
        const d = phase === 's' ? fractionOf(params.dust, ctx, k, 0) : 0;
        return [1 - d, d];
      };
      return reactSplitModel(params, ctx, ['calcine', 'offgas'], routing, { reactions: { unitType: type } });
    },
  };
}

/** Oxidative (or reductive) roasting of a solid feed. */
export const roaster = kiln(
  'roaster',
  'Roaster',
  'Solid-phase roasting reactions with air or another gas dosed to demand; calcine and off-gas',
  'Roasting reactions',
);

/** Calcination of a precipitate to its oxide (and drying: H2O(l) -> H2O(g)). */
export const calciner = kiln(
  'calciner',
  'Calciner or dryer',
  'Calcination or drying reactions with air dosed to demand; calcined solid and off-gas',
  'Calcination and drying reactions',
);
