/**
 * A feed's composition two ways: species flows in the file's basis, or mass fractions with a total
 * mass flow. Both convert exactly through the molar masses of the declared species.
 */
import type { FlowBasis } from '../../core';
import type { SpeciesInfo } from '../../core/chemistry';

/** kg/h of `amount` of a species given in `basis`. */
export function toKgPerHour(basis: FlowBasis, amount: number, molarMass: number): number {
  switch (basis) {
    case 'kg/h':
      return amount;
    case 't/h':
      return amount * 1000;
    case 'kmol/h':
      return amount * molarMass;
    case 'mol/s':
      return amount * 3.6 * molarMass;
  }
}

export function fromKgPerHour(basis: FlowBasis, kgPerHour: number, molarMass: number): number {
  return kgPerHour / toKgPerHour(basis, 1, molarMass);
}

export interface MassComposition {
  /** kg/h in all. */
  total: number;
  /** Mass fraction of each species (0..1). */
  fractions: Record<string, number>;
  /** Species whose molar mass is unknown (not declared, or unreadable). */
  unknown: string[];
}

export function toMassComposition(flows: Record<string, number>, basis: FlowBasis, species: ReadonlyMap<string, SpeciesInfo>): MassComposition {
  const mass: Record<string, number> = {};
  const unknown: string[] = [];
  let total = 0;
  for (const [id, amount] of Object.entries(flows)) {
    const info = species.get(id);
    if (!info && (basis === 'kmol/h' || basis === 'mol/s')) {
      unknown.push(id);
      continue;
    }
    const m = toKgPerHour(basis, amount, info?.molarMass ?? 1);
    mass[id] = m;
    total += m;
  }
  const fractions: Record<string, number> = {};
  for (const [id, m] of Object.entries(mass)) fractions[id] = total > 0 ? m / total : 0;
  return { total, fractions, unknown };
}

/** Flows in `basis` of a total mass flow split by mass fractions (which should sum to 1). */
export function fromMassComposition(
  fractions: Record<string, number>,
  totalKgPerHour: number,
  basis: FlowBasis,
  species: ReadonlyMap<string, SpeciesInfo>,
): Record<string, number> {
  const flows: Record<string, number> = {};
  for (const [id, w] of Object.entries(fractions)) {
    const M = species.get(id)?.molarMass ?? 1;
    flows[id] = roundSig(fromKgPerHour(basis, w * totalKgPerHour, M));
  }
  return flows;
}

export const sumValues = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

/** 12 significant digits: keeps files free of float noise like 0.30000000000000004. */
export function roundSig(x: number, digits = 12): number {
  return x === 0 ? 0 : Number(x.toPrecision(digits));
}
