import type { CompileContext, EquationBuilder, UnitModel, UnitType } from '../core/unit-type';
import { countercurrentCascade, fmt, passFraction, zero, type StageLayout } from './equations';
import { compileExchanges, type Exchange, type ExtractEntry } from './sx-exchange';
import { inspectOA, inspectStages, refuseOverload } from './sx-inspect';
import { phModel } from './sx-isotherm';
import { writeStage, type Bucket, type Share, type StageIndex, type StageModel } from './sx-stage';

/** Entrainment below this volume fraction is none. */
const MIN_ENTRAINMENT = 1e-12;

interface SxParams {
  stages: number;
  oa?: number;
  extract: Record<string, ExtractEntry>;
  pH?: number;
  entrainment?: { aqInOrg?: number; orgInAq?: number };
}

/**
 * Countercurrent solvent extraction (or stripping) over N ideal stages; aqueous runs from stage 1 to
 * N, organic from N to 1. Two models:
 *
 * - Same-formula transfer with `oa` (FORMAT.md's first form): for every transferred X, in each
 *   stage orgOut[X(org)] = D · oa · aqOut[X(aq)] and X(aq) + X(org) is conserved; every other species
 *   stays in the stream it came in with. Linear.
 * - Anything else — an exchange `{equation, D}`, no `oa` (volumes from the flows), a pH computed
 *   from each stage, entrainment: the exchange stage of sx-stage.ts (extents by stoichiometry,
 *   c(Y, org) = D·c(X, aq), phases routed by phase, entrainment), nonlinear unless `oa` is given
 *   and every D fixed. Its relaxation is described there.
 *
 * After the solve the unit reports the O/A its streams imply (warning when a declared `oa` is 5 %
 * off), each stage's pH and D where computed, and refuses a stage whose extractant runs out.
 */
export const sx: UnitType<SxParams> = {
  type: 'sx',
  title: 'Solvent extraction',
  description: 'Countercurrent extraction or stripping cascade of N equilibrium stages',
  params: {
    stages: { kind: 'integer', min: 1, max: 50, unit: 'stages', description: 'Number of countercurrent stages', required: true, default: 3 },
    oa: {
      kind: 'number',
      min: 0,
      exclusiveMin: true,
      unit: '–',
      description: 'Organic-to-aqueous volume ratio (O/A) of each stage; without it the phase volumes come from the flows',
      default: 1,
    },
    extract: {
      kind: 'distribution',
      unit: '–',
      description: 'Per transferred formula X: D = [X(org)]/[X(aq)], or {pH50, slope}; or an exchange {equation, D} extracting its first (aq) reactant as its first (org) product',
      required: true,
    },
    pH: { kind: 'number', min: -2, max: 16, unit: 'pH', description: 'Aqueous pH for isotherms {pH50, slope}; without it each stage\'s pH is computed from its aqueous' },
    entrainment: {
      kind: 'fractions',
      unit: 'volume fraction',
      description: 'Entrainment in each stage\'s outflows: aqInOrg, the aqueous share of the organic outflow\'s volume; orgInAq, the organic share of the aqueous outflow\'s',
      schema: {
        type: 'object',
        properties: { aqInOrg: { type: 'number', minimum: 0, exclusiveMaximum: 1 }, orgInAq: { type: 'number', minimum: 0, exclusiveMaximum: 1 } },
        additionalProperties: false,
      },
    },
  },
  ports: () => [
    { name: 'aqIn', direction: 'in', phase: 'aq', description: 'Aqueous feed, enters stage 1' },
    { name: 'orgIn', direction: 'in', phase: 'org', description: 'Organic feed, enters stage N' },
    { name: 'aqOut', direction: 'out', phase: 'aq', description: 'Raffinate (or strip liquor), leaves stage N' },
    { name: 'orgOut', direction: 'out', phase: 'org', description: 'Loaded organic, leaves stage 1' },
  ],
  compile(params, ctx) {
    const exchanges = compileExchanges(params.extract, params.pH, ctx);
    if (!exchanges) return undefined;
    const entrained = (params.entrainment?.aqInOrg ?? 0) >= MIN_ENTRAINMENT || (params.entrainment?.orgInAq ?? 0) >= MIN_ENTRAINMENT;
    const legacy = params.oa !== undefined && !entrained && exchanges.every((e) => e.sameFormula && 'fixed' in e.D);
    return legacy ? sameFormulaModel(params, exchanges, ctx) : exchangeModel(params, exchanges, ctx);
  },
};

const cascadeOf = (N: number, ctx: CompileContext) =>
  countercurrentCascade(N, ctx.species.list.map((s) => s.id), { in: 'aqIn', out: 'aqOut', label: 'aqueous' }, { in: 'orgIn', out: 'orgOut', label: 'organic' });

const phasesOf = (ctx: CompileContext) => ({
  bucket: ctx.species.volumes.phase.map((p): Bucket => (p === 'aq' || p === 'org' ? p : 'other')),
  volume: ctx.species.volumes.perKmol,
});

/** The same-formula model with `oa`: linear, as FORMAT.md first gave it. */
function sameFormulaModel(params: SxParams, exchanges: readonly Exchange[], ctx: CompileContext): UnitModel {
  const S = ctx.species.list.length;
  const oa = params.oa!;
  const role = new Int32Array(S).fill(-1);
  exchanges.forEach((p, i) => (role[p.x] = role[p.y] = i));
  const cascade = cascadeOf(params.stages, ctx);
  const stage = (eq: EquationBuilder, aqIn: readonly number[], orgIn: readonly number[], aqLeaves: number, orgLeaves: number) => {
    for (let k = 0; k < S; k++) {
      const r = role[k];
      if (r < 0) {
        passFraction(eq, aqLeaves, aqIn, k, 1);
        passFraction(eq, orgLeaves, orgIn, k, 1);
        continue;
      }
      const { x: aq, y: org, D } = exchanges[r];
      if (k === aq) {
        // X(aq) + X(org) conserved over the stage.
        eq.begin(aqLeaves + aq);
        eq.term(aqLeaves + aq, 1);
        eq.term(orgLeaves + org, 1);
        for (const b of [...aqIn, ...orgIn]) {
          eq.term(b + aq, -1);
          eq.term(b + org, -1);
        }
        zero(eq, orgLeaves + aq);
      } else {
        eq.equation(orgLeaves + org, [orgLeaves + org, aqLeaves + aq], [1, -(D as { fixed: number }).fixed * oa]);
        zero(eq, aqLeaves + org);
      }
    }
  };
  const phases = phasesOf(ctx);
  return {
    internals: cascade.internals,
    describeInternal: cascade.describeInternal,
    equations: (eq) => cascade.stages(eq, (st) => stage(eq, st.aIn, st.bIn, st.aOut, st.bOut)),
    inspect: (view, report) => inspectOA(view, report, phases, oa),
  };
}

/** The entrainment shares: constants with `oa`, unknowns without (relaxed at O/A 1). */
function sharesOf(params: SxParams, ctx: CompileContext): { aq: Share; org: Share; count: number } | undefined {
  // Below a part per trillion (SX entrainment runs at ppm to ‰) a fraction is none: it would only
  // bring denormal numbers into the rows.
  const fraction = (e: number | undefined) => (e !== undefined && e >= MIN_ENTRAINMENT ? e : 0);
  const ea = fraction(params.entrainment?.aqInOrg);
  const eo = fraction(params.entrainment?.orgInAq);
  const rhoA = ea / (1 - ea);
  const rhoO = eo / (1 - eo);
  const at = (oa: number) => {
    const A = rhoA * oa;
    const B = rhoO / oa;
    return A < 1 && B < 1 ? { aq: (A * (1 - B)) / (1 - A * B), org: (B * (1 - A)) / (1 - A * B) } : undefined;
  };
  const fixed = at(params.oa ?? 1);
  if (!fixed) {
    ctx.error('entrainment', `at an O/A of ${fmt(params.oa ?? 1)} this entrainment would carry more than the whole of a phase into the other`);
    return undefined;
  }
  if (params.oa !== undefined) return { aq: { value: fixed.aq }, org: { value: fixed.org }, count: 0 };
  let count = 0;
  const share = (rho: number, relaxed: number): Share => (rho > 0 ? { unknown: count++, relaxed, rho } : { value: 0 });
  return { aq: share(rhoA, fixed.aq), org: share(rhoO, fixed.org), count };
}

/** Without `oa` the phase volumes come from the flows: every species of an exchange needs a volume. */
function checkVolumes(params: SxParams, exchanges: readonly Exchange[], ctx: CompileContext): boolean {
  if (params.oa !== undefined) return true;
  const missing = new Set(ctx.species.volumes.missing);
  let ok = true;
  for (const e of exchanges) {
    const without = e.terms.map((t) => ctx.species.list[t.k].id).filter((id) => missing.has(id));
    if (without.length) {
      ctx.error(e.path, `without "oa" the phase volumes come from the flows, and ${without.join(', ')} has no density or molar volume: give one in "species", or give "oa"`, { species: without[0] });
      ok = false;
    }
  }
  return ok;
}

/** The exchange model (sx-stage.ts) over the cascade. */
function exchangeModel(params: SxParams, exchanges: readonly Exchange[], ctx: CompileContext): UnitModel | undefined {
  const shares = sharesOf(params, ctx);
  if (!shares || !checkVolumes(params, exchanges, ctx)) return undefined;
  const S = ctx.species.list.length;
  const N = params.stages;
  const moves = Array.from({ length: S }, () => [] as [number, number][]);
  exchanges.forEach((e, i) => e.terms.forEach((t) => moves[t.k].push([i, t.nu])));
  const productOf = new Int32Array(S).fill(-1);
  exchanges.forEach((e, i) => (productOf[e.y] = i));
  const m: StageModel = {
    names: ctx.species.list.map((s) => s.id),
    ...phasesOf(ctx),
    exchanges,
    moves,
    productOf,
    aq: shares.aq,
    org: shares.org,
    oa: params.oa,
    relaxedOA: params.oa ?? 1,
    ph: phModel(ctx.species),
  };
  const cascade = cascadeOf(N, ctx);
  const block = exchanges.length + shares.count;
  const first = (j: number) => cascade.internals + (j - 1) * block;
  const stages = (layout: StageLayout) => (visit: (st: StageIndex, j: number) => void) =>
    cascade.stages(layout, (st, j) =>
      visit({ ...st, extent: (e) => layout.internal(first(j) + e), share: (s) => layout.internal(first(j) + exchanges.length + ('unknown' in s ? s.unknown : 0)) }, j),
    );
  const linear = params.oa !== undefined && exchanges.every((e) => 'fixed' in e.D);
  return {
    internals: cascade.internals + N * block,
    signed: Array.from({ length: N * exchanges.length }, (_, i) => first(Math.floor(i / exchanges.length) + 1) + (i % exchanges.length)),
    describeInternal: (i) => describe(i, cascade, block, exchanges),
    equations: (eq) => stages(eq)((st) => writeStage(eq, m, st)),
    ...(linear ? {} : { linearize: (eq, state) => stages(eq)((st) => writeStage(eq, m, st, state)) }),
    inspect: (view, report) => {
      inspectOA(view, report, m, params.oa);
      inspectStages(view, report, m, stages(view));
    },
    refuse: (view, converged) => refuseOverload(view, converged, m, stages(view)),
  };
}

function describe(i: number, cascade: ReturnType<typeof cascadeOf>, block: number, exchanges: readonly Exchange[]) {
  if (i < cascade.internals) return cascade.describeInternal(i);
  const j = Math.floor((i - cascade.internals) / block) + 1;
  const r = (i - cascade.internals) % block;
  if (r < exchanges.length) return `extent of exchange "${exchanges[r].name}" (${exchanges[r].equation}) in stage ${j}`;
  return `entrained volume per volume of a phase (φ/ρ), stage ${j}`;
}
