/** The flow basis of a file: every flow number in it is in this unit. Internally all is kmol/h. */
import type { FlowBasis } from './document';

const MASS_TO_KG_PER_H: Partial<Record<FlowBasis, number>> = { 'kg/h': 1, 't/h': 1000 };
const MOLAR_TO_KMOL_PER_H: Partial<Record<FlowBasis, number>> = { 'kmol/h': 1, 'mol/s': 3.6 };

/** kmol/h of a species of molar mass M (kg/kmol) for an amount given in `basis`. */
export function toKmolPerHour(basis: FlowBasis, amount: number, molarMass: number): number {
  const mass = MASS_TO_KG_PER_H[basis];
  if (mass !== undefined) return (amount * mass) / molarMass;
  return amount * MOLAR_TO_KMOL_PER_H[basis]!;
}
