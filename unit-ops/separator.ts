import { own } from '../core/records';
import type { CompileContext, UnitType } from '../core/unit-type';
import { fmt, passFraction } from './equations';
import { checkSelectors, selectValue } from './selectors';

interface SeparatorParams {
  outlets: string[];
  split: Record<string, Record<string, number>>;
}

/** Splits each species between outlets by its own fraction; the last outlet takes the rest. */
export const separator: UnitType<SeparatorParams> = {
  type: 'separator',
  title: 'Separator',
  description: 'Sends a fraction of each species to each outlet; the last outlet takes the rest',
  params: {
    outlets: { kind: 'names', description: 'Names of the outlet ports; the last takes the rest', required: true, default: ['solid', 'liquid'] },
    split: {
      kind: 'selectorSplits',
      unit: '–',
      description: 'Per outlet but the last: {species | phase:X | *: fraction of the inlet}',
      required: true,
    },
  },
  ports: (p) => [
    { name: 'in', direction: 'in', description: 'Stream to separate' },
    ...(p.outlets ?? []).map((name) => ({ name, direction: 'out' as const, description: `Outlet ${name}` })),
  ],
  compile(params, ctx) {
    const { outlets, split } = params;
    const last = outlets[outlets.length - 1];
    let ok = true;
    for (const [name, map] of Object.entries(split)) {
      if (!outlets.includes(name)) {
        ctx.error(`split.${name}`, `"${name}" is not one of the outlets (${outlets.join(', ')})`, { port: name });
        ok = false;
      } else if (name === last && outlets.length > 1) {
        ctx.error(`split.${name}`, `"${name}" is the last outlet, which takes the rest: give fractions for the other outlets only`, { port: name });
        ok = false;
      } else if (!checkSelectors(map, ctx, `split.${name}`)) ok = false;
    }
    if (!ok) return undefined;
    const shares = sharesOf(outlets, split, ctx);
    if (!shares) return undefined;
    return {
      equations(eq) {
        const inlets = eq.inlets('in');
        outlets.forEach((name, j) => {
          const out = eq.outlet(name);
          for (let k = 0; k < eq.nSpecies; k++) passFraction(eq, out, inlets, k, shares[j][k]);
        });
      },
    };
  },
};

/** Rounding above 1 that the outlets before the last may take together; beyond it is an error. */
const OVER_ONE = 1e-12;

/**
 * Each outlet's share of each species: the selectors of every outlet but the last, the rest to the
 * last. Shares summing to a hair over 1 (rounding) are divided by their sum, with a warning, so that
 * the separator never makes mass; beyond that the rest would be below zero, an error.
 */
function sharesOf(outlets: readonly string[], split: Record<string, Record<string, number>>, ctx: CompileContext): Float64Array[] | undefined {
  const n = ctx.species.list.length;
  const last = outlets[outlets.length - 1];
  const shares = outlets.map(() => new Float64Array(n));
  let ok = true;
  for (let k = 0; k < n; k++) {
    let taken = 0;
    for (let j = 0; j < outlets.length - 1; j++) {
      shares[j][k] = selectValue(own(split, outlets[j]) ?? {}, ctx, k);
      taken += shares[j][k];
    }
    const id = ctx.species.list[k].id;
    if (taken > 1 + OVER_ONE) {
      ctx.error('split', `the outlets before "${last}" take ${fmt(taken)} of ${id}: the rest would be below zero`, { species: id });
      ok = false;
    } else if (taken > 1) {
      ctx.warn('split', `the outlets before "${last}" take ${taken.toPrecision(15)} of ${id}: divided by that sum so that they take exactly all of it`, { species: id });
      for (let j = 0; j < outlets.length - 1; j++) shares[j][k] /= taken;
      taken = 1;
    }
    shares[outlets.length - 1][k] = 1 - taken;
  }
  return ok ? shares : undefined;
}
