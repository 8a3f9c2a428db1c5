import type { UnitType } from '../core/unit-type';
import { compileReactions, reactorModel, type ReactionSpec, type ReagentSpec } from './reactions';

interface ReactorParams {
  reactions: ReactionSpec[];
  reagents?: Record<string, ReagentSpec>;
}

/** Reactions in series at fixed conversions, with reagents dosed to demand. */
export const reactor: UnitType<ReactorParams> = {
  type: 'reactor',
  title: 'Reactor',
  description: 'Reactions in series at fixed conversion of a key species; reagents dosed to demand',
  params: {
    reactions: { kind: 'reactions', description: 'Reactions applied in order: equation, key species, conversion of the key', required: true },
    reagents: { kind: 'reagents', description: 'Species dosed at (1 + excess) × what the reactions consume' },
  },
  ports: () => [
    { name: 'in', direction: 'in', multiple: true, description: 'Streams to react' },
    { name: 'out', direction: 'out', description: 'The reacted stream' },
  ],
  compile(params, ctx) {
    const set = compileReactions(params.reactions, params.reagents ?? {}, ctx, 'reactions', 'reagents', { unitType: 'reactor' });
    return set && reactorModel(set, ctx);
  },
};
