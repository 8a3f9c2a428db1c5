import type { UnitType } from '../core/unit-type';
import { FRACTION_TOLERANCE, fmt, passFraction } from './equations';

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
    const shares = params.outlets.map((name) => params.fractions[name] ?? 0);
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
