import type { UnitType } from '../core/unit-type';
import { FRACTION_TOLERANCE, fmt, passFraction } from './equations';
import { withValueAt } from '../core/params';

interface SplitterParams {
  outlets: string[];
  fractions: Record<string, number>;
}

/** Divides a stream into streams of the same composition. */
export const splitter: UnitType<SplitterParams> = {
  type: 'splitter',
  title: 'Splitter',
  description: 'Divides a stream into streams of the same composition',
  params: {
    outlets: { kind: 'names', description: 'Names of the outlet ports', required: true, default: ['a', 'b'] },
    fractions: { kind: 'fractions', unit: '–', description: 'Share of the inlet sent to each outlet; sums to 1', required: true },
  },
  ports: (p) => [
    { name: 'in', direction: 'in', description: 'Stream to divide' },
    ...(p.outlets ?? []).map((name) => ({ name, direction: 'out' as const, description: `Outlet ${name}` })),
  ],
  /** Setting one outlet's fraction gives the last outlet the rest. */
  adjust(params, path, value) {
    const [name, outlet] = path;
    if (name !== 'fractions' || typeof outlet !== 'string' || path.length !== 2) return withValueAt(params, path, value);
    const last = params.outlets[params.outlets.length - 1];
    if (outlet === last) return { error: `outlet "${last}" is the last outlet, which takes the rest: set the fraction of another outlet` };
    const fractions = withValueAt(params.fractions, [outlet], value);
    const others = params.outlets.slice(0, -1).reduce((sum, o) => sum + (Object.hasOwn(fractions, o) ? fractions[o] : 0), 0);
    return { ...params, fractions: withValueAt(fractions, [last], Math.max(0, 1 - others)) };
  },
  compile(params, ctx) {
    let ok = true;
    let total = 0;
    for (const [name, f] of Object.entries(params.fractions)) {
      if (!params.outlets.includes(name)) {
        ctx.error(`fractions.${name}`, `"${name}" is not one of the outlets (${params.outlets.join(', ')})`, { port: name });
        ok = false;
      }
      total += f;
    }
    if (Math.abs(total - 1) > FRACTION_TOLERANCE) {
      ctx.error('fractions', `the fractions sum to ${fmt(total)}, not 1`);
      ok = false;
    }
    if (!ok) return undefined;
    // A sum within rounding of 1 is divided by itself, so that the splitter never makes mass.
    if (total !== 1) ctx.warn('fractions', `the fractions sum to ${total.toPrecision(12)}: divided by that sum so that they add up to exactly 1`);
    const shares = params.outlets.map((name) => (Object.hasOwn(params.fractions, name) ? params.fractions[name] : 0) / total);
    return {
      equations(eq) {
        const inlets = eq.inlets('in');
        params.outlets.forEach((name, j) => {
          const out = eq.outlet(name);
          for (let k = 0; k < eq.nSpecies; k++) passFraction(eq, out, inlets, k, shares[j]);
        });
      },
    };
  },
};
