import type { UnitType } from '../core/unit-type';
import { zero } from './equations';

interface FeedParams {
  flows: Record<string, number>;
}

/** A material entering the plant at fixed species flows. */
export const feed: UnitType<FeedParams> = {
  type: 'feed',
  title: 'Feed',
  description: 'Material entering the plant at fixed species flows',
  role: 'source',
  params: {
    flows: { kind: 'speciesAmounts', unit: 'file basis', description: 'Flow of each species entering', required: true },
  },
  ports: () => [{ name: 'out', direction: 'out', description: 'The feed stream' }],
  compile(params, ctx) {
    const flows = new Map<number, number>();
    let ok = true;
    for (const [id, amount] of Object.entries(params.flows)) {
      const k = ctx.speciesIndex(id, `flows[${JSON.stringify(id)}]`);
      if (k === undefined) ok = false;
      else flows.set(k, ctx.toKmolPerHour(k, amount));
    }
    if (!ok) return undefined;
    return {
      equations(eq) {
        const out = eq.outlet('out');
        for (let k = 0; k < eq.nSpecies; k++) {
          const f = flows.get(k);
          if (f === undefined) zero(eq, out + k);
          else eq.equation(out + k, [out + k], [1], f);
        }
      },
    };
  },
};
