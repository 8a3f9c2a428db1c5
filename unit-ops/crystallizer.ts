import { isWater, solubility as tableSolubility, solubilityTable } from '../core/properties';
import type { CompileContext, UnitReport, UnitType, UnitView } from '../core/unit-type';
import { cakeMoisture } from './cake';
import {
  CAKE_SOLIDS_PARAM,
  checkFractionMap,
  ENTRAINMENT_PARAM,
  fractionOf,
  INLET,
  isLiquor,
  MOISTURE_PARAM,
  REAGENTS_PARAM,
  reactSplitModel,
  SOLIDS_PARAM,
  type SlurryParams,
} from './composite';
import { fmt } from './equations';
import { compileReactions } from './reactions';
import { dissolvedPer100, unitTemperature } from './solubility';
import { solubilityReactionsParam } from './solubility-param';

type CrystallizerParams = Omit<SlurryParams, 'gas'>;

/**
 * Evaporative or cooling crystallizer with its centrifuge: crystallisation (e.g.
 * `NiSO4(aq) + 6 H2O(l) -> NiSO4·6H2O(s)`) and evaporation (`H2O(l) -> H2O(g)`) as reactions in
 * series, then crystals (with entrained mother liquor, or the moisture they hold), mother liquor and
 * vapour. A crystallisation may give `solubility` instead of `conversion` (solubility.ts). After the
 * solve, `inspect` reports each dissolving salt's g per 100 g water in the mother liquor, and warns
 * when a fixed-conversion crystallisation leaves a mother liquor below the table's solubility (the
 * crystals it claims would dissolve).
 */
export const crystallizer: UnitType<CrystallizerParams> = {
  type: 'crystallizer',
  title: 'Crystallizer',
  description: 'Crystallisation and evaporation as reactions, then crystals, mother liquor and vapour',
  params: {
    reactions: solubilityReactionsParam(
      'Crystallisation and evaporation reactions in series: equation, key species, and the fraction of the key converted (conversion, 0..1) or its solubility (kg per 100 kg water left, or "table")',
    ),
    reagents: REAGENTS_PARAM,
    solids: { ...SOLIDS_PARAM, description: 'Share of each solid species recovered by the centrifuge, by selector (default: all)' },
    entrainment: { ...ENTRAINMENT_PARAM, description: 'Share of the mother liquor that leaves with the crystals' },
    moisture: { ...MOISTURE_PARAM, description: 'Mother liquor the crystals hold per kg of crystals (instead of entrainment)' },
    cakeSolids: { ...CAKE_SOLIDS_PARAM, description: 'Crystals as a mass fraction of the centrifuge cake (instead of entrainment)' },
  },
  ports: () => [
    INLET,
    { name: 'crystals', direction: 'out', phase: 's', description: 'Crystals with entrained mother liquor' },
    { name: 'motherLiquor', direction: 'out', phase: 'aq', description: 'Mother liquor' },
    { name: 'vapour', direction: 'out', phase: 'g', description: 'Vapour: every gas-phase species' },
  ],
  compile(params, ctx) {
    if (!checkFractionMap(params.solids, ctx, 'solids')) return undefined;
    const moisture = cakeMoisture(params, ctx);
    if (moisture === null) return undefined;
    const e = params.entrainment ?? 0;
    const T = unitTemperature(params);
    const routing = (k: number) => {
      const phase = ctx.species.list[k].phase;
      if (phase === 'g') return [0, 0, 1];
      const f = phase === 's' ? fractionOf(params.solids, ctx, k, 1) : isLiquor(phase) ? e : 0;
      return [f, 1 - f, 0];
    };
    const model = reactSplitModel(params, ctx, ['crystals', 'motherLiquor', 'vapour'], routing, {
      reactions: { solubilityAt: T, unitType: 'crystallizer' },
      cake: moisture === undefined ? undefined : { cake: 0, liquor: 1, moisture },
    });
    if (!model) return undefined;
    const checks = saturationChecks(params, ctx, T);
    return { ...model, inspect: (view, report) => inspectSaturation(view, report, checks, T) };
  },
};

interface SaturationCheck {
  r: number;
  key: number;
  water: number;
  /** Table solubility at T, g/100 g; undefined where the reaction sets its own. */
  s?: number;
  fixed: boolean;
  molarMass: (k: number) => number;
  keyId: string;
}

/** The crystallisations whose mother liquor can be judged: a dissolved key, a solid made, water. */
function saturationChecks(params: CrystallizerParams, ctx: CompileContext, T: number): SaturationCheck[] {
  const list = ctx.species.list;
  const water = list.findIndex(isWater);
  if (water < 0) return [];
  const quiet: CompileContext = { ...ctx, error: () => {}, warn: () => {} };
  const set = compileReactions(params.reactions ?? [], params.reagents ?? {}, quiet, 'reactions', 'reagents', { solubilityAt: T, unitType: 'crystallizer' });
  if (!set) return [];
  const out: SaturationCheck[] = [];
  set.reactions.forEach((rx, r) => {
    const key = list[rx.key];
    if (key.phase !== 'aq' || !rx.terms.some((t) => t.nu > 0 && list[t.k].phase === 's')) return;
    const table = solubilityTable(key.id) ? tableSolubility(key.id, T)?.s : undefined;
    if (rx.conversion !== undefined && table === undefined) return;
    out.push({ r, key: rx.key, water, s: table, fixed: rx.conversion !== undefined && rx.conversion > 0, molarMass: (k) => list[k].molarMass, keyId: key.id });
  });
  return out;
}

/** g/100 g of each crystallising salt in the mother liquor; a warning where a fixed conversion leaves it undersaturated. */
function inspectSaturation(view: UnitView, report: UnitReport, checks: readonly SaturationCheck[], T: number): void {
  const reacted = view.internal(0);
  for (const c of checks) {
    const held = dissolvedPer100(reacted, c.key, c.water, view.value, c.molarMass);
    if (!Number.isFinite(held)) continue;
    report.figure(`${c.keyId} in mother liquor`, held, 'g/100 g water');
    if (c.fixed && c.s !== undefined && held < c.s * (1 - 1e-3)) {
      report.warn(
        `reactions[${c.r}].conversion`,
        `the mother liquor holds ${fmt(held)} g ${c.keyId} per 100 g water, below its solubility of ${fmt(c.s)} at ${fmt(T)} °C: ` +
          `the crystals of reaction ${c.r + 1} would dissolve; give "solubility" instead of "conversion"`,
        { species: c.keyId },
      );
    }
  }
}
