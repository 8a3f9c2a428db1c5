/**
 * Building blocks of the composite unit types (leach, precipitator, crystallizer, roaster,
 * calciner): reactions in series with reagent dosing (reactions.ts), whose product is held in
 * internal unknowns R[k] (kmol/h, one per species), followed by a split of R into the unit's
 * outlets by phase:
 *
 *   out_j[k] = f_jk · R[k],   Σ_j f_jk = 1 for every species k
 *
 * except, when the cake is given by its moisture (cake.ts), the liquor species, which split between
 * cake and liquor by the share φ the moisture sets. Internal unknowns: 0 … S−1 the reacted vector R,
 * then the reaction extents and reagent doses, then φ. Nonlinear (a `linearize`) only with a
 * solubility reaction (solubility.ts) or a cake moisture.
 */
import type { CompileContext, EquationBuilder, ParamDecl, PortDecl, UnitModel, UnitState } from '../core/unit-type';
import { cakeMoisture, writeCakeRows, type CakeParams } from './cake';
import { FRACTION_TOLERANCE, fmt, passFraction } from './equations';
import { compileReactions, reactionModel, type ReactionOptions, type ReactionSpec, type ReagentSpec } from './reactions';
import { checkSelectors, selectValue } from './selectors';

/** Where each species of the reacted vector goes: fractions per outlet, summing to 1. */
export type Routing = (k: number) => readonly number[];

/** A cake given by its moisture: outlets (indices into `outlets`) and kg liquor per kg solids caught. */
interface CakeSplit {
  cake: number;
  liquor: number;
  moisture: number;
}

export interface SplitOptions {
  reactions?: ReactionOptions;
  cake?: CakeSplit;
}

/** Reactions, then a phase split of the reacted stream into `outlets`. */
export function reactSplitModel(
  params: { reactions?: ReactionSpec[]; reagents?: Record<string, ReagentSpec> },
  ctx: CompileContext,
  outlets: readonly string[],
  routing: Routing,
  options: SplitOptions = {},
): UnitModel | undefined {
  const set = compileReactions(params.reactions ?? [], params.reagents ?? {}, ctx, 'reactions', 'reagents', options.reactions);
  if (!set) return undefined;
  const S = ctx.species.list.length;
  const shares = Array.from({ length: S }, (_, k) => routing(k));
  for (let k = 0; k < S; k++) {
    const total = shares[k].reduce((a, b) => a + b, 0);
    if (Math.abs(total - 1) > FRACTION_TOLERANCE || shares[k].some((f) => f < -FRACTION_TOLERANCE)) {
      ctx.error('', `the outlets take ${fmt(total)} of ${ctx.species.list[k].id}, not all of it: this is a bug in the unit type`);
      return undefined;
    }
  }
  const model = reactionModel(set, S, S);
  const { cake } = options;
  const share = S + model.internals;
  const byCake = (k: number, j: number) => cake !== undefined && isLiquor(ctx.species.list[k].phase) && (j === cake.cake || j === cake.liquor);
  const molarMass = (k: number) => ctx.species.list[k].molarMass;
  const linearize = (eq: EquationBuilder, state: UnitState) => {
    model.linearize(eq, state, eq.inlets('in'), molarMass);
    if (cake) writeCakeRows(eq, state, cakeRows(ctx, eq, outlets, cake, share, shares));
  };
  return {
    internals: share + (cake ? 1 : 0),
    reagents: model.reagents,
    describeInternal(i) {
      if (i < S) return `reacted stream before the split, ${ctx.species.list[i].id}`;
      if (cake && i === share) return `share of the liquor that leaves with the ${outlets[cake.cake]}`;
      return model.describeInternal(i, (k) => ctx.species.list[k].id) ?? `internal ${i}`;
    },
    equations(eq) {
      const reacted = eq.internal(0);
      model.equations(eq, eq.inlets('in'), reacted);
      outlets.forEach((name, j) => {
        const out = eq.outlet(name);
        for (let k = 0; k < S; k++) if (!byCake(k, j)) passFraction(eq, out, [reacted], k, shares[k][j]);
      });
    },
    ...(model.nonlinear || cake ? { linearize } : {}),
  };
}

/** The cake rows' indices and mass coefficients. */
function cakeRows(ctx: CompileContext, eq: EquationBuilder, outlets: readonly string[], cake: CakeSplit, share: number, shares: readonly (readonly number[])[]) {
  const list = ctx.species.list;
  return {
    reacted: eq.internal(0),
    share: eq.internal(share),
    cake: eq.outlet(outlets[cake.cake]),
    liquor: eq.outlet(outlets[cake.liquor]),
    liquorMass: Float64Array.from(list, (s) => (isLiquor(s.phase) ? s.molarMass : 0)),
    solidsMass: Float64Array.from(list, (s, k) => (s.phase === 's' ? s.molarMass * shares[k][cake.cake] : 0)),
    moisture: cake.moisture,
  };
}

/** True for the phases that make up a liquor: aqueous, liquid, organic. */
export const isLiquor = (phase: string) => phase === 'aq' || phase === 'l' || phase === 'org';

/** Checks an optional {selector: fraction} map; false after recording errors. */
export function checkFractionMap(map: Record<string, number> | undefined, ctx: CompileContext, path: string): boolean {
  return map === undefined || checkSelectors(map, ctx, path);
}

/** The fraction a {selector: fraction} map gives species k, or `fallback`. */
export function fractionOf(map: Record<string, number> | undefined, ctx: CompileContext, k: number, fallback: number): number {
  return map ? selectValue(map, ctx, k, fallback) : fallback;
}

/** Parameter declarations shared by the composites. */
/** The required `reactions` parameter; `description` says what the reactions do. */
export function reactionsParam(description: string): ParamDecl {
  return { kind: 'reactions', unit: '–', required: true, description };
}
export const REAGENTS_PARAM: ParamDecl = {
  kind: 'reagents',
  unit: '–',
  description: 'Species dosed at (1 + excess) × what the reactions consume ("net": less what already enters)',
};
export const ENTRAINMENT_PARAM: ParamDecl = {
  kind: 'number',
  min: 0,
  max: 1,
  unit: 'fraction of the liquor',
  default: 0,
  description: 'Share of the liquor (aqueous, liquid and organic species) that leaves entrained in the solids',
};
export const MOISTURE_PARAM: ParamDecl = {
  kind: 'number',
  min: 0,
  unit: 'kg liquor / kg solids',
  description: 'Cake moisture: liquor the cake holds per kg of its solids (instead of entrainment)',
};
export const CAKE_SOLIDS_PARAM: ParamDecl = {
  kind: 'number',
  min: 0,
  exclusiveMin: true,
  max: 1,
  unit: 'mass fraction',
  description: 'Solids in the cake as a mass fraction, e.g. 0.8 for 80 % solids (instead of entrainment)',
};
const GAS_PARAM: ParamDecl = {
  kind: 'text',
  unit: '–',
  default: 'liquor',
  description: 'Where gases leave: "liquor" (with the liquor) or "vent" (through a vent outlet)',
  schema: { type: 'string', enum: ['liquor', 'vent'], default: 'liquor' },
};

export const INLET: PortDecl = { name: 'in', direction: 'in', multiple: true, description: 'Streams fed to the unit (they add up)' };
const VENT: PortDecl = { name: 'vent', direction: 'out', phase: 'g', description: 'Gases released by the reactions' };

export interface SlurryParams extends CakeParams {
  reactions?: ReactionSpec[];
  reagents?: Record<string, ReagentSpec>;
  solids?: Record<string, number>;
  gas?: 'liquor' | 'vent';
  T?: number;
}

export const SOLIDS_PARAM: ParamDecl = {
  kind: 'selectorFractions',
  unit: 'fraction',
  description: 'Share of each solid species caught by the solid/liquid separation, by selector (default: all solids caught)',
};

/** The parameters of a slurry unit (leach, precipitator); `reactions` says what its reactions do. */
export function slurryParams(reactions: string): Record<string, ParamDecl> {
  return {
    reactions: reactionsParam(reactions),
    reagents: REAGENTS_PARAM,
    solids: SOLIDS_PARAM,
    entrainment: ENTRAINMENT_PARAM,
    moisture: MOISTURE_PARAM,
    cakeSolids: CAKE_SOLIDS_PARAM,
    gas: GAS_PARAM,
  };
}

/**
 * React, then split the slurry: solids (by `solids`, default all) and the cake's liquor (a share
 * `entrainment` of the liquor, or the `moisture` / `cakeSolids` the solids hold) to the cake outlet,
 * the rest of the liquor to `liquor`, gases to `vent` or with the liquor.
 */
export function slurryModel(params: SlurryParams, ctx: CompileContext, cake: string, reactions: ReactionOptions = {}): UnitModel | undefined {
  if (!checkFractionMap(params.solids, ctx, 'solids')) return undefined;
  const moisture = cakeMoisture(params, ctx);
  if (moisture === null) return undefined;
  const e = params.entrainment ?? 0;
  const vent = params.gas === 'vent';
  const outlets = vent ? [cake, 'liquor', 'vent'] : [cake, 'liquor'];
  const routing = (k: number) => {
    const phase = ctx.species.list[k].phase;
    let toCake = 0;
    if (phase === 's') toCake = fractionOf(params.solids, ctx, k, 1);
    else if (isLiquor(phase)) toCake = e;
    if (phase === 'g' && vent) return [0, 0, 1];
    return vent ? [toCake, 1 - toCake, 0] : [toCake, 1 - toCake];
  };
  return reactSplitModel(params, ctx, outlets, routing, { reactions, cake: moisture === undefined ? undefined : { cake: 0, liquor: 1, moisture } });
}

/** The ports of a slurry unit with cake outlet `cake`. */
export function slurryPorts(params: SlurryParams, cake: PortDecl): PortDecl[] {
  const ports: PortDecl[] = [INLET, cake, { name: 'liquor', direction: 'out', phase: 'aq', description: 'Clear liquor (filtrate or overflow)' }];
  if (params?.gas === 'vent') ports.push(VENT);
  return ports;
}
