import type { UnitType } from '../core/unit-type';
import { countercurrentCascade, fmt } from './equations';
import { isLiquor } from './composite';

interface WasherParams {
  stages: number;
  washRatio: number;
  efficiency?: number;
}

/**
 * Countercurrent washing of a filter cake (or a thickener underflow) over N ideal stages. The cake
 * moves from stage 1 to N, the wash liquor from N to 1. In each stage the cake's liquor mixes with
 * the wash liquor coming to the stage (a share `efficiency` of it does; the rest stays with the
 * cake unmixed), and the cake leaves with 1/(1 + washRatio) of the mixed liquor:
 *
 *   M = E·cakeIn + washIn,   cakeOut = (1 − E)·cakeIn + M/(1 + R),   washOut = R·M/(1 + R)
 *
 * for every liquor species (aq, l, org). Solids stay with the cake, gases leave with the wash.
 * With E = 1 and fresh wash water the washed cake keeps (R − 1)/(R^(N+1) − 1) of its solutes.
 */
export const washer: UnitType<WasherParams> = {
  type: 'washer',
  title: 'Countercurrent washer',
  description: 'Countercurrent washing of a cake over N stages: wash liquor displaces the entrained liquor',
  params: {
    stages: { kind: 'integer', min: 1, max: 20, unit: 'stages', required: true, default: 3, description: 'Number of countercurrent wash stages' },
    washRatio: {
      kind: 'number',
      min: 0,
      exclusiveMin: true,
      unit: 'kg wash liquor / kg cake liquor',
      required: true,
      default: 2,
      description: 'Wash liquor to cake liquor ratio R; the cake leaves each stage with 1/(1 + R) of the stage liquor',
    },
    efficiency: {
      kind: 'number',
      min: 0,
      exclusiveMin: true,
      max: 1,
      unit: 'fraction',
      default: 1,
      description: 'Mixing efficiency: share of the cake liquor that mixes with the wash in each stage',
    },
  },
  ports: () => [
    { name: 'cake', direction: 'in', phase: 's', description: 'Cake to wash (solids and entrained liquor), enters stage 1' },
    { name: 'water', direction: 'in', multiple: true, phase: 'aq', description: 'Wash liquor, enters stage N' },
    { name: 'washed', direction: 'out', phase: 's', description: 'Washed cake, leaves stage N' },
    { name: 'filtrate', direction: 'out', phase: 'aq', description: 'Wash filtrate, leaves stage 1' },
  ],
  compile(params, ctx) {
    const S = ctx.species.list.length;
    const N = params.stages;
    const R = params.washRatio;
    const E = params.efficiency ?? 1;
    if (!(R > 0) || !(E > 0 && E <= 1)) {
      ctx.error('', `washRatio must be > 0 and efficiency in (0, 1], not ${fmt(R)} and ${fmt(E)}`);
      return undefined;
    }
    const f = 1 / (1 + R);
    const phase = ctx.species.list.map((s) => s.phase);
    // Share of the cake inlet and of the wash inlet that leaves with the cake, per species.
    const toCake = phase.map((ph): [number, number] => (ph === 's' ? [1, 1] : isLiquor(ph) ? [1 - E + E * f, f] : [0, 0]));
    return countercurrentCascade(
      N,
      ctx.species.list.map((s) => s.id),
      { in: 'cake', out: 'washed', label: 'cake' },
      { in: 'water', out: 'filtrate', label: 'wash liquor' },
      (eq, { aIn: cakeIn, bIn: washIn, aOut: cakeOut, bOut: washOut }) => {
        for (let k = 0; k < S; k++) {
          const [fc, fw] = toCake[k];
          const term = (out: number, a: number, b: number) => {
            eq.begin(out + k);
            eq.term(out + k, 1);
            if (a) for (const base of cakeIn) eq.term(base + k, -a);
            if (b) for (const base of washIn) eq.term(base + k, -b);
          };
          term(cakeOut, fc, fw);
          term(washOut, 1 - fc, 1 - fw);
        }
      },
    );
  },
};
