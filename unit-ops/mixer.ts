import type { UnitType } from '../core/unit-type';
import { passFraction } from './equations';

/** Adds up every stream that enters it. */
export const mixer: UnitType<Record<string, never>> = {
  type: 'mixer',
  title: 'Mixer',
  description: 'Adds up the streams that enter it',
  params: {},
  ports: () => [
    { name: 'in', direction: 'in', multiple: true, description: 'Streams to mix' },
    { name: 'out', direction: 'out', description: 'The mixed stream' },
  ],
  compile: () => ({
    equations(eq) {
      const out = eq.outlet('out');
      const inlets = eq.inlets('in');
      for (let k = 0; k < eq.nSpecies; k++) passFraction(eq, out, inlets, k, 1);
    },
  }),
};
