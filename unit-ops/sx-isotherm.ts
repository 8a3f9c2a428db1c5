/**
 * A stage's D from its aqueous outflow: D = 10^(slope·(pH − pH50)), and ∂D/∂n for the Newton.
 * The pH is the one the results report for that stream (core/properties, ph.ts): −log10 of the
 * molarity of H[+](aq) when the plant declares that species, otherwise the HSO4⁻ ⇄ H⁺ + SO4²⁻
 * speciation (pKa2 = 1.99, ideal, 25 °C) of the liquor's H2SO4(aq) and sulfates. A liquor with less
 * H⁺ than neutral water (1e−7 mol/L), or no aqueous at all, is taken at pH 7 (no gradient).
 */
import { acidBaseCounts, plainHydrogenIon, sulfateHydrogenIon, type AcidBaseCounts } from '../core/properties';
import type { SpeciesTable } from '../core/species';
import type { Isotherm, StageD } from './sx-exchange';

const NEUTRAL_PH = 7;

export interface StagePH {
  pH: number;
  /** ∂pH/∂n_k of the aqueous outflow's flows (kmol/h). */
  dpH: Float64Array;
}

/** The pH model of a plant: plain H⁺ when declared, else the sulfate speciation. */
export function phModel(species: SpeciesTable): (flows: Float64Array) => StagePH {
  const plain = species.list.some((s) => s.phase === 'aq' && s.formula === 'H[+]');
  const counts: AcidBaseCounts | undefined = plain ? undefined : acidBaseCounts(species.list);
  const S = species.list.length;
  return (flows) => {
    const ion = counts ? sulfateHydrogenIon(species.volumes, counts, flows) : plainHydrogenIon(species.volumes, species.list, flows);
    if (!ion || !(ion.pH <= NEUTRAL_PH)) return { pH: NEUTRAL_PH, dpH: new Float64Array(S) };
    return { pH: ion.pH, dpH: ion.dpH };
  };
}

/** D at pH, and dD/dpH. */
function isothermD(iso: Isotherm, pH: number): [number, number] {
  const D = 10 ** (iso.slope * (pH - iso.pH50));
  return [D, D * iso.slope * Math.LN10];
}

/** D of a stage and ∂D/∂n_k, for a fixed or a computed D. */
export function stageD(d: StageD, flows: Float64Array, ph: (flows: Float64Array) => StagePH): { D: number; dD: Float64Array | undefined } {
  if ('fixed' in d) return { D: d.fixed, dD: undefined };
  const { pH, dpH } = ph(flows);
  const [D, slope] = isothermD(d.isotherm, pH);
  return { D, dD: dpH.map((g) => slope * g) };
}

/** The relaxation's D: the fixed one, or the isotherm at its pH50 (D = 1). */
export function relaxedD(d: StageD): number {
  return 'fixed' in d ? d.fixed : 1;
}
