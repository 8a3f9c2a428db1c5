/**
 * Volume of the aqueous solution as a linear form in the flows (FORMAT.md "Species data"): the
 * water's mass over its density (997.05 kg/m³ at 25 °C unless the file gives one) plus Σ n·v̄ over
 * the (aq) species, v̄ their apparent molar volume. Specs on concentrations and pH are written with it.
 */
import type { SpeciesDecl } from './document';
import { own } from './records';
import type { SpeciesTable } from './species';

export const WATER_DENSITY = 997.05;
const WATER = 'H2O(l)';

/** m³ of aqueous solution per kmol of each species (0 for species outside the solution). */
export function aqueousVolumeCoefficients(species: SpeciesTable, decls: Readonly<Record<string, SpeciesDecl>>): Float64Array {
  return Float64Array.from(species.list, (s) => {
    const decl = own(decls, s.id);
    if (s.id === WATER) return s.molarMass / (decl?.density ?? WATER_DENSITY);
    if (s.phase === 'aq') return decl?.molarVolume ?? 0;
    return 0;
  });
}
