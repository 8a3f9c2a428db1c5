import type { UnitType } from '../core/unit-type';
import { countercurrentCascade, fmt, passFraction, zero } from './equations';

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
        ctx.error(at, `D = ${typeof dist === 'number' ? fmt(dist) : `10^(${fmt(dist.slope)}·(${fmt(params.pH!)} − ${fmt(dist.pH50)}))`} is not a finite number`);
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
    return countercurrentCascade(
      N,
      ctx.species.list.map((s) => s.id),
      { in: 'aqIn', out: 'aqOut', label: 'aqueous' },
      { in: 'orgIn', out: 'orgOut', label: 'organic' },
      (eq, { aIn: aqIn, bIn: orgIn, aOut: aqLeaves, bOut: orgLeaves }) => {
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
      },
    );
  },
};
