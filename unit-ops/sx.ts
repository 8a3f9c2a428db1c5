import type { UnitType } from '../core/unit-type';
import { fmt, passFraction, zero } from './equations';

type Distribution = number | { pH50: number; slope: number };

interface SxParams {
  stages: number;
  oa: number;
  extract: Record<string, Distribution>;
  pH?: number;
}

/**
 * Countercurrent solvent extraction (or stripping) over N ideal stages. In each stage, for every
 * transferred X: orgOut[X(org)] = D · oa · aqOut[X(aq)], and X(aq) + X(org) is conserved; every other
 * species stays in the phase stream it came in with. Aqueous runs from stage 1 to N, organic from N to 1.
 */
export const sx: UnitType<SxParams> = {
  type: 'sx',
  title: 'Solvent extraction',
  description: 'Countercurrent extraction or stripping cascade of N equilibrium stages',
  params: {
    stages: { kind: 'integer', min: 1, max: 50, unit: 'stages', description: 'Number of countercurrent stages', required: true, default: 3 },
    oa: { kind: 'number', min: 0, exclusiveMin: true, unit: '–', description: 'Organic-to-aqueous flow ratio (O/A)', required: true, default: 1 },
    extract: {
      kind: 'distribution',
      unit: '–',
      description: 'Per transferred formula X: distribution ratio D = [X(org)]/[X(aq)], or {pH50, slope}',
      required: true,
    },
    pH: { kind: 'number', min: -2, max: 16, unit: 'pH', description: 'Aqueous pH, for isotherms given as {pH50, slope}' },
  },
  ports: () => [
    { name: 'aqIn', direction: 'in', phase: 'aq', description: 'Aqueous feed, enters stage 1' },
    { name: 'orgIn', direction: 'in', phase: 'org', description: 'Organic feed, enters stage N' },
    { name: 'aqOut', direction: 'out', phase: 'aq', description: 'Raffinate (or strip liquor), leaves stage N' },
    { name: 'orgOut', direction: 'out', phase: 'org', description: 'Loaded organic, leaves stage 1' },
  ],
  compile(params, ctx) {
    const S = ctx.species.list.length;
    const N = params.stages;
    const pairs: { aq: number; org: number; E: number }[] = [];
    let ok = true;
    for (const [formula, dist] of Object.entries(params.extract)) {
      const at = `extract[${JSON.stringify(formula)}]`;
      const aq = ctx.species.index.get(`${formula}(aq)`);
      const org = ctx.species.index.get(`${formula}(org)`);
      if (aq === undefined || org === undefined) {
        const missing = [aq === undefined ? `${formula}(aq)` : '', org === undefined ? `${formula}(org)` : ''].filter(Boolean);
        ctx.error(at, `transferring ${formula} needs both ${formula}(aq) and ${formula}(org) declared; missing: ${missing.join(', ')}`, { species: missing[0] });
        ok = false;
        continue;
      }
      const a = ctx.species.list[aq];
      const o = ctx.species.list[org];
      const same = a.charge === o.charge && Object.keys({ ...a.elements, ...o.elements }).every((el) => (a.elements[el] ?? 0) === (o.elements[el] ?? 0));
      if (!same) {
        ctx.error(at, `${a.id} and ${o.id} must have the same formula to be exchanged between phases`);
        ok = false;
        continue;
      }
      let D: number;
      if (typeof dist === 'number') D = dist;
      else if (params.pH === undefined) {
        ctx.error(at, `the isotherm {pH50, slope} needs the unit's "pH"`);
        ok = false;
        continue;
      } else D = Math.pow(10, dist.slope * (params.pH - dist.pH50));
      if (!Number.isFinite(D)) {
        ctx.error(at, `D = 10^(${fmt(dist && typeof dist === 'object' ? dist.slope : 0)}·(pH − pH50)) overflows`);
        ok = false;
        continue;
      }
      pairs.push({ aq, org, E: D * params.oa });
    }
    if (!ok) return undefined;
    const role = new Int32Array(S).fill(-1);
    pairs.forEach((p, i) => {
      role[p.aq] = i;
      role[p.org] = i;
    });
    const aqBetween = (j: number) => (j - 1) * S; // aqueous leaving stage j < N
    const orgBetween = (j: number) => (N - 1) * S + (j - 2) * S; // organic leaving stage j > 1
    return {
      internals: 2 * (N - 1) * S,
      describeInternal(i) {
        const half = (N - 1) * S;
        const phase = i < half ? 'aqueous leaving stage' : 'organic leaving stage';
        const j = i < half ? Math.floor(i / S) + 1 : Math.floor((i - half) / S) + 2;
        return `${phase} ${j}, ${ctx.species.list[i % S].id}`;
      },
      equations(eq) {
        const aqFeed = eq.inlets('aqIn');
        const orgFeed = eq.inlets('orgIn');
        const aqOut = eq.outlet('aqOut');
        const orgOut = eq.outlet('orgOut');
        for (let j = 1; j <= N; j++) {
          const aqIn = j === 1 ? aqFeed : [eq.internal(aqBetween(j - 1))];
          const orgIn = j === N ? orgFeed : [eq.internal(orgBetween(j + 1))];
          const aqLeaves = j === N ? aqOut : eq.internal(aqBetween(j));
          const orgLeaves = j === 1 ? orgOut : eq.internal(orgBetween(j));
          for (let k = 0; k < S; k++) {
            const r = role[k];
            if (r < 0) {
              passFraction(eq, aqLeaves, aqIn, k, 1);
              passFraction(eq, orgLeaves, orgIn, k, 1);
              continue;
            }
            const { aq, org, E } = pairs[r];
            if (k === aq) {
              // X(aq) + X(org) conserved over the stage.
              const vars = [aqLeaves + aq, orgLeaves + org];
              const coefs = [1, 1];
              for (const b of [...aqIn, ...orgIn]) {
                vars.push(b + aq, b + org);
                coefs.push(-1, -1);
              }
              eq.equation(aqLeaves + aq, vars, coefs);
              zero(eq, orgLeaves + aq);
            } else {
              eq.equation(orgLeaves + org, [orgLeaves + org, aqLeaves + aq], [1, -E]);
              zero(eq, aqLeaves + org);
            }
          }
        }
      },
    };
  },
};
