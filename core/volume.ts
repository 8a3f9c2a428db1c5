/**
 * Volume of the aqueous solution as a linear form in the flows (FORMAT.md "Species data"): the
 * water's mass over its density (997.05 kg/m³ at 25 °C unless the file gives one) plus Σ n·v̄ over
 * the (aq) species, v̄ their apparent molar volume (core/properties). Specs on concentrations and
 * pH are written with it.
 */
import type { SpeciesTable } from './species';

/** m³ of aqueous solution per kmol of each species (0 for species outside the solution). */
export function aqueousVolumeCoefficients(species: SpeciesTable): Float64Array {
  const { phase, perKmol } = species.volumes;
  return Float64Array.from(perKmol, (a, k) => (phase[k] === 'aq' ? a : 0));
}
