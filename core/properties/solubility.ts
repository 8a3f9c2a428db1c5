/** s(salt, T): solubility in g anhydrous salt per 100 g water, its dT derivative, and the stable solid. */
import { parseSpeciesId } from '../chemistry';
import { SOLUBILITY, type SolubilityTable, type StableSolid } from './data/solubility';

export interface Solubility {
  /** g anhydrous salt / 100 g water. */
  s: number;
  /** ds/dT, (g/100 g)/K: the slope of the segment T lies on (at a point, the one above it). */
  dsdT: number;
  /** The solid that crystallises at T. */
  solid: string;
  /** True when T lies outside the cited points (the end segment is extended). */
  extrapolated: boolean;
}

/** The table of a salt by formula ("CoSO4") or by its aqueous id ("CoSO4(aq)"). */
export function solubilityTable(salt: string): SolubilityTable | undefined {
  return SOLUBILITY[salt] ?? Object.values(SOLUBILITY).find((t) => t.aqueous === salt);
}

function stableSolid(table: SolubilityTable, T: number): StableSolid {
  return table.solids.find((r) => T >= r.from && T < r.to) ?? table.solids[T < table.solids[0]!.from ? 0 : table.solids.length - 1]!;
}

/** Solubility at T (°C), linear between the cited points; undefined for a salt with no table. */
export function solubility(salt: string, T: number): Solubility | undefined {
  const table = solubilityTable(salt);
  if (!table) return undefined;
  const p = table.points;
  let i = 0;
  while (i < p.length - 2 && T >= p[i + 1]!.T) i++;
  const a = p[i]!;
  const b = p[i + 1]!;
  const dsdT = (b.s - a.s) / (b.T - a.T);
  return {
    s: a.s + dsdT * (T - a.T),
    dsdT,
    solid: stableSolid(table, T).solid,
    extrapolated: T < p[0]!.T || T > p[p.length - 1]!.T,
  };
}

/** Moles of water of crystallisation per mole of salt in `solid` ("CoSO4·7H2O(s)" → 7). */
export function waterOfCrystallisation(table: SolubilityTable, solid: string): number {
  const salt = parseSpeciesId(table.aqueous).elements;
  const hydrate = parseSpeciesId(solid).elements;
  return (hydrate.O ?? 0) - (salt.O ?? 0);
}
